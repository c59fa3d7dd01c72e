// Package check holds keepalived's health-check tests of real servers
// (keepalived.conf(5) TCP_CHECK, HTTP_GET, SSL_GET, MISC_CHECK,
// SMTP_CHECK, DNS_CHECK, UDP_CHECK, PING_CHECK and track files): each
// makes one attempt and says what happened in the terms keepalived's
// checkers act on. Scheduling, retries and server states are
// hakeep/ipvs/lvs's.
package check

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/netip"
	"os"
	"time"

	"golang.org/x/sys/unix"
)

// Conn is where a checker connects and how: keepalived.conf(5)'s
// connect_ip/connect_port (Dst), bindto, bind_port, bind_if, fwmark and
// connect_timeout.
type Conn struct {
	Dst      netip.AddrPort
	BindTo   netip.Addr
	BindPort uint16
	BindIf   string
	FWMark   uint32
	Timeout  time.Duration
}

// Class is how keepalived's layer4 code classes a connection attempt.
type Class int

// Classes.
const (
	// Timeout: connect_timeout passed, or the kernel said ETIMEDOUT.
	Timeout Class = iota + 1
	// Fail: the peer could not be reached or refused (connect_fail).
	Fail
	// Error: anything else (connect_error).
	Error
)

// DialError is a failed connection attempt.
type DialError struct {
	Class Class
	// Immediate: the failure came before or from connect() itself, not
	// while waiting for the connection: for Error, the socket could not
	// be set up (SO_MARK, SO_BINDTODEVICE, bind); Socket: socket() failed.
	Immediate bool
	Socket    bool
	Err       error
	// Log is what keepalived logs about a failure to set up the socket
	// ("Checker bind failed: Cannot assign requested address"), empty
	// otherwise.
	Log string
}

func (e *DialError) Error() string { return e.Err.Error() }
func (e *DialError) Unwrap() error { return e.Err }

// sockaddr converts a to what connect() and bind() take.
func sockaddr(a netip.AddrPort) unix.Sockaddr {
	ip := a.Addr()
	if ip.Is4() || ip.Is4In6() {
		return &unix.SockaddrInet4{Port: int(a.Port()), Addr: ip.Unmap().As4()}
	}
	sa := &unix.SockaddrInet6{Port: int(a.Port()), Addr: ip.As16()}
	if z := ip.Zone(); z != "" {
		if ifi, err := net.InterfaceByName(z); err == nil {
			sa.ZoneId = uint32(ifi.Index)
		}
	}
	return sa
}

func family(a netip.Addr) int {
	if a.Is4() || a.Is4In6() {
		return unix.AF_INET
	}
	return unix.AF_INET6
}

// socket is socket() and socket_bind_connect()'s (or, for UDP_CHECK,
// udp_bind_connect()'s) set-up: SO_LINGER 5 s for
// streams, SO_MARK, SO_BINDTODEVICE, and bind() when bindto is set (a
// bind_port without bindto binds nothing, as in keepalived).
func socket(c Conn, typ, proto int, udpCheck bool) (int, error) {
	fd, err := unix.Socket(family(c.Dst.Addr()), typ|unix.SOCK_NONBLOCK|unix.SOCK_CLOEXEC, proto)
	if err != nil {
		return -1, &DialError{Class: Error, Immediate: true, Socket: true, Err: fmt.Errorf("socket: %w", err)}
	}
	fail := func(what string, err error, log string) (int, error) {
		unix.Close(fd)
		return -1, &DialError{Class: Error, Immediate: true, Err: fmt.Errorf("%s: %w", what, err), Log: log}
	}
	if typ == unix.SOCK_STREAM {
		// Free the port once closed, but let the close finish.
		_ = unix.SetsockoptLinger(fd, unix.SOL_SOCKET, unix.SO_LINGER, &unix.Linger{Onoff: 1, Linger: 5})
	}
	if c.FWMark != 0 {
		if err := unix.SetsockoptInt(fd, unix.SOL_SOCKET, unix.SO_MARK, int(c.FWMark)); err != nil {
			return fail("setting fwmark", err, fmt.Sprintf("Error setting fwmark %d to socket: %s", c.FWMark, strerror(err)))
		}
	}
	if c.BindIf != "" {
		if err := unix.BindToDevice(fd, c.BindIf); err != nil {
			return fail("binding to "+c.BindIf, err, fmt.Sprintf("Checker can't bind to device %s: %s", c.BindIf, strerror(err)))
		}
	}
	if c.BindTo.IsValid() {
		if err := unix.Bind(fd, sockaddr(netip.AddrPortFrom(c.BindTo, c.BindPort))); err != nil {
			log := "Checker bind failed: " + strerror(err)
			if udpCheck { // udp_bind_connect()'s words
				log = fmt.Sprintf("bind failed. errno: %d, error: %s", int(errnoOf(err)), strerror(err))
			}
			return fail("bind", err, log)
		}
	}
	return fd, nil
}

// failClass is socket_bind_connect()'s reading of connect()'s errno:
// the server is unreachable or refused, or something else went wrong.
func failClass(err error) Class {
	switch {
	case errors.Is(err, unix.ENETUNREACH), errors.Is(err, unix.EHOSTUNREACH), errors.Is(err, unix.ECONNREFUSED),
		errors.Is(err, unix.EHOSTDOWN), errors.Is(err, unix.ENETDOWN), errors.Is(err, unix.ECONNRESET),
		errors.Is(err, unix.ECONNABORTED), errors.Is(err, unix.ETIMEDOUT):
		return Fail
	}
	return Error
}

// DialTCP connects to c.Dst as keepalived's checkers do: a non-blocking
// connect() bounded by c.Timeout (and ctx). The connection it returns
// belongs to the caller.
func DialTCP(ctx context.Context, c Conn) (net.Conn, error) {
	fd, err := socket(c, unix.SOCK_STREAM, unix.IPPROTO_TCP, false)
	if err != nil {
		return nil, err
	}
	err = unix.Connect(fd, sockaddr(c.Dst))
	if err != nil && !errors.Is(err, unix.EINPROGRESS) {
		unix.Close(fd)
		return nil, &DialError{Class: failClass(err), Immediate: true, Err: fmt.Errorf("connect: %w", err)}
	}
	f := os.NewFile(uintptr(fd), "check")
	defer f.Close()
	if err != nil {
		if err := waitWritable(ctx, f, c.Timeout); err != nil {
			return nil, err
		}
		soerr, gerr := unix.GetsockoptInt(fd, unix.SOL_SOCKET, unix.SO_ERROR)
		switch {
		case gerr != nil:
			return nil, &DialError{Class: Error, Err: gerr}
		case soerr == int(unix.ETIMEDOUT):
			return nil, &DialError{Class: Timeout, Err: unix.ETIMEDOUT}
		case soerr != 0:
			// connect() took the attempt: any error now is a failure to
			// connect (socket_state()).
			return nil, &DialError{Class: Fail, Err: fmt.Errorf("connect: %w", unix.Errno(soerr))}
		}
	}
	conn, err := net.FileConn(f)
	if err != nil {
		return nil, &DialError{Class: Error, Err: err}
	}
	return conn, nil
}

// waitWritable waits until the connecting socket is writable, at most
// timeout.
func waitWritable(ctx context.Context, f *os.File, timeout time.Duration) error {
	deadline := time.Now().Add(timeout)
	if d, ok := ctx.Deadline(); ok && d.Before(deadline) {
		deadline = d
	}
	if err := f.SetWriteDeadline(deadline); err != nil {
		return &DialError{Class: Error, Err: err}
	}
	stop := context.AfterFunc(ctx, func() { _ = f.SetWriteDeadline(time.Unix(1, 0)) })
	defer stop()
	rc, err := f.SyscallConn()
	if err != nil {
		return &DialError{Class: Error, Err: err}
	}
	err = rc.Write(func(fd uintptr) bool {
		p := []unix.PollFd{{Fd: int32(fd), Events: unix.POLLOUT}}
		n, _ := unix.Poll(p, 0)
		return n > 0
	})
	if errors.Is(err, os.ErrDeadlineExceeded) {
		return &DialError{Class: Timeout, Err: fmt.Errorf("connect: timed out")}
	}
	if err != nil {
		return &DialError{Class: Error, Err: err}
	}
	return nil
}

// strerror is glibc's text for err's errno.
func strerror(err error) string {
	e := errnoOf(err)
	if e == 0 {
		return err.Error()
	}
	return errnoText(e)
}

func errnoOf(err error) unix.Errno {
	var e unix.Errno
	if errors.As(err, &e) {
		return e
	}
	return 0
}

// LogOf is what keepalived logs about err, a failure to set up a socket.
func LogOf(err error) string {
	var d *DialError
	if errors.As(err, &d) {
		return d.Log
	}
	return ""
}

// ClassOf returns err's class, Error when it is not a DialError.
func ClassOf(err error) (c Class, immediate, sock bool) {
	var d *DialError
	if errors.As(err, &d) {
		return d.Class, d.Immediate, d.Socket
	}
	return Error, false, false
}
