package check

import (
	"context"
	"net"
	"net/netip"
	"os"
	"testing"
	"time"

	"golang.org/x/sys/unix"
)

// listen returns a loopback listener and its address.
func listen(t *testing.T) (net.Listener, netip.AddrPort) {
	t.Helper()
	ln, err := net.Listen("tcp4", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ln.Close() })
	return ln, netip.MustParseAddrPort(ln.Addr().String())
}

// closedPort is a loopback port nothing listens on.
func closedPort(t *testing.T) netip.AddrPort {
	t.Helper()
	ln, a := listen(t)
	ln.Close()
	return a
}

// fullListener is a loopback socket listening with a backlog of one that
// is already full, so that further connections wait unanswered.
func fullListener(t *testing.T) netip.AddrPort {
	t.Helper()
	fd, err := unix.Socket(unix.AF_INET, unix.SOCK_STREAM|unix.SOCK_CLOEXEC, 0)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { unix.Close(fd) })
	if err := unix.Bind(fd, &unix.SockaddrInet4{Addr: [4]byte{127, 0, 0, 1}}); err != nil {
		t.Fatal(err)
	}
	if err := unix.Listen(fd, 0); err != nil {
		t.Fatal(err)
	}
	sa, _ := unix.Getsockname(fd)
	a := netip.AddrPortFrom(netip.AddrFrom4([4]byte{127, 0, 0, 1}), uint16(sa.(*unix.SockaddrInet4).Port))
	// Fill the accept queue; later SYNs are dropped.
	for i := 0; i < 3; i++ {
		c, err := net.DialTimeout("tcp4", a.String(), 200*time.Millisecond)
		if err != nil {
			break
		}
		t.Cleanup(func() { c.Close() })
	}
	return a
}

func TestTCPConnects(t *testing.T) {
	ln, a := listen(t)
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			c.Close()
		}
	}()
	if err := TCP(context.Background(), Conn{Dst: a, Timeout: time.Second}); err != nil {
		t.Fatalf("TCP to a listener: %v", err)
	}
}

func TestTCPRefused(t *testing.T) {
	err := TCP(context.Background(), Conn{Dst: closedPort(t), Timeout: time.Second})
	class, _, sock := ClassOf(err)
	if err == nil || class != Fail || sock {
		t.Fatalf("TCP to a closed port: %v (class %d), want a failure to connect", err, class)
	}
}

func TestTCPTimeout(t *testing.T) {
	a := fullListener(t)
	start := time.Now()
	err := TCP(context.Background(), Conn{Dst: a, Timeout: 300 * time.Millisecond})
	class, immediate, _ := ClassOf(err)
	if class != Timeout || immediate {
		t.Fatalf("TCP to a full listener: %v (class %d, immediate %v), want a timeout", err, class, immediate)
	}
	if d := time.Since(start); d < 250*time.Millisecond || d > 3*time.Second {
		t.Errorf("timed out after %v, want about 300ms", d)
	}
}

func TestTCPContextCancel(t *testing.T) {
	a := fullListener(t)
	ctx, cancel := context.WithTimeout(context.Background(), 100*time.Millisecond)
	defer cancel()
	start := time.Now()
	if err := TCP(ctx, Conn{Dst: a, Timeout: time.Minute}); err == nil {
		t.Fatal("no error after the context ended")
	}
	if d := time.Since(start); d > 5*time.Second {
		t.Errorf("returned after %v", d)
	}
}

// bindto and bind_port choose the source; without bindto, bind_port
// binds nothing (as in keepalived).
func TestTCPBind(t *testing.T) {
	ln, a := listen(t)
	peers := make(chan string, 2)
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			peers <- c.RemoteAddr().String()
			c.Close()
		}
	}()
	port := closedPort(t).Port()
	src := netip.MustParseAddr("127.0.0.2")
	if err := TCP(context.Background(), Conn{Dst: a, BindTo: src, BindPort: port, Timeout: time.Second}); err != nil {
		t.Fatal(err)
	}
	if got, want := <-peers, netip.AddrPortFrom(src, port).String(); got != want {
		t.Errorf("connected from %s, want %s", got, want)
	}
	if err := TCP(context.Background(), Conn{Dst: a, BindPort: port, Timeout: time.Second}); err != nil {
		t.Fatal(err)
	}
	if got := <-peers; got == netip.AddrPortFrom(a.Addr(), port).String() {
		t.Errorf("bind_port without bindto bound the port: %s", got)
	}
}

// A source the host does not have is a local failure: the check is not
// even tried.
func TestTCPBindFailure(t *testing.T) {
	_, a := listen(t)
	err := TCP(context.Background(), Conn{Dst: a, BindTo: netip.MustParseAddr("192.0.2.1"), Timeout: time.Second})
	class, immediate, sock := ClassOf(err)
	if class != Error || !immediate || sock {
		t.Fatalf("bind to a foreign address: %v (class %d immediate %v socket %v), want an immediate error", err, class, immediate, sock)
	}
}

func TestTCPBindIfAndMark(t *testing.T) {
	if os.Geteuid() != 0 {
		t.Skip("SO_BINDTODEVICE and SO_MARK need root")
	}
	ln, a := listen(t)
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			c.Close()
		}
	}()
	if err := TCP(context.Background(), Conn{Dst: a, BindIf: "lo", FWMark: 7, Timeout: time.Second}); err != nil {
		t.Fatalf("with bind_if lo and fwmark: %v", err)
	}
	err := TCP(context.Background(), Conn{Dst: a, BindIf: "nosuchif0", Timeout: time.Second})
	if class, immediate, _ := ClassOf(err); class != Error || !immediate {
		t.Errorf("unknown bind_if: %v, want an immediate error", err)
	}
}
