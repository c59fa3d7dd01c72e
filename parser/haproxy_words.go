package parser

import "strconv"

// This file splits one haproxy.cfg line into words the way HAProxy 2.6's
// parse_line() does (src/tools.c, called by readcfgfile() in src/cfgparse.c
// with PARSE_OPT_ENV|DQUOTE|SQUOTE|BKSLASH|SHARP|WORD_EXPAND), following
// configuration.txt sections 2.2 (quoting and escaping) and 2.3
// (environment variables). Behaviour the manual leaves out was checked
// against the real haproxy 2.6.12:
//   - "\$" is an escape only inside double quotes; outside it stays "\$";
//   - a backslash before any other character is kept ("\q" stays "\q");
//   - an undefined variable expands to nothing, silently;
//   - "${VAR-default}" uses the default only when VAR is not set at all;
//   - a NUL produced by "\x00" ends the word, as C strings do;
//   - an empty last word (a trailing "" or trailing blanks) is not a word;
//   - the 65th word is an error even when it is empty.

// haMaxLineArgs is MAX_LINE_ARGS of HAProxy 2.6 (include/haproxy/defaults.h).
const haMaxLineArgs = 64

// lineErr is parse_line()'s PARSE_ERR_* that the configuration reader
// reports, in the order readcfgfile() checks them.
type lineErr uint8

const (
	lineOK lineErr = iota
	lineErrQuote
	lineErrBrace
	lineErrVarName
	lineErrHex
	lineErrExpand
)

// quoting styles seen in one word, combined into Arg.Quote.
const (
	styleBare uint8 = 1 << iota
	styleDouble
	styleSingle
)

// wordSpan is one word: its resolved bytes out[start:end] (the NUL that
// ends it sits at out[end]) and the raw text line[rawStart:rawEnd] it came
// from. Words that one "${VAR[*]}" produced share their raw text.
type wordSpan struct {
	start, end       int
	rawStart, rawEnd int
	styles           uint8
}

// lineEnv is what variable expansion sees: the environment and the
// pseudo-variables ${.FILE}, ${.LINE} and ${.SECTION} (configuration.txt
// section 2.3).
type lineEnv struct {
	lookup  func(string) (string, bool)
	file    string
	line    int
	section string
}

// wordSplitter holds the scratch buffers reused from line to line so that
// splitting a line allocates nothing once they have grown.
type wordSplitter struct {
	out   []byte
	words []wordSpan

	// results of the last split
	count   int     // words counted like parse_line's nbargs
	tooMany bool    // PARSE_ERR_TOOMANY
	err     lineErr // first hard error
	errPos  int     // index in the line of the offending character
	// cut is where HAProxy leaves a NUL in its line buffer after a
	// "${VAR-default}" (the closing brace), so that messages quoting the
	// line stop there; -1 when the line is intact.
	cut int

	// noComment makes '#' an ordinary character (haproxy -cc parses its
	// argument without PARSE_OPT_SHARP).
	noComment bool

	// state of the split in progress
	squote, dquote bool
	wordStart      int // start of the current word in out
	rawStart       int // start of the current raw word in the line
	styles         uint8
	firstOpen      int // first word whose raw end is not known yet
}

// isSpace is C isspace() in the C locale.
func isSpace(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\v' || c == '\f' || c == '\r'
}

func isAlpha(c byte) bool { return c|0x20 >= 'a' && c|0x20 <= 'z' }

func isAlnum(c byte) bool { return isAlpha(c) || c >= '0' && c <= '9' }

func unhex(c byte) (byte, bool) {
	switch {
	case c >= '0' && c <= '9':
		return c - '0', true
	case c|0x20 >= 'a' && c|0x20 <= 'f':
		return c | 0x20 - 'a' + 10, true
	}
	return 0, false
}

// emit appends a resolved byte to the current word.
func (s *wordSplitter) emit(c byte) {
	s.out = append(s.out, c)
	switch {
	case s.squote:
		s.styles |= styleSingle
	case s.dquote:
		s.styles |= styleDouble
	default:
		s.styles |= styleBare
	}
}

// endWord closes the current word (EMIT_CHAR(0) then arg++ in C).
func (s *wordSplitter) endWord() {
	s.words = append(s.words, wordSpan{start: s.wordStart, end: len(s.out), rawStart: s.rawStart, rawEnd: -1, styles: s.styles})
	s.out = append(s.out, 0)
	s.wordStart = len(s.out)
	s.styles = 0
	if len(s.words) >= haMaxLineArgs {
		s.tooMany = true
	}
}

// closeRaw sets the raw end of the words the last raw word produced.
func (s *wordSplitter) closeRaw(end int) {
	for ; s.firstOpen < len(s.words); s.firstOpen++ {
		s.words[s.firstOpen].rawEnd = end
	}
}

// split cuts line[from:] into words. line is the whole line as read
// (without its LF) so that positions count from its first byte.
func (s *wordSplitter) split(line string, from int, env *lineEnv) {
	s.out = s.out[:0]
	s.words = s.words[:0]
	s.tooMany = false
	s.err = lineOK
	s.errPos = 0
	s.cut = -1
	s.squote, s.dquote = false, false
	s.wordStart, s.rawStart, s.styles, s.firstOpen = 0, from, 0, 0
	quotePos := -1 // opening quote still open

	i := from
	n := len(line)
loop:
	for i < n {
		c := line[i]
		switch {
		case c >= '-' && c != '\\':
			// parse_line's fast path: '-', '.', '/', digits, letters...
			s.emit(c)
			i++
		case c == 0 || c == '\n' || c == '\r':
			break loop
		case c == '#' && !s.squote && !s.dquote && !s.noComment:
			break loop
		case c == '"' && !s.squote:
			s.dquote = !s.dquote
			if s.dquote {
				quotePos = i
				s.styles |= styleDouble
			} else {
				quotePos = -1
			}
			i++
		case c == '\'' && !s.dquote:
			s.squote = !s.squote
			if s.squote {
				quotePos = i
				s.styles |= styleSingle
			} else {
				quotePos = -1
			}
			i++
		case c == '\\' && !s.squote:
			out := c
			var next byte
			if i+1 < n {
				next = line[i+1]
			}
			switch next {
			case ' ', '\\', '\'', '"':
				out = next
				i++
			case '#':
				// an escape only where '#' starts comments
				if !s.noComment {
					out = next
					i++
				}
			case 't':
				out = '\t'
				i++
			case 'n':
				out = '\n'
				i++
			case 'r':
				out = '\r'
				i++
			case '$':
				// only an escape where variables are expanded
				if s.dquote {
					out = '$'
					i++
				}
			case 'x':
				var h1, h2 byte
				ok1, ok2 := false, false
				if i+2 < n {
					h1, ok1 = unhex(line[i+2])
				}
				if ok1 && i+3 < n {
					h2, ok2 = unhex(line[i+3])
				}
				if !ok1 || !ok2 {
					s.err, s.errPos = lineErrHex, i
					return
				}
				out = h1<<4 | h2
				i += 3
			}
			i++
			s.emit(out)
		case isSpace(c) && !s.squote && !s.dquote:
			sep := i
			for i < n && isSpace(line[i]) {
				i++
			}
			s.endWord()
			s.closeRaw(sep)
			s.rawStart = i
		case c == '$' && s.dquote:
			if !s.expand(line, &i, env) {
				return
			}
		default:
			s.emit(c)
			i++
		}
	}
	// the last word: EMIT_CHAR(0), counted only when not empty
	s.words = append(s.words, wordSpan{start: s.wordStart, end: len(s.out), rawStart: s.rawStart, rawEnd: -1, styles: s.styles})
	s.out = append(s.out, 0)
	s.closeRaw(i)
	s.count = len(s.words)
	if s.wordStart == len(s.out)-1 {
		s.count--
	}
	if quotePos >= 0 {
		s.err, s.errPos = lineErrQuote, quotePos
	}
}

// expand resolves "$NAME", "${NAME}", "${NAME-default}" and
// "${NAME[*]}" at line[*pi] (the '$'), inside double quotes only
// (configuration.txt section 2.3). It returns false on a hard error.
func (s *wordSplitter) expand(line string, pi *int, env *lineEnv) bool {
	n := len(line)
	i := *pi + 1
	brace := -1
	if i < n && line[i] == '{' {
		brace = i
		i++
	}
	if i >= n || !(isAlpha(line[i]) || line[i] == '_' || line[i] == '.') {
		s.err, s.errPos = lineErrVarName, i
		return false
	}
	nameStart := i
	if line[i] == '.' {
		i++
	}
	for i < n && (isAlnum(line[i]) || line[i] == '_') {
		i++
	}
	name := line[nameStart:i]
	var value string
	var found bool
	if name[0] == '.' {
		found = true
		switch name {
		case ".LINE":
			value = strconv.Itoa(env.line)
		case ".FILE":
			value = env.file
		case ".SECTION":
			value = env.section
		default:
			// HAProxy has put a NUL after the name and leaves it there
			if s.cut < 0 {
				s.cut = i
			}
			s.err, s.errPos = lineErrVarName, nameStart
			return false
		}
	} else if env.lookup != nil {
		value, found = env.lookup(name)
	}
	wordExpand := false
	if i < n && line[i] == '[' && brace >= 0 {
		if i+2 >= n || line[i+1] != '*' || line[i+2] != ']' {
			s.err, s.errPos = lineErrExpand, i
			return false
		}
		wordExpand = true
		i += 3
	}
	if brace >= 0 {
		if i < n && line[i] == '-' {
			j := i + 1
			for j < n && line[j] != 0 && line[j] != '}' {
				j++
			}
			if j >= n || line[j] != '}' {
				s.err, s.errPos = lineErrBrace, brace
				return false
			}
			if !found {
				value, found = line[i+1:j], true
			}
			if s.cut < 0 {
				s.cut = j
			}
			i = j
		} else if i >= n || line[i] != '}' {
			s.err, s.errPos = lineErrBrace, brace
			return false
		}
		i++ // the closing brace
	}
	*pi = i
	if !found {
		return true
	}
	for k := 0; k < len(value); {
		c := value[k]
		if wordExpand && isSpace(c) {
			s.endWord()
			s.styles |= styleDouble
			for k++; k < len(value) && isSpace(value[k]); k++ {
			}
			continue
		}
		s.emit(c)
		k++
	}
	return true
}
