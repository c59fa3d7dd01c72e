package dataplane

import (
	"bufio"
	"fmt"
	"io"
	"net"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"
)

const httpDefaults = `
defaults
    mode http
    timeout connect 2s
    timeout client 10s
    timeout server 10s
`

// TestE2EKeepAliveAndReuse sends ten requests on one client connection:
// they alternate between the two servers, and the server connections are
// reused (http-reuse safe).
func TestE2EKeepAliveAndReuse(t *testing.T) {
	w1, w2 := newWebServer(t, "127.0.0.2", named("w1")), newWebServer(t, "127.0.0.3", named("w2"))
	fe := freeAddr(t, "127.0.0.1")
	ours(t, fmt.Sprintf(httpDefaults+`
frontend f
    bind %s
    default_backend b
backend b
    server s1 %s
    server s2 %s
`, fe, w1.Addr, w2.Addr), fe)
	c, err := net.Dial("tcp", fe)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	br := bufio.NewReader(c)
	var got []string
	for i := 0; i < 10; i++ {
		fmt.Fprintf(c, "GET /%d HTTP/1.1\r\nHost: a\r\n\r\n", i)
		_, body := readResponse(t, br)
		got = append(got, strings.TrimSpace(body))
	}
	if strings.Join(got, " ") != "w1 w2 w1 w2 w1 w2 w1 w2 w1 w2" {
		t.Fatalf("servers %v", got)
	}
	if n := w1.conns.Load() + w2.conns.Load(); n > 3 {
		t.Fatalf("%d server connections for 10 requests: no reuse", n)
	}
}

// TestE2EPipelining sends three requests in one write; the responses come
// back in order on the same connection.
func TestE2EPipelining(t *testing.T) {
	w := newWebServer(t, "127.0.0.2", http.HandlerFunc(func(rw http.ResponseWriter, r *http.Request) {
		fmt.Fprint(rw, r.URL.Path)
	}))
	fe := freeAddr(t, "127.0.0.1")
	ours(t, fmt.Sprintf(httpDefaults+`
listen l
    bind %s
    server s %s
`, fe, w.Addr), fe)
	c, err := net.Dial("tcp", fe)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	c.Write([]byte("GET /a HTTP/1.1\r\nHost: x\r\n\r\nGET /b HTTP/1.1\r\nHost: x\r\n\r\nGET /c HTTP/1.1\r\nHost: x\r\n\r\n"))
	br := bufio.NewReader(c)
	for _, want := range []string{"/a", "/b", "/c"} {
		if _, body := readResponse(t, br); body != want {
			t.Fatalf("body %q, want %q", body, want)
		}
	}
}

// TestE2EStreamingBodies checks that bodies flow without being buffered
// whole: the client sees the first part of a chunked response before the
// server finishes it, and a large upload reaches the server intact.
func TestE2EStreamingBodies(t *testing.T) {
	release := make(chan struct{})
	w := newWebServer(t, "127.0.0.2", http.HandlerFunc(func(rw http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/stream":
			rw.Write([]byte("first;"))
			rw.(http.Flusher).Flush()
			<-release
			rw.Write([]byte("second"))
		case "/upload":
			n, _ := io.Copy(io.Discard, r.Body)
			fmt.Fprintf(rw, "%d %v", n, r.TransferEncoding)
		}
	}))
	fe := freeAddr(t, "127.0.0.1")
	ours(t, fmt.Sprintf(httpDefaults+`
listen l
    bind %s
    server s %s
`, fe, w.Addr), fe)

	c, err := net.Dial("tcp", fe)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	c.Write([]byte("GET /stream HTTP/1.1\r\nHost: x\r\n\r\n"))
	br := bufio.NewReader(c)
	resp, err := http.ReadResponse(br, nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(resp.TransferEncoding) == 0 || resp.TransferEncoding[0] != "chunked" {
		t.Fatalf("transfer encoding %v", resp.TransferEncoding)
	}
	first := make([]byte, 6)
	c.SetReadDeadline(time.Now().Add(5 * time.Second))
	if _, err := io.ReadFull(resp.Body, first); err != nil || string(first) != "first;" {
		t.Fatalf("first part %q, %v (held back by the proxy?)", first, err)
	}
	close(release)
	rest, _ := io.ReadAll(resp.Body)
	if string(rest) != "second" {
		t.Fatalf("rest %q", rest)
	}

	// 8 MiB upload, chunked then with a length
	for _, chunked := range []bool{true, false} {
		body := strings.Repeat("0123456789abcdef", 1<<19)
		var r io.Reader = strings.NewReader(body)
		if chunked {
			r = io.MultiReader(r) // hides the length
		}
		req, _ := http.NewRequest("POST", "http://"+fe+"/upload", r)
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		want := fmt.Sprintf("%d [chunked]", len(body))
		if !chunked {
			want = fmt.Sprintf("%d []", len(body))
		}
		if string(b) != want {
			t.Fatalf("upload (chunked %v): %q, want %q", chunked, b, want)
		}
	}
}

// TestE2EExpectContinue: the server's 100 Continue reaches the client,
// which then sends its body.
func TestE2EExpectContinue(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.2:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	got := make(chan string, 1)
	go func() {
		c, err := ln.Accept()
		if err != nil {
			return
		}
		defer c.Close()
		br := bufio.NewReader(c)
		req, err := http.ReadRequest(br)
		if err != nil {
			return
		}
		c.Write([]byte("HTTP/1.1 100 Continue\r\n\r\n"))
		b, _ := io.ReadAll(req.Body)
		got <- req.Header.Get("Expect") + " " + string(b)
		c.Write([]byte("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok"))
	}()
	fe := freeAddr(t, "127.0.0.1")
	ours(t, fmt.Sprintf(httpDefaults+`
listen l
    bind %s
    server s %s
`, fe, ln.Addr()), fe)
	c, err := net.Dial("tcp", fe)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	c.Write([]byte("POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\nExpect: 100-continue\r\n\r\n"))
	br := bufio.NewReader(c)
	c.SetReadDeadline(time.Now().Add(5 * time.Second))
	line, err := br.ReadString('\n')
	if err != nil || line != "HTTP/1.1 100 Continue\r\n" {
		t.Fatalf("interim %q, %v", line, err)
	}
	br.ReadString('\n')
	c.Write([]byte("hello"))
	resp, body := readResponse(t, br)
	if resp.StatusCode != 200 || body != "ok" {
		t.Fatalf("final %d %q", resp.StatusCode, body)
	}
	if s := <-got; s != "100-continue hello" {
		t.Fatalf("server got %q", s)
	}
}

// TestE2EWebSocket: after the 101, bytes flow both ways through the
// tunnel.
func TestE2EWebSocket(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.2:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	go func() {
		c, err := ln.Accept()
		if err != nil {
			return
		}
		defer c.Close()
		br := bufio.NewReader(c)
		if _, err := http.ReadRequest(br); err != nil {
			return
		}
		c.Write([]byte("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: x\r\n\r\n"))
		// echo in upper case
		buf := make([]byte, 1024)
		for {
			n, err := br.Read(buf)
			if err != nil {
				return
			}
			c.Write([]byte(strings.ToUpper(string(buf[:n]))))
		}
	}()
	fe := freeAddr(t, "127.0.0.1")
	ours(t, fmt.Sprintf(httpDefaults+`
    timeout tunnel 1h
listen l
    bind %s
    server s %s
`, fe, ln.Addr()), fe)
	c, err := net.Dial("tcp", fe)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	c.Write([]byte("GET /ws HTTP/1.1\r\nHost: x\r\nConnection: Upgrade\r\nUpgrade: websocket\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n"))
	br := bufio.NewReader(c)
	resp, err := http.ReadResponse(br, nil)
	if err != nil || resp.StatusCode != 101 {
		t.Fatalf("upgrade: %v %v", resp, err)
	}
	for _, m := range []string{"hello", "again"} {
		c.Write([]byte(m))
		buf := make([]byte, len(m))
		c.SetReadDeadline(time.Now().Add(5 * time.Second))
		if _, err := io.ReadFull(br, buf); err != nil || string(buf) != strings.ToUpper(m) {
			t.Fatalf("tunnel echo %q, %v", buf, err)
		}
	}
}

// TestE2EForwardFor: "option forwardfor" appends the client address;
// "except" skips loopback clients; "header" renames it.
func TestE2EForwardFor(t *testing.T) {
	w := newWebServer(t, "127.0.0.2", http.HandlerFunc(func(rw http.ResponseWriter, r *http.Request) {
		fmt.Fprintf(rw, "%q %q", r.Header.Values("X-Forwarded-For"), r.Header.Get("X-Client"))
	}))
	fe1, fe2, fe3 := freeAddr(t, "127.0.0.1"), freeAddr(t, "127.0.0.1"), freeAddr(t, "127.0.0.1")
	ours(t, fmt.Sprintf(httpDefaults+`
listen plain
    bind %s
    option forwardfor
    server s %s
listen except
    bind %s
    option forwardfor except 127.0.0.0/8
    server s %s
listen named
    bind %s
    option forwardfor header X-Client
    server s %s
`, fe1, w.Addr, fe2, w.Addr, fe3, w.Addr), fe1, fe2, fe3)
	cases := []struct{ addr, want string }{
		// a new header line after the client's own
		{fe1, `["192.0.2.7" "127.0.0.1"] ""`},
		{fe2, `["192.0.2.7"] ""`},
		{fe3, `["192.0.2.7"] "127.0.0.1"`},
	}
	for _, c := range cases {
		out := rawRequest(t, c.addr, "GET / HTTP/1.1\r\nHost: x\r\nX-Forwarded-For: 192.0.2.7\r\nConnection: close\r\n\r\n", 5*time.Second)
		if !strings.HasSuffix(out, c.want) {
			t.Errorf("%s: %q, want suffix %q", c.addr, out, c.want)
		}
	}
}

// TestE2EQueueMaxconn: a server with maxconn 1 serves three concurrent
// requests one at a time; with a short "timeout queue" the waiting ones
// get 503.
func TestE2EQueueMaxconn(t *testing.T) {
	var cnt counter
	w := newWebServer(t, "127.0.0.2", http.HandlerFunc(func(rw http.ResponseWriter, r *http.Request) {
		cnt.enter()
		defer cnt.leave()
		time.Sleep(300 * time.Millisecond)
		fmt.Fprint(rw, "done")
	}))
	fe, fe2 := freeAddr(t, "127.0.0.1"), freeAddr(t, "127.0.0.1")
	ours(t, fmt.Sprintf(httpDefaults+`
listen queued
    bind %s
    timeout queue 10s
    server s %s maxconn 1
listen short
    bind %s
    timeout queue 100ms
    server s %s maxconn 1
`, fe, w.Addr, fe2, w.Addr), fe, fe2)
	var wg sync.WaitGroup
	codes := make(chan int, 3)
	for i := 0; i < 3; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			code, _ := get(t, "http://"+fe+"/")
			codes <- code
		}()
	}
	wg.Wait()
	close(codes)
	for c := range codes {
		if c != 200 {
			t.Fatalf("status %d", c)
		}
	}
	if p := cnt.peak(); p != 1 {
		t.Fatalf("the server saw %d requests at once with maxconn 1", p)
	}
	codes = make(chan int, 3)
	for i := 0; i < 3; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			code, _ := get(t, "http://"+fe2+"/")
			codes <- code
		}()
	}
	wg.Wait()
	close(codes)
	n503 := 0
	for c := range codes {
		if c == 503 {
			n503++
		}
	}
	if n503 != 2 {
		t.Fatalf("%d requests got 503 after timeout queue, want 2", n503)
	}
}

// TestE2EBufferRequest: "option http-buffer-request" waits for the whole
// body before connecting, and answers "Expect: 100-continue" itself.
func TestE2EBufferRequest(t *testing.T) {
	got := make(chan string, 4)
	ln, err := net.Listen("tcp", "127.0.0.2:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			go func() {
				defer c.Close()
				// everything the first read brings: head and body at once
				buf := make([]byte, 65536)
				c.SetReadDeadline(time.Now().Add(5 * time.Second))
				n, _ := c.Read(buf)
				if n == 0 {
					return
				}
				got <- string(buf[:n])
				c.Write([]byte("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok"))
			}()
		}
	}()
	fe := freeAddr(t, "127.0.0.1")
	ours(t, fmt.Sprintf(httpDefaults+`
listen l
    bind %s
    option http-buffer-request
    server s %s
`, fe, ln.Addr()), fe)
	c, err := net.Dial("tcp", fe)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	c.Write([]byte("POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 10\r\nExpect: 100-continue\r\n\r\n"))
	br := bufio.NewReader(c)
	c.SetReadDeadline(time.Now().Add(5 * time.Second))
	if l, _ := br.ReadString('\n'); l != "HTTP/1.1 100 Continue\r\n" {
		t.Fatalf("interim from the proxy: %q", l)
	}
	br.ReadString('\n')
	c.Write([]byte("hello"))
	time.Sleep(200 * time.Millisecond)
	c.Write([]byte("world"))
	if resp, body := readResponse(t, br); resp.StatusCode != 200 || body != "ok" {
		t.Fatalf("response %d %q", resp.StatusCode, body)
	}
	want := "POST / HTTP/1.1\r\nhost: x\r\ncontent-length: 10\r\n\r\nhelloworld"
	if s := <-got; s != want {
		t.Fatalf("server got %q in its first read, want %q", s, want)
	}
}

// TestE2EAbortOnClose: a queued request whose client half-closes is
// still served under "option abortonclose", as HAProxy 2.6.12 does (its
// H1 mux no longer reads a client whose request it has whole; recorded
// against the real haproxy by e2e/httpdiff
// abortonclose-half-close-in-queue), and the proxy goes on.
func TestE2EAbortOnClose(t *testing.T) {
	var mu sync.Mutex
	var paths []string
	release := make(chan struct{})
	w := newWebServer(t, "127.0.0.2", http.HandlerFunc(func(rw http.ResponseWriter, r *http.Request) {
		mu.Lock()
		paths = append(paths, r.URL.Path)
		mu.Unlock()
		if r.URL.Path == "/slow" {
			<-release
		}
		fmt.Fprint(rw, "ok")
	}))
	fe := freeAddr(t, "127.0.0.1")
	ours(t, fmt.Sprintf(httpDefaults+`
listen l
    bind %s
    option abortonclose
    timeout queue 10s
    server s %s maxconn 1
`, fe, w.Addr), fe)
	slow, err := net.Dial("tcp", fe)
	if err != nil {
		t.Fatal(err)
	}
	defer slow.Close()
	slow.Write([]byte("GET /slow HTTP/1.1\r\nHost: x\r\n\r\n"))
	time.Sleep(200 * time.Millisecond)
	// queued behind /slow, then gone
	q, err := net.Dial("tcp", fe)
	if err != nil {
		t.Fatal(err)
	}
	q.Write([]byte("GET /abandoned HTTP/1.1\r\nHost: x\r\n\r\n"))
	time.Sleep(200 * time.Millisecond)
	q.(*net.TCPConn).CloseWrite()
	time.Sleep(200 * time.Millisecond)
	close(release)
	readAll(slow, time.Second)
	if code, _ := get(t, "http://"+fe+"/after"); code != 200 {
		t.Fatalf("status %d after the abort", code)
	}
	q.Close()
	mu.Lock()
	defer mu.Unlock()
	served := false
	for _, p := range paths {
		served = served || p == "/abandoned"
	}
	if !served {
		t.Fatalf("the half-closed client's request was dropped: %v", paths)
	}
}
