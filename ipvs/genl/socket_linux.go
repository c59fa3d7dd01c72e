package genl

import (
	"fmt"

	"golang.org/x/sys/unix"
)

// netlinkSocket is a NETLINK_GENERIC socket bound to a kernel-assigned
// port.
type netlinkSocket struct {
	fd int
}

// Dial opens a generic netlink socket.
func Dial() (*Conn, error) {
	fd, err := unix.Socket(unix.AF_NETLINK, unix.SOCK_RAW|unix.SOCK_CLOEXEC, unix.NETLINK_GENERIC)
	if err != nil {
		return nil, fmt.Errorf("netlink socket: %w", err)
	}
	tv := unix.NsecToTimeval(ReplyTimeout.Nanoseconds())
	if err := unix.SetsockoptTimeval(fd, unix.SOL_SOCKET, unix.SO_RCVTIMEO, &tv); err != nil {
		unix.Close(fd)
		return nil, fmt.Errorf("netlink receive timeout: %w", err)
	}
	if err := unix.Bind(fd, &unix.SockaddrNetlink{Family: unix.AF_NETLINK}); err != nil {
		unix.Close(fd)
		return nil, fmt.Errorf("netlink bind: %w", err)
	}
	return NewConn(&netlinkSocket{fd: fd}), nil
}

func (s *netlinkSocket) Send(b []byte) error {
	return unix.Sendto(s.fd, b, 0, &unix.SockaddrNetlink{Family: unix.AF_NETLINK})
}

// Receive reads one datagram whole: it peeks with MSG_TRUNC for the size
// first (as libnl does), so a large dump part is never cut. SO_RCVTIMEO
// (socket(7)) ends a wait after ReplyTimeout with EAGAIN: ErrNoReply.
func (s *netlinkSocket) Receive() ([]byte, error) {
	var probe [1]byte
	for {
		n, _, err := unix.Recvfrom(s.fd, probe[:], unix.MSG_PEEK|unix.MSG_TRUNC)
		if err == unix.EINTR {
			continue
		}
		if err == unix.EAGAIN {
			return nil, fmt.Errorf("%w within %v", ErrNoReply, ReplyTimeout)
		}
		if err != nil {
			return nil, err
		}
		buf := make([]byte, max(n, 1))
		n, _, err = unix.Recvfrom(s.fd, buf, 0)
		if err == unix.EINTR {
			continue
		}
		if err != nil {
			return nil, err
		}
		return buf[:n], nil
	}
}

func (s *netlinkSocket) Close() error { return unix.Close(s.fd) }
