package rules

import (
	"fmt"
	"strings"

	"hakeep/proxy/acl"
	"hakeep/proxy/sample"
)

// tcpErr is a tcp-request/tcp-response error: "parsing [f:l] : <msg>",
// and 2.6 goes on reading the file.
func tcpErr(format string, a ...any) error {
	return &sample.Error{Msg: fmt.Sprintf(format, a...)}
}

// inspectDelay parses "tcp-request|tcp-response inspect-delay <time>".
func inspectDelay(words []string, c *Context, set Set) (*Rule, error) {
	kw, sub, val := words[0], words[1], wordAt(words, 2)
	d := sample.ParseDuration(val, sample.UnitMS)
	if val == "" || d.Status != sample.TimeOK {
		msg := fmt.Sprintf("'%s %s' expects a positive delay in milliseconds, in %s '%s'", kw, sub, c.proxyType(), c.Proxy)
		switch {
		case val == "":
		case d.Status == sample.TimeOverflow:
			msg += fmt.Sprintf(" (timer overflow in '%s', maximum value is 2147483647 ms or ~24.8 days)", val)
		case d.Status == sample.TimeUnderflow:
			msg += fmt.Sprintf(" (timer underflow in '%s', minimum non-null value is 1 ms)", val)
		default:
			msg += fmt.Sprintf(" (unexpected character '%c')", val[d.At])
		}
		return nil, tcpErr("%s", msg)
	}
	if d.Trailing {
		c.warn(sample.StyleBare, fmt.Sprintf("unexpected character '%c' after the timer value '%s', only (us=microseconds,ms=milliseconds,s=seconds,m=minutes,h=hours,d=days) are supported. This will be reported as an error in next versions.", val[d.At], val))
	}
	if st := c.State; st != nil {
		already := &st.delayReq
		if set == TCPResponseInspectDelay {
			already = &st.delayRes
		}
		if *already {
			c.warn(sample.StyleParsing, fmt.Sprintf("ignoring %s %s (was already defined) in %s '%s'", kw, sub, c.proxyType(), c.Proxy))
			return nil, nil
		}
		*already = true
	}
	return &Rule{Set: set, Action: "inspect-delay", Word: sub, Args: &InspectDelay{Ms: d.Value}}, nil
}

// parseTCPRequest is tcp_parse_tcp_req.
func parseTCPRequest(words []string, c *Context) (*Rule, error) {
	kw, sub := words[0], wordAt(words, 1)
	if sub == "" {
		return nil, tcpErr("missing argument for '%s' in %s '%s'", kw, c.proxyType(), c.Proxy)
	}
	var set Set
	var where sample.Point
	switch sub {
	case "inspect-delay":
		if c.anonDefaults() {
			return nil, tcpErr("%s %s is not allowed in anonymous 'defaults' sections", kw, sub)
		}
		return inspectDelay(words, c, TCPRequestInspectDelay)
	case "content":
		if c.anonDefaults() {
			return nil, tcpErr("%s %s is not allowed in anonymous 'defaults' sections", kw, sub)
		}
		set = TCPRequestContent
		if c.isFE() {
			where |= sample.FeReqCnt
		}
		if c.isBE() {
			where |= sample.BeReqCnt
		}
	case "connection", "session":
		if !c.isFE() {
			return nil, tcpErr("%s %s is not allowed because %s %s is not a frontend", kw, sub, c.proxyType(), c.Proxy)
		}
		if c.anonDefaults() {
			return nil, tcpErr("%s %s is not allowed in anonymous 'defaults' sections", kw, sub)
		}
		set, where = TCPRequestConnection, sample.FeConAcc
		if sub == "session" {
			set, where = TCPRequestSession, sample.FeSesAcc
		}
	default:
		return nil, tcpErr("'%s' expects 'inspect-delay', 'connection', or 'content' in %s '%s' (got '%s')", kw, c.proxyType(), c.Proxy, sub)
	}
	r, err := parseTCPAction(set, words, where, c)
	if err != nil {
		return nil, err
	}
	tcpConflicts(r, kw, sub, where, c)
	c.misplaced(set, kw)
	return r, nil
}

// parseTCPResponse is tcp_parse_tcp_rep.
func parseTCPResponse(words []string, c *Context) (*Rule, error) {
	kw, sub := words[0], wordAt(words, 1)
	if sub == "" {
		return nil, tcpErr("missing argument for '%s' in %s '%s'", kw, c.proxyType(), c.Proxy)
	}
	switch sub {
	case "inspect-delay":
		if c.anonDefaults() || !c.isBE() {
			return nil, tcpErr("%s %s is only allowed in 'backend' sections or 'defaults' section with a name", kw, sub)
		}
		return inspectDelay(words, c, TCPResponseInspectDelay)
	case "content":
		if !c.isBE() || c.anonDefaults() {
			return nil, tcpErr("%s %s is only allowed in 'backend' sections or 'defaults' section with a name", kw, sub)
		}
	default:
		return nil, tcpErr("'%s' expects 'inspect-delay' or 'content' in %s '%s' (got '%s')", kw, c.proxyType(), c.Proxy, sub)
	}
	var where sample.Point
	if c.isFE() {
		where |= sample.FeResCnt
	}
	if c.isBE() {
		where |= sample.BeResCnt
	}
	r, err := parseTCPAction(TCPResponseContent, words, where, c)
	if err != nil {
		return nil, err
	}
	tcpConflicts(r, kw, sub, where, c)
	c.mark(TCPResponseContent)
	return r, nil
}

// tcpConflicts emits tcp_rules.c's warnings for conditions that cannot
// match where the rule runs.
func tcpConflicts(r *Rule, kw, sub string, where sample.Point, c *Context) {
	if r.Cond == nil {
		return
	}
	a, k, never := r.Cond.Conflict(where)
	if a == nil {
		return
	}
	var msg string
	switch {
	case never && a.Name != "":
		msg = fmt.Sprintf("acl '%s' will never match in '%s %s' because it only involves keywords that are incompatible with '%s'", a.Name, kw, sub, where.Name())
	case never:
		msg = fmt.Sprintf("anonymous acl will never match in '%s %s' because it uses keyword '%s' which is incompatible with '%s'", kw, sub, k, where.Name())
	case a.Name != "":
		msg = fmt.Sprintf("acl '%s' involves keyword '%s' which is incompatible with '%s'", a.Name, k, where.Name())
	default:
		msg = fmt.Sprintf("anonymous acl involves keyword '%s' which is incompatible with '%s'", k, where.Name())
	}
	c.warn(sample.StyleParsing, msg)
}

// parseTCPAction is tcp_parse_request_rule / tcp_parse_response_rule:
// the built-in actions, then the registered ones, then the condition.
func parseTCPAction(set Set, words []string, where sample.Point, c *Context) (*Rule, error) {
	kw, sub := words[0], words[1]
	i := 2
	word := wordAt(words, i)
	r := &Rule{Set: set, Word: word}
	p := &actParser{c: c, set: set, words: words, cur: i + 1, word: word, rule: r}
	pfx := func() string { return fmt.Sprintf("'%s %s %s'", kw, sub, word) }
	resp := set == TCPResponseContent
	switch {
	case word == "accept" || word == "reject" || (resp && word == "close"):
		r.Action, r.Final = word, true
	case !resp && word == "capture":
		if !c.isFE() {
			return nil, tcpErr("%s : proxy '%s' has no frontend capability", pfx(), c.Proxy)
		}
		if where&sample.FeReqCnt == 0 {
			return nil, tcpErr("'%s %s' is not allowed in '%s %s' rules in %s '%s'", word, wordAt(words, i+1), kw, sub, c.proxyType(), c.Proxy)
		}
		e, err := p.expr(sample.ArgCAP)
		if err != nil {
			return nil, tcpErr("%s : %s", pfx(), err)
		}
		if e.Fetch.Val&where == 0 {
			return nil, tcpErr("%s : %s", pfx(), unavailable(p.at(p.cur-1), e))
		}
		n := 0
		if p.arg() == "len" {
			n = atoi(p.at(p.cur + 1))
			if n <= 0 {
				return nil, tcpErr("%s : length must be > 0", pfx())
			}
			p.cur += 2
		}
		if n == 0 {
			return nil, tcpErr("%s : a positive 'len' argument is mandatory", pfx())
		}
		r.Action, r.Args = "capture", &Capture{Expr: e, Len: n, ID: -1}
	case !resp && strings.HasPrefix(word, "track-sc"):
		slot, err := trackSCNum(word[len("track-sc"):])
		if err != nil {
			return nil, tcpErr("%s : %s", pfx(), err)
		}
		e, err := p.expr(sample.ArgTRK)
		if err != nil {
			return nil, tcpErr("%s : %s", pfx(), err)
		}
		if e.Fetch.Val&where == 0 {
			return nil, tcpErr("%s : %s", pfx(), unavailable(p.at(p.cur-1), e))
		}
		t := &Track{Slot: slot, Expr: e}
		if p.arg() == "table" {
			t.Table, t.HasTable = p.at(p.cur+1), true
			p.cur += 2
		}
		r.Action, r.Args = "track-sc", t
	case !resp && (word == "expect-proxy" || word == "expect-netscaler-cip"):
		if next := wordAt(words, i+1); next != "layer4" {
			return nil, tcpErr("%s only supports 'layer4' in %s '%s' (got '%s')", pfx(), c.proxyType(), c.Proxy, next)
		}
		if where&sample.FeConAcc == 0 {
			return nil, tcpErr("'%s %s' is not allowed in '%s %s' rules in %s '%s'", word, "layer4", kw, sub, c.proxyType(), c.Proxy)
		}
		p.cur++
		r.Action = word
	default:
		list := setActions(set)
		a := lookupAction(list, word)
		if a == nil {
			a = luaAction(c, set, word)
		}
		if a == nil {
			extra := []string{"accept", "reject", "capture", "track-sc", "expect-proxy", "expect-netscaler-cip"}
			builtins := "'accept', 'reject', 'capture', 'expect-proxy', 'expect-netscaler-cip', 'track-sc0' ... 'track-sc2', "
			if resp {
				extra = []string{"accept", "close", "reject"}
				builtins = "'accept', 'close', 'reject', "
			}
			hint := ""
			if best := suggest(word, names(list), extra); best != "" {
				hint = " Did you mean '" + best + "' maybe ?"
			}
			return nil, tcpErr("'%s %s' expects %s%s in %s '%s' (got '%s').%s", kw, sub, builtins, buildList(list), c.proxyType(), c.Proxy, word, hint)
		}
		r.Action, r.Final = a.kw, a.final
		if err := a.parse(p); err != nil {
			return nil, tcpErr("%s", err)
		}
	}
	if w := p.arg(); isCond(w) {
		cond, err := acl.ParseCond(words[p.cur:], c.aclCtx())
		if err != nil {
			return nil, tcpErr("%s : error detected in %s '%s' while parsing '%s' condition : %s", pfx(), c.proxyType(), c.Proxy, w, err)
		}
		r.Cond = cond
	} else if w != "" {
		return nil, tcpErr("%s only accepts 'if' or 'unless', in %s '%s' (got '%s')", pfx(), c.proxyType(), c.Proxy, w)
	}
	return r, nil
}

// trackSCNum is cfg_parse_track_sc_num: the digits after "track-sc"
// (none means 0), below MAX_SESS_STKCTR (3).
func trackSCNum(s string) (int, error) {
	n := 0
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return 0, fmt.Errorf("Wrong track-sc number '%s'", s)
		}
		n = n*10 + int(s[i]-'0')
		if n > 1<<20 {
			n = 1 << 20
		}
	}
	if n >= 3 {
		return 0, fmt.Errorf("%d track-sc number exceeding 2 (MAX_SESS_STKCTR-1) value", n)
	}
	return n, nil
}

// atoi is C's atoi: leading blanks, a sign, digits; anything else stops.
func atoi(s string) int {
	i := 0
	for i < len(s) && (s[i] == ' ' || s[i] == '\t') {
		i++
	}
	neg := false
	if i < len(s) && (s[i] == '-' || s[i] == '+') {
		neg = s[i] == '-'
		i++
	}
	n := 0
	for i < len(s) && s[i] >= '0' && s[i] <= '9' {
		n = n*10 + int(s[i]-'0')
		if n > 1<<31 {
			n = 1 << 31
		}
		i++
	}
	if neg {
		return -n
	}
	return n
}
