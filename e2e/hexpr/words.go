package hexpr

import "strings"

// splitWords splits a configuration line into words with haproxy.cfg's
// first level of quoting (configuration.txt §2.2): double quotes,
// single quotes and backslash escapes. It is enough for the test lines;
// the real tokenizer lives in package parser.
func splitWords(line string) []string {
	var words []string
	var b strings.Builder
	in := false
	var q byte
	for i := 0; i < len(line); i++ {
		c := line[i]
		switch {
		case q == 0 && c == '#':
			// an unquoted '#' starts a comment
			i = len(line)
			continue
		case q == 0 && (c == ' ' || c == '\t'):
			if in {
				words = append(words, b.String())
				b.Reset()
				in = false
			}
			continue
		case q == 0 && (c == '"' || c == '\''):
			q, in = c, true
			continue
		case q != 0 && c == q:
			q = 0
			continue
		case c == '\\' && q != '\'' && i+1 < len(line):
			// \\ \<space> \# \" \' are literal, \r \n \t control
			// characters; other pairs (e.g. \1) stay as written.
			i++
			switch n := line[i]; n {
			case '\\', ' ', '#', '"', '\'':
				b.WriteByte(n)
			case 'r':
				b.WriteByte('\r')
			case 'n':
				b.WriteByte('\n')
			case 't':
				b.WriteByte('\t')
			default:
				b.WriteByte('\\')
				b.WriteByte(n)
			}
		default:
			b.WriteByte(c)
		}
		in = true
	}
	if in {
		words = append(words, b.String())
	}
	return words
}
