package acl

import (
	"fmt"
	"net/netip"
	"strconv"
	"strings"

	"hakeep/proxy/sample"
)

// Expr is one ACL expression: a sample expression, the matching method
// and flags, and the compiled patterns (struct acl_expr).
type Expr struct {
	// Kw is the keyword HAProxy names in messages: the ACL keyword, or
	// the fetch's name when converters follow it.
	Kw     string
	Sample *sample.Expr
	// Type is the type the sample is converted to before matching.
	Type sample.Type
	// Method is the matching method.
	Method Method
	// Sets holds the patterns: one set per -f file, then one for the
	// patterns on the line, each with the flags in force when it was
	// read (HAProxy keeps one pattern expression per file and flags).
	Sets []*Patterns
	// NoDNS is -n.
	NoDNS bool
}

// MatchString reports whether a string sample matches any pattern.
func (x *Expr) MatchString(s []byte) bool {
	for _, p := range x.Sets {
		if _, ok := p.MatchString(s); ok {
			return true
		}
	}
	return false
}

// MatchInt reports whether an integer sample matches any pattern.
func (x *Expr) MatchInt(v int64) bool {
	for _, p := range x.Sets {
		if _, ok := p.MatchInt(v); ok {
			return true
		}
	}
	return false
}

// MatchIP reports whether an address sample matches any pattern.
func (x *Expr) MatchIP(a netip.Addr) bool {
	for _, p := range x.Sets {
		if _, ok := p.MatchIP(a); ok {
			return true
		}
	}
	return false
}

// parseExpr is 2.6's parse_acl_expr: words[0] is the criterion (an ACL
// keyword or a sample expression), then flags, then patterns.
func parseExpr(words []string, c *Context) (*Expr, error) {
	word := func(i int) string {
		if i < len(words) {
			return words[i]
		}
		return ""
	}
	sc := c.Context.With(sample.ArgACL)
	first := word(0)
	n := 0
	for n < len(first) && sample.IsIDChar(first[n]) {
		n++
	}
	kw, isKw := c.Env.keywords[first[:n]]
	var smp *sample.Expr
	curType := sample.Any
	x := &Expr{}
	var method Method
	hasMethod := false
	if isKw {
		var err error
		smp, err = parseKeyword(first, n, kw, sc)
		if err != nil {
			return nil, err
		}
		curType = smp.OutType()
		x.Kw = smp.Fetch.Name
		if len(smp.Convs) == 0 {
			x.Kw = kw.name
			method, hasMethod = kw.method, true
		}
	} else {
		var err error
		smp, _, err = sc.ParseExpr(words, 0)
		if err != nil {
			return nil, fmt.Errorf("%s in ACL expression '%s'", err, first)
		}
		curType = smp.OutType()
		x.Kw = smp.Fetch.Name
	}
	x.Sample = smp
	if !hasMethod {
		method, hasMethod = defaultMethod(curType)
	}

	// Protect against a common mistake: no pattern at all.
	if hasMethod && curType != sample.Bool && word(1) == "" {
		c.warnBare(fmt.Sprintf("parsing acl keyword '%s' :\n"+
			"  no pattern to match against were provided, so this ACL will never match.\n"+
			"  If this is what you intended, please add '--' to get rid of this warning.\n"+
			"  If you intended to match only for existence, please use '-m found'.\n"+
			"  If you wanted to force an int to match as a bool, please use '-m bool'.\n", first))
	}

	// Options before the patterns (configuration.txt §7.1 "-i -f -m -n
	// -M -u --").
	i := 1
	icase, noDNS, asMap, loaded := false, false, false, false
	for strings.HasPrefix(word(i), "-") {
		switch w := word(i); w {
		case "-i":
			icase = true
		case "-n":
			noDNS = true
		case "-u":
			id, err := strconv.ParseInt(word(i+1), 10, 64)
			if err != nil && !isPartialInt(word(i+1)) {
				return nil, fmt.Errorf("the argument of -u must be an integer")
			}
			if c.Env.ids[id] {
				return nil, fmt.Errorf("the id is already used")
			}
			c.Env.ids[id] = true
			i++
		case "-f":
			if !hasMethod {
				return nil, fmt.Errorf("matching method must be specified first (using '-m') when using a sample fetch of this type ('%s')", x.Kw)
			}
			p := NewPatterns(method, icase)
			if err := c.Env.loadPatterns(p, word(i+1), asMap, noDNS, c.Context); err != nil {
				return nil, err
			}
			x.Sets = append(x.Sets, p)
			loaded = true
			i++
		case "-m":
			if loaded {
				return nil, fmt.Errorf("'-m' must only be specified before patterns and files in parsing ACL expression")
			}
			m, ok := methodByName(word(i + 1))
			if !ok {
				return nil, fmt.Errorf("unknown matching method '%s' when parsing ACL expression", word(i+1))
			}
			if m != MatchFound && !sample.CanCast(curType, m.expectType()) {
				return nil, fmt.Errorf("matching method '%s' cannot be used with fetch keyword '%s'", word(i+1), x.Kw)
			}
			method, hasMethod = m, true
			i++
		case "-M":
			asMap = true
		case "--":
			i++
			goto patterns
		default:
			return nil, fmt.Errorf("'%s' is not a valid ACL option. Please use '--' before any pattern beginning with a '-'", w)
		}
		i++
	}
patterns:
	if !hasMethod {
		return nil, fmt.Errorf("matching method must be specified first (using '-m') when using a sample fetch of this type ('%s')", x.Kw)
	}
	p := NewPatterns(method, icase)
	x.Sets = append(x.Sets, p)
	x.Method, x.NoDNS = method, noDNS
	x.Type = method.expectType()
	if method == MatchFound {
		x.Type = curType
	}
	res := c.Env.Resolve
	if noDNS {
		res = nil
	}
	if err := addPatterns(p, words[min(i, len(words)):], res); err != nil {
		return nil, err
	}
	c.Env.lineRef(x.Kw, c.Context.File, c.Context.Line, p, words[min(i, len(words)):])
	return x, nil
}

// isPartialInt reports whether strtol() would have consumed the whole
// string as a number despite ParseInt's refusal (overflow saturates).
func isPartialInt(s string) bool {
	if s == "" {
		return true // strtol("") leaves *error == '\0'
	}
	if s[0] == '-' || s[0] == '+' {
		s = s[1:]
	}
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// addPatterns adds the pattern words, with the integer operators eq, ge,
// gt, le, lt for int and dotted-version methods (rewritten into ranges as
// parse_acl_expr does). An empty word ends the list.
func addPatterns(p *Patterns, words []string, res Resolver) error {
	op := ""
	for _, w := range words {
		if w == "" {
			break
		}
		if p.Method == MatchInt || p.Method == MatchLen || p.Method == MatchVer {
			switch w {
			case "eq", "ge", "gt", "le", "lt":
				op = w
				continue
			}
			if op != "" && op != "eq" && !strings.ContainsAny(w, ":-") {
				r, err := opRange(w, op, p.Method == MatchVer)
				if err != nil {
					return err
				}
				w = r
			}
		}
		if err := p.Add(w, res); err != nil {
			return err
		}
	}
	return nil
}

// opRange rewrites "gt 5" into "6:" and friends.
func opRange(w, op string, ver bool) (string, error) {
	intPart, minorPart, hasDot := w, "", false
	if i := strings.IndexByte(w, '.'); i >= 0 {
		intPart, minorPart, hasDot = w[:i], w[i+1:], true
	}
	var minor int64
	if ver && hasDot {
		v, ok := strl2llrc(minorPart)
		if !ok {
			return "", fmt.Errorf("'%s' is neither a number nor a supported operator", w)
		}
		if v >= 65536 {
			return "", fmt.Errorf("'%s' contains too large a minor value", w)
		}
		minor = v
	}
	v, ok := strl2llrc(intPart)
	if !ok {
		return "", fmt.Errorf("'%s' is neither a number nor a supported operator", w)
	}
	if ver {
		if v >= 65536 {
			return "", fmt.Errorf("'%s' contains too large a major value", w)
		}
		v = v<<16 | minor&0xffff
	}
	format := func(v int64) string {
		if ver {
			return fmt.Sprintf("%d.%d", v>>16, v&0xffff)
		}
		return strconv.FormatInt(v, 10)
	}
	switch op {
	case "gt":
		return format(v+1) + ":", nil
	case "ge":
		return format(v) + ":", nil
	case "lt":
		return ":" + format(v-1), nil
	}
	return ":" + format(v), nil // le
}

// parseKeyword parses an ACL keyword with its arguments and directly
// attached converters, with the "ACL keyword '<kw>' : ..." messages of
// parse_acl_expr.
func parseKeyword(word string, n int, kw keyword, sc *sample.Context) (*sample.Expr, error) {
	f := sc.Registry.Fetch(kw.fetch)
	if f == nil {
		return nil, fmt.Errorf("ACL keyword '%s' : unknown fetch method '%s'", kw.name, kw.fetch)
	}
	al, aerr := sample.ParseArgs(word[n:], f.Args)
	if aerr != nil {
		return nil, fmt.Errorf("ACL keyword '%s' : %s", kw.name, aerr.Msg)
	}
	if al.Allocated && f.Validate != nil {
		if err := f.Validate(al.Args, sc); err != nil {
			return nil, fmt.Errorf("in argument to '%s', %s", kw.name, err)
		}
	}
	expr := &sample.Expr{Fetch: f, Args: al.Args}
	sc.Record(al.Args, kw.name, "")
	pos := n + al.End
	cur := f.Out
	ckw := ""
	for pos < len(word) {
		if word[pos] != ',' {
			if ckw != "" {
				return nil, fmt.Errorf("ACL keyword '%s' : missing comma after converter '%s'.", kw.name, ckw)
			}
			return nil, fmt.Errorf("ACL keyword '%s' : missing comma after fetch keyword.", kw.name)
		}
		for pos < len(word) && word[pos] == ',' {
			pos++
		}
		if pos >= len(word) {
			break
		}
		end := pos
		for end < len(word) && sample.IsIDChar(word[end]) {
			end++
		}
		ckw = word[pos:end]
		cv := sc.Registry.Converter(ckw)
		if cv == nil {
			return nil, fmt.Errorf("ACL keyword '%s' : unknown converter '%s'.", kw.name, ckw)
		}
		if !sample.CanCast(cur, cv.In) {
			return nil, fmt.Errorf("ACL keyword '%s' : converter '%s' cannot be applied.", kw.name, ckw)
		}
		cal, aerr := sample.ParseArgs(word[end:], cv.Args)
		if aerr != nil {
			return nil, fmt.Errorf("ACL keyword '%s' : invalid arg %d in converter '%s' : %s.", kw.name, aerr.Pos+1, ckw, aerr.Msg)
		}
		if cv.Validate != nil {
			if err := cv.Validate(cal.Args, sc); err != nil {
				return nil, fmt.Errorf("ACL keyword '%s' : invalid args in converter '%s' : %s.", kw.name, ckw, err)
			}
		}
		sc.Record(cal.Args, kw.name, ckw)
		expr.Convs = append(expr.Convs, sample.ConvExpr{Conv: cv, Args: cal.Args})
		cur = cv.Out
		pos = end + cal.End
	}
	expr.Text = word
	return expr, nil
}
