package httpdiff

import "strings"

// bodyCases: message framing both ways (RFC 9112 6), HEAD, bodiless
// statuses, Expect: 100-continue, WebSocket tunnels and
// http-buffer-request (configuration.txt 4 "option http-buffer-request").
func bodyCases() []*Case {
	big := strings.Repeat("0123456789abcdef", 4096) // 64 KiB, four buffers
	return []*Case{
		{
			Name:   "body-content-length",
			Config: simple("", ""),
			Script: each(req("POST", "/cl", "name=value&x=1", "Content-Type: application/x-www-form-urlencoded")),
			Want:   []string{"srv1 body: name=value&x=1"},
		},
		{
			Name:   "body-empty-post",
			Config: simple("", ""),
			Script: each(req("POST", "/empty", "")),
			Want:   []string{"srv1 h2: content-length: 0"},
		},
		{
			Name:   "body-chunked-request",
			Config: simple("", ""),
			Script: each(chunked("/ch", []string{"hello ", "chunked ", "world"})),
			Want:   []string{"srv1 chunked: yes", "srv1 body: hello chunked world"},
		},
		{
			Name:   "body-chunked-request-trailers",
			Config: simple("", ""),
			Script: each("POST /tr HTTP/1.1\r\nHost: test.local\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n0\r\nX-Trailer: yes\r\n\r\n"),
			Want:   []string{"srv1 body: hello"},
		},
		{
			Name:   "body-chunk-extensions",
			Config: simple("", ""),
			Script: each("POST /ext HTTP/1.1\r\nHost: test.local\r\nTransfer-Encoding: chunked\r\n\r\n5;name=value\r\nhello\r\n0\r\n\r\n"),
			Want:   []string{"srv1 body: hello"},
		},
		{
			Name:     "body-chunked-response",
			Config:   simple("", ""),
			Backends: []Backend{{Name: "s1", Chunked: true, Body: "a chunked answer"}},
			Script:   onOne(get("/1"), get("/2")),
			Want:     []string{"c1 r2 body: a chunked answer", "transfer-encoding: chunked"},
		},
		{
			Name:     "body-chunked-response-http10-client",
			Config:   simple("", ""),
			Backends: []Backend{{Name: "s1", Chunked: true, Body: "to an old client"}},
			Script:   each("GET / HTTP/1.0\r\n\r\n"),
			Want:     []string{"c1 r1 body: to an old client"},
		},
		{
			Name:   "body-large-request",
			Config: simple("", ""),
			Script: each(req("POST", "/big", big)),
			Want:   []string{"srv1 h2: content-length: 65536"},
		},
		{
			Name:   "body-large-chunked-request",
			Config: simple("", ""),
			Script: each(chunked("/bigch", []string{big[:30000], big[30000:]})),
			Want:   []string{"srv1 chunked: yes"},
		},
		{
			Name:   "body-large-response",
			Config: simple("", ""),
			Script: each(get("/", "X-Be-Size: 100000")),
			Want:   []string{"c1 r1 h2: content-length: 100000"},
		},
		{
			Name:   "body-large-chunked-response",
			Config: simple("", ""),
			Script: onOne(get("/", "X-Be-Size: 70000", "X-Be-Chunked: 1"), get("/again")),
			Want:   []string{"c1 r2: HTTP/1.1 200 OK"},
		},
		{
			Name:   "body-head-request",
			Config: simple("", ""),
			Script: steps(send(1, "HEAD /h HTTP/1.1\r\nHost: test.local\r\n\r\n"), readHEAD(1), exchange(1, get("/after"))),
			Want:   []string{"srv1 line: HEAD /h HTTP/1.1", "c1 r2: HTTP/1.1 200 OK"},
		},
		{
			Name:   "body-204-response",
			Config: simple("", ""),
			Script: onOne(get("/", "X-Be-Status: 204"), get("/next")),
			Want:   []string{"c1 r1: HTTP/1.1 204 No Content", "c1 r2: HTTP/1.1 200 OK"},
		},
		{
			Name:   "body-304-response",
			Config: simple("", ""),
			Script: onOne(get("/", "X-Be-Status: 304"), get("/next")),
			Want:   []string{"c1 r1: HTTP/1.1 304 Not Modified"},
		},
		{
			Name:   "body-status-and-headers-relayed",
			Config: simple("", ""),
			Script: each(get("/", "X-Be-Status: 418", "X-Be-Header: X-One: 1", "X-Be-Header: x-two:   2  ", "X-Be-Header: Set-Cookie: a=b")),
			Want:   []string{"c1 r1: HTTP/1.1 418 I'm a teapot", "set-cookie: a=b"},
		},
		{
			Name:   "expect-100-continue",
			Config: simple("", ""),
			Script: steps(
				send(1, "POST /e HTTP/1.1\r\nHost: test.local\r\nContent-Length: 4\r\nExpect: 100-continue\r\n\r\n"),
				read1(1), send(1, "data"), read(1)),
			Want: []string{"c1 r1: HTTP/1.1 100 Continue", "srv1 body: data"},
		},
		{
			Name:   "expect-100-continue-buffered",
			Config: simple("option http-buffer-request", ""),
			Script: steps(
				send(1, "POST /e HTTP/1.1\r\nHost: test.local\r\nContent-Length: 4\r\nExpect: 100-continue\r\n\r\n"),
				read1(1), send(1, "data"), read(1)),
			Want: []string{"c1 r1: HTTP/1.1 100 Continue", "srv1 body: data"},
		},
		{
			Name:   "expect-100-continue-body-sent-anyway",
			Config: simple("", ""),
			Script: each("POST /e HTTP/1.1\r\nHost: test.local\r\nContent-Length: 4\r\nExpect: 100-continue\r\n\r\ndata"),
			Want:   []string{"srv1 body: data"},
		},
		{
			Name:   "http-buffer-request-waits-for-body",
			Config: simple("option http-buffer-request", ""),
			Script: steps(
				send(1, "POST /b HTTP/1.1\r\nHost: test.local\r\nContent-Length: 10\r\n\r\n01234"), sleep(200),
				send(1, "56789"), read(1)),
			Want: []string{"srv1 body: 0123456789"},
		},
		{
			Name:     "websocket-tunnel",
			Config:   simple("", ""),
			Backends: []Backend{{Name: "s1", WebSocket: true}},
			Script: steps(
				send(1, get("/ws", "Connection: Upgrade", "Upgrade: websocket", "Sec-WebSocket-Version: 13", "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==")),
				read(1), send(1, "raw frame bytes\x00\x01"), readN(1, 17), send(1, "more"), readN(1, 4)),
			Want: []string{"c1 r1: HTTP/1.1 101 Switching Protocols", "c1 raw2: more", "srv1 data: \"raw frame bytes\\x00\\x01more\""},
		},
		{
			Name:   "websocket-refused-by-server",
			Config: simple("", ""),
			Script: steps(
				send(1, get("/ws", "Connection: Upgrade", "Upgrade: websocket", "Sec-WebSocket-Version: 13", "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==")),
				read(1), exchange(1, get("/plain"))),
			Want: []string{"c1 r1: HTTP/1.1 200 OK", "srv2 line: GET /plain"},
		},
		{
			Name:     "websocket-server-close-mode",
			Config:   simple("option http-server-close", ""),
			Backends: []Backend{{Name: "s1", WebSocket: true}},
			Script: steps(
				send(1, get("/ws", "Connection: Upgrade", "Upgrade: websocket", "Sec-WebSocket-Version: 13", "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==")),
				read(1), send(1, "ping"), readN(1, 4)),
			Want: []string{"c1 raw1: ping"},
		},
		{
			// A WebSocket upgrade without its key is refused by the proxy.
			Name:     "websocket-missing-key",
			Config:   simple("", ""),
			Backends: []Backend{{Name: "s1", WebSocket: true}},
			Script:   steps(send(1, get("/ws", "Connection: Upgrade", "Upgrade: websocket")), read(1)),
			Want:     []string{"c1 r1: HTTP/1.1 400 Bad request"},
		},
		{
			Name:     "websocket-answer-without-accept",
			Config:   simple("", ""),
			Backends: []Backend{{Name: "s1", WebSocket: true}},
			Script: steps(
				send(1, get("/ws", "Connection: Upgrade", "Upgrade: websocket", "Sec-WebSocket-Version: 13", "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==", "X-Be-Noaccept: 1")),
				read(1)),
			Want: []string{"c1 r1: HTTP/1.1 502 Bad Gateway"},
		},
		{
			Name:     "upgrade-other-protocol",
			Config:   simple("", ""),
			Backends: []Backend{{Name: "s1", WebSocket: true}},
			Script: steps(
				send(1, get("/x", "Connection: Upgrade", "Upgrade: h2c")),
				read(1)),
			Want: []string{"srv1 h3: upgrade: h2c"},
		},
	}
}
