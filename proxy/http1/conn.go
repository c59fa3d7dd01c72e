package http1

// Connection management of HAProxy 2.6's H1 mux (mux_h1.c:
// h1_set_cli_conn_mode, h1_set_srv_conn_mode, h1_update_req_conn_value,
// h1_update_res_conn_value), split by the two passes each side makes.

// Mode is a proxy's HTTP connection mode (configuration.txt 4: "option
// http-keep-alive", the default, "option http-server-close", "option
// httpclose").
type Mode uint8

const (
	ModeKeepAlive Mode = iota
	ModeServerClose
	ModeClose
)

// Want is what a connection does once the transaction is over.
type Want uint8

const (
	WantKeepAlive Want = iota
	WantClose
	WantTunnel
)

// ConnValue is the Connection header the mux writes after all the others
// (recorded: conn-first-http10, conn-custom-http10,
// server-close-conn-token: existing custom tokens stay where they were).
type ConnValue uint8

const (
	ConnNone ConnValue = iota
	ConnKeepAlive
	ConnClose
)

// String is the header value.
func (v ConnValue) String() string {
	switch v {
	case ConnKeepAlive:
		return "keep-alive"
	case ConnClose:
		return "close"
	}
	return ""
}

// Exchange follows one transaction through both connections and decides
// whether each survives it and what Connection header each output head
// carries. Methods are called in order: Request, RequestOut, Response
// (once per response head, interim ones included), ResponseOut.
type Exchange struct {
	// Front and Back are the frontend's and the backend's modes. Only the
	// frontend's httpclose closes the client side; either one's
	// http-server-close or httpclose closes the server side
	// (backend-httpclose keeps the client alive).
	Front, Back Mode
	// Client and Server are the decisions so far.
	Client, Server Want
	// PretendKeepAlive is the backend's "option http-pretend-keepalive":
	// the request says keep-alive whatever the server side will do
	// (PR_O2_FAKE_KA in h1_update_req_conn_value).
	PretendKeepAlive bool
}

// Request is the client side's first pass, on the parsed request: an
// HTTP/1.0 request without keep-alive, or any "close", closes the client
// connection after the response (get-http10, get-conn-close).
func (x *Exchange) Request(req *Head) {
	x.Client, x.Server = WantKeepAlive, WantKeepAlive
	if req.Flags&(FlagVer11|FlagConnKeepAlive) == 0 || req.Flags&FlagConnClose != 0 {
		x.Client = WantClose
	}
}

// RequestOut is the server side's first pass, on the request about to be
// sent (rules applied): it returns the Connection value to append. The
// server connection closes on "close", or when either proxy runs
// http-server-close or httpclose (server-close, httpclose).
func (x *Exchange) RequestOut(req *Head) ConnValue {
	f := outputFlags(req)
	switch {
	case f&FlagConnClose != 0:
		x.Server = WantClose
	case f&FlagConnKeepAlive == 0 && (x.Front != ModeKeepAlive || x.Back != ModeKeepAlive):
		x.Server = WantClose
	}
	if x.Server == WantTunnel || f&FlagConnUpgrade != 0 {
		return ConnNone
	}
	if x.Server == WantKeepAlive || x.PretendKeepAlive {
		if f&FlagVer11 == 0 {
			return ConnKeepAlive
		}
		return ConnNone
	}
	if f&FlagVer11 != 0 {
		return ConnClose
	}
	return ConnNone
}

// Response is the server side's second pass, on a parsed response head:
// a tunnel, or a close when the response has no length, says "close",
// or is HTTP/1.0 without keep-alive (http10-close-delimited, conn-close).
func (x *Exchange) Response(req, resp *Head) {
	if Tunnel(req, resp) {
		x.Server = WantTunnel
		return
	}
	if x.Server != WantKeepAlive {
		return
	}
	if !hasLength(resp) || resp.Flags&FlagConnClose != 0 || resp.Flags&(FlagVer11|FlagConnKeepAlive) == 0 {
		x.Server = WantClose
	}
}

// ResponseOut is the client side's second pass, on the response about to
// be sent: it returns the Connection value to append.
func (x *Exchange) ResponseOut(req, resp *Head) ConnValue {
	f := outputFlags(resp)
	if Tunnel(req, resp) {
		x.Client = WantTunnel
	} else if x.Client == WantKeepAlive {
		switch {
		case !hasLength(resp) || f&FlagConnClose != 0:
			x.Client = WantClose
		case f&FlagConnKeepAlive == 0 && x.Front == ModeClose:
			x.Client = WantClose
		}
	}
	if x.Client == WantTunnel || f&FlagConnUpgrade != 0 {
		return ConnNone
	}
	if x.Client == WantKeepAlive {
		if f&FlagVer11 == 0 || req.Flags&FlagVer11 == 0 {
			return ConnKeepAlive
		}
		return ConnNone
	}
	if f&FlagVer11 != 0 {
		return ConnClose
	}
	return ConnNone
}

// hasLength is H1_MF_XFER_LEN: the end of the message is known without
// waiting for the connection to close.
func hasLength(h *Head) bool {
	return !h.Response || h.Flags&(FlagBodyless|FlagContentLength|FlagChunked) != 0
}

// outputFlags are the flags the mux derives from the head it writes: the
// version and framing as parsed, the Connection tokens still present
// (input cleaning removed close and keep-alive, rules may have added
// them), and a close for Transfer-Encoding in HTTP/1.0 (te-http10 and
// http10-chunked close the side that receives it).
func outputFlags(h *Head) Flags {
	f := h.Flags & (FlagVer11 | FlagContentLength | FlagChunked | FlagTransferEncoding | FlagBodyless | FlagHTTP09)
	for i := h.Find("connection", 0); i >= 0; i = h.Find("connection", i+1) {
		f = parseConnection(h.Value(i), f)
	}
	if f&FlagTransferEncoding != 0 && f&FlagVer11 == 0 {
		f |= FlagConnClose
	}
	return f
}
