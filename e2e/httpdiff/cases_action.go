package httpdiff

// actionCase is one frontend configuration with requests on their own
// connections.
func actionCase(name, fe string, want []string, reqs ...string) *Case {
	return &Case{Name: "action-" + name, Config: simple(fe, ""), Script: each(reqs...), Want: want}
}

// users is a userlist with clear and crypt(3) passwords (SHA-512,
// SHA-256, MD5).
const users = `
userlist users
    group admins
    user alice insecure-password wonderland groups admins
    user carol password $6$saltsalt$pqxtaP8VN9msji06dnBCbUbaSGTOXyo9jZDqZxik1rPexoqRIW4UKuiD0ZHZchCSd7S4/HoRU8bcFbnz2ihUr.
    user dave password $5$saltsalt$ZZafy3axKGVvwp5WrR36Vrb3IbPVQKjJhmtDxaFOvd2
    user erin password $1$saltsalt$cCPENxTVtU4kpnV2ngztX0
`

// requestActionCases: http-request actions (configuration.txt 4.2
// "http-request").
func requestActionCases() []*Case {
	h := func(lines ...string) string { return get("/", lines...) }
	basic := func(userpass string) string { return "Authorization: Basic " + b64(userpass) }
	files := map[string]string{
		"403.http":  "HTTP/1.1 403 Forbidden\r\nContent-Type: text/plain\r\nX-From: errorfile\r\nContent-Length: 15\r\n\r\ncustom 403 page",
		"page.txt":  "a page from a file\n",
		"lf.txt":    "path is %[path] and method %[method]\n",
		"ban.lst":   "",
		"route.map": "/a alpha\n",
	}
	// normalize-uri is experimental in 2.6: it needs a global switch.
	normalize := func(name, fe string, want []string, reqs ...string) *Case {
		c := actionCase("normalize-uri-"+name, fe, want, reqs...)
		c.Config = "global\n    expose-experimental-directives\n" + c.Config
		return c
	}
	cases := []*Case{
		actionCase("allow-stops-rules", "http-request allow if { path /ok }\nhttp-request deny",
			[]string{"c1 r1: HTTP/1.1 200 OK", "c2 r1: HTTP/1.1 403 Forbidden"}, get("/ok"), get("/no")),
		actionCase("deny", "http-request deny if { path /no }", []string{"c1 r1: HTTP/1.1 403 Forbidden"}, get("/no")),
		actionCase("deny-status", "http-request deny deny_status 429", []string{"c1 r1: HTTP/1.1 429 Too Many Requests"}, get("/")),
		actionCase("deny-status-with-payload", "http-request deny deny_status 418 content-type text/plain string teapot", []string{"c1 r1: HTTP/1.1 418 I'm a teapot"}, get("/")),
		actionCase("deny-string", "http-request deny deny_status 400 content-type text/plain string \"not here\"",
			[]string{"c1 r1: HTTP/1.1 400 Bad Request", "c1 r1 body: not here"}, get("/")),
		actionCase("deny-lf-string", "http-request deny content-type text/plain lf-string \"denied %[path]\"",
			[]string{"c1 r1 body: denied /p"}, get("/p")),
		actionCase("deny-hdr", "http-request deny deny_status 403 content-type text/plain hdr X-Reason blocked hdr X-Path %[path] string nope",
			[]string{"x-reason: blocked", "x-path: /p"}, get("/p")),
		actionCase("deny-errorfile", "http-request deny errorfile {{file \"403.http\"}}",
			[]string{"c1 r1 body: custom 403 page"}, get("/")),
		actionCase("deny-file", "http-request deny deny_status 403 content-type text/plain file {{file \"page.txt\"}}",
			[]string{"c1 r1 body: \"a page from a file\\n\""}, get("/")),
		actionCase("deny-errorfiles", "http-request deny deny_status 403 errorfiles custom",
			[]string{"c1 r1 body: custom 403 page"}, get("/")),
		{
			Name:        "action-tarpit",
			Config:      simple("timeout tarpit 200ms\nhttp-request tarpit", ""),
			Script:      steps(send(1, get("/")), timed(read(1))),
			Want:        []string{"c1 r1: HTTP/1.1 500 Internal Server Error", "c1 r1 time: ~200ms", "chosen: \n"},
			ReadTimeout: 2e9,
		},
		{
			Name:   "action-tarpit-deny-status",
			Config: simple("timeout tarpit 200ms\nhttp-request tarpit deny_status 429", ""),
			Script: steps(send(1, get("/")), timed(read(1))),
			Want:   []string{"c1 r1: HTTP/1.1 429 Too Many Requests", "c1 r1 time: ~200ms"},
		},
		actionCase("reject", "http-request reject if { path /r }", []string{"c1 r1: closed", "c2 r1: HTTP/1.1 200 OK"}, get("/r"), get("/ok")),
		{
			Name:        "action-silent-drop",
			Config:      simple("http-request silent-drop if { path /drop }", ""),
			Script:      steps(send(1, get("/drop")), read(1), exchange(2, get("/ok"))),
			Want:        []string{"c2 r1: HTTP/1.1 200 OK", "chosen: s1\n"},
			ReadTimeout: 400e6,
		},
		actionCase("return-string", "http-request return status 200 content-type text/plain string \"hello from the proxy\" if { path /hi }",
			[]string{"c1 r1 body: hello from the proxy", "chosen: \n"}, get("/hi")),
		actionCase("return-default", "http-request return", []string{"c1 r1: HTTP/1.1 200 OK"}, get("/")),
		actionCase("return-204", "http-request return status 204", []string{"c1 r1: HTTP/1.1 204 No Content"}, get("/")),
		actionCase("return-file", "http-request return status 200 content-type text/plain file {{file \"page.txt\"}}",
			[]string{"c1 r1 body: \"a page from a file\\n\""}, get("/")),
		actionCase("return-lf-file", "http-request return status 200 content-type text/plain lf-file {{file \"lf.txt\"}}",
			[]string{"c1 r1 body: \"path is /lf and method GET\\n\""}, get("/lf")),
		actionCase("return-hdr", "http-request return status 200 content-type \"application/json\" hdr Cache-Control no-store string \"{}\"",
			[]string{"cache-control: no-store", "content-type: application/json"}, get("/")),
		actionCase("return-errorfile", "http-request return errorfile {{file \"403.http\"}}",
			[]string{"c1 r1: HTTP/1.1 403 Forbidden"}, get("/")),
		actionCase("return-keepalive", "http-request return status 200 content-type text/plain string ok if { path /r }",
			[]string{"c1 end: open"}, get("/r")),
		actionCase("auth-challenge", "http-request auth realm Restricted unless { http_auth(users) }",
			[]string{"c1 r1: HTTP/1.1 401 Unauthorized", "www-authenticate: Basic realm=\"Restricted\"", "c2 r1: HTTP/1.1 200 OK"},
			get("/"), get("/", basic("alice:wonderland"))),
		actionCase("auth-crypt-sha512", "http-request auth unless { http_auth(users) }",
			[]string{"c1 r1: HTTP/1.1 200 OK", "c2 r1: HTTP/1.1 401 Unauthorized"}, get("/", basic("carol:wonderland")), get("/", basic("carol:wrong"))),
		actionCase("auth-crypt-sha256", "http-request auth unless { http_auth(users) }",
			[]string{"c1 r1: HTTP/1.1 200 OK", "c2 r1: HTTP/1.1 401 Unauthorized"}, get("/", basic("dave:builder")), get("/", basic("dave:Builder"))),
		actionCase("auth-crypt-md5", "http-request auth unless { http_auth(users) }",
			[]string{"c1 r1: HTTP/1.1 200 OK", "c2 r1: HTTP/1.1 401 Unauthorized"}, get("/", basic("erin:md5pass")), get("/", basic("erin:x"))),
		actionCase("auth-group", "http-request auth realm admins unless { http_auth_group(users) admins }",
			[]string{"c1 r1: HTTP/1.1 200 OK", "c2 r1: HTTP/1.1 401 Unauthorized"}, get("/", basic("alice:wonderland")), get("/", basic("carol:wonderland"))),
		actionCase("auth-default-realm", "http-request auth", []string{"www-authenticate: Basic realm="}, get("/")),
		actionCase("set-header", "http-request set-header X-A new\nhttp-request set-header X-B %[src]",
			[]string{"x-a: new\n", "x-b: 127.0.0.1"}, h("X-A: old", "X-A: older")),
		actionCase("add-header", "http-request add-header X-A added",
			[]string{"x-a: old\n", "x-a: added"}, h("X-A: old")),
		actionCase("del-header", "http-request del-header X-A",
			[]string{"srv1 h2: x-b: 2"}, h("X-A: 1", "X-B: 2", "x-a: 3")),
		actionCase("del-header-match-beg", "http-request del-header x-del- -m beg",
			[]string{"srv1 h2: x-keep: 1\n"}, h("X-Del-One: 1", "X-Keep: 1", "X-Del-Two: 2")),
		actionCase("replace-header", "http-request replace-header Cookie (.*)sid=[^;]*(.*) \\1sid=hidden\\2",
			[]string{"cookie: a=1; sid=hidden; b=2"}, h("Cookie: a=1; sid=secret; b=2")),
		actionCase("replace-value", "http-request replace-value X-List ^b$ B",
			[]string{"x-list: a,B, c"}, h("X-List: a, b, c")),
		actionCase("set-path", "http-request set-path /new%[path]", []string{"srv1 line: GET /new/old?q=1 HTTP/1.1"}, get("/old?q=1")),
		actionCase("set-pathq", "http-request set-pathq /pq?x=%[path]", []string{"srv1 line: GET /pq?x=/a HTTP/1.1"}, get("/a?q=1")),
		actionCase("set-uri", "http-request set-uri /fixed?from=%[path]", []string{"srv1 line: GET /fixed?from=/a HTTP/1.1"}, get("/a?b")),
		actionCase("set-query", "http-request set-query %[query]&added=1", []string{"srv1 line: GET /p?a=1&added=1 HTTP/1.1"}, get("/p?a=1")),
		actionCase("set-method", "http-request set-method POST", []string{"srv1 line: POST / HTTP/1.1"}, get("/")),
		actionCase("replace-path", "http-request replace-path /api/(.*) /v2/\\1", []string{"srv1 line: GET /v2/users?x=1 HTTP/1.1"}, get("/api/users?x=1")),
		actionCase("replace-pathq", "http-request replace-pathq /old(.*) /new\\1", []string{"srv1 line: GET /new/a?x=1 HTTP/1.1"}, get("/old/a?x=1")),
		actionCase("replace-uri", "http-request replace-uri ^/(.*)$ /prefix/\\1", []string{"srv1 line: GET /prefix/a?b HTTP/1.1"}, get("/a?b")),
		actionCase("replace-uri-absolute", "http-request replace-uri ^http://[^/]*(/.*)$ \\1", []string{"srv1 line: GET /x HTTP/1.1"},
			"GET http://abs.example/x HTTP/1.1\r\nHost: abs.example\r\n\r\n"),
		actionCase("set-var-unset-var", "http-request set-var(txn.a) str(one)\nhttp-request set-var(txn.b) str(two)\nhttp-request unset-var(txn.a)\nhttp-request set-header X-V a=%[var(txn.a)],b=%[var(txn.b)]",
			[]string{"x-v: a=,b=two"}, get("/")),
		actionCase("set-var-condition", "http-request set-var(txn.a) str(yes) if { path /y }\nhttp-request set-header X-V %[var(txn.a)]",
			[]string{"srv1 h2: x-v: yes", "srv2 h2: x-v: \n"}, get("/y"), get("/n")),
		{
			Name:   "action-var-scopes",
			Config: "global\n    set-var proc.boot str(booted)\n" + simple("http-request set-var(sess.n) var(sess.n),add(1) if { var(sess.n) -m found }\nhttp-request set-var(sess.n) int(1) unless { var(sess.n) -m found }\nhttp-request set-header X-V %[var(proc.boot)]-%[var(sess.n)]", ""),
			Script: steps(onOne(get("/1"), get("/2"), get("/3")), exchange(2, get("/other"))),
			Want:   []string{"srv3 h2: x-v: booted-3", "srv4 h2: x-v: booted-1"},
		},
		{
			Name:   "action-capture",
			Config: simple("declare capture request len 8\nhttp-request capture req.hdr(user-agent) id 0\nhttp-request set-header X-Cap %[capture.req.hdr(0)]", ""),
			Script: each(get("/", "User-Agent: a-long-user-agent-string")),
			Want:   []string{"x-cap: a-long-u"},
		},
		{
			Name:   "action-capture-request-header",
			Config: simple("capture request header Host len 4\nhttp-request set-header X-Cap %[capture.req.hdr(0)]", ""),
			Script: each(get("/")),
			Want:   []string{"x-cap: test"},
		},
		actionCase("set-log-level", "http-request set-log-level silent\nhttp-request set-header X-After-Log yes",
			[]string{"x-after-log: yes"}, get("/")),
		actionCase("set-dst", "http-request set-dst hdr(x-dst)\nhttp-request set-header X-Dst %[dst]:%[dst_port]",
			[]string{"x-dst: 192.0.2.9:<fe>"}, h("X-Dst: 192.0.2.9")),
		actionCase("set-dst-port", "http-request set-dst-port int(8443)\nhttp-request set-header X-Dst %[dst]:%[dst_port]",
			[]string{"x-dst: 127.0.0.1:8443"}, get("/")),
		actionCase("set-src", "http-request set-src hdr(x-real-ip)\noption forwardfor\nhttp-request set-header X-Src %[src]",
			[]string{"x-src: 203.0.113.1", "x-forwarded-for: 203.0.113.1"}, h("X-Real-IP: 203.0.113.1")),
		actionCase("set-src-port", "http-request set-src-port int(1234)\nhttp-request set-header X-Src %[src_port]",
			[]string{"x-src: 1234"}, get("/")),
		normalize("merge-slashes", "http-request normalize-uri path-merge-slashes", []string{"srv1 line: GET /a/b/c HTTP/1.1"}, get("//a///b/c")),
		normalize("strip-dot", "http-request normalize-uri path-strip-dot", []string{"srv1 line: GET /a/b HTTP/1.1"}, get("/a/./b")),
		normalize("strip-dotdot", "http-request normalize-uri path-strip-dotdot", []string{"srv1 line: GET /b/c HTTP/1.1"}, get("/a/../b/c")),
		normalize("percent-decode", "http-request normalize-uri percent-decode-unreserved", []string{"srv1 line: GET /abc%2F HTTP/1.1"}, get("/%61b%63%2F")),
		normalize("percent-upper", "http-request normalize-uri percent-to-uppercase", []string{"srv1 line: GET /a%2Fb HTTP/1.1"}, get("/a%2fb")),
		normalize("query-sort", "http-request normalize-uri query-sort-by-name", []string{"srv1 line: GET /p?a=2&b=1&c=3 HTTP/1.1"}, get("/p?c=3&a=2&b=1")),
		normalize("fragment-strip", "option accept-invalid-http-request\nhttp-request normalize-uri fragment-strip", []string{"srv1 line: GET /p"}, get("/p#frag")),
		actionCase("early-hint", "http-request early-hint Link \"</style.css>; rel=preload; as=style\"",
			[]string{"c1 r1: HTTP/1.1 103 Early Hints", "c1 r2: HTTP/1.1 200 OK"}, get("/")),
		{
			Name:   "action-set-timeout-server",
			Config: simple("", "http-request set-timeout server 200ms"),
			Script: each(get("/", "X-Be-Delay: 600")),
			Want:   []string{"c1 r1: HTTP/1.1 504 Gateway Time-out"},
		},
		actionCase("add-acl-runtime", "http-request add-acl({{file \"ban.lst\"}}) %[src] if { path /ban-me }\nhttp-request deny if { src -f {{file \"ban.lst\"}} }",
			[]string{"c1 r1: HTTP/1.1 403 Forbidden", "c2 r1: HTTP/1.1 403 Forbidden"}, get("/ban-me"), get("/after")),
		actionCase("set-map-runtime", "http-request set-map({{file \"route.map\"}}) %[path] %[hdr(x-v)] if { hdr(x-v) -m found }\nhttp-request set-header X-M %[path,map({{file \"route.map\"}},none)]",
			[]string{"srv1 h3: x-m: learned", "srv2 h2: x-m: learned", "srv3 h2: x-m: alpha"}, get("/b", "X-V: learned"), get("/b"), get("/a")),
		actionCase("del-map-runtime", "http-request del-map({{file \"route.map\"}}) %[path] if { path /a } { hdr(x-del) 1 }\nhttp-request set-header X-M %[path,map({{file \"route.map\"}},none)]",
			[]string{"srv2 h2: x-m: none"}, get("/a", "X-Del: 1"), get("/a")),
		actionCase("strict-mode-off", "http-request strict-mode off\nhttp-request replace-header Host (.*) \\1\nhttp-request set-header X-Ok 1",
			[]string{"x-ok: 1"}, get("/")),
		actionCase("disable-l7-retry", "http-request disable-l7-retry", []string{"c1 r1: HTTP/1.1 200 OK"}, get("/")),
		{
			Name:   "action-use-service-prometheus",
			Config: simple("http-request use-service prometheus-exporter if { path /metrics }", ""),
			Script: each(get("/metrics")),
			// The exporter's figures change from run to run (uptime,
			// memory, pid); the metric names and help lines must not.
			// haproxy_process_build_info's version label is hakeep's
			// own version string by design (haproxy/version.go,
			// docs/COMPAT-haproxy-differences.md).
			Masks: []string{`build_info\{version=[^}]*\}`, `[0-9][0-9.e+-]*`},
			Want:  []string{"c1 r1: HTTP/<masked> <masked> OK", "haproxy_process_"},
		},
	}
	for _, c := range cases {
		c.Files = files
		if !hasServer(c.Config) {
			continue
		}
		c.Config += users + "\nhttp-errors custom\n    errorfile 403 {{file \"403.http\"}}\n"
	}
	return cases
}
