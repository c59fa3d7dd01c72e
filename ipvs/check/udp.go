package check

import (
	"context"
	"crypto/rand"
	"errors"
	"os"
	"time"

	"golang.org/x/sys/unix"
)

// UDPCheck is UDP_CHECK's test.
type UDPCheck struct {
	// Payload is sent; nil sends 32 random bytes.
	Payload []byte
	// RequireReply: silence fails the check (without it, only an ICMP
	// unreachable does).
	RequireReply bool
	// Reply, when set, is compared with the reply (under ReplyMask's
	// zero bits), whose length must be within [MinReply, MaxReply].
	Reply, ReplyMask   []byte
	MinReply, MaxReply int
}

// UDP outcomes.
var (
	// ErrUDPMismatch: a reply came but did not match.
	ErrUDPMismatch = errors.New("reply data mismatch")
	// ErrUDPNoReply: require_reply and nothing came back in time.
	ErrUDPNoReply = errors.New("no reply")
)

// UDP sends one datagram and waits connect_timeout for an answer or an
// ICMP error (udp_bind_connect(), udp_socket_state()). A failure to set
// up the socket is a *DialError.
func UDP(ctx context.Context, c Conn, u UDPCheck) error {
	fd, err := socket(Conn{Dst: c.Dst, BindTo: c.BindTo, BindPort: c.BindPort, FWMark: c.FWMark}, unix.SOCK_DGRAM, unix.IPPROTO_UDP, true)
	if err != nil {
		return err
	}
	if family(c.Dst.Addr()) == unix.AF_INET {
		_ = unix.SetsockoptInt(fd, unix.SOL_IP, unix.IP_RECVERR, 1)
	} else {
		_ = unix.SetsockoptInt(fd, unix.SOL_IPV6, unix.IPV6_RECVERR, 1)
	}
	if err := unix.Connect(fd, sockaddr(c.Dst)); err != nil {
		unix.Close(fd)
		return &DialError{Class: Error, Immediate: true, Err: err}
	}
	f := os.NewFile(uintptr(fd), "udp")
	defer f.Close()
	payload := u.Payload
	if payload == nil {
		payload = make([]byte, 32)
		_, _ = rand.Read(payload)
	}
	if n, err := f.Write(payload); err != nil || n != len(payload) {
		return &DialError{Class: Error, Immediate: true, Err: errors.New("udp send failed")}
	}
	_ = f.SetReadDeadline(time.Now().Add(c.Timeout))
	stop := context.AfterFunc(ctx, func() { _ = f.SetReadDeadline(time.Unix(1, 0)) })
	defer stop()
	buf := make([]byte, max(u.MaxReply, 1)+1)
	n, err := f.Read(buf)
	switch {
	case errors.Is(err, os.ErrDeadlineExceeded):
		if u.RequireReply {
			return ErrUDPNoReply
		}
		return nil
	case err != nil:
		return &DialError{Class: Fail, Err: err}
	}
	if u.Reply != nil && !udpReplyMatches(buf[:n], u) {
		return ErrUDPMismatch
	}
	return nil
}

// udpReplyMatches is check_udp_reply()'s comparison.
func udpReplyMatches(got []byte, u UDPCheck) bool {
	if len(got) < u.MinReply || len(got) > u.MaxReply {
		return false
	}
	for i := 0; i < min(len(got), len(u.Reply)); i++ {
		mask := byte(0xff)
		if u.ReplyMask != nil {
			mask = ^u.ReplyMask[i]
		}
		if (got[i]^u.Reply[i])&mask != 0 {
			return false
		}
	}
	return true
}
