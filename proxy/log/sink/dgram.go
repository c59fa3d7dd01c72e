package sink

import (
	"errors"
	"net/netip"
	"syscall"
)

// Dgram sends datagrams to a UDP address or a unix datagram socket path
// (/dev/log) from an unconnected socket, as 2.6 does, so that a syslog
// daemon restarting behind the path is found again. Sends never block: a
// full socket buffer drops the message (EAGAIN).
type Dgram struct {
	fd int
	to syscall.Sockaddr
}

// ErrWouldBlock reports a message the kernel refused for lack of room.
var ErrWouldBlock = errors.New("log message dropped: destination socket buffer full")

// NewUDP opens a socket for a UDP destination.
func NewUDP(to netip.AddrPort) (*Dgram, error) {
	var sa syscall.Sockaddr
	family := syscall.AF_INET
	if a := to.Addr().Unmap(); a.Is4() {
		sa = &syscall.SockaddrInet4{Port: int(to.Port()), Addr: a.As4()}
	} else {
		family = syscall.AF_INET6
		sa = &syscall.SockaddrInet6{Port: int(to.Port()), Addr: to.Addr().As16()}
	}
	return newDgram(family, sa)
}

// NewUnix opens a socket for a unix datagram destination; abstract says
// the path is in the abstract namespace ("abns@").
func NewUnix(path string, abstract bool) (*Dgram, error) {
	if abstract {
		path = "@" + path
	}
	return newDgram(syscall.AF_UNIX, &syscall.SockaddrUnix{Name: path})
}

func newDgram(family int, to syscall.Sockaddr) (*Dgram, error) {
	fd, err := syscall.Socket(family, syscall.SOCK_DGRAM|syscall.SOCK_NONBLOCK|syscall.SOCK_CLOEXEC, 0)
	if err != nil {
		return nil, err
	}
	// nothing is ever read from it (__do_send_log())
	syscall.SetsockoptInt(fd, syscall.SOL_SOCKET, syscall.SO_RCVBUF, 0)
	syscall.Shutdown(fd, syscall.SHUT_RD)
	return &Dgram{fd: fd, to: to}, nil
}

// Write sends one datagram.
func (d *Dgram) Write(b []byte) error {
	for {
		err := syscall.Sendto(d.fd, b, syscall.MSG_DONTWAIT|syscall.MSG_NOSIGNAL, d.to)
		switch err {
		case nil:
			return nil
		case syscall.EINTR:
			continue
		case syscall.EAGAIN:
			return ErrWouldBlock
		}
		return err
	}
}

// Close closes the socket.
func (d *Dgram) Close() error { return syscall.Close(d.fd) }
