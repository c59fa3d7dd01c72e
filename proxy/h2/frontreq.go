package h2

import (
	"strconv"

	"golang.org/x/net/http2/hpack"
)

// requestInfo is what the translation of a request keeps for its
// response.
type requestInfo struct {
	head bool // HEAD: the response has no body
	// extConnect is RFC 8441's extended CONNECT: an HTTP/1.1 upgrade
	// whose 101 answer becomes a 200.
	extConnect bool
	// connect is a plain CONNECT: a tunnel after a 2xx.
	connect bool
	// chunked: the body goes in chunks (no content-length, not ended
	// with the headers).
	chunked bool
	hasBody bool
	// normalized: the target is in absolute form made of :scheme,
	// :authority and :path; servers get its origin form.
	normalized bool
	// keyAdded: an extended CONNECT got a made-up WebSocket key, the
	// last field, which the HTTP/1 codec wants to see.
	keyAdded bool
}

// appendRequestH1 writes the HTTP/1.1 form of a request's header
// section as HAProxy 2.6 makes it (h2_make_htx_request then the H1
// mux): the request line with the origin-form target and the version
// "HTTP/2.0" the engine reports (req.ver, %HV), the Host from
// :authority in first place (any host field is then dropped), the
// fields in order, duplicate content-lengths once, the extended
// CONNECT's "upgrade" and "connection", the cookies merged into one
// field at the end (RFC 9113 8.2.3), and chunked framing for a body of
// unknown length.
func appendRequestH1(dst []byte, fields []hpack.HeaderField, endStream bool) ([]byte, requestInfo) {
	var method, scheme, path, authority, protocol string
	var ri requestInfo
	for _, hf := range fields {
		switch hf.Name {
		case ":method":
			method = hf.Value
		case ":scheme":
			scheme = hf.Value
		case ":path":
			path = hf.Value
		case ":authority":
			authority = hf.Value
		case ":protocol":
			protocol = hf.Value
		}
	}
	ri.head = method == "HEAD"
	switch {
	case protocol != "":
		ri.extConnect = true
		method = "GET"
	case method == "CONNECT":
		ri.connect = true
		path = authority
	}
	dst = append(dst, method...)
	dst = append(dst, ' ')
	if !ri.connect && scheme != "" && authority != "" {
		// h2_prepare_htx_reqline: with an authority, the absolute form
		dst = append(dst, scheme...)
		dst = append(dst, "://"...)
		dst = append(dst, authority...)
		if path != "*" {
			dst = append(dst, path...)
		}
		ri.normalized = equalFoldASCII(scheme, "http") || equalFoldASCII(scheme, "https")
	} else {
		dst = append(dst, path...)
	}
	dst = append(dst, " HTTP/2.0\r\n"...)
	if authority != "" {
		dst = appendField(dst, "host", authority)
	}
	clen := false
	hasKey := false
	cookies := 0
	for _, hf := range fields {
		if hf.IsPseudo() {
			continue
		}
		switch hf.Name {
		case "host":
			if authority != "" {
				continue
			}
		case "content-length":
			if clen {
				continue
			}
			clen = true
		case "cookie":
			cookies++
			continue
		case "sec-websocket-key":
			hasKey = true
		}
		dst = appendField(dst, hf.Name, hf.Value)
	}
	if ri.extConnect {
		dst = appendField(dst, "upgrade", protocol)
		dst = appendField(dst, "connection", "upgrade")
	}
	if cookies > 0 {
		dst = append(dst, "cookie: "...)
		n := 0
		for _, hf := range fields {
			if hf.Name == "cookie" {
				if n > 0 {
					dst = append(dst, "; "...)
				}
				dst = append(dst, hf.Value...)
				n++
			}
		}
		dst = append(dst, '\r', '\n')
	}
	if ri.extConnect && !hasKey {
		dst = appendField(dst, "sec-websocket-key", NewWebSocketKey())
		ri.keyAdded = true
	}
	ri.hasBody = !endStream && !ri.extConnect && !ri.connect
	if ri.hasBody && !clen {
		ri.chunked = true
		dst = appendField(dst, "transfer-encoding", "chunked")
	}
	dst = append(dst, '\r', '\n')
	return dst, ri
}

// appendField appends "name: value" and CRLF.
func appendField(dst []byte, name, value string) []byte {
	dst = append(dst, name...)
	dst = append(dst, ':', ' ')
	dst = append(dst, value...)
	return append(dst, '\r', '\n')
}

// appendChunk frames p as one HTTP/1.1 chunk.
func appendChunk(dst, p []byte) []byte {
	dst = strconv.AppendInt(dst, int64(len(p)), 16)
	dst = append(dst, '\r', '\n')
	dst = append(dst, p...)
	return append(dst, '\r', '\n')
}

// appendLastChunk ends a chunked body with the trailers.
func appendLastChunk(dst []byte, trailers []hpack.HeaderField) []byte {
	dst = append(dst, '0', '\r', '\n')
	for _, hf := range trailers {
		dst = appendField(dst, hf.Name, hf.Value)
	}
	return append(dst, '\r', '\n')
}

// equalFoldASCII compares ASCII strings without case.
func equalFoldASCII(a, b string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := 0; i < len(a); i++ {
		x, y := a[i]|0x20, b[i]|0x20
		if x != y {
			return false
		}
	}
	return true
}
