package server

import (
	"net"
	"syscall"
	"time"

	"golang.org/x/sys/unix"

	"hakeep/proxy/sock"
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
	switch t := nc.(type) {
	case *sock.Conn:
		// waits in the runtime's poller only when a read must
		c.rc = t.RawConn()
		return c
	case *net.TCPConn:
		c.tcp = t
	}
	if sc, ok := nc.(syscall.Conn); ok {
		c.rc, _ = sc.SyscallConn()
	}
	return c
}

// Server is the server the connection goes to.
func (c *Conn) Server() *Server { return c.srv }

// TCP is the connection as *net.TCPConn (nil on a UNIX socket and on a
// *sock.Conn, which Dial makes for TCP servers).
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
	switch {
	case c.tcp != nil:
		c.tcp.SetLinger(0)
	case c.rc != nil:
		if _, ok := c.Conn.(*sock.Conn); ok {
			c.rc.Control(func(fd uintptr) {
				unix.SetsockoptLinger(int(fd), unix.SOL_SOCKET, unix.SO_LINGER, &unix.Linger{Onoff: 1, Linger: 0})
			})
		}
	}
}
