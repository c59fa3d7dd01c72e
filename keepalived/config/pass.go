package config

import (
	"fmt"
	"strings"

	"hakeep/parser"
)

// pass is one of keepalived's readings of the configuration: the stream
// of lines handled with one keyword table (lib/parser.c process_stream).
type pass struct {
	*loader
	reading Reading
	next    int
	// pos is where keepalived is reading: the last line read, zero after
	// the end of the input.
	pos parser.Pos
	// level is kw_level: how many blocks deep the keyword tables are.
	level int
	// skip is skip_sublevel: >0 while skipping a block, -1 when the next
	// line may open the block to skip.
	skip int
	// path names the blocks being read, for keyword statuses.
	path []string
	// items are the lines this reading reads, tail what the parser
	// reported after the last one.
	items []item
	tail  []*parser.Diagnostic
}

// abortRead ends everything the way keepalived ends with exit(code).
type abortRead struct{ code int }

func newPass(l *loader, r Reading) *pass {
	p := &pass{loader: l, reading: r, items: l.parentItems, tail: l.parentTail}
	if r == ReadingChecker || r == ReadingVRRP || r == ReadingBFD {
		p.items, p.tail = l.copyItems, l.copyTail
	}
	return p
}

// report records a message at the current place (report_config_error).
func (p *pass) report(c Class, format string, args ...any) {
	p.add(Message{Class: c, Pos: p.pos, ShowFile: p.showFile(p.pos), Text: fmt.Sprintf(format, args...), Reading: p.reading})
}

// logf records what keepalived only logs (log_message).
func (p *pass) logf(format string, args ...any) {
	p.add(Message{Pos: p.pos, ShowFile: p.showFile(p.pos), Text: fmt.Sprintf(format, args...), Reading: p.reading, LogOnly: true})
}

// showFile says whether messages of this reading name the file: the
// parent names only included files (or all when -f matched several), the
// others read a copy that names every file.
func (p *pass) showFile(pos parser.Pos) bool {
	if pos.File == "" {
		return false
	}
	if p.reading == ReadingParent {
		return p.multiMain || !p.mainFiles[pos.File]
	}
	return true
}

// nextLine returns the next line of the stream, after reporting what the
// reader reported while reading it.
func (p *pass) nextLine() (*line, bool) {
	if p.next >= len(p.items) {
		p.pos = parser.Pos{}
		return nil, false
	}
	it := p.items[p.next]
	p.next++
	for _, d := range it.diags {
		p.parserDiag(d)
	}
	p.pos = it.pos
	p.pos.Col = 0
	return &line{words: it.words, pos: it.pos, raw: it.raw}, true
}

// parserDiag reports a diagnostic of hakeep/parser the way this reading
// of keepalived reports it (see the conventions in parser/keepalived.go).
func (p *pass) parserDiag(d *parser.Diagnostic) {
	m := Message{Pos: d.Pos, Text: d.Msg, Reading: p.reading}
	m.Pos.Col = 0
	m.ShowFile = p.showFile(m.Pos)
	switch d.Severity {
	case parser.SevAlert, parser.SevNotice, parser.SevDiag:
		// Include problems are met by the check of -f and the first
		// reading only; the others read a copy where the files are
		// already included.
		if p.reading != ReadingParent && p.reading != ReadingNone {
			return
		}
		switch d.Severity {
		case parser.SevAlert:
			m.Class = ClassFileNotFound
		case parser.SevDiag:
			m.LogOnly = true
		}
	default:
		switch {
		case strings.HasPrefix(d.Msg, "Unmatched quote"):
			m.Class = ClassUnmatchedQuote
		case strings.HasPrefix(d.Msg, "Extra '}'"):
			m.Class = ClassUnexpectedEOB
		case strings.HasPrefix(d.Msg, "There are "):
			m.Class = ClassMissingEOB
		default:
			m.Class = ClassGeneral
		}
	}
	p.add(m)
}

// run reads the whole stream with the root keywords kws.
func (p *pass) run(kws []*keyword) {
	p.stream(kws, false)
	for _, d := range p.tail {
		p.parserDiag(d)
	}
}

// stream handles lines with the keywords of one level until the end of
// the input or the '}' closing the level (process_stream). It reports
// whether it stopped because a skipped block ended the level.
func (p *pass) stream(kws []*keyword, needOpen bool) bool {
	for {
		l, ok := p.nextLine()
		if !ok {
			return false
		}
		first := l.words[0]
		if p.skip == -1 {
			if first == "{" {
				p.skip = 1
				needOpen = false
				continue
			}
			// A block refused before its '{' that has none: keepalived
			// reads its lines with the block's keywords anyway, their
			// handlers and then the close handler acting on the last
			// element of their list (the one before), or on a phantom
			// one when the list is empty (see phantom.go).
			p.skip = 0
		}
		if p.skip != 0 {
			last := first
			for _, w := range l.words {
				last = w
				if w == "{" {
					p.skip++
				} else if w == "}" {
					if p.skip--; p.skip == 0 {
						break
					}
				}
			}
			if last == "}" && p.skip == 0 && p.level > 0 {
				return true
			}
			continue
		}
		if needOpen {
			needOpen = false
			if first == "{" && p.level > 0 {
				continue
			}
			p.report(ClassMissingBOB, "Missing '{' at beginning of configuration block")
		} else if first == "{" {
			p.report(ClassUnexpectedBOB, "Unexpected '{' - ignoring")
			continue
		}
		if first == "}" && p.level > 0 {
			return false
		}
		kw := findKeyword(kws, first)
		if kw == nil {
			p.report(ClassUnknownKeyword, "Unknown keyword '%s'", first)
			continue
		}
		p.dispatch(kw, l)
	}
}

// dispatch runs a keyword's handler and reads its block, if it has one.
func (p *pass) dispatch(kw *keyword, l *line) {
	lastOpen := l.words[len(l.words)-1] == "{"
	if !kw.active {
		// Another process's keyword: skip its block.
		if lastOpen {
			p.skip = 1
		} else {
			p.skip = -1
		}
		return
	}
	needOpen := false
	if kw.sub != nil {
		if lastOpen {
			l.words = l.words[:len(l.words)-1]
		} else {
			needOpen = true
		}
	}
	p.path = append(p.path, kw.name)
	defer func() { p.path = p.path[:len(p.path)-1] }()
	p.noteStatus(kw, l)
	if kw.handler != nil {
		kw.handler(p, l)
	}
	if kw.sub == nil {
		return
	}
	p.level++
	skipped := p.stream(kw.sub, needOpen)
	p.level--
	if !skipped && kw.end != nil {
		kw.end(p)
	}
}

// skipBlock makes the reading skip the block of the keyword being handled
// (skip_block).
func (p *pass) skipBlock(needOpen bool) {
	if needOpen {
		p.skip = -1
	} else {
		p.skip = 1
	}
}

// valueBlock reads a block of values, handing each line's words to fn
// (alloc_value_block): "name {", values, "}" with braces anywhere
// keepalived accepts them.
func (p *pass) valueBlock(l *line, fn func(v *line)) {
	needOpen := true
	var first *line
	if l.n() > 1 {
		if l.words[1] == "{" {
			needOpen = false
			if l.n() > 2 {
				w := append([]string(nil), l.words[2:]...)
				first = &line{words: w, pos: l.pos, raw: l.raw}
			}
		} else {
			p.report(ClassGeneral, "Block %s has extra parameters %s ...", l.keyword(), l.words[1])
		}
	}
	closed := false
	if first != nil && first.words[len(first.words)-1] == "}" {
		first.words = first.words[:len(first.words)-1]
		closed = true
	}
	for {
		v := first
		first = nil
		if v == nil {
			var ok bool
			if v, ok = p.nextLine(); !ok {
				return
			}
			if needOpen {
				needOpen = false
				if v.words[0] == "{" {
					if len(v.words) == 1 {
						continue
					}
					v.words = v.words[1:]
				} else {
					p.logf("'{' missing from beginning of block %s", l.keyword())
				}
			}
			if v.words[len(v.words)-1] == "}" {
				if len(v.words) == 1 {
					return
				}
				closed = true
				v.words = v.words[:len(v.words)-1]
			}
		}
		if len(v.words) > 0 {
			fn(v)
		}
		if closed {
			return
		}
	}
}

// valueWords reads a block of values into one list of words
// (read_value_block); nil when the block is empty.
func (p *pass) valueWords(l *line) []string {
	var words []string
	p.valueBlock(l, func(v *line) { words = append(words, v.words...) })
	return words
}
