package httpdiff

// fetchCase shows one sample fetch to the back end in an X-F header; want
// is the value it must have for the first request.
func fetchCase(name, expr, want string, reqs ...string) *Case {
	return &Case{
		Name:   "fetch-" + name,
		Config: simple("http-request set-header X-F %["+expr+"]", ""),
		Script: each(reqs...),
		Want:   []string{"srv1", "x-f: " + want + "\n"},
	}
}

// resFetchCase shows a response-side fetch to the client in an X-F header.
func resFetchCase(name, expr, want string, reqs ...string) *Case {
	return &Case{
		Name:   "fetch-" + name,
		Config: simple("http-response set-header X-F %["+expr+"]", ""),
		Script: each(reqs...),
		Want:   []string{"c1 r1", "x-f: " + want + "\n"},
	}
}

// fetchCases: the sample fetches of configuration.txt 7.3.2 (layer 4),
// 7.3.3 and 7.3.6 (HTTP), and the internal ones of 7.3.1.
func fetchCases() []*Case {
	ulist := "userlist users\n    group admins users alice\n    user alice insecure-password wonderland\n    user bob insecure-password builder\n"
	basic := func(userpass string) string {
		return "Authorization: Basic " + b64(userpass)
	}
	cases := []*Case{
		fetchCase("src", "src", "127.0.0.1", get("/")),
		fetchCase("src-port", "src_port", "<cport1>", get("/")),
		fetchCase("dst", "dst", "127.0.0.1", get("/")),
		fetchCase("dst-port", "dst_port", "<fe>", get("/")),
		fetchCase("fe-name", "fe_name", "fe", get("/")),

		fetchCase("fe-id", "fe_id", "1", get("/")),

		fetchCase("method", "method", "DELETE", req("DELETE", "/x", "")),
		fetchCase("method-custom", "method", "PURGE", req("PURGE", "/x", "")),
		fetchCase("path", "path", "/a/b.html", get("/a/b.html?x=1&y=2")),
		fetchCase("url", "url", "/a/b.html?x=1&y=2", get("/a/b.html?x=1&y=2")),
		fetchCase("url-absolute", "url", "http://abs.example/p?q", "GET http://abs.example/p?q HTTP/1.1\r\nHost: abs.example\r\n\r\n"),
		fetchCase("path-absolute-uri", "path", "/p", "GET http://abs.example/p?q HTTP/1.1\r\nHost: abs.example\r\n\r\n"),
		fetchCase("base", "base", "test.local/a/b.html", get("/a/b.html?x=1")),
		fetchCase("query", "query", "x=1&y=2", get("/a?x=1&y=2")),
		fetchCase("query-absent", "query", "", get("/a")),
		fetchCase("url-param", "url_param(y)", "two", get("/a?x=1&y=two&z=3")),
		fetchCase("urlp-delim", "urlp(b,;)", "2", get("/a;a=1;b=2")),
		fetchCase("url-port", "url_port", "8080", "GET http://192.0.2.7:8080/ HTTP/1.1\r\nHost: 192.0.2.7:8080\r\n\r\n"),
		fetchCase("url-port-named-host", "url_port", "", "GET http://abs.example:8080/ HTTP/1.1\r\nHost: abs.example:8080\r\n\r\n"),
		fetchCase("url-ip", "url_ip", "192.0.2.7", "GET http://192.0.2.7/ HTTP/1.1\r\nHost: 192.0.2.7\r\n\r\n"),
		fetchCase("hdr-host", "hdr(host)", "test.local", get("/")),
		fetchCase("hdr-occurrence", "hdr(x-list,2)", "b", get("/", "X-List: a, b, c")),
		fetchCase("hdr-last-occurrence", "hdr(x-list,-1)", "d", get("/", "X-List: a, b", "X-List: c, d")),
		fetchCase("req-hdr", "req.hdr(x-list)", "c", get("/", "X-List: a, b", "X-List: c")),
		fetchCase("req-fhdr", "req.fhdr(x-date)", "Tue, 15 Nov 1994 08:12:31 GMT", get("/", "X-Date: Tue, 15 Nov 1994 08:12:31 GMT")),
		fetchCase("hdr-cnt", "hdr_cnt(x-list)", "3", get("/", "X-List: a, b", "X-List: c")),
		fetchCase("req-fhdr-cnt", "req.fhdr_cnt(x-list)", "2", get("/", "X-List: a, b", "X-List: c")),
		fetchCase("req-hdrs-length", "req.hdrs,length", "41", get("/", "X-One: 1", "X-Two: 22")),
		fetchCase("req-hdrs-base64", "req.hdrs,base64", b64("host: test.local\r\nx-one: 1\r\n\r\n"), get("/", "X-One: 1")),
		fetchCase("req-hdr-ip", "req.hdr_ip(x-real-ip)", "192.0.2.44", get("/", "X-Real-IP: 192.0.2.44")),
		fetchCase("req-hdr-val", "req.hdr_val(x-n)", "42", get("/", "X-N: 42")),
		fetchCase("req-hdr-names", "req.hdr_names", "host,x-one", get("/", "X-One: 1")),
		fetchCase("req-ver", "req.ver", "1.0", "GET / HTTP/1.0\r\nHost: a\r\n\r\n"),
		fetchCase("cook", "cook(b)", "2", get("/", "Cookie: a=1; b=2; c=3")),
		fetchCase("req-cook", "req.cook(c)", "3", get("/", "Cookie: a=1; b=2", "Cookie: c=3")),
		fetchCase("req-cook-cnt", "req.cook_cnt(a)", "2", get("/", "Cookie: a=1; b=2; a=3")),
		fetchCase("req-cook-val", "req.cook_val(n)", "17", get("/", "Cookie: n=17")),
		fetchCase("cook-absent", "cook(zz)", "", get("/", "Cookie: a=1")),
		fetchCase("always-true", "always_true", "1", get("/")),
		fetchCase("always-false", "always_false", "0", get("/")),
		fetchCase("str", "str(hello)", "hello", get("/")),
		fetchCase("int", "int(-42)", "-42", get("/")),
		fetchCase("bool", "bool(1)", "1", get("/")),
		fetchCase("ipv4", "ipv4(10.0.0.1)", "10.0.0.1", get("/")),
		fetchCase("ipv6", "ipv6(2001:db8::1)", "2001:db8::1", get("/")),
		fetchCase("bin", "bin(414243)", "ABC", get("/")),
		fetchCase("nbsrv-other-backend", "nbsrv(be)", "1", get("/")),
		fetchCase("srv-is-up", "srv_is_up(be/s1)", "1", get("/")),
		fetchCase("fe-conn", "fe_conn", "1", get("/")),
		fetchCase("fe-req-rate", "fe_req_rate", "1", get("/")),
		fetchCase("src-is-local", "src_is_local", "1", get("/")),
		fetchCase("dst-is-local", "dst_is_local", "1", get("/")),
		fetchCase("env", "env(HTTPDIFF_VALUE)", "from-the-environment", get("/")),
		fetchCase("env-unset", "env(HTTPDIFF_NOT_SET)", "", get("/")),
		fetchCase("capture-req-method", "capture.req.method", "PATCH", req("PATCH", "/c", "x")),
		fetchCase("capture-req-uri", "capture.req.uri", "/c?d", get("/c?d")),
		fetchCase("capture-req-ver", "capture.req.ver", "HTTP/1.1", get("/")),
		fetchCase("http-auth-ok", "http_auth(users)", "1", get("/", basic("alice:wonderland"))),
		fetchCase("http-auth-bad", "http_auth(users)", "0", get("/", basic("alice:nope"))),
		fetchCase("http-auth-group", "http_auth_group(users)", "alice", get("/", basic("alice:wonderland"))),
		fetchCase("http-auth-group-other-user", "http_auth_group(users)", "bob", get("/", basic("bob:builder"))),
		fetchCase("http-auth-type", "http_auth_type", "Basic", get("/", basic("bob:builder"))),
		fetchCase("http-auth-user", "http_auth_user", "bob", get("/", basic("bob:builder"))),
		fetchCase("http-auth-pass", "http_auth_pass", "builder", get("/", basic("bob:builder"))),
		fetchCase("var-from-rule", "var(txn.x)", "", get("/")),
		resFetchCase("status", "status", "404", get("/", "X-Be-Status: 404")),
		resFetchCase("res-hdr", "res.hdr(x-one)", "1", get("/", "X-Be-Header: X-One: 1")),
		resFetchCase("res-hdr-cnt", "res.hdr_cnt(x-one)", "2", get("/", "X-Be-Header: X-One: 1", "X-Be-Header: X-One: 2")),
		resFetchCase("res-fhdr", "res.fhdr(x-d)", "a, b", get("/", "X-Be-Header: X-D: a, b")),
		resFetchCase("res-cook", "res.cook(sid)", "abc", get("/", "X-Be-Header: Set-Cookie: sid=abc; Path=/")),
		resFetchCase("res-cook-cnt", "res.cook_cnt(sid)", "1", get("/", "X-Be-Header: Set-Cookie: sid=abc; Path=/")),
		resFetchCase("res-ver", "res.ver", "1.1", get("/")),
		resFetchCase("srv-name", "srv_name", "s1", get("/")),
		resFetchCase("srv-id", "srv_id", "1", get("/")),
		resFetchCase("res-hdrs-length", "res.hdrs,length", "35", get("/")),
		resFetchCase("txn-status-via-status", "status,add(1)", "201", get("/")),
		resFetchCase("capture-res-ver", "capture.res.ver", "HTTP/1.1", get("/")),
	}
	for _, c := range cases {
		switch c.Name {
		case "fetch-env", "fetch-env-unset":
			c.Env = []string{"HTTPDIFF_VALUE=from-the-environment"}
		case "fetch-http-auth-ok", "fetch-http-auth-bad", "fetch-http-auth-group", "fetch-http-auth-group-other-user",
			"fetch-http-auth-type", "fetch-http-auth-user", "fetch-http-auth-pass":
			c.Config += "\n" + ulist
		case "fetch-var-from-rule":
			c.Config = simple("http-request set-var(txn.x) path,upper\nhttp-request set-header X-F %[var(txn.x)]", "")
			c.Want = []string{"x-f: /VAR\n"}
			c.Script = each(get("/var"))
		}
	}
	return append(append(cases, bodyFetchCases()...), backendFetchCases()...)
}

// backendFetchCases are fetches that need a backend: they run in the
// backend's rules.
func backendFetchCases() []*Case {
	be := func(name, expr, want, servers string, script []Step) *Case {
		return &Case{
			Name:   "fetch-" + name,
			Config: simple("", "http-request set-header X-F %["+expr+"]\n"+servers),
			Script: script,
			Want:   []string{"x-f: " + want + "\n"},
		}
	}
	two := "server s1 {{srv \"s1\"}} maxconn 1\nserver s2 {{srv \"s2\"}} maxconn 2"
	bounded := "server s1 {{srv \"s1\"}} maxconn 1 maxqueue 1\nserver s2 {{srv \"s2\"}} maxconn 2 maxqueue 1"
	busy := steps(send(1, get("/busy", "X-Be-Delay: 800")), waitServers(1), exchange(2, get("/")), read(1))
	return []*Case{
		be("be-name", "be_name", "be", "", each(get("/"))),
		be("be-id", "be_id", "2", "", each(get("/"))),
		be("nbsrv", "nbsrv", "2", two, each(get("/"))),
		be("nbsrv-with-disabled", "nbsrv", "2", two+"\nserver s3 {{srv \"s3\"}} disabled\nserver s4 {{srv \"s4\"}} weight 0", each(get("/"))),
		be("be-conn-idle", "be_conn", "1", two, each(get("/"))),
		be("be-conn-busy", "be_conn", "2", two, busy),
		be("connslots-unlimited-queue", "connslots", "-1", two, each(get("/"))),
		be("connslots", "connslots", "5", bounded, each(get("/"))),
		be("connslots-busy", "connslots", "4", bounded, busy),
		be("queue", "queue", "0", two, each(get("/"))),
		be("avg-queue", "avg_queue", "0", two, each(get("/"))),
		be("be-sess-rate", "be_sess_rate", "1", two, each(get("/"))),
		be("srv-conn", "srv_conn(be/s1)", "0", two, each(get("/"))),
		be("srv-is-up-disabled", "srv_is_up(be/s2)", "0", "server s1 {{srv \"s1\"}}\nserver s2 {{srv \"s2\"}} disabled", each(get("/"))),
		be("be-server-timeout", "be_server_timeout", "3000", "", each(get("/"))),
	}
}

// bodyFetchCases need the body buffered (option http-buffer-request or
// wait-for-body).
func bodyFetchCases() []*Case {
	buffered := func(name, expr, want, request string) *Case {
		return &Case{
			Name:   "fetch-" + name,
			Config: simple("option http-buffer-request\nhttp-request set-header X-F %["+expr+"]", ""),
			Script: each(request),
			Want:   []string{"x-f: " + want + "\n"},
		}
	}
	form := "Content-Type: application/x-www-form-urlencoded"
	return []*Case{
		buffered("req-body", "req.body", "a=1&b=two", req("POST", "/", "a=1&b=two", form)),
		buffered("req-body-len", "req.body_len", "9", req("POST", "/", "a=1&b=two", form)),
		buffered("req-body-size", "req.body_size", "9", req("POST", "/", "a=1&b=two", form)),
		buffered("req-body-param", "req.body_param(b)", "two", req("POST", "/", "a=1&b=two", form)),
		buffered("req-body-chunked", "req.body", "hello world", chunked("/", []string{"hello ", "world"})),
		buffered("req-len", "req.len", "66", req("POST", "/", "abc")),
		{
			Name:   "fetch-wait-for-body",
			Config: simple("http-request wait-for-body time 1s\nhttp-request set-header X-F %[req.body]", ""),
			Script: steps(send(1, "POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 6\r\n\r\nabc"), sleep(100), send(1, "def"), read(1)),
			Want:   []string{"x-f: abcdef\n"},
		},
		{
			Name:   "fetch-unique-id",
			Config: simple("unique-id-format %{+X}o%ci-%[path]-%rt\nunique-id-header X-Unique-ID\nhttp-request set-header X-F %[unique-id]", ""),
			Script: each(get("/u1"), get("/u2")),
			Want:   []string{"x-f: 7F000001-/u1-0000\n", "x-unique-id: 7F000001-/u2-0001"},
		},
	}
}
