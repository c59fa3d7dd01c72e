package httpdiff

// DataPlaneCases are issue 3's cases: binds, HTTP and TCP forwarding,
// timeouts, retries, balancing, queueing and the proxy's own errors.
func DataPlaneCases() []*Case {
	return concat(
		basicCases(),
		bindCases(),
		connCases(),
		bodyCases(),
		limitCases(),
		forwardforCases(),
		caseCases(),
		tcpCases(),
		timeoutCases(),
		retryCases(),
		balanceCases(),
		queueCases(),
		serverCases(),
		errorCases(),
	)
}

// RulesCases are issue 4's cases: fetches, ACLs, converters, rules and
// actions, cookies and stick tables, error pages.
func RulesCases() []*Case {
	return concat(
		fetchCases(),
		aclCases(),
		convCases(),
		requestActionCases(),
		responseCases(),
		routingCases(),
		redirectCases(),
		tcpRuleCases(),
		cookieCases(),
		stickCases(),
		errorPageCases(),
		logFormatCases(),
	)
}

func concat(groups ...[]*Case) []*Case {
	var out []*Case
	for _, g := range groups {
		out = append(out, g...)
	}
	return out
}
