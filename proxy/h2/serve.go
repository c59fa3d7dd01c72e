package h2

import (
	"net"
	"time"
)

// Serve runs a frontend HTTP/2 connection on nc (after the TLS
// handshake, or on a clear-text connection with prior knowledge) until
// it ends. pre holds bytes already read from nc (the preface an HTTP/1
// listener detected). Each stream a client opens runs handler on its
// own goroutine; when handler returns, a stream whose response is not
// complete is reset. idle is "timeout client": how long the connection
// may stay without streams, and the bound of each write.
func Serve(nc net.Conn, pre []byte, set Settings, idle time.Duration, handler func(*Stream)) error {
	if len(pre) > 0 {
		nc = &prefixed{Conn: nc, pre: pre}
	}
	c := newConn(nc, set, idle, false)
	c.handler = handler
	return c.run()
}

// prefixed is a connection whose first bytes were read already.
type prefixed struct {
	net.Conn
	pre []byte
}

func (p *prefixed) Read(b []byte) (int, error) {
	if len(p.pre) > 0 {
		n := copy(b, p.pre)
		p.pre = p.pre[n:]
		return n, nil
	}
	return p.Conn.Read(b)
}
