package http1

// Flags are the properties of a message head HAProxy 2.6 tracks in
// struct h1m (include/haproxy/h1.h) and that drive framing and
// connection management.
type Flags uint32

const (
	// FlagVer11 is set for HTTP/1.1 and above ("HTTP/x.y", x.y >= 1.1).
	FlagVer11 Flags = 1 << iota
	// FlagContentLength: a valid Content-Length fixes the body length.
	FlagContentLength
	// FlagTransferEncoding: a Transfer-Encoding header was seen.
	FlagTransferEncoding
	// FlagChunked: chunked is the final transfer coding.
	FlagChunked
	// FlagTEChunked: chunked appeared in Transfer-Encoding.
	FlagTEChunked
	// FlagTEOther: a coding other than chunked appeared.
	FlagTEOther
	// FlagConnClose: "close" in Connection, or a close the framing forces
	// (Transfer-Encoding with Content-Length or with HTTP/1.0).
	FlagConnClose
	// FlagConnKeepAlive: "keep-alive" in Connection.
	FlagConnKeepAlive
	// FlagConnUpgrade: "upgrade" in Connection.
	FlagConnUpgrade
	// FlagUpgradeWebSocket: "websocket" in Upgrade.
	FlagUpgradeWebSocket
	// FlagUpgradeH2C: "h2c" or "h2" in Upgrade.
	FlagUpgradeH2C
	// FlagHTTP09: an HTTP/0.9 request converted to HTTP/1.0 (only under
	// accept-invalid-http-request).
	FlagHTTP09
	// FlagBodyless: a response that cannot carry a body (1xx, 204, 304,
	// answer to HEAD, or a tunnel-establishing answer).
	FlagBodyless
	// FlagNormalizedURI: an absolute-form target made from an HTTP/2
	// request's :scheme, :authority and :path (HTX_SL_F_NORMALIZED_URI);
	// it goes out to a server in origin form.
	FlagNormalizedURI
	// FlagWebSocketKeyAdded: the Sec-WebSocket-Key was made up for an
	// HTTP/2 extended CONNECT (RFC 8441 has none); 2.6's H1 mux adds it
	// last, and HTTP/2 servers do not get it.
	FlagWebSocketKeyAdded
)

// Has reports whether all of m are set.
func (f Flags) Has(m Flags) bool { return f&m == m }
