package listener

import (
	"net"

	"hakeep/proxy/sock"
)

// rawAcceptor accepts on a TCP socket with accept4 into *sock.Conn: no
// getsockname, keep-alive or TCP_NODELAY calls per connection, and no
// runtime poll state until a connection has to wait (proxy/sock). Other
// sockets (UNIX, fd@ of another kind) go through the net.Listener.
func rawAcceptor(ln net.Listener) *sock.Acceptor {
	tl, ok := ln.(*net.TCPListener)
	if !ok {
		return nil
	}
	a, err := sock.NewAcceptor(tl)
	if err != nil {
		return nil
	}
	return a
}

// accept takes the next connection.
func (l *Listener) accept() (net.Conn, error) {
	if l.raw == nil {
		return l.cfg.Socket.Listener.Accept()
	}
	c, err := l.raw.Accept()
	if err != nil {
		return nil, err
	}
	return c, nil
}
