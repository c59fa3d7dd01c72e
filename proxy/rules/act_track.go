package rules

import (
	"strconv"
	"strings"

	"hakeep/proxy/sample"
)

// parseHTTPTrack is http-request/http-response track-sc<n> <key> [table <t>].
func parseHTTPTrack(p *actParser) error {
	slot, err := trackSCNum(p.word[len("track-sc"):])
	if err != nil {
		return err
	}
	e, err := p.expr(p.argCtx())
	if err != nil {
		return err
	}
	if e.Fetch.Val&p.httpCap() == 0 {
		return unavailable(p.at(p.cur-1), e)
	}
	t := &Track{Slot: slot, Expr: e}
	if p.arg() == "table" {
		if p.at(p.cur+1) == "" {
			return errf("missing table name")
		}
		t.Table, t.HasTable = p.at(p.cur+1), true
		p.cur += 2
	}
	p.rule.Args = t
	return nil
}

// cStrtol is C's strtol in base 10: it returns the value and the rest of
// the string after the number.
func cStrtol(s string) (int64, string) {
	i := 0
	for i < len(s) && (s[i] == ' ' || s[i] == '\t') {
		i++
	}
	j := i
	if j < len(s) && (s[j] == '-' || s[j] == '+') {
		j++
	}
	k := j
	for k < len(s) && s[k] >= '0' && s[k] <= '9' {
		k++
	}
	if k == j {
		return 0, s
	}
	v, _ := strconv.ParseInt(s[i:k], 10, 64)
	return v, s[k:]
}

// parseIncGPC is stick_table.c's parse_inc_gpc: sc-inc-gpc(<idx>,<sc>),
// sc-inc-gpc0[(<sc>)], sc-inc-gpc1[(<sc>)].
func parseIncGPC(p *actParser) error {
	return parseCounter(p, "sc-inc-gpc", "gpc", "1")
}

// parseSetGPT is parse_set_gpt: sc-set-gpt(<idx>,<sc>) or
// sc-set-gpt0[(<sc>)], then an integer or an expression.
func parseSetGPT(p *actParser) error {
	if err := parseCounter(p, "sc-set-gpt", "gpt", ""); err != nil {
		return err
	}
	c := p.rule.Args.(*Counter)
	if v, rest := cStrtol(p.arg()); rest == "" || p.arg() == "" {
		c.Value = v
		p.cur++
		return nil
	}
	e, err := p.expr(p.argCtx())
	if err != nil {
		return err
	}
	var where sample.Point
	switch p.set {
	case TCPRequestConnection:
		where = sample.FeConAcc
	case TCPRequestSession:
		where = sample.FeSesAcc
	case TCPRequestContent:
		where = sample.FeReqCnt
	case TCPResponseContent:
		where = sample.BeResCnt
	case HTTPRequest:
		where = sample.FeHrqHdr
	default:
		where = sample.BeHrsHdr
	}
	if e.Fetch.Val&where == 0 {
		return unavailable(p.at(p.cur-1), e)
	}
	c.Expr = e
	return nil
}

// parseCounter reads the counter and track ids from the action word.
// legacy1 is "1" when a "...1" legacy form exists besides "...0".
func parseCounter(p *actParser, base, what, legacy1 string) error {
	w := p.word
	rest := strings.TrimPrefix(w, base)
	c := &Counter{Index: -1, Legacy: -1}
	p.rule.Args = c
	upper := strings.ToUpper(what)
	switch {
	case strings.HasPrefix(rest, "("):
		idx, after := cStrtol(rest[1:])
		if !strings.HasPrefix(after, ",") {
			return errf("Missing %s ID '%s'. Expects %s(<%s ID>,<Track ID>)", what, w, base, upper)
		}
		sc, after := cStrtol(after[1:])
		if !strings.HasPrefix(after, ")") {
			return errf("invalid stick table track ID '%s'. Expects %s(<%s ID>,<Track ID>)", w, base, upper)
		}
		if sc >= 3 {
			return errf("invalid stick table track ID '%s'. The max allowed ID is 2", w)
		}
		c.Index, c.Slot = int(idx), int(sc)
	case strings.HasPrefix(rest, "0") || (legacy1 != "" && strings.HasPrefix(rest, legacy1)):
		c.Legacy = int(rest[0] - '0')
		rest = rest[1:]
		if rest == "" {
			break
		}
		bad := func() error {
			if what == "gpt" {
				return errf("invalid stick table track ID '%s'. Expects %s0(<Track ID>)", w, base)
			}
			return errf("invalid stick table track ID. Expects %s(<Track ID>)", w)
		}
		if rest[0] != '(' {
			return bad()
		}
		sc, after := cStrtol(rest[1:])
		if !strings.HasPrefix(after, ")") {
			return bad()
		}
		if sc >= 3 {
			if what == "gpt" {
				return errf("invalid stick table track ID '%s'. The max allowed ID is 2", w)
			}
			return errf("invalid stick table track ID. The max allowed ID is 2")
		}
		c.Slot = int(sc)
	default:
		return errf("invalid %s ID '%s'. Expects %s(<%s ID>,<Track ID>)", what, w, base, upper)
	}
	return nil
}
