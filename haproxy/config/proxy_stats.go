package config

import (
	"strings"

	"hakeep/proxy"
)

// pxStats is a proxy's "stats" keyword (configuration.txt section 4.2,
// "stats ...").
func pxStats(pp *proxyParser, s *pxState, ln *line) errCode {
	l := pp.l
	// 2.6 detaches from the defaults' stats settings on the first
	// "stats" line of a regular proxy.
	if !s.isDef() && !s.statsOwned {
		if s.def != nil && s.p.Stats == s.def.p.Stats {
			s.p.Stats = nil
		}
		s.statsOwned = true
	}
	st := func() *proxy.Stats {
		if s.p.Stats == nil {
			s.p.Stats = &proxy.Stats{URI: "/haproxy?stats", Realm: ""}
		}
		return s.p.Stats
	}
	switch ln.arg(1) {
	case "admin":
		if s.isDef() {
			l.alertNS(ln, "'%s %s' not allowed in 'defaults' section.", ln.arg(0), ln.arg(1))
			return errFatalAlert
		}
		st().Enabled = true
		if ln.arg(2) != "if" && ln.arg(2) != "unless" {
			l.alert(ln, "'%s %s' requires either 'if' or 'unless' followed by a condition.", ln.arg(0), ln.arg(1))
			return errFatalAlert
		}
		cond, msg := l.compileCond(s, ln, 2)
		if msg != "" {
			l.alert(ln, "error detected while parsing a '%s %s' rule : %s.", ln.arg(0), ln.arg(1), msg)
			return errFatalAlert
		}
		st().AdminConds = append(st().AdminConds, cond)
	case "uri":
		if ln.arg(2) == "" {
			l.alert(ln, "'uri' needs an URI prefix.")
			return errFatalAlert
		}
		st().URI, st().Enabled = ln.arg(2), true
	case "realm":
		if ln.arg(2) == "" {
			l.alert(ln, "'realm' needs an realm name.")
			return errFatalAlert
		}
		st().Realm, st().Enabled = ln.arg(2), true
	case "refresh":
		v, te, ok := l.parseTimeWarn(ln, ln.arg(2), unitS)
		switch {
		case te.over:
			l.alertNS(ln, "timer overflow in argument <%s> to stats refresh interval, maximum value is 2147483647 s (~68 years).", ln.arg(2))
			return errFatalAlert
		case te.under:
			l.alertNS(ln, "timer underflow in argument <%s> to stats refresh interval, minimum non-null value is 1 s.", ln.arg(2))
			return errFatalAlert
		case !ok:
			l.alertNS(ln, "unexpected character '%s' in argument to stats refresh interval.", charAt(ln.arg(2), te.at))
			return errFatalAlert
		}
		st().Refresh, st().Enabled = durationOf(v, unitS), true
	case "http-request":
		if s.isDef() {
			l.alertNS(ln, "'%s' not allowed in 'defaults' section.", ln.arg(0))
			return errFatalAlert
		}
		var ec errCode
		rs := st().HTTPRequests
		if len(rs) > 0 && rs[len(rs)-1].Cond == nil {
			l.warnNS(ln, "previous '%s' action has no condition attached, further entries are NOOP.", ln.arg(0))
			ec |= errWarn
		}
		// parse_http_req_cond(args + 2): the rule is not in the
		// proxy's http-request list, so no ordering state.
		r, e := l.parseRule(s, ln, append([]string{"http-request"}, ln.args[2:]...), nil)
		if e != nil {
			l.alertf(ln.pos, "%s", renderSampleError(ln, e))
			return ec | errAlert | errAbort
		}
		st().HTTPRequests = append(st().HTTPRequests, &proxy.Rule{Keyword: "stats http-request", Action: r.Action,
			Words: ln.from(2), Cond: condOf(ln.args, r.Cond), File: ln.pos.File, Line: ln.pos.Line, Compiled: r})
		st().Enabled = true
		return ec
	case "auth":
		if ln.arg(2) == "" {
			l.alert(ln, "'auth' needs a user:password account.")
			return errFatalAlert
		}
		u, p, _ := strings.Cut(ln.arg(2), ":")
		st().Auth = append(st().Auth, proxy.StatsAuth{User: u, Password: p})
		st().Enabled = true
	case "scope":
		if ln.arg(2) == "" {
			l.alert(ln, "'scope' needs a proxy name.")
			return errFatalAlert
		}
		st().Scope = append(st().Scope, ln.arg(2))
		st().Enabled = true
	case "enable":
		st().Enabled = true
	case "hide-version":
		st().HideVersion, st().Enabled = true, true
	case "show-legends":
		st().ShowLegends, st().Enabled = true, true
	case "show-modules":
		st().ShowModules, st().Enabled = true, true
	case "show-node":
		if ln.arg(2) != "" && !validNodeName(ln.arg(2)) {
			l.alertNS(ln, "'%s %s' invalid node name - should be a stringwith digits(0-9), letters(A-Z, a-z), hyphen(-) or underscode(_).", ln.arg(0), ln.arg(1))
			return errFatalAlert
		}
		st().ShowNode, st().Node, st().Enabled = true, ln.arg(2), true
	case "show-desc":
		if ln.arg(2) == "" && l.cfg.Global.Description == "" {
			l.warnNS(ln, "'%s' requires a parameter or 'desc' to be set in the global section.", ln.arg(1))
			return 0
		}
		st().ShowDesc, st().Desc, st().Enabled = true, ln.joined(2), true
	default:
		what, word := "missing keyword in", ln.arg(0)
		if ln.arg(1) != "" {
			what, word = "unknown stats parameter", ln.arg(1)
		}
		l.alertNS(ln, "%s '%s', expects 'admin', 'uri', 'realm', 'auth', 'scope', 'enable', 'hide-version', 'show-node', 'show-desc' or 'show-legends'.", what, word)
		return errFatalAlert
	}
	return 0
}
