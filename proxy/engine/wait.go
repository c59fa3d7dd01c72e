package engine

import (
	"syscall"
	"unsafe"

	"golang.org/x/sys/unix"
)

// readWaiter parks a goroutine until a socket is readable without reading
// it, so that an idle connection holds no buffer (HAProxy releases its
// buffers between requests). The runtime forgets a readiness notification
// when a wait starts (it expects the next read to find the data), so the
// first look is a one-byte MSG_PEEK: data or end of file go on at once;
// EAGAIN parks on the netpoller, and the wake-up goes on without another
// look (a rare spurious wake-up costs the caller's read an EAGAIN, which
// the standard Read absorbs by waiting again).
type readWaiter struct {
	armed bool
	fn    func(uintptr) bool
}

func newReadWaiter() *readWaiter {
	w := &readWaiter{}
	w.fn = func(fd uintptr) bool {
		if w.armed {
			return true
		}
		w.armed = true
		return !wouldBlock(fd)
	}
	return w
}

// wait returns once rc is readable (data, end of file or error), or with
// the error of the connection's read deadline.
func (w *readWaiter) wait(rc syscall.RawConn) error {
	w.armed = false
	return rc.Read(w.fn)
}

// wouldBlock peeks at one byte without taking it and reports whether the
// socket has nothing to read yet.
func wouldBlock(fd uintptr) bool {
	var b [1]byte
	for {
		_, _, errno := unix.Syscall6(unix.SYS_RECVFROM, fd, uintptr(unsafe.Pointer(&b)), 1,
			unix.MSG_PEEK|unix.MSG_DONTWAIT, 0, 0)
		switch errno {
		case unix.EINTR:
			continue
		case unix.EAGAIN:
			return true
		}
		return false
	}
}
