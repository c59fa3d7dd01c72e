package parser

import (
	"fmt"
	"os"
	"strings"
)

// This file evaluates the conditions of `.if`/`.elif` and `haproxy -cc`
// (configuration.txt section 2.4) the way src/cfgcond.c of HAProxy 2.6
// does, with its operator precedence (&& before ||), its left-to-right
// short-circuits, its recursion limit and its error texts. The predicate
// set is Debian 2.6.12's: the six of the manual plus the OpenSSL ones it
// backports (see haproxy_version.go for what those answer).

// haMaxCfgRecursion is MAX_CFG_RECURSION (include/haproxy/defaults.h).
const haMaxCfgRecursion = 1024

// CondError is a condition that could not be evaluated. Msg is HAProxy's
// text for it; it is empty where 2.6 reports no message (an argument of
// openssl_version_atleast() that is not a version: `-cc` then exits 2
// silently). Offset is where in the expression the problem starts, for
// the caret HAProxy draws under `.if` lines.
type CondError struct {
	Msg    string
	Offset int
}

func (e *CondError) Error() string {
	if e.Msg == "" {
		return "condition could not be evaluated"
	}
	return e.Msg
}

// EvalHAProxyCond evaluates a condition given as the words after `.if`
// (or the words of `haproxy -cc`'s argument), which HAProxy joins back
// with single spaces before parsing. defined() looks at env.LookupEnv, the
// process environment when nil. Errors are *CondError with 2.6's wording.
func EvalHAProxyCond(args []string, env CondEnv) (bool, error) {
	lookup := env.LookupEnv
	if lookup == nil {
		lookup = os.LookupEnv
	}
	c := condEval{env: env, lookup: lookup}
	ok, err := c.eval(strings.Join(args, " "))
	if err != nil {
		return false, err
	}
	return ok, nil
}

// SplitHAProxyCondition cuts the argument of `haproxy -cc` into words the
// way haproxy.c does before evaluating it (management.txt section 3):
// quotes, backslash escapes and environment variables as in the
// configuration, but '#' starts no comment. Joined with single spaces the
// words are the expression EvalHAProxyCond sees. Errors carry 2.6's
// messages; lookup nil means the process environment.
func SplitHAProxyCondition(cond string, lookup func(string) (string, bool)) ([]string, error) {
	if lookup == nil {
		lookup = os.LookupEnv
	}
	s := wordSplitter{noComment: true}
	s.split(cond, 0, &lineEnv{lookup: lookup})
	switch {
	case s.err == lineErrQuote:
		return nil, &CondError{Msg: "Syntax Error in condition: Unmatched quote."}
	case s.err == lineErrHex:
		return nil, &CondError{Msg: "Syntax Error in condition: Truncated or invalid hexadecimal sequence."}
	case s.tooMany:
		return nil, &CondError{Msg: "Error in condition: Too many words."}
	case s.err != lineOK:
		return nil, &CondError{Msg: "Unhandled error in condition, please report this to the developers."}
	}
	// haproxy.c turns every NUL of the parsed buffer back into a space
	words := make([]string, len(s.words))
	for i, w := range s.words {
		words[i] = strings.ReplaceAll(string(s.out[w.start:w.end]), "\x00", " ")
	}
	return words, nil
}

// condPredicate is one entry of cond_predicates[].
type condPredicate struct {
	name  string
	nargs int // mandatory string arguments (ARG1/ARG2 of STR)
}

var condPredicates = [...]condPredicate{
	{"defined", 1},
	{"feature", 1},
	{"streq", 2},
	{"strneq", 2},
	{"version_atleast", 1},
	{"version_before", 1},
	{"openssl_version_atleast", 1},
	{"openssl_version_before", 1},
	{"ssllib_name_startswith", 1},
}

type condEval struct {
	env    CondEnv
	lookup func(string) (string, bool)
	text   string // the whole expression, for offsets
}

// condTerm, condAnd and condExpr mirror struct cfg_cond_term/_and/_expr.
type condTerm struct {
	neg   bool
	kind  byte // 't' true, 'f' false, 'p' predicate, '(' sub-expression
	pred  *condPredicate
	args  []string
	paren *condExpr
}

type condAnd struct {
	left  *condTerm
	right *condAnd
}

type condExpr struct {
	left  *condAnd
	right *condExpr
}

func isBlank(c byte) bool { return c == ' ' || c == '\t' }

func skipBlanks(s string, i int) int {
	for i < len(s) && isBlank(s[i]) {
		i++
	}
	return i
}

// eval is cfg_eval_condition(): an empty condition is false.
func (c *condEval) eval(expr string) (bool, error) {
	c.text = expr
	if expr == "" {
		return false, nil
	}
	i := 0
	e, ret, err := c.parseExpr(&i, haMaxCfgRecursion)
	if err != nil {
		return false, err
	}
	if ret == 0 {
		return false, &CondError{Msg: fmt.Sprintf("unparsable conditional expression '%s'", expr), Offset: i}
	}
	i = skipBlanks(expr, i)
	if i < len(expr) {
		return false, &CondError{Msg: fmt.Sprintf("unexpected character '%c' at the end of conditional expression '%s'", expr[i], expr), Offset: i}
	}
	v, err := c.evalExpr(e)
	return v > 0, err
}

// parseTerm is cfg_parse_cond_term(); ret is 1 on success, 0 when
// nothing could be parsed. On success *pi moves past the term.
func (c *condEval) parseTerm(pi *int, depth int) (*condTerm, int, error) {
	text := c.text
	start := *pi
	in := skipBlanks(text, start)
	if in >= len(text) {
		return nil, 0, nil
	}
	unparsable := func() error {
		return &CondError{Msg: fmt.Sprintf("unparsable conditional expression '%s'", text[start:]), Offset: start}
	}
	if depth <= 0 {
		return nil, 0, unparsable()
	}
	t := &condTerm{}
	for in < len(text) && text[in] == '!' {
		t.neg = !t.neg
		in = skipBlanks(text, in+1)
	}
	if nonZero, end, ok := strtolBase0(text, in); ok {
		t.kind = 'f'
		if nonZero {
			t.kind = 't'
		}
		*pi = end
		return t, 1, nil
	}
	if in < len(text) && text[in] == '(' {
		t.kind = '('
		in = skipBlanks(text, in+1)
		e, ret, err := c.parseExpr(&in, depth-1)
		if err != nil {
			return nil, 0, err
		}
		if ret == 0 {
			return nil, 0, unparsable()
		}
		in = skipBlanks(text, in)
		if in >= len(text) || text[in] != ')' {
			return nil, 0, &CondError{Msg: fmt.Sprintf("expected ')' after conditional expression '%s'", text[start:]), Offset: start}
		}
		t.paren = e
		*pi = skipBlanks(text, in+1)
		return t, 1, nil
	}
	if p := lookupCondPredicate(text[in:]); p != nil {
		t.kind = 'p'
		t.pred = p
		args, end, argErr := parseCondArgs(text, in+len(p.name), p.nargs)
		if argErr != "" {
			return nil, 0, &CondError{Msg: fmt.Sprintf("%s in argument %d of predicate '%s' used in conditional expression", argErr, len(args), p.name), Offset: end}
		}
		t.args = args
		*pi = end
		return t, 1, nil
	}
	return nil, 0, unparsable()
}

// lookupCondPredicate is cfg_lookup_cond_pred(): the name runs up to a
// space or an opening parenthesis and must match exactly.
func lookupCondPredicate(s string) *condPredicate {
	n := strings.IndexAny(s, " (")
	if n < 0 {
		n = len(s)
	}
	for i := range condPredicates {
		if condPredicates[i].name == s[:n] {
			return &condPredicates[i]
		}
	}
	return nil
}

// parseAnd is cfg_parse_cond_and(): terms joined by "&&".
func (c *condEval) parseAnd(pi *int, depth int) (*condAnd, int, error) {
	text := c.text
	in := *pi
	if in >= len(text) {
		return nil, 0, nil
	}
	if depth <= 0 {
		return nil, 0, &CondError{Msg: fmt.Sprintf("unparsable conditional sub-expression '%s'", text[in:]), Offset: in}
	}
	e := &condAnd{}
	t, ret, err := c.parseTerm(&in, depth-1)
	if err != nil {
		return nil, 0, err
	}
	if ret == 0 {
		return nil, 0, &CondError{Msg: fmt.Sprintf("unparsable conditional sub-expression '%s'", text[in:]), Offset: in}
	}
	e.left = t
	in = skipBlanks(text, in)
	*pi = in
	if !strings.HasPrefix(text[in:], "&&") {
		return e, 1, nil
	}
	in = skipBlanks(text, in+2)
	right, ret, err := c.parseAnd(&in, depth-1)
	if err != nil {
		return nil, 0, err
	}
	e.right = right
	if ret > 0 {
		*pi = in
	}
	return e, ret, nil
}

// parseExpr is cfg_parse_cond_expr(): and-expressions joined by "||".
func (c *condEval) parseExpr(pi *int, depth int) (*condExpr, int, error) {
	text := c.text
	in := *pi
	if in >= len(text) {
		return nil, 0, nil
	}
	if depth <= 0 {
		return nil, 0, &CondError{Msg: fmt.Sprintf("unparsable conditional expression '%s'", text[in:]), Offset: in}
	}
	e := &condExpr{}
	a, ret, err := c.parseAnd(&in, depth-1)
	if err != nil {
		return nil, 0, err
	}
	if ret == 0 {
		return nil, 0, &CondError{Msg: fmt.Sprintf("unparsable conditional expression '%s'", text[in:]), Offset: in}
	}
	e.left = a
	in = skipBlanks(text, in)
	*pi = in
	if !strings.HasPrefix(text[in:], "||") {
		return e, 1, nil
	}
	in = skipBlanks(text, in+2)
	right, ret, err := c.parseExpr(&in, depth-1)
	if err != nil {
		return nil, 0, err
	}
	e.right = right
	if ret > 0 {
		*pi = in
	}
	return e, ret, nil
}

// evalExpr and evalAnd walk the chains left to right, stopping at the
// first true (||) or false (&&) operand, or at an error (-1).
func (c *condEval) evalExpr(e *condExpr) (int, error) {
	for {
		v, err := c.evalAnd(e.left)
		if err != nil || v != 0 || e.right == nil {
			return v, err
		}
		e = e.right
	}
}

func (c *condEval) evalAnd(e *condAnd) (int, error) {
	for {
		v, err := c.evalTerm(e.left)
		if err != nil || v <= 0 || e.right == nil {
			return v, err
		}
		e = e.right
	}
}

func (c *condEval) evalTerm(t *condTerm) (int, error) {
	var v int
	switch t.kind {
	case 'f':
		v = 0
	case 't':
		v = 1
	case '(':
		r, err := c.evalExpr(t.paren)
		if err != nil {
			return -1, err
		}
		v = r
	case 'p':
		r, err := c.evalPredicate(t.pred, t.args)
		if err != nil {
			return -1, err
		}
		v = r
	}
	if t.neg {
		v ^= 1
	}
	return v, nil
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

func (c *condEval) evalPredicate(p *condPredicate, args []string) (int, error) {
	switch p.name {
	case "defined":
		_, ok := c.lookup(args[0])
		return boolInt(ok && args[0] != ""), nil
	case "feature":
		if args[0] == "" {
			// 2.6.12's strstr() loop runs past the end of its feature
			// string for an empty name and answers true.
			return 1, nil
		}
		for _, f := range c.env.Features {
			if f == args[0] {
				return 1, nil
			}
		}
		return 0, nil
	case "streq":
		return boolInt(args[0] == args[1]), nil
	case "strneq":
		return boolInt(args[0] != args[1]), nil
	case "version_atleast":
		return boolInt(compareVersion(c.version(), args[0]) <= 0), nil
	case "version_before":
		return boolInt(compareVersion(c.version(), args[0]) > 0), nil
	case "openssl_version_atleast", "openssl_version_before":
		r := compareOpenSSLVersion(args[0])
		if r < -1 {
			// 2.6 sets no message here: -cc exits 2 silently and a
			// `.if` crashes the real binary (NULL message).
			return -1, &CondError{}
		}
		if p.name == "openssl_version_atleast" {
			return boolInt(r <= 0), nil
		}
		return boolInt(r > 0), nil
	case "ssllib_name_startswith":
		return boolInt(sslLibNameStartsWith(args[0])), nil
	}
	return -1, &CondError{Msg: fmt.Sprintf("internal error: unhandled conditional expression predicate '%s'", p.name)}
}

func (c *condEval) version() string {
	if c.env.Version == "" {
		return HAProxyVersion
	}
	return c.env.Version
}

// strtolBase0 reports what strtol(s+i, &end, 0) parses: whether the
// number is non-zero, where it ends, and false when no digit was read.
func strtolBase0(s string, i int) (nonZero bool, end int, ok bool) {
	for i < len(s) && isSpace(s[i]) {
		i++
	}
	if i < len(s) && (s[i] == '+' || s[i] == '-') {
		i++
	}
	digit := func(c byte, base int) bool {
		if v, ok := unhex(c); ok {
			return int(v) < base
		}
		return false
	}
	base := 10
	if i < len(s) && s[i] == '0' {
		if i+2 < len(s) && (s[i+1] == 'x' || s[i+1] == 'X') && digit(s[i+2], 16) {
			base = 16
			i += 2
		} else {
			base = 8
		}
	}
	start := i
	for i < len(s) && digit(s[i], base) {
		if s[i] != '0' {
			nonZero = true
		}
		i++
	}
	if i == start {
		return false, 0, false
	}
	return nonZero, i, true
}

// parseCondArgs is make_arg_list() for predicates whose arguments are
// all mandatory strings (src/arg.c): "(a,b)" with quotes and the
// backslash escapes \\ \' \" \<space> \r \n \t. It returns the arguments
// parsed so far, the index after the list, and HAProxy's message on
// error (where the index is the error pointer and len(args) the argument
// number HAProxy reports).
func parseCondArgs(text string, in, nargs int) ([]string, int, string) {
	// trash.size - 1 with the default bufsize of 16384
	const maxArg = 16383
	args := make([]string, 0, nargs)
	empty := in >= len(text) || text[in] != '('
	if !empty {
		in++
	}
	var b strings.Builder
	for len(args) < nargs {
		b.Reset()
		squote, dquote := false, false
		for !empty && in < len(text) && b.Len() < maxArg {
			ch := text[in]
			switch {
			case ch == '"' && !squote:
				dquote = !dquote
				in++
			case ch == '\'' && !dquote:
				squote = !squote
				in++
			case ch == '\\' && !squote:
				if in+1 >= len(text) {
					return args, in, fmt.Sprintf("failed to parse '%s' after '%s' as type 'string' at position %d", text[in:], b.String(), len(args)+1)
				}
				switch nx := text[in+1]; nx {
				case '\\', ' ', '"', '\'':
					b.WriteByte(nx)
					in++
				case 'r':
					b.WriteByte('\r')
					in++
				case 'n':
					b.WriteByte('\n')
					in++
				case 't':
					b.WriteByte('\t')
					in++
				default:
					b.WriteByte(ch)
				}
				in++
			case !squote && !dquote && (ch == ',' || ch == ')'):
				goto argDone
			default:
				b.WriteByte(ch)
				in++
			}
		}
	argDone:
		if !empty && in < len(text) && text[in] != ',' && text[in] != ')' {
			return args, in, fmt.Sprintf("too small buffer size to store decoded argument %d, increase bufsize ?", len(args)+1)
		}
		args = append(args, b.String())
		if empty || in >= len(text) || text[in] == ')' || len(args) >= nargs {
			break
		}
		in++ // the comma
	}
	if len(args) < nargs {
		return args, in, fmt.Sprintf("missing arguments (got %d/%d), type 'string' expected", len(args), nargs)
	}
	if empty {
		return args, in, ""
	}
	if in < len(text) && text[in] == ')' {
		return args, in + 1, ""
	}
	// HAProxy reports the argument before the one the stray text would
	// have opened.
	pos := len(args)
	if pos > 1 {
		args = args[:pos-1]
	}
	if in < len(text) {
		return args, in, fmt.Sprintf("expected ')' before '%s'", text[in:])
	}
	return args, in, "expected ')'"
}
