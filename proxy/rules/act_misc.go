package rules

import (
	"strings"

	"hakeep/proxy/sample"
)

// logLevels are syslog's level names (log_levels[]).
func logLevel(name string) int {
	for i, l := range []string{"emerg", "alert", "crit", "err", "warning", "notice", "info", "debug"} {
		if l == name {
			return i
		}
	}
	return -1
}

// parseSetLogLevel is set-log-level <level>|silent.
func parseSetLogLevel(p *actParser) error {
	w := p.arg()
	lv := logLevel(w)
	if w == "silent" {
		lv = -1
	} else if lv < 0 {
		return errf("expects exactly 1 argument (log level name or 'silent')")
	}
	p.rule.Args = &LogLevel{Level: lv, Name: w}
	p.cur++
	return nil
}

// parseSetNice is set-nice <n>, clamped to [-1024, 1024] as 2.6 does.
func parseSetNice(p *actParser) error {
	if p.arg() == "" {
		return errf("expects exactly 1 argument (integer value)")
	}
	n := atoi(p.arg())
	if n < -1024 {
		n = -1024
	} else if n > 1024 {
		n = 1024
	}
	p.rule.Args = &Int{Value: int64(n)}
	p.cur++
	return nil
}

// parseSetMark is set-mark and set-tos: strtoul(.., 0) with an end check.
func parseSetMark(p *actParser) error {
	s := p.arg()
	if s == "" {
		return errf("expects exactly 1 argument (integer/hex value)")
	}
	v, rest := strtoul0(s)
	if rest != "" {
		return errf("invalid character starting at '%s' (integer/hex value expected)", rest)
	}
	p.rule.Args = &Int{Value: int64(v)}
	p.cur++
	return nil
}

// strtoul0 is strtoul(s, &end, 0): blanks, sign, 0x hex, 0 octal or
// decimal; it returns the value and what follows.
func strtoul0(s string) (uint64, string) {
	i := 0
	for i < len(s) && (s[i] == ' ' || s[i] == '\t') {
		i++
	}
	neg := false
	if i < len(s) && (s[i] == '-' || s[i] == '+') {
		neg = s[i] == '-'
		i++
	}
	base := uint64(10)
	switch {
	case i+1 < len(s) && s[i] == '0' && (s[i+1] == 'x' || s[i+1] == 'X') && i+2 < len(s) && isHexDigit(s[i+2]):
		base, i = 16, i+2
	case i < len(s) && s[i] == '0':
		base = 8
	}
	start := i
	var v uint64
	for i < len(s) {
		d, ok := digitVal(s[i])
		if !ok || d >= base {
			break
		}
		v = v*base + d
		i++
	}
	if i == start {
		return 0, s
	}
	if neg {
		v = -v
	}
	return v, s[i:]
}

func isHexDigit(c byte) bool { _, ok := digitVal(c); return ok }

func digitVal(c byte) (uint64, bool) {
	switch {
	case c >= '0' && c <= '9':
		return uint64(c - '0'), true
	case c >= 'a' && c <= 'f':
		return uint64(c-'a') + 10, true
	case c >= 'A' && c <= 'F':
		return uint64(c-'A') + 10, true
	}
	return 0, false
}

// parseSetSrcDst is set-src, set-dst, set-src-port and set-dst-port.
func parseSetSrcDst(p *actParser) error {
	e, err := p.expr(p.argCtx())
	if err != nil {
		return err
	}
	where := p.storeWhere()
	if p.isHTTP() {
		where = p.httpCap()
	}
	if e.Fetch.Val&where == 0 {
		return unavailable(p.at(p.cur-1), e)
	}
	p.rule.Args = &Expr{Expr: e}
	return nil
}

// parseSetPriority is set-priority-class and set-priority-offset.
func parseSetPriority(p *actParser) error {
	e, err := p.expr(p.argCtx())
	if err != nil {
		return err
	}
	var where sample.Point
	if p.c.isFE() {
		where |= sample.FeHrqHdr
	}
	if p.c.isBE() {
		where |= sample.BeHrqHdr
	}
	if e.Fetch.Val&where == 0 {
		kw := p.word
		if !p.isHTTP() {
			kw = p.at(0)
		}
		return unavailable(kw, e)
	}
	p.rule.Args = &Expr{Expr: e}
	return nil
}

// parseUseService is use-service <name>; the reference build only has
// the Prometheus exporter, which runs on http-request only.
func parseUseService(p *actParser) error {
	name := p.arg()
	if name == "" {
		return errf("'use-service' expects a service name.")
	}
	if p.c.Lua != nil && strings.HasPrefix(name, "lua.") {
		if _, ok := p.c.Lua.Services[name[4:]]; ok {
			p.rule.Args = &Name{Name: name}
			p.cur++
			return nil
		}
	}
	if name != "prometheus-exporter" {
		// 2.6 names args[1]: the service for http-request, whose
		// arguments start at the action, "content" for tcp-request.
		shown := name
		if !p.isHTTP() {
			shown = p.at(1)
		}
		return errf("'%s' unknown service name.", shown)
	}
	if p.set != HTTPRequest {
		return errf("Prometheus exporter service only available on 'http-request' rulesets")
	}
	p.rule.Args = &Name{Name: name}
	p.cur++
	return nil
}

// parseSPOEGroup is send-spoe-group <engine> <group>.
func parseSPOEGroup(p *actParser) error {
	if p.arg() == "" || p.at(p.cur+1) == "" {
		return errf("expects 2 arguments: <engine-id> <group-id>")
	}
	p.rule.Args = &Group{Engine: p.arg(), Group: p.at(p.cur + 1)}
	p.cur += 2
	return nil
}

// parseOTGroup is ot-group <filter-id> <group-id>.
func parseOTGroup(p *actParser) error {
	if p.arg() == "" || p.at(p.cur+1) == "" {
		return errf("expects: <filter-id> <group-id> [{ if | unless } ...]")
	}
	p.rule.Args = &Group{Engine: p.arg(), Group: p.at(p.cur + 1)}
	p.cur += 2
	return nil
}

// parseDoResolve is do-resolve(<var>,<resolvers>[,ipv4|ipv6]) <expr>.
func parseDoResolve(p *actParser) error {
	bad := func(w string) error {
		return errf("Can't parse '%s'. Expects 'do-resolve(<varname>,<resolvers>[,<options>]) <expr>'. Available options are 'ipv4' and 'ipv6'", w)
	}
	w := p.word
	open := strings.IndexByte(w, '(')
	if open < 0 {
		return bad(w)
	}
	inner := w[open+1:]
	comma := strings.IndexByte(inner, ',')
	if comma < 0 {
		return bad(w)
	}
	varName := inner[:comma]
	inner = inner[comma+1:]
	end := strings.IndexAny(inner, ",)")
	if end < 0 {
		return bad(w)
	}
	d := &DoResolve{Resolvers: inner[:end]}
	if inner[end] == ',' {
		opt := inner[end+1:]
		close := strings.IndexByte(opt, ')')
		if close < 0 {
			return bad(w)
		}
		switch opt[:close] {
		case "ipv4", "ipv6":
			d.Family = opt[:close]
		default:
			return bad(w)
		}
	}
	if v, err := sample.ParseVar(varName); err == nil {
		d.Var = v
	} else {
		d.Var = sample.Var{Name: varName}
	}
	e, err := p.expr(p.argCtx())
	if err != nil {
		return bad(p.arg())
	}
	d.Expr = e
	p.rule.Args = d
	return nil
}

// parseCache is cache-use and cache-store <name>.
func parseCache(p *actParser) error {
	if p.arg() == "" {
		return errf("expects a cache name")
	}
	p.rule.Args = &Name{Name: p.arg()}
	p.cur++
	return nil
}

// parseSwitchMode is tcp-request content switch-mode http [proto <mux>].
func parseSwitchMode(p *actParser) error {
	kw := p.at(0) + " " + p.word
	if p.arg() == "" {
		return errf("'%s' expects a mode as argument.", kw)
	}
	if !p.c.isFE() {
		return errf("'%s' is only available for frontends.", kw)
	}
	if p.arg() != "http" {
		return errf("'%s' expects a valid mode (got '%s').", kw, p.arg())
	}
	m := &SwitchMode{Mode: "http"}
	if p.at(p.cur+1) == "proto" {
		proto := p.at(p.cur + 2)
		if proto == "" {
			return errf("'%s': 'proto' expects a protocol as argument.", kw)
		}
		switch proto {
		case "h1", "h2", "fcgi", "none":
		default:
			return errf("'%s': 'proto' expects a valid MUX protocol, if specified (got '%s')", kw, proto)
		}
		m.Proto = proto
		p.cur += 2
	}
	p.rule.Args = m
	p.cur++
	return nil
}

// parseSetTimeout is set-timeout server|tunnel <time>|<expr>
// (cfg_parse_rule_set_timeout).
func parseSetTimeout(p *actParser) error {
	which, val := p.arg(), p.at(p.cur+1)
	if which == "" || val == "" {
		return errf("expects exactly 2 arguments")
	}
	if !p.c.isBE() {
		return errf("proxy '%s' has no backend capability", p.c.Proxy)
	}
	if which != "server" && which != "tunnel" {
		return errf("'set-timeout' rule supports 'server'/'tunnel' (got '%s')", which)
	}
	t := &Timeout{Which: which}
	d := sample.ParseDuration(val, sample.UnitMS)
	switch d.Status {
	case sample.TimeOverflow:
		return errf("timer overflow in argument '%s' to rule 'set-timeout %s' (maximum value is 2147483647 ms or ~24.8 days)", val, which)
	case sample.TimeUnderflow:
		return errf("timer underflow in argument '%s' to rule 'set-timeout %s' (minimum value is 1 ms)", val, which)
	case sample.TimeBadChar:
		p.cur++
		e, err := p.expr(p.argCtx())
		if err != nil {
			return errf("unexpected character '%c' in rule 'set-timeout %s'", val[d.At], which)
		}
		t.Expr = e
		p.rule.Args = t
		return nil
	}
	if d.Value == 0 {
		return errf("null value is not valid for a 'set-timeout %s' rule", which)
	}
	t.Ms = d.Value
	p.rule.Args = t
	p.cur += 2
	return nil
}

// parseWaitForBody is wait-for-body time <time> [at-least <bytes>].
func parseWaitForBody(p *actParser) error {
	usage := errf("expects time <time> [ at-least <bytes> ]")
	if p.arg() != "time" {
		return usage
	}
	wb := &WaitForBody{}
	for w := p.arg(); w == "time" || w == "at-least"; w = p.arg() {
		v := p.at(p.cur + 1)
		switch w {
		case "time":
			if v == "" {
				return errf("missing argument for '%s'", w)
			}
			d := sample.ParseDuration(v, sample.UnitMS)
			switch d.Status {
			case sample.TimeOverflow:
				return errf("time overflow in argument <%s> to <%s> (maximum value is 2147483647 ms or ~24.8 days)", v, w)
			case sample.TimeUnderflow:
				return errf("time underflow in argument <%s> to <%s> (minimum non-null value is 1 ms)", v, w)
			case sample.TimeBadChar:
				return errf("unexpected character '%c'", v[d.At])
			}
			wb.Ms = d.Value
		case "at-least":
			if v == "" {
				return errf("missing argument for '%s'", w)
			}
			n, bad := parseSizeErr(v)
			if bad >= 0 {
				return errf("unexpected character '%c'", v[bad])
			}
			wb.AtLeast = n
		}
		p.cur += 2
	}
	p.rule.Args = wb
	return nil
}

// parseSizeErr is parse_size_err: digits and an optional k, m or g; it
// returns the offset of the first bad character, or -1.
func parseSizeErr(s string) (uint64, int) {
	i := 0
	var v uint64
	for i < len(s) && s[i] >= '0' && s[i] <= '9' {
		v = v*10 + uint64(s[i]-'0')
		i++
	}
	if i == 0 {
		return 0, 0
	}
	if i < len(s) {
		switch s[i] {
		case 'k', 'K':
			v <<= 10
		case 'm', 'M':
			v <<= 20
		case 'g', 'G':
			v <<= 30
		default:
			return 0, i
		}
		i++
		if i < len(s) {
			return 0, i
		}
	}
	return v, -1
}

// parseNormalizeURI is normalize-uri <normalizer> [option].
func parseNormalizeURI(p *actParser) error {
	n := &Normalize{Normalizer: p.arg()}
	opts := map[string]string{
		"path-strip-dotdot":         "full",
		"percent-decode-unreserved": "strict",
		"percent-to-uppercase":      "strict",
	}
	switch n.Normalizer {
	case "path-merge-slashes", "path-strip-dot", "query-sort-by-name", "fragment-strip", "fragment-encode":
	case "path-strip-dotdot", "percent-decode-unreserved", "percent-to-uppercase":
		if o := p.at(p.cur + 1); o == opts[n.Normalizer] {
			n.Option = o
			p.cur++
		} else if o != "" && !isCond(o) {
			return errf("unknown argument '%s' for normalizer '%s'.", o, n.Normalizer)
		}
	case "":
		return errf("missing argument.")
	default:
		return errf("unknown normalizer '%s'.", n.Normalizer)
	}
	p.rule.Args = n
	p.cur++
	return nil
}

// parseHTTPRedirect is http-request/http-response redirect: the whole
// rest of the line, condition included.
func parseHTTPRedirect(p *actParser) error {
	r, cond, err := parseRedirect(p.words[p.cur:], p.c, true, p.set != HTTPRequest)
	if err != nil {
		return err
	}
	p.rule.Args, p.rule.Cond = r, cond
	p.rule.Final = !r.IgnoreEmpt
	p.cur = len(p.words)
	return nil
}
