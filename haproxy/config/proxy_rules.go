package config

import (
	"fmt"
	"time"
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
// (tcp_parse_tcp_req() in src/tcp_rules.c). inspect-delay is decided
// here because 2.6 compares it with the value inherited from defaults;
// the rules go to proxy/rules.
func pxTCPRequest(pp *proxyParser, s *pxState, ln *line) (int, string) {
	switch ln.arg(1) {
	case "inspect-delay":
	case "":
		if s.isDef() {
			return -1, fmt.Sprintf("missing argument for '%s' in defaults section", ln.arg(0))
		}
		return pp.ruleLine(s, ln)
	case "connection", "session", "content":
		return pp.ruleLine(s, ln)
	default:
		if s.isDef() {
			return -1, fmt.Sprintf("'%s' expects 'inspect-delay', 'connection', or 'content' in defaults section (got '%s')", ln.arg(0), ln.arg(1))
		}
		return pp.ruleLine(s, ln)
	}
	if s.isDef() && s.anon {
		return -1, fmt.Sprintf("%s %s is not allowed in anonymous 'defaults' sections", ln.arg(0), ln.arg(1))
	}
	return pp.inspectDelay(s, ln, &s.p.InspectDelay)
}

// pxTCPResponse is "tcp-response inspect-delay|content" (tcp_parse_tcp_rep).
func pxTCPResponse(pp *proxyParser, s *pxState, ln *line) (int, string) {
	if ln.arg(1) != "inspect-delay" {
		return pp.ruleLine(s, ln)
	}
	if (s.isDef() && s.anon) || !s.be() {
		return -1, fmt.Sprintf("%s %s is only allowed in 'backend' sections or 'defaults' section with a name", ln.arg(0), ln.arg(1))
	}
	return pp.inspectDelay(s, ln, &s.p.ResponseInspectDelay)
}
