package config

import (
	"fmt"

	"hakeep/parser"
)

// errCode mirrors the ERR_* bits 2.6's keyword parsers return: a warning
// or an alert was printed, the configuration cannot start (fatal), or
// parsing must stop now (abort).
type errCode uint8

const (
	errWarn errCode = 1 << iota
	errAlert
	errFatal
	errAbort
)

const errFatalAlert = errAlert | errFatal

// All messages printed while HAProxy loads its configuration carry the
// "config : " context prefix (usermsgs_clr("config") in haproxy.c).
const ctxPrefix = "config : "

func (l *loader) emit(sev parser.Severity, pos parser.Pos, text string) {
	if sev == parser.SevWarning {
		l.warned = true
	}
	l.msgs = append(l.msgs, Message{Severity: sev, Pos: pos, Text: ctxPrefix + l.msgCtx.text() + text})
}

// alertf prints an alert naming pos.
func (l *loader) alertf(pos parser.Pos, format string, args ...any) {
	l.emit(parser.SevAlert, pos, fmt.Sprintf(format, args...))
}

// warnf prints a warning naming pos.
func (l *loader) warnf(pos parser.Pos, format string, args ...any) {
	l.emit(parser.SevWarning, pos, fmt.Sprintf(format, args...))
}

// noticef prints a notice naming pos.
func (l *loader) noticef(pos parser.Pos, format string, args ...any) {
	l.emit(parser.SevNotice, pos, fmt.Sprintf(format, args...))
}

// The helpers below print the usual "parsing [file:line] : msg" form.

func (l *loader) alert(ln *line, format string, args ...any) {
	l.alertf(ln.pos, "parsing "+ln.where()+" : "+format, args...)
}

func (l *loader) warn(ln *line, format string, args ...any) {
	l.warnf(ln.pos, "parsing "+ln.where()+" : "+format, args...)
}

// alertNS and warnNS print "parsing [file:line]: msg" (no space before
// the colon), which many 2.6 messages use.
func (l *loader) alertNS(ln *line, format string, args ...any) {
	l.alertf(ln.pos, "parsing "+ln.where()+": "+format, args...)
}

func (l *loader) warnNS(ln *line, format string, args ...any) {
	l.warnf(ln.pos, "parsing "+ln.where()+": "+format, args...)
}

// tooManyArgs is alertif_too_many_args_idx(): it alerts and returns true
// when a word follows the maxarg arguments after args[index].
func (l *loader) tooManyArgs(ln *line, maxarg, index int, ec *errCode) bool {
	extra := ln.arg(index + maxarg + 1)
	if extra == "" {
		return false
	}
	kw := ln.arg(0)
	for i := 1; i <= index; i++ {
		kw += " " + ln.arg(i)
	}
	l.alert(ln, "'%s' cannot handle unexpected argument '%s'.", kw, extra)
	*ec |= errFatalAlert
	return true
}

// tooManyArgsMsg is too_many_args_idx(): the same check, returning the
// message for the caller to embed.
func tooManyArgsMsg(ln *line, maxarg, index int) (string, bool) {
	extra := ln.arg(index + maxarg + 1)
	if extra == "" {
		return "", false
	}
	kw := ln.arg(0)
	for i := 1; i <= index; i++ {
		kw += " " + ln.arg(i)
	}
	return fmt.Sprintf("'%s' cannot handle unexpected argument '%s'.", kw, extra), true
}
