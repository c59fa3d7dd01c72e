package engine

import (
	"crypto/tls"
	"sync"
	"sync/atomic"

	"hakeep/proxy/h2"
	"hakeep/proxy/http1"
	"hakeep/proxy/stream"
)

// HTTP/2 on the client side (proxy/h2): the connection's frames are the
// mux's, and each stream runs as a transaction of its own on a session
// of its own whose client connection is the stream in HTTP/1.1 form
// (h2.FrontConn), so that rules, logs, stats and the server side see an
// h2 request like an h1 one, with the version "HTTP/2.0" (req.ver,
// %HV) as HAProxy's HTX start line carries it.

// h2Front is a configuration's HTTP/2 frontend side, made on first use.
type h2Front struct {
	once sync.Once
	set  h2.Settings
	pool *h2.FrontPool
}

func (st *state) h2Front() *h2Front {
	f := &st.h2
	f.once.Do(func() {
		f.set = h2.SettingsFrom(&st.cfg.Global)
		f.pool = h2.NewFrontPool(st.limits)
	})
	return f
}

// alpnConn is a TLS connection, which reports the protocol ALPN chose
// (crypto/tls.Conn, after the handshake).
type alpnConn interface {
	ConnectionState() tls.ConnectionState
}

// wantsH2 reports a client connection that speaks HTTP/2 from its first
// byte: "proto h2" on the bind line (configuration.txt 5.1), or "h2"
// negotiated by ALPN.
func (s *session) wantsH2() bool {
	if s.bind != nil && s.bind.Proto == "h2" {
		return true
	}
	if ac, ok := s.conn.(alpnConn); ok {
		return ac.ConnectionState().NegotiatedProtocol == "h2"
	}
	return false
}

// serveH2 runs an HTTP/2 client connection to its end. pre holds bytes
// already read from it (the preface an HTTP/1 bind detected: 2.6
// switches such a connection to HTTP/2).
func (e *Engine) serveH2(s *session, pre []byte) {
	f := s.st.h2Front()
	var streams atomic.Int64
	sv := h2.Server{
		Settings: f.set,
		Idle:     s.fe.px.Timeouts.Client,
		Handler: func(stm *h2.Stream) {
			e.serveH2Stream(s, f, stm, streams.Add(1) == 1)
		},
		BadRequest: func() { e.badH2Request(s) },
	}
	sv.Serve(s.conn, pre)
	s.finish()
}

// badH2Request logs a request the mux refused (a malformed header
// section) as 2.6 does: "<BADREQ>", no status, "PR".
func (e *Engine) badH2Request(parent *session) {
	s := &session{e: e, conn: parent.conn, bind: parent.bind, fe: parent.fe, st: parent.st, src: parent.src,
		dst: parent.dst, accept: e.deps.Now(), noPark: true}
	h := s.acquireHTTP()
	s.rec.Reset()
	s.rec.Start = s.accept
	s.rec.Term.Set(stream.CauseProxy, stream.PhaseRequest)
	s.rec.Status = 0
	s.fe.counters.ErrReq.Add(1)
	s.logHTTP(h)
	s.releaseHTTP(h)
}

// h2StreamFailed reports a session serving an HTTP/2 stream that failed.
func (s *session) h2StreamFailed() bool {
	fc, ok := s.conn.(*h2.FrontConn)
	return ok && fc.Failed()
}

// serveH2Stream runs one stream's transaction.
func (e *Engine) serveH2Stream(parent *session, f *h2Front, stm *h2.Stream, first bool) {
	st := parent.st
	now := e.deps.Now()
	s := &session{e: e, bind: parent.bind, fe: parent.fe, st: st, src: parent.src, dst: parent.dst,
		authority: parent.authority, accept: now, first: first, noPark: true, rc: nil, upTLS: parent.tlsInfo()}
	h := s.acquireHTTP()
	h.in = st.bufs.get()
	fc, head := f.pool.Get(stm, parent.conn.LocalAddr(), parent.conn.RemoteAddr(), (*h.in)[:0])
	s.conn = fc
	s.rec.Reset()
	s.rec.Start = now
	complete := false
	if len(head) > len(*h.in) {
		// the head does not fit a buffer once in HTTP/1.1 form: 2.6
		// cannot fit it in its HTX buffer either
		s.fe.counters.ErrReq.Add(1)
		s.rec.Term.Set(stream.CauseProxy, stream.PhaseRequest)
		s.refuse(h, 400)
	} else {
		h.inLen = len(head)
		s.rec.BytesIn = int64(len(head))
		if t := s.fe.px.Timeouts.HTTPRequest; t > 0 {
			s.headDue = now.Add(t)
		}
		if s.readRequest(h) == reqOK {
			if fc.NormalizedURI() {
				h.req.Flags |= http1.FlagNormalizedURI
			}
			if fc.WebSocketKeyAdded() {
				h.req.Flags |= http1.FlagWebSocketKeyAdded
			}
			s.transaction(h)
			c := s.rec.Term.Cause
			// a server that cut its response or stopped answering:
			// 2.6's stream shuts the client side, whose H2 mux ends a
			// stream that sent its headers with an empty DATA frame
			// carrying END_STREAM (h2_do_shutw; recorded: server-cut-
			// body, also for a chunked body), not with RST_STREAM
			complete = c == 0 || s.rec.Term == stream.Normal() ||
				c == stream.CauseServerAbort || c == stream.CauseServerTimeout
		}
	}
	s.releaseHTTP(h)
	if s.private != nil {
		s.private.Close()
		s.private = nil
	}
	fc.Finish(complete)
	f.pool.Put(fc)
}
