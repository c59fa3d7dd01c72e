package dataplane

import (
	"bufio"
	"fmt"
	"io"
	"net"
	"net/http"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"hakeep/e2e/harness"
)

// ours starts our haproxy on cfg and waits for the addresses.
func ours(t *testing.T, cfg string, wait ...string) *proxyProc {
	t.Helper()
	bin := filepath.Join(harness.Binaries(t), "haproxy")
	return startProxy(t, bin, writeConfig(t, cfg), wait...)
}

// webServer is a Go HTTP back end on a loopback address that counts the
// TCP connections it accepted.
type webServer struct {
	Addr  string
	conns atomic.Int64
	srv   *http.Server
}

// newWebServer serves h on host (an address of 127.0.0.0/8).
func newWebServer(t *testing.T, host string, h http.Handler) *webServer {
	t.Helper()
	ln, err := net.Listen("tcp", host+":0")
	if err != nil {
		t.Fatal(err)
	}
	w := &webServer{Addr: ln.Addr().String()}
	w.srv = &http.Server{Handler: h, ConnState: func(_ net.Conn, s http.ConnState) {
		if s == http.StateNew {
			w.conns.Add(1)
		}
	}}
	go w.srv.Serve(ln)
	t.Cleanup(func() { w.srv.Close() })
	return w
}

// named answers its name on every request.
func named(name string) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		io.Copy(io.Discard, r.Body)
		fmt.Fprintln(w, name)
	})
}

// rawRequest sends req on a new connection and returns everything the
// proxy answers until it closes or stays silent for idle.
func rawRequest(t *testing.T, addr, req string, idle time.Duration) string {
	t.Helper()
	c, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	c.Write([]byte(req))
	return readAll(c, idle)
}

// readAll reads until the peer closes or stays silent for idle.
func readAll(c net.Conn, idle time.Duration) string {
	var b strings.Builder
	buf := make([]byte, 65536)
	for {
		c.SetReadDeadline(time.Now().Add(idle))
		n, err := c.Read(buf)
		b.Write(buf[:n])
		if err != nil {
			return b.String()
		}
	}
}

// readResponse reads one response with a Content-Length body from br.
func readResponse(t *testing.T, br *bufio.Reader) (*http.Response, string) {
	t.Helper()
	resp, err := http.ReadResponse(br, nil)
	if err != nil {
		t.Fatalf("reading response: %v", err)
	}
	body, err := io.ReadAll(resp.Body)
	resp.Body.Close()
	if err != nil {
		t.Fatalf("reading body: %v", err)
	}
	return resp, string(body)
}

// get fetches url with a client that keeps no connection.
func get(t *testing.T, url string) (int, string) {
	t.Helper()
	c := &http.Client{Transport: &http.Transport{DisableKeepAlives: true}, Timeout: 10 * time.Second}
	resp, err := c.Get(url)
	if err != nil {
		t.Fatalf("GET %s: %v", url, err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b)
}

// counter counts concurrent calls and their peak.
type counter struct {
	mu       sync.Mutex
	cur, max int
}

func (c *counter) enter() {
	c.mu.Lock()
	c.cur++
	if c.cur > c.max {
		c.max = c.cur
	}
	c.mu.Unlock()
}

func (c *counter) leave() {
	c.mu.Lock()
	c.cur--
	c.mu.Unlock()
}

func (c *counter) peak() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.max
}
