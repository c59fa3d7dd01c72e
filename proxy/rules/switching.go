package rules

import (
	"fmt"
	"strings"

	"hakeep/proxy/acl"
	"hakeep/proxy/logformat"
	"hakeep/proxy/sample"
)

// logformatParse parses a format for a non-action keyword.
func logformatParse(s string, c *Context, cp sample.Point, a sample.ArgCtx) (*logformat.Format, error) {
	return logformat.Parse(s, logformat.Options{HTTP: c.HTTP, L6Warn: true, Cap: cp}, c.sub(a))
}

// notAllowedInDefaults is cfgparse-listen.c's check for keywords that
// have no meaning in a defaults section.
func notAllowedInDefaults(kw string, c *Context) error {
	if c.Cap&sample.CapDef != 0 {
		return &sample.Error{Msg: fmt.Sprintf("'%s' not allowed in 'defaults' section.", kw)}
	}
	return nil
}

// warnIfNotCap is warnifnotcap(): the keyword is ignored, with a warning,
// in a proxy without the capability it needs.
func warnIfNotCap(kw string, need sample.Cap, c *Context) bool {
	if c.Cap&need != 0 {
		return false
	}
	what := "frontend"
	if need == sample.CapBE {
		what = "backend"
	}
	c.warn(sample.StyleParsing, fmt.Sprintf("'%s' ignored because %s '%s' has no %s capability.", kw, c.proxyType(), c.Proxy, what))
	return true
}

func cond(words []string, c *Context) (*acl.Cond, error) {
	return acl.ParseCond(words, c.aclCtx())
}

// parseUseBackend is use_backend <name|format> [if|unless cond]. A name
// with '%' is a log-format string; 2.6 parses it after the whole file, so
// its errors are reported by Check.
func parseUseBackend(words []string, c *Context) (*Rule, error) {
	kw := words[0]
	if err := notAllowedInDefaults(kw, c); err != nil {
		return nil, err
	}
	warnIfNotCap(kw, sample.CapFE, c)
	name := wordAt(words, 1)
	if name == "" {
		return nil, &sample.Error{Msg: fmt.Sprintf("'%s' expects a backend name.", kw)}
	}
	r := &Rule{Set: UseBackend, Args: &UseBackendArgs{Name: name}}
	if w := wordAt(words, 2); isCond(w) {
		cd, err := cond(words[2:], c)
		if err != nil {
			return nil, &sample.Error{Msg: fmt.Sprintf("error detected while parsing switching rule : %s.", err)}
		}
		if w := cd.Warning(sample.FeSetBck); w != nil {
			c.warn(sample.StyleParsing, w.Msg)
		}
		r.Cond = cd
	} else if w != "" {
		return nil, &sample.Error{Msg: fmt.Sprintf("unexpected keyword '%s' after switching rule, only 'if' and 'unless' are allowed.", w)}
	}
	c.mark(UseBackend)
	return r, nil
}

// parseUseServer is use-server <server> if|unless <cond>.
func parseUseServer(words []string, c *Context) (*Rule, error) {
	kw := words[0]
	if err := notAllowedInDefaults(kw, c); err != nil {
		return nil, err
	}
	warnIfNotCap(kw, sample.CapBE, c)
	srv := wordAt(words, 1)
	if srv == "" {
		return nil, &sample.Error{Msg: fmt.Sprintf("'%s' expects a server name.", kw)}
	}
	if !isCond(wordAt(words, 2)) {
		return nil, &sample.Error{Msg: fmt.Sprintf("'%s' requires either 'if' or 'unless' followed by a condition.", kw)}
	}
	cd, err := cond(words[2:], c)
	if err != nil {
		return nil, &sample.Error{Msg: fmt.Sprintf("error detected while parsing switching rule : %s.", err)}
	}
	if w := cd.Warning(sample.BeSetSrv); w != nil {
		c.warn(sample.StyleParsing, w.Msg)
	}
	c.mark(UseServer)
	return &Rule{Set: UseServer, Args: &UseServerArgs{Server: srv}, Cond: cd}, nil
}

// parsePersist is force-persist and ignore-persist if|unless <cond>.
func parsePersist(words []string, c *Context) (*Rule, error) {
	kw := words[0]
	if err := notAllowedInDefaults(kw, c); err != nil {
		return nil, err
	}
	warnIfNotCap(kw, sample.CapBE, c)
	if !isCond(wordAt(words, 1)) {
		return nil, &sample.Error{Msg: fmt.Sprintf("'%s' requires either 'if' or 'unless' followed by a condition.", kw)}
	}
	cd, err := cond(words[1:], c)
	if err != nil {
		return nil, &sample.Error{Msg: fmt.Sprintf("error detected while parsing a '%s' rule : %s.", kw, err)}
	}
	// BE_REQ_CNT is the first point after FE_SET_BCK, where persistence
	// is decided (cfgparse-listen.c).
	if w := cd.Warning(sample.BeReqCnt); w != nil {
		c.warn(sample.StyleParsing, w.Msg)
	}
	set := ForcePersist
	if kw == "ignore-persist" {
		set = IgnorePersist
	}
	return &Rule{Set: set, Cond: cd}, nil
}

// parseMonitor is monitor fail if|unless <cond>.
func parseMonitor(words []string, c *Context) (*Rule, error) {
	kw := words[0]
	if err := notAllowedInDefaults(kw, c); err != nil {
		return nil, err
	}
	warnIfNotCap(kw, sample.CapFE, c)
	if wordAt(words, 1) != "fail" {
		return nil, &sample.Error{Msg: fmt.Sprintf("'%s' only supports 'fail'.", kw)}
	}
	if !isCond(wordAt(words, 2)) {
		return nil, &sample.Error{Msg: fmt.Sprintf("'%s %s' requires either 'if' or 'unless' followed by a condition.", kw, words[1])}
	}
	c.misplaced(MonitorFail, "monitor fail")
	cd, err := cond(words[2:], c)
	if err != nil {
		return nil, &sample.Error{Msg: fmt.Sprintf("error detected while parsing a '%s %s' condition : %s.", kw, words[1], err)}
	}
	return &Rule{Set: MonitorFail, Cond: cd}, nil
}

// parseStick is stick on|match|store-request|store-response <expr>
// [table <t>] [if|unless <cond>].
func parseStick(words []string, c *Context) (*Rule, error) {
	kw := words[0]
	if err := notAllowedInDefaults(kw, c); err != nil {
		return nil, err
	}
	if warnIfNotCap(kw, sample.CapBE, c) {
		return nil, nil
	}
	var set Set
	switch wordAt(words, 1) {
	case "store", "store-request":
		set = StickStoreRequest
	case "store-response":
		set = StickStoreResponse
	case "match":
		set = StickMatch
	case "on":
		set = StickOn
	default:
		return nil, &sample.Error{Msg: fmt.Sprintf("'%s' expects 'on', 'match', or 'store'.", kw)}
	}
	if wordAt(words, 2) == "" {
		return nil, &sample.Error{Msg: fmt.Sprintf("'%s' expects a fetch method.", kw)}
	}
	e, i, err := c.sub(sample.ArgSTK).ParseExpr(words, 2)
	if err != nil {
		return nil, &sample.Error{Msg: fmt.Sprintf("'%s': %s", kw, err)}
	}
	if set == StickStoreResponse {
		if e.Fetch.Val&sample.BeStoRul == 0 {
			return nil, &sample.Error{Msg: fmt.Sprintf("'%s': fetch method '%s' extracts information from '%s', none of which is available for 'store-response'.", kw, e.Fetch.Name, e.Fetch.Use.Names())}
		}
	} else if e.Fetch.Val&sample.BeSetSrv == 0 {
		return nil, &sample.Error{Msg: fmt.Sprintf("'%s': fetch method '%s' extracts information from '%s', none of which is available during request.", kw, e.Fetch.Name, e.Fetch.Use.Names())}
	}
	st := &Stick{Expr: e}
	if wordAt(words, i) == "table" {
		st.Table = wordAt(words, i+1)
		i += 2
	}
	r := &Rule{Set: set, Args: st}
	where := sample.BeSetSrv
	if set == StickStoreResponse {
		where = sample.BeStoRul
	}
	if w := wordAt(words, i); isCond(w) {
		cd, err := cond(words[i:], c)
		if err != nil {
			return nil, &sample.Error{Msg: fmt.Sprintf("'%s': error detected while parsing sticking condition : %s.", kw, err)}
		}
		r.Cond = cd
		if w := cd.Warning(where); w != nil {
			c.warn(sample.StyleParsing, w.Msg)
		}
	} else if w != "" {
		return nil, &sample.Error{Msg: fmt.Sprintf("'%s': unknown keyword '%s'.", kw, w)}
	}
	return r, nil
}

// Keywords lists the configuration keywords this package parses.
func Keywords() []string {
	return strings.Fields("http-request http-response http-after-response tcp-request tcp-response " +
		"redirect use_backend use-server stick monitor force-persist ignore-persist block")
}
