package httpdiff

func basicCases() []*Case {
	return []*Case{
		{
			Name:   "basic-get",
			Config: simple("", ""),
			Script: each(get("/")),
			Want:   []string{"c1 r1: HTTP/1.1 200 OK", "srv1 line: GET / HTTP/1.1", "chosen: s1"},
		},
		{
			Name:   "basic-keepalive",
			Config: simple("", ""),
			Script: onOne(get("/a"), get("/b"), req("POST", "/c", "hello")),
			Want:   []string{"c1 r3: HTTP/1.1 200 OK", "srv3 body: hello", "c1 end: open"},
		},
	}
}
