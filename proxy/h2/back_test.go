package h2

import (
	"bufio"
	"io"
	"net"
	"net/http"
	"strings"
	"testing"
	"time"

	"hakeep/proxy/http1"
)

// h2cServer is a net/http server with prior-knowledge HTTP/2.
func h2cServer(t *testing.T, h http.HandlerFunc) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	var p http.Protocols
	p.SetUnencryptedHTTP2(true)
	srv := &http.Server{Protocols: &p, Handler: h}
	go srv.Serve(ln)
	t.Cleanup(func() { srv.Close() })
	return ln.Addr().String()
}

// exchange writes an HTTP/1.1 request on bc and reads the response
// head and a body of n bytes.
func exchange(t *testing.T, bc *BackConn, br *bufio.Reader, req string, n int) string {
	t.Helper()
	bc.SetDeadline(time.Now().Add(5 * time.Second))
	if _, err := bc.Write([]byte(req)); err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	for {
		line, err := br.ReadString('\n')
		if err != nil {
			t.Fatalf("%v after %q", err, b.String())
		}
		if strings.HasPrefix(line, "date:") {
			continue
		}
		b.WriteString(line)
		if line == "\r\n" {
			break
		}
	}
	body := make([]byte, n)
	if _, err := io.ReadFull(br, body); err != nil {
		t.Fatal(err)
	}
	return b.String() + string(body)
}

func TestBackConnExchanges(t *testing.T) {
	var seen []string
	addr := h2cServer(t, func(w http.ResponseWriter, r *http.Request) {
		b, _ := io.ReadAll(r.Body)
		seen = append(seen, r.Method+" "+r.RequestURI+" "+r.Host+" "+string(b))
		if r.URL.Path == "/stream" {
			w.Write([]byte("streamed"))
			w.(http.Flusher).Flush()
			return
		}
		w.Header().Set("Content-Length", "2")
		w.Write([]byte("ok"))
	})
	pool := &BackPool{Dial: func() (net.Conn, error) { return net.Dial("tcp", addr) }}
	bc := NewBackConn(pool, http1.Limits{}, nil, nil)
	br := bufio.NewReader(bc)
	got := exchange(t, bc, br, "GET /a HTTP/1.1\r\nhost: b.test\r\n\r\n", 2)
	if got != "HTTP/1.1 200 \r\ncontent-type: text/plain; charset=utf-8\r\ncontent-length: 2\r\n\r\nok" {
		t.Errorf("first response %q", got)
	}
	// the next request on the same connection takes a new stream
	got = exchange(t, bc, br, "POST /b HTTP/1.1\r\nhost: b.test\r\ntransfer-encoding: chunked\r\n\r\n3\r\nabc\r\n0\r\n\r\n", 2)
	if !strings.HasSuffix(got, "ok") {
		t.Errorf("second response %q", got)
	}
	// a response of unknown length is chunked
	got = exchange(t, bc, br, "GET /stream HTTP/1.1\r\nhost: b.test\r\n\r\n", len("8\r\nstreamed\r\n0\r\n\r\n"))
	if !strings.Contains(got, "transfer-encoding: chunked\r\n\r\n8\r\nstreamed\r\n0\r\n\r\n") {
		t.Errorf("third response %q", got)
	}
	if strings.Join(seen, "|") != "GET /a b.test |POST /b b.test abc|GET /stream b.test " {
		t.Errorf("server saw %q", seen)
	}
	if n := pool.Conns(); n != 1 {
		t.Errorf("%d connections, want the exchanges multiplexed on 1", n)
	}
	pool.mu.Lock()
	cl := pool.conns[0]
	pool.mu.Unlock()
	if idle, _ := cl.Idle(); !idle {
		t.Errorf("streams left open on the connection")
	}
	bc.Close()
}

func TestBackPoolOpensAnotherWhenFull(t *testing.T) {
	release := make(chan struct{})
	addr := h2cServer(t, func(w http.ResponseWriter, r *http.Request) { <-release })
	defer close(release)
	pool := &BackPool{Dial: func() (net.Conn, error) { return net.Dial("tcp", addr) }}
	cl, st, err := pool.open(nil)
	if err != nil {
		t.Fatal(err)
	}
	cl.ExtendedConnect(time.Second) // waits for the server's SETTINGS
	cl.c.mu.Lock()
	cl.c.peerStreams = 1
	cl.c.mu.Unlock()
	cl2, st2, err := pool.open(nil)
	if err != nil || cl2 == cl {
		t.Fatalf("a full connection was given another stream (err %v)", err)
	}
	st.Release()
	st2.Release()
	if pool.Conns() != 2 {
		t.Errorf("%d connections", pool.Conns())
	}
}
