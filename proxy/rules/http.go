package rules

import (
	"fmt"

	"hakeep/proxy/acl"
	"hakeep/proxy/sample"
)

// parseHTTP parses http-request, http-response and http-after-response
// lines (cfgparse-listen.c and http_rules.c's parse_http_*_cond). Every
// error aborts the file, as ERR_ABORT does in 2.6.
func parseHTTP(set Set, words []string, c *Context) (*Rule, error) {
	kw := words[0]
	fail := func(style sample.Style, msg string) error {
		return &sample.Error{Msg: msg, Style: style, Abort: true}
	}
	if c.anonDefaults() {
		return nil, &sample.Error{Msg: fmt.Sprintf("'%s' not allowed in anonymous 'defaults' section.", kw)}
	}
	if st := c.State; st != nil && st.finalNoCnd[set] {
		c.warn(sample.StyleParsingTight, fmt.Sprintf("previous '%s' action is final and has no condition attached, further entries are NOOP.", kw))
	}
	list := setActions(set)
	word := wordAt(words, 1)
	a := lookupAction(list, word)
	if a == nil {
		a = luaAction(c, set, word)
	}
	if a == nil {
		best := suggest(word, names(list), nil)
		missing := ""
		if word == "" {
			missing = " (missing argument)"
		}
		hint := ""
		if best != "" {
			hint = " Did you mean '" + best + "' maybe ?"
		}
		return nil, fail(sample.StyleParsingTight, fmt.Sprintf("'%s' expects %s, but got '%s'%s.%s", kw, buildList(list), word, missing, hint))
	}
	if a.experimental && !c.Experimental {
		return nil, fail(sample.StyleParsing, fmt.Sprintf("'%s' action is experimental, must be allowed via a global 'expose-experimental-directives'", a.kw))
	}
	r := &Rule{Set: set, Action: a.kw, Word: word, Final: a.final}
	p := &actParser{c: c, set: set, words: words, cur: 2, word: word, rule: r}
	if err := a.parse(p); err != nil {
		return nil, fail(sample.StyleParsing, fmt.Sprintf("error detected in %s '%s' while parsing '%s %s' rule : %s.",
			c.proxyType(), c.Proxy, kw, word, err))
	}
	if w := p.at(p.cur); isCond(w) {
		cond, err := acl.ParseCond(words[p.cur:], c.aclCtx())
		if err != nil {
			return nil, fail(sample.StyleParsing, fmt.Sprintf("error detected while parsing an '%s %s' condition : %s.", kw, word, err))
		}
		r.Cond = cond
	} else if w != "" {
		return nil, fail(sample.StyleParsingTight, fmt.Sprintf("'%s %s' expects either 'if' or 'unless' followed by a condition but found '%s'.", kw, word, w))
	}
	if set == HTTPRequest {
		c.misplaced(HTTPRequest, kw)
	} else {
		c.mark(set)
	}
	if r.Cond != nil {
		if w := r.Cond.Warning(p.httpCap()); w != nil {
			c.warn(sample.StyleParsing, w.Msg)
		}
	}
	if c.State != nil {
		c.State.finalNoCnd[set] = r.Final && r.Cond == nil
	}
	return r, nil
}

// parseNoArg is an action without arguments.
func parseNoArg(p *actParser) error { return nil }
