package config

import (
	"strconv"
	"strings"

	"hakeep/parser"
)

// kwMod is the "no"/"default" prefix of a line (readcfgfile() strips it and
// tells the section parser).
type kwMod uint8

const (
	kwmStd kwMod = iota
	kwmNo
	kwmDef
)

// line is one directive seen the way HAProxy's keyword parsers see it:
// args[0] is the keyword (after any "no"/"default" prefix) and reading past
// the last word yields "", like the NUL-terminated args[] array of 2.6.
type line struct {
	pos  parser.Pos
	args []string
	kwm  kwMod
	d    *parser.Directive
}

func newLine(d *parser.Directive) *line {
	return &line{pos: d.Pos, args: d.Words(), d: d}
}

// arg returns word i or "" past the end.
func (ln *line) arg(i int) string {
	if i < 0 || i >= len(ln.args) {
		return ""
	}
	return ln.args[i]
}

// nargs counts the words before the first empty one, the length HAProxy's
// loops over *args[i] see.
func (ln *line) nargs() int {
	for i, a := range ln.args {
		if a == "" {
			return i
		}
	}
	return len(ln.args)
}

// from returns the words from i up to the first empty one.
func (ln *line) from(i int) []string {
	n := ln.nargs()
	if i >= n {
		return nil
	}
	return ln.args[i:n]
}

// where renders the place as 2.6 does inside "parsing [%s:%d]".
func (ln *line) where() string { return where(ln.pos) }

func where(p parser.Pos) string {
	return "[" + p.File + ":" + strconv.Itoa(p.Line) + "]"
}

// joined is the words from i joined by spaces (descriptions).
func (ln *line) joined(i int) string { return strings.Join(ln.from(i), " ") }
