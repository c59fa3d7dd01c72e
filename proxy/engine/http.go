package engine

import (
	"errors"
	"net"
	"os"
	"time"

	"hakeep/proxy/http1"
	"hakeep/proxy/stream"
)

// serveHTTP is "mode http" on an HTTP/1 client connection: requests one
// after the other (keep-alive and pipelining), each through a
// transaction, until either side wants the connection closed.
func (e *Engine) serveHTTP(s *session) {
	st := s.st
	h := st.https.get()
	h.first = true
	defer func() {
		h.releaseServer(s)
		if h.private != nil {
			h.private.Close()
		}
		st.bufs.put(h.in)
		st.bufs.put(h.sin)
		st.bufs.put(h.out)
		st.https.put(h)
	}()
	for {
		if !s.readRequest(h) {
			return
		}
		if !s.transaction(h) {
			return
		}
		h.first = false
	}
}

// readRequest waits for the next request and parses its head into h.req.
// It answers the errors the mux answers itself (400 for an invalid head,
// 408 when "timeout http-request" strikes) and reports false when the
// connection is to be closed.
func (s *session) readRequest(h *httpState) bool {
	e, st := s.e, s.st
	t := &s.fe.px.Timeouts
	// pipelined bytes move to the front: the parser works on a message
	// that starts at offset 0
	if h.in != nil && h.inOff > 0 {
		n := copy(*h.in, (*h.in)[h.inOff:h.inLen])
		h.inOff, h.inLen = 0, n
	}
	h.reqP.Reset()
	h.reqP.AcceptInvalid = s.fe.px.Options.AcceptInvalidHTTPRequest
	s.rec.Reset()
	now := e.deps.Now()
	var headDeadline time.Time
	if h.first && t.HTTPRequest > 0 {
		// the first request is timed from the accept (an empty
		// connection gets its 408 too: recorded against 2.6.12)
		headDeadline = s.accept.Add(t.HTTPRequest)
	}
	if h.inLen == 0 {
		// idle: the buffer goes back to the pool until bytes arrive
		st.bufs.put(h.in)
		h.in = nil
		switch {
		case !headDeadline.IsZero():
			setRead(s.conn, &s.rdBy, headDeadline)
		case h.first:
			extendRead(s.conn, &s.rdBy, now, t.Client)
		default:
			// "timeout http-keep-alive", else http-request, else client
			ka := t.HTTPKeepAlive
			if ka == 0 {
				ka = t.HTTPRequest
			}
			if ka == 0 {
				ka = t.Client
			}
			extendRead(s.conn, &s.rdBy, now, ka)
		}
		if !h.first && e.stopping.Load() {
			return false
		}
		s.idle.Store(true)
		n, err := h.cr.wait(s.rc, st)
		s.idle.Store(false)
		if err != nil || n == 0 {
			if err != nil && h.first && isTimeout(err) && !e.stopping.Load() {
				s.rec.Term.Set(stream.CauseClientTimeout, stream.PhaseRequest)
				s.refuse(h, 408)
			}
			return false
		}
		h.inLen = n
		s.rec.BytesIn += int64(n)
		now = e.deps.Now()
		if !h.first && t.HTTPRequest > 0 {
			// the first byte is here: "timeout http-request" runs
			headDeadline = now.Add(t.HTTPRequest)
		}
	}
	if h.in == nil {
		h.in = st.bufs.get()
	}
	s.rec.Start = now
	for {
		done, err := h.reqP.ParseRequest((*h.in)[:h.inLen], h.req)
		if err != nil {
			var he *http1.Error
			if errors.As(err, &he) && he.Reason == http1.ReasonH2Preface {
				// HTTP/2 with prior knowledge: the h2 mux is not
				// built yet, the connection closes
				return false
			}
			status := 400
			if he != nil && he.Status != 0 {
				status = he.Status
			}
			s.fe.counters.ErrReq.Add(1)
			s.rec.Term.Set(stream.CauseProxy, stream.PhaseRequest)
			s.refuse(h, status)
			return false
		}
		if done {
			return true
		}
		if h.inLen == len(*h.in) {
			s.fe.counters.ErrReq.Add(1)
			s.refuse(h, 400)
			return false
		}
		if !headDeadline.IsZero() {
			setRead(s.conn, &s.rdBy, headDeadline)
		} else {
			extendRead(s.conn, &s.rdBy, e.deps.Now(), t.Client)
		}
		n, err := s.conn.Read((*h.in)[h.inLen:])
		h.inLen += n
		s.rec.BytesIn += int64(n)
		if err != nil {
			if isTimeout(err) && !e.stopping.Load() {
				s.fe.counters.ErrReq.Add(1)
				s.rec.Term.Set(stream.CauseClientTimeout, stream.PhaseRequest)
				s.refuse(h, 408)
			}
			return false
		}
	}
}

// refuse answers with the mux's own verbatim error page and leaves the
// connection to close (h1_handle_bad_req, h1_handle_req_tout).
func (s *session) refuse(h *httpState, status int) {
	page, ok := http1.ErrorPage(status)
	if !ok {
		page, _ = http1.ErrorPage(400)
	}
	s.rec.Status = status
	s.fe.counters.Responses.Count(status)
	extendWrite(s.conn, &s.wrBy, s.e.deps.Now(), s.fe.px.Timeouts.Client)
	n, _ := s.conn.Write(stringBytes(h, page))
	s.rec.BytesOut += int64(n)
	s.logHTTP(h)
}

// stringBytes copies a constant page into the output buffer, so that
// writing it does not allocate.
func stringBytes(h *httpState, page string) []byte {
	if h.out == nil {
		return []byte(page)
	}
	return append((*h.out)[:0], page...)
}

// isTimeout reports a deadline error.
func isTimeout(err error) bool {
	if errors.Is(err, os.ErrDeadlineExceeded) {
		return true
	}
	var ne net.Error
	return errors.As(err, &ne) && ne.Timeout()
}
