package engine

import (
	"time"

	"hakeep/proxy/backend"
	"hakeep/proxy/http1"
)

// Body is what the body fetches (req.body, res.body...) see: the bytes
// received with the head, a chunked body's payload without its framing.
func (m *headMsg) Body() []byte {
	if m.h == nil || m.h.Body() != http1.BodyChunked {
		return m.body
	}
	if !m.decoded {
		m.dec, _ = dechunk(m.dec[:0], m.body)
		m.decoded = true
	}
	return m.dec
}

// setBody is the body received so far, after more came.
func (m *headMsg) setBody(b []byte) { m.body, m.decoded = b, false }

// dechunk appends the payload of the complete chunks of in to dst and
// says whether the last chunk came.
func dechunk(dst, in []byte) ([]byte, bool) {
	var d http1.Decoder
	d.Reset(http1.BodyChunked, 0, false)
	for {
		p, err := d.Next(in)
		if err != nil {
			return dst, false
		}
		switch p.Kind {
		case http1.PieceEnd:
			return dst, true
		case http1.PieceData:
			dst = append(dst, p.Data...)
		}
		if p.N == 0 {
			return dst, false
		}
		in = in[p.N:]
	}
}

// WaitBody implements rules.BodyWaiter for "http-request wait-for-body"
// (http_wait_for_msg_body): the request's body is read until it is
// complete, atLeast bytes of it came, the buffer is full, or ms passed;
// the rules then go on with what came. The bytes stay in the input
// buffer, forwarded as usual afterwards.
func (rt *ruleTxn) WaitBody(response bool, ms uint32, atLeast uint64) {
	s, h := rt.sess, rt.hs
	if response || s == nil || h == nil {
		return
	}
	req := h.req
	kind := req.Body()
	if kind != http1.BodyLength && kind != http1.BodyChunked {
		return
	}
	due := s.e.deps.Now().Add(time.Duration(ms) * time.Millisecond)
	for h.inLen < len(*h.in) && !rt.bodyEnough(kind, uint64(req.ContentLength), atLeast) {
		setRead(s.conn, &s.rdBy, due)
		n, err := s.conn.Read((*h.in)[h.inLen:])
		h.inLen += n
		s.rec.BytesIn += int64(n)
		rt.req.setBody((*h.in)[req.Len:h.inLen])
		if err != nil {
			break
		}
	}
}

// bodyEnough says whether the wait is over: the whole body, or atLeast
// bytes of payload.
func (rt *ruleTxn) bodyEnough(kind http1.BodyKind, length, atLeast uint64) bool {
	if kind == http1.BodyLength {
		have := uint64(len(rt.req.body))
		return have >= length || (atLeast > 0 && have >= atLeast)
	}
	var end bool
	rt.req.dec, end = dechunk(rt.req.dec[:0], rt.req.body)
	rt.req.decoded = true
	return end || (atLeast > 0 && uint64(len(rt.req.dec)) >= atLeast)
}

// serverTimeout is "timeout server", or what "http-request set-timeout
// server" made it for this transaction.
func (h *httpState) serverTimeout(be *backend.Backend) time.Duration {
	if rt := h.rt; rt != nil && rt.live && rt.t.ServerTimeoutMs > 0 {
		return time.Duration(rt.t.ServerTimeoutMs) * time.Millisecond
	}
	return be.Proxy.Timeouts.Server
}
