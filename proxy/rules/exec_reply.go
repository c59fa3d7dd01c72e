package rules

import (
	"hakeep/proxy/logformat"
	"strconv"

	"hakeep/proxy/sample"
)

// The answers final actions build (http_reply_to_htx,
// http_apply_redirect_rule, http_reply_40x_unauthorized), as complete
// HTTP/1.1 messages with HAProxy's header order and lower-case names;
// the engine writes them through its response path (connection
// header, h1-case-adjust, http-after-response rules).

// buildReply renders a deny/tarpit/return reply into t.Reply.
func (t *Txn) buildReply(rp *Reply) bool {
	t.Status = rp.Status
	var body []byte
	switch rp.Body {
	case "default-errorfiles":
		return t.errorReply(rp.Status, "")
	case "errorfiles":
		return t.errorReply(rp.Status, rp.Arg)
	case "errorfile":
		t.Reply = append(t.buf[:0], rp.Data...)
		t.buf = t.Reply
		return true
	case "file":
		body = rp.Data
	case "string":
		body = sample.UnsafeBytes(rp.Arg)
	case "lf-string", "lf-file":
		t.fmt = t.render(rp.Payload, t.fmt)
		body = t.fmt
	}
	b := t.statusLine(t.buf[:0], rp.Status)
	for _, h := range rp.Headers {
		t.fmt2 = t.render(h.Value, t.fmt2)
		if len(t.fmt2) == 0 {
			continue
		}
		b = appendLowerName(b, h.Name)
		b = append(b, ": "...)
		b = append(b, t.fmt2...)
		b = append(b, "\r\n"...)
	}
	b = append(b, "content-length: "...)
	b = strconv.AppendInt(b, int64(len(body)), 10)
	b = append(b, "\r\n"...)
	if len(body) > 0 && rp.ContentType != "" {
		b = append(b, "content-type: "...)
		b = append(b, rp.ContentType...)
		b = append(b, "\r\n"...)
	}
	b = append(b, "\r\n"...)
	b = append(b, body...)
	t.buf, t.Reply = b, b
	return true
}

// errorReply answers with the error message of a status: from an
// http-errors section when named, else the proxy's (errorfile, or the
// built-in page).
func (t *Txn) errorReply(status int, section string) bool {
	t.Status = status
	if t.Pages == nil {
		return false
	}
	var page []byte
	if section != "" {
		page = t.Pages.SectionPage(section, status)
	}
	if page == nil {
		if rp := t.dynamicReply(status); rp != nil {
			return t.buildReply(rp)
		}
		page = t.Pages.ErrorPage(status)
	}
	if page == nil {
		return false
	}
	t.buf = append(t.buf[:0], page...)
	t.Reply = t.buf
	return true
}

// ReplyPages is implemented by Pages whose proxies may answer a status
// with an http-error reply built for each request (lf-string, lf-file,
// hdr: http_reply_to_htx on the proxy's reply).
type ReplyPages interface {
	// ErrorReply is the reply of the http-error line that answers
	// status, nil when a page (or nothing) answers it.
	ErrorReply(status int) *Reply
}

// dynamicReply is the http-error reply for status, when one is built
// per request.
func (t *Txn) dynamicReply(status int) *Reply {
	rpp, ok := t.Pages.(ReplyPages)
	if !ok {
		return nil
	}
	rp := rpp.ErrorReply(status)
	if rp == nil {
		return nil
	}
	switch rp.Body {
	case "errorfiles", "default-errorfiles", "errorfile":
		// answered by a page, never by itself again
		return nil
	}
	return rp
}

// StaticReply renders a reply that does not depend on the request (no
// lf-string, lf-file or hdr): an http-error's page.
func StaticReply(rp *Reply) []byte {
	var t Txn
	t.buildReply(rp)
	return append([]byte(nil), t.Reply...)
}

func (t *Txn) statusLine(b []byte, code int) []byte {
	b = append(b, "HTTP/1.1 "...)
	b = strconv.AppendInt(b, int64(code), 10)
	b = append(b, ' ')
	b = append(b, Reason(code)...)
	return append(b, "\r\n"...)
}

func appendLowerName(b []byte, name string) []byte {
	for i := 0; i < len(name); i++ {
		c := name[i]
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		b = append(b, c)
	}
	return b
}

type redirResult uint8

const (
	redirDone redirResult = iota
	redirSkip
	redirFail
)

// redirect is http_apply_redirect_rule.
func (t *Txn) redirect(r *RedirectArgs) redirResult {
	loc := t.fmt[:0]
	req := t.Req
	switch r.Type {
	case "scheme", "prefix":
		var path []byte
		if req != nil {
			if p, ok := sample.HTTPPath(req.URI()); ok {
				path = p
			}
		}
		if path == nil {
			path = []byte{'/'}
		}
		if r.DropQuery {
			for i, c := range path {
				if c == '?' {
					path = path[:i]
					break
				}
			}
		}
		if r.Type == "scheme" {
			loc = t.redirectDest(r, loc)
			loc = append(loc, "://"...)
			if req != nil {
				if host, ok := firstHost(req); ok {
					loc = append(loc, host...)
				}
			}
		} else if r.Format != nil {
			loc = t.redirectDest(r, loc)
		} else if r.Dest != "/" {
			loc = append(loc, r.Dest...)
		}
		loc = append(loc, path...)
		if len(loc) > 0 && loc[len(loc)-1] != '/' && r.AppendSlsh {
			loc = append(loc, '/')
		}
	default:
		loc = t.redirectDest(r, loc)
		if len(loc) == 0 && r.IgnoreEmpt {
			t.fmt = loc
			return redirSkip
		}
	}
	t.fmt = loc
	t.Status = r.Code
	b := t.statusLine(t.buf[:0], r.Code)
	b = append(b, "content-length: 0\r\nlocation: "...)
	b = append(b, loc...)
	b = append(b, "\r\n"...)
	if r.Code == 302 || r.Code == 303 || r.Code == 307 {
		b = append(b, "cache-control: no-cache\r\n"...)
	}
	if r.Cookie != "" {
		b = append(b, "set-cookie: "...)
		b = append(b, r.Cookie...)
		if r.SetCookie {
			b = append(b, "; path=/;"...)
		} else {
			b = append(b, "; path=/; Max-Age=0;"...)
		}
		b = append(b, "\r\n"...)
	}
	b = append(b, "\r\n"...)
	t.buf, t.Reply = b, b
	return redirDone
}

// redirectDest appends the rule's destination: its log-format, or the
// static text of the "redirect" keyword.
func (t *Txn) redirectDest(r *RedirectArgs, dst []byte) []byte {
	if r.Format != nil {
		return r.Format.Eval(t.C, t.Src, logformat.ModeRule, dst)
	}
	return append(dst, r.Dest...)
}

// firstHost is the first value of the Host header.
func firstHost(m Msg) ([]byte, bool) {
	for i, n := 0, m.NumHeaders(); i < n; i++ {
		name, v := m.Header(i)
		if !foldEq(name, "host") {
			continue
		}
		end := 0
		for end < len(v) && v[end] != ',' {
			end++
		}
		v = v[:end]
		for len(v) > 0 && (v[len(v)-1] == ' ' || v[len(v)-1] == '\t') {
			v = v[:len(v)-1]
		}
		return v, true
	}
	return nil, false
}

// authReply is http_reply_40x_unauthorized: 401 with a Basic challenge
// for the realm (the proxy's name by default).
func (t *Txn) authReply(a *Auth) {
	realm := a.Realm
	if realm == "" {
		realm = t.ProxyName
	}
	t.Status = 401
	b := append(t.buf[:0], "HTTP/1.1 401 Unauthorized\r\n"+
		"content-length: 112\r\n"+
		"cache-control: no-cache\r\n"+
		"content-type: text/html\r\n"+
		"www-authenticate: Basic realm=\""...)
	b = append(b, realm...)
	b = append(b, "\"\r\n\r\n"+
		"<html><body><h1>401 Unauthorized</h1>\n"+
		"You need a valid user and password to access this content.\n"+
		"</body></html>\n"...)
	t.buf, t.Reply = b, b
}
