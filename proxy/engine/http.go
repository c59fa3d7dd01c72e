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
// transaction, until either side wants the connection closed or it goes
// idle long enough to be parked. Between requests the connection holds
// no buffer and no parser state: they come from their pools when bytes
// arrive.
func (e *Engine) serveHTTP(s *session) {
	var h *httpState
	end := reqOK
	for end == reqOK {
		if h == nil || h.inOff == h.inLen {
			// nothing pipelined: wait for the next request without
			// holding anything
			s.releaseHTTP(h)
			h = nil
			var buf *[]byte
			var n int
			if end, buf, n = s.waitRequest(); end != reqOK {
				break
			}
			h = s.acquireHTTP()
			h.in, h.inOff, h.inLen = buf, 0, n
			s.rec.Reset()
			s.rec.BytesIn = int64(n)
		} else {
			s.rec.Reset()
			s.headDue = time.Time{}
			if t := s.fe.px.Timeouts.HTTPRequest; t > 0 {
				s.headDue = e.deps.Now().Add(t)
			}
		}
		s.rec.Start = e.deps.Now()
		if end = s.readRequest(h); end != reqOK {
			if end == reqH2 && s.first {
				pre := append([]byte(nil), (*h.in)[:h.inLen]...)
				s.releaseHTTP(h)
				e.serveH2(s, pre)
				return
			}
			break
		}
		if !s.transaction(h) {
			end = reqClose
			break
		}
		h.first, s.first = false, false
	}
	s.releaseHTTP(h)
	if end == reqPark {
		if e.idle.park(s, s.park.due) {
			return
		}
		// the poller refused it: wait on this goroutine after all
		s.noPark = true
		e.serveHTTP(s)
		return
	}
	s.finish()
}

// acquireHTTP takes an httpState for the session's next request.
func (s *session) acquireHTTP() *httpState {
	h := s.st.https.get()
	h.first = s.first
	h.private, s.private = s.private, nil
	return h
}

// releaseHTTP gives h and its buffers back, keeping what outlives a
// request in the session.
func (s *session) releaseHTTP(h *httpState) {
	if h == nil {
		return
	}
	st := s.st
	h.releaseServer(s)
	s.private, h.private = h.private, nil
	st.bufs.put(h.in)
	st.bufs.put(h.sin)
	st.bufs.put(h.out)
	st.https.put(h)
}

// resumeHTTP takes a parked connection up again once bytes arrived.
func (e *Engine) resumeHTTP(s *session) {
	e.serveHTTP(s)
}

// expireIdle ends a parked connection whose timeout struck: silently for
// a kept-alive one, with a 408 for a connection that never sent its first
// request (as HAProxy answers an empty connection).
func (e *Engine) expireIdle(s *session) {
	if !s.first || e.stopping.Load() {
		s.finish()
		return
	}
	go func() {
		s.timeout408()
		s.finish()
	}()
}

// timeout408 answers a first request that did not come in time; under
// "option http-ignore-probes" (section 4.2) the empty connection closes
// without a response or a log line (h1_handle_req_tout).
func (s *session) timeout408() {
	if s.fe.px.Options.HTTPIgnoreProbes {
		return
	}
	h := s.acquireHTTP()
	s.rec.Reset()
	s.rec.Term.Set(stream.CauseClientTimeout, stream.PhaseRequest)
	s.refuse(h, 408)
	s.releaseHTTP(h)
}

// reqEnd is how waiting for a request ended.
type reqEnd uint8

const (
	reqOK    reqEnd = iota // a request head is parsed
	reqClose               // the connection is to be closed
	reqPark                // idle past the grace period: park it
	reqH2                  // the HTTP/2 preface: the connection is h2
)

// Grace periods before an idle connection is parked: a new connection
// that does not send its request at once is parked soon (browsers open
// connections ahead of need), a kept-alive one after a second (busy
// clients send their next request sooner and never pay for parking).
const (
	firstGrace = 20 * time.Millisecond
	parkGrace  = 50 * time.Millisecond
)

// waitRequest waits for the first bytes of the next request, holding no
// buffer until they come, and returns them in a pool buffer. The wait
// ends with "timeout http-request" from the accept for the first request
// (408, recorded against 2.6.12: an empty connection gets one too), or
// "timeout http-keep-alive" (else http-request, else client) for the
// next ones, silently; past the grace period the connection is parked.
// A soft stop closes a kept-alive connection waiting here, and lets a new
// one send its first request.
func (s *session) waitRequest() (reqEnd, *[]byte, int) {
	if s.isTLS() {
		return s.waitTLS()
	}
	e, st := s.e, s.st
	t := &s.fe.px.Timeouts
	now := e.deps.Now()
	var due time.Time
	var idle time.Duration
	switch {
	case s.first && t.HTTPRequest > 0:
		due = s.accept.Add(t.HTTPRequest)
	case s.first:
		idle = t.Client
	default:
		idle = t.HTTPKeepAlive
		if idle == 0 {
			idle = t.HTTPRequest
		}
		if idle == 0 {
			idle = t.Client
		}
	}
	if due.IsZero() && idle > 0 {
		due = now.Add(idle)
	}
	grace := parkGrace
	if s.first {
		grace = firstGrace
	}
	var n int
	var err error
	for {
		parkable := !s.noPark && e.idle != nil && !e.stopping.Load() && (due.IsZero() || due.Sub(now) > grace)
		switch {
		case parkable:
			extendRead(s.conn, &s.rdBy, now, grace)
		case idle == 0:
			setRead(s.conn, &s.rdBy, due)
		default:
			extendRead(s.conn, &s.rdBy, now, idle)
		}
		if !s.first {
			// marked idle before looking at the stop: a soft stop sets
			// stopping before it kicks the idle ones (kickIdle), so
			// one of the two sees the other
			s.idle.Store(true)
			if e.stopping.Load() {
				s.idle.Store(false)
				return reqClose, nil, 0
			}
		}
		n, err = s.cr.wait(s.rc, st)
		s.idle.Store(false)
		if err == nil || !parkable || !isTimeout(err) {
			break
		}
		if !e.stopping.Load() {
			// the rest of the wait happens in the poller, up to the
			// same deadline
			s.park.due = due
			return reqPark, nil, 0
		}
		if !s.first {
			break
		}
		// stopping during the grace period: a new connection waits for
		// its first request here
		now = e.deps.Now()
	}
	if err != nil || n == 0 {
		s.cr.release(st)
		if err != nil && s.first && isTimeout(err) {
			s.timeout408()
		}
		return reqClose, nil, 0
	}
	// the head must be complete by "timeout http-request": from the
	// accept for the first request, from its first byte for the others
	s.headDue = time.Time{}
	if t.HTTPRequest > 0 {
		s.headDue = e.deps.Now().Add(t.HTTPRequest)
		if s.first {
			s.headDue = s.accept.Add(t.HTTPRequest)
		}
	}
	return reqOK, s.cr.take(), n
}

// readRequest parses the request head at the start of h.in into h.req,
// reading more while it is incomplete. It answers the errors the mux
// answers itself (400 for an invalid head, 408 when "timeout
// http-request" strikes).
func (s *session) readRequest(h *httpState) reqEnd {
	e := s.e
	t := &s.fe.px.Timeouts
	// pipelined bytes move to the front: the parser works on a message
	// that starts at offset 0
	if h.inOff > 0 {
		n := copy(*h.in, (*h.in)[h.inOff:h.inLen])
		h.inOff, h.inLen = 0, n
	}
	if s.first {
		// the parser looks for the HTTP/2 preface in the first message
		// it sees; an httpState comes from a pool and its parser may
		// have parsed another connection's requests (2.6's H1 mux
		// looks for the preface on each connection's first request)
		h.reqP = http1.Parser{Limits: h.reqP.Limits}
	}
	h.reqP.Reset()
	h.reqP.AcceptInvalid = s.fe.px.Options.AcceptInvalidHTTPRequest
	for {
		done, err := h.reqP.ParseRequest((*h.in)[:h.inLen], h.req)
		if err != nil {
			var he *http1.Error
			if errors.As(err, &he) && he.Reason == http1.ReasonH2Preface {
				// HTTP/2 with prior knowledge: the connection goes to
				// the h2 mux (h2front.go)
				return reqH2
			}
			status := 400
			if he != nil && he.Status != 0 {
				status = he.Status
			}
			// h1_handle_bad_req counts a request too (req_tot)
			s.fe.counters.Requests.Add(1)
			s.fe.counters.ErrReq.Add(1)
			s.rec.Term.Set(stream.CauseProxy, stream.PhaseRequest)
			s.refuse(h, status)
			return reqClose
		}
		if done {
			return reqOK
		}
		if h.inLen == len(*h.in) {
			s.fe.counters.Requests.Add(1)
			s.fe.counters.ErrReq.Add(1)
			s.refuse(h, 400)
			return reqClose
		}
		if !s.headDue.IsZero() {
			setRead(s.conn, &s.rdBy, s.headDue)
		} else {
			extendRead(s.conn, &s.rdBy, e.deps.Now(), t.Client)
		}
		n, err := s.conn.Read((*h.in)[h.inLen:])
		h.inLen += n
		s.rec.BytesIn += int64(n)
		if err != nil {
			if isTimeout(err) && !e.stopping.Load() {
				// h1_handle_req_tout
				s.fe.counters.Requests.Add(1)
				s.fe.counters.ErrReq.Add(1)
				s.rec.Term.Set(stream.CauseClientTimeout, stream.PhaseRequest)
				s.refuse(h, 408)
			} else if h.inLen > 0 {
				// the client left in the middle of a head: 2.6's mux
				// logs an invalid request the client closed (400, CR--)
				s.rec.Term.Set(stream.CauseClientAbort, stream.PhaseRequest)
				s.rec.Status = 400
				s.logHTTP(h)
			}
			return reqClose
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
