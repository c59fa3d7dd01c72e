package listener

import (
	"net"
	"unsafe"

	"golang.org/x/sys/unix"
)

// suspend makes a TCP listening socket refuse connections while paused,
// as tcp_suspend_receiver() does in 2.6: connect() to AF_UNSPEC
// disconnects the socket, which stops listening (connections waiting in
// the backlog are reset, new ones refused) but keeps its address bound
// (a port the kernel chose for port 0 is given back), so that a next
// process may bind it and this one listen again. UNIX
// sockets are left listening: new connections wait in the backlog. It
// reports whether the socket was suspended.
func suspend(ln net.Listener) bool {
	tl, ok := ln.(*net.TCPListener)
	if !ok {
		return false
	}
	rc, err := tl.SyscallConn()
	if err != nil {
		return false
	}
	var errno unix.Errno
	rc.Control(func(fd uintptr) {
		// unix.Connect takes no AF_UNSPEC address: the raw call
		sa := unix.RawSockaddr{Family: unix.AF_UNSPEC}
		_, _, errno = unix.Syscall(unix.SYS_CONNECT, fd, uintptr(unsafe.Pointer(&sa)), unsafe.Sizeof(sa))
	})
	return errno == 0
}

// resume listens again on a suspended socket (tcp_resume_receiver()).
func resume(ln net.Listener, backlog int) error {
	tl, ok := ln.(*net.TCPListener)
	if !ok {
		return nil
	}
	rc, err := tl.SyscallConn()
	if err != nil {
		return err
	}
	if backlog <= 0 {
		backlog = unix.SOMAXCONN
	}
	var lerr error
	rc.Control(func(fd uintptr) { lerr = unix.Listen(int(fd), backlog) })
	return lerr
}
