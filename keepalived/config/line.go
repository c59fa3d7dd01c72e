package config

import "hakeep/parser"

// line is what a keyword handler receives: the words of a logical line
// (keepalived's strvec), where it is and its text (buf_extern, for
// handlers that re-read it with quotes and escapes).
type line struct {
	words []string
	pos   parser.Pos
	raw   string
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
