package httpdiff

// errorPageFiles are raw HTTP responses for errorfile and http-errors.
func errorPageFiles() map[string]string {
	page := func(status, body string) string {
		return "HTTP/1.1 " + status + "\r\nContent-Type: text/plain\r\nCache-Control: no-cache\r\nContent-Length: " +
			itoa(len(body)) + "\r\n\r\n" + body
	}
	return map[string]string{
		"400.http":     page("400 Bad Request", "custom bad request"),
		"403.http":     page("403 Forbidden", "custom forbidden"),
		"408.http":     page("408 Request Timeout", "custom timeout"),
		"502.http":     page("502 Bad Gateway", "custom bad gateway"),
		"503.http":     page("503 Service Unavailable", "custom unavailable"),
		"504.http":     page("504 Gateway Timeout", "custom gateway timeout"),
		"site503.http": page("503 Service Unavailable", "site is down"),
		"site403.http": page("403 Forbidden", "site forbids"),
		"empty.http":   "",
	}
}

// errorPageCases: errorfile, errorfiles and http-errors sections,
// http-error, errorloc/errorloc302/errorloc303 (configuration.txt 4.2
// "errorfile", "errorfiles", "errorloc", 3.8 "http-errors", "http-error").
func errorPageCases() []*Case {
	down := "server s1 {{srv \"s1\"}} disabled"
	sections := "\nhttp-errors site\n    errorfile 503 {{file \"site503.http\"}}\n    errorfile 403 {{file \"site403.http\"}}\n"
	ep := func(name, fe, be string, want []string, script []Step) *Case {
		return &Case{Name: "errorpage-" + name, Config: simple(fe, be) + sections, Files: errorPageFiles(), Script: script, Want: want}
	}
	timeouts := func(t, fe, be string) string {
		return "defaults\n    mode http\n" + indent(t) + "frontend fe\n    bind {{addr \"fe\"}}\n" + indent(fe) +
			"    default_backend be\nbackend be\n" + indent(be) + sections
	}
	return []*Case{
		ep("errorfile-503-backend", "", "errorfile 503 {{file \"503.http\"}}\n"+down, []string{"c1 r1 body: custom unavailable"}, each(get("/"))),
		ep("errorfile-503-frontend", "errorfile 503 {{file \"503.http\"}}", down, []string{"c1 r1 body: custom unavailable"}, each(get("/"))),
		ep("errorfile-403-deny", "errorfile 403 {{file \"403.http\"}}\nhttp-request deny", "", []string{"c1 r1 body: custom forbidden"}, each(get("/"))),
		// Parsing errors are answered before any stream exists, with the
		// built-in page.
		ep("errorfile-400-parse-error", "errorfile 400 {{file \"400.http\"}}", "", []string{"c1 r1: HTTP/1.1 400 Bad request", "<h1>400 Bad request</h1>"}, each("GET\r\n\r\n")),
		ep("errorfile-400-deny", "errorfile 400 {{file \"400.http\"}}\nhttp-request deny deny_status 400", "", []string{"c1 r1 body: custom bad request"}, each(get("/"))),
		ep("errorfile-502", "", "errorfile 502 {{file \"502.http\"}}\nserver s1 {{srv \"s1\"}}", []string{"c1 r1 body: custom bad gateway"}, each(get("/", "X-Be-Hsize: 20000"))),
		ep("errorfile-empty-closes", "errorfile 403 {{file \"empty.http\"}}\nhttp-request deny", "", []string{"c1 r1: closed"}, each(get("/"))),
		ep("errorfiles-section", "errorfiles site", down, []string{"c1 r1 body: site is down"}, each(get("/"))),
		ep("errorfiles-section-one-code", "errorfiles site 403\nhttp-request deny if { path /deny }", down, []string{"c1 r1 body: site forbids", "c2 r1: HTTP/1.1 503 Service Unavailable"}, each(get("/deny"), get("/"))),
		ep("errorfiles-deny-action", "http-request deny errorfiles site", "", []string{"c1 r1 body: site forbids"}, each(get("/"))),
		ep("errorfile-overrides-errorfiles", "errorfiles site\nerrorfile 503 {{file \"503.http\"}}", down, []string{"c1 r1 body: custom unavailable"}, each(get("/"))),
		ep("http-error-string", "http-error status 503 content-type text/plain string \"down for now\"", down, []string{"c1 r1 body: down for now"}, each(get("/"))),
		ep("http-error-lf-string-hdr", "http-error status 403 content-type text/plain hdr X-Denied yes lf-string \"no access to %[path]\"\nhttp-request deny", "", []string{"c1 r1 body: no access to /secret", "x-denied: yes"}, each(get("/secret"))),
		ep("http-error-errorfiles", "http-error status 503 errorfiles site", down, []string{"c1 r1 body: site is down"}, each(get("/"))),
		ep("errorloc", "errorloc 503 http://errors.example/503.html", down, []string{"c1 r1: HTTP/1.1 302 Found", "location: http://errors.example/503.html"}, each(get("/"))),
		ep("errorloc302", "errorloc302 503 /maintenance", down, []string{"c1 r1: HTTP/1.1 302 Found", "location: /maintenance"}, each(get("/"))),
		ep("errorloc303", "errorloc303 503 /maintenance", down, []string{"c1 r1: HTTP/1.1 303 See Other", "location: /maintenance"}, each(get("/"))),
		ep("errorloc-403", "errorloc 403 /why\nhttp-request deny", "", []string{"location: /why"}, each(get("/"))),
		ep("deny-status-uses-errorfile", "errorfile 503 {{file \"503.http\"}}\nhttp-request deny deny_status 503", "", []string{"c1 r1 body: custom unavailable"}, each(get("/"))),
		ep("return-errorfiles", "http-request return status 503 errorfiles site", "", []string{"c1 r1 body: site is down"}, each(get("/"))),
		ep("response-deny-502-errorfile", "errorfile 502 {{file \"502.http\"}}\nhttp-response deny", "", []string{"c1 r1 body: custom bad gateway"}, each(get("/"))),
		{
			Name:   "errorpage-defaults-errorfile",
			Config: "defaults\n    mode http\n    timeout connect 1s\n    timeout client 3s\n    timeout server 3s\n    errorfile 503 {{file \"503.http\"}}\nfrontend fe\n    bind {{addr \"fe\"}}\n    default_backend be\nbackend be\n    " + down + "\n",
			Files:  errorPageFiles(),
			Script: each(get("/")),
			Want:   []string{"c1 r1 body: custom unavailable"},
		},
		{
			Name:   "errorpage-defaults-errorfiles",
			Config: "defaults\n    mode http\n    timeout connect 1s\n    timeout client 3s\n    timeout server 3s\n    errorfiles site\nfrontend fe\n    bind {{addr \"fe\"}}\n    default_backend be\nbackend be\n    " + down + "\n" + sections,
			Files:  errorPageFiles(),
			Script: each(get("/")),
			Want:   []string{"c1 r1 body: site is down"},
		},
		{
			Name:   "errorpage-errorfile-408",
			Config: timeouts("timeout connect 1s\ntimeout client 3s\ntimeout server 3s\ntimeout http-request 200ms", "errorfile 408 {{file \"408.http\"}}", "server s1 {{srv \"s1\"}}"),
			Files:  errorPageFiles(),
			Script: steps(send(1, "GET / HTTP/1.1\r\n"), read(1)),
			Want:   []string{"c1 r1: HTTP/1.1 408 Request Time-out", "<h1>408 Request Time-out</h1>"},
		},
		{
			Name:     "errorpage-errorfile-504",
			Config:   timeouts("timeout connect 1s\ntimeout client 3s\ntimeout server 200ms", "", "errorfile 504 {{file \"504.http\"}}\nserver s1 {{srv \"s1\"}}"),
			Files:    errorPageFiles(),
			Backends: []Backend{{Name: "s1", Kind: Silent}},
			Script:   each(get("/")),
			Want:     []string{"c1 r1 body: custom gateway timeout"},
		},
		{
			Name:   "errorpage-keepalive-after-errorfile",
			Config: simple("errorfile 403 {{file \"403.http\"}}\nhttp-request deny if { path /deny }", "") + sections,
			Files:  errorPageFiles(),
			Script: onOne(get("/deny"), get("/ok")),
			Want:   []string{"c1 r1 body: custom forbidden"},
		},
	}
}

// logFormatCases: log-format strings in header values and backend names
// (configuration.txt 8.2.4 "Custom log format").
func logFormatCases() []*Case {
	lf := func(name, value string, want string, reqs ...string) *Case {
		return &Case{
			Name:   "logformat-" + name,
			Config: simple("http-request set-header X-L \""+value+"\"", ""),
			Script: each(reqs...),
			Want:   []string{"x-l: " + want + "\n"},
		}
	}
	return []*Case{
		lf("literal-and-fetches", "client=%[src] path=%[path]", "client=127.0.0.1 path=/p", get("/p?q")),
		lf("client-frontend-vars", "%ci:%cp -> %fi:%fp", "127.0.0.1:<cport1> -> 127.0.0.1:<fe>", get("/")),
		lf("frontend-name", "%f/%ft", "fe/fe", get("/")),
		lf("http-vars", "%HM %HU %HP %HQ %HV", "GET /a/b?c=d /a/b ?c=d HTTP/1.1", get("/a/b?c=d")),
		lf("percent-escape", "100%% sure", "100% sure", get("/")),
		// +Q quotes in logs only; a header value stays bare.
		lf("quoted", "%{+Q}[path]", "/quoted", get("/quoted")),
		lf("hex-flag", "%{+X}ci", "7F000001", get("/")),
		lf("converters-inside", "%[path,upper,length]", "6", get("/abcde")),
		lf("request-counter", "%rt", "0", get("/")),
		{
			// The host name and pid are masked: what is compared is that
			// both expand them, and what surrounds them.
			Name:   "logformat-hostname-pid",
			Config: simple("http-request set-header X-L \"host=%H pid=%pid\"", ""),
			Script: each(get("/")),
			Masks:  []string{`host=\S+`, `pid=[0-9]+`},
			Want:   []string{"x-l: <masked> <masked>\n"},
		},
		{
			Name:   "logformat-unique-id-in-format",
			Config: simple("unique-id-format uid-%[path]\nhttp-request set-header X-L %ID", ""),
			Script: each(get("/x")),
			// %ID does not make the id: empty until %[unique-id] asks for it.
			Want: []string{"x-l: \n"},
		},
		lf("empty-fetch", "[%[req.hdr(x-none)]]", "[]", get("/")),
		lf("escaped-space", "a\\ b", "a b", get("/")),
		{
			Name:   "logformat-use-backend-name",
			Config: defaultsHTTP + "frontend fe\n    bind {{addr \"fe\"}}\n    use_backend be_%[req.hdr(x-v),lower]_%[method,lower]\n    default_backend be\nbackend be\n    server s1 {{srv \"s1\"}}\nbackend be_api_get\n    server s2 {{srv \"s2\"}}\n",
			Script: each(get("/", "X-V: API"), req("POST", "/", "x", "X-V: api")),
			Want:   []string{"chosen: s2 s1"},
		},
		{
			Name:   "logformat-redirect-location",
			Config: simple("http-request redirect location /%[req.hdr(x-lang),lower]%[path]", ""),
			Script: each(get("/page", "X-Lang: FR")),
			Want:   []string{"location: /fr/page"},
		},
	}
}
