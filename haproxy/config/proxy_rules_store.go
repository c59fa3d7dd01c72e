package config

import (
	"strings"
	"time"

	"hakeep/proxy"
	"hakeep/proxy/rules"
	"hakeep/proxy/sample"
)

// pxRule hands a rule keyword's line (http-request, http-response,
// http-after-response, redirect, use_backend, use-server, stick,
// monitor, force-persist, ignore-persist) to proxy/rules. 2.6 aborts the
// file on http-* rule errors (ERR_ABORT) and goes on after the others.
func pxRule(pp *proxyParser, s *pxState, ln *line) errCode {
	r, e := pp.l.parseRule(s, ln, ln.args, s.ruleState())
	if e != nil {
		pp.l.alertf(ln.pos, "%s", renderSampleError(ln, e))
		if e.Abort {
			return errAlert | errAbort
		}
		return errFatalAlert
	}
	if r != nil {
		pp.l.storeRule(s, ln, r)
	}
	return 0
}

// ruleLine is pxRule for the registered keywords tcp-request and
// tcp-response, whose errors the caller frames.
func (pp *proxyParser) ruleLine(s *pxState, ln *line) (int, string) {
	r, e := pp.l.parseRule(s, ln, ln.args, s.ruleState())
	if e != nil {
		if e.Style == sample.StyleParsing && !e.Warning {
			return -1, e.Msg
		}
		pp.l.alertf(ln.pos, "%s", renderSampleError(ln, e))
		return -2, ""
	}
	if r != nil {
		pp.l.storeRule(s, ln, r)
	}
	return 0, ""
}

// ruleState is the section's rule ordering state, created on first use.
func (s *pxState) ruleState() *rules.State {
	if s.rules == nil {
		s.rules = rules.NewState()
	}
	return s.rules
}

// storeRule files a compiled rule into the proxy's typed configuration.
func (l *loader) storeRule(s *pxState, ln *line, r *rules.Rule) {
	l.supportAction(r, ln)
	p := s.p
	pr := func(from int) *proxy.Rule {
		return &proxy.Rule{Keyword: r.Set.String(), Action: r.Action, Words: ln.from(from),
			Cond: condOf(ln.args, r.Cond), File: ln.pos.File, Line: ln.pos.Line, Compiled: r}
	}
	switch r.Set {
	case rules.HTTPRequest:
		p.HTTPRequest = append(p.HTTPRequest, pr(1))
	case rules.HTTPResponse:
		p.HTTPResponse = append(p.HTTPResponse, pr(1))
	case rules.HTTPAfterResponse:
		p.HTTPAfterResponse = append(p.HTTPAfterResponse, pr(1))
	case rules.TCPRequestConnection:
		p.TCPRequestConn = append(p.TCPRequestConn, pr(2))
	case rules.TCPRequestSession:
		p.TCPRequestSession = append(p.TCPRequestSession, pr(2))
	case rules.TCPRequestContent:
		p.TCPRequestContent = append(p.TCPRequestContent, pr(2))
	case rules.TCPResponseContent:
		p.TCPResponseContent = append(p.TCPResponseContent, pr(2))
	case rules.TCPRequestInspectDelay, rules.TCPResponseInspectDelay:
		// decided by pxTCPRequest/pxTCPResponse (inheritance)
		if a, ok := r.Args.(*rules.InspectDelay); ok {
			d := time.Duration(a.Ms) * time.Millisecond
			if r.Set == rules.TCPRequestInspectDelay {
				p.InspectDelay = d
			} else {
				p.ResponseInspectDelay = d
			}
		}
	case rules.Redirect:
		p.Redirects = append(p.Redirects, pr(1))
	case rules.UseBackend:
		a := r.Args.(*rules.UseBackendArgs)
		p.UseBackends = append(p.UseBackends, &proxy.UseBackend{Name: a.Name, Cond: condOf(ln.args, r.Cond), Compiled: r})
		s.useBackendPos = append(s.useBackendPos, ln.pos)
	case rules.UseServer:
		a := r.Args.(*rules.UseServerArgs)
		p.UseServers = append(p.UseServers, &proxy.UseServer{Name: a.Server, Cond: condOf(ln.args, r.Cond)})
		s.useServerPos = append(s.useServerPos, ln.pos)
	case rules.StickOn, rules.StickMatch, rules.StickStoreRequest, rules.StickStoreResponse:
		a := r.Args.(*rules.Stick)
		sr := &proxy.StickRule{
			Match:      r.Set == rules.StickOn || r.Set == rules.StickMatch,
			Store:      r.Set != rules.StickMatch,
			OnResponse: r.Set == rules.StickStoreResponse,
			Expr:       stickExprWords(ln.args[2:]),
			Compiled:   a.Expr,
			Table:      a.Table,
			Cond:       condOf(ln.args, r.Cond),
		}
		p.StickRules = append(p.StickRules, sr)
		s.stickPos = append(s.stickPos, ln.pos)
	case rules.MonitorFail:
		p.MonitorFail = append(p.MonitorFail, condOf(ln.args, r.Cond))
	case rules.ForcePersist, rules.IgnorePersist:
		p.PersistRules = append(p.PersistRules, &proxy.PersistRule{Ignore: r.Set == rules.IgnorePersist, Cond: condOf(ln.args, r.Cond)})
	}
}

// stickExprWords is the sample expression of a stick rule as written:
// the words up to "table", "if" or "unless".
func stickExprWords(words []string) string {
	for i, w := range words {
		if w == "table" || w == "if" || w == "unless" {
			return strings.Join(words[:i], " ")
		}
	}
	return strings.Join(words, " ")
}
