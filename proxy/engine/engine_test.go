package engine

import (
	"context"
	"io"
	"net"
	"net/netip"
	"strconv"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"hakeep/proxy"
	"hakeep/proxy/stream"
)

// loopback is an address on 127.0.0.1 with the port left to the kernel.
func loopback(port int) proxy.Address {
	return proxy.Address{Family: proxy.FamilyInet, Addr: netip.MustParseAddr("127.0.0.1"), PortLow: port, PortHigh: port, Port: port}
}

func serverAt(name string, addr net.Addr) *proxy.Server {
	ap := addr.(*net.TCPAddr).AddrPort()
	return &proxy.Server{Name: name, Weight: 1, PoolMaxConn: -1, Addr: proxy.Address{Family: proxy.FamilyInet,
		Addr: ap.Addr(), PortLow: int(ap.Port()), PortHigh: int(ap.Port()), Port: int(ap.Port())}}
}

// echoServer answers every connection with its name, then echoes.
func echoServer(t *testing.T, name string) net.Listener {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ln.Close() })
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			go func() {
				defer c.Close()
				c.Write([]byte(name + "\n"))
				io.Copy(c, c)
			}()
		}
	}()
	return ln
}

func listen(p *proxy.Proxy) *proxy.Proxy {
	p.Cap = proxy.CapListen
	p.Binds = []*proxy.Bind{{Addrs: []proxy.Address{loopback(0)}, File: "test.cfg", Line: 1}}
	p.Retries = 3
	return p
}

type recorder struct {
	mu   sync.Mutex
	recs []stream.Record
}

func (r *recorder) Log(rec *stream.Record) {
	r.mu.Lock()
	r.recs = append(r.recs, *rec)
	r.mu.Unlock()
}

func (r *recorder) all() []stream.Record {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]stream.Record(nil), r.recs...)
}

// start runs an engine on cfg and returns the address of its only
// listener.
func start(t *testing.T, cfg *proxy.Config, rec *recorder) (*Engine, string) {
	t.Helper()
	deps := Deps{}
	if rec != nil {
		deps.Traffic = rec
	}
	e, err := New(cfg, deps)
	if err != nil {
		t.Fatal(err)
	}
	if err := e.Open(); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- e.Run(ctx) }()
	t.Cleanup(func() {
		cancel()
		if err := <-done; err != nil {
			t.Error(err)
		}
	})
	for _, a := range e.Addrs() {
		return e, a
	}
	t.Fatal("no listener")
	return nil, ""
}

func readLine(t *testing.T, c net.Conn) string {
	t.Helper()
	c.SetReadDeadline(time.Now().Add(5 * time.Second))
	var b []byte
	one := make([]byte, 1)
	for {
		if _, err := c.Read(one); err != nil {
			t.Fatalf("read: %v (after %q)", err, b)
		}
		if one[0] == '\n' {
			return string(b)
		}
		b = append(b, one[0])
	}
}

func TestTCPRoundRobin(t *testing.T) {
	s1, s2 := echoServer(t, "s1"), echoServer(t, "s2")
	p := listen(&proxy.Proxy{Name: "tcp", Servers: []*proxy.Server{serverAt("s1", s1.Addr()), serverAt("s2", s2.Addr())}})
	rec := &recorder{}
	_, addr := start(t, &proxy.Config{Proxies: []*proxy.Proxy{p}}, rec)
	var got []string
	for i := 0; i < 4; i++ {
		c, err := net.Dial("tcp", addr)
		if err != nil {
			t.Fatal(err)
		}
		got = append(got, readLine(t, c))
		c.Write([]byte("ping\n"))
		if l := readLine(t, c); l != "ping" {
			t.Fatalf("echo %q", l)
		}
		c.Close()
	}
	want := []string{"s1", "s2", "s1", "s2"}
	for i := range want {
		if got[i] != want[i] {
			t.Fatalf("servers %v, want %v", got, want)
		}
	}
	waitFor(t, func() bool { return len(rec.all()) == 4 })
	r := rec.all()[0]
	if r.Frontend != "tcp" || r.Backend != "tcp" || r.Server != "s1" || r.Term.String() != "--" || r.BytesIn != 5 || r.BytesOut != 8 {
		t.Fatalf("record %+v term %s", r, r.Term)
	}
}

func waitFor(t *testing.T, cond func() bool) {
	t.Helper()
	for i := 0; i < 500; i++ {
		if cond() {
			return
		}
		time.Sleep(10 * time.Millisecond)
	}
	t.Fatal("condition not reached")
}

func TestTCPNoServer(t *testing.T) {
	p := listen(&proxy.Proxy{Name: "empty"})
	rec := &recorder{}
	_, addr := start(t, &proxy.Config{Proxies: []*proxy.Proxy{p}}, rec)
	c, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	c.SetReadDeadline(time.Now().Add(5 * time.Second))
	if n, err := c.Read(make([]byte, 1)); err != io.EOF {
		t.Fatalf("read %d %v, want EOF", n, err)
	}
	waitFor(t, func() bool { return len(rec.all()) == 1 })
	if r := rec.all()[0]; r.Term.String() != "SC" || r.Server != "<NOSRV>" {
		t.Fatalf("term %s server %s", r.Term, r.Server)
	}
}

func TestTCPRetriesRedispatch(t *testing.T) {
	good := echoServer(t, "good")
	dead, _ := net.Listen("tcp", "127.0.0.1:0")
	deadAddr := dead.Addr()
	dead.Close()
	p := listen(&proxy.Proxy{Name: "r", Redispatch: true, RedispatchAfter: -1,
		Timeouts: proxy.Timeouts{Connect: 20 * time.Millisecond},
		Servers:  []*proxy.Server{serverAt("dead", deadAddr), serverAt("good", good.Addr())}})
	rec := &recorder{}
	_, addr := start(t, &proxy.Config{Proxies: []*proxy.Proxy{p}}, rec)
	c, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	if l := readLine(t, c); l != "good" {
		t.Fatalf("got %q", l)
	}
	c.Close()
	waitFor(t, func() bool { return len(rec.all()) == 1 })
	r := rec.all()[0]
	if r.Retries != 1 || !r.Redispatched || r.Server != "good" {
		t.Fatalf("retries %d redispatched %v server %s", r.Retries, r.Redispatched, r.Server)
	}
}

func TestMaxconnQueuesInKernel(t *testing.T) {
	s1 := echoServer(t, "s1")
	p := listen(&proxy.Proxy{Name: "m", MaxConn: 1, Servers: []*proxy.Server{serverAt("s1", s1.Addr())}})
	_, addr := start(t, &proxy.Config{Proxies: []*proxy.Proxy{p}}, nil)
	c1, _ := net.Dial("tcp", addr)
	readLine(t, c1)
	c2, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	c2.SetReadDeadline(time.Now().Add(150 * time.Millisecond))
	if _, err := c2.Read(make([]byte, 1)); err == nil {
		t.Fatal("second connection served beyond maxconn 1")
	}
	c1.Close()
	if l := readLine(t, c2); l != "s1" {
		t.Fatalf("got %q", l)
	}
	c2.Close()
}

func TestSoftStopFinishesInFlight(t *testing.T) {
	s1 := echoServer(t, "s1")
	p := listen(&proxy.Proxy{Name: "s", Servers: []*proxy.Server{serverAt("s1", s1.Addr())}})
	e, err := New(&proxy.Config{Proxies: []*proxy.Proxy{p}}, Deps{})
	if err != nil {
		t.Fatal(err)
	}
	if err := e.Open(); err != nil {
		t.Fatal(err)
	}
	var addr string
	for _, a := range e.Addrs() {
		addr = a
	}
	done := make(chan error, 1)
	go func() { done <- e.Run(context.Background()) }()
	c, _ := net.Dial("tcp", addr)
	readLine(t, c)
	e.SoftStop()
	// no new connection is accepted
	waitFor(t, func() bool {
		n, err := net.DialTimeout("tcp", addr, 100*time.Millisecond)
		if err == nil {
			n.Close()
		}
		return err != nil
	})
	// the connection in flight still works
	c.Write([]byte("late\n"))
	if l := readLine(t, c); l != "late" {
		t.Fatalf("in-flight connection: %q", l)
	}
	select {
	case <-done:
		t.Fatal("Run returned with a connection in flight")
	case <-time.After(50 * time.Millisecond):
	}
	c.Close()
	select {
	case err := <-done:
		if err != nil {
			t.Fatal(err)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("Run did not return after the last connection")
	}
}

func TestOpenReportsEveryFailure(t *testing.T) {
	busy, _ := net.Listen("tcp", "127.0.0.1:0")
	defer busy.Close()
	port := busy.Addr().(*net.TCPAddr).Port
	p := &proxy.Proxy{Name: "fe", Cap: proxy.CapFrontend, Binds: []*proxy.Bind{
		{Addrs: []proxy.Address{loopback(port)}, File: "a.cfg", Line: 7},
	}}
	e, err := New(&proxy.Config{Proxies: []*proxy.Proxy{p}}, Deps{NoReusePort: true})
	if err != nil {
		t.Fatal(err)
	}
	err = e.Open()
	want := "Binding [a.cfg:7] for frontend fe: cannot bind socket (Address already in use) for [127.0.0.1:" + strconv.Itoa(port) + "]"
	if err == nil || err.Error() != want {
		t.Fatalf("error %v\nwant %s", err, want)
	}
}

func TestDefaultMaxconn(t *testing.T) {
	cfg := &proxy.Config{Proxies: []*proxy.Proxy{{Name: "f", Cap: proxy.CapFrontend,
		Binds: []*proxy.Bind{{Addrs: []proxy.Address{loopback(80)}}}}},
		Global: proxy.Global{NbThread: 2, Stats: proxy.GlobalStats{Sockets: []*proxy.Bind{{}}}}}
	e, err := New(cfg, Deps{FDLimit: 20000})
	if err != nil {
		t.Fatal(err)
	}
	// measured: HAProxy 2.6.12 with ulimit-n 20000, one listener and a
	// stats socket reports Maxconn: 9986
	if got := e.MaxConn(); got != 9986 {
		t.Fatalf("maxconn %d, want 9986", got)
	}
}

func TestSwap(t *testing.T) {
	s1, s2 := echoServer(t, "s1"), echoServer(t, "s2")
	p := listen(&proxy.Proxy{Name: "v1", Servers: []*proxy.Server{serverAt("s1", s1.Addr())}})
	e, addr := start(t, &proxy.Config{Proxies: []*proxy.Proxy{p}}, nil)
	c, _ := net.Dial("tcp", addr)
	defer c.Close()
	if l := readLine(t, c); l != "s1" {
		t.Fatalf("before swap: %q", l)
	}
	// same address, another server
	port := netip.MustParseAddrPort(addr).Port()
	p2 := listen(&proxy.Proxy{Name: "v2", Servers: []*proxy.Server{serverAt("s2", s2.Addr())}})
	p2.Binds[0].Addrs[0] = loopback(int(port))
	if err := e.Swap(&proxy.Config{Proxies: []*proxy.Proxy{p2}}); err != nil {
		t.Fatal(err)
	}
	c2, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	defer c2.Close()
	if l := readLine(t, c2); l != "s2" {
		t.Fatalf("after swap: %q", l)
	}
	// the connection accepted before the swap still works
	c.Write([]byte("old\n"))
	if l := readLine(t, c); l != "old" {
		t.Fatalf("old connection: %q", l)
	}
	// a swap to a configuration without the address closes it
	if err := e.Swap(&proxy.Config{}); err != nil {
		t.Fatal(err)
	}
	if n, err := net.DialTimeout("tcp", addr, 200*time.Millisecond); err == nil {
		n.Close()
		t.Fatal("listener kept after the swap removed it")
	}
}

// httpBackend answers every request "ok" on keep-alive connections.
func httpBackend(t *testing.T) net.Listener {
	return rawBackend(t, []byte("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok"))
}

func TestParkedConnections(t *testing.T) {
	be := httpBackend(t)
	p := listen(&proxy.Proxy{Name: "p", Mode: proxy.ModeHTTP, Servers: []*proxy.Server{serverAt("s", be.Addr())},
		Timeouts: proxy.Timeouts{Client: 10 * time.Second, HTTPKeepAlive: 3 * time.Second, HTTPRequest: 2500 * time.Millisecond}})
	e, addr := start(t, &proxy.Config{Proxies: []*proxy.Proxy{p}}, nil)
	parked := func() int {
		e.idle.mu.Lock()
		defer e.idle.mu.Unlock()
		return len(e.idle.slots) - len(e.idle.free)
	}
	resp := "HTTP/1.1 200 OK\r\ncontent-length: 2\r\n\r\nok"

	// a kept-alive connection idle past the grace period is parked, then
	// served again when its next request comes
	c, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	buf := make([]byte, 256)
	roundTrip := func() {
		c.Write([]byte("GET / HTTP/1.1\r\nHost: x\r\n\r\n"))
		c.SetReadDeadline(time.Now().Add(5 * time.Second))
		n, err := io.ReadAtLeast(c, buf, len(resp))
		if err != nil || string(buf[:n]) != resp {
			t.Fatalf("response %q, %v", buf[:n], err)
		}
	}
	roundTrip()
	waitFor(t, func() bool { return parked() == 1 })
	roundTrip()
	waitFor(t, func() bool { return parked() == 1 })

	// a connection that sends nothing gets its 408 from the poller
	start := time.Now()
	c2, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	defer c2.Close()
	c2.SetReadDeadline(time.Now().Add(10 * time.Second))
	n, _ := io.ReadAtLeast(c2, buf, 12)
	if string(buf[:12]) != "HTTP/1.1 408" || n < 12 {
		t.Fatalf("idle first request: %q", buf[:n])
	}
	if d := time.Since(start); d < 2*time.Second || d > 5*time.Second {
		t.Fatalf("408 after %v, want timeout http-request 2.5s", d)
	}

	// the kept-alive one expires silently at timeout http-keep-alive
	c.SetReadDeadline(time.Now().Add(10 * time.Second))
	if n, err := c.Read(buf); err != io.EOF {
		t.Fatalf("parked connection: %d bytes, %v, want a silent close", n, err)
	}
	waitFor(t, func() bool { return parked() == 0 && e.sessions.count() == 0 })
}

// flakyBackend answers its first n connections with bad, then with a 200;
// bad "" closes without a word.
func flakyBackend(t *testing.T, n int, bad string) (net.Listener, *atomic.Int32) {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ln.Close() })
	var seen atomic.Int32
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			go func() {
				defer c.Close()
				buf := make([]byte, 4096)
				if _, err := c.Read(buf); err != nil {
					return
				}
				if int(seen.Add(1)) <= n {
					if bad != "" {
						c.Write([]byte(bad))
					}
					return
				}
				c.Write([]byte("HTTP/1.1 200 OK\r\nContent-Length: 2\r\nConnection: close\r\n\r\nok"))
			}()
		}
	}()
	return ln, &seen
}

func TestRetryOn(t *testing.T) {
	cases := []struct {
		name    string
		retryOn proxy.RetryOn
		bad     string
		want    string
	}{
		{"503", proxy.Retry503, "HTTP/1.1 503 Busy\r\nContent-Length: 0\r\n\r\n", "HTTP/1.1 200"},
		{"empty", proxy.RetryEmptyResponse, "", "HTTP/1.1 200"},
		{"junk", proxy.RetryJunkResponse, "garbage\r\n\r\n", "HTTP/1.1 200"},
		{"not-asked", proxy.RetryConnFailure, "HTTP/1.1 503 Busy\r\nContent-Length: 0\r\n\r\n", "HTTP/1.1 503"},
	}
	for _, c := range cases {
		be, seen := flakyBackend(t, 1, c.bad)
		p := listen(&proxy.Proxy{Name: "r", Mode: proxy.ModeHTTP, RetryOn: c.retryOn, Servers: []*proxy.Server{serverAt("s", be.Addr())},
			Timeouts: proxy.Timeouts{Client: 5 * time.Second, Server: 5 * time.Second}})
		_, addr := start(t, &proxy.Config{Proxies: []*proxy.Proxy{p}}, nil)
		conn, err := net.Dial("tcp", addr)
		if err != nil {
			t.Fatal(err)
		}
		conn.Write([]byte("GET / HTTP/1.1\r\nHost: x\r\n\r\n"))
		conn.SetReadDeadline(time.Now().Add(5 * time.Second))
		buf := make([]byte, 4096)
		n, _ := io.ReadAtLeast(conn, buf, 12)
		conn.Close()
		if got := string(buf[:n]); len(got) < 12 || got[:12] != c.want {
			t.Errorf("%s: %q, want %s (server saw %d requests)", c.name, got, c.want, seen.Load())
		}
	}
}
