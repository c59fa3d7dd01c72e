package parser

import "bytes"

// FormatHAProxy prints directives back as haproxy.cfg text: section lines
// at the left margin, their lines indented, every word quoted only as
// much as configuration.txt section 2.2 requires for it to read back as
// the same value. Parsing the output yields the same names, values and
// sections (the result is one file: directives that came before any
// section of a later file would now belong to the section before them).
func FormatHAProxy(ds []*Directive) []byte {
	var b bytes.Buffer
	for i, d := range ds {
		if d.IsBlock() && i > 0 {
			b.WriteByte('\n')
		}
		formatHADirective(&b, d, 0)
	}
	return b.Bytes()
}

func formatHADirective(b *bytes.Buffer, d *Directive, depth int) {
	for i := 0; i < depth; i++ {
		b.WriteString("    ")
	}
	if d.Name == "" {
		// An empty first word ("\x00" in the file) is printed as it was
		// written: a `""` alone on a line is no word at all.
		b.WriteString(`\x00`)
	} else {
		b.WriteString(quoteHAWord(d.Name, true))
	}
	for i, a := range d.Args {
		b.WriteByte(' ')
		if a.Value == "" && i == len(d.Args)-1 {
			// A trailing "" is no word at all (parse_line drops an empty
			// last word); "\x00" is an empty word that still counts, as
			// the one being printed did.
			b.WriteString(`\x00`)
			continue
		}
		b.WriteString(quoteHAWord(a.Value, false))
	}
	b.WriteByte('\n')
	for _, c := range d.Children {
		formatHADirective(b, c, depth+1)
	}
}

// haBareSafe reports whether c stands for itself outside quotes.
func haBareSafe(c byte) bool {
	switch c {
	case ' ', '\t', '\n', '\v', '\f', '\r', '#', '"', '\'', '\\', 0:
		return false
	}
	return true
}

// quoteHAWord writes v bare when nothing in it is special, within strong
// quotes when they can hold it, and within weak quotes with escapes
// otherwise. A line's first word must also not look like a "[scope]".
func quoteHAWord(v string, first bool) string {
	bare, strong := v != "", true
	for i := 0; i < len(v); i++ {
		c := v[i]
		if !haBareSafe(c) {
			bare = false
		}
		if c == '\'' || c == '\n' || c == '\r' || c == 0 {
			strong = false
		}
	}
	if first && v != "" && v[0] == '[' {
		bare = false
	}
	switch {
	case v == "":
		return `""`
	case bare:
		return v
	case strong:
		return "'" + v + "'"
	}
	var b []byte
	b = append(b, '"')
	for i := 0; i < len(v); i++ {
		switch c := v[i]; c {
		case '\\', '"', '$':
			b = append(b, '\\', c)
		case '\n':
			b = append(b, '\\', 'n')
		case '\r':
			b = append(b, '\\', 'r')
		case 0:
			b = append(b, '\\', 'x', '0', '0')
		default:
			b = append(b, c)
		}
	}
	b = append(b, '"')
	return string(b)
}
