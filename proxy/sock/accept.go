package sock

import (
	"net"
	"net/netip"
	"os"
	"syscall"
	"time"
	"unsafe"

	"golang.org/x/sys/unix"
)

// Acceptor accepts connections on a TCP listening socket with accept4,
// straight into Conns. It waits in the runtime's poller on a duplicate of
// the listener's descriptor (a net.TCPListener cannot wait for a raw
// accept), which Close closes.
type Acceptor struct {
	f  *os.File
	rc syscall.RawConn
	// local is every accepted connection's local address when the
	// listener's address is a specific one (invalid for a wildcard or a
	// transparent listener: getsockname then tells, when asked).
	local netip.AddrPort

	fn  func(uintptr) bool
	nfd int
	rsa unix.RawSockaddrAny
	err unix.Errno
}

// NewAcceptor prepares raw accepts on ln. The listening socket gets
// TCP_NODELAY, which accepted sockets inherit: HAProxy sets it on each
// one.
func NewAcceptor(ln *net.TCPListener) (*Acceptor, error) {
	f, err := ln.File()
	if err != nil {
		return nil, err
	}
	rc, err := f.SyscallConn()
	if err != nil {
		f.Close()
		return nil, err
	}
	fixedLocal := true
	rc.Control(func(fd uintptr) {
		unix.SetsockoptInt(int(fd), unix.IPPROTO_TCP, unix.TCP_NODELAY, 1)
		// a transparent listener takes connections to any address
		if v, err := unix.GetsockoptInt(int(fd), unix.SOL_IP, unix.IP_TRANSPARENT); err == nil && v != 0 {
			fixedLocal = false
		}
		if v, err := unix.GetsockoptInt(int(fd), unix.SOL_IPV6, unix.IPV6_TRANSPARENT); err == nil && v != 0 {
			fixedLocal = false
		}
	})
	a := &Acceptor{f: f, rc: rc}
	if la, ok := ln.Addr().(*net.TCPAddr); ok && fixedLocal {
		if ap := la.AddrPort(); !ap.Addr().IsUnspecified() {
			a.local = ap
		}
	}
	a.fn = a.accept
	return a, nil
}

// accept is the poller callback: one accept4, or false to wait.
func (a *Acceptor) accept(fd uintptr) bool {
	for {
		l := uint32(unix.SizeofSockaddrAny)
		r, _, e := unix.Syscall6(unix.SYS_ACCEPT4, fd, uintptr(unsafe.Pointer(&a.rsa)), uintptr(unsafe.Pointer(&l)),
			unix.SOCK_NONBLOCK|unix.SOCK_CLOEXEC, 0, 0)
		switch e {
		case unix.EINTR, unix.ECONNABORTED:
			// a connection reset while queued: the next one (as the
			// net package does)
			continue
		case unix.EAGAIN, unix.EINVAL:
			// EINVAL: the socket is not listening, a pause
			// (proxy/listener's suspend) that woke the wait
			// before its deadline did; the wait ends with the
			// deadline, or goes on once it listens again
			return false
		}
		a.nfd, a.err = int(r), e
		return true
	}
}

// Accept waits for the next connection. Errors are *net.OpError: a
// deadline's is a timeout, a closed acceptor's net.ErrClosed.
func (a *Acceptor) Accept() (*Conn, error) {
	if err := a.rc.Read(a.fn); err != nil {
		return nil, opError("accept", err)
	}
	if a.err != 0 {
		return nil, &net.OpError{Op: "accept", Net: "tcp", Err: os.NewSyscallError("accept4", a.err)}
	}
	return New(a.nfd, rawAddrPort(&a.rsa), a.local), nil
}

// SetDeadline interrupts a waiting Accept (a pause).
func (a *Acceptor) SetDeadline(t time.Time) error { return a.f.SetReadDeadline(t) }

// Close closes the duplicate: the socket stops listening once its other
// descriptors are closed too.
func (a *Acceptor) Close() error { return a.f.Close() }
