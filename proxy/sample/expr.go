package sample

import (
	"fmt"
	"strings"
)

// Expr is a compiled sample expression: a fetch with its arguments and the
// converters applied to its output, in order (struct sample_expr).
type Expr struct {
	Fetch *Fetch
	Args  []Arg
	Convs []ConvExpr
	// Text is the expression as written, for messages and dumps.
	Text string
}

// ConvExpr is one converter applied in an expression.
type ConvExpr struct {
	Conv *Converter
	Args []Arg
}

// OutType is the type the expression produces (smp_expr_output_type).
func (e *Expr) OutType() Type {
	if n := len(e.Convs); n > 0 {
		return e.Convs[n-1].Conv.Out
	}
	return e.Fetch.Out
}

// String renders the expression as written.
func (e *Expr) String() string { return e.Text }

// IsIDChar is HAProxy's is_idchar(): the characters of fetch and converter
// names.
func IsIDChar(c byte) bool {
	return isAlnum(c) || c == '.' || c == '_' || c == '-' || c == '+'
}

// ParseExpr parses the sample expression that starts at words[idx], as
// HAProxy 2.6's sample_parse_expr does with an index: the fetch and its
// arguments, then converters separated by commas. A word that ends with a
// comma, or a following word naming a known converter, continues the
// expression (2.6 still accepts "hdr(host), lower"). It returns the
// expression and the index of the first word it did not consume.
func (c *Context) ParseExpr(words []string, idx int) (*Expr, int, error) {
	e, next, _, err := c.parse(words, idx, false)
	return e, next, err
}

// ParseExprPrefix parses an expression at the start of s and stops at the
// first byte that cannot continue it (sample_parse_expr with an end
// pointer, as log-format's %[...] uses it). It returns the expression and
// the offset where it stopped.
func (c *Context) ParseExprPrefix(s string) (*Expr, int, error) {
	e, _, end, err := c.parse([]string{s}, 0, true)
	return e, end, err
}

// parse implements both modes. In end mode, it returns the offset in
// words[0] where parsing stopped.
func (c *Context) parse(words []string, idx int, endMode bool) (*Expr, int, int, error) {
	word := func(i int) string {
		if i < len(words) {
			return words[i]
		}
		return ""
	}
	cur := word(idx)
	n := 0
	for n < len(cur) && IsIDChar(cur[n]) {
		n++
	}
	if n == 0 {
		return nil, idx, 0, errorf("missing fetch method")
	}
	fkw := cur[:n]
	f := c.Registry.Fetch(fkw)
	if f == nil {
		f = c.luaFetch(fkw)
	}
	if f == nil {
		return nil, idx, 0, errorf(fmt.Sprintf("unknown fetch method '%s'", fkw))
	}
	e := &Expr{Fetch: f}
	al, aerr := ParseArgs(cur[n:], f.Args)
	if aerr != nil {
		return nil, idx, 0, errorf(fmt.Sprintf("fetch method '%s' : %s", fkw, aerr.Msg))
	}
	e.Args = al.Args
	if al.Allocated && f.Validate != nil {
		if err := f.Validate(e.Args, c); err != nil {
			return nil, idx, 0, errorf(fmt.Sprintf("invalid args in fetch method '%s' : %s", fkw, err))
		}
	}
	c.record(e.Args, fkw, "")

	// Converters, from the end of the fetch's argument list.
	var text strings.Builder
	pos := n + al.End // offset in cur
	text.WriteString(cur[:pos])
	prev := f.Out
	ckw := ""
	for {
		if pos < len(cur) && cur[pos] != ',' {
			if endMode {
				break
			}
			if ckw != "" {
				return nil, idx, 0, errorf(fmt.Sprintf("missing comma after converter '%s'", ckw))
			}
			return nil, idx, 0, errorf(fmt.Sprintf("missing comma after fetch keyword '%s'", fkw))
		}
		for pos < len(cur) && cur[pos] == ',' {
			pos++
		}
		newWord := false
		if pos >= len(cur) && endMode {
			break
		}
		if pos >= len(cur) {
			idx++
			cur = word(idx)
			pos = 0
			if cur == "" {
				break
			}
			newWord = true
		}
		end := pos
		for end < len(cur) && IsIDChar(cur[end]) {
			end++
		}
		ckw = cur[pos:end]
		cv := c.Registry.Converter(ckw)
		if cv == nil {
			cv = c.luaConverter(ckw)
		}
		if cv == nil {
			if newWord {
				// An isolated keyword we do not know is not ours.
				break
			}
			return nil, idx, 0, errorf(fmt.Sprintf("unknown converter '%s'", ckw))
		}
		if !CanCast(prev, cv.In) {
			return nil, idx, 0, errorf(fmt.Sprintf("converter '%s' cannot be applied", ckw))
		}
		prev = cv.Out
		cal, aerr := ParseArgs(cur[end:], cv.Args)
		if aerr != nil {
			return nil, idx, 0, errorf(fmt.Sprintf("invalid arg %d in converter '%s' : %s", aerr.Pos+1, ckw, aerr.Msg))
		}
		if cv.Validate != nil {
			if err := cv.Validate(cal.Args, c); err != nil {
				return nil, idx, 0, errorf(fmt.Sprintf("invalid args in converter '%s' : %s", ckw, err))
			}
		}
		c.record(cal.Args, fkw, ckw)
		e.Convs = append(e.Convs, ConvExpr{Conv: cv, Args: cal.Args})
		text.WriteByte(',')
		text.WriteString(cur[pos : end+cal.End])
		pos = end + cal.End
	}
	e.Text = text.String()
	if endMode {
		return e, idx, pos, nil
	}
	return e, idx, 0, nil
}

// CheckVal is the check action parsers make after parsing an expression:
// the fetch must be usable at one of the points in where. kw is the word
// HAProxy names in the message.
func (e *Expr) CheckVal(where Point, kw string) error {
	if e.Fetch.Val&where != 0 {
		return nil
	}
	return errorf(fmt.Sprintf("fetch method '%s' extracts information from '%s', none of which is available here",
		kw, e.Fetch.Use.Names()))
}
