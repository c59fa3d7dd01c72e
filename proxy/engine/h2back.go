package engine

import (
	"hakeep/proxy/backend"
	"hakeep/proxy/h2"
	"hakeep/proxy/http1"
)

// appendRequestHead writes the request head for be's servers. What
// 2.6's muxes do at that point for a request an HTTP/2 client sent is
// done here, after the rules ran:
//   - a target the client gave in pieces (:scheme, :authority, :path)
//     stays in absolute form for "proto h2" servers, whose mux sends its
//     scheme and authority as such (h2s_bck_make_req_headers); HTTP/1
//     servers get its origin form;
//   - the chunked coding of a body of unknown length is announced last,
//     as the H1 mux adds it when it writes the head;
//   - an extended CONNECT (RFC 8441) going to an HTTP/1 server as a
//     WebSocket upgrade gets the key RFC 8441 dropped (made up by
//     h2.FrontConn), last, named as the H1 mux names it; HTTP/2 servers
//     get none.
func appendRequestHead(dst []byte, req *http1.Head, be *backend.Backend, conn http1.ConnValue, ca http1.CaseAdjust) []byte {
	if !fromH2(req) {
		return req.AppendHead(dst, conn, ca)
	}
	toH2 := h2Backend(be)
	lastField(req, "transfer-encoding")
	key := req.Flags&http1.FlagWebSocketKeyAdded != 0 && lastField(req, "sec-websocket-key")
	if key && toH2 {
		// the codec wants a key in a WebSocket upgrade: the h2 server
		// side recognises this one and drops it
		req.SetValue(len(req.Headers)-1, []byte(h2.NoWebSocketKey))
		key = false
	}
	if toH2 && req.Flags&http1.FlagNormalizedURI != 0 {
		req.Flags &^= http1.FlagNormalizedURI
		dst = req.AppendHead(dst, conn, ca)
		req.Flags |= http1.FlagNormalizedURI
		return dst
	}
	mark := len(dst)
	dst = req.AppendHead(dst, conn, ca)
	if key {
		// the H1 mux's spelling of the name
		const lower, upper = "\r\nsec-websocket-key: ", "\r\nSec-Websocket-Key: "
		if i := lastIndex(dst[mark:], lower); i >= 0 {
			copy(dst[mark+i:], upper)
		}
	}
	return dst
}

// lastField moves the first field called name to the end of the head,
// and reports whether there was one.
func lastField(req *http1.Head, name string) bool {
	i := req.Find(name, 0)
	if i < 0 {
		return false
	}
	f := req.Headers[i]
	copy(req.Headers[i:], req.Headers[i+1:])
	req.Headers[len(req.Headers)-1] = f
	return true
}

// lastIndex is bytes.LastIndex for a string.
func lastIndex(b []byte, s string) int {
	for i := len(b) - len(s); i >= 0; i-- {
		if string(b[i:i+len(s)]) == s {
			return i
		}
	}
	return -1
}

// fromH2 reports a request an HTTP/2 client sent: its version is the
// one HTX gives such requests.
func fromH2(req *http1.Head) bool {
	return string(req.Bytes(req.Version)) == "HTTP/2.0"
}

// h2Backend reports a backend whose servers speak HTTP/2 ("proto h2").
func h2Backend(be *backend.Backend) bool {
	for _, srv := range be.Servers {
		if srv.Cfg.Proto != "h2" {
			return false
		}
	}
	return len(be.Servers) > 0
}
