package http1

// BodyKind is how a message body is delimited (RFC 9112 6.3).
type BodyKind uint8

const (
	// BodyNone: no payload follows the head.
	BodyNone BodyKind = iota
	// BodyLength: Content-Length bytes follow.
	BodyLength
	// BodyChunked: chunked transfer coding, ended by the last chunk and
	// the trailer section.
	BodyChunked
	// BodyUntilClose: a response without length runs until the server
	// closes its connection.
	BodyUntilClose
	// BodyTunnel: after a 101 or a 2xx answer to CONNECT, bytes flow
	// unparsed both ways until either side closes.
	BodyTunnel
)

// Body returns how the body of h is delimited. A request without
// Content-Length or chunked coding has none; a response without either
// runs until close unless it is bodyless (1xx, 204, 304, answer to HEAD,
// tunnel establishment).
func (h *Head) Body() BodyKind {
	switch {
	case h.Flags&FlagBodyless != 0:
		return BodyNone
	case h.Flags&FlagChunked != 0:
		return BodyChunked
	case h.Flags&FlagContentLength != 0:
		if h.ContentLength == 0 {
			return BodyNone
		}
		return BodyLength
	case !h.Response:
		return BodyNone
	}
	return BodyUntilClose
}

// Interim reports whether a response is an interim one (100, 102..199):
// the final response follows it on the same connection.
func (h *Head) Interim() bool {
	return h.Response && (h.Status == 100 || h.Status >= 102 && h.Status < 200)
}

// Tunnel reports whether resp, answering req, turns the connection into
// a tunnel (h1_set_cli_conn_mode/h1_set_srv_conn_mode): a 101, or a 2xx
// to CONNECT (recorded: connect, upgrade-websocket).
func Tunnel(req, resp *Head) bool {
	return resp.Status == 101 || req.Method == MethodConnect && resp.Status >= 200 && resp.Status < 300
}
