package engine

import (
	"errors"

	"hakeep/proxy/backend"
	"hakeep/proxy/http1"
	"hakeep/proxy/stream"
)

// errClientGone is a client that closed or failed while its request was
// being received.
var errClientGone = errors.New("client closed while sending its request")

// bufferBody is "option http-buffer-request" (configuration.txt section
// 4.2): the request waits until its body is complete or the buffer is
// full before a server is chosen, within "timeout http-request" when set
// (it then covers the body too), else "timeout client". The bytes read are
// framed for the server into out.
func (s *session) bufferBody(h *httpState, be *backend.Backend, out []byte, ca http1.CaseAdjust) ([]byte, bool, error) {
	e := s.e
	t := &s.fe.px.Timeouts
	for h.inLen < len(*h.in) {
		if !s.headDue.IsZero() {
			setRead(s.conn, &s.rdBy, s.headDue)
		} else {
			extendRead(s.conn, &s.rdBy, e.deps.Now(), t.Client)
		}
		n, err := s.conn.Read((*h.in)[h.inLen:])
		h.inLen += n
		s.rec.BytesIn += int64(n)
		if n > 0 {
			var used int
			var ended bool
			var ferr error
			out, used, ended, ferr = frameBody(&h.reqDec, (*h.in)[h.inOff:h.inLen], out, ca)
			h.inOff += used
			if ferr != nil {
				return out, false, ferr
			}
			if ended {
				return out, true, nil
			}
		}
		if err != nil {
			if isTimeout(err) {
				// the stream's 408 (http_wait_for_request_body()),
				// through HTX like its other errors, not the mux's
				// verbatim page
				s.rec.Term.Set(stream.CauseClientTimeout, stream.PhaseRequest)
				s.reply(h, be, 408, true)
			}
			return out, false, errClientGone
		}
	}
	return out, false, nil
}
