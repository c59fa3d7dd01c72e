package tcpproxy

import (
	"net"

	"golang.org/x/sys/unix"
)

// activity is a counter that grows whenever bytes move on c: what the
// peer sent us and what it acknowledged of ours (TCP_INFO). Other kinds of
// connections report 0, and only their ends are seen.
func activity(c net.Conn) uint64 {
	rc := rawOf(c)
	if rc == nil {
		return 0
	}
	var n uint64
	rc.Control(func(fd uintptr) {
		if info, err := unix.GetsockoptTCPInfo(int(fd), unix.IPPROTO_TCP, unix.TCP_INFO); err == nil {
			n = info.Bytes_received + info.Bytes_acked
		}
	})
	return n
}

// closed reports whether the kernel has closed c's TCP connection (a
// reset received).
func closed(c net.Conn) bool {
	rc := rawOf(c)
	if rc == nil {
		return false
	}
	state := uint8(0)
	rc.Control(func(fd uintptr) {
		if info, err := unix.GetsockoptTCPInfo(int(fd), unix.IPPROTO_TCP, unix.TCP_INFO); err == nil {
			state = info.State
		}
	})
	return state == tcpClose
}

// tcpClose is TCP_CLOSE in the kernel's state numbering.
const tcpClose = 7
