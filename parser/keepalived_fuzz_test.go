package parser

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// FuzzParseKeepalived checks that no input makes the keepalived reader
// panic or loop, and that formatting what was parsed reads back to the
// same directives.
func FuzzParseKeepalived(f *testing.F) {
	seeds, _ := filepath.Glob(filepath.Join(kaTestdata, "*.conf"))
	for _, s := range seeds {
		if b, err := os.ReadFile(s); err == nil {
			f.Add(b)
		}
	}
	f.Add([]byte("a {\n b { c }\n}\n}\n{ d\n"))
	f.Add([]byte("$X=1 \\\n 2\n$X\n~SEQ(i,3) w $i\n"))
	opts := KeepalivedOptions{
		ConfigID: "lb1",
		// Includes resolve to nothing: the fuzzer must not read the disk.
		ReadFile: func(string) ([]byte, error) { return nil, os.ErrNotExist },
		Glob:     func(string) ([]string, error) { return nil, nil },
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		ds, _ := ParseKeepalivedSource("fuzz.conf", src, opts)
		if !kaFormattable(ds) {
			return
		}
		out := FormatKeepalived(ds)
		again, diags := ParseKeepalivedSource("fuzz.conf", out, opts)
		if got, want := kaShape(again), kaShape(ds); got != want {
			t.Fatalf("format then parse changed the directives\n--- input\n%q\n--- formatted\n%s\n--- reparsed\n%s--- parsed\n%s%v", src, out, got, want, diags)
		}
	})
}

// kaFormattable rules out what keepalived's syntax cannot spell back: a
// '$' that a built-in definition would expand, a word both ending in '\'
// and needing quotes, and lines longer than keepalived's buffer.
func kaFormattable(ds []*Directive) bool {
	ok := true
	Walk(ds, func(d *Directive) bool {
		for _, w := range d.Words() {
			if strings.Contains(w, "$") || len(w) > 200 || (strings.HasSuffix(w, "\\") && kaQuoteWord(w, false) != w) {
				ok = false
			}
		}
		if len(d.Args) > 4 {
			ok = false
		}
		return ok
	})
	return ok
}

// kaShape renders the names, values and nesting of directives, without
// positions.
func kaShape(ds []*Directive) string {
	var b strings.Builder
	var walk func([]*Directive, string)
	walk = func(ds []*Directive, indent string) {
		for _, d := range ds {
			b.WriteString(indent)
			b.WriteString(strings.Join(d.Words(), "\x00"))
			if d.IsBlock() {
				b.WriteString(" {")
				if d.EndPos == (Pos{}) {
					b.WriteString(" unclosed")
				}
				b.WriteByte('\n')
				walk(d.Children, indent+"  ")
				continue
			}
			b.WriteByte('\n')
		}
	}
	walk(ds, "")
	return b.String()
}
