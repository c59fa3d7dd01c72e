package engine

import (
	"context"
	"errors"
	"time"

	"hakeep/proxy/backend"
	"hakeep/proxy/http1"
	"hakeep/proxy/stream"

	"golang.org/x/sys/unix"
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

// connectAbortable connects while watching the client: its closing
// cancels the wait in a queue ("CQ") or for the connection ("CC").
func (s *session) connectAbortable(be *backend.Backend, h *httpState) attempt {
	ctx, cancel := context.WithCancel(s.e.ctx)
	defer cancel()
	// the deadline left by the request's wait must not end the watch
	s.conn.SetReadDeadline(time.Time{})
	done := make(chan struct{})
	go func() {
		defer close(done)
		// a peek that finds the end of the stream is a close; bytes
		// (a pipelined request) say nothing, and end the watch
		var b [1]byte
		var n int
		var perr error
		s.rc.Read(func(fd uintptr) bool {
			for {
				n, _, perr = unix.Recvfrom(int(fd), b[:], unix.MSG_PEEK|unix.MSG_DONTWAIT)
				if perr != unix.EINTR {
					return perr != unix.EAGAIN
				}
			}
		})
		if perr == nil && n == 0 && ctx.Err() == nil {
			cancel()
		}
	}()
	a := s.connect(ctx, be, &h.lb, h, h.rt)
	// wake the watcher and wait for it: the connection's reads are the
	// goroutine's again
	s.conn.SetReadDeadline(past())
	<-done
	s.rdBy = past()
	if ctx.Err() != nil && s.e.ctx.Err() == nil && a.conn == nil {
		phase := stream.PhaseConnect
		if a.term.Phase == stream.PhaseQueue {
			phase = stream.PhaseQueue
		}
		a.term = stream.Term{Cause: stream.CauseClientAbort, Phase: phase}
	}
	return a
}
