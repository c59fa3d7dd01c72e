package config

import (
	"fmt"
	"time"

	"hakeep/proxy"
	"hakeep/proxy/sample"
)

// pxACL is "acl <name> <criterion> [flags] [operator] <value> ...".
func pxACL(pp *proxyParser, s *pxState, ln *line) errCode {
	l := pp.l
	if pp.notInAnonDefaults(s, ln) {
		return errFatalAlert
	}
	if bad, ok := invalidChar(ln.arg(1)); !ok {
		l.alert(ln, "character '%s' is not permitted in acl name '%s'.", cChar(bad), ln.arg(1))
		return errFatalAlert
	}
	if eqFold(ln.arg(1), "or") {
		l.alert(ln, "acl name '%s' will never match. 'or' is used to express a logical disjunction within a condition.", ln.arg(1))
		return errFatalAlert
	}
	a, msg := l.compileACL(s, ln)
	if msg != "" {
		l.alert(ln, "%s", msg)
		return errFatalAlert
	}
	s.p.ACLs = append(s.p.ACLs, a)
	s.aclNames[a.Name] = true
	return 0
}

func eqFold(a, b string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := 0; i < len(a); i++ {
		x, y := a[i], b[i]
		if x >= 'A' && x <= 'Z' {
			x += 'a' - 'A'
		}
		if y >= 'A' && y <= 'Z' {
			y += 'a' - 'A'
		}
		if x != y {
			return false
		}
	}
	return true
}

// finalActions are the actions that end rule evaluation (ACT_FLAG_FINAL):
// a final rule without a condition makes the next ones useless.
var finalActions = map[string]bool{
	"allow": true, "deny": true, "reject": true, "tarpit": true, "auth": true,
	"redirect": true, "return": true, "use-service": true, "silent-drop": true,
}

// pxHTTPRules is http-request, http-response and http-after-response.
func pxHTTPRules(pp *proxyParser, s *pxState, ln *line) errCode {
	l := pp.l
	var ec errCode
	if pp.notInAnonDefaults(s, ln) {
		return errFatalAlert
	}
	list := &s.p.HTTPRequest
	switch ln.arg(0) {
	case "http-response":
		list = &s.p.HTTPResponse
	case "http-after-response":
		list = &s.p.HTTPAfterResponse
	}
	if n := len(*list); n > 0 && (*list)[n-1].Cond == nil && finalActions[(*list)[n-1].Action] {
		l.warnNS(ln, "previous '%s' action is final and has no condition attached, further entries are NOOP.", ln.arg(0))
		ec |= errWarn
	}
	r, e := l.compileRule(s, ln, ln.arg(0), 1)
	if r == nil {
		l.alertf(ln.pos, "%s", renderSampleError(ln, e))
		return ec | errAlert | errAbort
	}
	*list = append(*list, r)
	return ec
}

// pxRedirect is "redirect location|prefix|scheme <to> [options] [cond]".
func pxRedirect(pp *proxyParser, s *pxState, ln *line) errCode {
	l := pp.l
	if pp.notInDefaults(s, ln) {
		return errFatalAlert
	}
	if ln.arg(1) != "location" && ln.arg(1) != "prefix" && ln.arg(1) != "scheme" {
		l.alert(ln, "error detected in %s '%s' while parsing redirect rule : %s.", s.typeStr(), s.name(),
			fmt.Sprintf("expects 'code', 'prefix', 'location', 'scheme', 'set-cookie', 'clear-cookie', 'drop-query' or 'append-slash' (was '%s')", ln.arg(1)))
		return errFatalAlert
	}
	if ln.arg(2) == "" {
		l.alert(ln, "error detected in %s '%s' while parsing redirect rule : %s.", s.typeStr(), s.name(),
			fmt.Sprintf("missing argument for '%s'", ln.arg(1)))
		return errFatalAlert
	}
	r, e := l.compileRule(s, ln, "redirect", 1)
	if r == nil {
		l.alert(ln, "error detected in %s '%s' while parsing redirect rule : %s.", s.typeStr(), s.name(), e.Msg)
		return errFatalAlert
	}
	s.p.Redirects = append(s.p.Redirects, r)
	return 0
}

// pxUseBackend is "use_backend <backend> [if|unless <cond>]".
func pxUseBackend(pp *proxyParser, s *pxState, ln *line) errCode {
	l := pp.l
	var ec errCode
	if pp.notInDefaults(s, ln) {
		return errFatalAlert
	}
	if pp.warnIfNotCap(s, ln, proxy.CapFrontend, ln.arg(0), "") {
		ec |= errWarn
	}
	if ln.arg(1) == "" {
		l.alert(ln, "'%s' expects a backend name.", ln.arg(0))
		return ec | errFatalAlert
	}
	rule := &proxy.UseBackend{Name: ln.arg(1)}
	switch ln.arg(2) {
	case "if", "unless":
		cond, msg := l.compileCond(s, ln, 2)
		if msg != "" {
			l.alert(ln, "error detected while parsing switching rule : %s.", msg)
			return ec | errFatalAlert
		}
		rule.Cond = cond
	case "":
	default:
		l.alert(ln, "unexpected keyword '%s' after switching rule, only 'if' and 'unless' are allowed.", ln.arg(2))
		return ec | errFatalAlert
	}
	s.p.UseBackends = append(s.p.UseBackends, rule)
	s.useBackendPos = append(s.useBackendPos, ln.pos)
	return ec
}

// pxUseServer is "use-server <server> if|unless <cond>".
func pxUseServer(pp *proxyParser, s *pxState, ln *line) errCode {
	l := pp.l
	var ec errCode
	if pp.notInDefaults(s, ln) {
		return errFatalAlert
	}
	if pp.warnIfNotCap(s, ln, proxy.CapBackend, ln.arg(0), "") {
		ec |= errWarn
	}
	if ln.arg(1) == "" {
		l.alert(ln, "'%s' expects a server name.", ln.arg(0))
		return ec | errFatalAlert
	}
	if ln.arg(2) != "if" && ln.arg(2) != "unless" {
		l.alert(ln, "'%s' requires either 'if' or 'unless' followed by a condition.", ln.arg(0))
		return ec | errFatalAlert
	}
	cond, msg := l.compileCond(s, ln, 2)
	if msg != "" {
		l.alert(ln, "error detected while parsing switching rule : %s.", msg)
		return ec | errFatalAlert
	}
	s.p.UseServers = append(s.p.UseServers, &proxy.UseServer{Name: ln.arg(1), Cond: cond})
	s.useServerPos = append(s.useServerPos, ln.pos)
	return ec
}

// pxForcePersist is "force-persist|ignore-persist if|unless <cond>".
func pxForcePersist(pp *proxyParser, s *pxState, ln *line) errCode {
	l := pp.l
	var ec errCode
	if pp.notInDefaults(s, ln) {
		return errFatalAlert
	}
	if pp.warnIfNotCap(s, ln, proxy.CapBackend, ln.arg(0), "") {
		ec |= errWarn
	}
	if ln.arg(1) != "if" && ln.arg(1) != "unless" {
		l.alert(ln, "'%s' requires either 'if' or 'unless' followed by a condition.", ln.arg(0))
		return ec | errFatalAlert
	}
	cond, msg := l.compileCond(s, ln, 1)
	if msg != "" {
		l.alert(ln, "error detected while parsing a '%s' rule : %s.", ln.arg(0), msg)
		return ec | errFatalAlert
	}
	s.p.PersistRules = append(s.p.PersistRules, &proxy.PersistRule{Ignore: ln.arg(0) == "ignore-persist", Cond: cond})
	return ec
}

// inspectDelay parses "tcp-request|tcp-response inspect-delay <time>".
func (pp *proxyParser) inspectDelay(s *pxState, ln *line, field *time.Duration) (int, string) {
	v, te, ok := parseTime(ln.arg(2), unitMS)
	if ln.arg(2) == "" || !ok {
		msg := fmt.Sprintf("'%s %s' expects a positive delay in milliseconds, in %s '%s'", ln.arg(0), ln.arg(1), s.typeStr(), s.name())
		switch {
		case ln.arg(2) == "":
		case te.over:
			msg += fmt.Sprintf(" (timer overflow in '%s', maximum value is 2147483647 ms or ~24.8 days)", ln.arg(2))
		case te.under:
			msg += fmt.Sprintf(" (timer underflow in '%s', minimum non-null value is 1 ms)", ln.arg(2))
		default:
			msg += fmt.Sprintf(" (unexpected character '%s')", charAt(ln.arg(2), te.at))
		}
		return -1, msg
	}
	if *field != 0 {
		return 1, fmt.Sprintf("ignoring %s %s (was already defined) in %s '%s'", ln.arg(0), ln.arg(1), s.typeStr(), s.name())
	}
	*field = durationOf(v, unitMS)
	return 0, ""
}

// pxTCPRequest is "tcp-request inspect-delay|connection|session|content"
// (tcp_parse_tcp_req() in src/tcp_rules.c).
var pxTCPRequest = pxRegistered(func(pp *proxyParser, s *pxState, ln *line) (int, string) {
	anon := s.isDef() && s.anon
	if ln.arg(1) == "" {
		if s.isDef() {
			return -1, fmt.Sprintf("missing argument for '%s' in defaults section", ln.arg(0))
		}
		return -1, fmt.Sprintf("missing argument for '%s' in %s '%s'", ln.arg(0), s.typeStr(), s.name())
	}
	var list *[]*proxy.Rule
	switch ln.arg(1) {
	case "inspect-delay":
		if anon {
			return -1, fmt.Sprintf("%s %s is not allowed in anonymous 'defaults' sections", ln.arg(0), ln.arg(1))
		}
		return pp.inspectDelay(s, ln, &s.p.InspectDelay)
	case "content":
		list = &s.p.TCPRequestContent
	case "connection", "session":
		if !s.fe() {
			return -1, fmt.Sprintf("%s %s is not allowed because %s %s is not a frontend", ln.arg(0), ln.arg(1), s.typeStr(), s.name())
		}
		list = &s.p.TCPRequestConn
		if ln.arg(1) == "session" {
			list = &s.p.TCPRequestSession
		}
	default:
		if s.isDef() {
			return -1, fmt.Sprintf("'%s' expects 'inspect-delay', 'connection', or 'content' in defaults section (got '%s')", ln.arg(0), ln.arg(1))
		}
		return -1, fmt.Sprintf("'%s' expects 'inspect-delay', 'connection', or 'content' in %s '%s' (got '%s')", ln.arg(0), s.typeStr(), s.name(), ln.arg(1))
	}
	if anon {
		return -1, fmt.Sprintf("%s %s is not allowed in anonymous 'defaults' sections", ln.arg(0), ln.arg(1))
	}
	r, e := pp.l.compileRule(s, ln, ln.arg(0)+" "+ln.arg(1), 2)
	if r == nil {
		return pp.ruleErr(ln, e)
	}
	*list = append(*list, r)
	return 0, ""
})

// pxTCPResponse is "tcp-response inspect-delay|content".
var pxTCPResponse = pxRegistered(func(pp *proxyParser, s *pxState, ln *line) (int, string) {
	anon := s.isDef() && s.anon
	if ln.arg(1) == "" {
		return -1, fmt.Sprintf("missing argument for '%s' in %s '%s'", ln.arg(0), s.typeStr(), s.name())
	}
	switch ln.arg(1) {
	case "inspect-delay":
		if anon || !s.be() {
			return -1, fmt.Sprintf("%s %s is only allowed in 'backend' sections or 'defaults' section with a name", ln.arg(0), ln.arg(1))
		}
		return pp.inspectDelay(s, ln, &s.p.ResponseInspectDelay)
	case "content":
	default:
		if s.isDef() {
			return -1, fmt.Sprintf("'%s' expects 'inspect-delay' or 'content' in defaults section (got '%s')", ln.arg(0), ln.arg(1))
		}
		return -1, fmt.Sprintf("'%s' expects 'inspect-delay' or 'content' in %s '%s' (got '%s')", ln.arg(0), s.typeStr(), s.name(), ln.arg(1))
	}
	if anon {
		return -1, fmt.Sprintf("%s %s is not allowed in anonymous 'defaults' sections", ln.arg(0), ln.arg(1))
	}
	r, e := pp.l.compileRule(s, ln, "tcp-response content", 2)
	if r == nil {
		return pp.ruleErr(ln, e)
	}
	s.p.TCPResponseContent = append(s.p.TCPResponseContent, r)
	return 0, ""
})

// ruleErr turns a rule compilation error into a registered keyword's
// result: the usual framing is added by the caller, others are printed
// here as they are.
func (pp *proxyParser) ruleErr(ln *line, e *sample.Error) (int, string) {
	if e.Style == sample.StyleParsing {
		return -1, e.Msg
	}
	pp.l.alertf(ln.pos, "%s", renderSampleError(ln, e))
	return -2, ""
}
