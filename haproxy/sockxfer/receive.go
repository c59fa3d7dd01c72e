package sockxfer

import (
	"encoding/binary"
	"errors"
	"fmt"
	"net"
	"os"
	"strconv"
	"strings"
	"syscall"
	"time"

	"golang.org/x/sys/unix"
)

// Socket is a socket received from the previous process, with what the
// new process needs to match it against its own bind lines
// (sock_find_compatible_fd()).
type Socket struct {
	File *os.File
	// Addr is the socket's own address (getsockname).
	Addr unix.Sockaddr
	// Namespace and Interface are what the sender's bind line named.
	Namespace, Interface string
	// V6Only is IPV6_V6ONLY on an AF_INET6 socket; Foreign is set when
	// the socket may bind foreign addresses (transparent); Dgram for UDP.
	V6Only, Foreign, Dgram bool
}

// Request is what the receiver sends to ask for the sockets.
const Request = "_getsocks\n"

// ErrNoAnswer is returned when the sender closed the session without
// announcing any socket: it has none to give, or the socket it was asked
// on lacks "expose-fd listeners".
var ErrNoAnswer = errors.New("failed to get the number of sockets to be transferred")

// Receive asks for the sockets on c and reads them. The caller owns the
// returned files.
func Receive(c *net.UnixConn) ([]Socket, error) {
	c.SetDeadline(time.Now().Add(time.Second))
	defer c.SetDeadline(time.Time{})
	if _, err := c.Write([]byte(Request)); err != nil {
		return nil, ErrNoAnswer
	}
	var nb [4]byte
	if n, _, _, _, err := c.ReadMsgUnix(nb[:], nil); err != nil || n != len(nb) {
		return nil, ErrNoAnswer
	}
	want := int(int32(binary.NativeEndian.Uint32(nb[:])))
	if want <= 0 {
		return nil, nil
	}
	var (
		data  []byte
		files []*os.File
		buf   = make([]byte, MaxBatch*(1+unix.PathMax+1+unix.IFNAMSIZ+4))
		oob   = make([]byte, syscall.CmsgSpace(4*MaxBatch))
	)
	closeAll := func() {
		for _, f := range files {
			f.Close()
		}
	}
	for len(files) < want {
		n, oobn, _, _, err := c.ReadMsgUnix(buf, oob)
		if err != nil || n <= 0 {
			break
		}
		fds, err := parseRights(oob[:oobn])
		// the ack lets the sender go on with its next batch; 2.6 sends
		// the count received before this batch
		var ack [4]byte
		binary.NativeEndian.PutUint32(ack[:], uint32(len(files)))
		c.Write(ack[:])
		for _, fd := range fds {
			files = append(files, os.NewFile(uintptr(fd), "getsocks"))
		}
		if err != nil {
			closeAll()
			return nil, err
		}
		if len(files) > want {
			closeAll()
			return nil, fmt.Errorf("got too many sockets")
		}
		data = append(data, buf[:n]...)
	}
	if len(files) != want {
		closeAll()
		return nil, fmt.Errorf("didn't get the expected number of sockets (expecting %d got %d)", want, len(files))
	}
	socks, err := describe(files, data)
	if err != nil {
		closeAll()
		return nil, err
	}
	return socks, nil
}

func parseRights(oob []byte) ([]int, error) {
	msgs, err := syscall.ParseSocketControlMessage(oob)
	if err != nil {
		return nil, fmt.Errorf("bad control message: %w", err)
	}
	var fds []int
	for i := range msgs {
		r, err := syscall.ParseUnixRights(&msgs[i])
		if err != nil {
			continue
		}
		for _, fd := range r {
			unix.CloseOnExec(fd)
		}
		fds = append(fds, r...)
	}
	return fds, nil
}

var errInconsistent = errors.New("inconsistency while transferring sockets")

// describe reads each socket's record and asks the kernel what it is.
func describe(files []*os.File, data []byte) ([]Socket, error) {
	socks := make([]Socket, 0, len(files))
	off := 0
	field := func() (string, error) {
		if off >= len(data) {
			return "", errInconsistent
		}
		l := int(data[off])
		off++
		if off+l > len(data) {
			return "", errInconsistent
		}
		s := string(data[off : off+l])
		off += l
		return s, nil
	}
	for _, f := range files {
		s := Socket{File: f}
		fd := int(f.Fd())
		sa, err := unix.Getsockname(fd)
		if err != nil {
			return nil, fmt.Errorf("failed to get socket address: %w", err)
		}
		s.Addr = sa
		if s.Namespace, err = field(); err != nil {
			return nil, err
		}
		if s.Interface, err = field(); err != nil {
			return nil, err
		}
		if off+4 > len(data) {
			return nil, errInconsistent
		}
		off += 4
		if t, err := unix.GetsockoptInt(fd, unix.SOL_SOCKET, unix.SO_TYPE); err == nil && t == unix.SOCK_DGRAM {
			s.Dgram = true
		}
		switch sa.(type) {
		case *unix.SockaddrInet6:
			if v, err := unix.GetsockoptInt(fd, unix.IPPROTO_IPV6, unix.IPV6_V6ONLY); err == nil && v > 0 {
				s.V6Only = true
			}
			s.Foreign = optSet(fd, unix.SOL_IPV6, unix.IPV6_TRANSPARENT) || optSet(fd, unix.SOL_IP, unix.IP_FREEBIND)
		case *unix.SockaddrInet4:
			s.Foreign = optSet(fd, unix.SOL_IP, unix.IP_TRANSPARENT) || optSet(fd, unix.SOL_IP, unix.IP_FREEBIND)
		}
		socks = append(socks, s)
	}
	return socks, nil
}

func optSet(fd, level, opt int) bool {
	v, err := unix.GetsockoptInt(fd, level, opt)
	return err == nil && v > 0
}

// Dial opens a session to the process that holds the sockets: a path to
// its stats socket, or "sockpair@N" for the socketpair a master shares
// with its worker, where a session is opened by passing the worker one
// end of a new socketpair (send_fd_uxst()).
func Dial(where string) (*net.UnixConn, error) {
	if rest, ok := strings.CutPrefix(where, "sockpair@"); ok {
		fd, err := strconv.Atoi(rest)
		if err != nil {
			return nil, fmt.Errorf("bad socketpair %q", where)
		}
		return DialPair(fd)
	}
	c, err := net.DialUnix("unix", nil, &net.UnixAddr{Name: where, Net: "unix"})
	if err != nil {
		return nil, fmt.Errorf("failed to connect to the old process socket '%s'", where)
	}
	return c, nil
}

// DialPair opens a session over the socketpair fd: one end of a new
// socketpair goes to the peer, the other is returned.
func DialPair(fd int) (*net.UnixConn, error) {
	sv, err := unix.Socketpair(unix.AF_UNIX, unix.SOCK_STREAM|unix.SOCK_CLOEXEC, 0)
	if err != nil {
		return nil, fmt.Errorf("socketpair(): cannot create socketpair: %w", err)
	}
	err = SendFD(fd, sv[0])
	unix.Close(sv[0])
	if err != nil {
		unix.Close(sv[1])
		return nil, fmt.Errorf("socketpair: cannot transfer socket: %w", err)
	}
	f := os.NewFile(uintptr(sv[1]), "sockpair")
	defer f.Close()
	c, err := net.FileConn(f)
	if err != nil {
		return nil, err
	}
	return c.(*net.UnixConn), nil
}

// SendFD passes fd over the unix socket sock with two zero bytes of data,
// as send_fd_uxst() does.
func SendFD(sock, fd int) error {
	for {
		err := unix.Sendmsg(sock, []byte{0, 0}, unix.UnixRights(fd), nil, 0)
		if err != unix.EINTR {
			return err
		}
	}
}
