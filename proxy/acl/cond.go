package acl

import (
	"fmt"
	"strings"

	"hakeep/proxy/sample"
)

// Policy is how a condition's result is used.
type Policy uint8

const (
	PolNone   Policy = iota
	PolIf            // "if": the rule applies when the condition is true
	PolUnless        // "unless": when it is false
)

// Term is one ACL in a condition, possibly negated with '!'.
type Term struct {
	ACL *ACL
	Neg bool
}

// Cond is a condition: terms AND-ed within a suite, suites OR-ed
// (configuration.txt §7.2 "Using ACLs to form conditions").
type Cond struct {
	Pol    Policy
	Suites [][]Term
	// Use and Val are the union of the ACLs' sources and valid places.
	Use  sample.Use
	Val  sample.Point
	File string
	Line int
}

// ParseCond parses a condition; words start with "if" or "unless" and run
// to the end of the line (build_acl_cond). Named ACLs are looked up in
// c.ACLs, then among the predefined ACLs; "{ ... }" declares an anonymous
// ACL. The error text is the inner message the rule parsers wrap, e.g.
// "no such ACL : 'x'" inside "error detected while parsing an
// 'http-request deny' condition : %s.".
func ParseCond(words []string, c *Context) (*Cond, error) {
	cond := &Cond{File: c.File, Line: c.Line}
	switch {
	case len(words) > 0 && words[0] == "if":
		cond.Pol = PolIf
	case len(words) > 0 && words[0] == "unless":
		cond.Pol = PolUnless
	default:
		return nil, &sample.Error{Msg: "conditions must start with either 'if' or 'unless'"}
	}
	var suite []Term
	neg := false
	for i := 1; i < len(words) && words[i] != ""; i++ {
		w := words[i]
		for strings.HasPrefix(w, "!") {
			neg = !neg
			w = w[1:]
		}
		if w == "" {
			continue
		}
		if equalFoldASCII(w, "or") || w == "||" {
			if suite != nil {
				cond.Suites = append(cond.Suites, suite)
			}
			suite, neg = nil, false
			continue
		}
		var acl *ACL
		if w == "{" {
			end := i + 1
			for end < len(words) && words[end] != "" && words[end] != "}" {
				end++
			}
			if end >= len(words) || words[end] != "}" {
				return nil, &sample.Error{Msg: "missing closing '}' in condition"}
			}
			anon := append([]string{""}, words[i+1:end]...)
			var err error
			if acl, err = parseACL(anon, c); err != nil {
				return nil, &sample.Error{Msg: err.Error()}
			}
			i = end
		} else {
			acl = c.ACLs.Lookup(w)
			if acl == nil {
				var err error
				if acl, err = predefinedACL(w, c); err != nil {
					return nil, &sample.Error{Msg: err.Error()}
				}
			}
		}
		suite = append(suite, Term{ACL: acl, Neg: neg})
		cond.Use |= acl.Use
		cond.Val |= acl.Val
		neg = false
	}
	if suite != nil {
		cond.Suites = append(cond.Suites, suite)
	}
	return cond, nil
}

// predefinedACLs are 2.6's default_acl_list (configuration.txt §7.4).
func predefinedACLs() map[string][]string {
	return map[string][]string{
		"TRUE":           {"always_true"},
		"FALSE":          {"always_false"},
		"LOCALHOST":      {"src", "127.0.0.1/8", "::1"},
		"HTTP":           {"req.proto_http"},
		"HTTP_1.0":       {"req.ver", "1.0"},
		"HTTP_1.1":       {"req.ver", "1.1"},
		"HTTP_2.0":       {"req.ver", "2.0"},
		"METH_CONNECT":   {"method", "CONNECT"},
		"METH_DELETE":    {"method", "DELETE"},
		"METH_GET":       {"method", "GET", "HEAD"},
		"METH_HEAD":      {"method", "HEAD"},
		"METH_OPTIONS":   {"method", "OPTIONS"},
		"METH_POST":      {"method", "POST"},
		"METH_PUT":       {"method", "PUT"},
		"METH_TRACE":     {"method", "TRACE"},
		"HTTP_URL_ABS":   {"url_reg", "^[^/:]*://"},
		"HTTP_URL_SLASH": {"url_beg", "/"},
		"HTTP_URL_STAR":  {"url", "*"},
		"HTTP_CONTENT":   {"req.hdr_val(content-length)", "gt", "0"},
		"RDP_COOKIE":     {"req.rdp_cookie_cnt", "gt", "0"},
		"REQ_CONTENT":    {"req.len", "gt", "0"},
		"WAIT_END":       {"wait_end"},
	}
}

// predefinedACL builds a predefined ACL on first use in a proxy and adds
// it to the proxy's set, so that a later declaration of the same name
// extends it (find_acl_default).
func predefinedACL(name string, c *Context) (*ACL, error) {
	def, ok := predefinedACLs()[name]
	if !ok {
		return nil, fmt.Errorf("no such ACL : '%s'", name)
	}
	nc := *c
	nc.Warn = nil // the built-in expressions never warn
	if c.ACLs == nil {
		nc.ACLs = NewSet()
	}
	return parseACL(append([]string{name}, def...), &nc)
}

// Result is the three-valued outcome of an ACL or condition: a sample
// may be missing yet (more data could change the answer).
type Result uint8

const (
	Fail Result = 0
	Miss Result = 1
	Pass Result = 3
)

// Neg is acl_neg: Pass and Fail swap, Miss stays.
func (r Result) Neg() Result { return 3 >> r }

// Eval computes a condition from the results of its ACLs
// (acl_exec_cond): suites are AND-ed terms, OR-ed together, with early
// exits. The policy is not applied; see Pass.
func (c *Cond) Eval(exec func(*ACL) Result) Result {
	res := Fail
	for _, suite := range c.Suites {
		sres := Pass
		for _, t := range suite {
			r := exec(t.ACL)
			if t.Neg {
				r = r.Neg()
			}
			sres &= r
			if sres == Fail {
				break
			}
		}
		res |= sres
		if res == Pass {
			break
		}
	}
	return res
}

// Passes applies the policy to a final result: true when the rule must
// apply. A Miss counts as a failure.
func (c *Cond) Passes(r Result) bool {
	ok := r == Pass
	if c.Pol == PolUnless {
		return !ok
	}
	return ok
}

// Conflict finds why a condition cannot work where it is used
// (acl_cond_conflicts, then acl_cond_kw_conflicts): never reports an ACL
// none of whose keywords is usable at where; otherwise acl and kw name an
// ACL with one unusable keyword. acl is nil when all is well.
func (c *Cond) Conflict(where sample.Point) (acl *ACL, kw string, never bool) {
	if c == nil {
		return nil, "", false
	}
	for _, s := range c.Suites {
		for _, t := range s {
			if t.ACL.Val&where == 0 {
				return t.ACL, t.ACL.Exprs[0].Kw, true
			}
		}
	}
	for _, s := range c.Suites {
		for _, t := range s {
			for _, x := range t.ACL.Exprs {
				if x.Sample.Fetch.Val&where == 0 {
					return t.ACL, x.Kw, false
				}
			}
		}
	}
	return nil, "", false
}

// Warning returns the warning cfgparse's warnif_cond_conflicts prints for
// a condition used at where, or nil.
func (c *Cond) Warning(where sample.Point) *sample.Error {
	acl, kw, never := c.Conflict(where)
	if acl == nil {
		return nil
	}
	var msg string
	switch {
	case never && acl.Name != "":
		msg = fmt.Sprintf("acl '%s' will never match because it only involves keywords that are incompatible with '%s'", acl.Name, where.Name())
	case never:
		msg = fmt.Sprintf("anonymous acl will never match because it uses keyword '%s' which is incompatible with '%s'", kw, where.Name())
	case acl.Name != "":
		msg = fmt.Sprintf("acl '%s' involves keywords '%s' which is incompatible with '%s'", acl.Name, kw, where.Name())
	default:
		msg = fmt.Sprintf("anonymous acl involves keywords '%s' which is incompatible with '%s'", kw, where.Name())
	}
	return &sample.Error{Msg: msg, Warning: true}
}
