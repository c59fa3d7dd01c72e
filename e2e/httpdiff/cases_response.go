package httpdiff

// responseCases: http-response and http-after-response rules, and the
// proxy-level health answers (configuration.txt 4.2 "http-response",
// "http-after-response", "monitor-uri", "monitor fail").
func responseCases() []*Case {
	rc := func(name, fe string, want []string, reqs ...string) *Case {
		return &Case{Name: "response-" + name, Config: simple(fe, ""), Script: each(reqs...), Want: want}
	}
	hb := func(lines ...string) string { return get("/", lines...) }
	return []*Case{
		rc("set-header", "http-response set-header X-Served-By %[srv_name]", []string{"x-served-by: s1"}, get("/")),
		rc("add-header", "http-response add-header X-One two", []string{"c1 r1 h2: x-one: 1", "c1 r1 h4: x-one: two"}, hb("X-Be-Header: X-One: 1")),
		rc("del-header", "http-response del-header X-Secret", []string{"c1 r1 h2: content-length: 2"}, hb("X-Be-Header: X-Secret: s", "X-Be-Header: x-secret: t")),
		rc("replace-header", "http-response replace-header Set-Cookie (.*);\\ *Secure(.*) \\1\\2", []string{"set-cookie: a=b; HttpOnly"}, hb("X-Be-Header: Set-Cookie: a=b; Secure; HttpOnly")),
		rc("replace-value", "http-response replace-value Cache-Control ^private$ public", []string{"cache-control: public, max-age=1"}, hb("X-Be-Header: Cache-Control: private, max-age=1")),
		rc("set-status", "http-response set-status 404 if { status 200 }", []string{"c1 r1: HTTP/1.1 404 Not Found"}, get("/")),
		rc("set-status-reason", "http-response set-status 503 reason \"Down For Maintenance\"", []string{"c1 r1: HTTP/1.1 503 Down For Maintenance"}, get("/")),
		rc("deny", "http-response deny if { res.hdr(x-leak) -m found }", []string{"c1 r1: HTTP/1.1 502 Bad Gateway", "c2 r1: HTTP/1.1 200 OK"}, hb("X-Be-Header: X-Leak: 1"), get("/")),
		rc("deny-status", "http-response deny deny_status 500 if { status 404 }", []string{"c1 r1: HTTP/1.1 500 Internal Server Error"}, hb("X-Be-Status: 404")),
		rc("redirect", "http-response redirect location /moved code 301 if { status 404 }", []string{"c1 r1: HTTP/1.1 301 Moved Permanently", "location: /moved"}, hb("X-Be-Status: 404")),
		rc("return", "http-response return status 200 content-type text/plain string replaced if { status 500 }", []string{"c1 r1 body: replaced"}, hb("X-Be-Status: 500")),
		rc("set-var-then-header", "http-response set-var(txn.code) status\nhttp-response set-header X-Code %[var(txn.code)]", []string{"x-code: 201"}, hb("X-Be-Status: 201")),
		rc("request-var-in-response", "http-request set-var(txn.path) path\nhttp-response set-header X-Path %[var(txn.path)]", []string{"x-path: /remembered"}, get("/remembered")),
		rc("capture", "declare capture response len 6\nhttp-response capture res.hdr(x-id) id 0\nhttp-response set-header X-Cap %[capture.res.hdr(0)]", []string{"x-cap: 123456\n"}, hb("X-Be-Header: X-Id: 12345678")),
		rc("capture-response-header", "capture response header X-Id len 3\nhttp-response set-header X-Cap %[capture.res.hdr(0)]", []string{"x-cap: abc\n"}, hb("X-Be-Header: X-Id: abcdef")),
		// The request line is gone by the time response rules run: a
		// path condition never matches there, a variable carries it.
		rc("path-condition-in-response", "http-response set-header X-Api yes if { path_beg /api }", []string{"c1 r1 body: s1"}, get("/api/x"), get("/web")),
		rc("var-condition-in-response", "http-request set-var(txn.api) bool(1) if { path_beg /api }\nhttp-response set-header X-Api yes if { var(txn.api) -m bool }", []string{"c1 r1 h3: x-api: yes"}, get("/api/x"), get("/web")),
		rc("after-response-on-error", "http-after-response set-header X-After yes\nhttp-request deny if { path /deny }", []string{"c1 r1: HTTP/1.1 403 Forbidden", "x-after: yes", "c2 r1 h3: x-after: yes"}, get("/deny"), get("/ok")),
		rc("after-response-del-header", "http-after-response del-header X-Server", []string{"c1 r1 h1: content-length: 2"}, get("/")),
		rc("after-response-sees-status", "http-after-response set-header X-Status %[status]\nhttp-request return status 202 if { path /r }", []string{"x-status: 202"}, get("/r")),
		rc("after-response-set-status", "http-after-response set-status 418 if { status 503 }", []string{"c1 r1: HTTP/1.1 418"}, hb("X-Be-Status: 503")),
		{
			Name:   "response-after-response-on-503",
			Config: defaultsHTTP + "frontend fe\n    bind {{addr \"fe\"}}\n    http-after-response set-header X-After 503-too\n    default_backend be\nbackend be\n    server s1 {{srv \"s1\"}} disabled\n",
			Script: each(get("/")),
			Want:   []string{"c1 r1: HTTP/1.1 503 Service Unavailable", "x-after: 503-too"},
		},
		{
			Name:   "response-backend-rules-then-frontend",
			Config: simple("http-response set-header X-Order %[res.hdr(x-order)],fe", "http-response set-header X-Order be"),
			Script: each(get("/")),
			Want:   []string{"x-order: be,fe"},
		},
		{
			Name:   "response-monitor-uri",
			Config: simple("monitor-uri /health", ""),
			Script: each(get("/health"), get("/other")),
			Want:   []string{"c1 r1: HTTP/1.1 200 OK", "srv1 line: GET /other", "chosen: s1\n"},
		},
		{
			Name:   "response-monitor-fail",
			Config: simple("monitor-uri /health\nmonitor fail if { nbsrv(be) lt 2 }", "server s1 {{srv \"s1\"}}\nserver s2 {{srv \"s2\"}} disabled"),
			Script: each(get("/health")),
			Want:   []string{"c1 r1: HTTP/1.1 503 Service Unavailable"},
		},
		{
			Name:   "response-monitor-uri-head",
			Config: simple("monitor-uri /health", ""),
			Script: steps(send(1, "HEAD /health HTTP/1.1\r\nHost: a\r\n\r\n"), readHEAD(1)),
			Want:   []string{"c1 r1: HTTP/1.1 200 OK"},
		},
		{
			Name:   "response-errorfile-for-monitor-fail",
			Config: simple("monitor-uri /health\nmonitor fail if TRUE\nerrorfile 503 {{file \"503.http\"}}", ""),
			Files:  map[string]string{"503.http": "HTTP/1.1 503 Service Unavailable\r\nContent-Type: text/plain\r\nContent-Length: 5\r\n\r\nsorry"},
			Script: each(get("/health")),
			Want:   []string{"c1 r1 body: sorry"},
		},
	}
}

// routingCases: use_backend, default_backend and use-server
// (configuration.txt 4.2 "use_backend", "use-server").
func routingCases() []*Case {
	three := defaultsHTTP + `
frontend fe
    bind {{addr "fe"}}
%s
    default_backend be_default
backend be_default
    server d1 {{srv "d1"}}
backend be_api
    server a1 {{srv "a1"}}
backend be_static
    server st1 {{srv "st1"}}
`
	route := func(name, rules string, want string, reqs ...string) *Case {
		return &Case{
			Name: "route-" + name, Config: sprintf(three, indent(rules)), Script: each(reqs...), Want: []string{want},
			Files: map[string]string{"route.map": "/v1/ be_api\n/assets/ be_static\n"},
		}
	}
	return []*Case{
		route("use-backend-path", "use_backend be_api if { path_beg /api }\nuse_backend be_static if { path_end .css }", "chosen: a1 st1 d1", get("/api/x"), get("/a.css"), get("/")),
		route("use-backend-first-match-wins", "use_backend be_static if { path_beg /api/static }\nuse_backend be_api if { path_beg /api }", "chosen: st1 a1", get("/api/static/x"), get("/api/y")),
		route("use-backend-dynamic", "use_backend be_%[req.hdr(x-be)]", "chosen: a1 st1 d1", get("/", "X-Be: api"), get("/", "X-Be: static"), get("/", "X-Be: nothing")),
		route("use-backend-dynamic-map", "use_backend %[path,map_beg({{file \"route.map\"}},be_default)]", "chosen: a1 st1 d1", get("/v1/x"), get("/assets/y"), get("/z")),
		route("use-backend-unless", "use_backend be_api unless { path_beg /web }", "chosen: d1 a1", get("/web/x"), get("/other")),
		route("use-backend-host", "use_backend be_static if { hdr(host) -i static.example }", "chosen: st1 d1", "GET / HTTP/1.1\r\nHost: STATIC.example\r\n\r\n", get("/")),
		route("default-backend-only", "", "chosen: d1 d1", get("/a"), get("/b")),
		{
			Name:   "route-use-backend-keepalive-switch",
			Config: sprintf(three, indent("use_backend be_api if { path_beg /api }")),
			Script: onOne(get("/api/1"), get("/web"), get("/api/2")),
			Want:   []string{"chosen: a1 d1 a1"},
		},
		{
			Name:   "route-use-server",
			Config: simple("", "balance roundrobin\nuse-server s2 if { path /two }\nuse-server s3 if { hdr(x-srv) 3 }\nserver s1 {{srv \"s1\"}}\nserver s2 {{srv \"s2\"}}\nserver s3 {{srv \"s3\"}}"),
			Script: each(get("/two"), get("/", "X-Srv: 3"), get("/two"), get("/")),
			Want:   []string{"chosen: s2 s3 s2 s1"},
		},
		{
			Name:   "route-use-server-disabled-falls-back",
			Config: simple("", "use-server s2 if { path /two }\nserver s1 {{srv \"s1\"}}\nserver s2 {{srv \"s2\"}} disabled"),
			Script: each(get("/two")),
			Want:   []string{"chosen: s1"},
		},
		{
			Name:   "route-use-server-disabled-force-persist",
			Config: simple("", "use-server s2 if { path /two }\nforce-persist if { path /two }\nserver s1 {{srv \"s1\"}}\nserver s2 {{srv \"s2\"}} disabled"),
			Script: each(get("/two")),
			Want:   []string{"chosen: s2"},
		},
		{
			Name:   "route-listen-section",
			Config: defaultsHTTP + "listen li\n    bind {{addr \"fe\"}}\n    http-request set-header X-Px %[fe_name]/%[be_name]\n    server s1 {{srv \"s1\"}}\n",
			Script: each(get("/")),
			Want:   []string{"x-px: li/li"},
		},
	}
}
