package server

import (
	"net"
	"syscall"
	"time"
)

// Conn is a connection to a server.
type Conn struct {
	net.Conn
	srv *Server
	tcp *net.TCPConn
	rc  syscall.RawConn
	// Uses counts the transactions the connection carried; a connection
	// that carried two or more has proven the server keeps connections
	// alive ("safe" for http-reuse aggressive).
	Uses int
	// Preamble is the PROXY protocol header not sent yet: the first
	// write on the connection carries it in front of its own bytes, as
	// HAProxy sends both in one segment.
	Preamble []byte
	// ReadBy and WriteBy are the read and write deadlines armed on the
	// connection, kept by the user to avoid re-arming them on every
	// request.
	ReadBy, WriteBy time.Time

	idleSince int64 // unix nanoseconds
	// safe marks a connection released by a request that was not its
	// session's first: proven reusable ("http-reuse aggressive").
	safe bool
	next *Conn // pool stack
}

func newConn(nc net.Conn, s *Server) *Conn {
	c := &Conn{Conn: nc, srv: s}
	if t, ok := nc.(*net.TCPConn); ok {
		c.tcp = t
	}
	if sc, ok := nc.(syscall.Conn); ok {
		c.rc, _ = sc.SyscallConn()
	}
	return c
}

// Server is the server the connection goes to.
func (c *Conn) Server() *Server { return c.srv }

// TCP is the connection as *net.TCPConn (nil on a UNIX socket), for
// splice(2) and half-closes.
func (c *Conn) TCP() *net.TCPConn { return c.tcp }

// Raw is the connection's descriptor, for waiting on readability without
// a buffer.
func (c *Conn) Raw() syscall.RawConn { return c.rc }

// CloseWrite shuts the connection down for writing (a half-close).
func (c *Conn) CloseWrite() error {
	type closeWriter interface{ CloseWrite() error }
	if cw, ok := c.Conn.(closeWriter); ok {
		return cw.CloseWrite()
	}
	return nil
}

// NoLinger makes the next Close reset the connection (SO_LINGER 0), as
// HAProxy closes a server connection it gives up on: a "timeout server"
// before the response sets SI_FL_NOLINGER in process_stream().
func (c *Conn) NoLinger() {
	if c.tcp != nil {
		c.tcp.SetLinger(0)
	}
}
