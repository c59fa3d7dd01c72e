package httpdiff

// forwardforCases: option forwardfor [except] [header] [if-none] and
// option originalto (configuration.txt 4 "option forwardfor").
func forwardforCases() []*Case {
	src := func(c int, ip string) Step { return openFrom(c, ip) }
	return []*Case{
		{
			Name:   "forwardfor-basic",
			Config: simple("option forwardfor", ""),
			Script: steps(src(1, "127.0.0.7"), exchange(1, get("/"))),
			Want:   []string{"srv1 h2: x-forwarded-for: 127.0.0.7"},
		},
		{
			Name:   "forwardfor-appends-to-existing",
			Config: simple("option forwardfor", ""),
			Script: each(get("/", "X-Forwarded-For: 192.0.2.1")),
			Want:   []string{"srv1 h2: x-forwarded-for: 192.0.2.1", "srv1 h3: x-forwarded-for: 127.0.0.1"},
		},
		{
			Name:   "forwardfor-in-backend",
			Config: simple("", "option forwardfor"),
			Script: each(get("/")),
			Want:   []string{"x-forwarded-for: 127.0.0.1"},
		},
		{
			Name:   "forwardfor-in-both",
			Config: simple("option forwardfor header X-FE-For", "option forwardfor header X-BE-For"),
			Script: each(get("/")),
			Want:   []string{"srv1 h2: x-be-for: 127.0.0.1"},
		},
		{
			Name:   "forwardfor-header-name",
			Config: simple("option forwardfor header X-Client-IP", ""),
			Script: each(get("/")),
			Want:   []string{"srv1 h2: x-client-ip: 127.0.0.1"},
		},
		{
			Name:   "forwardfor-except-network",
			Config: simple("option forwardfor except 127.0.0.0/29", ""),
			Script: steps(src(1, "127.0.0.3"), exchange(1, get("/in")), src(2, "127.0.0.9"), exchange(2, get("/out"))),
			Want:   []string{"srv2 h2: x-forwarded-for: 127.0.0.9"},
		},
		{
			Name:   "forwardfor-except-address",
			Config: simple("option forwardfor except 127.0.0.1", ""),
			Script: steps(exchange(1, get("/in")), src(2, "127.0.0.2"), exchange(2, get("/out"))),
			Want:   []string{"srv2 h2: x-forwarded-for: 127.0.0.2"},
		},
		{
			Name:   "forwardfor-if-none",
			Config: simple("option forwardfor if-none", ""),
			Script: each(get("/has", "X-Forwarded-For: 203.0.113.5"), get("/none")),
			Want:   []string{"srv2 h2: x-forwarded-for: 127.0.0.1"},
		},
		{
			Name:   "forwardfor-if-none-custom-header",
			Config: simple("option forwardfor header X-Real-IP if-none", ""),
			Script: each(get("/has", "X-Real-IP: 203.0.113.5"), get("/none", "x-real-ip: 1.1.1.1"), get("/other")),
			Want:   []string{"srv3 h2: x-real-ip: 127.0.0.1"},
		},
		{
			Name:   "forwardfor-ipv6-client",
			Config: defaultsHTTP + "frontend fe\n    bind {{addr6 \"fe\"}}\n    option forwardfor\n    default_backend be\nbackend be\n    server s1 {{srv \"s1\"}}\n",
			Script: steps(open6(1, "fe"), exchange(1, get("/"))),
			Want:   []string{"srv1 h2: x-forwarded-for: ::1"},
		},
		{
			Name:   "forwardfor-keepalive-each-request",
			Config: simple("option forwardfor", ""),
			Script: onOne(get("/1"), get("/2", "X-Forwarded-For: 198.51.100.1")),
			Want:   []string{"srv2 h3: x-forwarded-for: 127.0.0.1"},
		},
		{
			Name:   "originalto",
			Config: simple("option originalto", ""),
			Script: each(get("/")),
			Want:   []string{"srv1 h2: x-original-to: 127.0.0.1"},
		},
		{
			Name:   "originalto-header-except",
			Config: simple("option originalto header X-Dest except 127.0.0.2", ""),
			Script: each(get("/")),
			Want:   []string{"srv1 h2: x-dest: 127.0.0.1"},
		},
	}
}
