package check

import (
	"encoding/binary"
	"encoding/hex"
	"fmt"
	"strconv"
	"strings"
)

// valueKind is a sample's type, as far as checks need them.
type valueKind uint8

const (
	valNone valueKind = iota // the fetch found nothing
	valStr
	valBin
	valInt
)

// value is a sample (struct sample_data).
type value struct {
	kind valueKind
	b    []byte
	i    int64
}

func strValue(s string) value { return value{kind: valStr, b: []byte(s)} }
func intValue(i int64) value  { return value{kind: valInt, i: i} }

// bytes is the sample cast to a string (c_int2str and friends).
func (v value) bytes() []byte {
	if v.kind == valInt {
		return strconv.AppendInt(nil, v.i, 10)
	}
	return v.b
}

// int is the sample cast to an integer (c_str2int: leading digits).
func (v value) int() (int64, bool) {
	switch v.kind {
	case valInt:
		return v.i, true
	case valStr, valBin:
		s := string(v.b)
		end := 0
		if end < len(s) && (s[0] == '-' || s[0] == '+') {
			end++
		}
		for end < len(s) && s[end] >= '0' && s[end] <= '9' {
			end++
		}
		n, err := strconv.ParseInt(s[:end], 10, 64)
		return n, err == nil
	}
	return 0, false
}

// sampleExpr is a sample expression: a fetch and its converters (as in
// "res.payload(0,3)" or "var(check.header),hex").
type sampleExpr struct {
	fetch string
	args  []string
	convs []sampleConv
}

type sampleConv struct {
	name string
	args []string
}

// sampleEnv is what a check's fetches read: variables, the response
// buffer, the parsed HTTP response and the time.
type sampleEnv interface {
	variable(name string) (value, bool)
	payload() []byte
	httpResponse() *httpResponse
	unixNow() int64
}

// checkFetches are the fetches 2.6 allows in check rules that this
// package evaluates (SMP_VAL_BE_CHK_RUL).
var checkFetches = []string{"var", "str", "int", "bin", "bool", "date", "res.payload", "res.len",
	"res.hdr", "res.fhdr", "res.hdr_cnt", "status", "res.ver", "res.body", "res.body_len"}

// checkConvs are the converters evaluated.
var checkConvs = []string{"hex", "htonl", "cut_crlf", "ltrim", "rtrim", "lower", "upper", "bytes", "length"}

func known(list []string, name string) bool {
	for _, n := range list {
		if n == name {
			return true
		}
	}
	return false
}

// parseSampleExpr parses "fetch(args),conv(args),..." as written.
func parseSampleExpr(s string) (*sampleExpr, error) {
	parts, err := splitTop(s, ',')
	if err != nil {
		return nil, err
	}
	name, args, err := parseCall(parts[0])
	if err != nil {
		return nil, err
	}
	if !known(checkFetches, name) {
		return nil, fmt.Errorf("unknown fetch method '%s'", name)
	}
	e := &sampleExpr{fetch: name, args: args}
	for _, p := range parts[1:] {
		cn, ca, err := parseCall(p)
		if err != nil {
			return nil, err
		}
		if !known(checkConvs, cn) {
			return nil, fmt.Errorf("unknown conv method '%s'", cn)
		}
		e.convs = append(e.convs, sampleConv{cn, ca})
	}
	return e, nil
}

// splitTop splits s on sep outside parentheses and quotes.
func splitTop(s string, sep byte) ([]string, error) {
	var parts []string
	depth, start := 0, 0
	var quote byte
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case quote != 0:
			if c == '\\' && i+1 < len(s) {
				i++
			} else if c == quote {
				quote = 0
			}
		case c == '\'' || c == '"':
			quote = c
		case c == '(':
			depth++
		case c == ')':
			depth--
			if depth < 0 {
				return nil, fmt.Errorf("unbalanced parenthesis in '%s'", s)
			}
		case c == sep && depth == 0:
			parts = append(parts, s[start:i])
			start = i + 1
		}
	}
	if depth != 0 || quote != 0 {
		return nil, fmt.Errorf("missing closing ')' in '%s'", s)
	}
	return append(parts, s[start:]), nil
}

// parseCall splits "name(a,b)" into its name and unquoted arguments.
func parseCall(s string) (string, []string, error) {
	s = strings.TrimSpace(s)
	i := strings.IndexByte(s, '(')
	if i < 0 {
		if s == "" {
			return "", nil, fmt.Errorf("missing fetch method")
		}
		return s, nil, nil
	}
	if !strings.HasSuffix(s, ")") {
		return "", nil, fmt.Errorf("missing closing ')' after arguments to '%s'", s[:i])
	}
	inner := s[i+1 : len(s)-1]
	var args []string
	if inner != "" {
		raw, err := splitTop(inner, ',')
		if err != nil {
			return "", nil, err
		}
		for _, a := range raw {
			args = append(args, unquoteArg(a))
		}
	}
	return s[:i], args, nil
}

func unquoteArg(a string) string {
	if len(a) >= 2 && (a[0] == '\'' || a[0] == '"') && a[len(a)-1] == a[0] {
		var b strings.Builder
		for i := 1; i < len(a)-1; i++ {
			if a[i] == '\\' && i+1 < len(a)-1 {
				i++
			}
			b.WriteByte(a[i])
		}
		return b.String()
	}
	return a
}

func arg(args []string, i int) string {
	if i < len(args) {
		return args[i]
	}
	return ""
}

// eval runs the expression; valNone when the fetch finds nothing.
func (e *sampleExpr) eval(env sampleEnv) value {
	v := e.fetchValue(env)
	for _, c := range e.convs {
		if v.kind == valNone {
			return v
		}
		v = convert(c, v)
	}
	return v
}

func (e *sampleExpr) fetchValue(env sampleEnv) value {
	a := e.args
	switch e.fetch {
	case "var":
		if v, ok := env.variable(arg(a, 0)); ok {
			return v
		}
		if len(a) > 1 {
			return strValue(a[1])
		}
	case "str":
		return strValue(arg(a, 0))
	case "int":
		n, _ := strconv.ParseInt(arg(a, 0), 10, 64)
		return intValue(n)
	case "bool":
		n, _ := strconv.ParseInt(arg(a, 0), 10, 64)
		if n != 0 {
			n = 1
		}
		return intValue(n)
	case "bin":
		b, err := parseBinary(arg(a, 0))
		if err == nil {
			return value{kind: valBin, b: b}
		}
	case "date":
		off, _ := strconv.ParseInt(arg(a, 0), 10, 64)
		return intValue(env.unixNow() + off)
	case "res.payload":
		buf := env.payload()
		off, _ := strconv.Atoi(arg(a, 0))
		n, _ := strconv.Atoi(arg(a, 1))
		if n == 0 {
			n = len(buf) - off
		}
		if off < 0 || n < 0 || off+n > len(buf) {
			return value{}
		}
		return value{kind: valBin, b: append([]byte(nil), buf[off:off+n]...)}
	case "res.len":
		return intValue(int64(len(env.payload())))
	case "res.hdr", "res.fhdr", "res.hdr_cnt":
		r := env.httpResponse()
		if r == nil {
			return value{}
		}
		vals := r.values(arg(a, 0), e.fetch == "res.fhdr")
		if e.fetch == "res.hdr_cnt" {
			return intValue(int64(len(vals)))
		}
		if len(vals) == 0 {
			return value{}
		}
		occ := -1
		if len(a) > 1 {
			occ, _ = strconv.Atoi(a[1])
		}
		switch {
		case occ < 0 && -occ <= len(vals):
			return strValue(vals[len(vals)+occ])
		case occ > 0 && occ <= len(vals):
			return strValue(vals[occ-1])
		}
	case "status":
		if r := env.httpResponse(); r != nil {
			return intValue(int64(r.status))
		}
	case "res.ver":
		if r := env.httpResponse(); r != nil {
			return strValue(strings.TrimPrefix(r.version, "HTTP/"))
		}
	case "res.body":
		if r := env.httpResponse(); r != nil {
			return value{kind: valBin, b: r.body}
		}
	case "res.body_len":
		if r := env.httpResponse(); r != nil {
			return intValue(int64(len(r.body)))
		}
	}
	return value{}
}

// convert applies one converter (src/sample.c).
func convert(c sampleConv, v value) value {
	switch c.name {
	case "hex":
		return strValue(strings.ToUpper(hex.EncodeToString(v.bytes())))
	case "htonl":
		n, ok := v.int()
		if !ok {
			return value{}
		}
		var b [4]byte
		binary.BigEndian.PutUint32(b[:], uint32(n))
		return value{kind: valBin, b: b[:]}
	case "cut_crlf":
		b := v.bytes()
		for i, ch := range b {
			if ch == '\r' || ch == '\n' {
				b = b[:i]
				break
			}
		}
		return value{kind: valStr, b: b}
	case "ltrim":
		return value{kind: valStr, b: []byte(strings.TrimLeft(string(v.bytes()), arg(c.args, 0)))}
	case "rtrim":
		return value{kind: valStr, b: []byte(strings.TrimRight(string(v.bytes()), arg(c.args, 0)))}
	case "lower":
		return strValue(strings.ToLower(string(v.bytes())))
	case "upper":
		return strValue(strings.ToUpper(string(v.bytes())))
	case "length":
		return intValue(int64(len(v.bytes())))
	case "bytes":
		b := v.bytes()
		off, _ := strconv.Atoi(arg(c.args, 0))
		if off > len(b) {
			return value{}
		}
		b = b[off:]
		if len(c.args) > 1 {
			if n, _ := strconv.Atoi(c.args[1]); n < len(b) {
				b = b[:n]
			}
		}
		return value{kind: valBin, b: b}
	}
	return value{}
}

// parseBinary is parse_binary(): a string of hexadecimal digit pairs.
func parseBinary(s string) ([]byte, error) {
	if len(s)%2 != 0 {
		return nil, fmt.Errorf("an even number of hex digit is expected")
	}
	b, err := hex.DecodeString(s)
	if err != nil {
		for i := 0; i < len(s); i++ {
			if !isHex(s[i]) {
				return nil, fmt.Errorf("'%c' unexpected hex digit", s[i])
			}
		}
		return nil, err
	}
	return b, nil
}

func isHex(c byte) bool {
	return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F'
}
