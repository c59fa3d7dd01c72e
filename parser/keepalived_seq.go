package parser

import (
	"strconv"
	"strings"
)

// kaSeq is a line generator: `~SEQ(var, start, step, end) text` repeats
// text with $var set to each number, `~LST(var, v1, v2...) text` (or
// `~LST({a,b}, {1,2}, {3,4}) text`) with the variables set to each value
// set in turn (lib/parser.c add_seq, add_lst).
type kaSeq struct {
	text string

	// ~SEQ
	variable         string
	next, last, step int64
	hex              bool

	// ~LST
	params []string
	sets   [][]string
	set    int
}

// emit sets the definitions for the next iteration and returns its text;
// done reports that the generator is exhausted.
func (s *kaSeq) emit(d *kaDefs) (text string, done bool) {
	if s.params == nil {
		v := strconv.FormatInt(s.next, 10)
		if s.hex {
			v = strconv.FormatUint(uint64(s.next), 16)
		}
		d.set(s.variable, v)
		s.next += s.step
		return s.text, (s.step > 0 && s.next > s.last) || (s.step < 0 && s.next < s.last)
	}
	for i, p := range s.params {
		d.set(p, s.sets[s.set][i])
	}
	s.set++
	return s.text, s.set >= len(s.sets)
}

// kaStrtol parses like C's kaStrtol(s, &end, 0): leading white space, a sign,
// then decimal, 0x hex or 0 octal digits. It returns the value and the
// index just after the number (i itself when there is none).
func kaStrtol(s string, i int) (int64, int) {
	p := i
	for p < len(s) && isKAWhite(s[p]) {
		p++
	}
	neg := false
	if p < len(s) && (s[p] == '+' || s[p] == '-') {
		neg = s[p] == '-'
		p++
	}
	base := 10
	if p+1 < len(s) && s[p] == '0' && (s[p+1] == 'x' || s[p+1] == 'X') && p+2 < len(s) && kaIsHex(s[p+2]) {
		base = 16
		p += 2
	} else if p < len(s) && s[p] == '0' {
		base = 8
	}
	start := p
	var v uint64
	for p < len(s) {
		d, ok := kaDigitVal(s[p])
		if !ok || d >= base {
			break
		}
		if v < 1<<63 {
			v = v*uint64(base) + uint64(d)
		}
		p++
	}
	if p == start {
		return 0, i
	}
	if v > 1<<63-1 && !neg {
		v = 1<<63 - 1
	}
	if neg {
		return -int64(v), p
	}
	return int64(v), p
}

func kaIsHex(c byte) bool { _, ok := kaDigitVal(c); return ok }

func kaDigitVal(c byte) (int, bool) {
	switch {
	case kaIsDigit(c):
		return int(c - '0'), true
	case c >= 'a' && c <= 'f':
		return int(c-'a') + 10, true
	case c >= 'A' && c <= 'F':
		return int(c-'A') + 10, true
	}
	return 0, false
}

// addSeq parses a ~SEQ line. It reports false for what keepalived calls an
// invalid specification (after reporting the details it reports itself).
func (r *kaReader) addSeq(line string) bool {
	p := 4
	hex := false
	if p < len(line) && line[p] == 'x' {
		p++
		hex = true
	}
	p = kaSkipBlanks(line, p)
	if p >= len(line) || line[p] != '(' {
		return false
	}
	p = kaSkipBlanks(line, p+1)
	v := p
	for p < len(line) && !strings.ContainsRune(" \t,)", rune(line[p])) {
		p++
	}
	variable := line[v:p]
	p = kaSkipBlanks(line, p)
	if p >= len(line) || line[p] == ')' || p == v {
		r.diags.Add(SevWarning, r.pos(), "Invalid ~SEQ definition '%s'", line)
		return false
	}
	p = kaSkipBlanks(line, p+1)
	end := strings.IndexByte(line[p:], ')')
	if end < 0 {
		// keepalived's length check computes with the null pointer
		// strchr() returned, which makes the length huge.
		r.diags.Add(SevWarning, r.pos(), "~SEQ parameter strings too long '%s'", line)
		return false
	}
	end += p
	const seqBuf = 3*20 + 3 + 1
	if end+1-p+1 > seqBuf {
		r.diags.Add(SevWarning, r.pos(), "~SEQ parameter strings too long '%s'", line)
		return false
	}
	args := line[p : end+1]
	var ml kaMultiline
	args, _ = r.replace(args, seqBuf, &ml)
	if ml.active {
		r.diags.Add(SevWarning, r.pos(), "~SEQ parameter is multiline definition '%s'", line)
		return false
	}
	var start, step, last int64
	q := 0
	one, q := kaStrtol(args, q)
	q = kaSkipBlanks(args, q)
	switch {
	case q < len(args) && args[q] == ')':
		last = one
		step, start = 1, 1
		if last < 1 {
			step = -1
		}
		if last < 0 {
			start = -1
		}
	case q >= len(args) || args[q] != ',':
		r.diags.Add(SevWarning, r.pos(), "Invalid ~SEQ definition '%s'", line)
		return false
	default:
		two, q2 := kaStrtol(args, q+1)
		q = kaSkipBlanks(args, q2)
		if q < len(args) && args[q] == ')' {
			start, last = one, two
			step = 1
			if start > last {
				step = -1
			}
			break
		}
		if q >= len(args) || args[q] != ',' {
			r.diags.Add(SevWarning, r.pos(), "Invalid ~SEQ definition '%s'", line)
			return false
		}
		three, q3 := kaStrtol(args, q+1)
		q = kaSkipBlanks(args, q3)
		if q >= len(args) || args[q] != ')' {
			r.diags.Add(SevWarning, r.pos(), "Invalid ~SEQ definition '%s'", line)
			return false
		}
		start, step, last = one, two, three
		if step == 0 || (start < last && step < 0) || (start > last && step > 0) {
			r.diags.Add(SevWarning, r.pos(), "Invalid ~SEQ values '%s'", line)
			return false
		}
	}
	if hex && (start < 0 || last < 0) {
		r.diags.Add(SevWarning, r.pos(), "~SEQx is only valid for positive numbers '%s'", line)
		return false
	}
	text := line[kaSkipBlanks(line, end+1):]
	r.seqs = append(r.seqs, &kaSeq{text: text, variable: variable, next: start, step: step, last: last, hex: hex})
	r.seqCount++
	return true
}

// addLst parses a ~LST line. keepalived frees a ~LST it failed to parse
// as if it had been counted (free_seq_lst), so every failure after the
// keyword lowers the generator count.
func (r *kaReader) addLst(line string) bool {
	if r.parseLst(line) {
		return true
	}
	r.seqCount--
	return false
}

func (r *kaReader) parseLst(line string) bool {
	p := kaSkipBlanks(line, 4)
	if p >= len(line) || line[p] != '(' {
		return false
	}
	p = kaSkipBlanks(line, p+1)
	at := func(i int) byte {
		if i < len(line) {
			return line[i]
		}
		return 0
	}
	endChar := byte(',')
	if at(p) == '{' {
		endChar = '}'
		p = kaSkipBlanks(line, p+1)
	}
	var params []string
	for {
		v := p
		for p < len(line) && !strings.ContainsRune(" \t,}", rune(line[p])) {
			p++
		}
		params = append(params, line[v:p])
		p = kaSkipBlanks(line, p)
		if at(p) == endChar {
			break
		}
		if at(p) != ',' {
			return false
		}
		p = kaSkipBlanks(line, p+1)
	}
	if at(p) == '}' {
		p = kaSkipBlanks(line, p+1)
	}
	if at(p) != ',' {
		return false
	}
	p = kaSkipBlanks(line, p+1)
	var sets [][]string
	for {
		endChar = ','
		if at(p) == '{' {
			endChar = '}'
			p = kaSkipBlanks(line, p+1)
		}
		var set []string
		for {
			v := p
			for p < len(line) && !strings.ContainsRune(" \t,})", rune(line[p])) {
				p++
			}
			set = append(set, line[v:p])
			p = kaSkipBlanks(line, p)
			if at(p) == endChar || (at(p) == ')' && endChar == ',') {
				break
			}
			if at(p) != ',' {
				return false
			}
			p = kaSkipBlanks(line, p+1)
			if len(set) > len(params)-1 {
				r.diags.Add(SevWarning, r.pos(), "~LST specification has too many values '%s'", line)
				return false
			}
		}
		for len(set) < len(params) {
			set = append(set, "")
		}
		sets = append(sets, set)
		if at(p) == '}' && endChar == '}' {
			p = kaSkipBlanks(line, p+1)
		}
		if at(p) == ')' {
			break
		}
		if at(p) != ',' {
			return false
		}
		p = kaSkipBlanks(line, p+1)
	}
	text := ""
	if p+1 <= len(line) {
		text = line[kaSkipBlanks(line, p+1):]
	}
	r.seqs = append(r.seqs, &kaSeq{text: text, params: params, sets: sets})
	r.seqCount++
	return true
}
