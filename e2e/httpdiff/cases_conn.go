package httpdiff

// connCases: connection modes on both sides, pipelining and connection
// reuse (configuration.txt 4 "HTTP connection modes", "option
// http-server-close", "option httpclose", "http-reuse").
func connCases() []*Case {
	three := onOne(get("/1"), get("/2"), get("/3"))
	return []*Case{
		{
			Name:   "conn-keepalive-both-sides",
			Config: simple("option http-keep-alive", ""),
			Script: three,
			Want:   []string{"srv3: s1 conn1", "c1 end: open"},
		},
		{
			Name:   "conn-http-server-close",
			Config: simple("option http-server-close", ""),
			Script: three,
			Want:   []string{"srv3: s1 conn3", "c1 end: open"},
		},
		{
			Name:   "conn-http-server-close-in-backend",
			Config: simple("", "option http-server-close"),
			Script: three,
			Want:   []string{"srv3: s1 conn3"},
		},
		{
			Name:   "conn-httpclose",
			Config: simple("option httpclose", ""),
			Script: steps(exchange(1, get("/1")), exchange(2, get("/2"))),
			Want:   []string{"srv2: s1 conn2", "c1 end: closed"},
		},
		{
			Name:   "conn-httpclose-in-backend",
			Config: simple("", "option httpclose"),
			Script: steps(exchange(1, get("/1")), exchange(2, get("/2"))),
			Want:   []string{"srv2: s1 conn2"},
		},
		{
			Name:   "conn-no-keepalive-defaults-override",
			Config: defaultsHTTP + "    option httpclose\nfrontend fe\n    bind {{addr \"fe\"}}\n    no option httpclose\n    default_backend be\nbackend be\n    no option httpclose\n    server s1 {{srv \"s1\"}}\n",
			Script: three,
			Want:   []string{"srv3: s1 conn1"},
		},
		{
			Name:   "conn-client-asks-close",
			Config: simple("", ""),
			Script: each(get("/", "Connection: close")),
			Want:   []string{"c1 end: closed"},
		},
		{
			Name:   "conn-http10-client",
			Config: simple("", ""),
			Script: each("GET /old HTTP/1.0\r\n\r\n"),
			Want:   []string{"srv1 line: GET /old HTTP/1.0"},
		},
		{
			Name:   "conn-http10-client-keepalive",
			Config: simple("", ""),
			Script: onOne("GET /a HTTP/1.0\r\nConnection: keep-alive\r\n\r\n", "GET /b HTTP/1.0\r\nConnection: keep-alive\r\n\r\n"),
			Want:   []string{"srv2 line: GET /b HTTP/1.0"},
		},
		{
			Name:     "conn-server-closes",
			Config:   simple("", ""),
			Backends: []Backend{{Name: "s1", Close: true}},
			Script:   three,
			Want:     []string{"srv3: s1 conn3", "c1 end: open"},
		},
		{
			Name:     "conn-server-no-length",
			Config:   simple("", ""),
			Backends: []Backend{{Name: "s1", NoLength: true, Body: "until-close"}},
			Script:   onOne(get("/1"), get("/2")),
			Want:     []string{"c1 r1 body: until-close"},
		},
		{
			Name:   "conn-pipelined-two",
			Config: simple("", ""),
			Script: steps(send(1, get("/p1")+get("/p2")), read(1), read(1)),
			Want:   []string{"c1 r2: HTTP/1.1 200 OK", "srv2 line: GET /p2 HTTP/1.1"},
		},
		{
			Name:   "conn-pipelined-with-bodies",
			Config: simple("", ""),
			Script: steps(send(1, req("POST", "/a", "first")+req("PUT", "/b", "second")+get("/c")), read(1), read(1), read(1)),
			Want:   []string{"srv2 body: second", "srv3 line: GET /c HTTP/1.1"},
		},
		{
			Name:   "conn-pipelined-server-close",
			Config: simple("option http-server-close", ""),
			Script: steps(send(1, get("/p1")+get("/p2")+get("/p3")), read(1), read(1), read(1)),
			Want:   []string{"srv3: s1 conn3"},
		},
		{
			Name:   "conn-pipelined-last-closes",
			Config: simple("", ""),
			Script: steps(send(1, get("/p1")+get("/p2", "Connection: close")+get("/p3")), read(1), read(1), read(1)),
			Want:   []string{"c1 r2 h3: connection: close"},
		},
		{
			Name:   "reuse-never",
			Config: simple("", "http-reuse never"),
			Script: steps(exchange(1, get("/a")), exchange(2, get("/b")), exchange(1, get("/c"))),
			Want:   []string{"srv2: s1 conn2"},
		},
		{
			Name:   "reuse-safe",
			Config: simple("", "http-reuse safe"),
			Script: steps(exchange(1, get("/a")), exchange(2, get("/b")), exchange(2, get("/c")), exchange(1, get("/d"))),
			Want:   []string{"srv2: s1 conn2"},
		},
		{
			Name:   "reuse-aggressive",
			Config: simple("", "http-reuse aggressive"),
			Script: steps(exchange(1, get("/a")), exchange(2, get("/b")), exchange(2, get("/c")), exchange(1, get("/d"))),
			Want:   []string{"srv2: s1 conn2"},
		},
		{
			Name:   "reuse-always",
			Config: simple("", "http-reuse always"),
			Script: steps(exchange(1, get("/a")), exchange(2, get("/b")), exchange(2, get("/c")), exchange(1, get("/d"))),
			Want:   []string{"srv2: s1 conn1"},
		},
		{
			Name:   "reuse-after-client-close",
			Config: simple("", "http-reuse safe"),
			Script: steps(exchange(1, get("/a")), closeConn(1), sleep(50), exchange(2, get("/b")), exchange(2, get("/c"))),
			Want:   []string{"srv3:"},
		},
		{
			// Aggressive reuse lets a session's first request take an
			// idle connection only once it has proven reusable.
			Name:   "reuse-aggressive-proven-connection",
			Config: simple("", "http-reuse aggressive"),
			Script: steps(exchange(1, get("/a")), exchange(1, get("/a2")), closeConn(1), sleep(50), exchange(2, get("/b"))),
			Want:   []string{"srv3: s1 conn1"},
		},
		{
			Name:   "reuse-aggressive-unproven-connection",
			Config: simple("", "http-reuse aggressive"),
			Script: steps(exchange(1, get("/a")), closeConn(1), sleep(50), exchange(2, get("/b"))),
			Want:   []string{"srv2:"},
		},
		{
			Name:   "reuse-always-after-client-close",
			Config: simple("", "http-reuse always"),
			Script: steps(exchange(1, get("/a")), closeConn(1), sleep(50), exchange(2, get("/b"))),
			Want:   []string{"srv2: s1 conn1"},
		},
		{
			Name:   "conn-pretend-keepalive",
			Config: simple("", "option http-server-close\noption http-pretend-keepalive"),
			Script: three,
			Want:   []string{"srv3:"},
		},
	}
}
