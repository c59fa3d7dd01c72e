package rules

import "strings"

// actionDefs returns every action keyword with its parser, once.
func actionDefs() map[string]*action {
	defs := []*action{
		{kw: "wait-for-handshake", parse: parseNoArg},
		{kw: "ot-group", parse: parseOTGroup},
		{kw: "set-log-level", parse: parseSetLogLevel},
		{kw: "set-nice", parse: parseSetNice},
		{kw: "use-service", parse: parseUseService, final: true},
		{kw: "sc-inc-gpc", prefix: true, parse: parseIncGPC},
		{kw: "sc-inc-gpc0", prefix: true, parse: parseIncGPC},
		{kw: "sc-inc-gpc1", prefix: true, parse: parseIncGPC},
		{kw: "sc-set-gpt", prefix: true, parse: parseSetGPT},
		{kw: "sc-set-gpt0", prefix: true, parse: parseSetGPT},
		{kw: "send-spoe-group", parse: parseSPOEGroup},
		{kw: "do-resolve", prefix: true, parse: parseDoResolve},
		{kw: "cache-use", parse: parseCache},
		{kw: "cache-store", parse: parseCache},
		{kw: "add-acl", prefix: true, parse: parseSetMap},
		{kw: "add-header", parse: parseSetHeader},
		{kw: "allow", parse: parseNoArg, final: true},
		{kw: "auth", parse: parseAuth, final: true},
		{kw: "capture", parse: parseHTTPCapture},
		{kw: "del-acl", prefix: true, parse: parseSetMap},
		{kw: "del-header", parse: parseDelHeader},
		{kw: "del-map", prefix: true, parse: parseSetMap},
		{kw: "deny", parse: parseDeny, final: true},
		{kw: "disable-l7-retry", parse: parseNoArg},
		{kw: "early-hint", parse: parseSetHeader},
		{kw: "normalize-uri", parse: parseNormalizeURI, experimental: true},
		{kw: "redirect", parse: parseHTTPRedirect},
		{kw: "reject", parse: parseNoArg, final: true},
		{kw: "replace-header", parse: parseReplaceHeader},
		{kw: "replace-path", parse: parseReplaceURI},
		{kw: "replace-pathq", parse: parseReplaceURI},
		{kw: "replace-uri", parse: parseReplaceURI},
		{kw: "replace-value", parse: parseReplaceHeader},
		{kw: "return", parse: parseReturn, final: true},
		{kw: "set-header", parse: parseSetHeader},
		{kw: "set-map", prefix: true, parse: parseSetMap},
		{kw: "set-method", parse: parseReqLine},
		{kw: "set-path", parse: parseReqLine},
		{kw: "set-pathq", parse: parseReqLine},
		{kw: "set-query", parse: parseReqLine},
		{kw: "set-uri", parse: parseReqLine},
		{kw: "set-status", parse: parseSetStatus},
		{kw: "strict-mode", parse: parseStrictMode},
		{kw: "tarpit", parse: parseDeny, final: true},
		{kw: "track-sc", prefix: true, parse: parseHTTPTrack},
		{kw: "set-timeout", parse: parseSetTimeout},
		{kw: "wait-for-body", parse: parseWaitForBody},
		{kw: "set-var-fmt", prefix: true, parse: parseStore},
		{kw: "set-var", prefix: true, parse: parseStore},
		{kw: "unset-var", prefix: true, parse: parseStore},
		{kw: "set-dst", parse: parseSetSrcDst},
		{kw: "set-dst-port", parse: parseSetSrcDst},
		{kw: "set-mark", parse: parseSetMark},
		{kw: "set-src", parse: parseSetSrcDst},
		{kw: "set-src-port", parse: parseSetSrcDst},
		{kw: "set-tos", parse: parseSetMark},
		{kw: "silent-drop", parse: parseNoArg, final: true},
		{kw: "set-priority-class", parse: parseSetPriority},
		{kw: "set-priority-offset", parse: parseSetPriority},
		{kw: "switch-mode", parse: parseSwitchMode},
	}
	m := make(map[string]*action, len(defs))
	for _, d := range defs {
		m[d.kw] = d
	}
	return m
}

// setActions returns the actions of a rule set in 2.6's registration
// order, as its "expects ..." message lists them (Debian's build, with
// the OpenTracing filter's ot-group).
func setActions(s Set) []*action {
	var list string
	switch s {
	case HTTPRequest:
		list = "wait-for-handshake ot-group set-log-level set-nice use-service sc-inc-gpc sc-inc-gpc0 " +
			"sc-inc-gpc1 sc-set-gpt sc-set-gpt0 send-spoe-group do-resolve cache-use add-acl add-header " +
			"allow auth capture del-acl del-header del-map deny disable-l7-retry early-hint normalize-uri " +
			"redirect reject replace-header replace-path replace-pathq replace-uri replace-value return " +
			"set-header set-map set-method set-path set-pathq set-query set-uri strict-mode tarpit track-sc " +
			"set-timeout wait-for-body set-var-fmt set-var unset-var set-dst set-dst-port set-mark set-src " +
			"set-src-port set-tos silent-drop set-priority-class set-priority-offset"
	case HTTPResponse:
		list = "ot-group set-log-level set-nice sc-inc-gpc sc-inc-gpc0 sc-inc-gpc1 sc-set-gpt sc-set-gpt0 " +
			"send-spoe-group cache-store add-acl add-header allow capture del-acl del-header del-map deny " +
			"redirect replace-header replace-value return set-header set-map set-status strict-mode track-sc " +
			"wait-for-body set-var-fmt set-var unset-var set-mark set-tos silent-drop"
	case HTTPAfterResponse:
		list = "ot-group add-header allow capture del-header replace-header replace-value set-header " +
			"set-status strict-mode set-var-fmt set-var unset-var"
	case TCPRequestConnection, TCPRequestSession:
		list = "sc-inc-gpc sc-inc-gpc0 sc-inc-gpc1 sc-set-gpt sc-set-gpt0 set-var-fmt set-var unset-var " +
			"set-dst set-dst-port set-mark set-src set-src-port set-tos silent-drop"
	case TCPRequestContent:
		list = "ot-group set-log-level set-nice switch-mode use-service sc-inc-gpc sc-inc-gpc0 sc-inc-gpc1 " +
			"sc-set-gpt sc-set-gpt0 send-spoe-group do-resolve set-var-fmt set-var unset-var set-src " +
			"set-src-port set-dst set-dst-port set-mark set-tos silent-drop set-priority-class set-priority-offset"
	case TCPResponseContent:
		list = "ot-group set-log-level set-nice sc-inc-gpc sc-inc-gpc0 sc-inc-gpc1 sc-set-gpt sc-set-gpt0 " +
			"send-spoe-group set-var-fmt set-var unset-var set-mark set-tos silent-drop"
	}
	defs := actionDefs()
	var out []*action
	for _, n := range strings.Fields(list) {
		out = append(out, defs[n])
	}
	return out
}

// ActionCount returns how many action keywords each rule set accepts,
// counting tcp-request's built-in accept, reject, capture, track-sc,
// expect-proxy and expect-netscaler-cip, and tcp-response's built-in
// accept, close and reject.
func ActionCount(s Set) int {
	n := len(setActions(s))
	switch s {
	case TCPRequestConnection, TCPRequestSession, TCPRequestContent:
		n += 6
	case TCPResponseContent:
		n += 3
	}
	return n
}
