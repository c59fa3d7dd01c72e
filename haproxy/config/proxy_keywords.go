package config

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"hakeep/proxy"
)

// proxyHandler decodes one keyword of a frontend/backend/listen/defaults
// section.
type proxyHandler func(pp *proxyParser, s *pxState, ln *line) errCode

// proxyKeywords is the proxy sections' keyword table: every keyword of
// configuration.txt section 4.1's matrix that Debian's 2.6 build knows,
// with its decoder. Statuses live in support.go.
func proxyKeywords() map[string]proxyHandler {
	kws := map[string]proxyHandler{
		"server":                      pxServer,
		"default-server":              pxServer,
		"server-template":             pxServer,
		"bind":                        pxBind,
		"monitor-net":                 pxMonitorNet,
		"monitor-uri":                 pxMonitorURI,
		"mode":                        pxMode,
		"id":                          pxID,
		"description":                 pxDescription,
		"disabled":                    pxDisabled,
		"enabled":                     pxDisabled,
		"bind-process":                pxBindProcess,
		"acl":                         pxACL,
		"dynamic-cookie-key":          pxDynCookieKey,
		"cookie":                      pxCookie,
		"email-alert":                 pxEmailAlert,
		"persist":                     pxPersist,
		"appsession":                  pxRemoved("'%s' is not supported anymore since HAProxy 1.6."),
		"load-server-state-from-file": pxLoadServerState,
		"server-state-file-name":      pxServerStateFileName,
		"max-session-srv-conns":       pxMaxSessionSrvConns,
		"capture":                     pxCapture,
		"retries":                     pxRetries,
		"http-request":                pxRule,
		"http-response":               pxRule,
		"http-after-response":         pxRule,
		"http-send-name-header":       pxSendNameHeader,
		"block":                       pxRemoved("The '%s' directive is not supported anymore since HAProxy 2.1. Use 'http-request deny' which uses the exact same syntax."),
		"redirect":                    pxRule,
		"use_backend":                 pxRule,
		"use-server":                  pxRule,
		"force-persist":               pxRule,
		"ignore-persist":              pxRule,
		"stick-table":                 pxStickTable,
		"stick":                       pxRule,
		"stats":                       pxStats,
		"option":                      pxOption,
		"default_backend":             pxDefaultBackend,
		"redispatch":                  pxRemoved("keyword '%s' directive is not supported anymore since HAProxy 2.1. Use 'option redispatch'."),
		"redisp":                      pxRemoved("keyword '%s' directive is not supported anymore since HAProxy 2.1. Use 'option redispatch'."),
		"http-reuse":                  pxHTTPReuse,
		"monitor":                     pxRule,
		"transparent":                 pxTransparent,
		"maxconn":                     pxIntCap(proxy.CapFrontend, " Maybe you want 'fullconn' instead ?", func(p *proxy.Proxy, v int) { p.MaxConn = v }),
		"backlog":                     pxIntCap(proxy.CapFrontend, "", func(p *proxy.Proxy, v int) { p.Backlog = v }),
		"fullconn":                    pxIntCap(proxy.CapBackend, " Maybe you want 'maxconn' instead ?", func(p *proxy.Proxy, v int) { p.FullConn = v }),
		"grace":                       pxGrace,
		"dispatch":                    pxDispatch,
		"balance":                     pxBalance,
		"hash-type":                   pxHashType,
		"hash-balance-factor":         pxHashBalanceFactor,
		"unique-id-format":            pxUniqueIDFormat,
		"unique-id-header":            pxUniqueIDHeader,
		"log-format":                  pxLogFormat,
		"log-format-sd":               pxLogFormatSD,
		"error-log-format":            pxErrorLogFormat,
		"log-tag":                     pxLogTag,
		"log":                         pxLog,
		"source":                      pxSource,
		"usesrc":                      pxUsesrc,

		// Registered by other files (registeredResult wording).
		"http-check":           pxRegistered(pxHTTPCheck),
		"tcp-check":            pxRegistered(pxTCPCheck),
		"timeout":              pxRegistered(pxTimeout),
		"clitimeout":           pxRegistered(pxTimeout),
		"contimeout":           pxRegistered(pxTimeout),
		"srvtimeout":           pxRegistered(pxTimeout),
		"rate-limit":           pxRegistered(pxRateLimit),
		"max-keep-alive-queue": pxRegistered(pxMaxKAQueue),
		"declare":              pxRegistered(pxDeclare),
		"retry-on":             pxRegistered(pxRetryOn),
		"clitcpka-cnt":         pxRegistered(pxTCPKACnt),
		"srvtcpka-cnt":         pxRegistered(pxTCPKACnt),
		"clitcpka-idle":        pxRegistered(pxTCPKATime),
		"srvtcpka-idle":        pxRegistered(pxTCPKATime),
		"clitcpka-intvl":       pxRegistered(pxTCPKATime),
		"srvtcpka-intvl":       pxRegistered(pxTCPKATime),
		"errorloc":             pxRegistered(pxErrorLoc),
		"errorloc302":          pxRegistered(pxErrorLoc),
		"errorloc303":          pxRegistered(pxErrorLoc),
		"errorfile":            pxRegistered(pxErrorFile),
		"errorfiles":           pxRegistered(pxErrorFiles),
		"http-error":           pxRegistered(pxHTTPError),
		"tcp-request":          pxRegistered(pxTCPRequest),
		"tcp-response":         pxRegistered(pxTCPResponse),
		"filter":               pxRegistered(pxFilter),
		"use-fcgi-app":         pxRegistered(pxUseFCGIApp),
		"compression":          pxRegistered(pxCompression),
		"external-check":       pxRegistered(pxExternalCheck),
	}
	// The old regex rewriting keywords were removed in 2.1; 2.6 names
	// their replacement.
	for kw, repl := range removedRegexKeywords() {
		kws[kw] = pxRemoved(repl)
	}
	return kws
}

// removedRegexKeywords maps the pre-2.1 regex keywords to 2.6's message.
func removedRegexKeywords() map[string]string {
	return map[string]string{
		"cliexp":     "The '%s' directive is not supported anymore since HAProxy 2.1. Use 'http-request replace-path', 'http-request replace-uri' or 'http-request replace-header' instead.",
		"reqrep":     "The '%s' directive is not supported anymore since HAProxy 2.1. Use 'http-request replace-path', 'http-request replace-uri' or 'http-request replace-header' instead.",
		"reqdel":     "The '%s' directive is not supported anymore since HAProxy 2.1. Use 'http-request del-header' instead.",
		"reqdeny":    "The '%s' not supported anymore since HAProxy 2.1. Use 'http-request deny' instead.",
		"reqpass":    "The '%s' not supported anymore since HAProxy 2.1.",
		"reqallow":   "The '%s' directive is not supported anymore since HAProxy 2.1. Use 'http-request allow' instead.",
		"reqtarpit":  "The '%s' directive is not supported anymore since HAProxy 2.1. Use 'http-request tarpit' instead.",
		"reqirep":    "The '%s' directive is not supported anymore since HAProxy 2.1. Use 'http-request replace-header' instead.",
		"reqidel":    "The '%s' directive is not supported anymore since HAProxy 2.1. Use 'http-request del-header' instead.",
		"reqideny":   "The '%s' directive is not supported anymore since HAProxy 2.1. Use 'http-request deny' instead.",
		"reqipass":   "The '%s' directive is not supported anymore since HAProxy 2.1.",
		"reqiallow":  "The '%s' directive is not supported anymore since HAProxy 2.1. Use 'http-request allow' instead.",
		"reqitarpit": "The '%s' directive is not supported anymore since HAProxy 2.1. Use 'http-request tarpit' instead.",
		"reqadd":     "The '%s' directive is not supported anymore since HAProxy 2.1. Use 'http-request add-header' instead.",
		"srvexp":     "The '%s' directive is not supported anymore since HAProxy 2.1. Use 'http-response replace-header' instead.",
		"rsprep":     "The '%s' directive is not supported anymore since HAProxy 2.1. Use 'http-response replace-header' instead.",
		"rspdel":     "The '%s' directive is not supported anymore since HAProxy 2.1. Use 'http-response del-header' .",
		"rspdeny":    "The '%s' directive is not supported anymore since HAProxy 2.1. Use 'http-response deny' instead.",
		"rspirep":    "The '%s' directive is not supported anymore since HAProxy 2.1. Use 'http-response replace-header' instead.",
		"rspidel":    "The '%s' directive is not supported anymore since HAProxy 2.1. Use 'http-response del-header' instead.",
		"rspideny":   "The '%s' directive is not supported anymore since HAProxy 2.1. Use 'http-response deny' instead.",
		"rspadd":     "The '%s' directive is not supported anymore since HAProxy 2.1. Use 'http-response add-header' instead.",
	}
}

// pxRemoved is a keyword 2.6 refuses with a message naming it.
func pxRemoved(format string) proxyHandler {
	return func(pp *proxyParser, s *pxState, ln *line) errCode {
		pp.l.alert(ln, format, ln.arg(0))
		return errFatalAlert
	}
}

// warnIfNotCap is warnifnotcap(): a keyword meant for another side is
// ignored with a warning.
func (pp *proxyParser) warnIfNotCap(s *pxState, ln *line, c proxy.Cap, arg, hint string) bool {
	if s.p.Cap&c != 0 {
		return false
	}
	pp.l.warn(ln, "'%s' ignored because %s '%s' has %s capability.%s", arg, s.typeStr(), s.name(), capMissing(c), hint)
	return true
}

// failIfNotCap is failifnotcap().
func (pp *proxyParser) failIfNotCap(s *pxState, ln *line, c proxy.Cap, arg, hint string) bool {
	if s.p.Cap&c != 0 {
		return false
	}
	pp.l.alert(ln, "'%s' not allowed because %s '%s' has %s capability.%s", arg, s.typeStr(), s.name(), capMissing(c), hint)
	return true
}

func capMissing(c proxy.Cap) string {
	switch c {
	case proxy.CapBackend:
		return "no backend"
	case proxy.CapFrontend:
		return "no frontend"
	case proxy.CapListen:
		return "neither frontend nor backend"
	}
	return "not enough"
}

// notInAnonDefaults refuses a keyword in defaults sections without a name.
func (pp *proxyParser) notInAnonDefaults(s *pxState, ln *line) bool {
	if !(s.isDef() && s.anon) {
		return false
	}
	pp.l.alert(ln, "'%s' not allowed in anonymous 'defaults' section.", ln.arg(0))
	return true
}

func pxBind(pp *proxyParser, s *pxState, ln *line) errCode {
	l := pp.l
	var ec errCode
	if s.isDef() {
		l.alert(ln, "'%s' not allowed in 'defaults' section.", ln.arg(0))
		return errFatalAlert
	}
	if pp.warnIfNotCap(s, ln, proxy.CapFrontend, ln.arg(0), "") {
		ec |= errWarn
	}
	if ln.arg(1) == "" {
		l.alert(ln, "'%s' expects {<path>|[addr1]:port1[-end1]}{,[addr]:port[-end]}... as arguments.", ln.arg(0))
		return ec | errFatalAlert
	}
	if s.usedListenerIDs == nil {
		s.usedListenerIDs = map[int]*proxy.Bind{}
	}
	b, code := l.parseBind(ln, pp.section, s.usedListenerIDs, false)
	ec |= code
	if b != nil {
		s.p.Binds = append(s.p.Binds, b)
	}
	return ec
}

func pxMonitorNet(pp *proxyParser, s *pxState, ln *line) errCode {
	pp.l.alert(ln, "'monitor-net' doesn't exist anymore. Please use 'http-request return status 200 if { src %s }' instead.", ln.arg(1))
	return errFatalAlert
}

func pxMonitorURI(pp *proxyParser, s *pxState, ln *line) errCode {
	var ec errCode
	if pp.warnIfNotCap(s, ln, proxy.CapFrontend, ln.arg(0), "") {
		ec |= errWarn
	}
	if pp.l.tooManyArgs(ln, 1, 0, &ec) {
		return ec
	}
	if ln.arg(1) == "" {
		pp.l.alert(ln, "'%s' expects an URI.", ln.arg(0))
		return ec | errFatalAlert
	}
	s.p.MonitorURI = ln.arg(1)
	return ec
}

func pxMode(pp *proxyParser, s *pxState, ln *line) errCode {
	var ec errCode
	if pp.l.tooManyArgs(ln, 1, 0, &ec) {
		return ec
	}
	switch ln.arg(1) {
	case "http":
		s.p.Mode = proxy.ModeHTTP
	case "tcp":
		s.p.Mode = proxy.ModeTCP
	case "health":
		pp.l.alert(ln, "'mode health' doesn't exist anymore. Please use 'http-request return status 200' instead.")
		return errFatalAlert
	default:
		pp.l.alert(ln, "unknown proxy mode '%s'.", ln.arg(1))
		return errFatalAlert
	}
	return 0
}

func pxID(pp *proxyParser, s *pxState, ln *line) errCode {
	l := pp.l
	var ec errCode
	if s.isDef() {
		l.alertNS(ln, "'%s' not allowed in 'defaults' section.", ln.arg(0))
		return errFatalAlert
	}
	if l.tooManyArgs(ln, 1, 0, &ec) {
		return ec
	}
	if ln.arg(1) == "" {
		l.alertNS(ln, "'%s' expects an integer argument.", ln.arg(0))
		return errFatalAlert
	}
	id := int(int32(atol(ln.arg(1))))
	s.p.ID = id
	if id <= 0 {
		l.alertNS(ln, "custom id has to be > 0.")
		return errFatalAlert
	}
	if t, ok := pp.usedProxyIDs[id]; ok {
		l.alertNS(ln, "%s %s reuses same custom id as %s %s (declared at %s:%d).", s.typeStr(), s.name(), t.typeStr(), t.name(), t.pos.File, t.pos.Line)
		return errFatalAlert
	}
	pp.usedProxyIDs[id] = s
	return 0
}

func pxDescription(pp *proxyParser, s *pxState, ln *line) errCode {
	if s.isDef() {
		pp.l.alertNS(ln, "'%s' not allowed in 'defaults' section.", ln.arg(0))
		return errFatalAlert
	}
	if ln.arg(1) == "" {
		// 2.6 returns -1 here: every ERR_* bit, abort included.
		pp.l.alertNS(ln, "'%s' expects a string argument.", ln.arg(0))
		return errWarn | errAlert | errFatal | errAbort
	}
	s.p.Description = ln.joined(1)
	return 0
}

func pxDisabled(pp *proxyParser, s *pxState, ln *line) errCode {
	var ec errCode
	if pp.l.tooManyArgs(ln, 0, 0, &ec) {
		return ec
	}
	s.p.Disabled = ln.arg(0) == "disabled"
	return 0
}

func pxBindProcess(pp *proxyParser, s *pxState, ln *line) errCode {
	for cur := 1; ln.arg(cur) != ""; cur++ {
		if ln.arg(cur) == "all" {
			break
		}
		if _, _, msg := parseProcessNumber(ln.arg(cur), 1, false); msg != "" {
			pp.l.alert(ln, "%s : %s", ln.arg(0), msg)
			return errFatalAlert
		}
	}
	pp.l.warnNS(ln, "'%s' has no effect, is deprecated, and will be removed in version 2.7.", ln.arg(0))
	return errWarn
}

func pxDynCookieKey(pp *proxyParser, s *pxState, ln *line) errCode {
	var ec errCode
	if pp.warnIfNotCap(s, ln, proxy.CapBackend, ln.arg(0), "") {
		ec |= errWarn
	}
	if ln.arg(1) == "" {
		pp.l.alert(ln, "'%s' expects <secret_key> as argument.", ln.arg(0))
		return ec | errFatalAlert
	}
	s.p.DynamicCookieKey = ln.arg(1)
	return ec
}

func pxEmailAlert(pp *proxyParser, s *pxState, ln *line) errCode {
	l := pp.l
	if ln.arg(1) == "" {
		l.alert(ln, "missing argument after '%s'.", ln.arg(0))
		return errFatalAlert
	}
	if s.p.EmailAlert == nil {
		s.p.EmailAlert = &proxy.EmailAlert{Level: 1}
	}
	ea := s.p.EmailAlert
	switch ln.arg(1) {
	case "from":
		ea.From = ln.arg(2)
	case "mailers":
		ea.MailersName = ln.arg(2)
	case "myhostname":
		ea.MyHostname = ln.arg(2)
	case "level":
		lv := logLevel(ln.arg(2))
		if lv < 0 {
			l.alert(ln, "unknown log level '%s' after '%s'", ln.arg(1), ln.arg(2))
			return errFatalAlert
		}
		ea.Level = lv
	case "to":
		ea.To = ln.arg(2)
	default:
		l.alert(ln, "email-alert: unknown argument '%s'.", ln.arg(1))
		return errFatalAlert
	}
	s.emailAlertSet = true
	return 0
}

func pxPersist(pp *proxyParser, s *pxState, ln *line) errCode {
	l := pp.l
	var ec errCode
	a := ln.arg(1)
	if a == "" {
		l.alert(ln, "missing persist method.")
		return errFatalAlert
	}
	if !strings.HasPrefix(a, "rdp-cookie") {
		l.alert(ln, "unknown persist method.")
		return errFatalAlert
	}
	rest := a[len("rdp-cookie"):]
	switch {
	case strings.HasPrefix(rest, "("):
		if l.tooManyArgs(ln, 1, 0, &ec) {
			return ec
		}
		end := strings.IndexByte(rest, ')')
		if end <= 1 {
			l.alert(ln, "persist rdp-cookie(name)' requires an rdp cookie name.")
			return errFatalAlert
		}
		s.p.RDPCookie = rest[1:end]
	case rest == "":
		s.p.RDPCookie = "msts"
	default:
		l.alert(ln, "persist rdp-cookie(name)' requires an rdp cookie name.")
		return errFatalAlert
	}
	return 0
}

func pxLoadServerState(pp *proxyParser, s *pxState, ln *line) errCode {
	var ec errCode
	if pp.warnIfNotCap(s, ln, proxy.CapBackend, ln.arg(0), "") {
		ec |= errWarn
	}
	switch ln.arg(1) {
	case "global", "local", "none":
		s.p.LoadServerStateFromFile = ln.arg(1)
	default:
		pp.l.alert(ln, "'%s' expects 'global', 'local' or 'none'. Got '%s'", ln.arg(0), ln.arg(1))
		return ec | errFatalAlert
	}
	return ec
}

func pxServerStateFileName(pp *proxyParser, s *pxState, ln *line) errCode {
	var ec errCode
	if pp.warnIfNotCap(s, ln, proxy.CapBackend, ln.arg(0), "") {
		ec |= errWarn
	}
	if pp.l.tooManyArgs(ln, 1, 0, &ec) {
		return ec
	}
	if ln.arg(1) == "" || ln.arg(1) == "use-backend-name" {
		s.p.ServerStateFileName = s.name()
	} else {
		s.p.ServerStateFileName = ln.arg(1)
	}
	return ec
}

func pxMaxSessionSrvConns(pp *proxyParser, s *pxState, ln *line) errCode {
	var ec errCode
	if pp.warnIfNotCap(s, ln, proxy.CapFrontend, ln.arg(0), "") {
		ec |= errWarn
	}
	if ln.arg(1) == "" {
		pp.l.alertf(ln.pos, "parsine %s : '%s' expects a number. Got no argument", ln.where(), ln.arg(0))
		return ec | errFatalAlert
	}
	s.p.MaxSessionSrvConns = atoi(ln.arg(1))
	return ec
}

func pxRetries(pp *proxyParser, s *pxState, ln *line) errCode {
	var ec errCode
	if pp.warnIfNotCap(s, ln, proxy.CapBackend, ln.arg(0), "") {
		ec |= errWarn
	}
	if pp.l.tooManyArgs(ln, 1, 0, &ec) {
		return ec
	}
	if ln.arg(1) == "" {
		pp.l.alert(ln, "'%s' expects an integer argument (dispatch counts for one).", ln.arg(0))
		return ec | errFatalAlert
	}
	s.p.Retries = int(int32(atol(ln.arg(1))))
	return ec
}

func pxSendNameHeader(pp *proxyParser, s *pxState, ln *line) errCode {
	var ec errCode
	if pp.warnIfNotCap(s, ln, proxy.CapBackend, ln.arg(0), "") {
		ec |= errWarn
	}
	if ln.arg(1) == "" {
		pp.l.alert(ln, "'%s' requires a header string.", ln.arg(0))
		return ec | errFatalAlert
	}
	s.p.HTTPSendNameHeader = strings.ToLower(ln.arg(1))
	return ec
}

func pxDefaultBackend(pp *proxyParser, s *pxState, ln *line) errCode {
	var ec errCode
	if pp.warnIfNotCap(s, ln, proxy.CapFrontend, ln.arg(0), "") {
		ec |= errWarn
	}
	if ln.arg(1) == "" {
		pp.l.alert(ln, "'%s' expects a backend name.", ln.arg(0))
		return ec | errFatalAlert
	}
	s.p.DefaultBackendName = ln.arg(1)
	s.defaultBackendP = ln.pos
	pp.l.tooManyArgs(ln, 1, 0, &ec)
	return ec
}

func pxHTTPReuse(pp *proxyParser, s *pxState, ln *line) errCode {
	var ec errCode
	if pp.warnIfNotCap(s, ln, proxy.CapBackend, ln.arg(0), "") {
		ec |= errWarn
	}
	modes := map[string]proxy.HTTPReuse{"never": proxy.ReuseNever, "safe": proxy.ReuseSafe, "aggressive": proxy.ReuseAggressive, "always": proxy.ReuseAlways}
	m, ok := modes[ln.arg(1)]
	if !ok {
		pp.l.alert(ln, "'%s' only supports 'never', 'safe', 'aggressive', 'always'.", ln.arg(0))
		return ec | errFatalAlert
	}
	s.p.HTTPReuse = m
	pp.l.tooManyArgs(ln, 0, 1, &ec)
	return ec
}

func pxTransparent(pp *proxyParser, s *pxState, ln *line) errCode {
	s.p.Transparent = true
	var ec errCode
	pp.l.tooManyArgs(ln, 0, 0, &ec)
	return ec
}

// pxIntCap is maxconn/backlog/fullconn: an atol() integer, meant for one
// side.
func pxIntCap(c proxy.Cap, hint string, set func(p *proxy.Proxy, v int)) proxyHandler {
	return func(pp *proxyParser, s *pxState, ln *line) errCode {
		var ec errCode
		if pp.warnIfNotCap(s, ln, c, ln.arg(0), hint) {
			ec |= errWarn
		}
		if ln.arg(1) == "" {
			pp.l.alert(ln, "'%s' expects an integer argument.", ln.arg(0))
			return ec | errFatalAlert
		}
		set(s.p, int(int32(atol(ln.arg(1)))))
		pp.l.tooManyArgs(ln, 1, 0, &ec)
		return ec
	}
}

func pxGrace(pp *proxyParser, s *pxState, ln *line) errCode {
	pp.l.alertNS(ln, "the '%s' keyword is not supported any more since HAProxy version 2.5.", ln.arg(0))
	return errFatalAlert
}

func pxDispatch(pp *proxyParser, s *pxState, ln *line) errCode {
	l := pp.l
	var ec errCode
	if s.isDef() {
		l.alert(ln, "'%s' not allowed in 'defaults' section.", ln.arg(0))
		return errFatalAlert
	} else if pp.warnIfNotCap(s, ln, proxy.CapBackend, ln.arg(0), "") {
		ec |= errWarn
	}
	r, msg := l.parseAddress(ln.arg(1), "", paResolve|paPortOK|paPortMand|paStream|paXprt|paConnect, false)
	if msg != "" {
		l.alert(ln, "'%s' : %s", ln.arg(0), strings.TrimRight(msg, "\n"))
		return ec | errFatalAlert
	}
	if l.tooManyArgs(ln, 1, 0, &ec) {
		return ec
	}
	a := r.addr
	a.PortOffset = false
	s.p.Dispatch = &a
	s.dispatchSet = true
	return ec
}

func pxHashBalanceFactor(pp *proxyParser, s *pxState, ln *line) errCode {
	if ln.arg(1) == "" {
		pp.l.alert(ln, "'%s' expects an integer argument.", ln.arg(0))
		return errFatalAlert
	}
	v := int(int32(atol(ln.arg(1))))
	s.p.Balance.HashBalanceFactor = v
	if v != 0 && v <= 100 {
		pp.l.alert(ln, "'%s' must be 0 or greater than 100.", ln.arg(0))
		return errFatalAlert
	}
	return 0
}

// oneFormatArg is the shared check of unique-id-format, log-format,
// log-format-sd and error-log-format: exactly one argument.
func oneFormatArg(pp *proxyParser, ln *line) bool {
	if ln.arg(1) == "" {
		pp.l.alert(ln, "%s expects an argument.", ln.arg(0))
		return false
	}
	if ln.arg(2) != "" {
		pp.l.alert(ln, "%s expects only one argument, don't forget to escape spaces!", ln.arg(0))
		return false
	}
	return true
}

func pxUniqueIDFormat(pp *proxyParser, s *pxState, ln *line) errCode {
	if !oneFormatArg(pp, ln) {
		return errFatalAlert
	}
	s.p.UniqueIDFormat = ln.arg(1)
	s.uifPos = ln.pos
	return 0
}

func pxUniqueIDHeader(pp *proxyParser, s *pxState, ln *line) errCode {
	if ln.arg(1) == "" {
		pp.l.alert(ln, "%s expects an argument.", ln.arg(0))
		return errFatalAlert
	}
	s.p.UniqueIDHeader = ln.arg(1)
	return 0
}

// defaultLogFormats are 2.6's built-in formats (src/log.c), which the
// "option *log" keywords select.
const (
	defaultHTTPLogFormat  = "%ci:%cp [%tr] %ft %b/%s %TR/%Tw/%Tc/%Tr/%Ta %ST %B %CC %CS %tsc %ac/%fc/%bc/%sc/%rc %sq/%bq %hr %hs %{+Q}r"
	defaultHTTPSLogFormat = "%ci:%cp [%tr] %ft %b/%s %TR/%Tw/%Tc/%Tr/%Ta %ST %B %CC %CS %tsc %ac/%fc/%bc/%sc/%rc %sq/%bq %hr %hs %{+Q}r %[fc_err]/%[ssl_fc_err,hex]/%[ssl_c_err]/%[ssl_c_ca_err]/%[ssl_fc_is_resumed] %[ssl_fc_sni]/%sslv/%sslc"
	clfHTTPLogFormat      = "%{+Q}o %{-Q}ci - - [%trg] %r %ST %B \"\" \"\" %cp %ms %ft %b %s %TR %Tw %Tc %Tr %Ta %tsc %ac %fc %bc %sc %rc %sq %bq %CC %CS %hrl %hsl"
	defaultTCPLogFormat   = "%ci:%cp [%t] %ft %b/%s %Tw/%Tc/%Tt %B %ts %ac/%fc/%bc/%sc/%rc %sq/%bq"
)

// setLogFormat records a new log format, with the warning 2.6 prints when
// a defaults section overrides one.
func (pp *proxyParser) setLogFormat(s *pxState, ln *line, kind, format, overrideKind string) {
	if s.lfKind != "" && s.isDef() {
		pp.l.warnNS(ln, "'%s' overrides previous '%s' in 'defaults' section.", overrideKind, s.lfKind)
	}
	s.p.LogFormat, s.lfKind, s.lfPos = format, kind, ln.pos
}

func pxLogFormat(pp *proxyParser, s *pxState, ln *line) errCode {
	if !oneFormatArg(pp, ln) {
		return errFatalAlert
	}
	pp.setLogFormat(s, ln, "log-format", ln.arg(1), "log-format")
	s.p.Options.HTTPLog, s.p.Options.TCPLog, s.p.Options.HTTPSLog, s.p.Options.CLFLog = false, false, false, false
	if !s.isDef() && !s.fe() {
		pp.l.warn(ln, "backend '%s' : 'log-format' directive is ignored in backends.", s.name())
		return errWarn
	}
	return 0
}

func pxLogFormatSD(pp *proxyParser, s *pxState, ln *line) errCode {
	if !oneFormatArg(pp, ln) {
		return errFatalAlert
	}
	s.p.LogFormatSD, s.sdPos = ln.arg(1), ln.pos
	if !s.isDef() && !s.fe() {
		pp.l.warn(ln, "backend '%s' : 'log-format-sd' directive is ignored in backends.", s.name())
		return errWarn
	}
	return 0
}

func pxErrorLogFormat(pp *proxyParser, s *pxState, ln *line) errCode {
	if !oneFormatArg(pp, ln) {
		return errFatalAlert
	}
	if s.p.ErrorLogFormat != "" && s.isDef() {
		pp.l.warnNS(ln, "'error-log-format' overrides previous 'error-log-format' in 'defaults' section.")
	}
	s.p.ErrorLogFormat, s.elfPos = ln.arg(1), ln.pos
	if !s.isDef() && !s.fe() {
		pp.l.warn(ln, "backend '%s' : 'error-log-format' directive is ignored in backends.", s.name())
		return errWarn
	}
	return 0
}

func pxLogTag(pp *proxyParser, s *pxState, ln *line) errCode {
	if ln.arg(1) == "" {
		pp.l.alert(ln, "'%s' expects a tag for use in syslog.", ln.arg(0))
		return errFatalAlert
	}
	s.p.LogTag = ln.arg(1)
	return 0
}

func pxLog(pp *proxyParser, s *pxState, ln *line) errCode {
	targets, msg, ok := pp.l.parseLogTarget(ln, s.p.Logs, false)
	if !ok {
		pp.l.alert(ln, "%s : %s", ln.arg(0), msg)
		return errFatalAlert
	}
	s.p.Logs = targets
	return 0
}

func pxUsesrc(pp *proxyParser, s *pxState, ln *line) errCode {
	pp.l.alert(ln, "'%s' only allowed after a '%s' statement.", "usesrc", "source")
	return errFatalAlert
}

// pxRegistered runs a registered-keyword parser returning (rc, message).
func pxRegistered(f func(pp *proxyParser, s *pxState, ln *line) (int, string)) proxyHandler {
	return func(pp *proxyParser, s *pxState, ln *line) errCode {
		rc, msg := f(pp, s, ln)
		return registeredResult(pp.l, ln, rc, msg)
	}
}

func pxRateLimit(pp *proxyParser, s *pxState, ln *line) (int, string) {
	if ln.arg(1) != "sessions" {
		return -1, fmt.Sprintf("'%s' only supports 'sessions' (got '%s')", ln.arg(0), ln.arg(1))
	}
	if ln.arg(2) == "" {
		return -1, fmt.Sprintf("'%s %s' expects expects an integer value (in sessions/second)", ln.arg(0), ln.arg(1))
	}
	v, rest := strtoul(ln.arg(2))
	if rest != "" {
		return -1, fmt.Sprintf("'%s %s' : unexpected character '%c' in integer value '%s'", ln.arg(0), ln.arg(1), rest[0], ln.arg(2))
	}
	rc, msg := 0, ""
	if !s.fe() {
		rc, msg = 1, fmt.Sprintf("%s %s will be ignored because %s '%s' has no frontend capability", ln.arg(0), ln.arg(1), s.typeStr(), s.name())
	} else if s.def != nil && s.p.RateLimit != s.def.p.RateLimit {
		rc, msg = 1, fmt.Sprintf("overwriting %s %s which was already specified", ln.arg(0), ln.arg(1))
	}
	s.p.RateLimit = int(v)
	return rc, msg
}

// strtoul reads leading decimal digits like strtoul(s, &end, 10) and
// returns what follows.
func strtoul(s string) (uint64, string) {
	i := 0
	var v uint64
	for i < len(s) && s[i] >= '0' && s[i] <= '9' {
		v = v*10 + uint64(s[i]-'0')
		i++
	}
	return v, s[i:]
}

func pxMaxKAQueue(pp *proxyParser, s *pxState, ln *line) (int, string) {
	if ln.arg(1) == "" {
		return -1, fmt.Sprintf("'%s' expects expects an integer value (or -1 to disable)", ln.arg(0))
	}
	v, err := strconv.ParseInt(ln.arg(1), 10, 32)
	if err != nil {
		_, rest := strtoul(strings.TrimPrefix(ln.arg(1), "-"))
		c := byte('?')
		if rest != "" {
			c = rest[0]
		}
		return -1, fmt.Sprintf("'%s' : unexpected character '%c' in integer value '%s'", ln.arg(0), c, ln.arg(1))
	}
	rc, msg := 0, ""
	if !s.be() {
		rc, msg = 1, fmt.Sprintf("%s will be ignored because %s '%s' has no backend capability", ln.arg(0), s.typeStr(), s.name())
	}
	s.p.MaxKeepAliveQueue = int(v)
	return rc, msg
}

func pxDeclare(pp *proxyParser, s *pxState, ln *line) (int, string) {
	if s.isDef() {
		return -1, fmt.Sprintf("'%s' not available in default section", ln.arg(0))
	}
	if !s.fe() {
		return -1, fmt.Sprintf("'%s' only available in frontend or listen section", ln.arg(0))
	}
	if ln.arg(1) == "" {
		return -1, fmt.Sprintf("'%s' needs a second keyword that specify the type of declaration ('capture')", ln.arg(0))
	}
	if ln.arg(1) != "capture" {
		return -1, fmt.Sprintf("unknown declaration type '%s' (supports 'capture')", ln.arg(1))
	}
	if ln.arg(2) != "request" && ln.arg(2) != "response" {
		return -1, fmt.Sprintf("'%s %s' requires a direction ('request' or 'response')", ln.arg(0), ln.arg(1))
	}
	if ln.arg(3) != "len" {
		return -1, fmt.Sprintf("'%s %s' requires a capture length ('len')", ln.arg(0), ln.arg(1))
	}
	if ln.arg(4) == "" {
		return -1, fmt.Sprintf("'%s %s': 'len' requires a numeric value that represents the capture length", ln.arg(0), ln.arg(1))
	}
	n, err := strconv.ParseInt(ln.arg(4), 10, 64)
	if err != nil {
		return -1, fmt.Sprintf("'%s %s': cannot parse the length '%s'.", ln.arg(0), ln.arg(1), ln.arg(3))
	}
	if n <= 0 {
		return -1, "length must be > 0"
	}
	s.p.Declares = append(s.p.Declares, proxy.DeclareCapture{Response: ln.arg(2) == "response", Len: int(n)})
	return 0, ""
}

func retryOnWords() map[string]proxy.RetryOn {
	return map[string]proxy.RetryOn{
		"conn-failure": proxy.RetryConnFailure, "empty-response": proxy.RetryEmptyResponse,
		"response-timeout": proxy.RetryResponseTimeout, "401": proxy.Retry401, "403": proxy.Retry403,
		"404": proxy.Retry404, "408": proxy.Retry408, "425": proxy.Retry425, "500": proxy.Retry500,
		"501": proxy.Retry501, "502": proxy.Retry502, "503": proxy.Retry503, "504": proxy.Retry504,
		"0rtt-rejected": proxy.Retry0RTTRejected, "junk-response": proxy.RetryJunkResponse,
		"all-retryable-errors": proxy.RetryConnFailure | proxy.RetryEmptyResponse | proxy.RetryResponseTimeout |
			proxy.Retry500 | proxy.Retry502 | proxy.Retry503 | proxy.Retry504 | proxy.Retry0RTTRejected | proxy.RetryJunkResponse,
	}
}

func pxRetryOn(pp *proxyParser, s *pxState, ln *line) (int, string) {
	if ln.arg(1) == "" {
		return -1, fmt.Sprintf("'%s' needs at least one keyword to specify when to retry", ln.arg(0))
	}
	if !s.be() {
		return -1, fmt.Sprintf("'%s' only available in backend or listen section", ln.arg(0))
	}
	var r proxy.RetryOn
	for i := 1; ln.arg(i) != ""; i++ {
		w := ln.arg(i)
		if w == "none" {
			if i != 1 || ln.arg(i+1) != "" {
				return -1, fmt.Sprintf("'%s' 'none' keyworld only usable alone", ln.arg(0))
			}
			r = proxy.RetryNone
			continue
		}
		bit, ok := retryOnWords()[w]
		if !ok {
			return -1, fmt.Sprintf("'%s': unknown keyword '%s'", ln.arg(0), w)
		}
		r |= bit
	}
	s.p.RetryOn = r
	return 0, ""
}

func pxTCPKACnt(pp *proxyParser, s *pxState, ln *line) (int, string) {
	if ln.arg(1) == "" {
		return -1, fmt.Sprintf("'%s' expects an integer value", ln.arg(0))
	}
	v, err := strconv.ParseInt(ln.arg(1), 0, 64)
	if err != nil {
		_, rest := strtoul(ln.arg(1))
		c := byte('?')
		if rest != "" {
			c = rest[0]
		}
		return -1, fmt.Sprintf("'%s' : unexpected character '%c' in integer value '%s'", ln.arg(0), c, ln.arg(1))
	}
	return tcpkaSet(s, ln, func(k *proxy.TCPKeepalive) { k.Count = int(v) })
}

func pxTCPKATime(pp *proxyParser, s *pxState, ln *line) (int, string) {
	if ln.arg(1) == "" {
		return -1, fmt.Sprintf("'%s' expects an integer value", ln.arg(0))
	}
	v, te, ok := pp.l.parseTimeWarn(ln, ln.arg(1), unitS)
	switch {
	case te.over:
		return -1, fmt.Sprintf("timer overflow in argument '%s' to '%s' (maximum value is 2147483647 ms or ~24.8 days)", ln.arg(1), ln.arg(0))
	case te.under:
		return -1, fmt.Sprintf("timer underflow in argument '%s' to '%s' (minimum non-null value is 1 ms)", ln.arg(1), ln.arg(0))
	case !ok:
		return -1, fmt.Sprintf("unexpected character '%c' in argument to <%s>.\n", ln.arg(1)[te.at], ln.arg(0))
	}
	d := durationOf(v, unitS)
	return tcpkaSet(s, ln, func(k *proxy.TCPKeepalive) {
		if strings.HasSuffix(ln.arg(0), "-idle") {
			k.Idle = d
		} else {
			k.Interval = d
		}
	})
}

func tcpkaSet(s *pxState, ln *line, set func(k *proxy.TCPKeepalive)) (int, string) {
	if strings.HasPrefix(ln.arg(0), "cli") {
		set(&s.p.ClientTCPKeepalive)
		if !s.fe() {
			return 1, fmt.Sprintf("%s will be ignored because %s '%s' has no frontend capability", ln.arg(0), s.typeStr(), s.name())
		}
		return 0, ""
	}
	set(&s.p.ServerTCPKeepalive)
	if !s.be() {
		return 1, fmt.Sprintf("%s will be ignored because %s '%s' has no backend capability", ln.arg(0), s.typeStr(), s.name())
	}
	return 0, ""
}

// timeoutKinds maps "timeout <name>" to its field and the side it
// applies to (proxy_parse_timeout()).
type timeoutKind struct {
	name  string
	cap   proxy.Cap
	field func(t *proxy.Timeouts) *time.Duration
}

func timeoutKinds() []timeoutKind {
	return []timeoutKind{
		{"client", proxy.CapFrontend, func(t *proxy.Timeouts) *time.Duration { return &t.Client }},
		{"tarpit", proxy.CapListen, func(t *proxy.Timeouts) *time.Duration { return &t.Tarpit }},
		{"http-keep-alive", proxy.CapListen, func(t *proxy.Timeouts) *time.Duration { return &t.HTTPKeepAlive }},
		{"http-request", proxy.CapListen, func(t *proxy.Timeouts) *time.Duration { return &t.HTTPRequest }},
		{"server", proxy.CapBackend, func(t *proxy.Timeouts) *time.Duration { return &t.Server }},
		{"connect", proxy.CapBackend, func(t *proxy.Timeouts) *time.Duration { return &t.Connect }},
		{"check", proxy.CapBackend, func(t *proxy.Timeouts) *time.Duration { return &t.Check }},
		{"queue", proxy.CapBackend, func(t *proxy.Timeouts) *time.Duration { return &t.Queue }},
		{"tunnel", proxy.CapBackend, func(t *proxy.Timeouts) *time.Duration { return &t.Tunnel }},
		{"client-fin", proxy.CapFrontend, func(t *proxy.Timeouts) *time.Duration { return &t.ClientFin }},
		{"server-fin", proxy.CapBackend, func(t *proxy.Timeouts) *time.Duration { return &t.ServerFin }},
	}
}

func pxTimeout(pp *proxyParser, s *pxState, ln *line) (int, string) {
	args := ln.args
	off := 0
	if ln.arg(0) == "timeout" {
		off = 1
	}
	at := func(i int) string {
		if i+off < len(args) {
			return args[i+off]
		}
		return ""
	}
	name := at(0)
	switch name {
	case "clitimeout":
		return -1, fmt.Sprintf("the '%s' directive is not supported anymore since HAProxy 2.1. Use 'timeout client'.", name)
	case "srvtimeout":
		return -1, fmt.Sprintf("the '%s' directive is not supported anymore since HAProxy 2.1. Use 'timeout server'.", name)
	case "contimeout":
		return -1, fmt.Sprintf("the '%s' directive is not supported anymore since HAProxy 2.1. Use 'timeout connect'.", name)
	}
	idx := -1
	for i, k := range timeoutKinds() {
		if k.name == name {
			idx = i
		}
	}
	if idx < 0 {
		return -1, fmt.Sprintf("'timeout' supports 'client', 'server', 'connect', 'check', 'queue', 'http-keep-alive', 'http-request', 'tunnel', 'tarpit', 'client-fin' and 'server-fin' (got '%s')", name)
	}
	k := timeoutKinds()[idx]
	if at(1) == "" {
		return -1, fmt.Sprintf("'timeout %s' expects an integer value (in milliseconds)", name)
	}
	v, te, ok := pp.l.parseTimeWarn(ln, at(1), unitMS)
	switch {
	case te.over:
		return -1, fmt.Sprintf("timer overflow in argument '%s' to 'timeout %s' (maximum value is 2147483647 ms or ~24.8 days)", at(1), name)
	case te.under:
		return -1, fmt.Sprintf("timer underflow in argument '%s' to 'timeout %s' (minimum non-null value is 1 ms)", at(1), name)
	case !ok:
		return -1, fmt.Sprintf("unexpected character '%c' in 'timeout %s'", at(1)[te.at], name)
	}
	rc, msg := 0, ""
	f := k.field(&s.p.Timeouts)
	if s.p.Cap&k.cap == 0 {
		side := "frontend"
		if k.cap&proxy.CapBackend != 0 {
			side = "backend"
		}
		rc, msg = 1, fmt.Sprintf("'timeout %s' will be ignored because %s '%s' has no %s capability", name, s.typeStr(), s.name(), side)
	} else if s.def != nil && *f != *k.field(&s.def.p.Timeouts) {
		rc, msg = 1, fmt.Sprintf("overwriting 'timeout %s' which was already specified", name)
	}
	if at(2) != "" {
		rc, msg = -1, fmt.Sprintf("'timeout %s' : unexpected extra argument '%s' after value '%s'.", name, at(2), at(1))
	}
	*f = durationOf(v, unitMS)
	return rc, msg
}
