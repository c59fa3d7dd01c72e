package httpdiff

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"
)

// Entry is one recorded fact: a key naming where it was seen
// ("c1 r2 h3": connection 1, response 2, header line 3; "srv4 body": the
// fourth request the back ends received) and its value.
type Entry struct {
	Key, Value string
}

// Recording is everything one run of a case observed, in order: the
// client's side in script order, then the back ends' side in arrival
// order, then the sequence of servers chosen.
type Recording struct {
	Entries []Entry
	// Notes are not compared: measured durations behind the timing
	// classes, to calibrate a timeout case.
	Notes []string
}

func (r *Recording) add(key, value string) {
	r.Entries = append(r.Entries, Entry{key, value})
}

// text renders a value that may hold any byte: plain when printable,
// quoted otherwise, so that a diff shows exactly what differs.
func text(b []byte) string {
	s := string(b)
	if utf8.ValidString(s) && !strings.ContainsFunc(s, func(r rune) bool { return r < 0x20 || r == 0x7f }) {
		return s
	}
	return strconv.Quote(s)
}

// String renders the recording one entry a line.
func (r *Recording) String() string {
	var b strings.Builder
	for _, e := range r.Entries {
		fmt.Fprintf(&b, "%s: %s\n", e.Key, e.Value)
	}
	return b.String()
}

// Short renders the recording with long values abbreviated, for logs.
func (r *Recording) Short() string {
	var b strings.Builder
	for _, e := range r.Entries {
		fmt.Fprintf(&b, "%s: %s\n", e.Key, show(e.Value, true))
	}
	for _, n := range r.Notes {
		fmt.Fprintf(&b, "note: %s\n", n)
	}
	return b.String()
}

// masker replaces what legitimately differs between runs: the ports and
// directory of this run by their names, and case patterns by "<masked>".
type masker struct {
	words   []literalMask
	paths   []literalMask
	regexps []*regexp.Regexp
}

type literalMask struct{ lit, label string }

// value masks a literal wherever it stands as a whole word (a port
// number inside a longer number is left alone).
func (m *masker) value(lit, label string) { m.words = append(m.words, literalMask{lit, label}) }

// path masks a file system path wherever it appears.
func (m *masker) path(p, label string) { m.paths = append(m.paths, literalMask{p, label}) }

func (m *masker) pattern(expr string) error {
	re, err := regexp.Compile(expr)
	if err != nil {
		return fmt.Errorf("mask %q: %w", expr, err)
	}
	m.regexps = append(m.regexps, re)
	return nil
}

func (m *masker) apply(s string) string {
	for _, re := range m.regexps {
		s = re.ReplaceAllString(s, "<masked>")
	}
	for _, p := range m.paths {
		s = strings.ReplaceAll(s, p.lit, p.label)
	}
	for _, w := range m.words {
		s = replaceWord(s, w.lit, w.label)
	}
	return s
}

// replaceWord replaces lit where no letter or digit touches it.
func replaceWord(s, lit, label string) string {
	var b strings.Builder
	for {
		i := strings.Index(s, lit)
		if i < 0 {
			b.WriteString(s)
			return b.String()
		}
		end := i + len(lit)
		if (i == 0 || !isWordByte(s[i-1])) && (end == len(s) || !isWordByte(s[end])) {
			b.WriteString(s[:i] + label)
		} else {
			b.WriteString(s[:end])
		}
		s = s[end:]
	}
}

func isWordByte(c byte) bool {
	return c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z'
}

// mask applies m to every value of r.
func (r *Recording) mask(m *masker) {
	for i := range r.Entries {
		r.Entries[i].Value = m.apply(r.Entries[i].Value)
	}
}
