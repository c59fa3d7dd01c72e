package line

import (
	"bytes"

	"hakeep/proxy/logformat"
)

const badReq = "<BADREQ>"

// request writes %r or one of its parts, cut from the request line as 2.6
// cuts its copy of it (txn->uri) at spaces and tabs: %HM the method, %HU
// the URI, %HP the URI up to '?', %HPO its path without scheme,
// authority nor query, %HQ the query from '?', %HV the version. A
// missing or malformed line is "<BADREQ>".
func (w *builder) request(n *logformat.Node) {
	uri := w.t.Rec.RequestLine
	if w.t.NoStream {
		uri = nil
	}
	if max := w.env.URILen; max > 0 && len(uri) > max {
		uri = uri[:max]
	}
	have := len(uri) > 0
	if !have {
		uri = []byte(badReq)
	}
	w.quote(n)
	defer w.quote(n)
	if n.Alias == logformat.Request {
		w.encoded(uri, urlEnc, n)
		return
	}
	// the URI is the token after the method and its blanks
	end := len(uri)
	i := 0
	for i < end && !isSpHt(uri[i]) {
		i++
	}
	method := uri[:i]
	spaces := 0
	for i < end && isSpHt(uri[i]) {
		i++
		spaces++
	}
	u := i
	for i < end && !isSpHt(uri[i]) {
		i++
	}
	target := uri[u:i]
	for i < end && isSpHt(uri[i]) {
		i++
	}
	version := uri[i:]
	bad := !have || spaces == 0
	var v []byte
	switch n.Alias {
	case logformat.HTTPMethod:
		if len(method) == end {
			v = []byte(badReq)
		} else {
			v = method
		}
	case logformat.HTTPURI:
		v = target
	case logformat.HTTPPath:
		if q := bytes.IndexByte(target, '?'); q >= 0 {
			v = target[:q]
		} else {
			v = target
		}
	case logformat.HTTPPathOnly:
		v = pathOnly(target)
	case logformat.HTTPQuery:
		if !have {
			bad = true
			break
		}
		bad = false
		if q := bytes.IndexByte(uri, '?'); q >= 0 {
			e := q
			for e < end && !isSpHt(uri[e]) {
				e++
			}
			v = uri[q:e]
		}
	case logformat.HTTPVersion:
		switch {
		case bad:
		case len(version) == 0:
			v = []byte("HTTP/0.9")
		default:
			v = version
		}
	}
	if bad && n.Alias != logformat.HTTPMethod {
		v = []byte(badReq)
	}
	w.encoded(v, urlEnc, n)
}

// pathOnly is http_parse_path() up to '?': the path of an origin-form
// URI, the path after "scheme://authority" of an absolute one, nothing
// for "*" nor an authority alone.
func pathOnly(u []byte) []byte {
	if len(u) == 0 || u[0] == '*' {
		return nil
	}
	if u[0] != '/' {
		// absolute-form: a scheme and "://", else an authority alone
		i := 0
		if !isAlpha(u[0]) {
			return nil
		}
		i++
		for i < len(u) && (isAlpha(u[i]) || u[i] >= '0' && u[i] <= '9' || u[i] == '+' || u[i] == '-' || u[i] == '.') {
			i++
		}
		if !bytes.HasPrefix(u[i:], []byte("://")) {
			return nil
		}
		i += 3
		for i < len(u) && u[i] != '/' {
			i++
		}
		u = u[i:]
		if len(u) == 0 {
			return nil
		}
	}
	if q := bytes.IndexByte(u, '?'); q >= 0 {
		u = u[:q]
	}
	return u
}

func isSpHt(c byte) bool { return c == ' ' || c == '\t' }

func isAlpha(c byte) bool { return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }
