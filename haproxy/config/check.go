package config

import (
	"os"
	"strings"

	"hakeep/parser"
	"hakeep/proxy"
	"hakeep/proxy/rules"
	"hakeep/proxy/sample"
)

// checkConfig is check_config_validity() (src/cfgparse.c) and the post
// checks haproxy.c runs after it: references between sections are
// resolved and inconsistencies reported, proxy by proxy in declaration
// order, with 2.6's messages.
func (l *loader) checkConfig() errCode {
	var ec errCode
	fail := func() { ec |= errFatalAlert }
	pp := l.proxies
	for _, s := range pp.all {
		p := s.p
		if p.Disabled {
			continue
		}
		if d := s.def; d != nil && p.DefaultsRules != nil && !d.checked {
			d.checked = true
			ec |= l.checkActionRules(d)
			ec |= l.resolveArgs(d)
		}
		l.checkBinds(s, &ec)
		if p.Mode != proxy.ModeHTTP {
			l.ensureNoHTTP(s, &ec)
		}
		if s.fe() && len(p.Binds) == 0 {
			l.warnf(parser.Pos{}, "%s '%s' has no 'bind' directive. Please declare it as a backend if this was intended.", s.typeStr(), s.name())
			ec |= errWarn
		}
		if s.be() {
			if p.Balance.Algo != proxy.BalanceRoundRobin || s.balanceSet() {
				if p.Transparent {
					l.alertf(parser.Pos{}, "%s '%s' cannot use both transparent and balance mode.", s.typeStr(), s.name())
					fail()
				} else if s.dispatchSet {
					l.warnf(parser.Pos{}, "dispatch address of %s '%s' will be ignored in balance mode.", s.typeStr(), s.name())
					ec |= errWarn
				}
			}
		}
		if s.httpchkRules && p.Check.Type != proxy.CheckHTTP {
			l.warnf(parser.Pos{}, "%s '%s' uses http-check rules without 'option httpchk', so the rules are ignored.", s.typeStr(), s.name())
			ec |= errWarn
		}
		if p.Check.Type == proxy.CheckExternal {
			if !l.cfg.Global.ExternalCheck {
				l.alertf(parser.Pos{}, "Proxy '%s' : '%s' unable to find required 'global.external-check'.", s.name(), "option external-check")
				fail()
			}
			if p.Check.ExternalCommand == "" {
				l.alertf(parser.Pos{}, "Proxy '%s' : '%s' unable to find required 'external-check command'.", s.name(), "option external-check")
				fail()
			}
			if !l.cfg.Global.InsecureForkWanted {
				l.warnf(parser.Pos{}, "Proxy '%s' : 'insecure-fork-wanted' not enabled in the global section, '%s' will likely fail.", s.name(), "option external-check")
				ec |= errWarn
			}
		}
		if s.emailAlertSet && p.EmailAlert != nil {
			ea := p.EmailAlert
			if ea.MailersName == "" || ea.From == "" || ea.To == "" {
				l.warnf(parser.Pos{}, "'email-alert' will be ignored for %s '%s' (the presence any of 'email-alert from', 'email-alert level' 'email-alert mailers', 'email-alert myhostname', or 'email-alert to' requires each of 'email-alert from', 'email-alert mailers' and 'email-alert to' to be present).", s.typeStr(), s.name())
				ec |= errWarn
				p.EmailAlert = nil
			}
		}
		if c := p.Check.ExternalCommand; c != "" {
			if p.Check.Type != proxy.CheckExternal {
				l.warnf(parser.Pos{}, "'%s' will be ignored for %s '%s' (requires 'option external-check').", "external-check command", s.typeStr(), s.name())
				ec |= errWarn
			}
			if !strings.HasPrefix(c, "/") && p.Check.ExternalPath == "" {
				l.alertf(parser.Pos{}, "Proxy '%s': '%s' does not have a leading '/' and 'external-check path' is not set.", s.name(), "external-check command")
				fail()
			}
		}
		if p.Check.ExternalPath != "" && p.Check.Type != proxy.CheckExternal {
			l.warnf(parser.Pos{}, "'%s' will be ignored for %s '%s' (requires 'option external-check').", "external-check path", s.typeStr(), s.name())
			ec |= errWarn
		}

		if name := p.DefaultBackendName; name != "" {
			t := pp.find(name, proxy.CapBackend)
			switch {
			case t == nil:
				l.alertf(parser.Pos{}, "Proxy '%s': unable to find required default_backend: '%s'.", s.name(), name)
				fail()
			case t == s:
				l.alertf(parser.Pos{}, "Proxy '%s': loop detected for default_backend: '%s'.", s.name(), name)
				fail()
			case t.p.Mode != p.Mode && !(p.Mode == proxy.ModeTCP && t.p.Mode == proxy.ModeHTTP):
				l.alertf(parser.Pos{}, "%s %s '%s' (%s:%d) tries to use incompatible %s %s '%s' (%s:%d) as its default backend (see 'mode').",
					p.Mode, s.typeStr(), s.name(), s.pos.File, s.pos.Line, t.p.Mode, t.typeStr(), t.name(), t.pos.File, t.pos.Line)
				fail()
			default:
				p.DefaultBackend = t.p
				if len(p.Servers) > 0 {
					l.warnf(parser.Pos{}, "In proxy '%s', the 'default_backend' rule always has precedence over the servers, which will never be used.", s.name())
					ec |= errWarn
				}
			}
		}
		for i, r := range p.UseBackends {
			if strings.Contains(r.Name, "%") {
				// a log-format string: resolved per request
				pos := s.useBackendPos[i]
				f, msg := l.compileLogFormat(s, pos, r.Name, sample.ArgUBK, false, sample.FeHrqHdr)
				if msg != "" {
					l.alertf(pos, "Parsing %s: failed to parse use_backend rule '%s' : %s.", where(pos), r.Name, msg)
					fail()
				}
				// the engine renders the name per request from the
				// compiled format
				if cr, ok := r.Compiled.(*rules.Rule); ok {
					if a, ok := cr.Args.(*rules.UseBackendArgs); ok {
						a.Format = f
					}
				}
				continue
			}
			t := pp.find(r.Name, proxy.CapBackend)
			switch {
			case t == nil:
				l.alertf(parser.Pos{}, "Proxy '%s': unable to find required use_backend: '%s'.", s.name(), r.Name)
				fail()
			case t == s:
				l.alertf(parser.Pos{}, "Proxy '%s': loop detected for use_backend: '%s'.", s.name(), r.Name)
				fail()
			case t.p.Mode != p.Mode && !(p.Mode == proxy.ModeTCP && t.p.Mode == proxy.ModeHTTP):
				l.alertf(parser.Pos{}, "%s %s '%s' (%s:%d) tries to use incompatible %s %s '%s' (%s:%d) in a 'use_backend' rule (see 'mode').",
					p.Mode, s.typeStr(), s.name(), s.pos.File, s.pos.Line, t.p.Mode, t.typeStr(), t.name(), t.pos.File, t.pos.Line)
				fail()
			default:
				r.Backend = t.p
			}
		}
		for _, r := range p.UseServers {
			if strings.Contains(r.Name, "%") {
				continue
			}
			var found *proxy.Server
			for _, srv := range p.Servers {
				if srv.Name == r.Name {
					found = srv
					break
				}
			}
			if found == nil {
				l.alertf(parser.Pos{}, "%s '%s' : unable to find server '%s' referenced in a 'use-server' rule.", s.typeStr(), s.name(), r.Name)
				fail()
				continue
			}
			r.Server = found
		}
		for _, r := range p.StickRules {
			name := r.Table
			if name == "" {
				name = s.name()
			}
			var t *proxy.StickTable
			if r.Table != "" {
				if ref := l.findTable(r.Table); ref != nil {
					t = ref.t
				}
			} else {
				t = p.StickTable
			}
			if t == nil {
				if r.OnResponse {
					l.alertf(parser.Pos{}, "Proxy '%s': unable to find store table '%s'.", s.name(), name)
				} else {
					l.alertf(parser.Pos{}, "Proxy '%s': unable to find stick-table '%s'.", s.name(), name)
				}
				fail()
				continue
			}
			r.TableRef = t
		}
		ec |= l.checkActionRules(s)
		if t := p.StickTable; t != nil && t.Peers != "" {
			var found *proxy.Peers
			for _, pr := range l.cfg.Peers {
				if pr.Name == t.Peers {
					found = pr
					break
				}
			}
			switch {
			case found == nil:
				l.alertf(parser.Pos{}, "Proxy '%s': unable to find sync peers '%s'.", s.name(), t.Peers)
				fail()
			case found.Disabled:
			case !l.peersHasFrontend(found):
				l.alertf(parser.Pos{}, "Proxy '%s': unable to find local peer '%s' in peers section '%s'.", s.name(), l.localPeerName(), found.Name)
				fail()
			default:
				t.PeersRef = found
			}
		}
		if ea := p.EmailAlert; ea != nil && ea.MailersName != "" {
			for _, m := range l.cfg.Mailers {
				if m.Name == ea.MailersName {
					ea.Mailers = m
				}
			}
			if ea.Mailers == nil {
				l.alertf(parser.Pos{}, "Proxy '%s': unable to find mailers '%s'.", s.name(), ea.MailersName)
				fail()
			}
		}
		if st := p.Stats; st != nil && len(st.HTTPRequests) > 0 && (len(st.Auth) > 0 || st.Realm != "") {
			l.alertf(parser.Pos{}, "%s '%s': stats 'auth'/'realm' and 'http-request' can't be used at the same time.", "proxy", s.name())
			fail()
		}
		ec |= l.compileLogFormats(s)
		if p.Balance.Algo == proxy.BalanceHash {
			ln := &line{pos: s.pos, args: []string{p.Balance.Param}}
			if _, _, msg := l.compileSampleExpr(s, ln, 0, "balance"); msg != "" {
				l.alertf(parser.Pos{}, "%s '%s' [%s:%d]: failed to parse 'balance hash' expression '%s' in : %s.", s.typeStr(), s.name(), s.pos.File, s.pos.Line, p.Balance.Param, msg)
				fail()
			}
		}
		ec |= l.resolveArgs(s)
		if p.Mode == proxy.ModeTCP || p.Mode == proxy.ModeHTTP {
			t := p.Timeouts
			if (s.fe() && t.Client == 0) ||
				(s.be() && len(p.Servers) > 0 && (t.Connect == 0 || (t.Server == 0 && (p.Mode == proxy.ModeHTTP || t.Tunnel == 0)))) {
				l.warnf(parser.Pos{}, "missing timeouts for %s '%s'.\n   | While not properly invalid, you will certainly encounter various problems\n   | with such a configuration. To fix this, please ensure that all following\n   | timeouts are set to a non-zero value: 'client', 'connect', 'server'.", s.typeStr(), s.name())
				ec |= errWarn
			}
		}
		if s.tcpcheckRules && p.Check.Type != proxy.CheckTCPCheck {
			l.warnf(parser.Pos{}, "%s '%s' uses tcp-check rules without 'option tcp-check', so the rules are ignored.", s.typeStr(), s.name())
			ec |= errWarn
		}
		if p.LoadServerStateFromFile == "global" && l.cfg.Global.ServerStateFile == "" {
			l.warnf(parser.Pos{}, "backend '%s' configured to load server state file from global section 'server-state-file' directive. Unfortunately, 'server-state-file' is not set!", s.name())
			ec |= errWarn
		}
		ec |= l.checkServers(s)
		if (p.Mode == proxy.ModeTCP || p.Mode == proxy.ModeHTTP) && s.fe() && len(p.Logs) == 0 && (p.LogFormat != "" || p.LogFormatSD != "") {
			l.warnf(parser.Pos{}, "log format ignored for %s '%s' since it has no log address.", s.typeStr(), s.name())
			ec |= errWarn
		}
		if p.Mode != proxy.ModeHTTP {
			l.warnNonHTTP(s, &ec)
		}
		ec |= l.checkErrorFiles(s)
		ec |= l.checkFilters(s)
		ec |= l.checkMux(s)
		l.resolveLogTargets(p.Logs)
	}
	ec |= l.loadH1CaseAdjustFile()
	if l.errs|ec&errFatal == 0 {
		ec |= l.checkPrograms()
	}
	if l.errs|ec&errFatal == 0 {
		ec |= l.buildTLS()
	}
	return ec
}

// checked marks a defaults section whose rules were checked (PR_FL_READY).
func (s *pxState) balanceSet() bool { return s.p.Balance.Algo != proxy.BalanceRoundRobin }

// checkBinds is the per-bind part of check_config_validity(): HTTP/2
// negotiation needs the default buffer size.
func (l *loader) checkBinds(s *pxState, ec *errCode) {
	bufsize := l.cfg.Global.Tune.BufSize
	if s.p.Mode != proxy.ModeHTTP || bufsize == 0 || bufsize >= 16384 {
		return
	}
	for _, b := range s.p.Binds {
		if b.SSL == nil {
			continue
		}
		for _, p := range b.SSL.ALPN {
			if p == "h2" {
				l.alertf(parser.Pos{}, "HTTP frontend '%s' enables HTTP/2 via ALPN at [%s:%d], so global.tune.bufsize must be at least 16384 bytes (%d now).", s.name(), b.File, b.Line, bufsize)
				*ec |= errFatalAlert
			}
		}
	}
}

// ensureNoHTTP is proxy_cfg_ensure_no_http(): HTTP settings in a TCP
// proxy are ignored with warnings.
func (l *loader) ensureNoHTTP(s *pxState, ec *errCode) {
	p := s.p
	if p.Cookie != nil {
		l.warnf(parser.Pos{}, "cookie will be ignored for %s '%s' (needs 'mode http').", s.typeStr(), s.name())
	}
	if p.MonitorURI != "" {
		l.warnf(parser.Pos{}, "monitor-uri will be ignored for %s '%s' (needs 'mode http').", s.typeStr(), s.name())
	}
	switch p.Balance.Algo {
	case proxy.BalanceURI, proxy.BalanceURLParam, proxy.BalanceHdr:
		p.Balance.Algo = proxy.BalanceRoundRobin
		l.warnf(parser.Pos{}, "Layer 7 hash not possible for %s '%s' (needs 'mode http'). Falling back to round robin.", s.typeStr(), s.name())
	}
	switch s.lfKind {
	case "option httplog", "option httplog clf":
		p.LogFormat = defaultTCPLogFormat
		l.warnf(s.lfPos, "parsing [%s:%d] : 'option httplog' not usable with %s '%s' (needs 'mode http'). Falling back to 'option tcplog'.", s.lfPos.File, s.lfPos.Line, s.typeStr(), s.name())
	case "option httpslog":
		p.LogFormat = defaultTCPLogFormat
		l.warnf(s.lfPos, "parsing [%s:%d] : 'option httpslog' not usable with %s '%s' (needs 'mode http'). Falling back to 'option tcplog'.", s.lfPos.File, s.lfPos.Line, s.typeStr(), s.name())
	}
}

// peersHasFrontend tells whether a peers section got a frontend (2.6
// creates it on its first bind, default-server, log, peer, server or
// table line).
func (l *loader) peersHasFrontend(p *proxy.Peers) bool {
	return l.peersStates[p] != nil || p.Bind != nil
}

// resolveArgs is smp_resolve_args() for one proxy: names the expressions
// referred to must exist.
func (l *loader) resolveArgs(s *pxState) errCode {
	var mine sample.Refs
	for _, r := range l.ex.refs.List {
		if r.Proxy == s.name() && (r.Cap&sample.CapDef != 0) == s.isDef() {
			mine.List = append(mine.List, r)
		}
	}
	if len(mine.List) == 0 {
		return 0
	}
	errs := mine.Resolve(&world{l: l})
	var ec errCode
	for _, e := range errs {
		ln := &line{pos: parser.Pos{File: e.File, Line: e.Line}}
		l.sampleMsg(ln, e)
		if !e.Warning {
			ec |= errFatalAlert
		}
	}
	return ec
}

// world answers the expression layer's questions about declared objects.
type world struct{ l *loader }

func (w *world) HasBackend(name string) bool { return w.l.proxies.find(name, proxy.CapBackend) != nil }
func (w *world) HasFrontend(name string) bool {
	return w.l.proxies.find(name, proxy.CapFrontend) != nil
}
func (w *world) HasServer(backend, server string) bool {
	s := w.l.proxies.find(backend, proxy.CapBackend)
	if s == nil {
		return false
	}
	for _, srv := range s.p.Servers {
		if srv.Name == server {
			return true
		}
	}
	return false
}
func (w *world) Table(name string) (bool, bool) {
	t := w.l.findTable(name)
	if t == nil {
		return false, false
	}
	return true, t.t.Size > 0
}
func (w *world) HasUserlist(name string) bool {
	for _, u := range w.l.cfg.Userlists {
		if u.Name == name {
			return true
		}
	}
	return false
}

// checkServers is the servers' part of check_config_validity(): unique
// names, TLS verification settings, tracking.
func (l *loader) checkServers(s *pxState) errCode {
	var ec errCode
	p := s.p
	for i, srv := range p.Servers {
		if srv.ID != 0 {
			continue
		}
		for _, other := range p.Servers[:i] {
			if other.ID == 0 && other.Name == srv.Name {
				pos := srvPos(srv)
				l.alertf(pos, "parsing [%s:%d] : %s '%s', another server named '%s' was already defined at line %d, please use distinct names.",
					pos.File, pos.Line, s.typeStr(), s.name(), srv.Name, other.Line)
				ec |= errFatalAlert
				break
			}
		}
	}
	for _, srv := range p.Servers {
		pos := srvPos(srv)
		l.msgCtx.serverAt(pos, s.name(), srv.Name)
		if srv.SSL != nil && (srv.SSL.Enabled || srv.Check.SSL) && srv.SSL.Cert != "" {
			// ssl_sock_load_srv_cert(): no directories on this side.
			st, err := os.Stat(l.path(srv.SSL.Cert))
			if err != nil || st.IsDir() {
				why := "Success"
				if err != nil {
					why = errnoText(err)
				}
				l.alertf(pos, "unable to stat SSL certificate from file '%s' : %s.", srv.SSL.Cert, why)
				ec |= errFatalAlert
			}
		}
		if srv.SSL != nil && srv.SSL.Enabled {
			verify := srv.SSL.Verify
			if verify == "" {
				verify = l.cfg.Global.SSL.ServerVerify
			}
			if verify != "none" && srv.SSL.CAFile == "" {
				if l.cfg.Global.SSL.ServerVerify != "none" {
					l.alertf(pos, "verify is enabled by default but no CA file specified. If you're running on a LAN where you're certain to trust the server's certificate, please set an explicit 'verify none' statement on the 'server' line, or use 'ssl-server-verify none' in the global section to disable server-side verifications by default.")
				} else {
					l.alertf(pos, "verify is enabled but no CA file specified.")
				}
				ec |= errFatalAlert
			}
		}
		if srv.Track != "" {
			ec |= l.applyTrack(s, srv, pos)
		}
		l.msgCtx.clear()
		if p.Mode != proxy.ModeHTTP && srv.Redir != "" {
			l.alertf(parser.Pos{}, "%s '%s' : server cannot have cookie or redirect prefix in non-HTTP mode.", s.typeStr(), s.name())
			ec |= errFatalAlert
		}
	}
	return ec
}

// applyTrack is srv_apply_track(): "track [<proxy>/]<server>" must name
// a server with checks enabled.
func (l *loader) applyTrack(s *pxState, srv *proxy.Server, pos parser.Pos) errCode {
	pname, sname, ok := strings.Cut(srv.Track, "/")
	target := s
	if ok {
		target = l.proxies.find(pname, proxy.CapBackend)
		if target == nil {
			l.alertf(pos, "unable to find required proxy '%s' for tracking.", pname)
			return errFatalAlert
		}
	} else {
		sname = pname
	}
	var t *proxy.Server
	for _, c := range target.p.Servers {
		if c.Name == sname {
			t = c
		}
	}
	if t == nil {
		l.alertf(pos, "unable to find required server '%s' for tracking.", sname)
		return errFatalAlert
	}
	if !t.Check.Enabled && !t.Agent.Enabled && t.Track == "" {
		l.alertf(pos, "unable to use %s/%s for tracking as it does not have any check nor agent enabled.", target.name(), t.Name)
		return errFatalAlert
	}
	srv.TrackServer = t
	return 0
}

// checkErrorFiles resolves "errorfiles" references (proxy_check_errors()).
func (l *loader) checkErrorFiles(s *pxState) errCode {
	var ec errCode
	for _, r := range l.errorsRefs[s] {
		if r.reply != nil {
			l.staticReply(r.reply)
			s.setErrorFile(r.reply.Status, r.reply)
			continue
		}
		var sec *proxy.HTTPErrors
		for _, e := range l.cfg.HTTPErrors {
			if e.Name == r.name {
				sec = e
			}
		}
		if sec == nil {
			l.alertf(parser.Pos{}, "proxy '%s': unknown http-errors section '%s' (at %s:%d).", s.name(), r.name, r.pos.File, r.pos.Line)
			ec |= errFatalAlert
			continue
		}
		codes := r.codes
		if len(codes) == 0 {
			for c := range sec.Files {
				codes = append(codes, c)
			}
		}
		for _, c := range codes {
			if f, ok := sec.Files[c]; ok {
				s.setErrorFile(c, f)
			} else if len(r.codes) > 0 {
				l.warnf(parser.Pos{}, "config: proxy '%s' : status '%d' not declared in http-errors section '%s' (at %s:%d).", s.name(), c, r.name, r.pos.File, r.pos.Line)
				ec |= errWarn
			}
		}
	}
	return ec
}

// staticReply renders an http-error reply whose answer does not depend
// on the request (no lf-string, lf-file or hdr) into its page, as 2.6
// turns it into an error message when it checks the proxy; the others
// are built per request by the rules (rules.ReplyPages).
func (l *loader) staticReply(r *proxy.ErrorReply) {
	rp, ok := r.Reply.(*rules.Reply)
	if !ok || r.Raw != nil || len(rp.Headers) > 0 {
		return
	}
	switch rp.Body {
	case "errorfiles":
		for _, e := range l.cfg.HTTPErrors {
			if f := e.Files[r.Status]; e.Name == rp.Arg && f != nil && f.Raw != nil {
				r.Raw = f.Raw
			}
		}
	case "", "string", "file", "errorfile":
		r.Raw = rules.StaticReply(rp)
	}
}

// checkFilters resolves the cache and fcgi-app filters' names.
func (l *loader) checkFilters(s *pxState) errCode {
	var ec errCode
	for _, f := range s.p.Filters {
		if f.Name != "cache" || len(f.Args) == 0 {
			continue
		}
		found := false
		for _, c := range l.cfg.Caches {
			found = found || c.Name == f.Args[0]
		}
		if !found {
			l.alertf(parser.Pos{}, "Proxy '%s': unable to find the cache '%s' referenced by the filter 'cache'.", s.name(), f.Args[0])
			ec |= errFatalAlert
		}
	}
	if name := s.p.UseFCGIAppName; name != "" {
		for _, a := range l.cfg.FCGIApps {
			if a.Name == name {
				s.p.UseFCGIApp = a
			}
		}
		if s.p.UseFCGIApp == nil {
			l.alertf(parser.Pos{}, "proxy '%s': unable to find the FCGI application '%s'.", s.name(), name)
			ec |= errFatalAlert
		}
	}
	return ec
}

// checkMux checks forced multiplexers against the sides they serve:
// "fcgi" is a backend protocol only.
func (l *loader) checkMux(s *pxState) errCode {
	var ec errCode
	for _, b := range s.p.Binds {
		if b.Proto == "fcgi" {
			l.alertf(parser.Pos{}, "%s '%s' : MUX protocol '%s' is not usable for 'bind %s' at [%s:%d].", s.typeStr(), s.name(), b.Proto, b.Spec, b.File, b.Line)
			ec |= errFatalAlert
		}
	}
	return ec
}

// resolveLogTargets points ring log targets at their ring.
func (l *loader) resolveLogTargets(ts []proxy.LogTarget) {
	for i := range ts {
		if ts[i].Ring == "" {
			continue
		}
		for _, r := range l.cfg.Rings {
			if r.Name == ts[i].Ring {
				ts[i].RingRef = r
			}
		}
	}
}

// checkPrograms is the post check of src/mworker-prog.c.
func (l *loader) checkPrograms() errCode {
	var ec errCode
	for _, p := range l.cfg.Programs {
		if len(p.Command) == 0 {
			l.alertf(parser.Pos{}, "The program section '%s' lacks a command to launch.", p.Name)
			ec |= errFatalAlert
		}
	}
	if len(l.cfg.Programs) > 0 && !l.cfg.Global.MasterWorker && !l.opts.MasterWorker {
		l.alertf(parser.Pos{}, "Can't use a 'program' section without master worker mode.")
		ec |= errFatalAlert
	}
	return ec
}

// initServerAddrs is srv_init_addr(): servers named by host name resolve
// now, following their init-addr methods ("last,libc" by default).
func (l *loader) initServerAddrs() errCode {
	var ec errCode
	for _, s := range l.proxies.all {
		if s.p.Disabled {
			continue
		}
		for _, srv := range s.p.Servers {
			if srv.Addr.Host == "" || srv.Addr.Addr.IsValid() {
				continue
			}
			methods := srv.InitAddr
			if len(methods) == 0 {
				methods = []string{"last", "libc"}
				if srv.Resolvers != "" {
					// DNS resolution at run time: no failure at start
					methods = append(methods, "none")
				}
			}
			resolved := false
			for _, m := range methods {
				switch m {
				case "libc":
					resolved = l.resolve(srv.Addr.Host, 0, &srv.Addr.Addr)
				case "none":
					resolved = true
				case "last":
				default:
					if a, ok := parseIP(m, 0); ok {
						srv.Addr.Addr, resolved = a, true
					}
				}
				if resolved {
					break
				}
			}
			if !resolved {
				pos := srvPos(srv)
				l.msgCtx.serverAt(pos, s.name(), srv.Name)
				l.alertf(pos, "could not resolve address '%s'.", srv.Addr.Host)
				l.msgCtx.clear()
				ec |= errFatalAlert
			}
		}
	}
	return ec
}

// compileLogFormats compiles a proxy's log-format, log-format-sd,
// unique-id-format and error-log-format strings, where
// check_config_validity() does.
func (l *loader) compileLogFormats(s *pxState) errCode {
	var ec errCode
	p := s.p
	for _, t := range p.Logs {
		if t.Format == "rfc5424" && p.LogFormatSD == "" {
			p.LogFormatSD = "- "
		}
	}
	if !s.fe() {
		p.LogFormat, p.LogFormatSD = "", ""
	}
	type lf struct {
		text, what string
		pos        parser.Pos
		ac         sample.ArgCtx
		merge      bool
		cap        sample.Point
	}
	uifCap := sample.Point(0)
	if s.fe() {
		uifCap |= sample.FeHrqHdr
	}
	if s.be() {
		uifCap |= sample.BeHrqHdr
	}
	for _, f := range []lf{
		{p.LogFormat, "log-format", s.lfPos, sample.ArgLOG, true, sample.FeLogEnd},
		{p.LogFormatSD, "log-format-sd", s.sdPos, sample.ArgLOGSD, true, sample.FeLogEnd},
		{p.UniqueIDFormat, "unique-id", s.uifPos, sample.ArgUIF, true, uifCap},
		{p.ErrorLogFormat, "error-log-format", s.elfPos, sample.ArgLOG, true, sample.FeLogEnd},
	} {
		if f.text == "" {
			continue
		}
		if _, msg := l.compileLogFormat(s, f.pos, f.text, f.ac, f.merge, f.cap); msg != "" {
			l.alertf(f.pos, "Parsing %s: failed to parse %s : %s.", where(f.pos), f.what, msg)
			ec |= errFatalAlert
		}
	}
	return ec
}

// warnNonHTTP reports the HTTP settings a non-HTTP proxy ignores.
func (l *loader) warnNonHTTP(s *pxState, ec *errCode) {
	p := s.p
	w := func(format string, args ...any) {
		l.warnf(parser.Pos{}, format, args...)
		*ec |= errWarn
	}
	if p.Stats != nil && s.statsOwned {
		w("'stats' statement ignored for %s '%s' as it requires HTTP mode.", s.typeStr(), s.name())
	}
	if p.Captures.Cookie != "" {
		w("'capture' statement ignored for %s '%s' as it requires HTTP mode.", s.typeStr(), s.name())
	}
	if len(p.HTTPRequest) > 0 {
		w("'http-request' rules ignored for %s '%s' as they require HTTP mode.", s.typeStr(), s.name())
	}
	if len(p.HTTPResponse) > 0 {
		w("'http-response' rules ignored for %s '%s' as they require HTTP mode.", s.typeStr(), s.name())
	}
	if len(p.HTTPAfterResponse) > 0 {
		w("'http-after-response' rules ignored for %s '%s' as they require HTTP mode.", s.typeStr(), s.name())
	}
	if len(p.Redirects) > 0 {
		w("'redirect' rules ignored for %s '%s' as they require HTTP mode.", s.typeStr(), s.name())
	}
	if p.ForwardFor != nil {
		w("'option %s' ignored for %s '%s' as it requires HTTP mode.", "forwardfor", s.typeStr(), s.name())
	}
	if p.OriginalTo != nil {
		w("'option %s' ignored for %s '%s' as it requires HTTP mode.", "originalto", s.typeStr(), s.name())
	}
}
