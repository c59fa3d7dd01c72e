package rules

import (
	"hakeep/proxy/logformat"
	"hakeep/proxy/sample"
)

// render evaluates a log-format string for a rule value into dst.
func (t *Txn) render(f *logformat.Format, dst []byte) []byte {
	return f.Eval(t.C, t.Src, logformat.ModeRule, dst[:0])
}

// msg is the message the rule set works on.
func (t *Txn) msg(r *Rule) Msg {
	if r.Set == HTTPRequest {
		return t.Req
	}
	return t.Res
}

// execHTTP runs one HTTP action (configuration.txt §4.2
// "http-request", "http-response", "http-after-response").
func (t *Txn) execHTTP(r *Rule) Verdict {
	switch r.Action {
	case "allow":
		return Stop
	case "deny", "tarpit":
		rp := r.Args.(*Reply)
		t.Tarpit = r.Action == "tarpit"
		if !t.buildReply(rp) {
			return Error
		}
		return Deny
	case "return":
		if !t.buildReply(r.Args.(*Reply)) {
			return Error
		}
		return Done
	case "redirect":
		switch t.redirect(r.Args.(*RedirectArgs)) {
		case redirSkip:
			return Continue
		case redirFail:
			return Error
		}
		return Done
	case "auth":
		t.authReply(r.Args.(*Auth))
		return Done
	case "reject":
		return Abort
	case "silent-drop":
		t.Silent = true
		return Abort
	case "add-header", "set-header":
		h := r.Args.(*Header)
		m := t.msg(r)
		t.fmt = t.render(h.Value, t.fmt)
		if r.Action == "set-header" {
			delHeaders(m, h.Name, "str", nil)
		}
		if !m.AddHeader(h.Name, t.fmt) {
			return t.rewriteFailed(r.Set)
		}
	case "del-header":
		h := r.Args.(*Header)
		delHeaders(t.msg(r), h.Name, h.Match, h)
	case "replace-header", "replace-value":
		rp := r.Args.(*Replace)
		if !t.replaceHeader(t.msg(r), rp, r.Action == "replace-value") {
			return t.rewriteFailed(r.Set)
		}
	case "set-path", "set-pathq", "set-query", "set-uri", "set-method":
		if !t.setReqLine(r.Action, r.Args.(*Format)) {
			return t.rewriteFailed(r.Set)
		}
	case "replace-uri", "replace-path", "replace-pathq":
		if !t.replaceURI(r.Action, r.Args.(*Replace)) {
			return t.rewriteFailed(r.Set)
		}
	case "set-status":
		st := r.Args.(*Status)
		reason := Reason(st.Code)
		if st.Reason != "" {
			reason = st.Reason
		}
		if t.Res == nil || !t.Res.SetStatus(st.Code, []byte(reason)) {
			return t.rewriteFailed(r.Set)
		}
	case "set-var", "set-var-fmt", "unset-var":
		t.setVar(r.Args.(*Var))
	case "set-log-level":
		t.LogLevel, t.LogLevelSet = r.Args.(*LogLevel).Level, true
	case "capture":
		t.capture(r, r.Args.(*Capture))
	case "set-src", "set-dst", "set-src-port", "set-dst-port":
		t.setAddr(r.Action, r.Args.(*Expr))
	case "track-sc":
		t.track(r)
	case "sc-inc-gpc", "sc-inc-gpc0", "sc-inc-gpc1":
		t.incGPC(r.Args.(*Counter))
	case "sc-set-gpt", "sc-set-gpt0":
		t.setGPT(r.Args.(*Counter))
	case "add-acl", "del-acl", "del-map":
		t.editRef(r.Action, r.Args.(*Format))
	case "set-map":
		m := r.Args.(*Map)
		if ref := m.Env.FileRef(m.File); ref != nil {
			t.fmt = t.render(m.Key, t.fmt)
			t.fmt2 = t.render(m.Value, t.fmt2)
			ref.Put(string(t.fmt), string(t.fmt2), true)
		}
	case "normalize-uri":
		return t.normalizeURI(r.Args.(*Normalize))
	case "use-service":
		t.Service = r.Args.(*Name).Name
		return Done
	case "wait-for-body":
		wb := r.Args.(*WaitForBody)
		t.WaitBodyMs, t.WaitBodyAtLeast = wb.Ms, wb.AtLeast
		if t.Body != nil {
			t.Body.WaitBody(r.Set != HTTPRequest, wb.Ms, wb.AtLeast)
		}
	case "early-hint":
		t.earlyHint(r.Args.(*Header))
	case "set-timeout":
		t.setTimeout(r.Args.(*Timeout))
	case "strict-mode":
		// a flag of the message the rule set works on
		// (HTTP_MSGF_SOFT_RW), for the rest of the transaction
		if r.Set == HTTPRequest {
			t.softReq = !r.Args.(*StrictMode).On
		} else {
			t.softRes = !r.Args.(*StrictMode).On
		}
	case "set-nice", "set-mark", "set-tos",
		"disable-l7-retry", "set-priority-class", "set-priority-offset",
		"wait-for-handshake":
		// accepted; their effects live below this layer
	}
	return Continue
}

// setTimeout is set-timeout server|tunnel (action_timeout_set_stream_
// timeout): an expression that gives no integer changes nothing.
func (t *Txn) setTimeout(to *Timeout) {
	ms := int64(to.Ms)
	if to.Expr != nil {
		s := t.C.TempSample()
		ok := to.Expr.EvalAs(t.C, sample.SInt, s)
		ms = s.Int
		t.C.FreeSample()
		if !ok {
			return
		}
	}
	if to.Which == "tunnel" {
		t.TunnelTimeoutMs = ms
		return
	}
	t.ServerTimeoutMs = ms
}

// earlyHint adds a header line to the 103 Early Hints response; 2.6
// sends one only to HTTP/1.1 (and HTTP/2) clients.
func (t *Txn) earlyHint(h *Header) {
	if t.Req == nil || string(t.Req.Version()) != "HTTP/1.1" {
		return
	}
	t.fmt = t.render(h.Value, t.fmt)
	t.EarlyHints = appendLowerName(t.EarlyHints, h.Name)
	t.EarlyHints = append(t.EarlyHints, ": "...)
	t.EarlyHints = append(t.EarlyHints, t.fmt...)
	t.EarlyHints = append(t.EarlyHints, "\r\n"...)
}

// editRef is add-acl, del-acl and del-map: the file's reference as the
// runtime API edits it, every ACL and map built from it following
// (http_action_set_map and friends in src/http_act.c).
func (t *Txn) editRef(action string, f *Format) {
	ref := f.Env.FileRef(f.File)
	if ref == nil {
		return
	}
	t.fmt = t.render(f.Value, t.fmt)
	if action == "add-acl" {
		ref.Put(string(t.fmt), "", false)
		return
	}
	ref.Delete(string(t.fmt), nil)
}

// rewriteFailed is what a failed rewrite does: under HAProxy's default
// "strict-mode on" the transaction ends with a 500; after "strict-mode
// off" on the same side the rule is skipped and the list goes on
// (configuration.txt 4.2, "http-request strict-mode").
func (t *Txn) rewriteFailed(set Set) Verdict {
	if set == HTTPRequest && t.softReq || set != HTTPRequest && t.softRes {
		return Continue
	}
	return Error
}

// delHeaders removes the headers whose name matches (del-header -m).
func delHeaders(m Msg, name, match string, h *Header) {
	if m == nil {
		return
	}
	for i := 0; i < m.NumHeaders(); {
		n, _ := m.Header(i)
		if nameMatches(n, name, match, h) {
			m.DelHeaderAt(i)
			continue
		}
		i++
	}
}

func nameMatches(n []byte, name, match string, h *Header) bool {
	switch match {
	case "beg":
		return len(n) >= len(name) && foldEq(n[:len(name)], name)
	case "end":
		return len(n) >= len(name) && foldEq(n[len(n)-len(name):], name)
	case "sub":
		for i := 0; i+len(name) <= len(n); i++ {
			if foldEq(n[i:i+len(name)], name) {
				return true
			}
		}
		return false
	case "reg":
		return h != nil && h.Re != nil && h.Re.Match(n)
	}
	return foldEq(n, name)
}

func foldEq(a []byte, b string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		x, y := a[i], b[i]
		if 'A' <= x && x <= 'Z' {
			x += 'a' - 'A'
		}
		if 'A' <= y && y <= 'Z' {
			y += 'a' - 'A'
		}
		if x != y {
			return false
		}
	}
	return true
}

// replaceHeader is http_replace_hdrs: each occurrence (each
// comma-separated value for replace-value) that the regex matches is
// replaced, as a whole, by the format with \N references expanded.
func (t *Txn) replaceHeader(m Msg, rp *Replace, values bool) bool {
	if m == nil || rp.Re == nil {
		return true
	}
	t.fmt = t.render(rp.Value, t.fmt)
	repl := sample.UnsafeString(t.fmt)
	for i := 0; i < m.NumHeaders(); i++ {
		n, v := m.Header(i)
		if !foldEq(n, rp.Name) {
			continue
		}
		if !values {
			loc := rp.Re.FindSubmatchIndex(v)
			if loc == nil {
				continue
			}
			t.fmt2 = sample.ExpReplace(t.fmt2[:0], v, repl, loc)
			if !m.SetHeaderValue(i, t.fmt2) {
				return false
			}
			continue
		}
		// replace-value: each element of the list on its own
		out := t.fmt2[:0]
		changed := false
		for start := 0; start <= len(v); {
			end := start
			for end < len(v) && v[end] != ',' {
				end++
			}
			vs, ve := start, end
			for vs < ve && (v[vs] == ' ' || v[vs] == '\t') {
				vs++
			}
			for ve > vs && (v[ve-1] == ' ' || v[ve-1] == '\t') {
				ve--
			}
			// a replaced element loses the blanks around it, as
			// http_replace_header_value() replaces them with it
			// (recorded: "a, b, c" with ^b$ -> B is "a,B, c")
			if loc := rp.Re.FindSubmatchIndex(v[vs:ve]); loc != nil {
				out = sample.ExpReplace(out, v[vs:ve], repl, loc)
				changed = true
			} else {
				out = append(out, v[start:end]...)
			}
			if end < len(v) {
				out = append(out, ',')
			}
			start = end + 1
		}
		t.fmt2 = out
		if changed && !m.SetHeaderValue(i, out) {
			return false
		}
	}
	return true
}
