package h2

import (
	"bufio"
	"fmt"
	"net"
	"strconv"
	"strings"
	"time"

	"golang.org/x/net/http2"
)

// h2case is one exchange run through both proxies; run describes what
// the client saw, and the back ends' journal is added to it.
type h2case struct {
	name string
	run  func(e *env, s *side) string
	// sorted: the back ends' records are sorted (concurrent streams).
	sorted bool
}

// one sends a request with an optional body and describes the stream.
func one(fields []field, b []byte) func(e *env, s *side) string {
	return func(e *env, s *side) string {
		c := dialH2(e.t, s.h2)
		id := c.open(fields, b == nil)
		if b != nil {
			c.data(id, b, true, 16384)
		}
		r := c.wait(id, 10*time.Second)
		return r.render(c) + c.connState() + "\n"
	}
}

// whole sends a request and its small body in one write: the proxy
// reads the frames together (what 2.6 does with a stream then depends
// on what its demux read at once).
func whole(fields []field, b []byte) func(e *env, s *side) string {
	return func(e *env, s *side) string {
		c := dialH2(e.t, s.h2)
		c.waitSettings(5 * time.Second)
		r := c.wait(c.openWhole(fields, b), 10*time.Second)
		return r.render(c) + c.connState() + "\n"
	}
}

// withTrailers sends a body then a trailer section.
func withTrailers(fields []field, b []byte, tr []field) func(e *env, s *side) string {
	return func(e *env, s *side) string {
		c := dialH2(e.t, s.h2)
		id := c.open(fields, false)
		c.data(id, b, false, 16384)
		c.headers(id, tr, true)
		r := c.wait(id, 10*time.Second)
		return r.render(c)
	}
}

// concurrent sends n requests at once on one connection.
func concurrent(addr func(*side) string, n int, path string) func(e *env, s *side) string {
	return func(e *env, s *side) string {
		c := dialH2(e.t, addr(s))
		ids := make([]uint32, n)
		for i := range ids {
			ids[i] = c.open(get("GET", path), true)
		}
		var out []string
		for _, id := range ids {
			r := c.wait(id, 15*time.Second)
			out = append(out, strings.ReplaceAll(r.render(c), "\n", " | "))
		}
		return sortedLines(strings.Join(out, "\n")) + "\n"
	}
}

// rawHTTP1 sends an HTTP/1.1 request to addr and returns the response,
// dates masked, until the proxy closes or stays silent.
func rawHTTP1(addr, req string) string {
	c, err := net.DialTimeout("tcp", addr, 5*time.Second)
	if err != nil {
		return err.Error()
	}
	defer c.Close()
	c.Write([]byte(req))
	var b strings.Builder
	br := bufio.NewReader(c)
	for {
		c.SetReadDeadline(time.Now().Add(500 * time.Millisecond))
		line, err := br.ReadString('\n')
		if strings.HasPrefix(strings.ToLower(line), "date:") {
			line = "date: <date>\r\n"
		}
		b.WriteString(line)
		if err != nil {
			break
		}
	}
	return fmt.Sprintf("%q\n", b.String())
}

func cases() []h2case {
	big := body(1 << 20)
	cs := []h2case{
		{name: "get-basic", run: one(get("GET", "/"), nil)},
		{name: "get-query", run: one(get("GET", "/len/10?a=1&b=2"), nil)},
		{name: "head", run: one(get("HEAD", "/len/100"), nil)},
		{name: "post-content-length", run: one(get("POST", "/len/3", field{"content-length", "10"}), body(10))},
		{name: "post-no-length-100k", run: one(get("POST", "/len/3"), body(100000))},
		{name: "post-1m", run: one(get("POST", "/len/3", field{"content-length", "1048576"}), big)},
		{name: "response-empty", run: one(get("GET", "/len/0"), nil)},
		{name: "response-16k", run: one(get("GET", "/len/16384"), nil)},
		{name: "response-1m", run: one(get("GET", "/len/1048576"), nil)},
		{name: "response-chunked-100k", run: one(get("GET", "/chunk/100000"), nil)},
		{name: "response-until-close", run: one(get("GET", "/close/5000"), nil)},
		{name: "response-trailers-from-h1", run: one(get("GET", "/chunk/3000/tr"), nil)},
		{name: "request-trailers-to-h1", run: withTrailers(get("POST", "/len/3"), body(2000), []field{{"x-req-trailer", "rt"}})},
		{name: "cookies-merged", run: one(get("GET", "/", field{"cookie", "a=1"}, field{"x-mid", "m"}, field{"cookie", "b=2"}), nil)},
		{name: "authority-over-host", run: one([]field{{":method", "GET"}, {":scheme", "http"}, {":authority", "a.test"}, {":path", "/x"}, {"host", "b.test"}, {"x-after", "1"}}, nil)},
		{name: "host-without-authority", run: one([]field{{":method", "GET"}, {":scheme", "http"}, {":path", "/y"}, {"host", "b.test"}}, nil)},
		{name: "https-scheme", run: one([]field{{":method", "GET"}, {":scheme", "https"}, {":authority", "s.test:443"}, {":path", "/z"}}, nil)},
		{name: "te-trailers", run: one(get("GET", "/", field{"te", "trailers"}), nil)},
		{name: "connection-header-refused", run: one(get("GET", "/", field{"connection", "keep-alive"}), nil)},
		{name: "te-gzip-refused", run: one(get("GET", "/", field{"te", "gzip"}), nil)},
		{name: "uppercase-name-refused", run: one(get("GET", "/", field{"X-Upper", "1"}), nil)},
		{name: "content-length-mismatch", run: whole(get("POST", "/len/3", field{"content-length", "5"}), body(3))},
		{name: "missing-path-refused", run: one([]field{{":method", "GET"}, {":scheme", "http"}, {":authority", "a.test"}}, nil)},
		{name: "large-request-header", run: one(get("GET", "/", field{"x-big", strings.Repeat("b", 8000)}), nil)},
		{name: "too-large-request-header", run: one(get("GET", "/", field{"x-big", strings.Repeat("b", 20000)}), nil)},
		{name: "large-response-header", run: one(get("GET", "/hdr/8000"), nil)},
		{name: "many-streams-100", run: concurrent(func(s *side) string { return s.h2 }, 100, "/len/1000"), sorted: true},
		{name: "client-reset-upload", run: clientReset},
		{name: "server-cut-body", run: one(get("GET", "/cut/50000"), nil)},
		{name: "status-204", run: one(get("GET", "/status/204"), nil)},
		{name: "status-304", run: one(get("GET", "/status/304"), nil)},
		{name: "status-404", run: one(get("GET", "/status/404"), nil)},
		{name: "expect-100-continue", run: expectContinue},
		{name: "no-server-503", run: one(get("GET", "/down"), nil)},
		{name: "deny-403", run: one(get("GET", "/deny"), nil)},
		{name: "return-200", run: one(get("GET", "/return"), nil)},
		{name: "h2-to-h2-get", run: one(get("GET", "/h2be/len/100"), nil)},
		{name: "h2-to-h2-post-echo", run: one(get("POST", "/h2be/echo", field{"content-length", "50000"}), body(50000))},
		{name: "h2-to-h2-post-no-length", run: one(get("POST", "/h2be/echo"), body(70000))},
		{name: "h2-to-h2-trailers", run: one(get("GET", "/h2be/trailers"), nil)},
		{name: "h2-to-h2-streamed-100k", run: one(get("GET", "/h2be/stream/100000"), nil)},
		{name: "h2-to-h2-request-trailers", run: withTrailers(get("POST", "/h2be/echo"), body(100), []field{{"x-req-trailer", "rt"}})},
		{name: "h2-to-h2-status-204", run: one(get("GET", "/h2be/status/204"), nil)},
		{name: "h2-to-h2-many-streams", run: concurrent(func(s *side) string { return s.h2 }, 50, "/h2be/len/2000"), sorted: true},
		{name: "h1-to-h2-get", run: func(e *env, s *side) string {
			return rawHTTP1(s.h1, "GET /h2be/len/10 HTTP/1.1\r\nHost: h1.test\r\nConnection: close\r\n\r\n")
		}},
		{name: "h1-to-h2-chunked-post", run: func(e *env, s *side) string {
			return rawHTTP1(s.h1, "POST /h2be/echo HTTP/1.1\r\nHost: h1.test\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n5\r\nhello\r\n0\r\nX-T: 1\r\n\r\n")
		}},
		{name: "h1-to-h2-no-body", run: func(e *env, s *side) string {
			return rawHTTP1(s.h1, "GET /h2be/empty HTTP/1.1\r\nHost: h1.test\r\nConnection: close\r\n\r\n")
		}},
		{name: "h1-to-h2-streamed", run: func(e *env, s *side) string {
			return rawHTTP1(s.h1, "GET /h2be/stream/3000 HTTP/1.1\r\nHost: h1.test\r\nConnection: close\r\n\r\n")
		}},
		{name: "h1-to-h2-keepalive-two", run: func(e *env, s *side) string {
			return rawHTTP1(s.h1, "GET /h2be/len/5 HTTP/1.1\r\nHost: h1.test\r\n\r\nGET /h2be/len/6 HTTP/1.1\r\nHost: h1.test\r\nConnection: close\r\n\r\n")
		}},
		{name: "h2-preface-on-h1-bind", run: func(e *env, s *side) string {
			c := dialH2(e.t, s.h1)
			id := c.open(get("GET", "/len/10"), true)
			return c.wait(id, 5*time.Second).render(c) + c.serverSettings() + "\n"
		}},
		{name: "grpc-calls", run: func(e *env, s *side) string { return grpcCalls(e.t, s.h2) }},
		{name: "websocket-h2-to-h1", run: func(e *env, s *side) string { return wsH2(dialH2(e.t, s.h2), "/ws") }},
		{name: "websocket-h1-to-h2", run: func(e *env, s *side) string { return wsH1(e.t, s.h1, "/ws2/x") }},
		{name: "websocket-h2-to-h2", run: func(e *env, s *side) string { return wsH2(dialH2(e.t, s.h2), "/ws2/y") }},
		{name: "settings-default", run: func(e *env, s *side) string {
			c := dialH2(e.t, s.h2)
			c.wait(c.open(get("GET", "/"), true), 5*time.Second)
			return c.serverSettings() + "\n"
		}},
		{name: "settings-tuned", run: func(e *env, s *side) string {
			c := dialH2(e.t, s.tuned)
			c.wait(c.open(get("GET", "/"), true), 5*time.Second)
			return c.serverSettings() + "\n"
		}},
		{name: "tuned-max-concurrent-streams", run: concurrent(func(s *side) string { return s.tuned }, 7, "/sleep/300"), sorted: true},
		{name: "tuned-window-upload", run: func(e *env, s *side) string {
			c := dialH2(e.t, s.tuned)
			c.waitSettings(5 * time.Second)
			id := c.open(get("POST", "/len/3", field{"content-length", "200000"}), false)
			ok := c.data(id, body(200000), true, 16384)
			return c.wait(id, 10*time.Second).render(c) + fmt.Sprintf("sent: %v\n", ok)
		}},
		{name: "tuned-large-frames", run: func(e *env, s *side) string {
			c := dialH2(e.t, s.tuned)
			return c.wait(c.open(get("GET", "/len/100000"), true), 5*time.Second).render(c)
		}},
		{name: "even-stream-id", run: func(e *env, s *side) string {
			c := dialH2(e.t, s.h2)
			c.mu.Lock()
			c.nextID = 2
			c.mu.Unlock()
			c.open(get("GET", "/"), true)
			c.waitClosed(5 * time.Second)
			return c.connState() + "\n"
		}},
		{name: "window-update-overflow", run: func(e *env, s *side) string {
			c := dialH2(e.t, s.h2)
			c.wmu.Lock()
			c.fr.WriteWindowUpdate(0, 1<<31-1)
			c.wmu.Unlock()
			c.waitClosed(5 * time.Second)
			return c.connState() + "\n"
		}},
		{name: "sequential-streams-keepalive", run: func(e *env, s *side) string {
			c := dialH2(e.t, s.h2)
			var b strings.Builder
			for i := 0; i < 5; i++ {
				b.WriteString(c.wait(c.open(get("GET", "/len/"+strconv.Itoa(i)), true), 5*time.Second).render(c))
			}
			return b.String()
		}},
	}
	return cs
}

// clientReset starts an upload and resets it midway.
func clientReset(e *env, s *side) string {
	c := dialH2(e.t, s.h2)
	id := c.open(get("POST", "/len/3", field{"content-length", "100000"}), false)
	c.data(id, body(20000), false, 16384)
	time.Sleep(100 * time.Millisecond)
	c.rst(id, http2.ErrCodeCancel)
	time.Sleep(200 * time.Millisecond)
	// the connection goes on
	id2 := c.open(get("GET", "/len/4"), true)
	return c.wait(id2, 5*time.Second).render(c) + c.connState() + "\n"
}

// expectContinue sends "expect: 100-continue" and the body once the
// interim response came.
func expectContinue(e *env, s *side) string {
	c := dialH2(e.t, s.h2)
	id := c.open(get("POST", "/continue", field{"content-length", "5"}, field{"expect", "100-continue"}), false)
	deadline := time.Now().Add(2 * time.Second)
	c.mu.Lock()
	r := c.streams[id]
	for len(r.sections) == 0 && time.Now().Before(deadline) {
		c.waitLocked(200 * time.Millisecond)
	}
	c.mu.Unlock()
	c.data(id, []byte("hello"), true, 16384)
	return c.wait(id, 5*time.Second).render(c)
}
