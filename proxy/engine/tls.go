package engine

import (
	"crypto/tls"
	"errors"
	"io"
	"net"
	"os"
	"syscall"
	"time"

	"hakeep/proxy"
	"hakeep/proxy/acl"
	"hakeep/proxy/check"
	"hakeep/proxy/log"
	"hakeep/proxy/sample"
	"hakeep/proxy/server"
	"hakeep/proxy/tlsconf"
)

// TLS on both sides (proxy/tlsconf): a "bind ... ssl" connection
// completes its handshake right after the connection rules and the PROXY
// header, before anything reads a request (configuration.txt section
// 5.1, "ssl"); the session then reads and writes clear text through the
// *tls.Conn, and ALPN "h2" sends it to the HTTP/2 mux (h2front.go).
// Servers with "ssl" get their TLS side when the configuration is built
// (section 5.2).

// tlsRuntime prepares st's TLS: the runtime the decoder built (or one
// built now), each TLS server's client side. It returns the hook health
// checks take their TLS configuration from.
func (e *Engine) tlsRuntime(st *state) (func(srv *proxy.Server) (*tls.Config, error), error) {
	rt, err := tlsconf.For(st.cfg, tlsconf.Options{Warn: func(m string) { e.log.Warn(m) }})
	if err != nil {
		return nil, err
	}
	for _, b := range st.backends {
		for _, srv := range b.Servers {
			if c := rt.Server(srv.Cfg); c != nil && srv.Cfg.SSL.Enabled {
				srv.SetTLS(c)
			}
		}
	}
	return func(srv *proxy.Server) (*tls.Config, error) {
		if c := rt.Server(srv); c != nil {
			return c.CheckConfig(), nil
		}
		return &tls.Config{InsecureSkipVerify: true}, nil
	}, nil
}

// checkOptions adds the TLS hook to the health checks' options.
func (e *Engine) checkOptions(st *state, o check.Options) (check.Options, error) {
	hook, err := e.tlsRuntime(st)
	if err != nil {
		return o, err
	}
	o.TLSConfig = hook
	return o, nil
}

// startTLS runs the handshake of a connection accepted on an "ssl" bind
// line within "timeout client", and makes the session use the TLS
// connection. A failed handshake is logged with 2.6's words and closes
// the connection.
func (s *session) startTLS() bool {
	b := s.bind
	if b == nil || b.SSL == nil || !b.SSL.Enabled {
		return true
	}
	rt, _ := s.st.cfg.TLS.(*tlsconf.Runtime)
	tb := rt.Bind(b)
	if tb == nil {
		s.e.log.Warn("frontend " + s.fe.px.Name + ": no TLS set up for bind '" + b.Spec + "'")
		return false
	}
	tc, st := tb.Server(s.conn)
	if t := s.fe.px.Timeouts.Client; t > 0 {
		tc.SetDeadline(s.e.deps.Now().Add(t))
	}
	err := tc.HandshakeContext(s.e.ctx)
	if err != nil {
		s.logTLSError(err)
		return false
	}
	tb.Finish(st)
	tc.SetDeadline(time.Time{})
	s.rdBy, s.wrBy = time.Time{}, time.Time{}
	// the request's last data and a close_notify come apart
	s.conn = tlsconf.NewConn(tc)
	// the poller waits on the socket, which a TLS connection may
	// already have read ahead of: TLS connections wait on their
	// goroutine
	s.noPark = true
	return true
}

// logTLSError logs a failed handshake as 2.6's conn_err_code_str() words
// it: a client that left or sent nothing counts as empty for "option
// dontlognull".
func (s *session) logTLSError(err error) {
	cl, ok := s.e.deps.Traffic.(connErrLogger)
	if !ok {
		return
	}
	e := log.ConnError{Frontend: s.fe.px.Name, Client: s.src, Accept: s.accept, Listener: s.listenerName()}
	var ae tls.AlertError
	switch {
	case isTimeout(err):
		e.Text = "Timeout during SSL handshake"
	case errors.Is(err, io.EOF):
		e.Text, e.Empty = "Connection closed during SSL handshake", true
	case errors.Is(err, syscall.ECONNRESET), errors.Is(err, os.ErrClosed):
		e.Text, e.Empty = "Connection error during SSL handshake", true
	case errors.As(err, &ae):
		e.Text = "SSL handshake failure"
	default:
		e.Text = "SSL handshake failure"
	}
	cl.ConnError(&e)
}

// tlsInfo is the client connection's TLS side for the fetches, nil in
// clear.
func (s *session) tlsInfo() sample.TLSConn {
	if s.upTLS != nil {
		return s.upTLS
	}
	if st := tlsconf.StateOf(s.conn); st != nil {
		return st
	}
	return nil
}

// serverTLSInfo is a server connection's TLS side for the ssl_bc
// fetches, nil in clear.
func serverTLSInfo(c net.Conn) sample.TLSConn {
	if tc, ok := c.(interface{ TLS() *tls.Conn }); ok {
		return &tlsconf.ServerInfo{Conn: tc.TLS()}
	}
	return nil
}

// waitTLS is waitRequest for a TLS connection: the next request's first
// byte is read through TLS (the socket may be silent while TLS holds
// bytes already read), with the same timeouts; it then goes into a pool
// buffer, readRequest reading the rest.
func (s *session) waitTLS() (reqEnd, *[]byte, int) {
	e, st := s.e, s.st
	t := &s.fe.px.Timeouts
	now := e.deps.Now()
	var due time.Time
	switch {
	case s.first && t.HTTPRequest > 0:
		due = s.accept.Add(t.HTTPRequest)
	case s.first:
		due = now.Add(t.Client)
	default:
		idle := t.HTTPKeepAlive
		if idle == 0 {
			idle = t.HTTPRequest
		}
		if idle == 0 {
			idle = t.Client
		}
		if idle > 0 {
			due = now.Add(idle)
		}
	}
	if (t.Client == 0 && s.first && t.HTTPRequest == 0) || due.Equal(now) {
		due = time.Time{}
	}
	setRead(s.conn, &s.rdBy, due)
	if !s.first {
		s.idle.Store(true)
		if e.stopping.Load() {
			s.idle.Store(false)
			return reqClose, nil, 0
		}
	}
	var one [1]byte
	n, err := s.conn.Read(one[:])
	s.idle.Store(false)
	if err != nil || n == 0 {
		if err != nil && s.first && isTimeout(err) {
			s.timeout408()
		}
		return reqClose, nil, 0
	}
	buf := st.bufs.get()
	(*buf)[0] = one[0]
	s.headDue = time.Time{}
	if t.HTTPRequest > 0 {
		s.headDue = e.deps.Now().Add(t.HTTPRequest)
		if s.first {
			s.headDue = s.accept.Add(t.HTTPRequest)
		}
	}
	return reqOK, buf, 1
}

// serverSNI is the value of a TLS server's "sni" expression for this
// stream (configuration.txt section 5.2, "sni"), "" without one or when
// it finds nothing. The expression is compiled once per server.
func (s *session) serverSNI(h *httpState, srv *server.Server) string {
	c := srv.TLS()
	if c == nil || c.ServerName() == "" {
		return ""
	}
	expr, _ := c.Compiled(func() any {
		sc := &sample.Context{Registry: sample.NewRegistry(), Proxy: srv.Backend, Cap: sample.CapBE, Maps: acl.NewEnv()}
		e, _, err := sc.ParseExpr(splitWords(c.ServerName()), 0)
		if err != nil {
			s.e.log.Warn("backend '" + srv.Backend + "' server '" + srv.Name() + "': sni '" + c.ServerName() + "': " + err.Error())
			return nil
		}
		return e
	}).(*sample.Expr)
	if expr == nil {
		return ""
	}
	ctx := sample.NewCtx(s.st.limits.BufSize)
	ctx.Now = s.e.deps.Now()
	ctx.Src, ctx.Dst = s.src, s.dst
	ctx.TLS = s.tlsInfo()
	ctx.Dir, ctx.Final = sample.DirReq, true
	if w := s.st.rw; w != nil {
		ctx.Env = w
		ctx.Frontend = w.byPx[s.fe.px].view
	}
	if h != nil && h.req != nil {
		ctx.Req = &headMsg{h: h.req}
	}
	out := ctx.TempSample()
	if !expr.Eval(ctx, out) || !ctx.Cast(out, sample.Str) {
		return ""
	}
	return string(out.Str)
}

// isTLS tells the client connection is a TLS one.
func (s *session) isTLS() bool {
	switch s.conn.(type) {
	case *tls.Conn, *tlsconf.Conn:
		return true
	}
	return false
}
