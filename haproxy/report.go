package main

import (
	"fmt"
	"io"

	"hakeep/parser"
)

// reporter prints messages the way src/errors.c of 2.6 does:
// "[ALERT]    (PID) : text" on stderr, with the severity padded to 11
// columns. The first ALERT or WARNING of the run is preceded by two
// NOTICE lines naming the version and the executable (warn_exec_path());
// -q hides everything but -dD's DIAG messages, and -V undoes -q.
type reporter struct {
	w       io.Writer
	pid     int
	exe     string
	quiet   bool // -q without -V
	diag    bool // -dD
	shown   bool // the version notices were printed
	warned  bool // a warning was emitted, printed or not
	emitted bool // anything was printed
}

func (r *reporter) emit(sev parser.Severity, text string) {
	if sev == parser.SevWarning {
		r.warned = true
	}
	switch {
	case sev == parser.SevDiag:
		if !r.diag {
			return
		}
	case r.quiet:
		return
	}
	if !r.shown && (sev == parser.SevAlert || sev == parser.SevWarning) {
		r.shown = true
		r.line(parser.SevNotice, "haproxy version is "+haproxyVersion)
		if r.exe != "" {
			r.line(parser.SevNotice, "path to executable is "+r.exe)
		}
	}
	r.line(sev, text)
}

// notice prints like emit without counting as a warning of the
// configuration (zero-warning mode and "Warnings were found." ignore it).
func (r *reporter) notice(sev parser.Severity, text string) {
	warned := r.warned
	r.emit(sev, text)
	r.warned = warned
}

func (r *reporter) line(sev parser.Severity, text string) {
	fmt.Fprintf(r.w, "%-11s(%d) : %s\n", "["+sev.String()+"]", r.pid, text)
	r.emitted = true
}
