package config

import (
	"maps"

	"hakeep/parser"
	"hakeep/proxy"
	"hakeep/proxy/rules"
)

// pxState is one frontend/backend/listen/defaults section while it is
// parsed: the proxy.Proxy being filled and what 2.6 keeps on its struct
// proxy only for the configuration checks.
type pxState struct {
	p   *proxy.Proxy
	pos parser.Pos
	// anon is a defaults section without a name.
	anon bool
	// explicitRef/implicitRef: a defaults section referenced by name
	// ("from") or used as the last one (PR_FL_EXPLICIT_REF/IMPLICIT_REF).
	explicitRef, implicitRef bool
	// def is the defaults section this one was created from.
	def *pxState
	// lfKind names what set LogFormat ("log-format", "option httplog",
	// "option tcplog", "option httplog clf", "option httpslog") and
	// lfPos where.
	lfKind string
	lfPos  parser.Pos
	// sdPos, uifPos, elfPos: where log-format-sd, unique-id-format and
	// error-log-format were set.
	sdPos, uifPos, elfPos parser.Pos
	usedListenerIDs       map[int]*proxy.Bind
	// sharedDefaultServer is set while DefaultServer is the defaults
	// section's.
	sharedDefaultServer bool
	usedServerIDs       map[int]*proxy.Server
	// statsOwned is false while Stats is still the defaults' (2.6
	// detaches uri_auth on the first "stats" line).
	statsOwned bool
	// tcpcheckProto records that an "option *-chk" built check rules
	// (TCPCHK_RULES_PROTO_CHK), httpchkRules that "http-check" lines
	// exist, tcpcheckRules that "tcp-check" lines exist.
	tcpcheckProto bool
	httpchkRules  bool
	tcpcheckRules bool
	// Where rules were declared, for post-parse messages.
	useBackendPos   []parser.Pos
	defaultBackendP parser.Pos
	useServerPos    []parser.Pos
	stickPos        []parser.Pos
	// rules is proxy/rules' ordering state for this section.
	rules *rules.State
	// hasTCPConnRules etc. mirror the non-empty rule lists 2.6 tests
	// when a section inherits from defaults with rules.
	emailAlertSet bool
	captureLenSet bool
	dispatchSet   bool
	// checked marks a defaults section whose rules were checked
	// (PR_FL_READY).
	checked bool
}

func (s *pxState) name() string { return s.p.Name }

// capStr is proxy_cap_str().
func capStr(c proxy.Cap) string {
	if c&proxy.CapDefaults != 0 {
		return "defaults"
	}
	if c&proxy.CapListen != proxy.CapListen {
		if c&proxy.CapFrontend != 0 {
			return "frontend"
		}
		if c&proxy.CapBackend != 0 {
			return "backend"
		}
	}
	return "proxy"
}

func (s *pxState) typeStr() string { return capStr(s.p.Cap) }
func (s *pxState) isDef() bool     { return s.p.Cap&proxy.CapDefaults != 0 }
func (s *pxState) fe() bool        { return s.p.Cap&proxy.CapFrontend != 0 }
func (s *pxState) be() bool        { return s.p.Cap&proxy.CapBackend != 0 }

// proxyParser is cfg_parse_listen() (src/cfgparse-listen.c): the
// frontend, backend, listen and defaults sections, with the parser's
// static state (the current proxy, the current and last defaults).
type proxyParser struct {
	l        *loader
	cur      *pxState
	currDef  *pxState
	lastDef  *pxState
	section  string
	all      []*pxState // regular proxies in declaration order
	defaults []*pxState
	// usedProxyIDs are the "id" values given.
	usedProxyIDs map[int]*pxState
	// states maps each proxy to its parse state.
	states map[*proxy.Proxy]*pxState
	// byName indexes the regular proxies by name: configurations with
	// tens of thousands of backends look names up constantly.
	byName map[string][]*pxState
	// servers allocates the servers.
	servers serverSlab
}

func newProxyParser(l *loader) *proxyParser {
	return &proxyParser{l: l, usedProxyIDs: map[int]*pxState{}, states: map[*proxy.Proxy]*pxState{},
		byName: map[string][]*pxState{}}
}

func (pp *proxyParser) post() errCode { return 0 }

// newDefaultsPreset is proxy_preset_defaults() on a fresh proxy.
func newDefaultsPreset(name string, c proxy.Cap) *pxState {
	p := &proxy.Proxy{Name: name, Cap: c, Retries: 3, MaxSessionSrvConns: -1}
	p.DefaultServer = presetServer()
	return &pxState{p: p, statsOwned: true}
}

// presetServer is the default-server settings of a new defaults section.
func presetServer() *proxy.Server {
	return &proxy.Server{
		Name:           "default-server",
		Weight:         1,
		MaxReuse:       -1,
		PoolMaxConn:    -1,
		PoolPurgeDelay: 5000 * 1e6,
		OnError:        "fail-check",
		ErrorLimit:     10,
		Check:          proxy.ServerCheck{Inter: 2000 * 1e6, Rise: 2, Fall: 3},
		Agent:          proxy.AgentCheck{Inter: 2000 * 1e6},
	}
}

func (pp *proxyParser) parse(ln *line) errCode {
	l := pp.l
	if pp.lastDef == nil {
		pp.lastDef = newDefaultsPreset("", proxy.CapDefaults|proxy.CapListen)
		pp.lastDef.anon = true
		pp.currDef = pp.lastDef
	}
	kw := ln.arg(0)
	var rc proxy.Cap
	isHeader := false
	switch kw {
	case "listen":
		rc, isHeader = proxy.CapListen, true
	case "frontend":
		rc, isHeader = proxy.CapFrontend, true
	case "backend":
		rc, isHeader = proxy.CapBackend, true
	case "defaults":
		pp.currDef = nil
		rc, isHeader = proxy.CapDefaults|proxy.CapListen, true
	}
	if isHeader {
		pp.section = kw
		return pp.header(ln, rc)
	}
	if pp.cur == nil {
		l.alert(ln, "'listen' or 'defaults' expected.")
		return errFatalAlert
	}
	h, ok := pp.l.kw.proxy[kw]
	if !ok {
		if best := bestMatch(kw, listenRegistered(), listenCommon()); best != "" {
			l.alert(ln, "unknown keyword '%s' in '%s' section; did you mean '%s' maybe ?", kw, pp.section, best)
		} else {
			l.alert(ln, "unknown keyword '%s' in '%s' section", kw, pp.section)
		}
		return errFatalAlert
	}
	ec := h(pp, pp.cur, ln)
	if ec&errFatal == 0 {
		l.support("proxy", kw, ln)
	}
	return ec
}

// header handles the section's first line.
func (pp *proxyParser) header(ln *line, rc proxy.Cap) errCode {
	l := pp.l
	var ec errCode
	isDef := rc&proxy.CapDefaults != 0
	if !isDef {
		if ln.arg(1) == "" {
			l.alert(ln, "'%s' expects an <id> argument", ln.arg(0))
			return errAlert | errAbort
		}
		if bad, ok := invalidChar(ln.arg(1)); !ok {
			l.alert(ln, "character '%c' is not permitted in '%s' name '%s'.", bad, ln.arg(0), ln.arg(1))
			ec |= errFatalAlert
		}
		var other *pxState
		if rc&proxy.CapFrontend != 0 {
			other = pp.find(ln.arg(1), proxy.CapFrontend)
		} else {
			other = pp.find(ln.arg(1), proxy.CapBackend)
		}
		pp.cur = other
		if other != nil {
			l.alertf(ln.pos, "Parsing %s: %s '%s' has the same name as %s '%s' declared at %s:%d.",
				ln.where(), capStr(rc), ln.arg(1), other.typeStr(), other.name(), other.pos.File, other.pos.Line)
			ec |= errFatalAlert
		}
		pp.cur = nil
		if lf := l.logForwardByName(ln.arg(1)); lf != nil {
			l.alertf(ln.pos, "Parsing %s: %s '%s' has the same name as log forward section '%s' declared at %s:%d.",
				ln.where(), capStr(rc), ln.arg(1), lf.name, lf.pos.File, lf.pos.Line)
			ec |= errFatalAlert
		}
		if (ln.arg(2) != "" && (ln.arg(3) == "" || ln.arg(2) != "from")) || l.tooManyArgs(ln, 3, 0, &ec) {
			if ln.arg(2) != "" && (ln.arg(3) == "" || ln.arg(2) != "from") {
				// alertif_too_many_args() was not evaluated (||
				// short-circuit), so no alert of its own.
			}
			if rc&proxy.CapFrontend != 0 {
				l.alert(ln, "please use the 'bind' keyword for listening addresses.")
			}
			return ec
		}
	}

	name := ln.arg(1)
	arg := 2
	if isDef && ln.arg(1) == "from" && ln.arg(2) != "" && ln.arg(3) == "" {
		arg, name = 1, ""
	}
	if !isDef {
		pp.currDef = pp.lastDef
	}
	if ln.arg(arg) == "from" {
		ref := ln.arg(arg + 1)
		matches := pp.findDefaults(ref)
		if len(matches) == 0 {
			l.alert(ln, "defaults section '%s' not found for %s '%s'.", ref, capStr(rc), name)
			return ec | errAlert | errAbort
		}
		pp.currDef = matches[0]
		if len(matches) > 1 {
			a, b := matches[0], matches[1]
			l.alert(ln, "ambiguous defaults section name '%s' referenced by %s '%s' exists at least at %s:%d and %s:%d.",
				ref, capStr(rc), name, a.pos.File, a.pos.Line, b.pos.File, b.pos.Line)
			ec |= errFatalAlert
		}
		if bad, ok := invalidChar(ref); !ok {
			l.alert(ln, "character '%c' is not permitted in defaults section name '%s' when designated by its name (section found at %s:%d).",
				bad, ref, pp.currDef.pos.File, pp.currDef.pos.Line)
			ec |= errFatalAlert
		}
		pp.currDef.explicitRef = true
	} else if pp.currDef != nil {
		pp.currDef.implicitRef = true
	}
	cd := pp.currDef
	if cd != nil && cd.explicitRef && cd.implicitRef {
		l.alert(ln, "defaults section '%s' (declared at %s:%d) is explicitly referenced by another proxy and implicitly used here. To avoid any ambiguity don't mix both usage. Add a last defaults section not explicitly used or always use explicit references.",
			cd.name(), cd.pos.File, cd.pos.Line)
		ec |= errWarn
	}

	cur := pp.newProxy(name, rc, ln.pos, cd)
	pp.cur = cur

	if cd != nil && hasTCPHTTPRules(cd.p) {
		switch {
		case isDef:
			l.alertNS(ln, "a defaults section cannot inherit from a defaults section defining TCP/HTTP rules (defaults section at %s:%d).", cd.pos.File, cd.pos.Line)
			ec |= errAlert | errAbort
		case rc&proxy.CapListen == proxy.CapListen:
			l.alertNS(ln, "a listen section cannot inherit from a defaults section defining TCP/HTTP rules.")
			ec |= errAlert | errAbort
		default:
			defcap := cd.p.Cap & proxy.CapListen
			switch {
			case (defcap == proxy.CapBackend || defcap == proxy.CapFrontend) && rc&proxy.CapListen != defcap:
				l.alertNS(ln, "frontends and backends cannot inherit from the same defaults section if it defines TCP/HTTP rules (defaults section at %s:%d).", cd.pos.File, cd.pos.Line)
				ec |= errAlert | errAbort
			case rc&proxy.CapFrontend == 0 && (len(cd.p.TCPRequestConn) > 0 || len(cd.p.TCPRequestSession) > 0):
				l.alertNS(ln, "a backend section cannot inherit from a defaults section defining 'tcp-request connection' or 'tcp-request session' rules (defaults section at %s:%d).", cd.pos.File, cd.pos.Line)
				ec |= errAlert | errAbort
			case rc&proxy.CapBackend == 0 && len(cd.p.TCPResponseContent) > 0:
				l.alertNS(ln, "a frontend section cannot inherit from a defaults section defining 'tcp-response content' rules (defaults section at %s:%d).", cd.pos.File, cd.pos.Line)
				ec |= errAlert | errAbort
			default:
				cd.p.Cap = cd.p.Cap&^proxy.CapListen | rc&proxy.CapListen
				cur.p.DefaultsRules = cd.p
			}
		}
	}
	if rc&proxy.CapBackend != 0 && cd != nil && (len(cd.p.Captures.RequestHeaders) > 0 || len(cd.p.Captures.ResponseHeaders) > 0) {
		l.alertNS(ln, "backend or defaults sections cannot inherit from a defaults section defining capptures (defaults section at %s:%d).", cd.pos.File, cd.pos.Line)
		ec |= errAlert | errAbort
	}
	if isDef {
		pp.currDef, pp.lastDef = cur, cur
		pp.defaults = append(pp.defaults, cur)
		l.cfg.Defaults = append(l.cfg.Defaults, cur.p)
	} else {
		pp.all = append(pp.all, cur)
		pp.byName[name] = append(pp.byName[name], cur)
		l.cfg.Proxies = append(l.cfg.Proxies, cur.p)
	}
	return ec
}

// hasTCPHTTPRules reports whether a defaults section defines rules that
// proxies then reference rather than copy.
func hasTCPHTTPRules(p *proxy.Proxy) bool {
	return len(p.HTTPRequest) > 0 || len(p.HTTPResponse) > 0 || len(p.HTTPAfterResponse) > 0 ||
		len(p.TCPRequestConn) > 0 || len(p.TCPRequestSession) > 0 ||
		len(p.TCPRequestContent) > 0 || len(p.TCPResponseContent) > 0
}

// find is proxy_find_by_name() among regular proxies.
func (pp *proxyParser) find(name string, c proxy.Cap) *pxState {
	for _, s := range pp.byName[name] {
		if s.p.Cap&c != 0 {
			return s
		}
	}
	return nil
}

// findDefaults returns the defaults sections with that name, oldest first.
func (pp *proxyParser) findDefaults(name string) []*pxState {
	var out []*pxState
	for _, s := range pp.defaults {
		if s.p.Name == name {
			out = append(out, s)
		}
	}
	return out
}

// newProxy is parse_new_proxy(): a proxy preset from its defaults section
// (proxy_defproxy_cpy()) or with the built-in defaults.
func (pp *proxyParser) newProxy(name string, c proxy.Cap, pos parser.Pos, def *pxState) *pxState {
	var s *pxState
	if def == nil {
		s = newDefaultsPreset(name, c)
	} else {
		s = &pxState{p: &proxy.Proxy{Name: name, Cap: c}, statsOwned: false}
		inherit(s, def)
	}
	s.pos = pos
	s.def = def
	s.anon = c&proxy.CapDefaults != 0 && name == ""
	s.p.File, s.p.Line = pos.File, pos.Line
	if def != nil {
		// conf.errors references are copied with the defaults
		// (proxy_dup_default_conf_errors()).
		if refs := pp.l.errorsRefs[def]; len(refs) > 0 {
			pp.l.errorsRefs[s] = append([]errorsRef(nil), refs...)
		}
	}
	pp.states[s.p] = s
	return s
}

// inherit is proxy_defproxy_cpy(): what a new section takes from its
// defaults section depends on its capabilities.
func inherit(s *pxState, def *pxState) {
	p, d := s.p, def.p
	// Shared until a default-server line changes it (pxServer copies
	// it then): 10,000 backends need not copy an 800-byte server each.
	p.DefaultServer = d.DefaultServer
	s.sharedDefaultServer = d.DefaultServer != nil
	p.Disabled = d.Disabled
	p.Options = d.Options
	p.HTTPConn = d.HTTPConn
	p.HTTPReuse = d.HTTPReuse
	p.Transparent = d.Transparent
	p.Redispatch = d.Redispatch
	p.RestrictReqHdrNames = d.RestrictReqHdrNames
	if d.ForwardFor != nil {
		ff := *d.ForwardFor
		p.ForwardFor = &ff
	}
	if d.OriginalTo != nil {
		ot := *d.OriginalTo
		p.OriginalTo = &ot
	}
	p.RetryOn = d.RetryOn
	p.InspectDelay = d.InspectDelay
	p.ResponseInspectDelay = d.ResponseInspectDelay
	p.HTTPSendNameHeader = d.HTTPSendNameHeader
	if d.ErrorFiles != nil {
		p.ErrorFiles = maps.Clone(d.ErrorFiles)
	}
	if p.Cap&proxy.CapFrontend != 0 {
		p.MaxConn = d.MaxConn
		p.Backlog = d.Backlog
		p.RateLimit = d.RateLimit
		p.MaxSessionSrvConns = d.MaxSessionSrvConns
		p.ClientTCPKeepalive = d.ClientTCPKeepalive
		p.Captures = d.Captures
		p.Timeouts.Client = d.Timeouts.Client
		p.Timeouts.ClientFin = d.Timeouts.ClientFin
		p.Timeouts.Tarpit = d.Timeouts.Tarpit
		p.Timeouts.HTTPRequest = d.Timeouts.HTTPRequest
		p.Timeouts.HTTPKeepAlive = d.Timeouts.HTTPKeepAlive
		p.MonitorURI = d.MonitorURI
		p.DefaultBackendName = d.DefaultBackendName
		p.LogFormat = d.LogFormat
		s.lfKind, s.lfPos = def.lfKind, def.lfPos
		p.LogFormatSD = d.LogFormatSD
		s.sdPos = def.sdPos
		p.ErrorLogFormat = d.ErrorLogFormat
		s.elfPos = def.elfPos
	}
	if p.Cap&proxy.CapBackend != 0 {
		p.Balance = d.Balance
		p.FullConn = d.FullConn
		p.Retries = d.Retries
		p.RedispatchAfter = d.RedispatchAfter
		p.MaxKeepAliveQueue = d.MaxKeepAliveQueue
		p.Check = d.Check
		s.tcpcheckProto = def.tcpcheckProto
		if d.Cookie != nil {
			ck := *d.Cookie
			p.Cookie = &ck
		}
		p.DynamicCookieKey = d.DynamicCookieKey
		p.RDPCookie = d.RDPCookie
		if d.Source != nil {
			src := *d.Source
			p.Source = &src
		}
		p.LoadServerStateFromFile = d.LoadServerStateFromFile
		p.ServerTCPKeepalive = d.ServerTCPKeepalive
		p.Timeouts.Connect = d.Timeouts.Connect
		p.Timeouts.Server = d.Timeouts.Server
		p.Timeouts.ServerFin = d.Timeouts.ServerFin
		p.Timeouts.Check = d.Timeouts.Check
		p.Timeouts.Queue = d.Timeouts.Queue
		p.Timeouts.Tarpit = d.Timeouts.Tarpit
		p.Timeouts.HTTPRequest = d.Timeouts.HTTPRequest
		p.Timeouts.HTTPKeepAlive = d.Timeouts.HTTPKeepAlive
		p.Timeouts.Tunnel = d.Timeouts.Tunnel
	}
	p.Mode = d.Mode
	p.Stats = d.Stats
	p.Logs = append([]proxy.LogTarget(nil), d.Logs...)
	p.UniqueIDFormat = d.UniqueIDFormat
	s.uifPos = def.uifPos
	p.LogTag = d.LogTag
	p.UniqueIDHeader = d.UniqueIDHeader
	if d.Compression != nil {
		p.Compression = &proxy.Compression{Algos: d.Compression.Algos, Types: d.Compression.Types}
	}
	if d.EmailAlert != nil {
		ea := *d.EmailAlert
		p.EmailAlert = &ea
	}
	s.emailAlertSet = def.emailAlertSet
}

// cloneServer copies a default-server's settings.
func cloneServer(s *proxy.Server) *proxy.Server {
	if s == nil {
		return presetServer()
	}
	c := *s
	if s.SSL != nil {
		ssl := *s.SSL
		c.SSL = &ssl
	}
	return &c
}

// invalidChar is invalid_char(): names are letters, digits and ".:_-";
// it returns the first other character.
func invalidChar(name string) (byte, bool) {
	if name == "" {
		return 0, false
	}
	for i := 0; i < len(name); i++ {
		c := name[i]
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '.' || c == ':' || c == '_' || c == '-') {
			return c, false
		}
	}
	return 0, true
}

// invalidPrefixChar is invalid_prefix_char()/invalid_domainchar(): no ':'.
func invalidPrefixChar(name string) (byte, bool) {
	if name == "" {
		return 0, false
	}
	for i := 0; i < len(name); i++ {
		c := name[i]
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '.' || c == '_' || c == '-') {
			return c, false
		}
	}
	return 0, true
}

// listenRegistered is the CFG_LISTEN keywords in 2.6's registration order.
func listenRegistered() []string {
	return []string{
		"http-check", "tcp-check", "timeout", "clitimeout", "contimeout", "srvtimeout",
		"rate-limit", "max-keep-alive-queue", "declare", "retry-on", "clitcpka-cnt",
		"srvtcpka-cnt", "clitcpka-idle", "srvtcpka-idle", "clitcpka-intvl", "srvtcpka-intvl",
		"errorloc", "errorloc302", "errorloc303", "errorfile", "errorfiles", "http-error",
		"tcp-request", "tcp-response", "filter", "use-fcgi-app", "compression", "external-check",
	}
}

// listenCommon is common_kw_list of src/cfgparse-listen.c.
func listenCommon() []string {
	return []string{
		"listen", "frontend", "backend", "defaults", "server",
		"default-server", "server-template", "bind", "monitor-net",
		"monitor-uri", "mode", "id", "description", "disabled", "enabled",
		"bind-process", "acl", "dynamic-cookie-key", "cookie", "email-alert",
		"persist", "appsession", "load-server-state-from-file",
		"server-state-file-name", "max-session-srv-conns", "capture",
		"retries", "http-request", "http-response", "http-after-response",
		"http-send-name-header", "block", "redirect", "use_backend",
		"use-server", "force-persist", "ignore-persist", "force-persist",
		"stick-table", "stick", "stats", "option", "default_backend",
		"http-reuse", "monitor", "transparent", "maxconn", "backlog",
		"fullconn", "dispatch", "balance", "hash-type",
		"hash-balance-factor", "unique-id-format", "unique-id-header",
		"log-format", "log-format-sd", "log-tag", "log", "source", "usesrc",
		"error-log-format",
	}
}
