package config

import (
	"hakeep/parser"
	"hakeep/proxy/rules"
)

// actionSupport is the status of the rule actions (http-request,
// http-response, http-after-response, tcp-request, tcp-response) that
// proxy/rules decodes and checks as 2.6 does but the engine does not run
// (proxy/rules' exec_http.go and exec_tcp.go pass over them): every other
// action is implemented.
func actionSupport() map[string]supportEntry {
	return map[string]supportEntry{
		"cache-use":            {NotYet, "the HTTP cache"},
		"cache-store":          {NotYet, "the HTTP cache"},
		"disable-l7-retry":     {NotYet, "per-request L7 retry control"},
		"do-resolve":           {NotYet, "run-time DNS resolution"},
		"expect-netscaler-cip": {NotYet, "NetScaler client IP"},
		"ot-group":             {NotYet, "OpenTracing"},
		"send-spoe-group":      {NotYet, "SPOE"},
		"set-mark":             {NotYet, "packet marks"},
		"set-tos":              {NotYet, "packet marks"},
		"set-nice":             {NoEffect, "hakeep has no task scheduler to prioritise"},
		"set-priority-class":   {NotYet, "queue priorities"},
		"set-priority-offset":  {NotYet, "queue priorities"},
		"set-timeout":          {NotYet, "per-stream timeouts"},
		"strict-mode":          {NotYet, "rewrite failures under strict-mode off"},
		"switch-mode":          {NotYet, "switching a TCP stream to HTTP"},
		"wait-for-handshake":   {NotYet, "TLS early data"},
	}
}

// supportAction warns, as support does for keywords, about a rule whose
// action the engine does not run yet.
func (l *loader) supportAction(r *rules.Rule, ln *line) {
	e := l.kw.statusOf("action", r.Action)
	if e.status != NotYet {
		return
	}
	l.notYet(ln, r.Set.String()+" "+r.Action, e.note)
}

// notYet is hakeep's warning about a part of a line (an action, a
// keyword's argument) the engine does not run yet. Not counted for
// zero-warning: it is hakeep's notice, not one of 2.6's warnings.
func (l *loader) notYet(ln *line, what, note string) {
	l.msgs = append(l.msgs, Message{Severity: parser.SevWarning, Pos: ln.pos, Hakeep: true,
		Text: ctxPrefix + "parsing " + ln.where() + " : '" + what +
			"' is not supported by hakeep yet (" + note + "); it is accepted but has no effect."})
}
