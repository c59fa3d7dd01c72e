// Package parser reads haproxy.cfg and keepalived.conf into one shared AST.
//
// The parser knows syntax only: sections and blocks, quoting and escaping,
// includes, environment and definition expansion, and conditional blocks.
// It never knows what a keyword means; the decoders in haproxy/config and
// keepalived/config do. Errors are collected and parsing goes on, as
// `haproxy -c` and `keepalived -t` do; rendering them in each tool's format
// is left to the binaries.
package parser

import (
	"strconv"
	"strings"
)

// Pos is a place in a configuration file. File is the name as the user gave
// it (or as an include resolved it), so messages quote the file the line is
// really in. Line and Col count from 1; Col counts bytes.
type Pos struct {
	File string
	Line int
	Col  int
}

// IsValid reports whether the position refers to a line.
func (p Pos) IsValid() bool { return p.Line > 0 }

// String renders file:line:col, dropping what is unknown.
func (p Pos) String() string {
	var b strings.Builder
	b.WriteString(p.File)
	if p.Line > 0 {
		if b.Len() > 0 {
			b.WriteByte(':')
		}
		b.WriteString(strconv.Itoa(p.Line))
		if p.Col > 0 {
			b.WriteByte(':')
			b.WriteString(strconv.Itoa(p.Col))
		}
	}
	if b.Len() == 0 {
		return "-"
	}
	return b.String()
}

// Quote says how an argument was written.
type Quote uint8

const (
	// Bare words have no quotes (they may still contain escapes).
	Bare Quote = iota
	// Double means the word was (at least partly) weakly quoted "...".
	Double
	// Single means the word was (at least partly) strongly quoted '...'.
	Single
	// Mixed means the word joined several quoting styles, e.g. "a"'b'c.
	Mixed
)

// Arg is one word of a directive after the name.
type Arg struct {
	Pos Pos
	// Value is the word once quotes, escapes and variables are resolved.
	Value string
	// Raw is the word exactly as written in the file.
	Raw   string
	Quote Quote
}

// Directive is one statement. A HAProxy section is a directive whose
// Children run to the next section keyword; a keepalived `{ }` block is a
// directive whose Children are the block's statements.
type Directive struct {
	// Pos is where the directive's name starts; EndPos where it ends (the
	// end of its line, or the closing brace of its block).
	Pos    Pos
	EndPos Pos
	// Name is the first word, resolved like an argument.
	Name string
	Args []Arg
	// Children is nil for a plain statement and non-nil (possibly empty)
	// for a section or a block.
	Children []*Directive
	// OpenPos is where a block's opening brace is: keepalived accepts it
	// on the keyword's line or on a later one, and reports some errors
	// there. Zero for plain statements and for HAProxy sections.
	OpenPos Pos
	// Raw is the source text of the directive's own line as written,
	// without the line terminator.
	Raw string
}

// IsBlock reports whether the directive opens a section or a block.
func (d *Directive) IsBlock() bool { return d.Children != nil }

// Words returns the name followed by the argument values, the shape most
// keyword handlers of the reference tools receive.
func (d *Directive) Words() []string {
	w := make([]string, 0, 1+len(d.Args))
	w = append(w, d.Name)
	for _, a := range d.Args {
		w = append(w, a.Value)
	}
	return w
}

// ArgValue returns the i-th argument's value, or "" if there is none.
func (d *Directive) ArgValue(i int) string {
	if i < 0 || i >= len(d.Args) {
		return ""
	}
	return d.Args[i].Value
}

// Walk calls fn for every directive in pre-order. If fn returns false the
// directive's children are skipped.
func Walk(ds []*Directive, fn func(*Directive) bool) {
	for _, d := range ds {
		if fn(d) {
			Walk(d.Children, fn)
		}
	}
}
