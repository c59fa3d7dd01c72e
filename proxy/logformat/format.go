package logformat

import (
	"fmt"
	"strings"

	"hakeep/proxy/sample"
)

// Kind is the kind of a format node.
type Kind uint8

const (
	Text      Kind = iota // literal text
	Separator             // a run of spaces, merged (log-format directives)
	Var                   // a %-variable
	Expr                  // a %[sample expression]
)

// Flags are the per-node options of a flag block (LOG_OPT_*).
type Flags uint8

const (
	Quote  Flags = 1 << iota // +Q: quote strings
	Hex                      // +X: hexadecimal numbers and addresses
	Escape                   // +E: escape '"', '\' and ']'
	// ReqCap and ResCap record that an expression's fetch can run on the
	// request, or on the response, where the format is evaluated.
	ReqCap
	ResCap
	// Mandatory (+M) writes "-" for an empty value; log-format,
	// log-format-sd and error-log-format set it on every node
	// (LOG_OPT_MANDATORY).
	Mandatory
)

// Node is one element of a compiled format.
type Node struct {
	Kind  Kind
	Text  string       // Text and Separator
	Alias Alias        // Var
	Expr  *sample.Expr // Expr
	Flags Flags
	// Arg is the flag block as written, without braces.
	Arg string
}

// Format is a compiled log-format string.
type Format struct {
	Nodes []Node
	// Source is the string as given.
	Source string
}

// Options say where a format string is parsed.
type Options struct {
	// HTTP is set when the proxy is in mode http: HTTP-only variables
	// are accepted.
	HTTP bool
	// L6Warn is LOG_OPT_HTTP, which header and redirect rules pass:
	// layer-6 fetches then draw a warning.
	L6Warn bool
	// MergeSpaces makes runs of spaces separators (log-format,
	// log-format-sd and unique-id-format).
	MergeSpaces bool
	// Cap is where the format is evaluated; a fetch must be usable at one
	// of these points (SMP_VAL_*).
	Cap sample.Point
	// Flags are every node's flags before its own block and %o
	// (Mandatory for log lines: cfgparse.c passes LOG_OPT_MANDATORY).
	Flags Flags
}

type state uint8

const (
	stInit state = iota
	stText
	stSeparator
	stStartVar
	stStartArg
	stEndArg
	stStartExpr
	stEndExpr
	stVar
	stEnd
)

func isAlpha(c byte) bool { return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }
func isDigit(c byte) bool { return c >= '0' && c <= '9' }
func isAlnum(c byte) bool { return isAlpha(c) || isDigit(c) }

// Parse compiles a format string as 2.6's parse_logformat_string does: a
// two-step state machine over the bytes, where %{...} is a flag block,
// %[ starts a sample expression that must end with ']', and %name a
// variable. The error text is 2.6's.
func Parse(fmtStr string, opts Options, c *sample.Context) (*Format, error) {
	f := &Format{Source: fmtStr}
	at := func(i int) byte {
		if i < len(fmtStr) {
			return fmtStr[i]
		}
		return 0
	}
	defFlags := opts.Flags
	sp := 0
	arg, argEnd := -1, -1
	varStart, varLen := -1, 0
	cf := stInit
	var pf state
	for i := 0; cf != stEnd; i++ {
		pf = cf
		ch := at(i)
		if ch == 0 {
			cf = stEnd
		}
		switch pf {
		case stStartVar:
			arg, argEnd, varStart, varLen = -1, -1, -1, 0
			switch {
			case ch == '{':
				cf, arg = stStartArg, i+1
			case ch == '[':
				cf, varStart = stStartExpr, i+1
			case isAlpha(ch):
				cf, varStart = stVar, i
			case ch == '%':
				cf = stText
			case isDigit(ch) || ch == ' ' || ch == '\t':
				return nil, fmt.Errorf("unexpected variable name near '%c' at position %d line : '%s'. Maybe you want to write a single '%%', use the syntax '%%%%'", ch, i, fmtStr)
			default:
				cf = stInit
			}
		case stStartArg:
			if ch == '}' {
				cf, argEnd = stEndArg, i
			}
		case stEndArg:
			switch {
			case ch == '[':
				cf, varStart = stStartExpr, i+1
			case isAlnum(ch):
				cf, varStart = stVar, i
			default:
				return nil, fmt.Errorf("parse argument modifier without variable name near '%%{%s}'", fmtStr[arg:argEnd])
			}
		case stStartExpr:
			end, err := f.addExpr(fmtStr[varStart:], flagArg(fmtStr, arg, argEnd), defFlags, opts, c)
			if err != nil {
				return nil, err
			}
			i = varStart + end
			ch = at(i)
			if ch != ']' {
				if ch >= 0x20 && ch < 0x7f {
					return nil, fmt.Errorf("expected ']' after '%s', but found '%c'", fmtStr[varStart:i], ch)
				}
				return nil, fmt.Errorf("missing ']' after '%s'", fmtStr[varStart:i])
			}
			cf, pf = stEndExpr, stEndExpr
			sp = i
		case stVar:
			varLen = i - varStart
			if !isAlnum(ch) {
				cf = stInit
			}
		default: // init, text, separator, end, end of expression
			cf = stInit
		}

		if cf == stInit {
			switch {
			case ch == '%':
				cf = stStartVar
			case ch == 0:
				cf = stEnd
			case ch == ' ' && opts.MergeSpaces:
				cf = stSeparator
			default:
				cf = stText
			}
		}

		if cf != pf || pf == stSeparator {
			switch pf {
			case stVar:
				if err := f.addVar(fmtStr[varStart:varStart+varLen], flagArg(fmtStr, arg, argEnd), &defFlags, opts); err != nil {
					return nil, err
				}
			case stText, stSeparator:
				f.addText(fmtStr[sp:i], pf == stSeparator)
			}
			sp = i
		}
	}
	switch pf {
	case stStartVar, stStartArg, stStartExpr:
		what := "%"
		if varStart >= 0 {
			what = fmtStr[varStart:]
		} else if arg >= 0 {
			what = fmtStr[arg:]
		}
		return nil, fmt.Errorf("truncated line after '%s'", what)
	}
	return f, nil
}

// flagArg returns the flag block's text, or "" when there is none.
func flagArg(s string, arg, end int) string {
	if arg < 0 || end < arg {
		return ""
	}
	return s[arg:end]
}

// addText appends literal text; a separator run becomes one separator.
func (f *Format) addText(s string, sep bool) {
	if sep {
		if n := len(f.Nodes); n > 0 && f.Nodes[n-1].Kind == Separator {
			return
		}
		f.Nodes = append(f.Nodes, Node{Kind: Separator, Text: " "})
		return
	}
	if s == "" {
		return
	}
	f.Nodes = append(f.Nodes, Node{Kind: Text, Text: s})
}

// applyFlags is parse_logformat_var_args: "+X" sets, "-X" clears, others
// are ignored.
func applyFlags(arg string, fl Flags) Flags {
	if arg == "" {
		return fl
	}
	for _, part := range strings.Split(arg, ",") {
		if len(part) < 2 || (part[0] != '+' && part[0] != '-') {
			continue
		}
		var bit Flags
		switch part[1:] {
		case "Q":
			bit = Quote
		case "X":
			bit = Hex
		case "E":
			bit = Escape
		case "M":
			bit = Mandatory
		default:
			continue
		}
		if part[0] == '+' {
			fl |= bit
		} else {
			fl &^= bit
		}
	}
	return fl
}

// addVar is parse_logformat_var.
func (f *Format) addVar(name, arg string, def *Flags, opts Options) error {
	if name == "o" {
		*def = applyFlags(arg, *def)
		return nil
	}
	a, info, ok := lookupAlias(name)
	if !ok {
		return fmt.Errorf("no such format variable '%s'. If you wanted to emit the '%%' character verbatim, you need to use '%%%%'", name)
	}
	if info.http && !opts.HTTP {
		return fmt.Errorf("format variable '%s' is reserved for HTTP mode", name)
	}
	f.Nodes = append(f.Nodes, Node{Kind: Var, Alias: a, Flags: applyFlags(arg, *def), Arg: arg})
	return nil
}

// addExpr is add_sample_to_logformat_list: it parses the expression at
// the start of text and returns where it stopped.
func (f *Format) addExpr(text, arg string, def Flags, opts Options, c *sample.Context) (int, error) {
	e, end, err := c.ParseExprPrefix(text)
	if err != nil {
		return 0, fmt.Errorf("failed to parse sample expression <%s> : %s", text, err)
	}
	fl := applyFlags(arg, def)
	if e.Fetch.Val&opts.Cap&requestPoints != 0 {
		fl |= ReqCap
	}
	if e.Fetch.Val&opts.Cap&responsePoints != 0 {
		fl |= ResCap
	}
	if e.Fetch.Val&opts.Cap == 0 {
		return 0, fmt.Errorf("sample fetch <%s> may not be reliably used here because it needs '%s' which is not available here",
			text, e.Fetch.Use.Names())
	}
	if opts.L6Warn && e.Fetch.Use&(sample.UseL6Req|sample.UseL6Res) != 0 && c.Warn != nil {
		c.Warn(&sample.Error{Warning: true, Msg: fmt.Sprintf("L6 sample fetch <%s> ignored in HTTP mode.", text)})
	}
	f.Nodes = append(f.Nodes, Node{Kind: Expr, Expr: e, Flags: fl, Arg: arg})
	return end, nil
}

// The request and response check points (SMP_VAL_REQUEST, SMP_VAL_RESPONSE).
const (
	requestPoints = sample.FeConAcc | sample.FeSesAcc | sample.FeReqCnt | sample.FeHrqHdr |
		sample.FeHrqBdy | sample.FeSetBck | sample.BeReqCnt | sample.BeHrqHdr | sample.BeHrqBdy |
		sample.BeSetSrv | sample.BeChkRul
	responsePoints = sample.BeResCnt | sample.BeHrsHdr | sample.BeHrsBdy | sample.BeStoRul |
		sample.FeResCnt | sample.FeHrsHdr | sample.FeHrsBdy | sample.BeChkRul
)

// String renders the format back (for dumps).
func (f *Format) String() string { return f.Source }

// IsEmpty reports whether the format produces nothing.
func (f *Format) IsEmpty() bool { return len(f.Nodes) == 0 }
