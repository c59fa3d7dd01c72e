package sock

import (
	"context"
	"net"
	"net/netip"
	"os"
	"time"
	"unsafe"

	"golang.org/x/sys/unix"
)

// DialOptions are the socket settings of a connection to a server.
type DialOptions struct {
	// Timeout bounds the connection's establishment ("timeout
	// connect"); 0 waits for the system's.
	Timeout time.Duration
	// Source is the local address to bind to first (invalid for none);
	// a zero port lets connect() choose it (IP_BIND_ADDRESS_NO_PORT).
	Source netip.AddrPort
	// Transparent binds Source even when it is not local
	// (IP_TRANSPARENT, "usesrc").
	Transparent bool
	// Interface is SO_BINDTODEVICE.
	Interface string
	// KeepAlive turns SO_KEEPALIVE on, with the probes' settings where
	// they are not zero ("option srvtcpka").
	KeepAlive                    bool
	KeepIdle, KeepIntvl, KeepCnt int
}

// Dial connects to a TCP address with the system calls HAProxy makes:
// socket, TCP_NODELAY, connect. A second connect() tells whether the
// connection is established, which it already is on loopback; only
// otherwise does it wait in the runtime's poller for writability, within
// the timeout or until ctx ends. Errors are *net.OpError around an
// *os.SyscallError naming the call that failed.
func Dial(ctx context.Context, to netip.AddrPort, o *DialOptions) (*Conn, error) {
	v6 := to.Addr().Is6() && !to.Addr().Is4In6()
	family := unix.AF_INET
	if v6 {
		family = unix.AF_INET6
	}
	fd, err := unix.Socket(family, unix.SOCK_STREAM|unix.SOCK_NONBLOCK|unix.SOCK_CLOEXEC, 0)
	if err != nil {
		return nil, dialError(os.NewSyscallError("socket", err))
	}
	if err := setup(fd, o, v6); err != nil {
		unix.Close(fd)
		return nil, dialError(err)
	}
	var rsa unix.RawSockaddrAny
	l := rawSockaddr(to, &rsa, v6)
	done, err := connect(fd, &rsa, l)
	if err == nil && !done {
		// a second look: established meanwhile (loopback), refused,
		// or still in progress
		done, err = connect(fd, &rsa, l)
	}
	if err != nil {
		unix.Close(fd)
		return nil, dialError(err)
	}
	c := New(fd, to, netip.AddrPort{})
	if !done {
		if err := c.waitConnected(ctx, &rsa, l, o.Timeout); err != nil {
			c.Close()
			return nil, dialError(err)
		}
	}
	return c, nil
}

// setup sets the socket's options before connect.
func setup(fd int, o *DialOptions, v6 bool) error {
	unix.SetsockoptInt(fd, unix.IPPROTO_TCP, unix.TCP_NODELAY, 1)
	if o == nil {
		return nil
	}
	if o.KeepAlive {
		unix.SetsockoptInt(fd, unix.SOL_SOCKET, unix.SO_KEEPALIVE, 1)
		if o.KeepIdle > 0 {
			unix.SetsockoptInt(fd, unix.IPPROTO_TCP, unix.TCP_KEEPIDLE, o.KeepIdle)
		}
		if o.KeepIntvl > 0 {
			unix.SetsockoptInt(fd, unix.IPPROTO_TCP, unix.TCP_KEEPINTVL, o.KeepIntvl)
		}
		if o.KeepCnt > 0 {
			unix.SetsockoptInt(fd, unix.IPPROTO_TCP, unix.TCP_KEEPCNT, o.KeepCnt)
		}
	}
	if !o.Source.Addr().IsValid() {
		return nil
	}
	if o.Source.Port() == 0 {
		// let connect() choose the port, as HAProxy does, so that one
		// source address serves more connections
		unix.SetsockoptInt(fd, unix.IPPROTO_IP, unix.IP_BIND_ADDRESS_NO_PORT, 1)
	}
	if o.Transparent {
		var err error
		if v6 {
			err = unix.SetsockoptInt(fd, unix.SOL_IPV6, unix.IPV6_TRANSPARENT, 1)
		} else {
			err = unix.SetsockoptInt(fd, unix.SOL_IP, unix.IP_TRANSPARENT, 1)
		}
		if err != nil {
			return os.NewSyscallError("setsockopt", err)
		}
	}
	if o.Interface != "" {
		if err := unix.SetsockoptString(fd, unix.SOL_SOCKET, unix.SO_BINDTODEVICE, o.Interface); err != nil {
			return os.NewSyscallError("setsockopt", err)
		}
	}
	var rsa unix.RawSockaddrAny
	l := rawSockaddr(o.Source, &rsa, v6)
	if _, _, e := unix.Syscall(unix.SYS_BIND, uintptr(fd), uintptr(unsafe.Pointer(&rsa)), uintptr(l)); e != 0 {
		return os.NewSyscallError("bind", e)
	}
	return nil
}

// connect is one connect(2): done when established, no error while in
// progress.
func connect(fd int, rsa *unix.RawSockaddrAny, l uint32) (done bool, err error) {
	for {
		_, _, e := unix.Syscall(unix.SYS_CONNECT, uintptr(fd), uintptr(unsafe.Pointer(rsa)), uintptr(l))
		switch e {
		case 0, unix.EISCONN:
			return true, nil
		case unix.EINTR:
			continue
		case unix.EINPROGRESS, unix.EALREADY:
			return false, nil
		}
		return false, os.NewSyscallError("connect", e)
	}
}

// waitConnected waits for the connection in the runtime's poller.
func (c *Conn) waitConnected(ctx context.Context, rsa *unix.RawSockaddrAny, l uint32, timeout time.Duration) error {
	a, err := c.attach()
	if err != nil {
		return err
	}
	if timeout > 0 {
		a.f.SetWriteDeadline(time.Now().Add(timeout))
	}
	if ctx.Done() != nil {
		stop := context.AfterFunc(ctx, func() { a.f.SetWriteDeadline(time.Unix(1, 0)) })
		defer stop()
	}
	var cerr error
	err = a.rc.Write(func(fd uintptr) bool {
		var done bool
		done, cerr = connect(int(fd), rsa, l)
		return done || cerr != nil
	})
	a.f.SetWriteDeadline(time.Time{})
	if err == nil {
		err = cerr
	}
	if err != nil && ctx.Err() != nil {
		return ctx.Err()
	}
	return err
}

func dialError(err error) error {
	if ne, ok := err.(*net.OpError); ok {
		return ne
	}
	return &net.OpError{Op: "dial", Net: "tcp", Err: err}
}
