package config

import (
	"bufio"
	"bytes"
	"os"
	"strings"

	"hakeep/parser"
)

// loadH1CaseAdjustFile is cfg_h1_headers_case_adjust_postparser()
// (src/mux_h1.c): the "h1-case-adjust-file" of the global section read
// after the configuration, one "<from> <to>" pair per line ('#' lines
// and empty lines skipped, spaces around the words ignored), each added
// as "h1-case-adjust" adds it. Every error is fatal.
func (l *loader) loadH1CaseAdjustFile() errCode {
	g := &l.cfg.Global
	name := g.H1CaseAdjustFile
	if name == "" {
		return 0
	}
	data, err := os.ReadFile(l.path(name))
	if err != nil {
		l.alertf(parser.Pos{}, "h1-headers-case-adjust-file '%s': failed to open file.", name)
		return errFatalAlert
	}
	sc := bufio.NewScanner(bytes.NewReader(data))
	sc.Buffer(nil, 1<<20)
	for n := 1; sc.Scan(); n++ {
		from, to := caseAdjustLine(sc.Text())
		if from == "" {
			continue
		}
		if msg := l.addCaseAdjust(from, to); msg != "" {
			l.alertf(parser.Pos{}, "h1-headers-case-adjust-file '%s' : %s at line %d.", name, msg, n)
			return errFatalAlert
		}
	}
	return 0
}

// caseAdjustLine splits one line of the file as the post-parser does:
// the key ends at the first blank, the value is the rest of the line
// without its trailing blanks. from is empty for a line to skip.
func caseAdjustLine(s string) (from, to string) {
	s = strings.TrimLeft(s, " \t")
	if s == "" || s[0] == '#' || s[0] == '\r' {
		return "", ""
	}
	end := strings.IndexAny(s, " \t\r")
	if end < 0 {
		return s, ""
	}
	from, rest := s[:end], strings.TrimLeft(s[end:], " \t")
	if i := strings.IndexByte(rest, '\r'); i >= 0 {
		rest = rest[:i]
	}
	return from, strings.TrimRight(rest, " \t")
}

// addCaseAdjust is add_hdr_case_adjust(): a non-empty <to>, equal to
// <from> but for the case, and <from> not already listed as written
// (2.6.12 takes "x-a" then "X-A"). Headers go out lower case, so the
// engine's table is keyed by the lower-case name; the first entry for a
// name stays.
func (l *loader) addCaseAdjust(from, to string) string {
	switch {
	case to == "":
		return "expect <to>"
	case !strings.EqualFold(from, to):
		return "<from> and <to> must not differ execpt the case"
	case l.caseAdjustFrom[from]:
		return "duplicate entry '" + from + "'"
	}
	if l.caseAdjustFrom == nil {
		l.caseAdjustFrom = map[string]bool{}
	}
	l.caseAdjustFrom[from] = true
	g := &l.cfg.Global
	if g.H1CaseAdjust == nil {
		g.H1CaseAdjust = map[string]string{}
	}
	if _, ok := g.H1CaseAdjust[strings.ToLower(from)]; !ok {
		g.H1CaseAdjust[strings.ToLower(from)] = to
	}
	return ""
}
