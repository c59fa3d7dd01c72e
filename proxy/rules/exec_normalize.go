package rules

import (
	"bytes"
	"sort"
)

// normalizeURI is http-request normalize-uri (configuration.txt 4.2,
// experimental in 2.6): src/http_act.c's http_action_normalize_uri over
// src/uri_normalizer.c. The path normalizers rewrite the path and keep
// the query; percent-*, fragment-* rewrite path and query together;
// query-sort-by-name rewrites the query. An invalid percent sequence
// under "strict" is a bad request (ACT_RET_INV); a request whose URI has
// no path is left alone.
func (t *Txn) normalizeURI(n *Normalize) Verdict {
	if t.Req == nil {
		return Continue
	}
	uri := t.Req.URI()
	pre, path, query := splitURI(uri)
	if len(path) == 0 && len(query) == 0 {
		return Continue
	}
	out := append(t.fmt2[:0], pre...)
	switch n.Normalizer {
	case "path-merge-slashes":
		out = mergeSlashes(out, path)
		out = append(out, query...)
	case "path-strip-dot":
		out = stripDot(out, path)
		out = append(out, query...)
	case "path-strip-dotdot":
		out = stripDotDot(out, path, n.Option == "full")
		out = append(out, query...)
	case "query-sort-by-name":
		out = append(out, path...)
		out = sortQuery(out, query)
	case "percent-to-uppercase", "percent-decode-unreserved":
		var ok bool
		out, ok = percentNormalize(out, uri[len(pre):], n.Normalizer == "percent-decode-unreserved", n.Option == "strict")
		if !ok {
			return BadReq
		}
	case "fragment-strip":
		pq := uri[len(pre):]
		if i := bytes.IndexByte(pq, '#'); i >= 0 {
			pq = pq[:i]
		}
		out = append(out, pq...)
	case "fragment-encode":
		for _, c := range uri[len(pre):] {
			if c == '#' {
				out = append(out, "%23"...)
			} else {
				out = append(out, c)
			}
		}
	default:
		return Continue
	}
	t.fmt2 = out
	if !t.Req.SetURI(out) {
		return t.rewriteFailed(HTTPRequest)
	}
	return Continue
}

// mergeSlashes is uri_normalizer_path_merge_slashes.
func mergeSlashes(out, path []byte) []byte {
	for i := 0; i < len(path); i++ {
		out = append(out, path[i])
		if path[i] == '/' {
			for i+1 < len(path) && path[i+1] == '/' {
				i++
			}
		}
	}
	return out
}

// stripDot is uri_normalizer_path_dot: "." segments go, with the slash
// after them.
func stripDot(out, path []byte) []byte {
	for len(path) > 0 {
		seg := path
		rest := path[len(path):]
		last := true
		if i := bytes.IndexByte(path, '/'); i >= 0 {
			seg, rest, last = path[:i], path[i+1:], false
		}
		if !(len(seg) == 1 && seg[0] == '.') {
			out = append(out, seg...)
			if !last {
				out = append(out, '/')
			}
		}
		path = rest
	}
	return out
}

// stripDotDot is uri_normalizer_path_dotdot: read from the end, each
// "/../" takes the segment before it away; without "full" the ones left
// over stay at the start.
func stripDotDot(out, path []byte, full bool) []byte {
	buf := make([]byte, len(path))
	head := len(buf)
	off := len(path) - 1
	up := 0
	if off >= 2 && bytes.HasPrefix(path[off-2:], []byte("/..")) {
		up++
		off -= 2
	}
	for off >= 0 {
		if off >= 3 && bytes.HasPrefix(path[off-3:], []byte("/../")) {
			up++
			off -= 3
			continue
		}
		if up > 0 {
			off--
			if off >= 0 {
				up--
				for off >= 0 && path[off] != '/' {
					off--
				}
			}
			continue
		}
		head--
		buf[head] = path[off]
		off--
		for off >= 0 && path[off] != '/' {
			head--
			buf[head] = path[off]
			off--
		}
	}
	if up > 0 {
		if !full {
			for ; up > 0; up-- {
				out = append(out, "/.."...)
			}
		}
		out = append(out, '/')
	}
	return append(out, buf[head:]...)
}

// sortQuery is uri_normalizer_query_sort: the parameters ordered by name
// (memcmp, shorter first), equal names in their order.
func sortQuery(out, query []byte) []byte {
	if len(query) == 0 {
		return out
	}
	out = append(out, query[0])
	params := bytes.Split(query[1:], []byte("&"))
	if len(query) > 1 && query[len(query)-1] == '&' {
		params = params[:len(params)-1]
	}
	name := func(p []byte) []byte {
		if i := bytes.IndexByte(p, '='); i >= 0 {
			return p[:i]
		}
		return p
	}
	sort.SliceStable(params, func(i, j int) bool {
		return bytes.Compare(name(params[i]), name(params[j])) < 0
	})
	for i, p := range params {
		if i > 0 {
			out = append(out, '&')
		}
		out = append(out, p...)
	}
	return out
}

// percentNormalize is uri_normalizer_percent_upper and
// uri_normalizer_percent_decode_unreserved: a '%' not followed by two
// hex digits is kept, or fails under strict.
func percentNormalize(out, in []byte, decode, strict bool) ([]byte, bool) {
	for i := 0; i < len(in); i++ {
		c := in[i]
		if c != '%' {
			out = append(out, c)
			continue
		}
		if i+2 < len(in) && isHexDigit(in[i+1]) && isHexDigit(in[i+2]) {
			h1, h2 := in[i+1], in[i+2]
			i += 2
			v := hexVal(h1)<<4 | hexVal(h2)
			switch {
			case decode && isUnreserved(v):
				out = append(out, v)
			case decode:
				out = append(out, '%', h1, h2)
			default:
				out = append(out, '%', upperHex(h1), upperHex(h2))
			}
			continue
		}
		if strict {
			return out, false
		}
		out = append(out, c)
	}
	return out, true
}

func hexVal(c byte) byte {
	if c <= '9' {
		return c - '0'
	}
	return c | 0x20 - 'a' + 10
}

func upperHex(c byte) byte {
	if c >= 'a' && c <= 'f' {
		return c - 32
	}
	return c
}

// isUnreserved is RFC 3986 2.3's unreserved set.
func isUnreserved(c byte) bool {
	return c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' ||
		c == '-' || c == '.' || c == '_' || c == '~'
}
