package engine

import (
	"net"
	"net/netip"
	"sync"
	"sync/atomic"
	"syscall"
	"time"

	"hakeep/proxy"
	"hakeep/proxy/http1"
	"hakeep/proxy/listener"
	"hakeep/proxy/proxyproto"
	"hakeep/proxy/sample"
	"hakeep/proxy/server"
	"hakeep/proxy/sock"
	"hakeep/proxy/stream"
)

// session is one accepted client connection.
type session struct {
	e    *Engine
	conn net.Conn
	rc   syscall.RawConn
	bind *proxy.Bind
	fe   *frontend
	// st is the configuration the connection was accepted under.
	st *state
	// src is the client's address and dst the address it connected to,
	// as the socket says or as a PROXY header says.
	src, dst netip.AddrPort
	// authority is the PROXY v2 authority TLV, if any.
	authority []byte
	accept    time.Time
	// idle is set while waiting for a next request on a kept-alive
	// connection, when a soft stop may close it.
	idle atomic.Bool
	// rdBy and wrBy are the client connection's armed deadlines.
	rdBy, wrBy time.Time
	// slots are the maxconn slots the connection holds.
	slots listener.Slots
	// first is set until the first request was handled ("http-reuse
	// safe", the first request's timeout).
	first bool
	// private is the server connection kept under "http-reuse never".
	private *server.Conn
	// park is the connection's place in the idle poller while parked;
	// registered says its descriptor is in the poller's epoll set.
	park       parkState
	registered bool
	// noPark keeps the connection on its goroutine (the poller refused
	// it).
	noPark bool
	// cr reads the first bytes of requests; headDue is when the head
	// being read must be complete ("timeout http-request").
	cr       *clientReader
	headDue  time.Time
	finished atomic.Bool

	rec stream.Record
	// kmu guards cur, the server connection of the transaction in
	// progress, and killed, the cause a stop or an administrator ended
	// the session with (kill.go).
	kmu    sync.Mutex
	cur    *server.Conn
	killed stream.Cause
	// rs is the session's rules state (rules_session.go), nil when no
	// rule runs.
	rs *sample.Session
	// upTLS is the TLS side of the connection an HTTP/2 stream's session
	// came in on (tls.go).
	upTLS sample.TLSConn

	prev, next *session
}

// serve runs one accepted connection to its end, or until it is parked
// idle.
func (e *Engine) serve(c net.Conn, slots listener.Slots, bl *boundListener) {
	cur := bl.cur.Load()
	fe := cur.fe
	s := &session{e: e, conn: c, bind: cur.bind, fe: fe, st: fe.st, accept: e.deps.Now(), slots: slots, first: true}
	if fe.px.Mode == proxy.ModeHTTP {
		s.cr = newClientReader()
	}
	switch t := c.(type) {
	case *sock.Conn:
		// accepted on a raw descriptor (proxy/sock): its RawConn waits
		// in the runtime's poller only when a read must
		s.rc = t.RawConn()
		s.src, s.dst = t.RemoteAddrPort(), t.LocalAddrPort()
	case *net.TCPConn:
		s.rc, _ = t.SyscallConn()
		if a, ok := t.RemoteAddr().(*net.TCPAddr); ok {
			s.src = a.AddrPort()
		}
		if a, ok := t.LocalAddr().(*net.TCPAddr); ok {
			s.dst = a.AddrPort()
		}
	case syscall.Conn:
		s.rc, _ = t.SyscallConn()
	}
	// reserved when accepted (listener.Config.Accepted); a connection
	// accepted before a stop is served like any other
	e.sessions.add(s)
	e.actconn.Add(1)
	// "conn_tot" counts every connection accepted, before any rule
	fe.counters.Conns.Add(1)
	if !s.acceptSession() {
		s.finish()
		return
	}
	if fe.px.Mode == proxy.ModeHTTP {
		if s.wantsH2() {
			e.serveH2(s, nil)
			return
		}
		// the h1 mux's connection ("h1_total_connections", h1_init);
		// an h2 preface upgrades it later, as in 2.6
		fe.counters.H1Conns.Add(1)
		e.serveHTTP(s)
		return
	}
	e.serveTCP(s)
	s.finish()
}

// finish ends the connection: closed, counted out, its slots freed. It
// runs once, whoever ends the connection (its goroutine, the idle poller,
// a stop).
func (s *session) finish() {
	if !s.finished.CompareAndSwap(false, true) {
		return
	}
	if s.private != nil {
		s.private.Close()
		s.private = nil
	}
	s.conn.Close()
	s.endSession()
	s.e.actconn.Add(-1)
	s.e.sessions.remove(s)
	s.slots.Release()
}

// readProxy takes the PROXY header off the connection ("accept-proxy"),
// within "timeout client", and adopts its addresses. A connection without
// a valid header is closed, as HAProxy does.
func (s *session) readProxy() bool {
	if s.rc == nil {
		return false
	}
	extendRead(s.conn, &s.rdBy, s.e.deps.Now(), s.fe.px.Timeouts.Client)
	// HAProxy peeks into a buffer of tune.bufsize
	size := s.st.limits.BufSize
	if size <= 0 {
		size = http1.DefaultBufSize
	}
	buf := make([]byte, size)
	h, err := proxyproto.Read(s.rc, buf)
	if err != nil {
		s.e.log.Debug("frontend " + s.fe.px.Name + ": " + err.Error() + " from " + s.src.String())
		s.logConnError(err)
		return false
	}
	if h.Command == proxyproto.CmdProxy && h.Src.IsValid() {
		s.src, s.dst = h.Src, h.Dst
	}
	s.authority = h.Authority
	s.rec.TH = stream.Millis(s.e.deps.Now().Sub(s.accept))
	return true
}
