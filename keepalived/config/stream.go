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
// right after reporting it (the parser's anchor); the rest (the end of
// the input) is returned.
func attachDiags(items []item, rd parser.KeepalivedRead) (tail []*parser.Diagnostic) {
	at := 0
	for i, d := range rd.Diags {
		var a parser.Pos
		if i < len(rd.Anchors) {
			a = rd.Anchors[i]
		}
		j := at
		for a != (parser.Pos{}) && j < len(items) && items[j].pos != a {
			j++
		}
		if a == (parser.Pos{}) || j == len(items) {
			tail = append(tail, d)
			continue
		}
		items[j].diags = append(items[j].diags, d)
		at = j
	}
	return tail
}
