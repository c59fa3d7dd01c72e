package check

import (
	"bytes"
	"fmt"
	"strings"
)

// expect dispatches an expect rule to the TCP or HTTP evaluation.
func (x *checkRun) expect(r *rule, lastRead bool) evalRet {
	if x.rs.proto == protoHTTP {
		return x.expectHTTP(r, lastRead)
	}
	return x.expectTCP(r, lastRead)
}

// expectTCP is tcpcheck_eval_expect().
func (x *checkRun) expectTCP(r *rule, lastRead bool) evalRet {
	e := r.expect
	lastRead = lastRead || len(x.in) >= bufSize
	if !lastRead {
		if (e.kind == expString || e.kind == expBinary) && len(x.in) < len(e.data) {
			return evalWait
		}
		if e.minRecv > 0 && len(x.in) < e.minRecv {
			return evalWait
		}
	}
	st := e.errStatus
	if st == StatusUnknown {
		st = StatusL7RSP
	}
	match := false
	desc := ""
	switch e.kind {
	case expString, expBinary:
		match = bytes.Contains(x.in, e.data)
	case expStringRegex:
		match = e.re.Match(x.in[:min(len(x.in), bufSize-1)])
	case expBinaryRegex:
		dump := strings.ToUpper(fmt.Sprintf("%x", x.in))
		match = e.re.MatchString(dump)
	case expStringLF, expBinaryLF:
		pat := e.fmt.build(x)
		if len(pat) == 0 {
			x.fail(r, StatusL7RSP, false, "log-format string evaluated to an empty string")
			return evalStop
		}
		if e.kind == expBinaryLF {
			b, err := parseBinary(string(pat))
			if err != nil {
				x.fail(r, StatusL7RSP, false, "Failed to parse hexastring resulting of eval of a log-format string")
				return evalStop
			}
			pat = b
		}
		if len(x.in) < len(pat) {
			if !lastRead {
				return evalWait
			}
			break
		}
		match = bytes.Contains(x.in, pat)
	case expCustom:
		if e.custom == nil {
			return evalStop
		}
		return e.custom(x, r, lastRead)
	default:
		return evalStop
	}
	// without "min-recv", a mismatch waits for more data
	if !match && !lastRead && e.minRecv == -1 {
		return evalWait
	}
	if match != e.inverse {
		return evalContinue
	}
	x.fail(r, st, match, desc)
	return evalStop
}

// fail records a failed expect with its message.
func (x *checkRun) fail(r *rule, st Status, match bool, info string) {
	x.set(st, x.onErrorMessage(r, match, info))
}

// onErrorMessage is tcpcheck_expect_onerror_message().
func (x *checkRun) onErrorMessage(r *rule, match bool, info string) string {
	e := r.expect
	var b strings.Builder
	switch {
	case info != "":
		b.WriteString(info)
	case e.onError != nil:
		b.Write(e.onError.build(x))
	case x.rs.proto != protoTCP:
	default:
		if match {
			b.WriteString("TCPCHK matched unwanted content")
		} else {
			b.WriteString("TCPCHK did not match content")
		}
		step := r.stepID()
		switch e.kind {
		case expHTTPStatus:
			fmt.Fprintf(&b, "(status codes) at step %d", step)
		case expString, expHTTPBody:
			fmt.Fprintf(&b, " '%s' at step %d", e.data, step)
		case expBinary:
			fmt.Fprintf(&b, " (binary) at step %d", step)
		case expStringRegex, expHTTPStatusRegex, expHTTPBodyRegex:
			fmt.Fprintf(&b, " (regex) at step %d", step)
		case expBinaryRegex:
			fmt.Fprintf(&b, " (binary regex) at step %d", step)
		case expStringLF, expHTTPBodyLF:
			fmt.Fprintf(&b, " (log-format string) at step %d", step)
		case expBinaryLF:
			fmt.Fprintf(&b, " (log-format binary) at step %d", step)
		case expCustom:
			fmt.Fprintf(&b, " (custom function) at step %d", step)
		case expHTTPHeader:
			// 2.6 returns here: no comment, no status code
			fmt.Fprintf(&b, " (header pattern) at step %d", step)
			return b.String()
		}
	}
	if r.comment != "" {
		b.WriteString(" comment: " + r.comment)
	}
	x.statusCode(e)
	return b.String()
}

// onSuccessMessage is tcpcheck_expect_onsuccess_message().
func (x *checkRun) onSuccessMessage(r *rule, info string) string {
	e := r.expect
	msg := info
	switch {
	case e.onSuccess != nil:
		msg += string(e.onSuccess.build(x))
	case x.rs.proto == protoTCP:
		msg += "(tcp-check)"
	}
	x.statusCode(e)
	return msg
}

// statusCode applies "status-code <expr>".
func (x *checkRun) statusCode(e *expectRule) {
	if e.statusExpr == nil {
		return
	}
	if n, ok := e.statusExpr.eval(x).int(); ok {
		x.code = int(n)
		x.out.code = x.code
	}
}

// expectHTTP is tcpcheck_eval_expect_http().
func (x *checkRun) expectHTTP(r *rule, lastRead bool) evalRet {
	e := r.expect
	resp := parseHTTPResponse(x.in, lastRead)
	lastRead = lastRead || resp.done || len(x.in) >= bufSize
	if resp.bad {
		x.fail(r, StatusL7RSP, false, "")
		return evalStop
	}
	if !resp.headers {
		if lastRead {
			x.fail(r, StatusL7RSP, false, "")
			return evalStop
		}
		return evalWait
	}
	x.code = resp.status
	if x.p.disable404 && x.st.serverUp && x.code == 404 {
		// 404 may mean "stopping" only for a server that was up
		return evalContinue
	}
	st := e.errStatus
	match := e.inverse
	desc := ""
	reason := func() {
		if e.onError == nil {
			desc = resp.reason
		}
	}
	switch e.kind {
	case expHTTPStatus:
		match = false
		for _, c := range e.codes {
			if resp.status >= c[0] && resp.status <= c[1] {
				match = true
				break
			}
		}
		st = orStatus(st, StatusL7STS)
		reason()
	case expHTTPStatusRegex:
		match = e.re.MatchString(fmt.Sprintf("%03d", resp.status))
		st = orStatus(st, StatusL7STS)
		reason()
	case expHTTPHeader:
		var ok bool
		if match, ok = x.matchHeader(r, resp); !ok {
			return evalStop
		}
		st = orStatus(st, StatusL7STS)
		reason()
	case expHTTPBody, expHTTPBodyRegex, expHTTPBodyLF:
		match = false
		body := resp.body
		if len(body) == 0 {
			if !lastRead {
				return evalWait
			}
			if e.onError == nil {
				desc = "HTTP content check could not find a response body"
			}
			x.fail(r, orStatus(st, StatusL7RSP), false, desc)
			return evalStop
		}
		var pat []byte
		if e.kind == expHTTPBodyLF {
			pat = e.fmt.build(x)
			if len(pat) == 0 {
				x.fail(r, StatusL7RSP, false, "log-format string evaluated to an empty string")
				return evalStop
			}
		}
		if !lastRead && ((e.kind == expHTTPBody && len(body) < len(e.data)) ||
			(e.kind == expHTTPBodyLF && len(body) < len(pat)) ||
			(e.minRecv > 0 && len(body) < e.minRecv)) {
			return evalWait
		}
		switch e.kind {
		case expHTTPBody:
			match = bytes.Contains(body, e.data)
		case expHTTPBodyLF:
			match = bytes.Contains(body, pat)
		default:
			match = e.re.Match(body)
		}
		if !match && !lastRead && e.minRecv == -1 {
			return evalWait
		}
		st = orStatus(st, StatusL7RSP)
		if e.onError == nil {
			if e.inverse {
				desc = "HTTP check matched unwanted content"
			} else {
				desc = "HTTP content check did not match"
			}
		}
	default:
		x.fail(r, orStatus(st, StatusL7RSP), false, "")
		return evalStop
	}
	if match == e.inverse {
		x.fail(r, st, false, desc)
		return evalStop
	}
	return evalContinue
}

func orStatus(st, def Status) Status {
	if st == StatusUnknown {
		return def
	}
	return st
}

// matchHeader is the TCPCHK_EXPECT_HTTP_HEADER case; ok is false when the
// check already failed (a log-format name or value evaluated empty).
func (x *checkRun) matchHeader(r *rule, resp *httpResponse) (match, ok bool) {
	e := r.expect
	npat, vpat := e.name, e.value
	if e.nameFmt != nil {
		if npat = string(e.nameFmt.build(x)); npat == "" {
			x.fail(r, StatusL7RSP, false, "log-format string evaluated to an empty string")
			return false, false
		}
	}
	if e.valueFmt != nil {
		if vpat = string(e.valueFmt.build(x)); vpat == "" {
			x.fail(r, StatusL7RSP, false, "log-format string evaluated to an empty string")
			return false, false
		}
	}
	full := e.valueNone || e.hdrFull
	for _, h := range resp.hdrs {
		if !nameMatches(e, npat, h[0]) {
			continue
		}
		if e.valueNone {
			return true, true
		}
		vals := []string{h[1]}
		if !full {
			vals = nil
			for _, v := range strings.Split(h[1], ",") {
				vals = append(vals, strings.Trim(v, " \t"))
			}
		}
		for _, v := range vals {
			if valueMatches(e, vpat, v) {
				return true, true
			}
		}
	}
	return false, true
}

func nameMatches(e *expectRule, pat, name string) bool {
	n, p := strings.ToLower(name), strings.ToLower(pat)
	switch e.nameMatch {
	case matchBeg:
		return strings.HasPrefix(n, p)
	case matchEnd:
		return strings.HasSuffix(n, p)
	case matchSub:
		return strings.Contains(n, p)
	case matchReg:
		return e.nameRe.MatchString(name)
	}
	return n == p
}

func valueMatches(e *expectRule, pat, v string) bool {
	switch e.valueMatch {
	case matchBeg:
		return strings.HasPrefix(v, pat)
	case matchEnd:
		return strings.HasSuffix(v, pat)
	case matchSub:
		return strings.Contains(v, pat)
	case matchReg:
		return e.valueRe.MatchString(v)
	}
	return v == pat
}
