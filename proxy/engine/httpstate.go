package engine

import (
	"sync"

	"hakeep/proxy/backend"
	"hakeep/proxy/balance"
	"hakeep/proxy/http1"
	"hakeep/proxy/server"
)

// httpState is what an HTTP/1 client connection works with between
// requests: parsers, heads and decoders sized once for the limits, the
// buffers while bytes are in flight, and the server connection of the
// transaction. It is pooled, so that a keep-alive request allocates
// nothing.
type httpState struct {
	reqP, respP     http1.Parser
	req, resp       *http1.Head
	reqDec, respDec http1.Decoder
	x               http1.Exchange

	// in is the client's input buffer, nil while idle; in[inOff:inLen]
	// holds bytes not consumed yet.
	in           *[]byte
	inOff, inLen int
	// sin is the server's input buffer, sin[sinOff:sinLen] pending.
	sin            *[]byte
	sinOff, sinLen int
	// out is where heads (and small bodies) are assembled before a
	// write.
	out *[]byte

	be   *backend.Backend
	srv  *server.Server
	conn *server.Conn
	// lb is what load balancing reads of the request.
	lb balance.Request
	// private is the server connection kept by this client connection
	// under "http-reuse never".
	private *server.Conn
	// first is set until the first request of the connection was
	// handled ("http-reuse safe").
	first bool

	// retried counts the transaction's retries after a response
	// ("retry-on"): they take from the same "retries" as connection
	// attempts.
	retried int
	// avoid is the server a redispatched retry must not go back to.
	avoid *server.Server
	// pump is the request body forwarder of the transaction, when the
	// body outlives the first read.
	pump *pumpState

	scratch [64]byte

	// rt is the rules layer's state of the transaction (rules_http.go);
	// attached the backend its stream counts in (rules_backend.go).
	rt       *ruleTxn
	attached *backend.Backend
	// lg is logging's state (logtxn.go).
	lg *logState
}

// httpPool recycles httpStates of one configuration's limits.
type httpPool struct {
	limits http1.Limits
	p      sync.Pool
}

func newHTTPPool(l http1.Limits) *httpPool {
	hp := &httpPool{limits: l}
	hp.p.New = func() any {
		h := &httpState{
			req:  http1.NewHead(l),
			resp: http1.NewHead(l),
		}
		h.reqP.Limits, h.respP.Limits = l, l
		h.reqDec.Limits, h.respDec.Limits = l, l
		return h
	}
	return hp
}

func (hp *httpPool) get() *httpState { return hp.p.Get().(*httpState) }

func (hp *httpPool) put(h *httpState) {
	h.in, h.sin, h.out = nil, nil, nil
	h.inOff, h.inLen, h.sinOff, h.sinLen = 0, 0, 0, 0
	h.be, h.srv, h.conn, h.private = nil, nil, nil, nil
	h.lb = balance.Request{}
	h.pump = nil
	hp.p.Put(h)
}

// Header finds a request header for "balance hdr(<name>)".
func (h *httpState) Header(name string) ([]byte, bool) {
	req := h.req
	for i := range req.Headers {
		if foldEqual(req.Name(i), name) {
			return req.Value(i), true
		}
	}
	return nil, false
}

func foldEqual(a []byte, b string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := 0; i < len(a); i++ {
		x, y := a[i], b[i]
		if 'A' <= x && x <= 'Z' {
			x += 'a' - 'A'
		}
		if 'A' <= y && y <= 'Z' {
			y += 'a' - 'A'
		}
		if x != y {
			return false
		}
	}
	return true
}
