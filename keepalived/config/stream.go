package config

import "hakeep/parser"

// item is one logical line as keepalived's keyword processing receives it
// (a strvec): its words, where it is, and the line text handlers may
// re-read. A block's braces are items of their own, "{" and "}".
type item struct {
	words []string
	pos   parser.Pos
	raw   string
	// diags are the parser's messages keepalived prints while reading
	// this line, before handling it.
	diags []*parser.Diagnostic
}

// flatten turns directives back into keepalived's stream of lines: a block
// directive is its line, then "{", its children and "}" (absent when the
// file ended first). keepalived decides from its keyword tables, not from
// braces, what a "{" belongs to, so the passes work on this stream.
func flatten(ds []*parser.Directive) []item {
	var out []item
	var walk func([]*parser.Directive)
	walk = func(ds []*parser.Directive) {
		for _, d := range ds {
			switch {
			case d.IsBlock() && d.Name == "{" && len(d.Args) == 0 && d.Raw == "{":
				out = append(out, item{words: []string{"{"}, pos: d.OpenPos, raw: "{"})
			default:
				out = append(out, item{words: d.Words(), pos: d.Pos, raw: d.Raw})
				if !d.IsBlock() {
					continue
				}
				out = append(out, item{words: []string{"{"}, pos: d.OpenPos, raw: "{"})
			}
			walk(d.Children)
			if d.EndPos != (parser.Pos{}) {
				out = append(out, item{words: []string{"}"}, pos: d.EndPos, raw: "}"})
			}
		}
	}
	walk(ds)
	return out
}

// attachDiags hands each parser diagnostic to the line keepalived reads
// right after reporting it; the rest (the end of the input) is returned.
// Diagnostics and lines are both in reading order; a diagnostic belongs
// before the first later line of its own file, or before the line that
// enters or leaves its file.
func attachDiags(items []item, diags parser.Diagnostics) (tail []*parser.Diagnostic) {
	d := 0
	for i := range items {
		for d < len(diags) {
			dg := diags[d]
			if dg.Pos == (parser.Pos{}) {
				// Only what keepalived logs can come without a
				// place in the middle of the input; before the
				// first line, the complaints about the -f pattern
				// (file errors). The rest is about the end.
				before := i == 0 && (dg.Severity == parser.SevNotice || dg.Severity == parser.SevAlert)
				if dg.Severity != parser.SevDiag && !before {
					break
				}
				items[i].diags = append(items[i].diags, dg)
				d++
				continue
			}
			// keepalived splits a line at its braces and reads the
			// parts in turn: a complaint about one part comes before
			// it, after the parts to its left.
			ip := items[i].pos
			same := dg.Pos.File == ip.File && (ip.Line > dg.Pos.Line || ip.Line == dg.Pos.Line && ip.Col >= dg.Pos.Col)
			boundary := i > 0 && items[i-1].pos.File == dg.Pos.File &&
				items[i-1].pos.Line <= dg.Pos.Line && items[i].pos.File != dg.Pos.File
			if !same && !boundary {
				break
			}
			items[i].diags = append(items[i].diags, dg)
			d++
		}
	}
	return diags[d:]
}
