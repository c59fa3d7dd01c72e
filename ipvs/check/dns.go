package check

import (
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"strings"
	"time"

	"golang.org/x/sys/unix"
)

// DNSError is a DNS_CHECK failure in keepalived's words ("read timeout
// from socket", "read error occurred. (rcode = 3)"...).
type DNSError struct {
	Msg string
	// Local: the socket could not be made (Socket) or set up; Log is
	// what keepalived logs then.
	Local, Socket bool
	Log           string
}

func (e *DNSError) Error() string { return e.Msg }

// DNSQuery is check_dns.c's query: a random id, recursion desired, one
// question of type qtype, class IN, for name ("." is the root).
func DNSQuery(id uint16, qtype uint16, name string) []byte {
	b := make([]byte, 12, 12+len(name)+6)
	binary.BigEndian.PutUint16(b[0:], id)
	binary.BigEndian.PutUint16(b[2:], 0x0100) // RD
	binary.BigEndian.PutUint16(b[4:], 1)
	if name != "." {
		for _, label := range strings.Split(strings.TrimSuffix(name, "."), ".") {
			b = append(b, byte(len(label)))
			b = append(b, label...)
		}
	}
	b = append(b, 0)
	b = binary.BigEndian.AppendUint16(b, qtype)
	return binary.BigEndian.AppendUint16(b, 1)
}

// DNS is DNS_CHECK's test: one query over UDP, answered by a response
// with the query's id and rcode 0 (dns_recv_thread()).
func DNS(ctx context.Context, c Conn, qtype uint16, name string) error {
	fd, err := socket(c, unix.SOCK_DGRAM, unix.IPPROTO_UDP, false)
	if err != nil {
		_, _, sock := ClassOf(err)
		return &DNSError{Msg: err.Error(), Local: true, Socket: sock, Log: LogOf(err)}
	}
	if err := unix.Connect(fd, sockaddr(c.Dst)); err != nil {
		unix.Close(fd)
		if failClass(err) == Fail {
			return &DNSError{Msg: fmt.Sprintf("network unreachable for [%s]:%d", c.Dst.Addr().Unmap(), c.Dst.Port())}
		}
		return &DNSError{Msg: err.Error(), Local: true}
	}
	f := os.NewFile(uintptr(fd), "dns")
	defer f.Close()
	deadline := time.Now().Add(c.Timeout)
	_ = f.SetDeadline(deadline)
	stop := context.AfterFunc(ctx, func() { _ = f.SetDeadline(time.Unix(1, 0)) })
	defer stop()
	q := DNSQuery(uint16(rand.Uint32()), qtype, name)
	n, err := f.Write(q)
	switch {
	case errors.Is(err, os.ErrDeadlineExceeded):
		return &DNSError{Msg: "write timeout to socket."}
	case err != nil:
		return &DNSError{Msg: "failed to write socket."}
	case n != len(q):
		return &DNSError{Msg: "failed to write all of the datagram."}
	}
	buf := make([]byte, 1024)
	for {
		n, err := f.Read(buf)
		if errors.Is(err, os.ErrDeadlineExceeded) {
			return &DNSError{Msg: "read timeout from socket"}
		}
		if err != nil {
			var errno unix.Errno
			if !errors.As(err, &errno) {
				errno = unix.EIO
			}
			return &DNSError{Msg: fmt.Sprintf("failed to read socket; errno %d (%s)", int(errno), errnoText(errno))}
		}
		// Short messages, other ids and queries are not the answer.
		if n < 12 || binary.BigEndian.Uint16(buf) != binary.BigEndian.Uint16(q) {
			continue
		}
		flags := binary.BigEndian.Uint16(buf[2:])
		if flags&0x8000 == 0 {
			continue
		}
		if rc := flags & 0xf; rc != 0 {
			return &DNSError{Msg: fmt.Sprintf("read error occurred. (rcode = %d)", rc)}
		}
		return nil
	}
}

// errnoText is strerror(): glibc's text, which Go's for the common
// errnos follows except for case.
func errnoText(e unix.Errno) string {
	s := e.Error()
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}
