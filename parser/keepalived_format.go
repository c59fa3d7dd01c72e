package parser

import (
	"bytes"
	"strings"
)

// FormatKeepalived prints directives back as keepalived.conf text that
// parses to the same directives: one statement per line, blocks indented
// by four spaces with the '{' on the keyword's line, words quoted when
// keepalived would otherwise read them differently. Comments, definitions
// and includes are not kept: they were applied when the file was read.
func FormatKeepalived(ds []*Directive) []byte {
	var b bytes.Buffer
	kaFormat(&b, ds, 0)
	return b.Bytes()
}

func kaFormat(b *bytes.Buffer, ds []*Directive, depth int) {
	indent := strings.Repeat("    ", depth)
	for _, d := range ds {
		b.WriteString(indent)
		switch {
		case d.IsBlock() && d.Name == "{" && len(d.Args) == 0:
			b.WriteString("{")
		case !d.IsBlock() && d.Name == "}" && len(d.Args) == 0:
			b.WriteString("}\n")
			continue
		default:
			b.WriteString(kaQuoteWord(d.Name, true))
			for _, a := range d.Args {
				b.WriteByte(' ')
				b.WriteString(kaQuoteWord(a.Value, false))
			}
			if d.IsBlock() {
				b.WriteString(" {")
			}
		}
		b.WriteByte('\n')
		if !d.IsBlock() {
			continue
		}
		kaFormat(b, d.Children, depth+1)
		if d.EndPos != (Pos{}) {
			b.WriteString(indent)
			b.WriteString("}\n")
		}
	}
}

// kaQuoteWord double-quotes a word that keepalived would not read back as
// one bare word: blanks, comment and brace characters, '$' (definitions
// apply inside quotes too, so a literal '$' only survives when nothing is
// defined by its name) and, for the first word of a line, what would make
// the line a definition, a condition, a generator or an include.
func kaQuoteWord(w string, first bool) string {
	need := w == ""
	for i := 0; i < len(w) && !need; i++ {
		switch c := w[i]; {
		case isKAWhite(c), c == '#', c == '!', c == '{', c == '}', c == '"', c == '\\':
			need = true
		}
	}
	if first && w != "" && (w[0] == '@' || w[0] == '$' || w[0] == '~' || strings.HasPrefix(w, "include")) {
		need = true
	}
	if !need {
		return w
	}
	return `"` + w + `"`
}
