package config

import (
	"hakeep/parser"
	"hakeep/proxy"
	"hakeep/proxy/rules"
)

// ruleWorld answers proxy/rules' late questions (rules.World) for the
// rules of one proxy section, as the actions' check_ptr callbacks do in
// check_config_validity().
type ruleWorld struct {
	l *loader
	s *pxState
}

// TableType is check_trk_action()'s lookup: a rule without "table" uses
// its own proxy's table, otherwise any table by name.
func (w ruleWorld) TableType(name string) (string, bool) {
	if name == w.s.name() {
		if t := w.s.p.StickTable; t != nil {
			return t.Type, true
		}
	}
	if t := w.l.findTable(name); t != nil {
		return t.t.Type, true
	}
	return "", false
}

// Captures is px->nb_req_cap / nb_rsp_cap.
func (w ruleWorld) Captures(_ string, response bool) int {
	return captureSlots(w.s, response)
}

// captureSlots counts the capture slots of a proxy: "capture
// request|response header" lines (copied from defaults with the rest of
// the captures), plus the slots of declarations and actions.
func captureSlots(s *pxState, response bool) int {
	if response {
		return len(s.p.Captures.ResponseHeaders) + declaredSlots(s, response)
	}
	return len(s.p.Captures.RequestHeaders) + declaredSlots(s, response)
}

// declaredSlots counts "declare capture" lines and the capture actions
// that declare a slot ("len"), including those of the defaults section
// a frontend was created from (proxy_defproxy_cpy() copies nb_req_cap).
func declaredSlots(s *pxState, response bool) int {
	p := s.p
	n := 0
	if s.def != nil && s.fe() {
		n = declaredSlots(s.def, response)
	}
	for _, d := range p.Declares {
		if d.Response == response {
			n++
		}
	}
	lists := [][]*proxy.Rule{p.HTTPRequest, p.TCPRequestContent}
	if response {
		lists = [][]*proxy.Rule{p.HTTPResponse}
	}
	for _, list := range lists {
		for _, r := range list {
			if rr, ok := r.Compiled.(*rules.Rule); ok {
				// "len" declares a slot; assignCaptureSlots may
				// already have numbered it (a defaults section is
				// checked before the proxies made from it).
				if c, ok := rr.Args.(*rules.Capture); ok && c.Len > 0 {
					n++
				}
			}
		}
	}
	return n
}

func (w ruleWorld) HasBackend(name string) bool {
	return w.l.proxies.find(name, proxy.CapBackend) != nil
}

func (w ruleWorld) HasServer(_, server string) bool {
	for _, srv := range w.s.p.Servers {
		if srv.Name == server {
			return true
		}
	}
	return false
}

func (w ruleWorld) HasHTTPErrors(name string) bool {
	for _, e := range w.l.cfg.HTTPErrors {
		if e.Name == name {
			return true
		}
	}
	return false
}

func (w ruleWorld) HasCache(name string) bool {
	for _, c := range w.l.cfg.Caches {
		if c.Name == name {
			return true
		}
	}
	return false
}

func (w ruleWorld) HasResolvers(name string) bool {
	for _, r := range w.l.cfg.Resolvers {
		if r.Name == name {
			return true
		}
	}
	return false
}

// HasSPOEEngine tells whether the proxy declares "filter spoe engine
// <engine>".
func (w ruleWorld) HasSPOEEngine(_, engine string) bool {
	return w.hasFilterArg("spoe", "engine", engine)
}

// HasOTFilter tells whether the proxy declares "filter opentracing id
// <id>".
func (w ruleWorld) HasOTFilter(_, id string) bool {
	return w.hasFilterArg("opentracing", "id", id)
}

func (w ruleWorld) hasFilterArg(filter, key, val string) bool {
	for _, f := range w.s.p.Filters {
		if f.Name != filter {
			continue
		}
		for i := 0; i+1 < len(f.Args); i++ {
			if f.Args[i] == key && f.Args[i+1] == val {
				return true
			}
		}
	}
	return false
}

// checkActionRules is check_action_rules() over the proxy's action rule
// lists in 2.6's order: tcp-request connection, session, content,
// tcp-response content, http-request, http-response,
// http-after-response.
func (l *loader) checkActionRules(s *pxState) errCode {
	var ec errCode
	w := ruleWorld{l: l, s: s}
	p := s.p
	for _, list := range [][]*proxy.Rule{p.TCPRequestConn, p.TCPRequestSession, p.TCPRequestContent,
		p.TCPResponseContent, p.HTTPRequest, p.HTTPResponse, p.HTTPAfterResponse} {
		for _, r := range list {
			rr, ok := r.Compiled.(*rules.Rule)
			if !ok {
				continue
			}
			for _, e := range rr.Check(w, nil) {
				pos := parser.Pos{File: r.File, Line: r.Line}
				text := renderSampleError(&line{pos: pos}, e)
				if e.Warning {
					l.warnf(pos, "%s", text)
					ec |= errWarn
					continue
				}
				l.alertf(pos, "%s", text)
				ec |= errFatalAlert
			}
		}
	}
	assignCaptureSlots(s)
	return ec
}

// assignCaptureSlots numbers the slots that "http-request capture ... len"
// and "tcp-request content capture" actions declare, after the header
// captures and the "declare capture" slots (2.6 takes fe->nb_req_cap++
// as each line is read; the configuration does not keep how the kinds
// interleave, and capture.NewSpec orders them the same way).
func assignCaptureSlots(s *pxState) {
	if !s.fe() {
		return
	}
	p := s.p
	next := len(p.Captures.RequestHeaders)
	if s.def != nil {
		next += declaredSlots(s.def, false)
	}
	for _, d := range p.Declares {
		if !d.Response {
			next++
		}
	}
	for _, list := range [][]*proxy.Rule{p.HTTPRequest, p.TCPRequestContent} {
		for _, r := range list {
			rr, ok := r.Compiled.(*rules.Rule)
			if !ok || rr.Proxy != p.Name {
				continue
			}
			if c, ok := rr.Args.(*rules.Capture); ok && c.ID < 0 && c.Len > 0 {
				c.ID = next
				next++
			}
		}
	}
}
