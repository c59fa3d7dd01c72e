package parser

import (
	"fmt"
	"strings"
)

// This file is the line loop of readcfgfile() (src/cfgparse.c, HAProxy
// 2.6): it cuts a file into lines exactly as its fgets() loop does, skips
// blanks, scope lines and empty lines, runs the conditional blocks and
// the message directives of configuration.txt section 2.4, and keeps the
// keyword lines for the grammar. Every message is 2.6's own text.

// haSections are the section keywords HAProxy 2.6 registers with
// cfg_register_section() (cfgparse.c, cfgparse-global.c, cache.c,
// fcgi-app.c, http_htx.c, log.c, mworker-prog.c, namespace.c for the
// USE_NS build Debian ships, peers, resolvers, ring, userlist, mailers).
// Checked one by one against Debian's haproxy 2.6.12: "crt-store",
// "traces" and "acme" are newer and rejected there.
var haSections = [...]string{
	"global", "defaults", "frontend", "backend", "listen", "userlist",
	"peers", "resolvers", "mailers", "http-errors", "cache", "ring",
	"program", "fcgi-app", "log-forward", "namespace_list",
}

// IsHAProxySection reports whether word starts a section in HAProxy 2.6.
func IsHAProxySection(word string) bool {
	for _, s := range haSections {
		if s == word {
			return true
		}
	}
	return false
}

const (
	haLineSize      = 256 // LINESIZE: initial fgets() buffer, doubled as needed
	haMaxNestedCond = 100 // MAXNESTEDCONDS
	haMaxFatal      = 50  // readcfgfile() gives up after 50 fatal errors
)

// nested_cond_state of readcfgfile().
type condState uint8

const (
	condIfTake condState = iota
	condIfDrop
	condIfSkip
	condElifTake
	condElifDrop
	condElifSkip
	condElseTake
	condElseDrop
)

func (s condState) masked() bool {
	switch s {
	case condIfDrop, condIfSkip, condElifDrop, condElifSkip, condElseDrop:
		return true
	}
	return false
}

// haLine is one keyword line kept for the grammar.
type haLine struct {
	num     int
	raw     string
	words   []Arg
	section bool
}

// haReader reads one file. Its results are lines and diags.
type haReader struct {
	file  string
	src   string
	opts  *HAProxyOptions
	split *wordSplitter
	args  *argSlab

	lines []haLine
	diags Diagnostics
	// aborted is ERR_ABORT: HAProxy reads no further file and runs no
	// end-of-configuration check.
	aborted bool
	// stop ends the line loop ("break" in readcfgfile()); skipEnd also
	// skips the end-of-file checks ("goto err").
	stop, skipEnd bool

	env          lineEnv
	conds        [haMaxNestedCond]condState
	condLevel    int
	fatal        int
	inSection    bool
	nonGlobal    bool
	pendingAbort bool // a scope error aborts at the next keyword line
}

// argSlab hands out Args from large blocks so that a big configuration
// does not allocate one slice per line.
type argSlab struct{ buf []Arg }

func (s *argSlab) take(n int) []Arg {
	if len(s.buf) < n {
		size := 4096
		if n > size {
			size = n
		}
		s.buf = make([]Arg, size)
	}
	a := s.buf[:n:n]
	s.buf = s.buf[n:]
	return a
}

func (r *haReader) add(sev Severity, line, col int, msg string) *Diagnostic {
	d := &Diagnostic{Severity: sev, Pos: Pos{File: r.file, Line: line, Col: col}, Msg: msg}
	r.diags = append(r.diags, d)
	return d
}

// abort reports an error after which readcfgfile() jumps to its exit
// ("goto err") with ERR_ABORT set.
func (r *haReader) abort(line, col int, msg string) {
	r.abortAfter(line, col, msg)
	r.skipEnd = true
}

// abortAfter reports an error after which readcfgfile() leaves its line
// loop ("break") with ERR_ABORT set: the end-of-file checks still run.
func (r *haReader) abortAfter(line, col int, msg string) {
	d := r.add(SevAlert, line, col, msg)
	d.Abort = true
	r.aborted = true
	r.stop = true
}

// read runs the fgets() loop of readcfgfile() over the whole source.
func (r *haReader) read() {
	src := r.src
	pos := 0
	lineStart := 0
	linesize := haLineSize
	readbytes := 0
	missingLF := -1
	linenum := 0
	for !r.stop {
		if pos >= len(src) {
			if readbytes == 0 {
				break
			}
			// A last line without LF that filled the buffer exactly:
			// Debian's 2.6.12 still reads it (checked with 255 bytes).
			linenum++
			r.env.line = linenum
			missingLF = len(src) - lineStart
			r.line(linenum, src[lineStart:])
			break
		}
		// fgets(thisline + readbytes, linesize - readbytes, f)
		max := linesize - 1 - readbytes
		n := strings.IndexByte(src[pos:], '\n') + 1
		if n == 0 || n > max {
			n = min(max, len(src)-pos)
		}
		pos += n
		if missingLF >= 0 {
			r.add(SevAlert, linenum, 0, fmt.Sprintf("Stray NUL character at position %d.", missingLF+1))
			missingLF = -1
			break
		}
		linenum++
		r.env.line = linenum
		if r.fatal >= haMaxFatal {
			r.add(SevAlert, linenum, 0, fmt.Sprintf("too many fatal errors (%d), stopping now.", r.fatal))
			break
		}
		buf := src[lineStart:pos]
		length := strings.IndexByte(buf, 0)
		if length < 0 {
			length = len(buf)
		}
		if length == linesize-1 && buf[length-1] != '\n' {
			// the line goes on: grow the buffer and read the rest
			readbytes = linesize - 1
			linesize *= 2
			linenum--
			continue
		}
		readbytes = 0
		lineStart = pos
		var content string
		if length > 0 && buf[length-1] == '\n' {
			content = buf[:length-1]
		} else {
			missingLF = length
			content = buf[:length]
		}
		r.line(linenum, content)
	}
	if r.skipEnd {
		return
	}
	if missingLF >= 0 {
		r.add(SevAlert, linenum, 0, fmt.Sprintf("Missing LF on last line, file might have been truncated at position %d.", missingLF+1))
	}
	if r.condLevel > 0 {
		r.abort(linenum, 0, "non-terminated '.if' block.")
	}
}

// line handles one line of the file (content has no LF).
func (r *haReader) line(num int, content string) {
	from := 0
	for from < len(content) && isSpace(content[from]) {
		from++
	}
	if from < len(content) && content[from] == '[' {
		r.scope(num, content, from)
		return
	}
	s := r.split
	s.split(content, from, &r.env)
	if s.err != lineOK {
		r.lineError(num, content, from)
		return
	}
	if s.tooMany {
		w := s.words[haMaxLineArgs-1]
		r.add(SevAlert, num, from+1, fmt.Sprintf("too many words, truncating after word %d, position %d: <%s>.",
			haMaxLineArgs, w.start+1, cString(s.out[w.start:])))
		r.fatal++
		return
	}
	if s.count == 0 || s.words[0].end == s.words[0].start {
		return // empty line, or an empty first word
	}
	dotted := s.out[s.words[0].start] == '.'
	if dotted {
		if r.condDirective(num, from+1, cString(s.out[s.words[0].start:s.words[0].end])) {
			return
		}
	}
	if r.condLevel > 0 && r.conds[r.condLevel].masked() {
		return
	}
	if dotted {
		r.messageDirective(num, cString(s.out[s.words[0].start:s.words[0].end]), from)
		return
	}
	r.keep(num, content, from)
}

// cString is a C string view of b: it stops at the first NUL.
func cString(b []byte) string {
	for i, c := range b {
		if c == 0 {
			return string(b[:i])
		}
	}
	return string(b)
}

// lineError reports parse_line()'s hard errors with the line quoted and
// a caret under the faulty byte, as readcfgfile() prints them.
func (r *haReader) lineError(num int, content string, from int) {
	s := r.split
	var what string
	switch s.err {
	case lineErrQuote:
		what = "unmatched quote"
	case lineErrBrace:
		what = "unmatched brace in environment variable name"
	case lineErrVarName:
		what = "forbidden first char in environment variable name"
	case lineErrHex:
		what = "truncated or invalid hexadecimal sequence"
	case lineErrExpand:
		what = "truncated or invalid word expansion sequence"
	}
	shown := content
	if s.cut >= 0 {
		shown = content[:s.cut]
	}
	text, caret := sanitizeForPrinting(shown[from:], s.errPos-from, 80)
	r.add(SevAlert, num, s.errPos+1, fmt.Sprintf("%s at position %d:\n  %s\n  %s", what, s.errPos+1, text, caretLine(caret)))
	r.fatal++
}

// scope checks a "[name]" line (cfg_parse_scope()); it takes no part in
// the AST.
func (r *haReader) scope(num int, content string, from int) {
	rest := content[from+1:]
	end := strings.IndexByte(rest, ']')
	if end <= 0 {
		r.add(SevAlert, num, from+1, "empty scope name is forbidden.")
		return
	}
	name := rest[:end]
	if i := invalidNameChar(name); i >= 0 {
		r.add(SevAlert, num, from+2+i, fmt.Sprintf("character '%c' is not permitted in a scope name.", name[i])).Abort = true
		r.aborted, r.pendingAbort = true, true
		return
	}
	after := rest[end+1:]
	i := 0
	for i < len(after) && isSpace(after[i]) {
		i++
	}
	if i < len(after) && after[i] != '#' && after[i] != '\n' && after[i] != '\r' {
		r.add(SevAlert, num, from+end+3+i, fmt.Sprintf("character '%c' is not permitted after scope declaration.", after[i])).Abort = true
		r.aborted, r.pendingAbort = true, true
	}
}

// invalidNameChar is invalid_char(): names may hold letters, digits and
// ".-_:".
func invalidNameChar(s string) int {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !isAlnum(c) && c != '.' && c != '-' && c != '_' && c != ':' {
			return i
		}
	}
	return -1
}

// condExprText rebuilds what readcfgfile() hands to cfg_eval_condition():
// every word after the directive joined by single spaces, including the
// empty word a trailing blank leaves.
func (r *haReader) condExprText() string {
	s := r.split
	if len(s.words) < 2 {
		return ""
	}
	b := []byte(string(s.out[s.words[1].start : len(s.out)-1]))
	for i, c := range b {
		if c == 0 {
			b[i] = ' '
		}
	}
	return string(b)
}

// condDirective handles .if/.elif/.else/.endif; it reports false for
// any other dotted word.
func (r *haReader) condDirective(num, col int, first string) bool {
	s := r.split
	second := ""
	if s.count > 1 {
		second = cString(s.out[s.words[1].start:s.words[1].end])
	}
	lvl := r.condLevel
	switch first {
	case ".if":
		expr := r.condExprText()
		lvl++
		r.condLevel = lvl
		if lvl >= haMaxNestedCond {
			r.abort(num, col, fmt.Sprintf("too many nested '.if', max is %d.", haMaxNestedCond))
			return true
		}
		if lvl > 1 && r.conds[lvl-1].masked() {
			r.conds[lvl] = condIfSkip
			return true
		}
		ok, err := r.evalCond(num, col, ".if", expr, 76)
		if err {
			return true
		}
		r.conds[lvl] = condIfDrop
		if ok {
			r.conds[lvl] = condIfTake
		}
	case ".elif":
		expr := r.condExprText()
		if lvl == 0 {
			r.abort(num, col, "lone '.elif' with no matching '.if'.")
			return true
		}
		switch r.conds[lvl] {
		case condElseTake, condElseDrop:
			r.abort(num, col, "'.elif' after '.else' is not permitted.")
			return true
		case condIfTake, condIfSkip, condElifTake, condElifSkip:
			r.conds[lvl] = condElifSkip
			return true
		}
		ok, err := r.evalCond(num, col, ".elif", expr, 74)
		if err {
			return true
		}
		r.conds[lvl] = condElifDrop
		if ok {
			r.conds[lvl] = condElifTake
		}
	case ".else", ".endif":
		if second != "" {
			r.abortAfter(num, col, fmt.Sprintf("Unexpected argument '%s' for '%s'.", second, first))
			return true
		}
		if lvl == 0 {
			msg := fmt.Sprintf("lone '%s' with no matching '.if'.", first)
			if first == ".endif" {
				r.abortAfter(num, col, msg)
			} else {
				r.abort(num, col, msg)
			}
			return true
		}
		if first == ".endif" {
			r.condLevel--
			return true
		}
		switch r.conds[lvl] {
		case condElseTake, condElseDrop:
			r.abort(num, col, "'.else' after '.else' is not permitted.")
		case condIfTake, condIfSkip, condElifTake, condElifSkip:
			r.conds[lvl] = condElseDrop
		default:
			r.conds[lvl] = condElseTake
		}
	default:
		return false
	}
	return true
}

// evalCond evaluates a .if/.elif condition; a failure aborts the whole
// configuration with the expression quoted and a caret (width is the room
// readcfgfile() gives sanitize_for_printing()).
func (r *haReader) evalCond(num, col int, directive, expr string, width int) (ok, failed bool) {
	c := condEval{env: r.opts.Cond, lookup: r.env.lookup}
	v, err := c.eval(expr)
	if err == nil {
		return v, false
	}
	ce, _ := err.(*CondError)
	msg := ce.Msg
	if msg == "" {
		// 2.6 dereferences a NULL message here and crashes; say what is
		// wrong instead.
		msg = fmt.Sprintf("unparsable OpenSSL version in conditional expression '%s'", expr)
	}
	text, caret := sanitizeForPrinting(expr, ce.Offset, width)
	r.abort(num, col, fmt.Sprintf("%s in '%s' at position %d:\n  %s %s\n  %s",
		msg, directive, ce.Offset+1, directive, text, caretLine(caret+len(directive)+1)))
	return false, true
}

// messageDirective handles .diag/.notice/.warning/.alert and unknown
// dotted directives (configuration.txt section 2.4).
func (r *haReader) messageDirective(num int, first string, from int) {
	s := r.split
	word := func(i int) string {
		if i < s.count {
			return cString(s.out[s.words[i].start:s.words[i].end])
		}
		return ""
	}
	var sev Severity
	switch first {
	case ".alert":
		sev = SevAlert
	case ".warning":
		sev = SevWarning
	case ".notice":
		sev = SevNotice
	case ".diag":
		sev = SevDiag
	default:
		r.add(SevAlert, num, from+1, fmt.Sprintf("unknown directive '%s'.", first))
		r.fatal++
		r.stop = true
		return
	}
	if extra := word(2); extra != "" {
		r.add(SevAlert, num, s.words[2].rawStart+1, fmt.Sprintf("Unexpected argument '%s' for '%s'. Use quotes if the message should contain spaces.", extra, first))
		return
	}
	msg := fmt.Sprintf("'%s'.", word(1))
	if sev == SevAlert {
		r.abort(num, from+1, msg)
		return
	}
	r.add(sev, num, from+1, msg)
}

// keep records a keyword line for the grammar.
func (r *haReader) keep(num int, content string, from int) {
	s := r.split
	raw := strings.TrimSuffix(content, "\r")
	args := r.args.take(s.count)
	for i := range args {
		w := s.words[i]
		a := &args[i]
		a.Pos = Pos{File: r.file, Line: num, Col: w.rawStart + 1}
		a.Raw = content[w.rawStart:w.rawEnd]
		switch w.styles {
		case 0, styleBare:
			a.Quote = Bare
		case styleDouble:
			a.Quote = Double
		case styleSingle:
			a.Quote = Single
		default:
			a.Quote = Mixed
		}
		if w.styles&^styleBare == 0 && w.end-w.start == len(a.Raw) {
			a.Value = a.Raw // nothing was unescaped: share the source
		} else {
			a.Value = cString(s.out[w.start:w.end])
		}
	}
	isSection := IsHAProxySection(args[0].Value)
	if isSection {
		// global.cfg_curr_section: the section's name, or its type
		if len(args) > 1 && args[1].Value != "" {
			r.env.section = args[1].Value
		} else {
			r.env.section = args[0].Value
		}
		// check_section_position(), only printed in diagnostic mode (-dD)
		if args[0].Value == "global" {
			if r.nonGlobal {
				r.add(SevDiag, num, from+1, "global section detected after a non-global one, the prevalence of their statements is unspecified")
			}
		} else {
			r.nonGlobal = true
		}
	}
	if isSection {
		r.inSection = true
	}
	r.lines = append(r.lines, haLine{num: num, raw: raw, words: args, section: isSection})
	if r.pendingAbort && r.inSection {
		// after a scope error (ERR_ABORT), readcfgfile() gives up once a
		// section parser has seen the next keyword line.
		r.stop, r.skipEnd = true, true
	}
}
