package tcpproxy

import (
	"io"
	"net"
	"syscall"

	"hakeep/proxy/sock"
)

// rawOf is c's descriptor as a syscall.RawConn when it is a TCP socket: a
// *net.TCPConn or a *sock.Conn (whose RawConn does not hand it to the
// runtime's poller until a wait).
func rawOf(c net.Conn) syscall.RawConn {
	switch t := c.(type) {
	case *net.TCPConn:
		rc, err := t.SyscallConn()
		if err != nil {
			return nil
		}
		return rc
	case *sock.Conn:
		return t.RawConn()
	}
	return nil
}

// copyConn copies src to dst with splice(2): io.Copy does it between two
// *net.TCPConn, sock.Splice when one is a *sock.Conn; other connections
// are copied through a buffer.
func copyConn(dst, src net.Conn) (int64, error) {
	_, ds := dst.(*sock.Conn)
	_, ss := src.(*sock.Conn)
	if ds || ss {
		if d, s := rawOf(dst), rawOf(src); d != nil && s != nil {
			return sock.Splice(d, s)
		}
	}
	return io.Copy(dst, src)
}
