package httpdiff

// cookieCfg is a roundrobin backend of s1, s2 (cookie values s1, s2)
// persisted by the given cookie line.
func cookieCfg(fe, cookie, more string) string {
	return simple(fe, "balance roundrobin\n"+cookie+"\n"+more+"\nserver s1 {{srv \"s1\"}} cookie s1\nserver s2 {{srv \"s2\"}} cookie s2")
}

// cookieCases: cookie-based persistence in every mode, its options and
// its interplay with persist/redispatch, force-persist and ignore-persist
// (configuration.txt 4.2 "cookie", 5.2 "cookie").
func cookieCases() []*Case {
	ck := func(name, cookie string, want []string, reqs ...string) *Case {
		return &Case{Name: "cookie-" + name, Config: cookieCfg("", cookie, ""), Script: each(reqs...), Want: want}
	}
	withCookie := func(v string, more ...string) string { return get("/", append([]string{"Cookie: " + v}, more...)...) }
	sessionCookie := "X-Be-Header: Set-Cookie: JSESSIONID=abc123; Path=/"
	checkDown := "option httpchk GET /__check\n"
	downS2 := "server s1 {{srv \"s1\"}} cookie s1\nserver s2 {{srv \"s2\"}} cookie s2 check port {{srvport \"dead\"}} inter 100ms fall 1 rise 1"
	return []*Case{
		ck("insert", "cookie SRV insert", []string{"c1 r1 h3: set-cookie: SRV=s1; path=/", "chosen: s1 s2 s2"},
			get("/"), get("/"), withCookie("SRV=s2")),
		ck("insert-forwarded-to-server", "cookie SRV insert", []string{"srv1 h2: cookie: SRV=s2; other=1"}, withCookie("SRV=s2; other=1")),
		ck("insert-indirect", "cookie SRV insert indirect", []string{"chosen: s2 s1"}, withCookie("SRV=s2; other=1"), get("/")),
		ck("insert-indirect-nocache", "cookie SRV insert indirect nocache", []string{"c2 r1 h5: cache-control: private"}, get("/"), get("/", "X-Be-Header: Cache-Control: public, max-age=60")),
		ck("insert-postonly", "cookie SRV insert postonly", []string{"c2 r1 h3: set-cookie: SRV=s2; path=/"}, get("/"), req("POST", "/", "x")),
		ck("insert-httponly-secure", "cookie SRV insert httponly secure", []string{"set-cookie: SRV=s1; path=/; HttpOnly; Secure"}, get("/")),
		ck("insert-domain", "cookie SRV insert domain .example.com domain .example.org", []string{"set-cookie: SRV=s1; path=/; domain=.example.com"}, get("/")),
		ck("insert-attr", "cookie SRV insert attr \"SameSite=Strict\" attr \"Partitioned\"", []string{"set-cookie: SRV=s1; path=/; SameSite=Strict; Partitioned"}, get("/")),
		ck("insert-unknown-value", "cookie SRV insert", []string{"chosen: s1", "set-cookie: SRV=s1"}, withCookie("SRV=nobody")),
		ck("insert-valid-cookie-no-set-cookie", "cookie SRV insert", []string{"chosen: s1"}, withCookie("SRV=s1")),
		{
			Name:     "cookie-insert-preserve",
			Config:   cookieCfg("", "cookie SRV insert preserve", ""),
			Script:   each(get("/", "X-Be-Header: Set-Cookie: SRV=from-server; Path=/x")),
			Want:     []string{"set-cookie: SRV=from-server; Path=/x"},
			Backends: nil,
		},
		{
			Name:   "cookie-rewrite",
			Config: cookieCfg("", "cookie SRV rewrite", ""),
			Script: each(get("/", "X-Be-Header: Set-Cookie: SRV=placeholder; Path=/"), withCookie("SRV=s1")),
			Want:   []string{"set-cookie: SRV=s1; Path=/", "chosen: s1 s1"},
		},
		{
			Name:   "cookie-prefix",
			Config: cookieCfg("", "cookie JSESSIONID prefix", ""),
			Script: each(get("/", sessionCookie), withCookie("JSESSIONID=s2~xyz")),
			Want:   []string{"set-cookie: JSESSIONID=s1~abc123; Path=/", "srv2 h2: cookie: JSESSIONID=xyz", "chosen: s1 s2"},
		},
		{
			Name:   "cookie-maxidle-maxlife",
			Config: cookieCfg("", "cookie SRV insert maxidle 30m maxlife 2h", ""),
			// The second cookie's dates decode to zero: 2.6 keeps the
			// server and sets a fresh cookie. (A cookie with real dates
			// may or may not be refreshed, depending on when the clock
			// ticks: not compared.)
			Script: each(get("/"), get("/", "Cookie: SRV=s1|AAAAAA|AAAAAA")),
			// The cookie carries the dates it was set.
			Masks: []string{`SRV=s[12]\|[^;\n]*`},
			Want:  []string{"c2 r1 h3: set-cookie: <masked>; path=/", "chosen: s1 s1"},
		},
		{
			Name:   "cookie-dynamic",
			Config: simple("", "balance roundrobin\ncookie SRV insert dynamic\ndynamic-cookie-key sesame\nserver s1 {{srv \"s1\"}}\nserver s2 {{srv \"s2\"}}"),
			Script: steps(exchange(1, get("/")), exchange(2, get("/")), exchange(3, get("/", "Cookie: SRV=$COOKIE(SRV)"))),
			// Dynamic cookies hash the servers' addresses, whose ports
			// change from run to run.
			Masks: []string{`SRV=[0-9a-f]{16}`},
			Want:  []string{"set-cookie: <masked>; path=/", "chosen: s1 s2 s2"},
		},
		{
			Name:   "cookie-disabled-server-redispatched",
			Config: simple("", "cookie SRV insert\nserver s1 {{srv \"s1\"}} cookie s1\nserver s2 {{srv \"s2\"}} cookie s2 disabled"),
			Script: each(withCookie("SRV=s2")),
			Want:   []string{"chosen: s1", "set-cookie: SRV=s1"},
		},
		{
			Name:   "cookie-force-persist-disabled",
			Config: simple("", "cookie SRV insert\nforce-persist if { hdr(x-force) 1 }\nserver s1 {{srv \"s1\"}} cookie s1\nserver s2 {{srv \"s2\"}} cookie s2 disabled"),
			Script: each(withCookie("SRV=s2", "X-Force: 1"), withCookie("SRV=s2")),
			Want:   []string{"chosen: s2 s1"},
		},
		{
			Name:   "cookie-ignore-persist",
			Config: cookieCfg("", "cookie SRV insert", "ignore-persist if { path_beg /static }"),
			Script: each(get("/static/a", "Cookie: SRV=s2"), get("/static/b", "Cookie: SRV=s2"), get("/app", "Cookie: SRV=s2")),
			Want:   []string{"chosen: s1 s2 s2"},
		},
		{
			Name:     "cookie-down-server-without-persist",
			Config:   simple("", checkDown+"cookie SRV insert\n"+downS2),
			Backends: []Backend{{Name: "dead", Kind: Refuse}},
			Script:   steps(sleep(500), each(withCookie("SRV=s2"))),
			Want:     []string{"chosen: s1"},
		},
		{
			Name:     "cookie-down-server-option-persist",
			Config:   simple("", checkDown+"cookie SRV insert\noption persist\n"+downS2),
			Backends: []Backend{{Name: "dead", Kind: Refuse}},
			Script:   steps(sleep(500), each(withCookie("SRV=s2"))),
			Want:     []string{"chosen: s2"},
		},
		{
			Name:     "cookie-persist-redispatch-on-failure",
			Config:   simple("", "cookie SRV insert\noption persist\noption redispatch\nretries 1\nserver s1 {{srv \"s1\"}} cookie s1\nserver s2 {{srv \"s2\"}} cookie s2"),
			Backends: []Backend{{Name: "s2", Kind: Refuse}},
			Script:   each(withCookie("SRV=s2")),
			Want:     []string{"chosen: s1", "set-cookie: SRV=s1"},
		},
		{
			Name:     "cookie-persist-no-redispatch-503",
			Config:   simple("", "cookie SRV insert\noption persist\nretries 1\nserver s1 {{srv \"s1\"}} cookie s1\nserver s2 {{srv \"s2\"}} cookie s2"),
			Backends: []Backend{{Name: "s2", Kind: Refuse}},
			Script:   each(withCookie("SRV=s2")),
			Want:     []string{"c1 r1: HTTP/1.1 503 Service Unavailable"},
		},
		{
			Name:   "cookie-server-without-value",
			Config: simple("", "balance roundrobin\ncookie SRV insert\nserver s1 {{srv \"s1\"}}\nserver s2 {{srv \"s2\"}} cookie two"),
			Script: each(get("/"), get("/"), withCookie("SRV=two")),
			Want:   []string{"chosen: s1 s2 s2"},
		},
		{
			Name:   "cookie-keepalive-switches-server",
			Config: cookieCfg("", "cookie SRV insert indirect", ""),
			Script: onOne(withCookie("SRV=s2"), withCookie("SRV=s1"), withCookie("SRV=s2")),
			Want:   []string{"chosen: s2 s1 s2"},
		},
		{
			Name:   "cookie-in-defaults",
			Config: "defaults\n    mode http\n    timeout connect 1s\n    timeout client 3s\n    timeout server 3s\n    cookie SRV insert indirect nocache\nfrontend fe\n    bind {{addr \"fe\"}}\n    default_backend be\nbackend be\n    server s1 {{srv \"s1\"}} cookie a\n",
			Script: each(get("/")),
			Want:   []string{"set-cookie: SRV=a; path=/"},
		},
	}
}
