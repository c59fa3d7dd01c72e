package rules

import (
	"bytes"
	"strconv"
	"strings"

	"hakeep/proxy/http1"
	"hakeep/proxy/sample"
)

// hasDefaultErrorPage reports whether HAProxy has a built-in error page
// for code (http_err_codes[] in 2.6); the codec holds the pages.
func hasDefaultErrorPage(code int) bool {
	_, ok := http1.ErrorPage(code)
	return ok
}

// parseReply is http_parse_http_reply: status, content-type, one body
// source and hdr pairs, in any order, until an unknown word.
func (p *actParser) parseReply(words []string, def int) (*Reply, int, error) {
	at := func(i int) string { return wordAt(words, i) }
	r := &Reply{Status: def}
	bodyArg := ""
	i := 0
	payloadLen := 0
	lfText := ""
	for at(i) != "" {
		w := at(i)
		switch w {
		case "status":
			i++
			if at(i) == "" {
				return nil, 0, errf("'%s' expects <status_code> as argument", w)
			}
			r.Status = atoi(at(i))
			if r.Status < 200 || r.Status > 599 {
				return nil, 0, errf("Unexpected status code '%d'", r.Status)
			}
			i++
		case "content-type":
			i++
			if at(i) == "" {
				return nil, 0, errf("'%s' expects <ctype> as argument", w)
			}
			r.ContentType = at(i)
			i++
		case "errorfiles", "default-errorfiles", "errorfile", "file", "string", "lf-file", "lf-string":
			if r.Body != "" {
				return nil, 0, errf("unexpected '%s' argument, '%s' already defined", w, bodyArg)
			}
			bodyArg = w
			r.Body = w
			i++
			if w == "default-errorfiles" {
				continue
			}
			what := map[string]string{"errorfiles": "<name>", "errorfile": "<fmt>", "file": "<file>",
				"string": "<str>", "lf-file": "<file>", "lf-string": "<fmt>"}[w]
			if at(i) == "" {
				return nil, 0, errf("'%s' expects %s as argument", w, what)
			}
			r.Arg = at(i)
			switch w {
			case "errorfile":
				if err := p.checkErrorFile(r.Arg); err != nil {
					return nil, 0, err
				}
				r.Data, _ = p.c.Read(r.Arg)
			case "file", "lf-file":
				data, err := p.c.Read(r.Arg)
				if err != nil {
					return nil, 0, errf("error opening file '%s'", r.Arg)
				}
				if len(data) > 16384 {
					return nil, 0, errf("file '%s' exceeds the buffer size (%d > %d)", r.Arg, len(data), 16384)
				}
				payloadLen = len(data)
				lfText = string(data)
				r.Data = data
			case "string", "lf-string":
				payloadLen = len(r.Arg)
				lfText = r.Arg
			}
			i++
		case "hdr":
			i++
			if at(i) == "" || at(i+1) == "" {
				return nil, 0, errf("'%s' expects <name> and <value> as arguments", w)
			}
			name := at(i)
			switch strings.ToLower(name) {
			case "content-length", "transfer-encoding", "content-type":
				p.c.warn(sample.StyleParsing, "header '"+name+"' always ignored by the http reply.")
				i += 2
				continue
			}
			f, err := p.format(at(i+1), p.replyCap(), true)
			if err != nil {
				return nil, 0, err
			}
			r.Headers = append(r.Headers, ReplyHeader{Name: name, Value: f})
			i += 2
		default:
			goto done
		}
	}
done:
	switch r.Body {
	case "":
		if r.ContentType != "" {
			p.c.warn(sample.StyleParsing, "content-type '"+r.ContentType+"' ignored by the http reply because neither errorfile nor payload defined.")
			r.ContentType = ""
		}
	case "errorfiles", "default-errorfiles", "errorfile":
		if r.Body != "errorfile" && !hasDefaultErrorPage(r.Status) {
			return nil, 0, errf("status code '%d' not handled by default with '%s' argument.", r.Status, bodyArg)
		}
		if r.ContentType != "" {
			p.c.warn(sample.StyleParsing, "content-type '"+r.ContentType+"' ignored by the http reply when used with an erorrfile.")
			r.ContentType = ""
		}
		if len(r.Headers) > 0 {
			p.c.warn(sample.StyleParsing, "hdr parameters ignored by the http reply when used with an erorrfile.")
			r.Headers = nil
		}
	case "file", "string":
		if (r.Status == 204 || r.Status == 304) && payloadLen > 0 {
			return nil, 0, errf("No body expected for %d responses", r.Status)
		}
		if r.ContentType == "" && payloadLen > 0 {
			return nil, 0, errf("a content type must be defined when non-empty payload is configured")
		}
		if r.ContentType != "" && payloadLen == 0 {
			p.c.warn(sample.StyleParsing, "content-type '"+r.ContentType+"' ignored by the http reply when used with an empty payload.")
			r.ContentType = ""
		}
	case "lf-file", "lf-string":
		if r.Status == 204 || r.Status == 304 {
			return nil, 0, errf("No body expected for %d responses", r.Status)
		}
		if r.ContentType == "" {
			return nil, 0, errf("a content type must be defined with a log-format payload")
		}
		f, err := p.format(lfText, p.replyCap(), true)
		if err != nil {
			return nil, 0, err
		}
		r.Payload = f
	}
	return r, i, nil
}

// replyCap is the check-point set of an HTTP reply's formats.
func (p *actParser) replyCap() sample.Point { return p.httpCap() }

// checkErrorFile is http_load_errorfile's checks: the file must read and
// hold an HTTP response.
func (p *actParser) checkErrorFile(name string) error {
	data, err := p.c.Read(name)
	if err != nil {
		return errf("error opening file '%s'.", name)
	}
	// An empty file means an empty response (nothing is sent).
	if len(data) > 0 && !bytes.HasPrefix(data, []byte("HTTP/")) {
		return errf("'%s': unable to parse headers (error offset: 0)", name)
	}
	return nil
}

// parseDeny is deny and tarpit (http-request), deny (http-response):
// legacy "deny_status <code>" or a full HTTP reply.
func parseDeny(p *actParser) error {
	def := 403
	switch {
	case p.set != HTTPRequest:
		def = 502
	case p.word == "tarpit":
		def = 500
	}
	w := p.arg()
	var words []string
	consumed := 0
	switch {
	case w == "" || isCond(w):
		words = []string{"default-errorfiles"}
	case w == "deny_status" && (p.at(p.cur+2) == "" || isCond(p.at(p.cur+2))):
		words = []string{"status", p.at(p.cur + 1), "default-errorfiles"}
		consumed = 2
	default:
		words = append([]string(nil), p.words[p.cur:]...)
		if words[0] == "deny_status" {
			words[0] = "status"
		}
	}
	r, n, err := p.parseReply(words, def)
	if err != nil {
		return err
	}
	if consumed == 0 && !(w == "" || isCond(w)) {
		consumed = n
	}
	p.rule.Args = r
	p.cur += consumed
	return nil
}

// parseReturn is return [status ...].
func parseReturn(p *actParser) error {
	r, n, err := p.parseReply(p.words[p.cur:], 200)
	if err != nil {
		return err
	}
	p.rule.Args = r
	p.cur += n
	return nil
}

// parseAuth is auth [realm <realm>].
func parseAuth(p *actParser) error {
	a := &Auth{}
	if p.arg() == "realm" {
		if p.at(p.cur+1) == "" {
			return errf("missing realm value.\n")
		}
		a.Realm = p.at(p.cur + 1)
		p.cur += 2
	}
	p.rule.Args = a
	return nil
}

// parseStrictMode is strict-mode on|off.
func parseStrictMode(p *actParser) error {
	switch v := strings.ToLower(p.arg()); v {
	case "":
		return errf("expects exactly 1 arguments")
	case "on", "off":
		p.rule.Args = &StrictMode{On: v == "on"}
	default:
		return errf("Unexpected value '%s'. Only 'on' and 'off' are supported", p.arg())
	}
	p.cur++
	return nil
}

// parseHTTPCapture is http-request capture <expr> len <n> | id <n>, and
// http-response/http-after-response capture <expr> id <n>.
func parseHTTPCapture(p *actParser) error {
	req := p.set == HTTPRequest
	n := 0
	for n < 3 && p.at(p.cur+n) != "" && !isCond(p.at(p.cur+n)) {
		n++
	}
	if n < 3 {
		if req {
			return errf("expects <expression> [ 'len' <length> | id <idx> ]")
		}
		return errf("expects <expression> id <idx>")
	}
	e, err := p.expr(p.argCtx())
	if err != nil {
		return err
	}
	if e.Fetch.Val&p.httpCap() == 0 {
		return unavailable(p.at(p.cur-1), e)
	}
	c := &Capture{Expr: e, ID: -1}
	switch w := p.arg(); {
	case req && w == "len":
		if !p.c.isFE() {
			return errf("proxy '%s' has no frontend capability", p.c.Proxy)
		}
		c.Len = atoi(p.at(p.cur + 1))
		if c.Len <= 0 {
			return errf("length must be > 0")
		}
	case w == "id":
		id, ok := strtol(p.at(p.cur + 1))
		if !ok {
			return errf("cannot parse id '%s'", p.at(p.cur+1))
		}
		c.ID = int(id)
	case req && w == "":
		return errf("expects 'len or 'id'")
	case req:
		return errf("expects 'len' or 'id', found '%s'", w)
	default:
		return errf("expects 'id', found '%s'", w)
	}
	p.cur += 2
	p.rule.Args = c
	return nil
}

// strtol parses the whole string in base 10 (C's strtol with an end
// check); an empty string is 0, as in C.
func strtol(s string) (int64, bool) {
	t := strings.TrimLeft(s, " \t")
	if t == "" {
		return 0, s == ""
	}
	v, err := strconv.ParseInt(t, 10, 64)
	return v, err == nil
}
