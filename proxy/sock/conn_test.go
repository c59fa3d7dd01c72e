package sock

import (
	"context"
	"errors"
	"io"
	"net"
	"net/netip"
	"os"
	"testing"
	"time"

	"golang.org/x/sys/unix"
)

// pair accepts one connection through an Acceptor from a Dial.
func pair(t *testing.T) (srv, cli *Conn) {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ln.Close() })
	acc, err := NewAcceptor(ln.(*net.TCPListener))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { acc.Close() })
	to := ln.Addr().(*net.TCPAddr).AddrPort()
	cli, err = Dial(context.Background(), to, &DialOptions{Timeout: time.Second})
	if err != nil {
		t.Fatal(err)
	}
	srv, err = acc.Accept()
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { srv.Close(); cli.Close() })
	if srv.LocalAddrPort() != to {
		t.Errorf("local address %v, want the listener's %v", srv.LocalAddrPort(), to)
	}
	if srv.RemoteAddrPort() != cli.LocalAddrPort() {
		t.Errorf("peer %v, client's local address %v", srv.RemoteAddrPort(), cli.LocalAddrPort())
	}
	return srv, cli
}

func TestReadWriteWithoutAttaching(t *testing.T) {
	srv, cli := pair(t)
	if _, err := cli.Write([]byte("hello")); err != nil {
		t.Fatal(err)
	}
	buf := make([]byte, 16)
	// the bytes are there: no wait, so no attachment
	deadline := time.Now().Add(time.Second)
	var n int
	for time.Now().Before(deadline) {
		n, _, _ = srv.rawRead(buf)
		if n > 0 {
			break
		}
		time.Sleep(time.Millisecond)
	}
	if string(buf[:n]) != "hello" {
		t.Fatalf("read %q", buf[:n])
	}
	if srv.Attached() || cli.Attached() {
		t.Errorf("attached without waiting: server %v client %v", srv.Attached(), cli.Attached())
	}
}

func TestReadWaits(t *testing.T) {
	srv, cli := pair(t)
	go func() {
		time.Sleep(20 * time.Millisecond)
		cli.Write([]byte("late"))
	}()
	buf := make([]byte, 16)
	n, err := srv.Read(buf)
	if err != nil || string(buf[:n]) != "late" {
		t.Fatalf("read %q, %v", buf[:n], err)
	}
	if !srv.Attached() {
		t.Error("a wait did not attach")
	}
}

func TestDetachAttachKeepsDescriptor(t *testing.T) {
	srv, cli := pair(t)
	buf := make([]byte, 16)
	for i := 0; i < 3; i++ {
		go func() {
			time.Sleep(10 * time.Millisecond)
			cli.Write([]byte("x"))
		}()
		if n, err := srv.Read(buf); err != nil || n != 1 {
			t.Fatalf("round %d: %d, %v", i, n, err)
		}
		if err := srv.Detach(); err != nil {
			t.Fatal(err)
		}
		fd := srv.Fd()
		if srv.Attached() {
			t.Fatal("attached after Detach")
		}
		// the descriptor is still the socket
		if _, err := unix.GetsockoptInt(fd, unix.SOL_SOCKET, unix.SO_TYPE); err != nil {
			t.Fatalf("descriptor %d after detach: %v", fd, err)
		}
		if i > 0 && fd != srv.Fd() {
			t.Fatal("descriptor changed")
		}
	}
	// the peer still sees an open connection
	cli.SetReadDeadline(time.Now().Add(20 * time.Millisecond))
	if _, err := cli.Read(buf); !errors.Is(err, os.ErrDeadlineExceeded) {
		t.Fatalf("client read: %v, want a timeout (connection still open)", err)
	}
}

func TestDeadlineWhileDetached(t *testing.T) {
	srv, _ := pair(t)
	srv.SetReadDeadline(time.Now().Add(30 * time.Millisecond))
	start := time.Now()
	_, err := srv.Read(make([]byte, 4))
	var ne net.Error
	if !errors.As(err, &ne) || !ne.Timeout() {
		t.Fatalf("read: %v, want a net.Error timeout", err)
	}
	if d := time.Since(start); d < 20*time.Millisecond {
		t.Errorf("timed out after %v", d)
	}
	// a deadline already past fails a read without waiting
	srv.Detach()
	srv.SetReadDeadline(time.Unix(1, 0))
	if _, err := srv.Read(make([]byte, 4)); !errors.Is(err, os.ErrDeadlineExceeded) {
		t.Fatalf("read past deadline: %v", err)
	}
}

func TestCloseWakesReader(t *testing.T) {
	srv, _ := pair(t)
	done := make(chan error, 1)
	go func() {
		_, err := srv.Read(make([]byte, 4))
		done <- err
	}()
	time.Sleep(20 * time.Millisecond)
	srv.Close()
	select {
	case err := <-done:
		if !errors.Is(err, net.ErrClosed) {
			t.Errorf("read after close: %v, want net.ErrClosed", err)
		}
	case <-time.After(time.Minute):
		t.Fatal("reader not woken by Close")
	}
	if srv.Fd() != -1 {
		t.Error("descriptor kept after Close")
	}
}

func TestEOFAndCloseWrite(t *testing.T) {
	srv, cli := pair(t)
	if err := cli.CloseWrite(); err != nil {
		t.Fatal(err)
	}
	if _, err := io.ReadAll(srv); err != nil {
		t.Fatalf("read to EOF: %v", err)
	}
	// the other direction still works
	if _, err := srv.Write([]byte("bye")); err != nil {
		t.Fatal(err)
	}
	buf := make([]byte, 8)
	if n, err := cli.Read(buf); err != nil || string(buf[:n]) != "bye" {
		t.Fatalf("read %q, %v", buf[:n], err)
	}
}

func TestLargeWriteWaitsForRoom(t *testing.T) {
	srv, cli := pair(t)
	big := make([]byte, 8<<20)
	done := make(chan error, 1)
	go func() {
		_, err := cli.Write(big)
		done <- err
	}()
	n, err := io.ReadFull(srv, make([]byte, len(big)))
	if err != nil || n != len(big) {
		t.Fatalf("read %d, %v", n, err)
	}
	if err := <-done; err != nil {
		t.Fatal(err)
	}
}

func TestDialRefused(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	to := ln.Addr().(*net.TCPAddr).AddrPort()
	ln.Close()
	_, err = Dial(context.Background(), to, &DialOptions{})
	var se *os.SyscallError
	if !errors.As(err, &se) || se.Err != unix.ECONNREFUSED {
		t.Fatalf("dial: %v, want ECONNREFUSED from connect", err)
	}
}

func TestDialSource(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	to := ln.Addr().(*net.TCPAddr).AddrPort()
	src := netip.MustParseAddrPort("127.0.0.5:0")
	c, err := Dial(context.Background(), to, &DialOptions{Source: src})
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	if got := c.LocalAddrPort().Addr(); got != src.Addr() {
		t.Errorf("local address %v, want %v", got, src.Addr())
	}
}

func TestDialCanceled(t *testing.T) {
	// a listener whose accept queue is full drops SYNs: the connect
	// stays in progress (loopback only)
	fd, err := unix.Socket(unix.AF_INET, unix.SOCK_STREAM|unix.SOCK_CLOEXEC, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer unix.Close(fd)
	if err := unix.Bind(fd, &unix.SockaddrInet4{Addr: [4]byte{127, 0, 0, 1}}); err != nil {
		t.Fatal(err)
	}
	unix.Listen(fd, 0)
	sa, _ := unix.Getsockname(fd)
	to := addrPortOf(sa)
	var fill []*Conn
	defer func() {
		for _, c := range fill {
			c.Close()
		}
	}()
	for i := 0; i < 4; i++ {
		ctx, cancel := context.WithTimeout(context.Background(), 100*time.Millisecond)
		c, err := Dial(ctx, to, &DialOptions{})
		cancel()
		if err != nil {
			break
		}
		fill = append(fill, c)
	}
	ctx, cancel := context.WithCancel(context.Background())
	go func() {
		time.Sleep(20 * time.Millisecond)
		cancel()
	}()
	_, err = Dial(ctx, to, &DialOptions{Timeout: time.Minute})
	if err == nil {
		t.Skip("the full accept queue took the connection")
	}
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("dial: %v, want canceled", err)
	}
}

func TestDialTimeout(t *testing.T) {
	fd, err := unix.Socket(unix.AF_INET, unix.SOCK_STREAM|unix.SOCK_CLOEXEC, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer unix.Close(fd)
	if err := unix.Bind(fd, &unix.SockaddrInet4{Addr: [4]byte{127, 0, 0, 1}}); err != nil {
		t.Fatal(err)
	}
	unix.Listen(fd, 0)
	sa, _ := unix.Getsockname(fd)
	to := addrPortOf(sa)
	var fill []*Conn
	defer func() {
		for _, c := range fill {
			c.Close()
		}
	}()
	for i := 0; i < 4; i++ {
		c, err := Dial(context.Background(), to, &DialOptions{Timeout: 100 * time.Millisecond})
		if err != nil {
			var ne net.Error
			if !errors.As(err, &ne) || !ne.Timeout() {
				t.Fatalf("dial: %v, want a net.Error timeout", err)
			}
			return
		}
		fill = append(fill, c)
	}
	t.Skip("the full accept queue took every connection")
}
