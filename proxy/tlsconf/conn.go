package tlsconf

import (
	"crypto/tls"
	"net"
)

// Conn is a TLS connection read as a socket is: crypto/tls returns the
// last data of a record together with io.EOF when the peer's
// close_notify follows it in the same read (a request then a
// close_notify, a response then "Connection: close"); the engine takes
// an error as the end of the exchange, so the data comes alone and the
// error with the next read.
type Conn struct {
	*tls.Conn
	err error
}

// NewConn wraps tc.
func NewConn(tc *tls.Conn) *Conn { return &Conn{Conn: tc} }

func (c *Conn) Read(p []byte) (int, error) {
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

// TLS is the crypto/tls connection.
func (c *Conn) TLS() *tls.Conn { return c.Conn }

// tlsOf is the crypto/tls connection under c, nil for a connection in
// clear.
func tlsOf(c net.Conn) *tls.Conn {
	switch tc := c.(type) {
	case *tls.Conn:
		return tc
	case *Conn:
		return tc.Conn
	}
	return nil
}
