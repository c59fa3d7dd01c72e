package httpdiff

import "strings"

// limitCases: tune.bufsize and tune.maxrewrite bound what a request or
// response head may hold (configuration.txt 3.2 "tune.bufsize",
// "tune.maxrewrite"); beyond, the proxy answers itself.
func limitCases() []*Case {
	tuned := func(fe, be string) string {
		return "global\n    tune.bufsize 4096\n    tune.maxrewrite 1024\n" + simple(fe, be)
	}
	pad := func(n int) string { return strings.Repeat("a", n) }
	return []*Case{
		{
			Name:   "limit-header-fits",
			Config: tuned("", ""),
			Script: each(get("/", "X-Pad: "+pad(2500))),
			Want:   []string{"c1 r1: HTTP/1.1 200 OK"},
		},
		{
			Name:   "limit-header-too-large",
			Config: tuned("", ""),
			Script: each(get("/", "X-Pad: "+pad(3500))),
			Want:   []string{"chosen: \n"},
		},
		{
			Name:   "limit-uri-too-long",
			Config: tuned("", ""),
			Script: each(get("/" + pad(3500))),
			Want:   []string{"chosen: \n"},
		},
		{
			Name:   "limit-many-headers",
			Config: simple("", ""),
			Script: each(get("/", repeat(110, "X-Many: 1")...)),
			Want:   []string{"chosen: \n"},
		},
		{
			Name:   "limit-headers-under-count",
			Config: simple("", ""),
			Script: each(get("/", repeat(90, "X-Many: 1")...)),
			Want:   []string{"c1 r1: HTTP/1.1 200 OK"},
		},
		{
			Name:   "limit-default-bufsize",
			Config: simple("", ""),
			Script: each(get("/", "X-Pad: "+pad(16000))),
			Want:   []string{"chosen: \n"},
		},
		{
			Name:   "limit-rewrite-needs-room",
			Config: tuned("http-request set-header X-Big "+pad(900), ""),
			Script: each(get("/", "X-Pad: "+pad(2800))),
			Want:   []string{"c1 r1: HTTP/1.1"},
		},
		{
			// A rewrite that does not fit fails the request (strict-mode
			// is on by default).
			Name:   "limit-rewrite-overflows",
			Config: tuned("http-request set-header X-Big "+pad(1500), ""),
			Script: each(get("/", "X-Pad: "+pad(2800))),
			Want:   []string{"c1 r1: HTTP/1.1 500 Internal Server Error"},
		},
		{
			Name:   "limit-rewrite-overflows-lenient",
			Config: tuned("http-request strict-mode off\nhttp-request set-header X-Big "+pad(1500)+"\nhttp-request set-header X-After yes", ""),
			Script: each(get("/", "X-Pad: "+pad(2800))),
			Want:   []string{"c1 r1: HTTP/1.1"},
		},
		{
			Name:   "limit-response-header-too-large",
			Config: tuned("", ""),
			Script: each(get("/", "X-Be-Hsize: 3500")),
			Want:   []string{"c1 r1: HTTP/1.1 502 Bad Gateway"},
		},
		{
			Name:   "limit-body-larger-than-buffer",
			Config: tuned("", ""),
			Script: each(req("POST", "/", pad(20000))),
			Want:   []string{"srv1 h2: content-length: 20000"},
		},
		{
			Name:   "limit-buffer-request-too-big",
			Config: tuned("option http-buffer-request", ""),
			Script: each(req("POST", "/", pad(20000))),
			Want:   []string{"c1 r1: HTTP/1.1"},
		},
	}
}
