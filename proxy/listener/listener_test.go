package listener

import (
	"context"
	"errors"
	"net"
	"net/netip"
	"os"
	"path/filepath"
	"strconv"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"hakeep/proxy"
)

func inet(t *testing.T, addr string) Addr {
	t.Helper()
	ap := netip.MustParseAddrPort(addr)
	return Addr{Address: proxy.Address{Family: proxy.FamilyInet, Addr: ap.Addr(), PortLow: int(ap.Port()), PortHigh: int(ap.Port())}, Port: int(ap.Port())}
}

func open(t *testing.T, a Addr, b *proxy.Bind) *Socket {
	t.Helper()
	if b == nil {
		b = &proxy.Bind{}
	}
	s, err := Open(a, b, 16, OpenOptions{PID: os.Getpid()})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Listener.Close() })
	return s
}

func TestExpandPortRange(t *testing.T) {
	b := &proxy.Bind{Addrs: []proxy.Address{
		{Family: proxy.FamilyInet, Addr: netip.MustParseAddr("127.0.0.1"), PortLow: 8000, PortHigh: 8002},
		{Family: proxy.FamilyUnix, Path: "/tmp/x"},
	}}
	got := Expand(b)
	var keys []string
	for _, a := range got {
		keys = append(keys, a.Key())
	}
	want := []string{"tcp4:127.0.0.1:8000", "tcp4:127.0.0.1:8001", "tcp4:127.0.0.1:8002", "unix:/tmp/x"}
	if len(keys) != len(want) {
		t.Fatalf("Expand = %v, want %v", keys, want)
	}
	for i := range want {
		if keys[i] != want[i] {
			t.Errorf("Expand[%d] = %s, want %s", i, keys[i], want[i])
		}
	}
}

func TestBindErrorMessage(t *testing.T) {
	s := open(t, inet(t, "127.0.0.1:0"), nil)
	port := s.Listener.Addr().(*net.TCPAddr).Port
	_, err := Open(inet(t, "127.0.0.1:"+itoa(port)), &proxy.Bind{}, 16, OpenOptions{NoReusePort: true})
	want := "cannot bind socket (Address already in use) for [127.0.0.1:" + itoa(port) + "]"
	if err == nil || err.Error() != want {
		t.Fatalf("error %v, want %q", err, want)
	}
}

func itoa(n int) string { return strconv.Itoa(n) }

func TestMaxconnStopsAccepting(t *testing.T) {
	s := open(t, inet(t, "127.0.0.1:0"), nil)
	gate := NewGate(1)
	var accepted atomic.Int32
	conns := make(chan net.Conn, 4)
	l := New(Config{Socket: s, Gates: []*Gate{nil, gate}, Handle: func(c net.Conn, slots Slots) {
		accepted.Add(1)
		conns <- c
		buf := make([]byte, 1)
		c.Read(buf) // until the client closes
		c.Close()
		slots.Release()
	}})
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	done := make(chan error)
	go func() { done <- l.Run(ctx) }()

	addr := s.Listener.Addr().String()
	c1, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	<-conns
	// the second connection completes in the kernel's backlog but is not
	// accepted while the first holds the only slot
	c2, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	defer c2.Close()
	select {
	case <-conns:
		t.Fatal("accepted a connection beyond maxconn")
	case <-time.After(100 * time.Millisecond):
	}
	if cur, _ := gate.Current(); cur != 1 {
		t.Fatalf("gate holds %d, want 1", cur)
	}
	c1.Close()
	select {
	case <-conns:
	case <-time.After(2 * time.Second):
		t.Fatal("the queued connection was not accepted once a slot freed")
	}
	cancel()
	if err := <-done; err != nil {
		t.Fatal(err)
	}
}

func TestPauseResume(t *testing.T) {
	// an explicit port, as configurations have: the kernel gives back a
	// port it chose itself when the socket is disconnected
	probe := open(t, inet(t, "127.0.0.1:0"), nil)
	port := probe.Listener.Addr().(*net.TCPAddr).Port
	probe.Listener.Close()
	s := open(t, inet(t, "127.0.0.1:"+itoa(port)), nil)
	conns := make(chan net.Conn, 4)
	// a pause is no accept error (2.6 says nothing but "Paused")
	l := New(Config{Socket: s, Backlog: 16, Handle: func(c net.Conn, slots Slots) { conns <- c; slots.Release() },
		OnError: func(err error) { t.Errorf("accept error around a pause: %v", err) }})
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	go l.Run(ctx)
	addr := s.Listener.Addr().String()
	// waiting in accept when paused
	time.Sleep(20 * time.Millisecond)
	l.Pause()
	// a paused TCP socket refuses, as 2.6's tcp_suspend_receiver makes
	// it (measured: curl gets "connection refused" after SIGTTOU)
	if c, err := net.DialTimeout("tcp", addr, time.Second); err == nil {
		c.Close()
		t.Fatal("a paused listener let a connection in")
	} else if !errors.Is(err, syscall.ECONNREFUSED) {
		t.Fatalf("dial while paused: %v, want connection refused", err)
	}
	if err := l.Resume(); err != nil {
		t.Fatal(err)
	}
	c, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	select {
	case a := <-conns:
		a.Close()
	case <-time.After(2 * time.Second):
		t.Fatal("not accepted after Resume")
	}
}

// Close ends a listener waiting for a gate slot, and every connection
// accepted went through Accepted before Handle.
func TestCloseWhileFull(t *testing.T) {
	s := open(t, inet(t, "127.0.0.1:0"), nil)
	gate := NewGate(1)
	var accepted, handled atomic.Int32
	l := New(Config{Socket: s, Gates: []*Gate{gate},
		Accepted: func() { accepted.Add(1) },
		Handle: func(c net.Conn, slots Slots) {
			if accepted.Load() <= handled.Load() {
				t.Error("Handle before Accepted")
			}
			handled.Add(1)
		}})
	done := make(chan error)
	go func() { done <- l.Run(context.Background()) }()
	c, err := net.Dial("tcp", s.Listener.Addr().String())
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	for accepted.Load() == 0 {
		time.Sleep(time.Millisecond)
	}
	// the slot is never released: the loop waits on the gate
	l.Close()
	select {
	case err := <-done:
		if err != nil {
			t.Fatal(err)
		}
	case <-time.After(2 * time.Second):
		t.Fatal("Run still waits for a gate slot after Close")
	}
}

func TestUnixSocketMode(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "s.sock")
	a := Addr{Address: proxy.Address{Family: proxy.FamilyUnix, Path: path}}
	open(t, a, &proxy.Bind{Mode: 0o600, ModeSet: true})
	fi, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if fi.Mode().Perm() != 0o600 || fi.Mode()&os.ModeSocket == 0 {
		t.Fatalf("mode %v", fi.Mode())
	}
	c, err := net.Dial("unix", path)
	if err != nil {
		t.Fatal(err)
	}
	c.Close()
	if m, _ := filepath.Glob(filepath.Join(dir, "*.tmp")); len(m) != 0 {
		t.Fatalf("temporary socket left: %v", m)
	}
}

func TestAbstractSocketPadded(t *testing.T) {
	name := "hakeep-test-" + itoa(os.Getpid())
	open(t, Addr{Address: proxy.Address{Family: proxy.FamilyAbstract, Path: name}}, nil)
	// HAProxy's abns@ names fill sun_path with NULs: the short name is
	// not the same socket
	if c, err := net.Dial("unix", "@"+name); err == nil {
		c.Close()
		t.Fatal("reached the abstract socket without its padding")
	}
	full := make([]byte, 108)
	full[0] = '@'
	copy(full[1:], name)
	c, err := net.Dial("unix", string(full))
	if err != nil {
		t.Fatal(err)
	}
	c.Close()
}

func TestV6Only(t *testing.T) {
	a := inet(t, "[::]:0")
	s, err := Open(a, &proxy.Bind{V6Only: true}, 16, OpenOptions{})
	if err != nil {
		t.Skipf("no IPv6: %v", err)
	}
	defer s.Listener.Close()
	port := s.Listener.Addr().(*net.TCPAddr).Port
	if c, err := net.Dial("tcp4", "127.0.0.1:"+itoa(port)); err == nil {
		c.Close()
		t.Fatal("v6only listener accepted IPv4")
	}
	s2, err := Open(inet(t, "[::]:0"), &proxy.Bind{V4V6: true}, 16, OpenOptions{})
	if err != nil {
		t.Fatal(err)
	}
	defer s2.Listener.Close()
	port = s2.Listener.Addr().(*net.TCPAddr).Port
	c, err := net.Dial("tcp4", "127.0.0.1:"+itoa(port))
	if err != nil {
		t.Fatalf("v4v6 listener refused IPv4: %v", err)
	}
	c.Close()
}

func TestInheritedFD(t *testing.T) {
	s := open(t, inet(t, "127.0.0.1:0"), nil)
	f, err := s.Listener.(*net.TCPListener).File()
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	s2, err := Open(Addr{Address: proxy.Address{Family: proxy.FamilyFD, FD: int(f.Fd())}}, &proxy.Bind{}, 0, OpenOptions{})
	if err != nil {
		t.Fatal(err)
	}
	defer s2.Listener.Close()
	if s2.Listener.Addr().String() != s.Listener.Addr().String() {
		t.Fatalf("fd@ listener on %s, want %s", s2.Listener.Addr(), s.Listener.Addr())
	}
}

func TestSetGates(t *testing.T) {
	s := open(t, inet(t, "127.0.0.1:0"), nil)
	first, second := NewGate(1), NewGate(1)
	held := make(chan Slots, 4)
	l := New(Config{Socket: s, Gates: []*Gate{first}, Handle: func(c net.Conn, slots Slots) { held <- slots }})
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	go l.Run(ctx)
	addr := s.Listener.Addr().String()
	c1, _ := net.Dial("tcp", addr)
	defer c1.Close()
	s1 := <-held
	l.SetGates([]*Gate{second})
	// the accept loop was already waiting for a slot of the old gate:
	// one more connection counts there, the next ones on the new gate
	c2, _ := net.Dial("tcp", addr)
	defer c2.Close()
	s1.Release()
	s2 := <-held
	c3, _ := net.Dial("tcp", addr)
	defer c3.Close()
	s3 := <-held
	if n, _ := second.Current(); n != 1 {
		t.Fatalf("new gate holds %d", n)
	}
	s2.Release()
	s3.Release()
	if n, _ := first.Current(); n != 0 {
		t.Fatalf("old gate holds %d after release", n)
	}
	if n, _ := second.Current(); n != 0 {
		t.Fatalf("new gate holds %d after release", n)
	}
}

// A listener waiting in accept holds a slot of its gates, but it is no
// connection: 2.6 counts feconn per accepted connection (listener_accept),
// so "scur" and the logs' "%fc" leave it out.
func TestGateCountsAcceptedOnly(t *testing.T) {
	s := open(t, inet(t, "127.0.0.1:0"), nil)
	gate := NewGate(0)
	held := make(chan Slots, 1)
	l := New(Config{Socket: s, Gates: []*Gate{gate}, Handle: func(c net.Conn, slots Slots) { held <- slots }})
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	done := make(chan error)
	go func() { done <- l.Run(ctx) }()
	time.Sleep(50 * time.Millisecond) // the loop waits in accept
	if cur, peak := gate.Current(); cur != 0 || peak != 0 {
		t.Fatalf("idle listener: cur %d peak %d, want 0 0", cur, peak)
	}
	c, err := net.Dial("tcp", s.Listener.Addr().String())
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	slots := <-held
	if cur, peak := gate.Current(); cur != 1 || peak != 1 {
		t.Fatalf("one connection: cur %d peak %d, want 1 1", cur, peak)
	}
	slots.Release()
	if cur, peak := gate.Current(); cur != 0 || peak != 1 {
		t.Fatalf("released: cur %d peak %d, want 0 1", cur, peak)
	}
	cancel()
	if err := <-done; err != nil {
		t.Fatal(err)
	}
}
