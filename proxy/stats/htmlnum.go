package stats

import "strconv"

// u2h is 2.6's U2H(): a number for the page, the digit before each
// group of three wrapped in a letter-spaced span so that thousands show
// apart ("4000" reads <span class="rls">4</span>000).
func u2h(v uint64) string {
	s := strconv.FormatUint(v, 10)
	if len(s) < 4 {
		return s
	}
	var b []byte
	for i := 0; i < len(s); i++ {
		if rest := len(s) - i - 1; rest > 0 && rest%3 == 0 {
			b = append(b, `<span class="rls">`...)
			b = append(b, s[i])
			b = append(b, "</span>"...)
			continue
		}
		b = append(b, s[i])
	}
	return string(b)
}

// lim2a is LIM2A(): a limit, or the placeholder when there is none.
func lim2a(v uint64, none string) string {
	if v == 0 {
		return none
	}
	return strconv.FormatUint(v, 10)
}

// pct is 100*a/b, 0 when b is 0.
func pct(a, b uint64) int {
	if b == 0 {
		return 0
	}
	return int(100 * a / b)
}

// htmlEscape is chunk_htmlencode(): the characters HTML gives a meaning.
func htmlEscape(s string) string {
	var b []byte
	for i := 0; i < len(s); i++ {
		switch c := s[i]; c {
		case '&':
			b = append(b, "&amp;"...)
		case '<':
			b = append(b, "&lt;"...)
		case '>':
			b = append(b, "&gt;"...)
		case '"':
			b = append(b, "&quot;"...)
		case '\'':
			b = append(b, "&#39;"...)
		default:
			b = append(b, c)
		}
	}
	return string(b)
}
