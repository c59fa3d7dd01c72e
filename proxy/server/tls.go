package server

import (
	"context"
	"crypto/tls"
	"net"
	"time"

	"hakeep/proxy/tlsconf"
)

// SetTLS makes connections to the server TLS ("ssl", configuration.txt
// section 5.2) with c's settings; nil keeps them in clear.
func (s *Server) SetTLS(c *tlsconf.Client) { s.tls = c }

// TLS is the server's TLS side, nil when connections are in clear.
func (s *Server) TLS() *tlsconf.Client { return s.tls }

// handshake runs the TLS handshake on a connection just established:
// the PROXY header goes first, in clear, then the handshake within what
// is left of "timeout connect" (2.6 waits for the handshake before the
// connection counts as established).
func (s *Server) handshake(ctx context.Context, nc net.Conn, preamble []byte, sni string, start time.Time) (net.Conn, error) {
	if len(preamble) > 0 {
		if _, err := nc.Write(preamble); err != nil {
			nc.Close()
			return nil, classify(err)
		}
	}
	tc := tls.Client(nc, s.tls.Config(sni, nil))
	if t := s.opt.ConnectTimeout; t > 0 {
		tc.SetDeadline(start.Add(t))
	}
	if err := tc.HandshakeContext(ctx); err != nil {
		nc.Close()
		return nil, classify(err)
	}
	tc.SetDeadline(time.Time{})
	return &tlsConn{Conn: tc}, nil
}

// tlsConn is a server's TLS connection read as a socket is: crypto/tls
// returns the last data of a record together with io.EOF when the
// server's close_notify follows it in the same read (a response then
// "Connection: close"); the engine takes an error as the end, so the
// data comes alone and the error with the next read.
type tlsConn struct {
	*tls.Conn
	err error
}

func (c *tlsConn) Read(p []byte) (int, error) {
	if err := c.err; err != nil {
		c.err = nil
		return 0, err
	}
	n, err := c.Conn.Read(p)
	if n > 0 && err != nil {
		c.err = err
		return n, nil
	}
	return n, err
}

// TLS is the connection's crypto/tls side (the ssl_bc_* fetches).
func (c *tlsConn) TLS() *tls.Conn { return c.Conn }
