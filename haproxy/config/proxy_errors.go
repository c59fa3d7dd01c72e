package config

import (
	"bytes"
	"fmt"
	"os"
	"strconv"

	"hakeep/parser"
	"hakeep/proxy"
	"hakeep/proxy/rules"
)

// httpErrCodes are the status codes HAProxy can produce and so accept
// custom responses for (http_err_codes[] in src/http.c).
func httpErrCodes() []int {
	return []int{200, 400, 401, 403, 404, 405, 407, 408, 410, 413, 421, 422, 425, 429, 500, 501, 502, 503, 504}
}

func handledStatus(code int) bool {
	for _, c := range httpErrCodes() {
		if c == code {
			return true
		}
	}
	return false
}

// loadErrorFile is http_load_errorfile() and http_str_to_htx(): the file
// must be readable and hold an HTTP response.
func (l *loader) loadErrorFile(name string) ([]byte, string) {
	data, err := os.ReadFile(l.path(name))
	if err != nil {
		return nil, fmt.Sprintf("error opening file '%s'.", name)
	}
	if len(data) == 0 {
		return data, ""
	}
	first := data
	if i := bytes.IndexByte(data, '\n'); i >= 0 {
		first = data[:i]
	}
	first = bytes.TrimRight(first, "\r")
	// "HTTP/x.y <status> <reason>"
	if len(first) < 12 || !bytes.HasPrefix(first, []byte("HTTP/")) || first[8] != ' ' {
		if len(first) >= 5 && bytes.HasPrefix(first, []byte("HTTP/")) {
			sp := bytes.IndexByte(first, ' ')
			if sp > 0 && sp != 8 {
				return nil, fmt.Sprintf("invalid http version (%s)", first[:sp])
			}
		}
		return nil, "unable to parse headers (error offset: 0)"
	}
	st, err := strconv.Atoi(string(first[9:12]))
	if err != nil {
		return nil, "unable to parse headers (error offset: 9)"
	}
	if st < 200 && (st == 100 || st >= 102) {
		return nil, fmt.Sprintf("invalid http status code for an error message (%d)", st)
	}
	return data, ""
}

func (s *pxState) setErrorFile(code int, r *proxy.ErrorReply) {
	if s.p.ErrorFiles == nil {
		s.p.ErrorFiles = map[int]*proxy.ErrorReply{}
	}
	s.p.ErrorFiles[code] = r
}

// pxErrorFile is "errorfile <code> <file>".
func pxErrorFile(pp *proxyParser, s *pxState, ln *line) (int, string) {
	rc := 0
	if pp.warnIfNotCap(s, ln, proxy.CapListen, ln.arg(0), "") {
		return 1, ""
	}
	if ln.arg(1) == "" || ln.arg(2) == "" {
		return -1, fmt.Sprintf("%s : expects <status_code> and <file> as arguments.\n", ln.arg(0))
	}
	code := atoi(ln.arg(1))
	if !handledStatus(code) {
		return -1, fmt.Sprintf("%s : status code '%d' not handled.", ln.arg(0), code)
	}
	data, msg := pp.l.loadErrorFile(ln.arg(2))
	if msg != "" {
		return -1, fmt.Sprintf("%s : %s", ln.arg(0), msg)
	}
	pp.l.addErrorFile(s, &proxy.ErrorReply{Status: code, Raw: data, File: ln.arg(2)})
	return rc, ""
}

// pxErrorLoc is "errorloc|errorloc302|errorloc303 <code> <url>".
func pxErrorLoc(pp *proxyParser, s *pxState, ln *line) (int, string) {
	if pp.warnIfNotCap(s, ln, proxy.CapListen, ln.arg(0), "") {
		return 1, ""
	}
	if ln.arg(1) == "" || ln.arg(2) == "" {
		return -1, fmt.Sprintf("%s : expects <status_code> and <url> as arguments.\n", ln.arg(0))
	}
	code := atoi(ln.arg(1))
	if !handledStatus(code) {
		return -1, fmt.Sprintf("%s : status code '%d' not handled.", ln.arg(0), code)
	}
	redir := 302
	if ln.arg(0) == "errorloc303" {
		redir = 303
	}
	pp.l.addErrorFile(s, &proxy.ErrorReply{Status: code, Location: ln.arg(2), Code: redir})
	return 0, ""
}

// pxErrorFiles is "errorfiles <name> [<code> ...]": responses from an
// http-errors section, resolved after parsing.
func pxErrorFiles(pp *proxyParser, s *pxState, ln *line) (int, string) {
	if pp.warnIfNotCap(s, ln, proxy.CapListen, ln.arg(0), "") {
		return 1, ""
	}
	if ln.arg(1) == "" {
		return -1, fmt.Sprintf("%s : expects <name> as argument.", ln.arg(0))
	}
	ref := errorsRef{name: ln.arg(1), pos: ln.pos}
	for i := 2; ln.arg(i) != ""; i++ {
		code := int(atol(ln.arg(i)))
		if !handledStatus(code) {
			return -1, fmt.Sprintf("%s : status code '%d' not handled.", ln.arg(0), code)
		}
		ref.codes = append(ref.codes, code)
	}
	pp.l.errorsRefs[s] = append(pp.l.errorsRefs[s], ref)
	return 0, ""
}

// errorsRef is an "errorfiles"/"http-error errorfiles" reference to an
// http-errors section, or (reply set) one errorfile, errorloc or
// http-error line.
type errorsRef struct {
	name  string
	codes []int
	pos   parser.Pos
	reply *proxy.ErrorReply
}

// pxHTTPError is "http-error status <code> [content-type ...] [...]".
func pxHTTPError(pp *proxyParser, s *pxState, ln *line) (int, string) {
	if pp.warnIfNotCap(s, ln, proxy.CapListen, ln.arg(0), "") {
		return 1, ""
	}
	r, next, msg := pp.l.parseHTTPReply(ln, 1)
	if msg != "" {
		return -1, fmt.Sprintf("%s : %s", ln.arg(0), msg)
	}
	if r.Status == 0 {
		return -1, fmt.Sprintf("%s : expects at least a <status> as arguments.\n", ln.arg(0))
	}
	if !handledStatus(r.Status) {
		return -1, fmt.Sprintf("%s: status code '%d' not handled.", ln.arg(0), r.Status)
	}
	if ln.arg(next) != "" {
		return -1, fmt.Sprintf("%s : unknown keyword '%s'.", ln.arg(0), ln.arg(next))
	}
	// the reply itself is compiled as an "http-request return" would
	// be (http_parse_http_reply() is shared by both); a static one is
	// rendered into a page once the http-errors sections are known
	// (checkErrorFiles)
	words := append([]string{"http-request", "return"}, ln.args[1:next]...)
	if rule, err := pp.l.parseRule(s, ln, words, rules.NewState()); err == nil && rule != nil {
		if rp, ok := rule.Args.(*rules.Reply); ok {
			r.Reply = rp
		}
	}
	pp.l.addErrorFile(s, r)
	return 0, ""
}

// addErrorFile sets the reply of a status at once and keeps its place
// among the proxy's errorfile, errorloc, http-error and errorfiles lines:
// proxy_check_errors() applies them in that order, the last one of a
// status wins.
func (l *loader) addErrorFile(s *pxState, r *proxy.ErrorReply) {
	s.setErrorFile(r.Status, r)
	l.errorsRefs[s] = append(l.errorsRefs[s], errorsRef{reply: r})
}

// parseHTTPReply reads "status <code> [content-type <type>]
// [default-errorfiles | errorfile <file> | errorfiles <name> |
// file <file> | lf-file <file> | string <str> | lf-string <fmt>]
// [hdr <name> <fmt>]*" (http_parse_http_reply()).
func (l *loader) parseHTTPReply(ln *line, cur int) (*proxy.ErrorReply, int, string) {
	r := &proxy.ErrorReply{}
	for ln.arg(cur) != "" {
		switch w := ln.arg(cur); w {
		case "status":
			if ln.arg(cur+1) == "" {
				return nil, cur, fmt.Sprintf("'%s' expects <status_code> as argument", w)
			}
			r.Status = atoi(ln.arg(cur + 1))
			if r.Status < 200 || r.Status > 599 {
				return nil, cur, fmt.Sprintf("Unexpected status code '%d'", r.Status)
			}
			cur += 2
		case "content-type", "hdr":
			n := 2
			if w == "hdr" {
				n = 3
			}
			if ln.arg(cur+n-1) == "" {
				return nil, cur, fmt.Sprintf("'%s' expects <value> as argument", w)
			}
			cur += n
		case "errorfile", "file", "lf-file":
			if ln.arg(cur+1) == "" {
				return nil, cur, fmt.Sprintf("'%s' expects <fmt> as argument", w)
			}
			data, err := os.ReadFile(l.path(ln.arg(cur + 1)))
			if err != nil {
				return nil, cur, fmt.Sprintf("failed to open file '%s'", ln.arg(cur+1))
			}
			r.Raw, r.File = data, ln.arg(cur+1)
			cur += 2
		case "errorfiles", "string", "lf-string":
			if ln.arg(cur+1) == "" {
				return nil, cur, fmt.Sprintf("'%s' expects <fmt> as argument", w)
			}
			cur += 2
		case "default-errorfiles":
			cur++
		default:
			return r, cur, ""
		}
	}
	return r, cur, ""
}
