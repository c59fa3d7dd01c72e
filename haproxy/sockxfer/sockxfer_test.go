package sockxfer

import (
	"encoding/binary"
	"net"
	"os"
	"strconv"
	"testing"

	"golang.org/x/sys/unix"
)

func pair(t *testing.T) (a, b *net.UnixConn) {
	t.Helper()
	fds, err := unix.Socketpair(unix.AF_UNIX, unix.SOCK_STREAM|unix.SOCK_CLOEXEC, 0)
	if err != nil {
		t.Fatal(err)
	}
	conn := func(fd int) *net.UnixConn {
		f := os.NewFile(uintptr(fd), "pair")
		defer f.Close()
		c, err := net.FileConn(f)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { c.Close() })
		return c.(*net.UnixConn)
	}
	return conn(fds[0]), conn(fds[1])
}

func tcpListeners(t *testing.T, n int) ([]Exported, []string) {
	t.Helper()
	var ex []Exported
	var addrs []string
	for i := 0; i < n; i++ {
		l, err := net.Listen("tcp4", "127.0.0.1:0")
		if err != nil {
			t.Fatal(err)
		}
		f, err := l.(*net.TCPListener).File()
		l.Close()
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { f.Close() })
		e := Exported{File: f}
		if i%3 == 1 {
			e.Interface = "lo"
		}
		if i%5 == 2 {
			e.Namespace = "ns-x"
		}
		ex = append(ex, e)
		addrs = append(addrs, l.Addr().String())
	}
	return ex, addrs
}

func serve(t *testing.T, c *net.UnixConn, socks []Exported) chan error {
	done := make(chan error, 1)
	go func() {
		b := make([]byte, len(Request))
		if _, err := c.Read(b); err != nil || string(b) != Request {
			done <- err
			return
		}
		done <- Send(c, socks)
	}()
	return done
}

func addrString(sa unix.Sockaddr) string {
	if a, ok := sa.(*unix.SockaddrInet4); ok {
		return (&net.TCPAddr{IP: a.Addr[:], Port: a.Port}).String()
	}
	return "?"
}

// More than one batch: the receiver must acknowledge the first full one
// before the sender goes on.
func TestRoundTripBatches(t *testing.T) {
	for _, n := range []int{1, MaxBatch, MaxBatch + 47} {
		ex, addrs := tcpListeners(t, n)
		srv, cli := pair(t)
		done := serve(t, srv, ex)
		got, err := Receive(cli)
		if err != nil {
			t.Fatalf("%d sockets: %v", n, err)
		}
		if err := <-done; err != nil {
			t.Fatalf("%d sockets: send: %v", n, err)
		}
		if len(got) != n {
			t.Fatalf("got %d sockets, want %d", len(got), n)
		}
		for i, s := range got {
			if a := addrString(s.Addr); a != addrs[i] {
				t.Errorf("socket %d is %s, want %s", i, a, addrs[i])
			}
			if s.Interface != ex[i].Interface || s.Namespace != ex[i].Namespace {
				t.Errorf("socket %d: if %q ns %q, want %q %q", i, s.Interface, s.Namespace, ex[i].Interface, ex[i].Namespace)
			}
			if s.Dgram || s.V6Only {
				t.Errorf("socket %d: dgram %v v6only %v", i, s.Dgram, s.V6Only)
			}
			// the received socket is the same listening socket
			if v, err := unix.GetsockoptInt(int(s.File.Fd()), unix.SOL_SOCKET, unix.SO_ACCEPTCONN); err != nil || v != 1 {
				t.Errorf("socket %d not listening: %v", i, err)
			}
			s.File.Close()
		}
	}
}

// The bytes on the wire are 2.6's: count, then per socket
// <nslen><ns><iflen><if><0000>.
func TestWireFormat(t *testing.T) {
	ex, _ := tcpListeners(t, 2)
	ex[0].Namespace, ex[0].Interface = "", "eth0"
	ex[1].Namespace, ex[1].Interface = "blue", ""
	srv, cli := pair(t)
	done := make(chan error, 1)
	go func() { done <- Send(srv, ex) }()
	var nb [4]byte
	if _, _, _, _, err := cli.ReadMsgUnix(nb[:], nil); err != nil {
		t.Fatal(err)
	}
	if n := binary.NativeEndian.Uint32(nb[:]); n != 2 {
		t.Fatalf("count %d", n)
	}
	buf := make([]byte, 4096)
	oob := make([]byte, 4096)
	n, oobn, _, _, err := cli.ReadMsgUnix(buf, oob)
	if err != nil {
		t.Fatal(err)
	}
	want := "\x00\x04eth0\x00\x00\x00\x00" + "\x04blue\x00\x00\x00\x00\x00"
	if string(buf[:n]) != want {
		t.Errorf("records %q, want %q", buf[:n], want)
	}
	fds, err := parseRights(oob[:oobn])
	if err != nil || len(fds) != 2 {
		t.Fatalf("fds %v %v", fds, err)
	}
	for _, fd := range fds {
		unix.Close(fd)
	}
	if err := <-done; err != nil {
		t.Fatal(err)
	}
}

// A process with nothing to give closes the session without a word; the
// receiver reports it as 2.6 does.
func TestNothingToSend(t *testing.T) {
	srv, cli := pair(t)
	go func() {
		b := make([]byte, 64)
		srv.Read(b)
		Send(srv, nil)
		srv.Close()
	}()
	if _, err := Receive(cli); err != ErrNoAnswer {
		t.Fatalf("err %v, want ErrNoAnswer", err)
	}
}

func TestTruncatedRecords(t *testing.T) {
	f, err := os.Open(os.DevNull)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if _, err := describe([]*os.File{f}, []byte{3, 'a'}); err == nil {
		t.Error("want an error for a truncated record")
	}
}

// The socketpair dialer hands the peer a fresh connection end.
func TestDialPair(t *testing.T) {
	fds, err := unix.Socketpair(unix.AF_UNIX, unix.SOCK_STREAM|unix.SOCK_CLOEXEC, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer unix.Close(fds[0])
	defer unix.Close(fds[1])
	c, err := Dial("sockpair@" + strconv.Itoa(fds[0]))
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	buf := make([]byte, 2)
	oob := make([]byte, unix.CmsgSpace(4))
	n, oobn, _, _, err := unix.Recvmsg(fds[1], buf, oob, 0)
	if err != nil || n != 2 || buf[0] != 0 || buf[1] != 0 {
		t.Fatalf("recvmsg %d %q %v", n, buf, err)
	}
	got, err := parseRights(oob[:oobn])
	if err != nil || len(got) != 1 {
		t.Fatalf("rights %v %v", got, err)
	}
	peer := os.NewFile(uintptr(got[0]), "peer")
	defer peer.Close()
	if _, err := c.Write([]byte("hi")); err != nil {
		t.Fatal(err)
	}
	if n, err := peer.Read(buf); err != nil || string(buf[:n]) != "hi" {
		t.Fatalf("peer read %q %v", buf[:n], err)
	}
	if _, err := Dial("sockpair@x"); err == nil {
		t.Error("want an error for a bad socketpair")
	}
}
