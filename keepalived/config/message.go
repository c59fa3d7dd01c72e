package config

import (
	"fmt"

	"hakeep/parser"
)

// Class is how serious a message is, keepalived's config_err_t
// (lib/parser.h). The order matters: -t exits according to the
// numerically highest class reported, whatever its meaning.
type Class int

const (
	// ClassOK messages are printed but are not errors.
	ClassOK Class = iota
	ClassFileNotFound
	ClassBadIf
	ClassFatal
	ClassMultipleFiles
	ClassUnknownKeyword
	ClassUnexpectedBOB
	ClassMissingBOB
	ClassUnexpectedEOB
	ClassMissingEOB
	ClassUnmatchedQuote
	ClassMissingParameter
	ClassInvalidNumber
	ClassGeneral
	ClassWarning
	ClassDeprecated
	ClassSecurity
)

// Reading is which of keepalived's readings of the file reported a
// message (see the package documentation).
type Reading int

const (
	ReadingParent Reading = iota
	ReadingChecker
	ReadingVRRP
	ReadingBFD
	// ReadingNone is for messages from outside any reading (the check
	// of -f before reading, start/shutdown script security).
	ReadingNone
)

// Message is one line keepalived would print (with -t) or log.
type Message struct {
	Class Class
	// Pos is where keepalived was reading, zero when it names no line.
	Pos parser.Pos
	// ShowFile says whether keepalived names the file ("(file: Line N)")
	// or only the line ("(Line N)").
	ShowFile bool
	// Text is the message after its place, exactly as keepalived words it.
	Text    string
	Reading Reading
	// LogOnly messages are what keepalived logs with log_message(): -t
	// does not print them and they are not errors.
	LogOnly bool
}

// String renders the message as keepalived prints it.
func (m Message) String() string {
	switch {
	case m.ShowFile && m.Pos.File != "":
		return fmt.Sprintf("(%s: Line %d) %s", m.Pos.File, m.Pos.Line, m.Text)
	case m.Pos.Line > 0:
		return fmt.Sprintf("(Line %d) %s", m.Pos.Line, m.Text)
	}
	return m.Text
}

// Note is hakeep's notice that a keyword is accepted but has no effect yet
// (see status.go). Notes are not keepalived messages.
type Note struct {
	Pos     parser.Pos
	Section string
	Keyword string
	// Engine names the part of hakeep the keyword is waiting for.
	Engine string
	Text   string
}

func (n Note) String() string {
	return fmt.Sprintf("%s: %s", n.Pos, n.Text)
}

// TestExitCode is the exit code of `keepalived -t` for the messages of a
// complete check (config_test_exit in core/main.c).
func TestExitCode(msgs []Message) int {
	worst := ClassOK
	for _, m := range msgs {
		if !m.LogOnly && m.Class > worst {
			worst = m.Class
		}
	}
	switch worst {
	case ClassOK:
		return 0
	case ClassFileNotFound, ClassBadIf, ClassFatal:
		return 4
	case ClassSecurity:
		return 6
	}
	return 5
}
