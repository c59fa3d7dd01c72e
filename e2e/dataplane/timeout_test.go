package dataplane

import (
	"fmt"
	"net"
	"net/http"
	"strings"
	"testing"
	"time"
)

// stalledListener accepts nothing and lets its backlog fill up, so that
// later connection attempts get no answer at all: a connect timeout
// without leaving loopback.
func stalledListener(t *testing.T) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.4:0")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ln.Close() })
	// fill the accept queue (its length is the backlog, somaxconn)
	var held []net.Conn
	t.Cleanup(func() {
		for _, c := range held {
			c.Close()
		}
	})
	for i := 0; i < 5000; i++ {
		c, err := net.DialTimeout("tcp", ln.Addr().String(), 50*time.Millisecond)
		if err != nil {
			return ln.Addr().String()
		}
		held = append(held, c)
	}
	t.Skip("could not fill a listen backlog to provoke a connect timeout")
	return ""
}

// TestE2ETimeouts: a server that never accepts gives 503 after "timeout
// connect" (sC), one that never answers 504 after "timeout server" (sH),
// a client that never finishes its request 408 after "timeout
// http-request" (cR).
func TestE2ETimeouts(t *testing.T) {
	hang := newWebServer(t, "127.0.0.2", http.HandlerFunc(func(rw http.ResponseWriter, r *http.Request) {
		<-r.Context().Done()
	}))
	stalled := stalledListener(t)
	closed := freeAddr(t, "127.0.0.3") // nothing listens there any more
	feConn, feSrv, feReq, feRefused := freeAddr(t, "127.0.0.1"), freeAddr(t, "127.0.0.1"), freeAddr(t, "127.0.0.1"), freeAddr(t, "127.0.0.1")
	ours(t, fmt.Sprintf(`
defaults
    mode http
    timeout connect 200ms
    timeout client 10s
    timeout server 300ms
    timeout http-request 300ms
    retries 1
listen connect
    bind %s
    server s %s
listen server
    bind %s
    server s %s
listen request
    bind %s
    server s %s
listen refused
    bind %s
    server s %s
`, feConn, stalled, feSrv, hang.Addr, feReq, hang.Addr, feRefused, closed), feConn, feSrv, feReq, feRefused)

	start := time.Now()
	out := rawRequest(t, feConn, "GET / HTTP/1.1\r\nHost: x\r\n\r\n", 5*time.Second)
	if !strings.HasPrefix(out, "HTTP/1.1 503 Service Unavailable\r\n") {
		t.Errorf("connect timeout: %q", out)
	}
	if d := time.Since(start); d < 350*time.Millisecond {
		t.Errorf("503 after %v: two attempts of timeout connect 200ms expected", d)
	}

	out = rawRequest(t, feRefused, "GET / HTTP/1.1\r\nHost: x\r\n\r\n", 5*time.Second)
	if !strings.HasPrefix(out, "HTTP/1.1 503 Service Unavailable\r\n") {
		t.Errorf("refused: %q", out)
	}

	start = time.Now()
	out = rawRequest(t, feSrv, "GET / HTTP/1.1\r\nHost: x\r\n\r\n", 5*time.Second)
	if !strings.HasPrefix(out, "HTTP/1.1 504 Gateway Time-out\r\n") {
		t.Errorf("server timeout: %q", out)
	}
	if d := time.Since(start); d < 250*time.Millisecond || d > 3*time.Second {
		t.Errorf("504 after %v", d)
	}

	out = rawRequest(t, feReq, "GET / HTTP/1.1\r\nHost: x\r\n", 5*time.Second)
	if !strings.HasPrefix(out, "HTTP/1.1 408 Request Time-out\r\n") {
		t.Errorf("http-request timeout: %q", out)
	}
}

// TestE2EKeepAliveTimeout: an idle kept-alive connection is closed
// silently after "timeout http-keep-alive".
func TestE2EKeepAliveTimeout(t *testing.T) {
	w := newWebServer(t, "127.0.0.2", named("w"))
	fe := freeAddr(t, "127.0.0.1")
	ours(t, fmt.Sprintf(httpDefaults+`
    timeout http-keep-alive 200ms
listen l
    bind %s
    server s %s
`, fe, w.Addr), fe)
	c, err := net.Dial("tcp", fe)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	c.Write([]byte("GET / HTTP/1.1\r\nHost: x\r\n\r\n"))
	start := time.Now()
	out := readAll(c, 3*time.Second)
	if !strings.HasSuffix(out, "w\n") {
		t.Fatalf("response %q", out)
	}
	if d := time.Since(start); d > 2*time.Second {
		t.Fatalf("idle connection kept %v", d)
	}
}
