package parser

import "strings"

// kaMaxGenerated bounds the lines ~SEQ and ~LST may produce.
const kaMaxGenerated = 200000

// kaMaxExpanded bounds the lines multi-line definitions give for one line
// of a file or of a ~SEQ.
const kaMaxExpanded = 10000

// kaLine is one logical line: what read_line() hands to keepalived's
// keyword processing. Pos.Col is where the line starts in its physical
// line.
type kaLine struct {
	text string
	pos  Pos
}

// kaReader turns files into logical lines exactly as keepalived 2.2.7's
// read_line() does (see the dialect notes in keepalived.go).
type kaReader struct {
	opts     KeepalivedOptions
	configID string
	diags    Diagnostics

	stack []*kaFrame
	defs  kaDefs
	seqs  []*kaSeq
	// seqCount mirrors keepalived's seq_list_count, which a failed ~LST
	// decrements without having counted it (so it can wrap below zero);
	// seqDepth is the count when the multi-line expansion in progress
	// began: generators started since run first.
	seqCount int
	seqDepth int
	// generated counts lines made by generators, which keepalived does
	// not bound: ~SEQ(i, 1000000000) would read for ever.
	generated int
	ml        kaMultiline
	residue   *kaLine

	includeCheck kaIncludeFlags
	fileErr      bool
	blockDepth   int

	// expanded counts the lines multi-line definitions gave since the
	// last line of a file or of a ~SEQ.
	expanded int

	// scope follows the parent's keyword levels, for include_check.
	scope kaScope
	// anchors[i] is where the line read right after diags[i] starts.
	anchors []Pos

	// copy reads as keepalived's checker, VRRP and BFD processes do:
	// from the copy of the configuration the parent wrote, whose lines
	// are already cleaned of comments (see ParseKeepalivedCopy).
	copy bool
}

func newKAReader(opts KeepalivedOptions) *kaReader {
	r := &kaReader{opts: opts, configID: opts.ConfigID}
	if opts.IncludeCheckAll {
		r.includeCheck = kaIncR | kaIncM | kaIncW | kaIncB
	}
	if r.configID == "" {
		r.configID = KeepalivedConfigID()
	}
	r.defs.builtins(r)
	return r
}

// pos is where keepalived says a message is: the current file and line,
// or the includer's while an include pattern is being expanded.
func (r *kaReader) pos() Pos {
	n := len(r.stack)
	if n == 0 {
		return Pos{}
	}
	f := r.stack[n-1]
	if f.name == "" && n > 1 {
		f = r.stack[n-2]
	}
	return Pos{File: f.name, Line: f.line}
}

// dir is the directory keepalived would be in: the current file's.
func (r *kaReader) dir() string {
	for i := len(r.stack) - 1; i >= 0; i-- {
		if r.stack[i].name != "" {
			return r.stack[i].dir
		}
	}
	return ""
}

// next returns the next logical line, false at the end of the input.
func (r *kaReader) next() (kaLine, bool) {
	var def *kaDef // a multi-line definition being read
	for {
		line, ok := r.source(&def)
		if !ok {
			return kaLine{}, false
		}
		if def != nil {
			if !kaContinueDef(def, line.text) {
				def = nil
			}
			continue
		}
		if line.text == "" {
			continue
		}
		line = r.substitute(line, &def)
		if line.text == "" {
			continue
		}
		if typ, pattern, ok := kaIncludeType(line.text); ok {
			r.openGlob(pattern, typ)
			continue
		}
		return r.cut(line), true
	}
}

// source returns the next raw line: the rest of a line cut at a brace, a
// generator's next line, the next line of a multi-line definition, or the
// next non-blank line of the files.
func (r *kaReader) source(def **kaDef) (kaLine, bool) {
	if r.residue != nil {
		l := *r.residue
		r.residue = nil
		return l, true
	}
	if len(r.seqs) > 0 && uint(r.seqCount) > uint(r.seqDepth) {
		if r.generated++; r.generated > kaMaxGenerated {
			r.diags.Add(SevWarning, r.pos(), "~SEQ/~LST stopped after generating %d lines", kaMaxGenerated)
			r.seqs, r.seqCount, r.seqDepth = nil, 0, 0
			return r.source(def)
		}
		r.expanded = 0
		s := r.seqs[len(r.seqs)-1]
		text, done := s.emit(&r.defs)
		if done {
			r.seqs = r.seqs[:len(r.seqs)-1]
			r.seqCount--
		}
		return kaLine{text: text, pos: r.pos()}, true
	}
	if r.ml.active {
		// A definition that names itself expands for ever: keepalived
		// 2.2.7 never finishes reading such a file.
		if r.expanded++; r.expanded > kaMaxExpanded {
			r.diags.Add(SevWarning, r.pos(), "definitions stopped after expanding to %d lines: one refers to itself", kaMaxExpanded)
			r.ml = kaMultiline{}
			r.seqDepth = 0
			return r.source(def)
		}
		return kaLine{text: r.nextMultiline(), pos: r.pos()}, true
	}
	for len(r.stack) > 0 {
		f := r.stack[len(r.stack)-1]
		piece, ok := f.chunk()
		if !ok {
			r.endFile()
			continue
		}
		r.expanded = 0
		n := len(piece)
		if n > 0 && piece[n-1] == '\n' {
			f.line++
			n--
		}
		for n > 0 && (piece[n-1] == '\n' || piece[n-1] == '\r') {
			n--
		}
		if n == 0 {
			if *def != nil {
				kaEndDef(*def)
				*def = nil
			}
			continue
		}
		raw := piece[:n]
		text, open, quoted := kaDecomment(raw)
		if r.copy {
			// The parent wrote text to its copy (and reported its
			// quotes); this reading cleans that line once more.
			text, open, quoted = kaDecomment(text)
		}
		if open {
			r.diags.Add(SevWarning, r.pos(), "Unterminated quote '%s'", quoted)
		}
		if text == "" {
			continue
		}
		col := 1 + kaSkipBlanks(raw, 0)
		return kaLine{text: text, pos: Pos{File: f.name, Line: f.line, Col: col}}, true
	}
	return kaLine{}, false
}

// endFile closes the current file and opens the next match of its pattern,
// or returns to the includer (end_file, get_next_file).
func (r *kaReader) endFile() {
	f := r.stack[len(r.stack)-1]
	r.includeCheck = f.savedCheck
	f.data = nil
	if r.openNext(f) {
		return
	}
	if f.opened == 0 {
		r.diags.Add(SevDiag, Pos{}, "No config files matched '%s'.", f.pattern)
	}
	r.stack = r.stack[:len(r.stack)-1]
}

// substitute applies conditional lines, definitions, generators and
// substitutions to a line; "" means the line was consumed.
func (r *kaReader) substitute(line kaLine, def **kaDef) kaLine {
	// A definition that expands to itself ($X=$X) would be replaced
	// forever; after kaMaxRounds the line is taken as it stands.
	const kaMaxRounds = 64
	for round := 0; ; round++ {
		if round == kaMaxRounds {
			r.diags.Add(SevWarning, r.pos(), "Definitions still expand after %d rounds in '%s'", kaMaxRounds, line.text)
			return line
		}
		t := line.text
		if t != "" && t[0] == '@' {
			// @id keeps the line on the host whose config id is id,
			// @^id on every other one (keepalived.conf(5)).
			rev := len(t) > 1 && t[1] == '^'
			ofs := 1
			if rev {
				ofs = 2
			}
			sp := strings.IndexAny(t[ofs:], " \t")
			if sp < 0 {
				line.text = ""
				return line
			}
			if (t[ofs:ofs+sp] != r.configID) != rev {
				line.text = ""
				return line
			}
			rest := kaSkipBlanks(t, ofs+sp)
			line.pos.Col += rest
			t = t[rest:]
			line.text = t
		}
		if t != "" && t[0] == '$' {
			if d := r.defs.define(t); d != nil {
				if d.multiline {
					*def = d
				}
				line.text = ""
				return line
			}
		}
		if strings.HasPrefix(t, "~SEQ") {
			if !r.addSeq(t) {
				r.diags.Add(SevWarning, r.pos(), "Invalid ~SEQ specification '%s'", t)
			}
			line.text = ""
			return line
		}
		if strings.HasPrefix(t, "~LST") {
			if !r.addLst(t) {
				r.diags.Add(SevWarning, r.pos(), "Invalid ~LST specification '%s'", t)
			}
			line.text = ""
			return line
		}
		if t != "" && t[0] == '~' {
			return line
		}
		if !strings.Contains(t, "$") {
			return line
		}
		t, found := r.replace(t, kaMaxLine, &r.ml)
		if !found {
			line.text = t
			return line
		}
		text, open, quoted := kaDecomment(t)
		if open {
			r.diags.Add(SevWarning, r.pos(), "Unterminated quote '%s'", quoted)
		}
		line.text = text
		if !(text != "" && text[0] == '@') && !strings.Contains(text, "$") {
			return line
		}
	}
}

// cut splits a line at its first brace outside double quotes, keeping the
// rest for the next call, so that '{' and '}' always stand alone; and it
// counts braces.
func (r *kaReader) cut(line kaLine) kaLine {
	t := line.text
	at := -1
	if t[0] == '{' || t[0] == '}' {
		at = 0
	} else {
		for i := 0; i < len(t); i++ {
			if t[i] == '"' {
				j := strings.IndexByte(t[i+1:], '"')
				if j < 0 {
					break
				}
				i += j + 1
				continue
			}
			if t[i] == '{' || t[i] == '}' {
				at = i
				break
			}
		}
	}
	if at >= 0 {
		skip := 0
		if at == 0 {
			skip = kaSkipBlanks(t, 1)
		}
		if rest := strings.TrimRight(t[at+skip:], " \t"); rest != "" {
			r.residue = &kaLine{text: rest, pos: line.pos}
			r.residue.pos.Col += at + skip
			t = t[:at+skip]
		}
	}
	line.text = strings.TrimRight(t, " \t")
	switch line.text {
	case "{":
		r.blockDepth++
	case "}":
		r.blockDepth--
		if r.blockDepth < 0 {
			r.diags.Add(SevWarning, line.pos, "Extra '}' found")
			r.blockDepth = 0
		}
	}
	words, _ := kaWords(line.text)
	if len(words) > 0 {
		vals := make([]string, len(words))
		for i, w := range words {
			vals[i] = w.value
		}
		if r.scope.line(vals) {
			r.setIncludeCheck(vals)
		}
	}
	return line
}

// kaWord is one word of a logical line as alloc_strvec() splits it.
type kaWord struct {
	value  string
	raw    string
	offset int
	quoted bool
}

// kaWords splits a logical line into words: blanks separate words and a
// double quote starts a word that runs to the next double quote (no
// escapes). unmatched reports a quote left open; the words before it are
// kept.
func kaWords(s string) (words []kaWord, unmatched bool) {
	i := 0
	for {
		for i < len(s) && isKAWhite(s[i]) {
			i++
		}
		if i >= len(s) {
			return words, false
		}
		start := i
		if s[i] == '"' {
			j := strings.IndexByte(s[i+1:], '"')
			if j < 0 {
				return words, true
			}
			words = append(words, kaWord{value: s[i+1 : i+1+j], raw: s[i : i+j+2], offset: start, quoted: true})
			i += j + 2
			continue
		}
		for i < len(s) && !isKAWhite(s[i]) && s[i] != '"' {
			i++
		}
		words = append(words, kaWord{value: s[start:i], raw: s[start:i], offset: start})
	}
}
