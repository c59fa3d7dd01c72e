package parser

import "strings"

// sanitizeForPrinting renders line the way sanitize_for_printing()
// (src/tools.c) does before HAProxy quotes a faulty line under its
// message: blanks become spaces, other unprintable bytes '?', and a line
// whose faulty byte pos lies beyond width is shifted to put it in the
// middle, with "..." on both ends. It returns the text and the caret's
// offset in it.
func sanitizeForPrinting(line string, pos, width int) (string, int) {
	var b strings.Builder
	in, limit, shift := 0, width, 0
	if pos >= width {
		shift = pos - width/2
		in = shift + 3
		limit = width - 3
		b.WriteString("...")
	}
	for b.Len() < limit && in < len(line) {
		c := line[in]
		switch {
		case isSpace(c):
			b.WriteByte(' ')
		case c >= 0x20 && c < 0x7f:
			b.WriteByte(c)
		default:
			b.WriteByte('?')
		}
		in++
	}
	if limit < width {
		b.WriteString("...")
	}
	return b.String(), pos - shift
}

// caretLine is the "%*s" HAProxy prints with "^" to point at offset.
func caretLine(offset int) string {
	return strings.Repeat(" ", offset) + "^"
}
