package rules

import (
	"fmt"
	"strings"

	"hakeep/proxy/logformat"
	"hakeep/proxy/sample"
)

// action is one registered action keyword (struct action_kw).
type action struct {
	kw     string
	prefix bool // KWF_MATCH_PREFIX: "kw(...)" forms
	parse  func(p *actParser) error
	// final actions end the rule set (ACT_FLAG_FINAL).
	final        bool
	experimental bool
}

// actParser is the state an action parser works on: the line's words,
// the index of the next word to read, and the rule being built.
type actParser struct {
	c     *Context
	set   Set
	words []string
	cur   int
	word  string // the action word as written
	rule  *Rule
}

func (p *actParser) at(i int) string { return wordAt(p.words, i) }
func (p *actParser) arg() string     { return p.at(p.cur) }

func errf(format string, a ...any) error { return fmt.Errorf(format, a...) }

func isCond(w string) bool { return w == "if" || w == "unless" }

// isHTTP tells whether the rule set is one of the HTTP ones.
func (p *actParser) isHTTP() bool {
	return p.set == HTTPRequest || p.set == HTTPResponse || p.set == HTTPAfterResponse
}

// request tells whether the action runs on the request side.
func (p *actParser) request() bool {
	switch p.set {
	case HTTPRequest, TCPRequestConnection, TCPRequestSession, TCPRequestContent:
		return true
	}
	return false
}

// argCtx is the argument context 2.6 sets before parsing the rule.
func (p *actParser) argCtx() sample.ArgCtx {
	switch p.set {
	case HTTPRequest:
		return sample.ArgHRQ
	case HTTPResponse, HTTPAfterResponse:
		return sample.ArgHRS
	case TCPRequestConnection:
		return sample.ArgTCO
	case TCPRequestSession:
		return sample.ArgTSE
	case TCPRequestContent:
		return sample.ArgTRQ
	}
	return sample.ArgTRS
}

// storeWhere is the check point parse_store and friends use for the
// rule set (one point, chosen by the proxy's capabilities).
func (p *actParser) storeWhere() sample.Point {
	fe := p.c.isFE()
	switch p.set {
	case HTTPRequest:
		if fe {
			return sample.FeHrqHdr
		}
		return sample.BeHrqHdr
	case HTTPResponse, HTTPAfterResponse:
		if p.c.isBE() {
			return sample.BeHrsHdr
		}
		return sample.FeHrsHdr
	case TCPRequestConnection:
		return sample.FeConAcc
	case TCPRequestSession:
		return sample.FeSesAcc
	case TCPRequestContent:
		if fe {
			return sample.FeReqCnt
		}
		return sample.BeReqCnt
	}
	if fe {
		return sample.FeResCnt
	}
	return sample.BeResCnt
}

// httpCap is the union of the HTTP check points for the proxy's
// capabilities (header formats, track-sc, capture).
func (p *actParser) httpCap() sample.Point {
	var cp sample.Point
	req := p.set == HTTPRequest
	if p.c.isFE() {
		if req {
			cp |= sample.FeHrqHdr
		} else {
			cp |= sample.FeHrsHdr
		}
	}
	if p.c.isBE() {
		if req {
			cp |= sample.BeHrqHdr
		} else {
			cp |= sample.BeHrsHdr
		}
	}
	return cp
}

// reqLineCap is the single point the request-line actions use.
func (p *actParser) reqLineCap() sample.Point {
	if p.c.isFE() {
		return sample.FeHrqHdr
	}
	return sample.BeHrqHdr
}

// expr parses a sample expression at the current word.
func (p *actParser) expr(a sample.ArgCtx) (*sample.Expr, error) {
	e, next, err := p.c.sub(a).ParseExpr(p.words, p.cur)
	if err != nil {
		return nil, err
	}
	p.cur = next
	return e, nil
}

// format parses a log-format string.
func (p *actParser) format(s string, cp sample.Point, l6 bool) (*logformat.Format, error) {
	return logformat.Parse(s, logformat.Options{HTTP: p.c.HTTP, L6Warn: l6, Cap: cp}, p.c.sub(p.argCtx()))
}

// unavailable is the "extracts information" message for kw.
func unavailable(kw string, e *sample.Expr) error {
	return errf("fetch method '%s' extracts information from '%s', none of which is available here", kw, e.Fetch.Use.Names())
}

// lookupAction finds an action as action_lookup does: an exact name
// wins, otherwise the longest of the "(*)" keywords the word starts with.
func lookupAction(list []*action, word string) *action {
	var best *action
	for _, a := range list {
		if word == a.kw {
			return a
		}
		if a.prefix && strings.HasPrefix(word, a.kw) && (best == nil || len(a.kw) > len(best.kw)) {
			best = a
		}
	}
	return best
}

// buildList is action_build_list: the names as 2.6 lists them.
func buildList(list []*action) string {
	var b strings.Builder
	for i, a := range list {
		if i > 0 {
			b.WriteString(", ")
		}
		if a.prefix {
			fmt.Fprintf(&b, "'%s(*)'", a.kw)
		} else {
			fmt.Fprintf(&b, "'%s'", a.kw)
		}
	}
	return b.String()
}

func names(list []*action) []string {
	out := make([]string, len(list))
	for i, a := range list {
		out[i] = a.kw
	}
	return out
}
