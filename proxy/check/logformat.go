package check

import (
	"fmt"
	"strings"
)

// logFormat is a log-format string in a check rule ("send-lf",
// "string-lf", "on-success", "uri-lf", header values, ...): literal text
// and "%[expr]" samples. A sample that finds nothing adds nothing, as
// 2.6's checks send it.
type logFormat struct {
	src   string
	nodes []lfNode
}

type lfNode struct {
	text string
	expr *sampleExpr
}

// parseLogFormat compiles s (configuration.txt section 8.2.4). Only
// "%[...]" and "%%" are meaningful in a check: the traffic variables
// ("%ci", "%T", ...) have no value there and render as "-".
func parseLogFormat(s string) (*logFormat, error) {
	f := &logFormat{src: s}
	var text strings.Builder
	flush := func() {
		if text.Len() > 0 {
			f.nodes = append(f.nodes, lfNode{text: text.String()})
			text.Reset()
		}
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c != '%' {
			text.WriteByte(c)
			continue
		}
		if i+1 < len(s) && s[i+1] == '%' {
			text.WriteByte('%')
			i++
			continue
		}
		j := i + 1
		if j < len(s) && s[j] == '{' {
			end := strings.IndexByte(s[j:], '}')
			if end < 0 {
				return nil, fmt.Errorf("missing '}' in '%s'", s)
			}
			j += end + 1
		}
		if j < len(s) && s[j] == '[' {
			end := closingBracket(s, j)
			if end < 0 {
				return nil, fmt.Errorf("missing ']' in '%s'", s)
			}
			e, err := parseSampleExpr(s[j+1 : end])
			if err != nil {
				return nil, fmt.Errorf("failed to parse sample expression <%s> : %w", s[j+1:end], err)
			}
			flush()
			f.nodes = append(f.nodes, lfNode{expr: e})
			i = end
			continue
		}
		// an alias variable: consume its name
		k := j
		for k < len(s) && (s[k] >= 'a' && s[k] <= 'z' || s[k] >= 'A' && s[k] <= 'Z' || s[k] == '_') {
			k++
		}
		if k == j {
			return nil, fmt.Errorf("unexpected character after '%%' in '%s'", s)
		}
		text.WriteByte('-')
		i = k - 1
	}
	flush()
	return f, nil
}

func closingBracket(s string, open int) int {
	depth := 0
	var quote byte
	for i := open; i < len(s); i++ {
		c := s[i]
		switch {
		case quote != 0:
			if c == quote {
				quote = 0
			}
		case c == '\'' || c == '"':
			quote = c
		case c == '[':
			depth++
		case c == ']':
			depth--
			if depth == 0 {
				return i
			}
		}
	}
	return -1
}

// build is sess_build_logline() for a check.
func (f *logFormat) build(env sampleEnv) []byte {
	if f == nil {
		return nil
	}
	var out []byte
	for _, n := range f.nodes {
		if n.expr == nil {
			out = append(out, n.text...)
			continue
		}
		out = append(out, n.expr.eval(env).bytes()...)
	}
	return out
}
