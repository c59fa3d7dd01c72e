package h2

import (
	"net"
	"time"
)

// Server serves frontend HTTP/2 connections.
type Server struct {
	Settings Settings
	// Idle is "timeout client": how long a connection may stay without
	// streams, and the bound of each write.
	Idle time.Duration
	// Handler runs each stream a client opens, on its own goroutine;
	// when it returns, a stream whose response is not complete is
	// reset.
	Handler func(*Stream)
	// BadRequest is told of every request refused at the HTTP/2 level
	// (a malformed header section): 2.6 logs each as "<BADREQ>".
	BadRequest func()
}

// Serve runs a connection (after the TLS handshake, or a clear-text one
// with prior knowledge) until it ends. pre holds bytes already read
// from nc (the preface an HTTP/1 listener detected).
func (sv *Server) Serve(nc net.Conn, pre []byte) error {
	if len(pre) > 0 {
		nc = &prefixed{Conn: nc, pre: pre}
	}
	c := newConn(nc, sv.Settings, sv.Idle, false)
	c.handler = sv.Handler
	c.badRequest = sv.BadRequest
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
