package config

import (
	"os"
	"os/user"
	"strconv"
	"strings"

	"hakeep/proxy"
)

// globalParser decodes the "global" section (configuration.txt section 3)
// like cfg_parse_global() in src/cfgparse-global.c and the keywords other
// files register for it.
type globalParser struct {
	l *loader
	g *proxy.Global
	// seen records keywords that 2.6 refuses twice ("already
	// specified"), for those whose value may legitimately be zero.
	seen map[string]bool
	// cliUsedIDs are the listener ids of the runtime API sockets.
	cliUsedIDs map[int]*proxy.Bind
}

func newGlobalParser(l *loader) *globalParser {
	l.cfg.Global.StrictLimits = true
	return &globalParser{l: l, g: &l.cfg.Global, seen: map[string]bool{}}
}

func (p *globalParser) post() errCode { return 0 }

// globalHandler decodes one global keyword.
type globalHandler func(p *globalParser, ln *line) errCode

func (p *globalParser) parse(ln *line) errCode {
	kw := ln.arg(0)
	if kw == "global" {
		var ec errCode
		p.l.tooManyArgs(ln, 0, 0, &ec)
		return ec
	}
	h, ok := p.l.kw.global[kw]
	if !ok {
		if best := bestMatch(kw, globalRegistered(), globalCommon()); best != "" {
			p.l.alert(ln, "unknown keyword '%s' in '%s' section; did you mean '%s' maybe ?", kw, "global", best)
		} else {
			p.l.alert(ln, "unknown keyword '%s' in '%s' section", kw, "global")
		}
		return errFatalAlert
	}
	ec := h(p, ln)
	if ec&errFatal == 0 {
		p.l.support("global", kw, ln)
	}
	return ec
}

// registered reports a message from a keyword registered with
// cfg_register_keywords(): 2.6 prefixes it with the place and prints it
// as an alert (rc < 0) or a warning (rc > 0).
func (p *globalParser) registered(ln *line, rc int, msg string) errCode {
	return registeredResult(p.l, ln, rc, msg)
}

func registeredResult(l *loader, ln *line, rc int, msg string) errCode {
	msg = strings.TrimRight(msg, "\n")
	switch {
	case rc == -2:
		// already printed with its own framing
		return errFatalAlert
	case rc < 0:
		l.alert(ln, "%s", msg)
		return errFatalAlert
	case rc > 0:
		l.warn(ln, "%s", msg)
		return errWarn
	}
	return 0
}

// The helpers below build the handlers of the many keywords that share one
// shape in cfg_parse_global().

// flag is a keyword without argument that sets a boolean.
func flag(set func(g *proxy.Global, on bool)) globalHandler {
	return func(p *globalParser, ln *line) errCode {
		var ec errCode
		if p.l.tooManyArgs(ln, 0, 0, &ec) {
			return ec
		}
		set(p.g, ln.kwm != kwmNo)
		return 0
	}
}

// globalQuiet is "quiet": MODE_QUIET from this line on, so the loader
// notes how many messages were printed before it.
func globalQuiet(p *globalParser, ln *line) errCode {
	return flag(func(g *proxy.Global, on bool) {
		g.Quiet = true
		if !p.l.quiet {
			p.l.quiet, p.l.quietFrom = true, len(p.l.msgs)
		}
	})(p, ln)
}

// intOnce is "<kw> <integer>", refused a second time with a non-fatal
// alert, read with atol().
func intOnce(field func(g *proxy.Global) *int) globalHandler {
	return func(p *globalParser, ln *line) errCode {
		var ec errCode
		if p.l.tooManyArgs(ln, 1, 0, &ec) {
			return ec
		}
		f := field(p.g)
		if *f != 0 {
			p.l.alert(ln, "'%s' already specified. Continuing.", ln.arg(0))
			return errAlert
		}
		if ln.arg(1) == "" {
			p.l.alert(ln, "'%s' expects an integer argument.", ln.arg(0))
			return errFatalAlert
		}
		*f = int(atol(ln.arg(1)))
		return 0
	}
}

// intArg is "<kw> <integer>" read with atol(), without the "already
// specified" check.
func intArg(field func(g *proxy.Global) *int) globalHandler {
	return func(p *globalParser, ln *line) errCode {
		var ec errCode
		if p.l.tooManyArgs(ln, 1, 0, &ec) {
			return ec
		}
		if ln.arg(1) == "" {
			p.l.alert(ln, "'%s' expects an integer argument.", ln.arg(0))
			return errFatalAlert
		}
		*field(p.g) = int(atol(ln.arg(1)))
		return 0
	}
}

// stringOnce is "<kw> <string>" refused a second time.
func stringOnce(field func(g *proxy.Global) *string, missing string) globalHandler {
	return func(p *globalParser, ln *line) errCode {
		var ec errCode
		if p.l.tooManyArgs(ln, 1, 0, &ec) {
			return ec
		}
		f := field(p.g)
		if *f != "" {
			p.l.alert(ln, "'%s' already specified. Continuing.", ln.arg(0))
			return errAlert
		}
		if ln.arg(1) == "" {
			p.l.alert(ln, "'%s' "+missing, ln.arg(0))
			return errFatalAlert
		}
		*f = ln.arg(1)
		return 0
	}
}

// noArgs accepts a keyword with no argument and no effect on the Config.
func noArgs(p *globalParser, ln *line) errCode {
	var ec errCode
	p.l.tooManyArgs(ln, 0, 0, &ec)
	return ec
}

func globalMaster(p *globalParser, ln *line) errCode {
	var ec errCode
	if p.l.tooManyArgs(ln, 1, 0, &ec) {
		return ec
	}
	if a := ln.arg(1); a != "" {
		if a != "no-exit-on-failure" {
			p.l.alert(ln, "'%s' only supports 'no-exit-on-failure' option.", ln.arg(0))
			return errFatalAlert
		}
		p.g.MasterWorkerNoExitOnFailure = true
	}
	p.g.MasterWorker = true
	return 0
}

// tuneIntOnce is the tune.* integer keywords refused twice.
func tuneIntOnce(field func(t *proxy.Tune) *int) globalHandler {
	return intOnce(func(g *proxy.Global) *int { return field(&g.Tune) })
}

func tuneInt(field func(t *proxy.Tune) *int) globalHandler {
	return intArg(func(g *proxy.Global) *int { return field(&g.Tune) })
}

func globalMaxAccept(p *globalParser, ln *line) errCode {
	var ec errCode
	if p.l.tooManyArgs(ln, 1, 0, &ec) {
		return ec
	}
	if p.g.Tune.MaxAccept != 0 {
		p.l.alert(ln, "'%s' already specified. Continuing.", ln.arg(0))
		return errAlert
	}
	if ln.arg(1) == "" {
		p.l.alert(ln, "'%s' expects an integer argument.", ln.arg(0))
		return errFatalAlert
	}
	v := atol(ln.arg(1))
	if v > 1<<31-1 {
		p.l.alert(ln, "'%s' expects -1 or an integer from 0 to INT_MAX.", ln.arg(0))
		return errFatalAlert
	}
	p.g.Tune.MaxAccept = int(v)
	return 0
}

func globalBufSize(p *globalParser, ln *line) errCode {
	var ec errCode
	if p.l.tooManyArgs(ln, 1, 0, &ec) {
		return ec
	}
	if ln.arg(1) == "" {
		p.l.alert(ln, "'%s' expects an integer argument.", ln.arg(0))
		return errFatalAlert
	}
	// Rounded up to a two-pointer alignment, as 2.6 does.
	v := int32(atol(ln.arg(1)))
	v = (v + 15) &^ 15
	if v <= 0 {
		p.l.alert(ln, "'%s' expects a positive integer argument.", ln.arg(0))
		return errFatalAlert
	}
	p.g.Tune.BufSize = int(v)
	return 0
}

func globalMaxRewrite(p *globalParser, ln *line) errCode {
	var ec errCode
	if p.l.tooManyArgs(ln, 1, 0, &ec) {
		return ec
	}
	if ln.arg(1) == "" {
		p.l.alert(ln, "'%s' expects an integer argument.", ln.arg(0))
		return errFatalAlert
	}
	v := int32(atol(ln.arg(1)))
	if v < 0 {
		p.l.alert(ln, "'%s' expects a positive integer argument.", ln.arg(0))
		return errFatalAlert
	}
	p.g.Tune.MaxRewrite = int(v)
	return 0
}

func globalBuffersLimit(p *globalParser, ln *line) errCode {
	var ec errCode
	if p.l.tooManyArgs(ln, 1, 0, &ec) {
		return ec
	}
	if ln.arg(1) == "" {
		p.l.alert(ln, "'%s' expects an integer argument.", ln.arg(0))
		return errFatalAlert
	}
	t := &p.g.Tune
	t.BuffersLimit = int(atol(ln.arg(1)))
	if t.BuffersLimit != 0 {
		if t.BuffersLimit < 3 {
			t.BuffersLimit = 3
		}
		if t.BuffersLimit <= t.BuffersReserve {
			t.BuffersLimit = t.BuffersReserve + 1
		}
	}
	return 0
}

func globalBuffersReserve(p *globalParser, ln *line) errCode {
	var ec errCode
	if p.l.tooManyArgs(ln, 1, 0, &ec) {
		return ec
	}
	if ln.arg(1) == "" {
		p.l.alert(ln, "'%s' expects an integer argument.", ln.arg(0))
		return errFatalAlert
	}
	t := &p.g.Tune
	t.BuffersReserve = int(atol(ln.arg(1)))
	if t.BuffersReserve < 2 {
		t.BuffersReserve = 2
	}
	if t.BuffersLimit != 0 && t.BuffersLimit <= t.BuffersReserve {
		t.BuffersLimit = t.BuffersReserve + 1
	}
	return 0
}

func globalIdleTimer(p *globalParser, ln *line) errCode {
	var ec errCode
	if p.l.tooManyArgs(ln, 1, 0, &ec) {
		return ec
	}
	if ln.arg(1) == "" {
		p.l.alert(ln, "'%s' expects a timer value between 0 and 65535 ms.", ln.arg(0))
		return errFatalAlert
	}
	v, te, ok := p.l.parseTimeWarn(ln, ln.arg(1), unitMS)
	switch {
	case te.over:
		p.l.alertNS(ln, "timer overflow in argument <%s> to <%s>, maximum value is 65535 ms.", ln.arg(1), ln.arg(0))
		return errFatalAlert
	case te.under:
		p.l.alertNS(ln, "timer underflow in argument <%s> to <%s>, minimum non-null value is 1 ms.", ln.arg(1), ln.arg(0))
		return errFatalAlert
	case !ok:
		p.l.alertNS(ln, "unexpected character '%c' in argument to <%s>.", ln.arg(1)[te.at], ln.arg(0))
		return errFatalAlert
	}
	if v > 65535 {
		p.l.alert(ln, "'%s' expects a timer value between 0 and 65535 ms.", ln.arg(0))
		return errFatalAlert
	}
	p.g.Tune.IdleTimer = durationOf(v, unitMS)
	return 0
}

func globalCookieLen(p *globalParser, ln *line) errCode {
	return tuneInt(func(t *proxy.Tune) *int { return &t.HTTPCookieLen })(p, ln)
}

func globalMaxHdr(p *globalParser, ln *line) errCode {
	var ec errCode
	if p.l.tooManyArgs(ln, 1, 0, &ec) {
		return ec
	}
	if ln.arg(1) == "" {
		p.l.alert(ln, "'%s' expects an integer argument.", ln.arg(0))
		return errFatalAlert
	}
	v := atoi(ln.arg(1))
	if v < 1 || v > 32767 {
		p.l.alert(ln, "'%s' expects a numeric value between 1 and 32767", ln.arg(0))
		return errFatalAlert
	}
	p.g.Tune.HTTPMaxHdr = v
	return 0
}

func globalCompMaxLevel(p *globalParser, ln *line) errCode {
	var ec errCode
	if p.l.tooManyArgs(ln, 1, 0, &ec) {
		return ec
	}
	v := atoi(ln.arg(1))
	if ln.arg(1) == "" || v < 1 || v > 9 {
		p.l.alert(ln, "'%s' expects a numeric value between 1 and 9", ln.arg(0))
		return errFatalAlert
	}
	p.g.Tune.CompMaxLevel = v
	return 0
}

func globalPatternCache(p *globalParser, ln *line) errCode {
	v := atoi(ln.arg(1))
	if ln.arg(1) == "" || v < 0 {
		p.l.alert(ln, "'%s' expects a positive numeric value", ln.arg(0))
		return errFatalAlert
	}
	p.g.Tune.PatternCacheSize, p.g.Tune.PatternCacheSizeSet = v, true
	return 0
}

func globalClusterSecret(p *globalParser, ln *line) errCode {
	var ec errCode
	if p.l.tooManyArgs(ln, 1, 0, &ec) {
		return ec
	}
	if ln.arg(1) == "" {
		p.l.alert(ln, "expects an ASCII string argument.")
		return errFatalAlert
	}
	if p.g.ClusterSecret != "" {
		p.l.alert(ln, "'%s' already specified. Continuing.", ln.arg(0))
		return errAlert
	}
	p.g.ClusterSecret = ln.arg(1)
	return 0
}

// strl2irc reads a whole string as a decimal int, as strl2irc() does.
func strl2irc(s string) (int, bool) {
	if s == "" {
		return 0, false
	}
	v, err := strconv.ParseInt(s, 10, 32)
	if err != nil {
		return 0, false
	}
	return int(v), true
}

func globalUID(p *globalParser, ln *line) errCode {
	var ec errCode
	if p.l.tooManyArgs(ln, 1, 0, &ec) {
		return ec
	}
	if p.g.UID != 0 {
		p.l.alert(ln, "user/uid already specified. Continuing.")
		return errAlert
	}
	if ln.arg(1) == "" {
		p.l.alert(ln, "'%s' expects an integer argument.", ln.arg(0))
		return errFatalAlert
	}
	v, ok := strl2irc(ln.arg(1))
	if !ok {
		p.l.warn(ln, " uid: string '%s' is not a number.\n   | You might want to use the 'user' parameter to use a system user name.", ln.arg(1))
		return errWarn
	}
	p.g.UID, p.g.UIDSet = v, true
	return 0
}

func globalGID(p *globalParser, ln *line) errCode {
	var ec errCode
	if p.l.tooManyArgs(ln, 1, 0, &ec) {
		return ec
	}
	if p.g.GID != 0 {
		p.l.alert(ln, "group/gid already specified. Continuing.")
		return errAlert
	}
	if ln.arg(1) == "" {
		p.l.alert(ln, "'%s' expects an integer argument.", ln.arg(0))
		return errFatalAlert
	}
	v, ok := strl2irc(ln.arg(1))
	if !ok {
		p.l.warn(ln, " gid: string '%s' is not a number.\n   | You might want to use the 'group' parameter to use a system group name.", ln.arg(1))
		return errWarn
	}
	p.g.GID, p.g.GIDSet = v, true
	return 0
}

func globalUser(p *globalParser, ln *line) errCode {
	var ec errCode
	if p.l.tooManyArgs(ln, 1, 0, &ec) {
		return ec
	}
	if p.g.UID != 0 {
		p.l.alert(ln, "user/uid already specified. Continuing.")
		return errAlert
	}
	u, err := user.Lookup(ln.arg(1))
	if err != nil {
		// getpwnam() leaves errno at 0 for an unknown name.
		p.l.alert(ln, "cannot find user id for '%s' (%d:%s)", ln.arg(1), 0, "Success")
		return errFatalAlert
	}
	p.g.User = ln.arg(1)
	p.g.UID, _ = strconv.Atoi(u.Uid)
	p.g.UIDSet = true
	return 0
}

func globalGroup(p *globalParser, ln *line) errCode {
	var ec errCode
	if p.l.tooManyArgs(ln, 1, 0, &ec) {
		return ec
	}
	if p.g.GID != 0 {
		p.l.alert(ln, "gid/group was already specified. Continuing.")
		return errAlert
	}
	gr, err := user.LookupGroup(ln.arg(1))
	if err != nil {
		p.l.alert(ln, "cannot find group id for '%s' (%d:%s)", ln.arg(1), 0, "Success")
		return errFatalAlert
	}
	p.g.Group = ln.arg(1)
	p.g.GID, _ = strconv.Atoi(gr.Gid)
	p.g.GIDSet = true
	return 0
}

// globalNbproc: 2.6 refuses nbproc. hakeep accepts "nbproc 1", which
// changes nothing, with a warning (product decision: old tutorials such as
// the vhosts seed still carry it), and refuses any other value as 2.6 does.
func globalNbproc(p *globalParser, ln *line) errCode {
	if ln.arg(1) == "1" && ln.arg(2) == "" {
		p.l.warn(ln, "nbproc is not supported any more since HAProxy 2.5; hakeep accepts 'nbproc 1' which changes nothing. Please remove it.")
		return errWarn
	}
	p.l.alert(ln, "nbproc is not supported any more since HAProxy 2.5. Threads will automatically be used on multi-processor machines if available.")
	return errFatalAlert
}

func globalSSLServerVerify(p *globalParser, ln *line) errCode {
	var ec errCode
	if p.l.tooManyArgs(ln, 1, 0, &ec) {
		return ec
	}
	if ln.arg(1) == "" {
		p.l.alert(ln, "'%s' expects an integer argument.", ln.arg(0))
		return errFatalAlert
	}
	switch ln.arg(1) {
	case "none", "required":
		p.g.SSL.ServerVerify = ln.arg(1)
	default:
		p.l.alert(ln, "'%s' expects 'none' or 'required' as argument.", ln.arg(0))
		return errFatalAlert
	}
	return 0
}

func globalMaxCompRate(p *globalParser, ln *line) errCode {
	var ec errCode
	if p.l.tooManyArgs(ln, 1, 0, &ec) {
		return ec
	}
	if ln.arg(1) == "" {
		p.l.alert(ln, "'%s' expects an integer argument in kb/s.", ln.arg(0))
		return errFatalAlert
	}
	p.g.MaxCompRate = atoi(ln.arg(1)) * 1024
	return 0
}

func globalMaxZlibMem(p *globalParser, ln *line) errCode {
	var ec errCode
	if p.l.tooManyArgs(ln, 1, 0, &ec) {
		return ec
	}
	if ln.arg(1) == "" {
		p.l.alert(ln, "'%s' expects an integer argument.", ln.arg(0))
		return errFatalAlert
	}
	p.g.MaxZlibMem = atol(ln.arg(1)) * 1024 * 1024
	return 0
}

func globalMaxCompCPU(p *globalParser, ln *line) errCode {
	var ec errCode
	if p.l.tooManyArgs(ln, 1, 0, &ec) {
		return ec
	}
	if ln.arg(1) == "" {
		p.l.alert(ln, "'%s' expects an integer argument between 0 and 100.", ln.arg(0))
		return errFatalAlert
	}
	v := atoi(ln.arg(1))
	if 100-v > 100 {
		p.l.alert(ln, "'%s' expects an integer argument between 0 and 100.", ln.arg(0))
		return errFatalAlert
	}
	p.g.MaxCompCPUUsage = v
	return 0
}

func globalDescription(p *globalParser, ln *line) errCode {
	if ln.arg(1) == "" {
		p.l.alertNS(ln, "'%s' expects a string argument.", ln.arg(0))
		return errFatalAlert
	}
	p.g.Description = ln.joined(1)
	return 0
}

// validNodeName is the character set of "node" and "stats show-node".
func validNodeName(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '-' || c == '.') {
			return false
		}
	}
	return true
}

func globalNode(p *globalParser, ln *line) errCode {
	var ec errCode
	if p.l.tooManyArgs(ln, 1, 0, &ec) {
		return ec
	}
	if !validNodeName(ln.arg(1)) {
		p.l.alertNS(ln, "'%s' requires valid node name - non-empty string with digits(0-9), letters(A-Z, a-z), dot(.), hyphen(-) or underscode(_).", ln.arg(0))
		return errFatalAlert
	}
	p.g.Node = ln.arg(1)
	return 0
}

func globalUnixBind(p *globalParser, ln *line) errCode {
	var ec errCode
	ub := &p.g.UnixBind
	for cur := 1; ln.arg(cur) != ""; {
		switch ln.arg(cur) {
		case "prefix":
			if ub.Prefix != "" {
				p.l.alert(ln, "unix-bind '%s' already specified. Continuing.", ln.arg(cur))
				ec |= errAlert
				cur += 2
				continue
			}
			if ln.arg(cur+1) == "" {
				p.l.alert(ln, "unix_bind '%s' expects a path as an argument.", ln.arg(cur))
				return ec | errFatalAlert
			}
			ub.Prefix = ln.arg(cur + 1)
		case "mode":
			m, _ := strconv.ParseUint(octalPrefix(ln.arg(cur+1)), 8, 32)
			ub.Mode = uint32(m)
		case "uid":
			ub.UID = int(atol(ln.arg(cur + 1)))
		case "gid":
			ub.GID = int(atol(ln.arg(cur + 1)))
		case "user":
			u, err := user.Lookup(ln.arg(cur + 1))
			if err != nil {
				p.l.alert(ln, "'%s' : '%s' unknown user.", ln.arg(0), ln.arg(cur+1))
				return ec | errFatalAlert
			}
			ub.User = ln.arg(cur + 1)
			ub.UID, _ = strconv.Atoi(u.Uid)
		case "group":
			g, err := user.LookupGroup(ln.arg(cur + 1))
			if err != nil {
				p.l.alert(ln, "'%s' : '%s' unknown group.", ln.arg(0), ln.arg(cur+1))
				return ec | errFatalAlert
			}
			ub.Group = ln.arg(cur + 1)
			ub.GID, _ = strconv.Atoi(g.Gid)
		default:
			p.l.alert(ln, "'%s' only supports the 'prefix', 'mode', 'uid', 'gid', 'user' and 'group' options.", ln.arg(0))
			return ec | errFatalAlert
		}
		cur += 2
	}
	return ec
}

// octalPrefix keeps the leading octal digits, as strtol(s, NULL, 8) reads.
func octalPrefix(s string) string {
	i := 0
	for i < len(s) && s[i] >= '0' && s[i] <= '7' {
		i++
	}
	if i == 0 {
		return "0"
	}
	return s[:i]
}

func globalLog(p *globalParser, ln *line) errCode {
	targets, msg, ok := p.l.parseLogTarget(ln, p.g.Logs, true)
	if !ok {
		p.l.alert(ln, "%s : %s", ln.arg(0), msg)
		return errFatalAlert
	}
	p.g.Logs = targets
	return 0
}

func globalLogSendHostname(p *globalParser, ln *line) errCode {
	if p.seen["log-send-hostname"] {
		p.l.alert(ln, "'%s' already specified. Continuing.", ln.arg(0))
		return errAlert
	}
	p.seen["log-send-hostname"] = true
	name := ln.arg(1)
	if name == "" {
		name, _ = os.Hostname()
	}
	p.g.LogSendHostname = name
	return 0
}

func globalServerStateBase(p *globalParser, ln *line) errCode {
	if p.g.ServerStateBase != "" {
		p.l.alert(ln, "'%s' already specified. Continuing.", ln.arg(0))
		return errAlert
	}
	if ln.arg(1) == "" {
		p.l.alert(ln, "'%s' expects one argument: a directory path.", ln.arg(0))
		return errFatal
	}
	p.g.ServerStateBase = ln.arg(1)
	return 0
}

func globalServerStateFile(p *globalParser, ln *line) errCode {
	if p.g.ServerStateFile != "" {
		p.l.alert(ln, "'%s' already specified. Continuing.", ln.arg(0))
		return errAlert
	}
	if ln.arg(1) == "" {
		p.l.alert(ln, "'%s' expect one argument: a file path.", ln.arg(0))
		return errFatal
	}
	p.g.ServerStateFile = ln.arg(1)
	return 0
}

func globalLogTag(p *globalParser, ln *line) errCode {
	var ec errCode
	if p.l.tooManyArgs(ln, 1, 0, &ec) {
		return ec
	}
	if ln.arg(1) == "" {
		p.l.alert(ln, "'%s' expects a tag for use in syslog.", ln.arg(0))
		return errFatalAlert
	}
	p.g.LogTag = ln.arg(1)
	return 0
}

func globalSpreadChecks(p *globalParser, ln *line) errCode {
	var ec errCode
	if p.l.tooManyArgs(ln, 1, 0, &ec) {
		return ec
	}
	if p.g.SpreadChecks != 0 {
		p.l.alertNS(ln, "spread-checks already specified. Continuing.")
		return errAlert
	}
	if ln.arg(1) == "" {
		p.l.alertNS(ln, "'%s' expects an integer argument (0..50).", ln.arg(0))
		return errFatalAlert
	}
	p.g.SpreadChecks = int(atol(ln.arg(1)))
	if p.g.SpreadChecks < 0 || p.g.SpreadChecks > 50 {
		p.l.alertNS(ln, "'spread-checks' needs a positive value in range 0..50.")
		return errFatalAlert
	}
	return 0
}

func globalMaxSpreadChecks(p *globalParser, ln *line) errCode {
	var ec errCode
	if p.l.tooManyArgs(ln, 1, 0, &ec) {
		return ec
	}
	if ln.arg(1) == "" {
		p.l.alertNS(ln, "'%s' expects an integer argument (0..50).", ln.arg(0))
		return errFatalAlert
	}
	v, te, ok := p.l.parseTimeWarn(ln, ln.arg(1), unitMS)
	switch {
	case te.over:
		p.l.alertNS(ln, "timer overflow in argument <%s> to <%s>, maximum value is 2147483647 ms (~24.8 days).", ln.arg(1), ln.arg(0))
		return errFatalAlert
	case te.under:
		p.l.alertNS(ln, "timer underflow in argument <%s> to <%s>, minimum non-null value is 1 ms.", ln.arg(1), ln.arg(0))
		return errFatalAlert
	case !ok:
		p.l.alertNS(ln, "unsupported character '%c' in '%s' (wants an integer delay).", ln.arg(1)[te.at], ln.arg(0))
		return errFatalAlert
	}
	p.g.MaxSpreadChecks = durationOf(v, unitMS)
	return 0
}

func globalSetenv(p *globalParser, ln *line) errCode {
	var ec errCode
	if p.l.tooManyArgs(ln, 3, 0, &ec) {
		return ec
	}
	if ln.arg(2) == "" {
		p.l.alertNS(ln, "'%s' expects a name and a value.", ln.arg(0))
		return errFatalAlert
	}
	name, value := ln.arg(1), ln.arg(2)
	// The variables are set for real: later lines and files expand
	// them (configuration.txt section 3.1, "setenv").
	if ln.arg(0) == "setenv" || !p.l.envSet(name) {
		p.l.setenv(name, value)
	}
	p.g.Env = append(p.g.Env, proxy.EnvOp{Op: ln.arg(0), Name: name, Value: value})
	return 0
}

func globalUnsetenv(p *globalParser, ln *line) errCode {
	if ln.arg(1) == "" {
		p.l.alertNS(ln, "'%s' expects at least one variable name.", ln.arg(0))
		return errFatalAlert
	}
	names := ln.from(1)
	for _, n := range names {
		p.l.unsetenv(n)
	}
	p.g.Env = append(p.g.Env, proxy.EnvOp{Op: "unsetenv", Names: names})
	return 0
}

func globalResetenv(p *globalParser, ln *line) errCode {
	keep := ln.from(1)
	p.l.resetenv(keep)
	p.g.Env = append(p.g.Env, proxy.EnvOp{Op: "resetenv", Names: keep})
	return 0
}

func globalStrictLimits(p *globalParser, ln *line) errCode {
	var ec errCode
	if p.l.tooManyArgs(ln, 0, 0, &ec) {
		return ec
	}
	// 2.6 only ever clears the flag here (it is on by default).
	if ln.kwm == kwmNo {
		p.g.StrictLimits = false
	}
	return 0
}

func globalLocalPeer(p *globalParser, ln *line) errCode {
	var ec errCode
	if p.l.tooManyArgs(ln, 1, 0, &ec) {
		return ec
	}
	if ln.arg(1) == "" {
		p.l.alert(ln, "'%s' expects a name as an argument.", ln.arg(0))
		return errFatalAlert
	}
	if len(p.l.cfg.Peers) > 0 {
		p.l.warn(ln, "'%s' ignored since it is used after 'peers' section.", ln.arg(0))
		return errWarn
	}
	p.g.LocalPeer = ln.arg(1)
	p.l.setenv("HAPROXY_LOCALPEER", ln.arg(1))
	return 0
}

func globalNuma(p *globalParser, ln *line) errCode {
	p.g.NumaCPUMapping = ln.kwm != kwmNo
	return 0
}

func globalExposeExperimental(p *globalParser, ln *line) errCode {
	p.g.ExposeExperimentalDirectives = true
	return 0
}

func globalChksize(p *globalParser, ln *line) errCode {
	p.l.alertNS(ln, "option '%s' is not supported any more (tune.bufsize is used instead).", ln.arg(0))
	return errFatalAlert
}

func globalRunqueueDepth(p *globalParser, ln *line) errCode {
	return tuneIntOnce(func(t *proxy.Tune) *int { return &t.RunqueueDepth })(p, ln)
}
