package httpdiff

// timeoutCases: every timeout, short (100-500 ms) so that the suite stays
// fast; reads are timed and compared by class (timing.go)
// (configuration.txt 4 "timeout ...").
func timeoutCases() []*Case {
	withTimeouts := func(t, fe, be string) string {
		return "defaults\n    mode http\n" + indent(t) + "\nfrontend fe\n    bind {{addr \"fe\"}}\n" + indent(fe) +
			"    default_backend be\n\nbackend be\n" + indent(be)
	}
	std := "timeout connect 1s\ntimeout client 3s\ntimeout server 3s"
	srv := "server s1 {{srv \"s1\"}}"
	return []*Case{
		{
			Name:     "timeout-connect",
			Config:   withTimeouts("timeout connect 200ms\ntimeout client 3s\ntimeout server 3s\nretries 0", "", srv),
			Backends: []Backend{{Name: "s1", Kind: Blackhole}},
			Script:   steps(send(1, get("/")), timed(read(1))),
			Want:     []string{"c1 r1: HTTP/1.1 503 Service Unavailable", "c1 r1 time: ~200ms"},
		},
		{
			Name:     "timeout-connect-with-retries",
			Config:   withTimeouts("timeout connect 400ms\ntimeout client 3s\ntimeout server 3s\nretries 1", "", srv),
			Backends: []Backend{{Name: "s1", Kind: Blackhole}},
			Script:   steps(send(1, get("/")), timed(read(1))),
			Want:     []string{"c1 r1: HTTP/1.1 503 Service Unavailable", "c1 r1 time: ~800ms"},
		},
		{
			Name:     "timeout-server",
			Config:   withTimeouts("timeout connect 1s\ntimeout client 3s\ntimeout server 200ms", "", srv),
			Backends: []Backend{{Name: "s1", Kind: Silent}},
			Script:   steps(send(1, get("/")), timed(read(1))),
			Want:     []string{"c1 r1: HTTP/1.1 504 Gateway Time-out", "c1 r1 time: ~200ms", "srv1 end: closed before the answer"},
		},
		{
			Name:   "timeout-server-slow-but-in-time",
			Config: withTimeouts("timeout connect 1s\ntimeout client 3s\ntimeout server 500ms", "", srv),
			Script: steps(send(1, get("/", "X-Be-Delay: 200")), timed(read(1))),
			Want:   []string{"c1 r1: HTTP/1.1 200 OK", "c1 r1 time: ~200ms"},
		},
		{
			Name:   "timeout-server-in-backend",
			Config: withTimeouts(std, "", srv+"\ntimeout server 800ms"),
			Script: steps(send(1, get("/", "X-Be-Delay: 1500")), timed(read(1))),
			Want:   []string{"c1 r1: HTTP/1.1 504 Gateway Time-out", "c1 r1 time: ~800ms"},
		},
		{
			Name:   "timeout-client-idle-connection",
			Config: withTimeouts("timeout connect 1s\ntimeout client 200ms\ntimeout server 3s", "", srv),
			Script: steps(open(1), timed(readEOF(1))),
			Want:   []string{"c1 raw1 time: ~200ms"},
		},
		{
			Name:   "timeout-http-request-partial-head",
			Config: withTimeouts("timeout connect 1s\ntimeout client 3s\ntimeout server 3s\ntimeout http-request 200ms", "", srv),
			Script: steps(send(1, "GET / HTTP/1.1\r\nHost: test.local\r\n"), timed(read(1))),
			Want:   []string{"c1 r1: HTTP/1.1 408 Request Time-out", "c1 r1 time: ~200ms"},
		},
		{
			Name:   "timeout-http-request-empty-connection",
			Config: withTimeouts("timeout connect 1s\ntimeout client 3s\ntimeout server 3s\ntimeout http-request 200ms", "", srv),
			Script: steps(open(1), timed(readEOF(1))),
			Want:   []string{"c1 raw1 time: ~200ms"},
		},
		{
			Name:   "timeout-http-request-ignore-probes",
			Config: withTimeouts("timeout connect 1s\ntimeout client 3s\ntimeout server 3s\ntimeout http-request 200ms", "option http-ignore-probes", srv),
			Script: steps(open(1), timed(readEOF(1))),
			Want:   []string{"c1 raw1 time: ~200ms"},
		},
		{
			Name:   "timeout-http-request-slow-body-buffered",
			Config: withTimeouts("timeout connect 1s\ntimeout client 3s\ntimeout server 3s\ntimeout http-request 400ms", "option http-buffer-request", srv),
			Script: steps(send(1, "POST / HTTP/1.1\r\nHost: test.local\r\nContent-Length: 10\r\n\r\nabc"), timed(read(1))),
			Want:   []string{"c1 r1: HTTP/1.1 408 Request Time-out", "c1 r1 time: ~200ms"},
		},
		{
			Name:   "timeout-client-partial-head",
			Config: withTimeouts("timeout connect 1s\ntimeout client 200ms\ntimeout server 3s", "", srv),
			Script: steps(send(1, "GET / HTTP/1.1\r\n"), timed(read(1))),
			Want:   []string{"c1 r1: HTTP/1.1 408 Request Time-out", "c1 r1 time: ~200ms"},
		},
		{
			Name:   "timeout-http-keep-alive",
			Config: withTimeouts("timeout connect 1s\ntimeout client 3s\ntimeout server 3s\ntimeout http-keep-alive 200ms", "", srv),
			Script: steps(exchange(1, get("/")), send(1, ""), timed(readEOF(1))),
			Want:   []string{"c1 raw1 time: ~200ms"},
		},
		{
			Name:   "timeout-keep-alive-falls-back-to-http-request",
			Config: withTimeouts("timeout connect 1s\ntimeout client 3s\ntimeout server 3s\ntimeout http-request 800ms", "", srv),
			Script: steps(exchange(1, get("/")), send(1, ""), timed(readEOF(1))),
			Want:   []string{"c1 raw1 time: ~800ms"},
		},
		{
			Name:   "timeout-queue",
			Config: withTimeouts("timeout connect 1s\ntimeout client 3s\ntimeout server 3s\ntimeout queue 200ms", "", "server s1 {{srv \"s1\"}} maxconn 1"),
			Script: steps(send(1, get("/busy", "X-Be-Delay: 700")), waitServers(1), send(2, get("/queued")), timed(read(2)), read(1)),
			Want:   []string{"c2 r1: HTTP/1.1 503 Service Unavailable", "c2 r1 time: ~200ms", "chosen: s1\n"},
		},
		{
			Name:   "timeout-queue-defaults-to-connect",
			Config: withTimeouts("timeout connect 400ms\ntimeout client 3s\ntimeout server 3s", "", "server s1 {{srv \"s1\"}} maxconn 1"),
			Script: steps(send(1, get("/busy", "X-Be-Delay: 900")), waitServers(1), send(2, get("/queued")), timed(read(2)), read(1)),
			Want:   []string{"c2 r1: HTTP/1.1 503 Service Unavailable", "c2 r1 time: ~200ms"},
		},
		{
			Name:     "timeout-tunnel",
			Config:   withTimeouts("timeout connect 1s\ntimeout client 3s\ntimeout server 3s\ntimeout tunnel 200ms", "", srv),
			Backends: []Backend{{Name: "s1", WebSocket: true}},
			Script: steps(
				send(1, get("/ws", "Connection: Upgrade", "Upgrade: websocket", "Sec-WebSocket-Version: 13", "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==")),
				read(1), send(1, "x"), readN(1, 1), timed(readEOF(1))),
			Want: []string{"c1 raw2 time: ~200ms"},
		},
		{
			Name:     "timeout-tcp-client",
			Config:   "defaults\n    mode tcp\n    timeout connect 1s\n    timeout client 200ms\n    timeout server 3s\nlisten li\n    bind {{addr \"fe\"}}\n    server t1 {{srv \"t1\"}}\n",
			Backends: []Backend{echo("t1")},
			Script:   steps(send(1, "x"), readN(1, 1), timed(readEOF(1))),
			Want:     []string{"c1 raw2 time: ~200ms", "srv1 end: eof"},
		},
		{
			Name:     "timeout-tcp-tunnel-overrides",
			Config:   "defaults\n    mode tcp\n    timeout connect 1s\n    timeout client 200ms\n    timeout server 200ms\n    timeout tunnel 800ms\nlisten li\n    bind {{addr \"fe\"}}\n    server t1 {{srv \"t1\"}}\n",
			Backends: []Backend{echo("t1")},
			Script:   steps(send(1, "x"), readN(1, 1), timed(readEOF(1))),
			Want:     []string{"c1 raw2 time: ~800ms"},
		},
		{
			Name:     "timeout-client-fin",
			Config:   "defaults\n    mode tcp\n    timeout connect 1s\n    timeout client 3s\n    timeout server 3s\n    timeout client-fin 200ms\nlisten li\n    bind {{addr \"fe\"}}\n    server t1 {{srv \"t1\"}}\n",
			Backends: []Backend{{Name: "t1", Kind: TCPEcho, Banner: "bye", HalfClose: true}},
			Script:   steps(open(1), readEOF(1), send(1, "early"), sleep(500), send(1, "late"), sleep(100)),
			Want:     []string{"srv1 data: early\n"},
		},
		{
			Name:     "timeout-server-fin",
			Config:   "defaults\n    mode tcp\n    timeout connect 1s\n    timeout client 3s\n    timeout server 3s\n    timeout server-fin 200ms\nlisten li\n    bind {{addr \"fe\"}}\n    server t1 {{srv \"t1\"}}\n",
			Backends: []Backend{{Name: "t1", Kind: TCPEcho, NoEcho: true, KeepAfterEOF: true}},
			Script:   steps(send(1, "data then FIN"), shut(1), timed(readEOF(1))),
			Want:     []string{"c1 raw1 time: ~200ms"},
		},
	}
}
