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
	// the last data and a close_notify come apart (tlsconf.Conn)
	return tlsconf.NewConn(tc), nil
}
