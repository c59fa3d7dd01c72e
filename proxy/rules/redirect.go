package rules

import (
	"fmt"

	"hakeep/proxy/acl"
	"hakeep/proxy/sample"
)

// parseRedirect is http_parse_redirect_rule. useFmt makes the destination
// a log-format string (actions); response limits the type to location.
func parseRedirect(words []string, c *Context, useFmt, response bool) (*RedirectArgs, *acl.Cond, error) {
	at := func(i int) string { return wordAt(words, i) }
	r := &RedirectArgs{Code: 302}
	var cond *acl.Cond
	i := 0
	for at(i) != "" {
		w := at(i)
		switch w {
		case "location", "prefix", "scheme", "set-cookie", "clear-cookie", "code":
			if at(i+1) == "" {
				return nil, nil, errf("missing argument for '%s'", w)
			}
			i++
			v := at(i)
			switch w {
			case "location", "prefix", "scheme":
				r.Type, r.Dest = w, v
			case "set-cookie", "clear-cookie":
				r.Cookie, r.SetCookie = v, w == "set-cookie"
			case "code":
				code := atoi(v)
				if code < 301 || code > 308 || (code > 303 && code < 307) {
					return nil, nil, errf("'%s': unsupported HTTP code '%s' (must be one of 301, 302, 303, 307 or 308)", w, v)
				}
				r.Code = code
			}
		case "drop-query":
			r.DropQuery = true
		case "append-slash":
			r.AppendSlsh = true
		case "ignore-empty":
			r.IgnoreEmpt = true
		case "if", "unless":
			var err error
			cond, err = acl.ParseCond(words[i:], c.aclCtx())
			if err != nil {
				return nil, nil, errf("error in condition: %s", err)
			}
			goto done
		default:
			return nil, nil, errf("expects 'code', 'prefix', 'location', 'scheme', 'set-cookie', 'clear-cookie', 'drop-query', 'ignore-empty' or 'append-slash' (was '%s')", w)
		}
		i++
	}
done:
	if r.Type == "" {
		return nil, nil, errf("redirection type expected ('prefix', 'location', or 'scheme')")
	}
	if response && r.Type != "location" {
		return nil, nil, errf("response only supports redirect type 'location'")
	}
	if useFmt && !(r.Type == "prefix" && r.Dest == "/") {
		cp := sample.Point(0)
		switch {
		case response && c.isFE():
			cp = sample.FeHrsHdr
		case response:
			cp = sample.BeHrsHdr
		case c.isBE():
			cp = sample.BeHrqHdr
		default:
			cp = sample.FeHrqHdr
		}
		f, err := logformatParse(r.Dest, c, cp, sample.ArgRDR)
		if err != nil {
			return nil, nil, err
		}
		r.Format = f
	}
	return r, cond, nil
}

// parseRedirectKeyword is the "redirect" keyword (a static destination).
func parseRedirectKeyword(words []string, c *Context) (*Rule, error) {
	if c.Cap&sample.CapDef != 0 {
		return nil, &sample.Error{Msg: "'redirect' not allowed in 'defaults' section."}
	}
	r, cond, err := parseRedirect(words[1:], c, false, false)
	if err != nil {
		return nil, &sample.Error{Msg: fmt.Sprintf("error detected in %s '%s' while parsing redirect rule : %s.", c.proxyType(), c.Proxy, err)}
	}
	c.misplaced(Redirect, words[0])
	if cond != nil {
		var where sample.Point
		if c.isFE() {
			where |= sample.FeHrqHdr
		}
		if c.isBE() {
			where |= sample.BeHrqHdr
		}
		if w := cond.Warning(where); w != nil {
			c.warn(sample.StyleParsing, w.Msg)
		}
	}
	return &Rule{Set: Redirect, Action: "redirect", Args: r, Cond: cond, Final: !r.IgnoreEmpt}, nil
}
