package httpdiff

// errorCases: the responses the proxy writes itself, on bad requests, on
// servers that fail, and when nothing can serve (configuration.txt 1.3.1
// status codes, 4 "errorfile").
func errorCases() []*Case {
	return []*Case{
		{
			Name:   "error-400-bad-request-line",
			Config: simple("", ""),
			Script: each("GET\r\n\r\n"),
			Want:   []string{"c1 r1: HTTP/1.1 400 Bad request", "chosen: \n"},
		},
		{
			Name:   "error-400-space-in-header-name",
			Config: simple("", ""),
			Script: each("GET / HTTP/1.1\r\nHost: a\r\nBad Header: x\r\n\r\n"),
			Want:   []string{"c1 r1: HTTP/1.1 400 Bad request"},
		},
		{
			Name:   "error-400-bad-content-length",
			Config: simple("", ""),
			Script: each("POST / HTTP/1.1\r\nHost: a\r\nContent-Length: abc\r\n\r\n"),
			Want:   []string{"c1 r1: HTTP/1.1 400 Bad request"},
		},
		{
			Name:   "error-400-conflicting-content-lengths",
			Config: simple("", ""),
			Script: each("POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 3\r\nContent-Length: 4\r\n\r\nabcd"),
			Want:   []string{"c1 r1: HTTP/1.1 400 Bad request"},
		},
		{
			Name:   "error-400-bad-chunk-size",
			Config: simple("", ""),
			Script: each("POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\nhello\r\n0\r\n\r\n"),
			Want:   []string{"c1 r1: HTTP/1.1 400 Bad request"},
		},
		{
			Name:   "error-400-http09",
			Config: simple("", ""),
			Script: steps(send(1, "GET /\r\n"), readEOF(1)),
			Want:   []string{"c1 raw1: \"HTTP/1.1 400 Bad request"},
		},
		{
			Name:   "error-unknown-version-forwarded",
			Config: simple("", ""),
			Script: each("GET / HTTP/9.1\r\nHost: a\r\n\r\n"),
			Want:   []string{"c1 r1: HTTP/1.1 200 OK"},
		},
		{
			Name:   "error-missing-host-http11-forwarded",
			Config: simple("", ""),
			Script: each("GET / HTTP/1.1\r\n\r\n"),
			Want:   []string{"c1 r1: HTTP/1.1 200 OK"},
		},
		{
			Name:   "error-400-absolute-uri-host-mismatch",
			Config: simple("", ""),
			Script: each("GET http://one.example/ HTTP/1.1\r\nHost: two.example\r\n\r\n"),
			Want:   []string{"c1 r1: HTTP/1.1 400 Bad request"},
		},
		{
			Name:   "error-absolute-uri-forwarded",
			Config: simple("", ""),
			Script: each("GET http://one.example/p?q HTTP/1.1\r\nHost: one.example\r\n\r\n"),
			Want:   []string{"c1 r1: HTTP/1.1 200 OK"},
		},
		{
			Name:   "error-400-unknown-transfer-encoding",
			Config: simple("", ""),
			Script: each("POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: gzip\r\n\r\nabc"),
			Want:   []string{"c1 r1: HTTP/1.1 400 Bad request"},
		},
		{
			Name:   "error-accept-invalid-http-request",
			Config: simple("option accept-invalid-http-request", ""),
			Script: each("GET /a|b HTTP/1.1\r\nHost: a\r\n\r\n"),
			Want:   []string{"c1 r1: HTTP/1.1 200 OK"},
		},
		{
			Name:   "error-400-control-char-in-uri",
			Config: simple("", ""),
			Script: each("GET /a\x01b HTTP/1.1\r\nHost: a\r\n\r\n"),
			Want:   []string{"c1 r1: HTTP/1.1 400 Bad request"},
		},
		{
			Name:   "error-403-deny",
			Config: simple("http-request deny", ""),
			Script: each(get("/")),
			Want:   []string{"c1 r1: HTTP/1.1 403 Forbidden"},
		},
		{
			Name:     "error-502-garbage-response",
			Config:   simple("", ""),
			Backends: []Backend{{Name: "s1", Raw: "this is not HTTP\r\n\r\n"}},
			Script:   each(get("/")),
			Want:     []string{"c1 r1: HTTP/1.1 502 Bad Gateway"},
		},
		{
			// 2.6 checks that the status is numeric, not that it has
			// three digits.
			Name:     "error-four-digit-status-relayed",
			Config:   simple("", ""),
			Backends: []Backend{{Name: "s1", Raw: "HTTP/1.1 2000 OK\r\nContent-Length: 0\r\n\r\n"}},
			Script:   each(get("/")),
			Want:     []string{"c1 r1: HTTP/1.1 2000 OK"},
		},
		{
			Name:     "error-502-non-numeric-status",
			Config:   simple("", ""),
			Backends: []Backend{{Name: "s1", Raw: "HTTP/1.1 2x0 OK\r\nContent-Length: 0\r\n\r\n"}},
			Script:   each(get("/")),
			Want:     []string{"c1 r1: HTTP/1.1 502 Bad Gateway"},
		},
		{
			Name:     "error-502-server-reset",
			Config:   simple("", ""),
			Backends: []Backend{{Name: "s1", Kind: Reset}},
			Script:   each(get("/")),
			Want:     []string{"c1 r1: HTTP/1.1 502 Bad Gateway"},
		},
		{
			Name:     "error-502-truncated-headers",
			Config:   simple("", ""),
			Backends: []Backend{{Name: "s1", Raw: "HTTP/1.1 200 OK\r\nContent-Le"}},
			Script:   each(get("/")),
			Want:     []string{"c1 r1: HTTP/1.1 502 Bad Gateway"},
		},
		{
			Name:     "error-truncated-body",
			Config:   simple("", ""),
			Backends: []Backend{{Name: "s1", Raw: "HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nabc"}},
			Script:   each(get("/")),
			Want:     []string{"c1 r1: HTTP/1.1 200 OK", "c1 r1 body cut: eof"},
		},
		{
			Name:     "error-502-invalid-response-header",
			Config:   simple("", ""),
			Backends: []Backend{{Name: "s1", Raw: "HTTP/1.1 200 OK\r\nBad Name: x\r\nContent-Length: 0\r\n\r\n"}},
			Script:   each(get("/")),
			Want:     []string{"c1 r1: HTTP/1.1 502 Bad Gateway"},
		},
		{
			Name:     "error-accept-invalid-http-response",
			Config:   simple("", "option accept-invalid-http-response"),
			Backends: []Backend{{Name: "s1", Raw: "HTTP/1.1 200 OK\r\nX-Odd: a\x01b\r\nContent-Length: 2\r\n\r\nok"}},
			Script:   each(get("/")),
			Want:     []string{"c1 r1: HTTP/1.1 200 OK"},
		},
		{
			Name:     "error-http10-response-no-length",
			Config:   simple("", ""),
			Backends: []Backend{{Name: "s1", Raw: "HTTP/1.0 200 OK\r\nX-Old: yes\r\n\r\nold style body"}},
			Script:   each(get("/")),
			Want:     []string{"c1 r1 body: old style body"},
		},
		{
			Name:     "error-503-refused-no-retry-left",
			Config:   simple("", "retries 0"),
			Backends: []Backend{{Name: "s1", Kind: Refuse}},
			Script:   each(get("/")),
			Want:     []string{"c1 r1: HTTP/1.1 503 Service Unavailable"},
		},
		{
			Name:     "error-504-body",
			Config:   "defaults\n    mode http\n    timeout connect 1s\n    timeout client 3s\n    timeout server 200ms\nfrontend fe\n    bind {{addr \"fe\"}}\n    default_backend be\nbackend be\n    server s1 {{srv \"s1\"}}\n",
			Backends: []Backend{{Name: "s1", Kind: Silent}},
			Script:   each(get("/")),
			Want:     []string{"c1 r1: HTTP/1.1 504 Gateway Time-out"},
		},
		{
			Name:     "error-keepalive-after-502",
			Config:   simple("", ""),
			Backends: []Backend{{Name: "s1", Kind: Reset}},
			Script:   onOne(get("/1"), get("/2")),
			Want:     []string{"c1 r1: HTTP/1.1 502 Bad Gateway"},
		},
	}
}
