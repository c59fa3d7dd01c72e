package h2

import (
	"bytes"
	"io"
	"strconv"
	"strings"
	"testing"
	"time"

	"golang.org/x/net/http2"

	"hakeep/proxy/http1"
)

// h1Handler answers every stream through a FrontConn with the HTTP/1.1
// response resp, after reading the request (head and body).
func h1Handler(t testing.TB, resp string, got chan<- string) func(*Stream) {
	pool := NewFrontPool(http1.Limits{})
	return func(st *Stream) {
		fc, head := pool.Get(st, nil, nil, nil)
		defer pool.Put(fc)
		req := string(head)
		if !st.EndOnHeaders {
			b, _ := readBody(fc)
			req += b
		}
		if got != nil {
			got <- req
		}
		fc.Write([]byte(resp))
		fc.Finish(true)
	}
}

// readBody reads the HTTP/1.1 body framing a FrontConn gives, up to the
// last chunk or the end of input.
func readBody(fc *FrontConn) (string, error) {
	var b strings.Builder
	buf := make([]byte, 4096)
	fc.SetReadDeadline(time.Now().Add(2 * time.Second))
	for {
		n, err := fc.Read(buf)
		b.Write(buf[:n])
		if err != nil || strings.HasSuffix(b.String(), "\r\n\r\n") || fc.readEnd && len(fc.pending) == 0 {
			return b.String(), err
		}
	}
}

func TestSettingsAndPing(t *testing.T) {
	addr := serveTest(t, &Server{Settings: Settings{MaxConcurrentStreams: 7, InitialWindowSize: 1000}, Handler: h1Handler(t, "HTTP/1.1 200 OK\r\ncontent-length: 0\r\n\r\n", nil)})
	c := dialTest(t, addr)
	c.until("settings", func() bool { return len(c.settings) > 0 })
	var got []string
	for _, s := range c.settings {
		got = append(got, s.String())
	}
	// RFC 9113 6.5.2, in 2.6's order
	want := "[ENABLE_CONNECT_PROTOCOL = 1] [INITIAL_WINDOW_SIZE = 1000] [MAX_CONCURRENT_STREAMS = 7]"
	if strings.Join(got, " ") != want {
		t.Errorf("settings %q, want %q", strings.Join(got, " "), want)
	}
	c.wmu.Lock()
	c.fr.WritePing(false, [8]byte{1, 2, 3})
	c.wmu.Unlock()
	c.until("ping ack", func() bool {
		for _, f := range c.frames {
			if f == "PING" {
				return true
			}
		}
		return false
	})
}

func TestRequestTranslation(t *testing.T) {
	got := make(chan string, 1)
	addr := serveTest(t, &Server{Handler: h1Handler(t, "HTTP/1.1 200 OK\r\nContent-Length: 2\r\nConnection: keep-alive\r\nX-A: b\r\n\r\nok", got)})
	c := dialTest(t, addr)
	c.send(1, true, ":method", "GET", ":scheme", "http", ":authority", "a.test", ":path", "/p?q=1",
		"cookie", "a=1", "host", "ignored", "x-h", "v", "cookie", "b=2", "te", "trailers")
	req := <-got
	want := "GET http://a.test/p?q=1 HTTP/2.0\r\nhost: a.test\r\nx-h: v\r\nte: trailers\r\ncookie: a=1; b=2\r\n\r\n"
	if req != want {
		t.Errorf("request %q, want %q", req, want)
	}
	c.until("end", func() bool { return c.ended[1] })
	var fields []string
	for _, hf := range c.heads[1][0] {
		fields = append(fields, hf.Name+": "+hf.Value)
	}
	// connection-specific fields dropped (RFC 9113 8.2.2), names lower
	if strings.Join(fields, ", ") != ":status: 200, content-length: 2, x-a: b" || string(c.data[1]) != "ok" {
		t.Errorf("response %v %q", fields, c.data[1])
	}
}

func TestRequestBodyChunkedWithTrailers(t *testing.T) {
	got := make(chan string, 1)
	addr := serveTest(t, &Server{Handler: h1Handler(t, "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n0\r\nx-t: 1\r\n\r\n", got)})
	c := dialTest(t, addr)
	c.send(1, false, ":method", "POST", ":scheme", "https", ":path", "/up")
	c.dataFrame(1, false, []byte("hello"))
	c.send(1, true, "x-rt", "9")
	req := <-got
	want := "POST /up HTTP/2.0\r\ntransfer-encoding: chunked\r\n\r\n5\r\nhello\r\n0\r\nx-rt: 9\r\n\r\n"
	if req != want {
		t.Errorf("request %q, want %q", req, want)
	}
	c.until("end", func() bool { return c.ended[1] })
	// the chunked response's trailers become a trailer section
	if len(c.heads[1]) != 2 || c.heads[1][1][0].Name != "x-t" || string(c.data[1]) != "abc" {
		t.Errorf("response sections %v data %q", c.heads[1], c.data[1])
	}
}

func TestMalformedRequests(t *testing.T) {
	bad := 0
	addr := serveTest(t, &Server{Handler: h1Handler(t, "HTTP/1.1 200 OK\r\ncontent-length: 0\r\n\r\n", nil), BadRequest: func() { bad++ }})
	cases := [][]string{
		{":method", "GET", ":scheme", "http", ":path", "/", "connection", "close"},
		{":method", "GET", ":scheme", "http", ":path", "/", "te", "gzip"},
		{":method", "GET", ":scheme", "http"},
		{":method", "GET", ":scheme", "http", ":path", "/", ":path", "/"},
		{":method", "GET", ":scheme", "http", ":path", "/", ":status", "200"},
		{":method", "CONNECT", ":scheme", "http", ":path", "/"},
	}
	for i, kv := range cases {
		c := dialTest(t, addr)
		c.send(1, true, kv...)
		c.until("reset "+strconv.Itoa(i), func() bool { _, ok := c.rst[1]; return ok })
		if c.rst[1] != http2.ErrCodeProtocol {
			t.Errorf("case %d: %v", i, c.rst[1])
		}
	}
	if bad != len(cases) {
		t.Errorf("%d bad requests told, want %d", bad, len(cases))
	}
}

func TestContentLengthMismatch(t *testing.T) {
	addr := serveTest(t, &Server{Handler: func(st *Stream) { io.Copy(io.Discard, st); st.WriteHeaders(nil, true) }})
	c := dialTest(t, addr)
	c.send(1, false, ":method", "POST", ":scheme", "http", ":path", "/", "content-length", "5")
	c.dataFrame(1, true, []byte("abc"))
	c.until("reset", func() bool { _, ok := c.rst[1]; return ok })
	if c.rst[1] != http2.ErrCodeProtocol {
		t.Errorf("reset %v, want PROTOCOL_ERROR (RFC 9113 8.1.1)", c.rst[1])
	}
}

func TestFlowControlOfResponses(t *testing.T) {
	big := bytes.Repeat([]byte("x"), 200000)
	addr := serveTest(t, &Server{Handler: func(st *Stream) {
		fc, _ := NewFrontPool(http1.Limits{}).Get(st, nil, nil, nil)
		fc.Write([]byte("HTTP/1.1 200 OK\r\ncontent-length: 200000\r\n\r\n"))
		fc.Write(big)
	}})
	c := dialTest(t, addr, http2.Setting{ID: http2.SettingInitialWindowSize, Val: 1000})
	c.mu.Lock()
	c.window = false
	c.mu.Unlock()
	c.get(1, "/")
	c.until("first window", func() bool { return len(c.data[1]) >= 1000 })
	time.Sleep(100 * time.Millisecond)
	c.mu.Lock()
	n := len(c.data[1])
	c.mu.Unlock()
	if n != 1000 {
		t.Fatalf("%d bytes sent within a 1000-byte stream window (RFC 9113 6.9)", n)
	}
	c.mu.Lock()
	c.window = true
	c.mu.Unlock()
	c.wmu.Lock()
	c.fr.WriteWindowUpdate(1, 300000)
	c.wmu.Unlock()
	c.until("the rest", func() bool { return c.ended[1] })
	if len(c.data[1]) != 200000 {
		t.Errorf("%d bytes", len(c.data[1]))
	}
}

func TestConcurrencyLimit(t *testing.T) {
	release := make(chan struct{})
	addr := serveTest(t, &Server{Settings: Settings{MaxConcurrentStreams: 2}, Handler: func(st *Stream) {
		<-release
		st.WriteHeaders(nil, true)
	}})
	c := dialTest(t, addr)
	c.get(1, "/")
	c.get(3, "/")
	c.get(5, "/")
	c.until("refused", func() bool { _, ok := c.rst[5]; return ok })
	close(release)
	if c.rst[5] != http2.ErrCodeRefusedStream {
		t.Errorf("third stream: %v, want REFUSED_STREAM (RFC 9113 5.1.2)", c.rst[5])
	}
	c.until("two answered", func() bool { return c.ended[1] && c.ended[3] })
	// a stream that ended no longer counts
	c.get(7, "/")
	c.until("fourth", func() bool { return c.ended[7] })
}

func TestConnectionErrors(t *testing.T) {
	addr := serveTest(t, &Server{Handler: func(st *Stream) { st.WriteHeaders(nil, true) }})
	for name, f := range map[string]func(c *tclient){
		"even stream":     func(c *tclient) { c.get(2, "/") },
		"data on idle":    func(c *tclient) { c.dataFrame(9, true, []byte("x")) },
		"window overflow": func(c *tclient) { c.wmu.Lock(); c.fr.WriteWindowUpdate(0, 1<<31-1); c.wmu.Unlock() },
		"stream id goes back": func(c *tclient) {
			c.get(5, "/")
			c.get(3, "/")
		},
	} {
		c := dialTest(t, addr)
		f(c)
		c.until(name+": goaway", func() bool { return c.goaway != nil })
		if *c.goaway != http2.ErrCodeProtocol && *c.goaway != http2.ErrCodeFlowControl {
			t.Errorf("%s: GOAWAY %v", name, *c.goaway)
		}
	}
}
