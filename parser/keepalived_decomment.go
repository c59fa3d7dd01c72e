package parser

// kaDecomment cleans one physical line the way lib/parser.c decomment()
// does: leading blanks go, an unquoted '!' or '#' starts a comment, "\!"
// and "\#" outside quotes lose their backslash, trailing blanks go, and a
// final backslash (a continuation, which only definitions use) is kept
// right after the last word. unterminated reports a '"' left open; text is
// then the line as keepalived quotes it in its message.
func kaDecomment(line string) (out string, unterminated bool, text string) {
	i := 0
	for i < len(line) && (line[i] == ' ' || line[i] == '\t') {
		i++
	}
	b := []byte(line[i:])
	quote, cont := false, false
	skip := -1
	for p := 0; p < len(b); {
		switch b[p] {
		case '"':
			if skip < 0 {
				quote = !quote
			}
			p++
		case '\\':
			if p+1 >= len(b) {
				b = b[:p]
				cont = true
				p = len(b)
				continue
			}
			if !quote && (b[p+1] == '#' || b[p+1] == '!') {
				b = append(b[:p], b[p+1:]...)
				p++
			} else {
				p += 2
			}
		case '!', '#':
			if !quote && skip < 0 {
				skip = p
			}
			p++
		default:
			p++
		}
	}
	if quote {
		unterminated = true
		text = string(b)
	}
	if skip >= 0 && skip < len(b) {
		b = b[:skip]
	}
	for len(b) > 0 && (b[len(b)-1] == ' ' || b[len(b)-1] == '\t') {
		b = b[:len(b)-1]
	}
	if cont {
		b = append(b, '\\')
	}
	return string(b), unterminated, text
}

// kaWhite is lib/parser.c's WHITE_SPACE.
const kaWhite = " \t\f\n\r\v"

func isKAWhite(c byte) bool {
	switch c {
	case ' ', '\t', '\f', '\n', '\r', '\v':
		return true
	}
	return false
}

func kaIsBlank(c byte) bool { return c == ' ' || c == '\t' }

func kaIsAlpha(c byte) bool { return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }

func kaIsDigit(c byte) bool { return c >= '0' && c <= '9' }

func kaIsAlnum(c byte) bool { return kaIsAlpha(c) || kaIsDigit(c) }

// kaSkipBlanks returns the index of the first byte at or after i that is not
// a space or a tab (strspn(p, " \t")).
func kaSkipBlanks(s string, i int) int {
	for i < len(s) && kaIsBlank(s[i]) {
		i++
	}
	return i
}
