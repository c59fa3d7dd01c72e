package config

import (
	"net/netip"
	"strings"

	"hakeep/proxy"
)

// simpleOption is one entry of 2.6's cfg_opts/cfg_opts2: a boolean
// option, the side it applies to, and whether it needs HTTP mode.
type simpleOption struct {
	name string
	cap  proxy.Cap
	set  func(o *proxy.Options, on bool)
}

// simpleOptions is cfg_opts then cfg_opts2 (src/proxy.c), in order: the
// candidates of "unknown option" suggestions come from them.
func simpleOptions() []simpleOption {
	return []simpleOption{
		{"abortonclose", proxy.CapBackend, func(o *proxy.Options, v bool) { o.AbortOnClose = v }},
		{"allbackups", proxy.CapBackend, func(o *proxy.Options, v bool) { o.AllBackups = v }},
		{"checkcache", proxy.CapBackend, func(o *proxy.Options, v bool) { o.CheckCache = v }},
		{"clitcpka", proxy.CapFrontend, func(o *proxy.Options, v bool) { o.ClientTCPKA = v }},
		{"contstats", proxy.CapFrontend, func(o *proxy.Options, v bool) { o.ContStats = v }},
		{"dontlognull", proxy.CapFrontend, func(o *proxy.Options, v bool) { o.DontLogNull = v }},
		{"http-buffer-request", proxy.CapListen, func(o *proxy.Options, v bool) { o.HTTPBufferRequest = v }},
		{"http-ignore-probes", proxy.CapFrontend, func(o *proxy.Options, v bool) { o.HTTPIgnoreProbes = v }},
		{"idle-close-on-response", proxy.CapFrontend, func(o *proxy.Options, v bool) { o.IdleCloseOnResponse = v }},
		{"prefer-last-server", proxy.CapBackend, func(o *proxy.Options, v bool) { o.PreferLastServer = v }},
		{"logasap", proxy.CapFrontend, func(o *proxy.Options, v bool) { o.LogASAP = v }},
		{"nolinger", proxy.CapListen, func(o *proxy.Options, v bool) { o.NoLinger = v }},
		{"persist", proxy.CapBackend, func(o *proxy.Options, v bool) { o.Persist = v }},
		{"srvtcpka", proxy.CapBackend, func(o *proxy.Options, v bool) { o.ServerTCPKA = v }},
		{"transparent", proxy.CapBackend, nil},
		{"splice-request", proxy.CapListen, func(o *proxy.Options, v bool) { o.SpliceRequest = v }},
		{"splice-response", proxy.CapListen, func(o *proxy.Options, v bool) { o.SpliceResponse = v }},
		{"splice-auto", proxy.CapListen, func(o *proxy.Options, v bool) { o.SpliceAuto = v }},
		{"accept-invalid-http-request", proxy.CapFrontend, func(o *proxy.Options, v bool) { o.AcceptInvalidHTTPRequest = v }},
		{"accept-invalid-http-response", proxy.CapBackend, func(o *proxy.Options, v bool) { o.AcceptInvalidHTTPResponse = v }},
		{"dontlog-normal", proxy.CapFrontend, func(o *proxy.Options, v bool) { o.DontLogNormal = v }},
		{"log-separate-errors", proxy.CapFrontend, func(o *proxy.Options, v bool) { o.LogSeparateErrors = v }},
		{"log-health-checks", proxy.CapBackend, func(o *proxy.Options, v bool) { o.LogHealthChecks = v }},
		{"socket-stats", proxy.CapFrontend, func(o *proxy.Options, v bool) { o.SocketStats = v }},
		{"tcp-smart-accept", proxy.CapFrontend, func(o *proxy.Options, v bool) { o.TCPSmartAccept = v }},
		{"tcp-smart-connect", proxy.CapBackend, func(o *proxy.Options, v bool) { o.TCPSmartConnect = v }},
		{"independent-streams", proxy.CapListen, func(o *proxy.Options, v bool) { o.IndependentStreams = v }},
		{"http-use-proxy-header", proxy.CapFrontend, func(o *proxy.Options, v bool) { o.HTTPUseProxyHeader = v }},
		{"http-pretend-keepalive", proxy.CapBackend, func(o *proxy.Options, v bool) { o.HTTPPretendKeepalive = v }},
		{"http-no-delay", proxy.CapListen, func(o *proxy.Options, v bool) { o.HTTPNoDelay = v }},
		{"h1-case-adjust-bogus-client", proxy.CapFrontend, func(o *proxy.Options, v bool) { o.H1CaseAdjustBogusClient = v }},
		{"h1-case-adjust-bogus-server", proxy.CapBackend, func(o *proxy.Options, v bool) { o.H1CaseAdjustBogusServer = v }},
		{"disable-h2-upgrade", proxy.CapFrontend, func(o *proxy.Options, v bool) { o.DisableH2Upgrade = v }},
	}
}

// simpleOptionNames is simpleOptions' names, for suggestions.
func simpleOptionNames() []string {
	opts := simpleOptions()
	out := make([]string, len(opts))
	for i, o := range opts {
		out[i] = o.name
	}
	return out
}

// commonOptions is common_options of src/cfgparse-listen.c: the options
// parsed by hand, also suggestion candidates.
func commonOptions() []string {
	return []string{
		"httpclose", "http-server-close", "http-keep-alive",
		"redispatch", "httplog", "tcplog", "tcpka", "httpchk",
		"ssl-hello-chk", "smtpchk", "pgsql-check", "redis-check",
		"mysql-check", "ldap-check", "spop-check", "tcp-check",
		"external-check", "forwardfor", "original-to",
	}
}

// pxOption is the "option" keyword (configuration.txt section 4.2,
// "option ...").
func pxOption(pp *proxyParser, s *pxState, ln *line) errCode {
	l := pp.l
	var ec errCode
	name := ln.arg(1)
	if name == "" {
		l.alertNS(ln, "'%s' expects an option name.", ln.arg(0))
		return errFatalAlert
	}
	for _, o := range pp.l.kw.options {
		if o.name != name {
			continue
		}
		if l.tooManyArgs(ln, 0, 1, &ec) {
			return ec
		}
		if pp.warnIfNotCap(s, ln, o.cap, name, "") {
			return ec | errWarn
		}
		on := ln.kwm == kwmStd
		if o.set == nil {
			s.p.Transparent = on
		} else {
			o.set(&s.p.Options, on)
		}
		if on {
			// "no option X" asks for what hakeep does anyway
			l.support("option", name, ln)
		}
		return ec
	}

	switch name {
	case "forceclose":
		l.alertNS(ln, "option '%s' is not supported any more since HAProxy 2.0, please just remove it, or use 'option httpclose' if absolutely needed.", name)
		return errFatalAlert
	case "httpclose", "http-server-close", "http-keep-alive":
		if l.tooManyArgs(ln, 0, 1, &ec) {
			return ec
		}
		mode := map[string]proxy.HTTPConnMode{"httpclose": proxy.HTTPClose, "http-server-close": proxy.HTTPServerClose, "http-keep-alive": proxy.HTTPKeepAlive}[name]
		switch ln.kwm {
		case kwmStd:
			s.p.HTTPConn = mode
			l.support("option", name, ln)
			return ec
		case kwmNo:
			if s.p.HTTPConn == mode {
				s.p.HTTPConn = proxy.HTTPKeepAlive
			}
			return ec
		}
		// "default option httpclose" falls through to the checks
		// below, as 2.6's code does.
	case "http-tunnel":
		l.alertNS(ln, "option '%s' is not supported any more since HAProxy 2.1, please just remove it, it shouldn't be needed.", name)
		return errFatalAlert
	}

	if name == "redispatch" {
		if pp.warnIfNotCap(s, ln, proxy.CapBackend, name, "") {
			return ec | errWarn
		}
		switch ln.kwm {
		case kwmStd:
			s.p.Redispatch = true
			s.p.RedispatchAfter = -1
			if ln.arg(2) != "" {
				s.p.RedispatchAfter = int(int32(atol(ln.arg(2))))
			}
			l.support("option", name, ln)
		case kwmNo:
			s.p.Redispatch, s.p.RedispatchAfter = false, 0
		case kwmDef:
			s.p.Redispatch = false
		}
		return ec
	}
	if name == "http_proxy" {
		l.alertNS(ln, "option '%s' is not supported any more since HAProxy 2.5. This option stopped working in HAProxy 1.9 and usually had nasty side effects. It can be more reliably implemented with combinations of 'http-request set-dst' and 'http-request set-uri', and even 'http-request do-resolve' if DNS resolution is desired.", name)
		return errFatalAlert
	}
	if ln.kwm != kwmStd {
		l.alertNS(ln, "negation/default is not supported for option '%s'.", name)
		return errFatalAlert
	}

	switch name {
	case "httplog":
		format, kind := defaultHTTPLogFormat, "option httplog"
		if ln.arg(2) != "" {
			if ln.arg(2) != "clf" {
				l.alert(ln, "keyword '%s' only supports option 'clf'.", name)
				return errFatalAlert
			}
			format, kind = clfHTTPLogFormat, "option httplog clf"
			if l.tooManyArgs(ln, 1, 1, &ec) {
				return ec
			}
		}
		pp.setLogFormat(s, ln, kind, format, kind)
		s.p.Options.HTTPLog, s.p.Options.CLFLog, s.p.Options.TCPLog, s.p.Options.HTTPSLog = true, kind != "option httplog", false, false
		if !s.isDef() && !s.fe() {
			l.warn(ln, "backend '%s' : 'option httplog' directive is ignored in backends.", s.name())
			ec |= errWarn
		}
	case "tcplog":
		pp.setLogFormat(s, ln, "option tcplog", defaultTCPLogFormat, "option tcplog")
		s.p.Options.HTTPLog, s.p.Options.CLFLog, s.p.Options.TCPLog, s.p.Options.HTTPSLog = false, false, true, false
		if l.tooManyArgs(ln, 0, 1, &ec) {
			return ec
		}
		if !s.isDef() && !s.fe() {
			l.warn(ln, "backend '%s' : 'option tcplog' directive is ignored in backends.", s.name())
			ec |= errWarn
		}
	case "httpslog":
		// 2.6 names "option httplog" in this warning.
		pp.setLogFormat(s, ln, "option httpslog", defaultHTTPSLogFormat, "option httplog")
		s.p.Options.HTTPLog, s.p.Options.CLFLog, s.p.Options.TCPLog, s.p.Options.HTTPSLog = false, false, false, true
		if !s.isDef() && !s.fe() {
			l.warn(ln, "backend '%s' : 'option httpslog' directive is ignored in backends.", s.name())
			ec |= errWarn
		}
	case "tcpka":
		if pp.warnIfNotCap(s, ln, proxy.CapListen, name, "") {
			ec |= errWarn
		}
		if l.tooManyArgs(ln, 0, 1, &ec) {
			return ec
		}
		if s.fe() {
			s.p.Options.ClientTCPKA = true
		}
		if s.be() {
			s.p.Options.ServerTCPKA = true
		}
	case "httpchk", "ssl-hello-chk", "smtpchk", "pgsql-check", "redis-check",
		"mysql-check", "ldap-check", "spop-check", "tcp-check", "external-check":
		ec |= pp.checkOption(s, ln)
		if ec&errFatal != 0 {
			return ec
		}
	case "forwardfor":
		ec |= pp.forwardFor(s, ln)
		if ec&errFatal != 0 {
			return ec
		}
	case "originalto":
		ec |= pp.originalTo(s, ln)
		if ec&errFatal != 0 {
			return ec
		}
	case "http-restrict-req-hdr-names":
		if l.tooManyArgs(ln, 2, 0, &ec) {
			return ec
		}
		switch ln.arg(2) {
		case "":
			l.alert(ln, "missing parameter. option '%s' expects 'preserve', 'reject' or 'delete' option.", name)
			return errFatalAlert
		case "preserve", "reject", "delete":
			s.p.RestrictReqHdrNames = ln.arg(2)
		default:
			l.alert(ln, "invalid parameter '%s'. option '%s' expects 'preserve', 'reject' or 'delete' option.", ln.arg(2), name)
			return errFatalAlert
		}
	default:
		if best := bestMatch(name, simpleOptionNames(), commonOptions()); best != "" {
			l.alert(ln, "unknown option '%s'; did you mean '%s' maybe ?", name, best)
		} else {
			l.alert(ln, "unknown option '%s'.", name)
		}
		return errFatalAlert
	}
	if ec&errFatal == 0 {
		l.support("option", name, ln)
	}
	return ec
}

// parseNet reads "<address>[/mask]" as str2net()/str62net() do for the
// "except" of forwardfor and originalto.
func parseNet(s string) (netip.Prefix, bool) {
	if s == "" {
		return netip.Prefix{}, false
	}
	addr, mask, hasMask := strings.Cut(s, "/")
	a, err := netip.ParseAddr(addr)
	if err != nil {
		return netip.Prefix{}, false
	}
	bits := a.BitLen()
	if hasMask {
		if strings.Contains(mask, ".") && a.Is4() {
			m, err := netip.ParseAddr(mask)
			if err != nil || !m.Is4() {
				return netip.Prefix{}, false
			}
			b := m.As4()
			n := 0
			for _, x := range b {
				for i := 7; i >= 0; i-- {
					if x&(1<<i) != 0 {
						n++
					}
				}
			}
			bits = n
		} else {
			bits = atoi(mask)
			if !isDigits(mask) || bits < 0 || bits > a.BitLen() {
				return netip.Prefix{}, false
			}
		}
	}
	p, err := a.Prefix(bits)
	return p, err == nil
}

func (pp *proxyParser) forwardFor(s *pxState, ln *line) errCode {
	l := pp.l
	ff := &proxy.ForwardFor{Header: "X-Forwarded-For"}
	for cur := 2; ln.arg(cur) != ""; {
		switch ln.arg(cur) {
		case "except":
			p, ok := parseNet(ln.arg(cur + 1))
			if !ok {
				l.alert(ln, "'%s %s %s' expects <address>[/mask] as argument.", ln.arg(0), ln.arg(1), ln.arg(cur))
				return errFatalAlert
			}
			ff.Except = p
			cur += 2
		case "header":
			if ln.arg(cur+1) == "" {
				l.alert(ln, "'%s %s %s' expects <header_name> as argument.", ln.arg(0), ln.arg(1), ln.arg(cur))
				return errFatalAlert
			}
			ff.Header = ln.arg(cur + 1)
			cur += 2
		case "if-none":
			ff.IfNone = true
			cur++
		default:
			l.alert(ln, "'%s %s' only supports optional values: 'except', 'header' and 'if-none'.", ln.arg(0), ln.arg(1))
			return errFatalAlert
		}
	}
	s.p.ForwardFor = ff
	return 0
}

func (pp *proxyParser) originalTo(s *pxState, ln *line) errCode {
	l := pp.l
	ot := &proxy.OriginalTo{Header: "X-Original-To"}
	for cur := 2; ln.arg(cur) != ""; {
		switch ln.arg(cur) {
		case "except":
			p, ok := parseNet(ln.arg(cur + 1))
			if !ok {
				l.alert(ln, "'%s %s %s' expects <address>[/mask] as argument.", ln.arg(0), ln.arg(1), ln.arg(cur))
				return errFatalAlert
			}
			ot.Except = p
			cur += 2
		case "header":
			if ln.arg(cur+1) == "" {
				l.alert(ln, "'%s %s %s' expects <header_name> as argument.", ln.arg(0), ln.arg(1), ln.arg(cur))
				return errFatalAlert
			}
			ot.Header = ln.arg(cur + 1)
			cur += 2
		default:
			l.alert(ln, "'%s %s' only supports optional values: 'except' and 'header'.", ln.arg(0), ln.arg(1))
			return errFatalAlert
		}
	}
	s.p.OriginalTo = ot
	return 0
}
