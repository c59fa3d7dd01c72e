package httpdiff

// aclCase denies what the ACL lines (defining ACL "a") match: the first
// request must get 403 and the second 200. Requests go on separate
// connections; a Src prefix "from:127.0.0.X " picks the source address.
func aclCase(name, acls string, match, miss string) *Case {
	return aclCaseWith(name, acls+"\nhttp-request deny if a", match, miss)
}

// aclCaseWith takes the frontend lines as they are (conditions written
// out), with the same expectations as aclCase.
func aclCaseWith(name, fe string, match, miss string) *Case {
	return &Case{
		Name:   "acl-" + name,
		Config: simple(fe, ""),
		Script: steps(request(1, match), request(2, miss)),
		Want:   []string{"c1 r1: HTTP/1.1 403 Forbidden", "c2 r1: HTTP/1.1 200 OK"},
	}
}

// request sends r on connection c and reads the answer; "from:IP " in
// front picks the source address.
func request(c int, r string) []Step {
	var out []Step
	if rest, ok := cutPrefix(r, "from:"); ok {
		ip, data, _ := cut(rest, " ")
		out = append(out, openFrom(c, ip))
		r = data
	}
	return append(out, exchange(c, r)...)
}

// aclCases: ACL derived forms, matching methods and flags, operators
// and predefined ACLs (configuration.txt 7.1, 7.2, 7.4).
func aclCases() []*Case {
	h := func(lines ...string) string { return get("/", lines...) }
	abs := func(url string) string {
		host, _, _ := cut(url[len("http://"):], "/")
		return "GET " + url + " HTTP/1.1\r\nHost: " + host + "\r\n\r\n"
	}
	cases := []*Case{
		aclCase("path-exact", "acl a path /exact", get("/exact"), get("/exact/x")),
		aclCase("path-beg", "acl a path_beg /api/", get("/api/v1"), get("/apix")),
		aclCase("path-end", "acl a path_end .php", get("/x.php?a=1"), get("/x.php5")),
		aclCase("path-sub", "acl a path_sub admin", get("/x/admin/y"), get("/x/adm")),
		aclCase("path-reg", "acl a path_reg ^/[0-9]+$", get("/123"), get("/12a")),
		aclCase("path-dir", "acl a path_dir img", get("/static/img/a.png"), get("/imgs/a")),
		aclCase("path-dom", "acl a path_dom example", get("/www.example.com/x"), get("/examples")),
		aclCase("path-len", "acl a path_len 5", get("/abcd"), get("/abc")),
		aclCase("path-len-range", "acl a path_len 1:3", get("/ab"), get("/abcdef")),
		aclCase("path-ignore-case", "acl a path -i /Admin", get("/ADMIN"), get("/admins")),
		aclCase("path-several-patterns", "acl a path_beg /a/ /b/ /c/", get("/b/x"), get("/d/x")),
		aclCase("path-same-name-ored", "acl a path_beg /one/\nacl a path_beg /two/", get("/two/x"), get("/three/")),
		aclCase("url-beg", "acl a url_beg /search?q=", get("/search?q=1"), get("/search")),
		aclCase("url-sub", "acl a url_sub token=", get("/a?token=1"), get("/a?tok=1")),
		aclCase("url-reg", "acl a url_reg \\?id=[0-9]+$", get("/x?id=12"), get("/x?id=12a")),
		aclCase("url-end", "acl a url_end =1", get("/x?a=1"), get("/x?a=2")),
		aclCase("url-ip", "acl a url_ip 192.0.2.0/24", abs("http://192.0.2.5/"), abs("http://198.51.100.5/")),
		aclCase("url-port", "acl a url_port 8080", abs("http://192.0.2.5:8080/"), abs("http://192.0.2.5/")),
		aclCase("url-param", "acl a url_param(debug) 1", get("/?x=2&debug=1"), get("/?debug=0")),
		aclCase("query-sub", "acl a query -m sub debug", get("/?debug=1"), get("/?x=1")),
		aclCase("hdr-str", "acl a hdr(x-env) prod", h("X-Env: prod"), h("X-Env: production")),
		aclCase("hdr-beg", "acl a hdr_beg(host) admin.", "GET / HTTP/1.1\r\nHost: admin.example\r\n\r\n", "GET / HTTP/1.1\r\nHost: www.admin.example\r\n\r\n"),
		aclCase("hdr-end", "acl a hdr_end(host) .internal", "GET / HTTP/1.1\r\nHost: db.internal\r\n\r\n", "GET / HTTP/1.1\r\nHost: db.internal.example\r\n\r\n"),
		aclCase("hdr-sub", "acl a hdr_sub(user-agent) curl", h("User-Agent: some curl/8.0"), h("User-Agent: wget")),
		aclCase("hdr-reg", "acl a hdr_reg(x-id) ^[a-f0-9]{8}$", h("X-Id: deadbeef"), h("X-Id: deadbeefs")),
		aclCase("hdr-dom", "acl a hdr_dom(host) example.com", "GET / HTTP/1.1\r\nHost: www.example.com\r\n\r\n", "GET / HTTP/1.1\r\nHost: example.community\r\n\r\n"),
		aclCase("hdr-dir", "acl a hdr_dir(referer) blog", h("Referer: http://x/blog/1"), h("Referer: http://x/blogs/1")),
		aclCase("hdr-len", "acl a hdr_len(x-token) 10", h("X-Token: 0123456789"), h("X-Token: 012345678")),
		aclCase("hdr-val-gt", "acl a hdr_val(x-n) gt 10", h("X-N: 11"), h("X-N: 10")),
		aclCase("hdr-ip", "acl a hdr_ip(x-forwarded-for) 10.0.0.0/8", h("X-Forwarded-For: 10.1.2.3"), h("X-Forwarded-For: 11.1.2.3")),
		aclCase("hdr-cnt", "acl a hdr_cnt(x-a) ge 2", h("X-A: 1", "X-A: 2"), h("X-A: 1")),
		aclCase("hdr-occurrence", "acl a hdr(x-list,1) first", h("X-List: first, second"), h("X-List: second, first")),
		aclCase("hdr-any-occurrence", "acl a hdr(x-list) second", h("X-List: first, second"), h("X-List: first")),
		aclCase("hdr-found", "acl a hdr(x-debug) -m found", h("X-Debug: 0"), h("X-Other: 1")),
		aclCase("hdr-found-empty-value", "acl a req.hdr(x-debug) -m found", h("X-Debug:"), h()),
		aclCase("fhdr-comma-kept", "acl a req.fhdr(x-d) -m str a,b", h("X-D: a,b"), h("X-D: a")),
		aclCase("cook-str", "acl a cook(sid) abc", h("Cookie: x=1; sid=abc"), h("Cookie: sid=abcd")),
		aclCase("cook-beg", "acl a cook_beg(sid) adm", h("Cookie: sid=admin1"), h("Cookie: sid=user")),
		aclCase("cook-sub", "acl a cook_sub(sid) min", h("Cookie: sid=admin1"), h("Cookie: sid=user")),
		aclCase("cook-len", "acl a cook_len(sid) 3", h("Cookie: sid=abc"), h("Cookie: sid=ab")),
		aclCase("cook-end", "acl a cook_end(sid) _adm", h("Cookie: sid=u1_adm"), h("Cookie: sid=u1_usr")),
		aclCase("cook-reg", "acl a cook_reg(sid) ^[0-9]+$", h("Cookie: sid=123"), h("Cookie: sid=12a")),
		aclCase("cook-dom", "acl a cook_dom(host) example", h("Cookie: host=www.example.com"), h("Cookie: host=examples.com")),
		aclCase("cook-dir", "acl a cook_dir(p) b", h("Cookie: p=/a/b/c"), h("Cookie: p=/a/bb")),
		aclCase("cook-found", "acl a cook(sid) -m found", h("Cookie: sid=x"), h("Cookie: other=1")),
		aclCase("cook-cnt", "acl a cook_cnt(sid) 2", h("Cookie: sid=1; sid=2"), h("Cookie: sid=1")),
		aclCase("method", "acl a method POST", req("POST", "/", "x"), get("/")),
		aclCase("method-several", "acl a method PUT DELETE", req("DELETE", "/", ""), req("PATCH", "/", "x")),
		aclCase("method-case-sensitive", "acl a method get", "get / HTTP/1.1\r\nHost: a\r\n\r\n", get("/")),
		aclCase("src", "acl a src 127.0.0.2", "from:127.0.0.2 "+get("/"), "from:127.0.0.3 "+get("/")),
		aclCase("src-cidr-list", "acl a src 127.0.0.0/30 10.0.0.0/8", "from:127.0.0.3 "+get("/"), "from:127.0.0.4 "+get("/")),
		aclCase("src-file", "acl a src -f {{file \"blocked.lst\"}}", "from:127.0.0.9 "+get("/"), "from:127.0.0.4 "+get("/")),
		aclCase("str-file", "acl a path -f {{file \"paths.lst\"}}", get("/two"), get("/four")),
		aclCase("beg-file-ignore-case", "acl a path_beg -i -f {{file \"paths.lst\"}}", get("/ONE/x"), get("/x/one")),
		aclCase("map-as-patterns", "acl a path -M -f {{file \"paths.map\"}}", get("/mapped"), get("/unmapped")),
		aclCase("no-dns-flag", "acl a hdr_ip(x-ip) -n 192.0.2.1", h("X-Ip: 192.0.2.1"), h("X-Ip: 192.0.2.2")),
		aclCase("unique-id-flag", "acl a path -u 7 /u", get("/u"), get("/v")),
		aclCase("end-of-flags", "acl a hdr(x-f) -- -i", h("X-F: -i"), h("X-F: i")),
		aclCase("int-eq", "acl a req.hdr_val(x-n) eq 5", h("X-N: 5"), h("X-N: 6")),
		aclCase("int-ge", "acl a req.hdr_val(x-n) ge 5", h("X-N: 5"), h("X-N: 4")),
		aclCase("int-le", "acl a req.hdr_val(x-n) le 5", h("X-N: 5"), h("X-N: 6")),
		aclCase("int-lt", "acl a req.hdr_val(x-n) lt 5", h("X-N: -3"), h("X-N: 5")),
		aclCase("int-range", "acl a req.hdr_val(x-n) 10:20", h("X-N: 15"), h("X-N: 21")),
		aclCase("int-open-range", "acl a req.hdr_val(x-n) :5", h("X-N: 0"), h("X-N: 6")),
		aclCase("int-several", "acl a req.hdr_val(x-n) 1 3 5", h("X-N: 3"), h("X-N: 4")),
		aclCase("m-str", "acl a req.hdr(x-a) -m str abc", h("X-A: abc"), h("X-A: abcd")),
		aclCase("m-beg", "acl a req.hdr(x-a) -m beg ab", h("X-A: abc"), h("X-A: cab")),
		aclCase("m-end", "acl a req.hdr(x-a) -m end bc", h("X-A: abc"), h("X-A: bca")),
		aclCase("m-sub", "acl a req.hdr(x-a) -m sub b", h("X-A: abc"), h("X-A: acd")),
		aclCase("m-reg", "acl a req.hdr(x-a) -m reg ^a.c$", h("X-A: abc"), h("X-A: abbc")),
		aclCase("m-dom", "acl a req.hdr(x-a) -m dom b", h("X-A: a.b.c"), h("X-A: a.bb.c")),
		aclCase("m-dir", "acl a req.hdr(x-a) -m dir b", h("X-A: /a/b/c"), h("X-A: /a/bb/c")),
		aclCase("m-len", "acl a req.hdr(x-a) -m len 3", h("X-A: abc"), h("X-A: ab")),
		aclCase("m-int", "acl a req.hdr(x-a) -m int 42", h("X-A: 42"), h("X-A: 43")),
		aclCase("m-ip", "acl a req.hdr(x-a) -m ip 192.0.2.0/24 2001:db8::/32", h("X-A: 2001:db8::7"), h("X-A: 198.51.100.1")),
		aclCase("m-found", "acl a req.hdr(x-a) -m found", h("X-A: 1"), h()),
		aclCase("m-bool", "acl a req.hdr_cnt(x-a) -m bool", h("X-A: 1"), h()),
		aclCase("m-reg-ignore-case", "acl a req.hdr(x-a) -i -m reg ^ab+c$", h("X-A: ABBC"), h("X-A: AC")),
		{
			Name:   "acl-dst-port",
			Config: simple("bind {{addr \"fe2\"}}\nacl a dst_port {{port \"fe\"}}\nhttp-request deny if a", ""),
			Script: steps(exchange(1, get("/")), openTo(2, "fe2"), exchange(2, get("/"))),
			Want:   []string{"c1 r1: HTTP/1.1 403 Forbidden", "c2 r1: HTTP/1.1 200 OK"},
		},
		aclCaseWith("always-true-false", "http-request deny if { always_true } { path /t }\nhttp-request deny if { always_false }", get("/t"), get("/u")),
		{
			// An empty cookie value is not "found".
			Name:   "acl-cook-empty-value",
			Config: simple("http-request deny if { cook(sid) -m found }", ""),
			Script: each(h("Cookie: sid="), h("Cookie: sid=1")),
			Want:   []string{"c1 r1: HTTP/1.1 200 OK", "c2 r1: HTTP/1.1 403 Forbidden"},
		},
		aclCase("var", "http-request set-var(txn.p) path\nacl a var(txn.p) -m beg /v", get("/var"), get("/x")),
		aclCaseWith("env", "acl a env(HTTPDIFF_MODE) -m str strict\nacl b path /x\nhttp-request deny if a b", get("/x"), get("/y")),
		aclCase("req-body", "option http-buffer-request\nacl a req.body -m sub secret", req("POST", "/", "a secret"), req("POST", "/", "public")),
		aclCaseWith("anonymous", "http-request deny if { path_beg /x }", get("/x1"), get("/y")),
		aclCaseWith("anonymous-with-flags", "http-request deny if { req.hdr(x-a) -i -m beg AB }", h("X-A: abc"), h("X-A: cab")),
		aclCaseWith("or-word", "acl a path /a\nacl b path /b\nhttp-request deny if a or b", get("/b"), get("/c")),
		aclCaseWith("or-pipes", "acl a path /a\nacl b path /b\nhttp-request deny if a || b", get("/a"), get("/c")),
		aclCaseWith("and-implicit", "acl a path_beg /x\nacl b method POST\nhttp-request deny if a b", req("POST", "/x", "1"), get("/x")),
		aclCaseWith("negation", "acl a path_beg /public\nhttp-request deny if !a", get("/private"), get("/public/x")),
		aclCaseWith("unless", "acl a path_beg /public\nhttp-request deny unless a", get("/private"), get("/public/x")),
		aclCaseWith("and-or-precedence", "acl a path_beg /x\nacl b method POST\nacl c hdr(x-c) 1\nhttp-request deny if a b || c", h("X-C: 1"), req("POST", "/y", "1")),
		aclCaseWith("negated-anonymous", "http-request deny if !{ hdr(x-ok) 1 }", h("X-Ok: 2"), h("X-Ok: 1")),
		aclCaseWith("predef-meth-post", "http-request deny if METH_POST", req("POST", "/", "x"), get("/")),
		aclCaseWith("predef-meth-get-head", "http-request deny if METH_GET", "HEAD / HTTP/1.1\r\nHost: a\r\n\r\n", req("POST", "/", "x")),
		aclCaseWith("predef-http-1.0", "http-request deny if HTTP_1.0", "GET / HTTP/1.0\r\nHost: a\r\n\r\n", get("/")),
		aclCaseWith("predef-http-1.1", "http-request deny if HTTP_1.1", get("/"), "GET / HTTP/1.0\r\nHost: a\r\n\r\n"),
		aclCaseWith("predef-url-abs", "http-request deny if HTTP_URL_ABS", abs("http://abs.example/"), get("/")),
		aclCaseWith("predef-url-slash", "http-request deny if HTTP_URL_SLASH", get("/"), abs("http://abs.example/")),
		aclCaseWith("predef-url-star", "http-request deny if HTTP_URL_STAR", "OPTIONS * HTTP/1.1\r\nHost: a\r\n\r\n", "OPTIONS / HTTP/1.1\r\nHost: a\r\n\r\n"),
		aclCaseWith("predef-http-content", "http-request deny if HTTP_CONTENT", req("POST", "/", "x"), get("/")),
		aclCaseWith("predef-localhost", "http-request deny if LOCALHOST { path /l }", get("/l"), get("/m")),
		aclCaseWith("predef-true-false", "http-request deny if TRUE { path /t }\nhttp-request deny if FALSE", get("/t"), get("/f")),
		aclCaseWith("predef-meth-connect", "http-request deny if METH_CONNECT", "CONNECT abs.example:443 HTTP/1.1\r\nHost: abs.example:443\r\n\r\n", get("/")),
		aclCaseWith("predef-meth-options", "http-request deny if METH_OPTIONS", "OPTIONS / HTTP/1.1\r\nHost: a\r\n\r\n", get("/")),
		aclCaseWith("predef-http", "http-request deny if HTTP { path /h }", get("/h"), get("/i")),
		{
			Name:   "acl-status-in-response",
			Config: simple("http-response deny if { status 404 }", ""),
			Script: each(get("/", "X-Be-Status: 404"), get("/")),
			Want:   []string{"c1 r1: HTTP/1.1 502 Bad Gateway", "c2 r1: HTTP/1.1 200 OK"},
		},
		{
			Name:   "acl-res-hdr-in-response",
			Config: simple("acl secret res.hdr(x-secret) -m found\nhttp-response deny if secret", ""),
			Script: each(get("/", "X-Be-Header: X-Secret: 1"), get("/")),
			Want:   []string{"c1 r1: HTTP/1.1 502 Bad Gateway", "c2 r1: HTTP/1.1 200 OK"},
		},
		{
			Name:   "acl-nbsrv",
			Config: simple("acl dead nbsrv(be) lt 2\nhttp-request deny if dead { path /need-two }", "server s1 {{srv \"s1\"}}\nserver s2 {{srv \"s2\"}} disabled"),
			Script: each(get("/need-two"), get("/other")),
			Want:   []string{"c1 r1: HTTP/1.1 403 Forbidden", "c2 r1: HTTP/1.1 200 OK"},
		},
		{
			Name:   "acl-srv-is-up",
			Config: simple("http-request deny if !{ srv_is_up(be/s2) } { path /s2 }", "server s1 {{srv \"s1\"}}\nserver s2 {{srv \"s2\"}} disabled"),
			Script: each(get("/s2"), get("/s1")),
			Want:   []string{"c1 r1: HTTP/1.1 403 Forbidden", "c2 r1: HTTP/1.1 200 OK"},
		},
		{
			Name:   "acl-fe-conn",
			Config: simple("http-request deny if { fe_conn gt 1 }", ""),
			Script: steps(exchange(1, get("/a")), exchange(2, get("/b")), closeConn(1), closeConn(2), settle(50), exchange(3, get("/c"))),
			Want:   []string{"c1 r1: HTTP/1.1 200 OK", "c2 r1: HTTP/1.1 403 Forbidden", "c3 r1: HTTP/1.1 200 OK"},
		},
	}
	for _, c := range cases {
		c.Files = map[string]string{
			"blocked.lst": "# blocked clients\n127.0.0.1/32\n127.0.0.8/29\n",
			"paths.lst":   "/one\n/two\n\n# comment\n/three\n",
			"paths.map":   "/mapped backend-a\n/also-mapped backend-b\n",
		}
		if c.Name == "acl-env" {
			c.Env = []string{"HTTPDIFF_MODE=strict"}
		}
	}
	return cases
}
