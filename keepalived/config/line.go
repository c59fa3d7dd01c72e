package config

import "hakeep/parser"

// line is what a keyword handler receives: the words of a logical line
// (keepalived's strvec), where it is and its text (buf_extern, for
// handlers that re-read it with quotes and escapes).
type line struct {
	words []string
	pos   parser.Pos
	raw   string
	// noKeyword marks a line whose first word keepalived left empty
	// (the vector vsg_handler builds for alloc_value_block): reading
	// it is a missing parameter.
	noKeyword bool
}

// missingWord is how keepalived names an absent first word.
const missingWord = "***MISSING ***"

// keyword returns the first word, as strvec_slot(strvec, 0) does.
func (l *line) keyword() string {
	if l.noKeyword {
		panic(missingParam{l: &line{words: []string{missingWord}, pos: l.pos}, index: 0})
	}
	return l.slot(0)
}

// missingParam is raised when a handler reads a word the line does not
// have: keepalived reports it and exits with status 2 (null_strvec in
// lib/parser.c).
type missingParam struct {
	l     *line
	index int
}

// slot returns word i, or ends the reading as keepalived does when the
// configuration line is missing it.
func (l *line) slot(i int) string {
	if i < len(l.words) {
		return l.words[i]
	}
	panic(missingParam{l: l, index: i})
}

// n is the number of words, keyword included.
func (l *line) n() int { return len(l.words) }

// opt returns word i or "" (for the few handlers that check the count
// first and print "" otherwise).
func (l *line) opt(i int) string {
	if i < len(l.words) {
		return l.words[i]
	}
	return ""
}

// trueFalse reads on/true/yes and off/false/no; ok is false for anything
// else (check_true_false).
func trueFalse(s string) (v, ok bool) {
	switch s {
	case "true", "on", "yes":
		return true, true
	case "false", "off", "no":
		return false, true
	}
	return false, false
}
