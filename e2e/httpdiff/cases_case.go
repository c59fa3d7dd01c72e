package httpdiff

// caseCases: HAProxy 2.x lower-cases header names on HTTP/1 output unless
// h1-case-adjust maps them back (configuration.txt 3.2
// "h1-case-adjust", 4 "option h1-case-adjust-bogus-client/server").
func caseCases() []*Case {
	adjust := "global\n    h1-case-adjust content-length Content-Length\n    h1-case-adjust x-custom X-CUSTOM\n    h1-case-adjust host Host\n"
	return []*Case{
		{
			Name:   "case-lowered-by-default",
			Config: simple("", ""),
			Script: each(get("/", "X-Mixed-Case: Value", "ACCEPT: */*")),
			Want:   []string{"srv1 h2: x-mixed-case: Value", "c1 r1 h1: x-server: s1"},
		},
		{
			Name:   "case-adjust-bogus-server",
			Config: adjust + simple("", "option h1-case-adjust-bogus-server"),
			Script: each(req("POST", "/", "body", "x-custom: 1")),
			Want:   []string{"srv1 h1: Host: test.local", "X-CUSTOM: 1"},
		},
		{
			Name:   "case-adjust-bogus-client",
			Config: adjust + simple("option h1-case-adjust-bogus-client", ""),
			Script: each(get("/", "X-Be-Header: X-Custom: 2")),
			Want:   []string{"Content-Length: 2", "X-CUSTOM: 2"},
		},
		{
			Name:   "case-adjust-file",
			Config: "global\n    h1-case-adjust-file {{file \"case.map\"}}\n" + simple("option h1-case-adjust-bogus-client", "option h1-case-adjust-bogus-server"),
			Files:  map[string]string{"case.map": "x-forwarded-for X-Forwarded-For\nx-server X-Server\n"},
			Script: each(get("/", "x-forwarded-for: 1.2.3.4")),
			Want:   []string{"srv1 h2: X-Forwarded-For: 1.2.3.4", "c1 r1 h1: X-Server: s1"},
		},
		{
			Name:   "case-adjust-without-option",
			Config: adjust + simple("", ""),
			Script: each(get("/", "x-custom: 3")),
			Want:   []string{"srv1 h2: x-custom: 3"},
		},
	}
}
