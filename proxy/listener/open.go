package listener

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/netip"
	"os"
	"strconv"
	"syscall"

	"golang.org/x/sys/unix"

	"hakeep/proxy"
)

// OpenOptions are the process-wide settings that change how sockets are
// opened.
type OpenOptions struct {
	// NoReusePort is the global "noreuseport" or -dR: no SO_REUSEPORT.
	NoReusePort bool
	// UnixBind holds the global "unix-bind" defaults.
	UnixBind proxy.UnixBind
	// PID names the temporary file a UNIX socket is bound to before it
	// is renamed into place.
	PID int
	// BindV6Only is the system's net.ipv6.bindv6only: what an IPv6
	// socket without "v4v6" or "v6only" does (SystemV6Only reads it).
	BindV6Only bool
}

// SystemV6Only reads net.ipv6.bindv6only.
func SystemV6Only() bool {
	b, err := os.ReadFile("/proc/sys/net/ipv6/bindv6only")
	return err == nil && len(b) > 0 && b[0] == '1'
}

// Socket is an open listening socket and what HAProxy would have warned
// about while opening it.
type Socket struct {
	Addr     Addr
	Listener net.Listener
	// Warnings are problems that do not stop the socket from working
	// ("cannot make listening socket transparent").
	Warnings []string
}

// Open creates the listening socket for a on bind line b, with HAProxy's
// options, and listens with the given backlog.
func Open(a Addr, b *proxy.Bind, backlog int, o OpenOptions) (*Socket, error) {
	var f *os.File
	var err error
	switch a.Family {
	case proxy.FamilyInet:
		ln, warns, err := openInet(a, b, backlog, o)
		if err != nil {
			return nil, err
		}
		return &Socket{Addr: a, Listener: ln, Warnings: warns}, nil
	case proxy.FamilyUnix, proxy.FamilyAbstract:
		f, err = openUnix(a, b, backlog, o)
	case proxy.FamilyFD:
		// fd@: an inherited socket, already bound and listening
		f = os.NewFile(uintptr(a.FD), "fd@"+strconv.Itoa(a.FD))
		if f == nil {
			return nil, fmt.Errorf("cannot use file descriptor %d for [%s]", a.FD, a)
		}
	default:
		return nil, fmt.Errorf("unsupported address family for [%s]", a)
	}
	if err != nil {
		return nil, err
	}
	ln, err := FromFile(f)
	f.Close()
	if err != nil {
		return nil, fmt.Errorf("cannot listen on [%s]: %w", a, err)
	}
	return &Socket{Addr: a, Listener: ln}, nil
}

// FromFile makes a listener of an already listening socket (fd@,
// sockets inherited across a reload or from systemd). The file stays the
// caller's to close.
func FromFile(f *os.File) (net.Listener, error) {
	return net.FileListener(f)
}

// strerror is glibc's message for err: Go's with a capital letter.
func strerror(err error) string {
	var errno syscall.Errno
	msg := err.Error()
	if errors.As(err, &errno) {
		msg = errno.Error()
	}
	if msg != "" && msg[0] >= 'a' && msg[0] <= 'z' {
		msg = string(msg[0]-'a'+'A') + msg[1:]
	}
	return msg
}

// openInet is sock_inet_bind_receiver and tcp_bind_listener. The socket
// is made by the standard library so that accepted connections skip its
// default TCP keep-alive setup (four setsockopt calls per connection that
// HAProxy does not make); the options go in before bind, and the backlog
// is set by listening again once the socket listens (Linux updates it).
func openInet(a Addr, b *proxy.Bind, backlog int, o OpenOptions) (net.Listener, []string, error) {
	network := "tcp4"
	addr := a.AddrPort()
	if a.ipv6() {
		network = "tcp6"
	} else {
		addr = netip.AddrPortFrom(addr.Addr().Unmap(), addr.Port())
	}
	var warns []string
	var optErr error
	lc := net.ListenConfig{
		KeepAlive: -1,
		Control: func(_, _ string, c syscall.RawConn) error {
			c.Control(func(fd uintptr) {
				warns, optErr = inetOptions(int(fd), a, b, backlog, o)
			})
			return optErr
		},
	}
	ln, err := lc.Listen(context.Background(), network, addr.String())
	if err != nil {
		if optErr != nil {
			return nil, nil, optErr
		}
		var se *os.SyscallError
		if errors.As(err, &se) && se.Syscall == "listen" {
			return nil, nil, fmt.Errorf("cannot listen to socket (%s) for [%s]", strerror(err), a)
		}
		return nil, nil, fmt.Errorf("cannot bind socket (%s) for [%s]", strerror(err), a)
	}
	if backlog > 0 {
		if rc, err := ln.(*net.TCPListener).SyscallConn(); err == nil {
			rc.Control(func(fd uintptr) { unix.Listen(int(fd), backlog) })
		}
	}
	return ln, warns, nil
}

// inetOptions sets the options HAProxy sets on a TCP listening socket
// before binding it.
func inetOptions(fd int, a Addr, b *proxy.Bind, backlog int, o OpenOptions) ([]string, error) {
	var warns []string
	ipv6 := a.ipv6()
	unix.SetsockoptInt(fd, unix.SOL_SOCKET, unix.SO_REUSEADDR, 1)
	if !o.NoReusePort {
		unix.SetsockoptInt(fd, unix.SOL_SOCKET, unix.SO_REUSEPORT, 1)
	}
	if ipv6 {
		// HAProxy leaves IPV6_V6ONLY alone without v4v6 or v6only; the
		// standard library always sets it, so put the system's default
		// (net.ipv6.bindv6only) back
		v6only := o.BindV6Only
		switch {
		case b.V6Only:
			v6only = true
		case b.V4V6:
			v6only = false
		}
		v := 0
		if v6only {
			v = 1
		}
		unix.SetsockoptInt(fd, unix.IPPROTO_IPV6, unix.IPV6_V6ONLY, v)
	}
	if b.Transparent {
		// sock_inet_make_foreign: a failure is reported, not fatal
		var err error
		if ipv6 {
			err = unix.SetsockoptInt(fd, unix.SOL_IPV6, unix.IPV6_TRANSPARENT, 1)
		} else {
			err = unix.SetsockoptInt(fd, unix.SOL_IP, unix.IP_TRANSPARENT, 1)
		}
		if err != nil {
			err = unix.SetsockoptInt(fd, unix.SOL_IP, unix.IP_FREEBIND, 1)
		}
		if err != nil {
			warns = append(warns, "cannot make listening socket transparent for ["+a.String()+"]")
		}
	}
	if b.Interface != "" {
		if err := unix.SetsockoptString(fd, unix.SOL_SOCKET, unix.SO_BINDTODEVICE, b.Interface); err != nil {
			warns = append(warns, "cannot bind listener to device ("+strerror(err)+") for ["+a.String()+"]")
		}
	}
	if b.MSS != 0 {
		mss := b.MSS
		if mss < 0 { // a negative value only lowers the current MSS
			cur, err := unix.GetsockoptInt(fd, unix.IPPROTO_TCP, unix.TCP_MAXSEG)
			if err == nil && cur > -mss {
				mss = -mss
			} else {
				mss = 0
			}
		}
		if mss > 0 {
			if err := unix.SetsockoptInt(fd, unix.IPPROTO_TCP, unix.TCP_MAXSEG, mss); err != nil {
				warns = append(warns, "cannot set MSS for ["+a.String()+"]")
			}
		}
	}
	if b.TCPUserTimeout > 0 {
		unix.SetsockoptInt(fd, unix.IPPROTO_TCP, unix.TCP_USER_TIMEOUT, int(b.TCPUserTimeout.Milliseconds()))
	}
	if b.DeferAccept {
		// "defer accept by up to one second" (src/proto_tcp.c)
		if err := unix.SetsockoptInt(fd, unix.IPPROTO_TCP, unix.TCP_DEFER_ACCEPT, 1); err != nil {
			warns = append(warns, "cannot enable DEFER_ACCEPT for ["+a.String()+"]")
		}
	}
	if b.TFO {
		if err := unix.SetsockoptInt(fd, unix.IPPROTO_TCP, unix.TCP_FASTOPEN, backlog); err != nil {
			warns = append(warns, "cannot enable TCP_FASTOPEN for ["+a.String()+"]")
		}
	}
	return warns, nil
}

// openUnix is sock_unix_bind_receiver: a path socket is bound under a
// temporary name, given its owner and mode, then renamed over the final
// path so that clients never see a missing socket during a reload; an
// abstract socket's name is padded with NULs to the full sun_path, as
// HAProxy pads it (clients must use the same length to reach it).
func openUnix(a Addr, b *proxy.Bind, backlog int, o OpenOptions) (*os.File, error) {
	fd, err := unix.Socket(unix.AF_UNIX, unix.SOCK_STREAM|unix.SOCK_NONBLOCK|unix.SOCK_CLOEXEC, 0)
	if err != nil {
		return nil, fmt.Errorf("cannot create receiving socket (%s) [%s]", strerror(err), a)
	}
	fail := func(what string, err error) (*os.File, error) {
		unix.Close(fd)
		return nil, fmt.Errorf("%s (%s) [%s]", what, strerror(err), a)
	}
	if a.Family == proxy.FamilyAbstract {
		name := make([]byte, 108)
		copy(name[1:], a.Path)
		name[0] = '@'
		// x/sys/unix caps names one byte short of sun_path; the
		// standard library takes the full length for abstract names
		if err := syscall.Bind(fd, &syscall.SockaddrUnix{Name: string(name)}); err != nil {
			return fail("cannot bind UNIX socket", err)
		}
		if err := unix.Listen(fd, backlog); err != nil {
			return fail("cannot listen to UNIX socket", err)
		}
		return os.NewFile(uintptr(fd), a.Key()), nil
	}
	tmp := a.Path + "." + strconv.Itoa(o.PID) + ".tmp"
	os.Remove(tmp)
	if err := unix.Bind(fd, &unix.SockaddrUnix{Name: tmp}); err != nil {
		return fail("cannot bind UNIX socket", err)
	}
	uid, gid := o.UnixBind.UID, o.UnixBind.GID
	if b.UID != 0 || b.User != "" {
		uid = b.UID
	}
	if b.GID != 0 || b.Group != "" {
		gid = b.GID
	}
	mode := o.UnixBind.Mode
	if b.ModeSet {
		mode = b.Mode
	}
	if uid != 0 || gid != 0 {
		own := func(id int) int {
			if id == 0 {
				return -1
			}
			return id
		}
		if err := os.Lchown(tmp, own(uid), own(gid)); err != nil {
			os.Remove(tmp)
			return fail("cannot change UNIX socket ownership", err)
		}
	}
	if mode != 0 {
		if err := os.Chmod(tmp, os.FileMode(mode)); err != nil {
			os.Remove(tmp)
			return fail("cannot change UNIX socket permissions", err)
		}
	}
	if err := unix.Listen(fd, backlog); err != nil {
		os.Remove(tmp)
		return fail("cannot listen to UNIX socket", err)
	}
	if err := os.Rename(tmp, a.Path); err != nil {
		os.Remove(tmp)
		return fail("cannot switch final and temporary UNIX sockets", err)
	}
	return os.NewFile(uintptr(fd), a.Key()), nil
}
