package sock

import (
	"errors"
	"io"
	"net"
	"net/netip"
	"os"
	"sync"
	"sync/atomic"
	"syscall"
	"time"

	"golang.org/x/sys/unix"
)

// Conn is a connected TCP socket held as its descriptor (see the package
// documentation). It is safe for concurrent use as a net.Conn is:
// one reader, one writer, Close and deadlines from anywhere.
type Conn struct {
	// mu guards the descriptor's life: raw reads and writes, attaching,
	// detaching and closing. Waits happen on the attachment, outside it.
	mu sync.Mutex
	// fd is the connection's descriptor, -1 once closed. While
	// attached, the attachment's file holds fd itself (never detached)
	// or a duplicate (detached before: fd may be registered in the
	// caller's epoll set and keeps its number).
	fd  int
	att atomic.Pointer[attachment]
	// detached is set once Detach ran: attaching duplicates fd.
	detached bool
	// rd and wd are deadlines set while detached (unix nanoseconds, 0
	// for none), armed on the file when it attaches.
	rd, wd int64

	peer, local netip.AddrPort
	// localSet says local is known; else getsockname finds it.
	localSet bool
}

// attachment is the descriptor as the runtime's poller knows it.
type attachment struct {
	f  *os.File
	rc syscall.RawConn
}

// New makes a Conn of a connected non-blocking descriptor, which it owns
// from then on. peer is the remote address; local the local one when
// known (invalid: found by getsockname when asked).
func New(fd int, peer, local netip.AddrPort) *Conn {
	return &Conn{fd: fd, peer: peer, local: local, localSet: local.IsValid()}
}

// Attached reports whether the descriptor is with the runtime's poller.
func (c *Conn) Attached() bool { return c.att.Load() != nil }

// Fd is the descriptor, -1 once closed. It stays valid until Close; a
// detached connection keeps the same one.
func (c *Conn) Fd() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.fd
}

// attach hands the descriptor to the runtime's poller: fcntl(F_GETFL)
// and epoll_ctl(ADD) by os.NewFile, after a dup when detached before.
func (c *Conn) attach() (*attachment, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if a := c.att.Load(); a != nil {
		return a, nil
	}
	if c.fd < 0 {
		return nil, net.ErrClosed
	}
	fd := c.fd
	if c.detached {
		d, err := unix.FcntlInt(uintptr(fd), unix.F_DUPFD_CLOEXEC, 0)
		if err != nil {
			return nil, os.NewSyscallError("fcntl", err)
		}
		fd = d
	}
	f := os.NewFile(uintptr(fd), "tcp")
	rc, err := f.SyscallConn()
	if err != nil {
		f.Close()
		return nil, err
	}
	a := &attachment{f: f, rc: rc}
	if c.rd != 0 {
		f.SetReadDeadline(time.Unix(0, c.rd))
	}
	if c.wd != 0 {
		f.SetWriteDeadline(time.Unix(0, c.wd))
	}
	c.rd, c.wd = 0, 0
	c.att.Store(a)
	return a, nil
}

// Detach takes the descriptor back from the runtime's poller, whose
// state for it is released; Fd stays the same from then on. Nothing may
// be waiting on the connection. Deadlines armed before are dropped.
func (c *Conn) Detach() error {
	c.mu.Lock()
	defer c.mu.Unlock()
	a := c.att.Load()
	if c.fd < 0 || a == nil {
		c.detached = true
		return nil
	}
	if !c.detached {
		// the file holds fd itself: keep a duplicate, as the file
		// closes its own
		d, err := unix.FcntlInt(uintptr(c.fd), unix.F_DUPFD_CLOEXEC, 0)
		if err != nil {
			return os.NewSyscallError("fcntl", err)
		}
		c.fd = d
		c.detached = true
	}
	c.att.Store(nil)
	return a.f.Close()
}

// Read reads from the descriptor, and waits in the runtime's poller
// when nothing is there yet.
func (c *Conn) Read(b []byte) (int, error) {
	if a := c.att.Load(); a != nil {
		n, err := a.f.Read(b)
		return n, opError("read", err)
	}
	n, err, wait := c.rawRead(b)
	if !wait {
		return n, err
	}
	a, err := c.attach()
	if err != nil {
		return 0, opError("read", err)
	}
	n, err = a.f.Read(b)
	return n, opError("read", err)
}

// rawRead reads without waiting; wait reports that nothing was there.
func (c *Conn) rawRead(b []byte) (n int, err error, wait bool) {
	c.mu.Lock()
	if c.att.Load() != nil {
		// attached meanwhile (a deadline set from elsewhere)
		c.mu.Unlock()
		return 0, nil, true
	}
	if c.fd < 0 {
		c.mu.Unlock()
		return 0, opError("read", net.ErrClosed), false
	}
	if c.rd != 0 && c.rd <= time.Now().UnixNano() {
		c.mu.Unlock()
		return 0, opError("read", os.ErrDeadlineExceeded), false
	}
	for {
		n, err = unix.Read(c.fd, b)
		if err != unix.EINTR {
			break
		}
	}
	c.mu.Unlock()
	switch {
	case err == unix.EAGAIN:
		return 0, nil, true
	case err != nil:
		return 0, opError("read", os.NewSyscallError("read", err)), false
	case n == 0 && len(b) > 0:
		return 0, io.EOF, false
	}
	return n, nil, false
}

// Write writes to the descriptor, waiting in the runtime's poller for
// room when the socket's buffer is full.
func (c *Conn) Write(b []byte) (int, error) {
	if a := c.att.Load(); a != nil {
		n, err := a.f.Write(b)
		return n, opError("write", err)
	}
	n, err, wait := c.rawWrite(b)
	if !wait {
		return n, err
	}
	a, err := c.attach()
	if err != nil {
		return n, opError("write", err)
	}
	m, err := a.f.Write(b[n:])
	return n + m, opError("write", err)
}

// rawWrite writes what the socket takes now; wait reports that the rest
// has to wait for room.
func (c *Conn) rawWrite(b []byte) (n int, err error, wait bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.att.Load() != nil {
		return 0, nil, true
	}
	if c.fd < 0 {
		return 0, opError("write", net.ErrClosed), false
	}
	if c.wd != 0 && c.wd <= time.Now().UnixNano() {
		return 0, opError("write", os.ErrDeadlineExceeded), false
	}
	for n < len(b) {
		m, err := unix.Write(c.fd, b[n:])
		switch {
		case err == unix.EINTR:
			continue
		case err == unix.EAGAIN:
			return n, nil, true
		case err != nil:
			return n, opError("write", os.NewSyscallError("write", err)), false
		}
		n += m
	}
	return n, nil, false
}

// Close closes the connection; a wait in progress ends with net.ErrClosed.
func (c *Conn) Close() error {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.fd < 0 {
		return opError("close", net.ErrClosed)
	}
	var err error
	a := c.att.Load()
	if a != nil {
		err = a.f.Close()
	}
	if a == nil || c.detached {
		// the descriptor is not the file's
		if e := unix.Close(c.fd); err == nil && e != nil {
			err = os.NewSyscallError("close", e)
		}
	}
	c.fd = -1
	return opError("close", err)
}

// CloseWrite shuts the connection down for writing (a FIN to the peer).
func (c *Conn) CloseWrite() error { return c.shutdown(unix.SHUT_WR) }

// CloseRead shuts the connection down for reading.
func (c *Conn) CloseRead() error { return c.shutdown(unix.SHUT_RD) }

func (c *Conn) shutdown(how int) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.fd < 0 {
		return opError("shutdown", net.ErrClosed)
	}
	if err := unix.Shutdown(c.fd, how); err != nil {
		return opError("shutdown", os.NewSyscallError("shutdown", err))
	}
	return nil
}

// LocalAddr is the connection's local address (*net.TCPAddr).
func (c *Conn) LocalAddr() net.Addr { return net.TCPAddrFromAddrPort(c.LocalAddrPort()) }

// RemoteAddr is the peer's address (*net.TCPAddr).
func (c *Conn) RemoteAddr() net.Addr { return net.TCPAddrFromAddrPort(c.peer) }

// RemoteAddrPort is the peer's address.
func (c *Conn) RemoteAddrPort() netip.AddrPort { return c.peer }

// LocalAddrPort is the local address, by getsockname the first time
// when the connection was made without it.
func (c *Conn) LocalAddrPort() netip.AddrPort {
	c.mu.Lock()
	defer c.mu.Unlock()
	if !c.localSet && c.fd >= 0 {
		if sa, err := unix.Getsockname(c.fd); err == nil {
			c.local = addrPortOf(sa)
		}
		c.localSet = true
	}
	return c.local
}

// SetDeadline sets both deadlines.
func (c *Conn) SetDeadline(t time.Time) error {
	if err := c.SetReadDeadline(t); err != nil {
		return err
	}
	return c.SetWriteDeadline(t)
}

// SetReadDeadline sets the read deadline: on the file when attached,
// else kept until a read has to wait.
func (c *Conn) SetReadDeadline(t time.Time) error { return c.setDeadline(t, true) }

// SetWriteDeadline is SetReadDeadline for writes.
func (c *Conn) SetWriteDeadline(t time.Time) error { return c.setDeadline(t, false) }

func (c *Conn) setDeadline(t time.Time, read bool) error {
	if a := c.att.Load(); a != nil {
		if read {
			return a.f.SetReadDeadline(t)
		}
		return a.f.SetWriteDeadline(t)
	}
	c.mu.Lock()
	if a := c.att.Load(); a != nil {
		c.mu.Unlock()
		return c.setDeadline(t, read)
	}
	defer c.mu.Unlock()
	if c.fd < 0 {
		return opError("set", net.ErrClosed)
	}
	var ns int64
	if !t.IsZero() {
		ns = t.UnixNano()
		if ns == 0 {
			ns = 1
		}
	}
	if read {
		c.rd = ns
	} else {
		c.wd = ns
	}
	return nil
}

// SyscallConn attaches the connection and returns the file's raw
// connection: its Read and Write wait in the runtime's poller.
func (c *Conn) SyscallConn() (syscall.RawConn, error) {
	a, err := c.attach()
	if err != nil {
		return nil, err
	}
	return a.rc, nil
}

// Control runs f on the descriptor without attaching it.
func (c *Conn) Control(f func(fd int)) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.fd < 0 {
		return net.ErrClosed
	}
	f(c.fd)
	return nil
}

// opError gives the file's errors the shape of the net package's: a
// *net.OpError (a timeout is then a net.Error, which crypto/tls relies
// on), net.ErrClosed for a closed connection, io.EOF as is.
func opError(op string, err error) error {
	if err == nil || err == io.EOF {
		return err
	}
	var pe *os.PathError
	if errors.As(err, &pe) {
		err = pe.Err
	}
	if errors.Is(err, os.ErrClosed) {
		err = net.ErrClosed
	}
	if _, ok := err.(*net.OpError); ok {
		return err
	}
	return &net.OpError{Op: op, Net: "tcp", Err: err}
}
