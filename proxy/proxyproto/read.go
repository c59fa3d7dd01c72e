package proxyproto

import (
	"syscall"
)

// Read takes the PROXY header off a freshly accepted socket the way HAProxy
// does: it waits for the first bytes, peeks at up to len(buf) of them
// (HAProxy peeks into a buffer of tune.bufsize), decodes the header and then
// consumes exactly its length, so that whatever follows stays in the socket
// for the next reader. The caller bounds the wait with a read deadline on
// the connection ("timeout client").
//
// Authority and UniqueID are copied out of buf.
func Read(rc syscall.RawConn, buf []byte) (Header, error) {
	var n int
	var rerr error
	err := rc.Read(func(fd uintptr) bool {
		for {
			n, _, rerr = syscall.Recvfrom(int(fd), buf, syscall.MSG_PEEK)
			if rerr != syscall.EINTR {
				return rerr != syscall.EAGAIN
			}
		}
	})
	if err != nil {
		return Header{}, err
	}
	if rerr != nil {
		return Header{}, ErrAbort
	}
	h, hlen, err := Parse(buf[:n])
	if err != nil {
		return Header{}, err
	}
	var m int
	err = rc.Read(func(fd uintptr) bool {
		for {
			m, _, rerr = syscall.Recvfrom(int(fd), buf[:hlen], 0)
			if rerr != syscall.EINTR {
				return true
			}
		}
	})
	if err != nil || rerr != nil || m != hlen {
		return Header{}, ErrAbort
	}
	if h.Authority != nil {
		h.Authority = append([]byte(nil), h.Authority...)
	}
	if h.UniqueID != nil {
		h.UniqueID = append([]byte(nil), h.UniqueID...)
	}
	return h, nil
}
