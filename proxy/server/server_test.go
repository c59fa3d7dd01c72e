package server

import (
	"bufio"
	"context"
	"errors"
	"net"
	"net/netip"
	"strconv"
	"syscall"
	"testing"
	"time"

	"hakeep/proxy"
)

func inetServer(addr string, offset bool, port int) *proxy.Server {
	a := netip.MustParseAddr(addr)
	return &proxy.Server{Name: "s", Addr: proxy.Address{Family: proxy.FamilyInet, Addr: a,
		PortLow: port, PortHigh: port, Port: port, PortOffset: offset}, PoolMaxConn: -1}
}

func TestTargetPorts(t *testing.T) {
	dst := netip.MustParseAddrPort("192.0.2.9:8080")
	cases := []struct {
		srv  *proxy.Server
		want string
	}{
		{inetServer("10.0.0.1", false, 80), "10.0.0.1:80"},
		{inetServer("10.0.0.1", true, 1000), "10.0.0.1:9080"},
		{inetServer("10.0.0.1", true, -80), "10.0.0.1:8000"},
		{inetServer("10.0.0.1", true, 0), "10.0.0.1:8080"},
		{inetServer("0.0.0.0", false, 81), "192.0.2.9:81"},
	}
	for _, c := range cases {
		s := New(c.srv, "b", nil, &Options{})
		if got := s.Target(dst).String(); got != c.want {
			t.Errorf("Target(%s) = %s, want %s", c.srv.Addr.String(), got, c.want)
		}
	}
}

func listen(t *testing.T) (*net.TCPListener, int) {
	t.Helper()
	ln, err := net.ListenTCP("tcp", &net.TCPAddr{IP: net.IPv4(127, 0, 0, 1)})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ln.Close() })
	return ln, ln.Addr().(*net.TCPAddr).Port
}

func TestDialSendProxy(t *testing.T) {
	ln, port := listen(t)
	cfg := inetServer("127.0.0.1", false, port)
	cfg.SendProxy = true
	s := New(cfg, "b", nil, &Options{ConnectTimeout: time.Second})
	c, err := s.Dial(context.Background(), Client{
		Src: netip.MustParseAddrPort("192.0.2.1:1234"),
		Dst: netip.MustParseAddrPort("192.0.2.2:80"),
	})
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	if got, want := string(c.Preamble), "PROXY TCP4 192.0.2.1 192.0.2.2 1234 80\r\n"; got != want {
		t.Fatalf("preamble %q, want %q", got, want)
	}
	c.Write(c.Preamble)
	a, err := ln.Accept()
	if err != nil {
		t.Fatal(err)
	}
	defer a.Close()
	line, _ := bufio.NewReader(a).ReadString('\n')
	if line != string(c.Preamble) {
		t.Fatalf("server got %q", line)
	}
}

func TestDialErrors(t *testing.T) {
	ln, _ := listen(t)
	port := ln.Addr().(*net.TCPAddr).Port
	ln.Close() // a closed port refuses
	refused := New(inetServer("127.0.0.1", false, port), "b", nil, &Options{ConnectTimeout: time.Second})
	_, err := refused.Dial(context.Background(), Client{})
	var ce *ConnectError
	if !errors.As(err, &ce) || ce.Timeout || ce.Resource {
		t.Fatalf("refused: %#v", err)
	}

	// a listener with a full accept queue drops further SYNs: the
	// connection attempt times out ("sC")
	stalled := stalledPort(t)
	slow := New(inetServer("127.0.0.1", false, stalled), "b", nil, &Options{ConnectTimeout: 100 * time.Millisecond})
	start := time.Now()
	_, err = slow.Dial(context.Background(), Client{})
	if !errors.As(err, &ce) || !ce.Timeout {
		t.Fatalf("stalled: %#v", err)
	}
	if d := time.Since(start); d < 90*time.Millisecond || d > 5*time.Second {
		t.Fatalf("timed out after %v", d)
	}
}

// stalledPort listens with a backlog of 0 and fills the queue.
func stalledPort(t *testing.T) int {
	t.Helper()
	fd, err := syscall.Socket(syscall.AF_INET, syscall.SOCK_STREAM, 0)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { syscall.Close(fd) })
	if err := syscall.Bind(fd, &syscall.SockaddrInet4{Addr: [4]byte{127, 0, 0, 1}}); err != nil {
		t.Fatal(err)
	}
	if err := syscall.Listen(fd, 0); err != nil {
		t.Fatal(err)
	}
	sa, _ := syscall.Getsockname(fd)
	port := sa.(*syscall.SockaddrInet4).Port
	for i := 0; i < 8; i++ {
		c, err := net.DialTimeout("tcp", "127.0.0.1:"+strconv.Itoa(port), 50*time.Millisecond)
		if err != nil {
			return port
		}
		t.Cleanup(func() { c.Close() })
	}
	t.Skip("could not fill a listen queue")
	return 0
}

func TestPoolReuseModes(t *testing.T) {
	s := New(inetServer("127.0.0.1", false, 1), "b", nil, &Options{})
	fresh := &Conn{Conn: nopConn{}, srv: s, Uses: 1}
	proven := &Conn{Conn: nopConn{}, srv: s, Uses: 3}
	s.NoteUsed(2)
	s.Purge() // the estimate: two connections needed
	s.PutIdle(proven, 0, true)
	s.PutIdle(fresh, 0, false)
	if c := s.TakeIdle(proxy.ReuseNever, false); c != nil {
		t.Fatal("never reused a connection")
	}
	if c := s.TakeIdle(proxy.ReuseSafe, true); c != nil {
		t.Fatal("safe reused a connection for a first request")
	}
	if c := s.TakeIdle(proxy.ReuseAggressive, true); c != proven {
		t.Fatalf("aggressive first request got %v, want the proven connection", c)
	}
	if c := s.TakeIdle(proxy.ReuseSafe, false); c != fresh {
		t.Fatalf("safe second request got %v", c)
	}
	if n := s.Counters.IdleConns.Load(); n != 0 {
		t.Fatalf("idle count %d", n)
	}
}

func TestPoolMaxAndPurge(t *testing.T) {
	now := time.Unix(1000, 0)
	cfg := inetServer("127.0.0.1", false, 1)
	cfg.PoolMaxConn = 1
	cfg.PoolPurgeDelay = time.Second
	s := New(cfg, "b", nil, &Options{Now: func() time.Time { return now }})
	closed := 0
	a := &Conn{Conn: nopConn{closed: &closed}, srv: s}
	b := &Conn{Conn: nopConn{closed: &closed}, srv: s}
	s.NoteUsed(2)
	s.Purge()
	if !s.PutIdle(a, 0, true) || s.PutIdle(b, 0, true) {
		t.Fatal("pool-max-conn 1 not applied")
	}
	now = now.Add(500 * time.Millisecond)
	if n := s.Purge(); n != 1 || closed != 0 {
		t.Fatalf("early purge: %d left, %d closed", n, closed)
	}
	now = now.Add(time.Second)
	if n := s.Purge(); n != 0 || closed != 1 {
		t.Fatalf("purge: %d left, %d closed", n, closed)
	}
}

type nopConn struct {
	net.Conn
	closed *int
}

func (c nopConn) Close() error {
	if c.closed != nil {
		*c.closed++
	}
	return nil
}

func TestIdleBudget(t *testing.T) {
	budget := NewIdleBudget(1)
	a := New(inetServer("127.0.0.1", false, 1), "b", nil, &Options{Idle: budget})
	b := New(inetServer("127.0.0.1", false, 2), "b", nil, &Options{Idle: budget})
	ca, cb := &Conn{Conn: nopConn{}, srv: a}, &Conn{Conn: nopConn{}, srv: b}
	if !a.PutIdle(ca, 0, true) {
		t.Fatal("first idle connection refused")
	}
	if b.PutIdle(cb, 0, true) {
		t.Fatal("the budget is shared by every server")
	}
	if a.TakeIdle(proxy.ReuseAlways, true) != ca || !b.PutIdle(cb, 0, true) {
		t.Fatal("a taken connection frees its place")
	}
}

func TestPoolKeepsWhatIsNeeded(t *testing.T) {
	s := New(inetServer("127.0.0.1", false, 1), "b", nil, &Options{})
	conn := func() *Conn { return &Conn{Conn: nopConn{}, srv: s} }
	// nothing used yet: one connection of each kind is kept
	if !s.PutIdle(conn(), 0, false) {
		t.Fatal("empty pool refused a connection")
	}
	if s.PutIdle(conn(), 0, false) {
		t.Fatal("kept a second connection of a first request beyond the need")
	}
	if !s.PutIdle(conn(), 0, true) {
		t.Fatal("no safe connection yet: the first must be kept")
	}
	s.CloseIdle()
	s = New(inetServer("127.0.0.1", false, 1), "b", nil, &Options{})
	// ten used at once: idle ones up to that
	s.NoteUsed(10)
	kept := 0
	for i := 0; i < 20; i++ {
		if s.PutIdle(conn(), 0, true) {
			kept++
		}
	}
	if idle := s.Counters.IdleConns.Load(); idle != 10 {
		t.Fatalf("%d idle after %d kept, want the estimated 10", idle, kept)
	}
	// the estimate halves towards what was used in the last period
	s.Purge() // the period that saw the 10
	s.Purge() // a period with none
	if est := s.pool.estNeed.Load(); est != 5 {
		t.Fatalf("estimate %d after an idle period, want 5", est)
	}
}
