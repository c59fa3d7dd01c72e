package engine

import (
	"bytes"
	"context"
	"io"
	"log/slog"
	"net"
	"strings"
	"sync"
	"testing"
	"time"

	"hakeep/proxy"
)

// TestSoftStopConnections: a soft stop closes kept-alive connections
// waiting for their next request, serves the first request of
// connections accepted before it (parked or not; answered with
// "connection: close", as 2.6.12 answers them), and returns once they
// are done.
func TestSoftStopConnections(t *testing.T) {
	be := httpBackend(t)
	p := listen(&proxy.Proxy{Name: "p", Mode: proxy.ModeHTTP, Servers: []*proxy.Server{serverAt("s", be.Addr())},
		Timeouts: proxy.Timeouts{Client: 10 * time.Second, HTTPRequest: 5 * time.Second}})
	var log bytes.Buffer
	var mu sync.Mutex
	e, err := New(&proxy.Config{Proxies: []*proxy.Proxy{p}}, Deps{Log: testLogger(&mu, &log)})
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

	dial := func() net.Conn {
		c, err := net.Dial("tcp", addr)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { c.Close() })
		return c
	}
	kept := dial()
	kept.Write([]byte("GET / HTTP/1.1\r\nHost: x\r\n\r\n"))
	if r := readResponse(t, kept); !strings.HasPrefix(r, "HTTP/1.1 200") {
		t.Fatalf("kept-alive response %q", r)
	}
	parked := dial() // past the grace period: in the idle poller
	time.Sleep(100 * time.Millisecond)
	waiting := dial() // still on its goroutine
	waitFor(t, func() bool { return e.sessions.count() == 3 })

	e.SoftStop()
	kept.SetReadDeadline(time.Now().Add(5 * time.Second))
	if n, err := kept.Read(make([]byte, 1)); err != io.EOF {
		t.Fatalf("idle kept-alive connection: %d bytes, %v; want a close", n, err)
	}
	time.Sleep(50 * time.Millisecond)
	for name, c := range map[string]net.Conn{"parked": parked, "waiting": waiting} {
		c.Write([]byte("GET / HTTP/1.1\r\nHost: x\r\n\r\n"))
		c.SetReadDeadline(time.Now().Add(5 * time.Second))
		out, _ := io.ReadAll(c)
		if !bytes.HasPrefix(out, []byte("HTTP/1.1 200")) || !bytes.Contains(bytes.ToLower(out), []byte("connection: close")) {
			t.Errorf("%s connection's first request after the stop: %q", name, out)
		}
	}
	select {
	case err := <-done:
		if err != nil {
			t.Fatal(err)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("Run did not return")
	}
	mu.Lock()
	defer mu.Unlock()
	if want := "Proxy p stopped (cumulated conns: FE: 3, BE: 1)."; !strings.Contains(log.String(), want) {
		t.Errorf("log %q, want %q", log.String(), want)
	}
}

// TestSoftStopWaitsForAccepted: a connection accepted but not served yet
// (reserved by the listener, its goroutine not started) holds the soft
// stop back.
func TestSoftStopWaitsForAccepted(t *testing.T) {
	var r registry
	r.reserve()
	ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
	defer cancel()
	r.wait(ctx)
	if ctx.Err() == nil {
		t.Fatal("wait returned with a reserved connection")
	}
	s := &session{}
	r.add(s)
	go r.remove(s)
	ctx2, cancel2 := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel2()
	r.wait(ctx2)
	if ctx2.Err() != nil {
		t.Fatal("wait did not return once the connection ended")
	}
}

// readResponse reads one response whose body has a Content-Length.
func readResponse(t *testing.T, c net.Conn) string {
	t.Helper()
	c.SetReadDeadline(time.Now().Add(5 * time.Second))
	var b []byte
	buf := make([]byte, 4096)
	for {
		n, err := c.Read(buf)
		b = append(b, buf[:n]...)
		if head, body, ok := bytes.Cut(b, []byte("\r\n\r\n")); ok {
			cl := 0
			for _, l := range strings.Split(strings.ToLower(string(head)), "\r\n") {
				if v, ok := strings.CutPrefix(l, "content-length: "); ok {
					for _, d := range v {
						cl = cl*10 + int(d-'0')
					}
				}
			}
			if len(body) >= cl {
				return string(b)
			}
		}
		if err != nil {
			t.Fatalf("read: %v (after %q)", err, b)
		}
	}
}

// testLogger collects the engine's messages, one per line.
func testLogger(mu *sync.Mutex, w *bytes.Buffer) *slog.Logger {
	return slog.New(slog.NewTextHandler(lockedWriter{mu, w}, &slog.HandlerOptions{
		ReplaceAttr: func(_ []string, a slog.Attr) slog.Attr {
			if a.Key != slog.MessageKey {
				return slog.Attr{}
			}
			return a
		}}))
}

type lockedWriter struct {
	mu *sync.Mutex
	w  *bytes.Buffer
}

func (l lockedWriter) Write(b []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.w.Write(b)
}

// TestHardStopAnswers502: when "hard-stop-after" strikes, a request
// still waiting for its server is answered 502 (2.6.12 answers so), and
// the frontends with connections left are named.
func TestHardStopAnswers502(t *testing.T) {
	// a server that reads the request and never answers
	slow, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer slow.Close()
	var held []net.Conn
	var hmu sync.Mutex
	defer func() {
		hmu.Lock()
		for _, c := range held {
			c.Close()
		}
		hmu.Unlock()
	}()
	go func() {
		for {
			c, err := slow.Accept()
			if err != nil {
				return
			}
			hmu.Lock()
			held = append(held, c)
			hmu.Unlock()
		}
	}()
	p := listen(&proxy.Proxy{Name: "p", Mode: proxy.ModeHTTP, Servers: []*proxy.Server{serverAt("s", slow.Addr())},
		Timeouts: proxy.Timeouts{Client: 10 * time.Second, Server: 10 * time.Second}})
	cfg := &proxy.Config{Proxies: []*proxy.Proxy{p}}
	cfg.Global.HardStopAfter = 300 * time.Millisecond
	var log bytes.Buffer
	var mu sync.Mutex
	e, err := New(cfg, Deps{Log: testLogger(&mu, &log)})
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
	c, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	c.Write([]byte("GET / HTTP/1.1\r\nHost: x\r\n\r\n"))
	waitFor(t, func() bool {
		hmu.Lock()
		defer hmu.Unlock()
		return len(held) == 1
	})
	e.SoftStop()
	c.SetReadDeadline(time.Now().Add(5 * time.Second))
	out, _ := io.ReadAll(c)
	if !bytes.HasPrefix(out, []byte("HTTP/1.1 502")) {
		t.Errorf("request waiting at the hard stop: %q", out)
	}
	select {
	case <-done:
	case <-time.After(5 * time.Second):
		t.Fatal("Run did not return after the hard stop")
	}
	mu.Lock()
	defer mu.Unlock()
	for _, want := range []string{"soft-stop running for too long, performing a hard-stop.",
		"Proxy p hard-stopped (1 remaining conns will be closed)."} {
		if !strings.Contains(log.String(), want) {
			t.Errorf("log %q, want %q", log.String(), want)
		}
	}
}
