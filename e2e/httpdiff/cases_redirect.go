package httpdiff

// redirectCases: http-request redirect and the legacy redirect keyword
// (configuration.txt 4.2 "redirect").
func redirectCases() []*Case {
	rd := func(name, fe string, want []string, reqs ...string) *Case {
		return &Case{Name: "redirect-" + name, Config: simple(fe, ""), Script: each(reqs...), Want: want}
	}
	return []*Case{
		rd("location", "http-request redirect location /new", []string{"c1 r1: HTTP/1.1 302 Found", "location: /new", "chosen: \n"}, get("/old?x=1")),
		rd("location-301", "http-request redirect location /new code 301", []string{"c1 r1: HTTP/1.1 301 Moved Permanently"}, get("/")),
		rd("location-303", "http-request redirect location /new code 303", []string{"c1 r1: HTTP/1.1 303 See Other"}, get("/")),
		rd("location-307", "http-request redirect location /new code 307", []string{"c1 r1: HTTP/1.1 307 Temporary Redirect"}, get("/")),
		rd("location-308", "http-request redirect location /new code 308", []string{"c1 r1: HTTP/1.1 308 Permanent Redirect"}, get("/")),
		rd("location-log-format", "http-request redirect location https://%[hdr(host)]%[path]?from=%[src]", []string{"location: https://test.local/p?from=127.0.0.1"}, get("/p?q")),
		rd("prefix", "http-request redirect prefix https://new.example", []string{"location: https://new.example/a/b?c=d"}, get("/a/b?c=d")),
		rd("prefix-drop-query", "http-request redirect prefix /v2 drop-query", []string{"location: /v2/a/b\n"}, get("/a/b?c=d")),
		rd("prefix-slash-root", "http-request redirect prefix / if { path_beg /x }", []string{"location: /x/y"}, get("/x/y")),
		rd("scheme", "http-request redirect scheme https", []string{"location: https://test.local/p?q=1"}, get("/p?q=1")),
		rd("scheme-with-port-host", "http-request redirect scheme https code 301", []string{"location: https://test.local:8080/"}, "GET / HTTP/1.1\r\nHost: test.local:8080\r\n\r\n"),
		rd("append-slash", "http-request redirect code 301 prefix / drop-query append-slash if !{ path_end / }", []string{"location: /dir/\n", "c2 r1: HTTP/1.1 200 OK"}, get("/dir?x=1"), get("/dir/")),
		rd("set-cookie", "http-request redirect location /home set-cookie SEEN=1", []string{"set-cookie: SEEN=1; path=/"}, get("/")),
		rd("clear-cookie", "http-request redirect location /home clear-cookie SEEN=", []string{"set-cookie: SEEN=; path=/; Max-Age=0;\n"}, get("/")),
		rd("conditional", "http-request redirect location /login unless { req.cook(session) -m found }", []string{"c1 r1: HTTP/1.1 302 Found", "c2 r1: HTTP/1.1 200 OK"}, get("/"), get("/", "Cookie: session=1")),
		rd("legacy-keyword", "redirect location /legacy code 301 if { path /old }", []string{"c1 r1: HTTP/1.1 301 Moved Permanently", "location: /legacy"}, get("/old")),
		rd("legacy-prefix", "redirect prefix /pre drop-query", []string{"location: /pre/x\n"}, get("/x?y")),
		{
			Name:   "redirect-keepalive",
			Config: simple("http-request redirect location /new if { path /old }", ""),
			Script: onOne(get("/old"), get("/new")),
			Want:   []string{"c1 r1: HTTP/1.1 302 Found", "c1 r2: HTTP/1.1 200 OK"},
		},
		{
			Name:   "redirect-head",
			Config: simple("http-request redirect location /new", ""),
			Script: steps(send(1, "HEAD /old HTTP/1.1\r\nHost: a\r\n\r\n"), readHEAD(1)),
			Want:   []string{"c1 r1: HTTP/1.1 302 Found"},
		},
	}
}

// tcpRuleCases: tcp-request connection/session/content and
// tcp-response content (configuration.txt 4.2 "tcp-request ...").
func tcpRuleCases() []*Case {
	table := "\nbackend st\n    stick-table type ip size 10 store conn_cur,conn_cnt,http_req_cnt\n"
	return []*Case{
		{
			Name:   "tcp-request-connection-reject",
			Config: simple("tcp-request connection reject if { src 127.0.0.2 }", ""),
			Script: steps(openFrom(1, "127.0.0.2"), exchange(1, get("/")), openFrom(2, "127.0.0.3"), exchange(2, get("/"))),
			Want:   []string{"c1 r1: closed", "c2 r1: HTTP/1.1 200 OK", "chosen: s1\n"},
		},
		{
			Name:   "tcp-request-connection-accept-then-reject",
			Config: simple("tcp-request connection accept if { src 127.0.0.4 }\ntcp-request connection reject", ""),
			Script: steps(openFrom(1, "127.0.0.4"), exchange(1, get("/")), openFrom(2, "127.0.0.5"), exchange(2, get("/"))),
			Want:   []string{"c1 r1: HTTP/1.1 200 OK", "c2 r1: closed"},
		},
		{
			Name:   "tcp-request-connection-track-conn-cur",
			Config: simple("tcp-request connection track-sc0 src table st\ntcp-request connection reject if { sc0_conn_cur gt 1 }", "") + table,
			Script: steps(exchange(1, get("/a")), exchange(2, get("/b")), closeConn(1), sleep(50), exchange(3, get("/c"))),
			Want:   []string{"c1 r1: HTTP/1.1 200 OK", "c2 r1: closed", "c3 r1: HTTP/1.1 200 OK"},
		},
		{
			Name:   "tcp-request-connection-expect-proxy",
			Config: simple("tcp-request connection expect-proxy layer4 if { src 127.0.0.6 }\nhttp-request set-header X-Src %[src]", ""),
			Script: steps(openFrom(1, "127.0.0.6"), exchange(1, "PROXY TCP4 198.51.100.9 198.51.100.1 5000 80\r\n"+get("/")), exchange(2, get("/"))),
			Want:   []string{"srv1 h2: x-src: 198.51.100.9", "srv2 h2: x-src: 127.0.0.1"},
		},
		{
			Name:   "tcp-request-connection-set-src",
			Config: simple("tcp-request connection set-src ipv4(192.0.2.200)\noption forwardfor", ""),
			Script: each(get("/")),
			Want:   []string{"x-forwarded-for: 192.0.2.200"},
		},
		{
			Name:   "tcp-request-session-reject",
			Config: simple("tcp-request session reject if { src 127.0.0.7 }", ""),
			Script: steps(openFrom(1, "127.0.0.7"), exchange(1, get("/")), exchange(2, get("/"))),
			Want:   []string{"c1 r1: closed", "c2 r1: HTTP/1.1 200 OK"},
		},
		{
			Name:   "tcp-request-session-set-var",
			Config: simple("tcp-request session set-var(sess.origin) src\nhttp-request set-header X-Origin %[var(sess.origin)]", ""),
			Script: onOne(get("/1"), get("/2")),
			Want:   []string{"srv2 h2: x-origin: 127.0.0.1"},
		},
		{
			Name:   "tcp-request-content-http-fetch",
			Config: simple("tcp-request inspect-delay 1s\ntcp-request content reject if { path /bad }", ""),
			Script: each(get("/bad"), get("/good")),
			Want:   []string{"c1 r1: closed", "c2 r1: HTTP/1.1 200 OK"},
		},
		{
			Name:   "tcp-request-content-set-var-in-http",
			Config: simple("tcp-request content set-var(txn.m) method\nhttp-request set-header X-M %[var(txn.m)]", ""),
			Script: each(req("PUT", "/", "x")),
			Want:   []string{"x-m: PUT"},
		},
		{
			Name:     "tcp-request-content-reject-short",
			Config:   tcpCfg("tcp-request inspect-delay 300ms\ntcp-request content accept if { req.len ge 5 }\ntcp-request content reject", ""),
			Backends: []Backend{echo("t1")},
			Script:   steps(send(1, "hello"), readN(1, 5), send(2, "hi"), readEOF(2)),
			Want:     []string{"c1 raw1: hello", "c2 raw1 end:", "chosen: t1\n"},
		},
		{
			Name: "tcp-request-inspect-delay-expires",
			// A silent client: the server (which speaks first) is only
			// connected once the delay is over.
			Config:   tcpCfg("tcp-request inspect-delay 200ms\ntcp-request content accept if { req.len gt 0 }", ""),
			Backends: []Backend{{Name: "t1", Kind: TCPEcho, Banner: "hello"}},
			Script:   steps(open(1), timed(readN(1, 5))),
			Want:     []string{"c1 raw1: hello", "c1 raw1 time: ~200ms"},
		},
		{
			Name:     "tcp-request-content-payload-lv",
			Config:   tcpCfg("tcp-request inspect-delay 1s\ntcp-request content reject if { req.payload_lv(0,1) -m str bad }\ntcp-request content accept if { req.len gt 0 }", ""),
			Backends: []Backend{echo("t1")},
			Script:   steps(send(1, "\x03bad"), readEOF(1), send(2, "\x03god"), readN(2, 4)),
			Want:     []string{"c2 raw1: \"\\x03god\"", "chosen: t1\n"},
		},
		{
			Name:     "tcp-response-content-reject",
			Config:   tcpCfg("", "tcp-response inspect-delay 1s\ntcp-response content reject if { res.payload(0,5) -m str ERROR }\ntcp-response content accept if { res.len gt 0 }\nserver t1 {{srv \"t1\"}}"),
			Backends: []Backend{{Name: "t1", Kind: TCPEcho}},
			Script:   steps(send(1, "fine"), readN(1, 4), send(2, "ERROR here"), readEOF(2)),
			Want:     []string{"c1 raw1: fine"},
		},
		{
			Name:   "tcp-request-content-track-http-counter",
			Config: simple("tcp-request content track-sc1 src table st\nhttp-request set-header X-Count %[sc1_http_req_cnt]", "") + table,
			Script: onOne(get("/1"), get("/2"), get("/3")),
			Want:   []string{"srv3 h2: x-count: 3"},
		},
	}
}
