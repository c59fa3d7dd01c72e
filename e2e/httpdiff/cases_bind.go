package httpdiff

// connInfo shows the back end which listener and addresses a request
// came through.
const connInfo = `http-request set-header X-Conn %[src],%[src_port],%[dst],%[dst_port]`

// bindCases: several binds per frontend, port ranges, address family
// prefixes, unix sockets, v4v6/v6only, accept-proxy and maxconn
// (configuration.txt 4.2 "bind", 5.1 bind options).
func bindCases() []*Case {
	twoFE := func(bind4, bind6 string) string {
		return defaultsHTTP + `
frontend fe4
    bind ` + bind4 + `
    http-request set-header X-FE %[fe_name]
    ` + connInfo + `
    default_backend be
frontend fe6
    bind ` + bind6 + `
    http-request set-header X-FE %[fe_name]
    ` + connInfo + `
    default_backend be
backend be
    server s1 {{srv "s1"}}
`
	}
	return []*Case{
		{
			Name: "bind-several-per-frontend",
			Config: simple(`bind {{addr "fe2"}}
bind {{addr "fe3"}}
`+connInfo, ""),
			Script: steps(exchange(1, get("/a")), openTo(2, "fe2"), exchange(2, get("/b")), openTo(3, "fe3"), exchange(3, get("/c"))),
			Want:   []string{"srv2 h2: x-conn: 127.0.0.1,<cport2>,127.0.0.1,<fe2>", "srv3 h2: x-conn: 127.0.0.1,<cport3>,127.0.0.1,<fe3>"},
		},
		{
			Name: "bind-port-range",
			Config: defaultsHTTP + `
frontend fe
    bind 127.0.0.1:{{portrange "fe" 3}}
    ` + connInfo + `
    default_backend be
backend be
    server s1 {{srv "s1"}}
`,
			Script: steps(
				Step{Op: OpOpen, Conn: 1, To: "fe"}, exchange(1, get("/0")),
				Step{Op: OpOpen, Conn: 2, To: "fe", Offset: 1}, exchange(2, get("/1")),
				Step{Op: OpOpen, Conn: 3, To: "fe", Offset: 2}, exchange(3, get("/2"))),
			Want: []string{"srv1 h2: x-conn: 127.0.0.1,<cport1>,127.0.0.1,<fe>", "srv3 h2: x-conn: 127.0.0.1,<cport3>,127.0.0.1,<fe+2>"},
		},
		{
			Name:   "bind-ipv4-prefix",
			Config: defaultsHTTP + "frontend fe\n    bind ipv4@127.0.0.1:{{port \"fe\"}}\n    " + connInfo + "\n    default_backend be\nbackend be\n    server s1 {{srv \"s1\"}}\n",
			Script: each(get("/")),
			Want:   []string{"srv1 h2: x-conn: 127.0.0.1,<cport1>,127.0.0.1,<fe>"},
		},
		{
			Name:   "bind-ipv6-prefix",
			Config: defaultsHTTP + "frontend fe\n    bind ipv6@::1:{{port \"fe\"}}\n    " + connInfo + "\n    default_backend be\nbackend be\n    server s1 {{srv \"s1\"}}\n",
			Script: steps(open6(1, "fe"), exchange(1, get("/"))),
			Want:   []string{"srv1 h2: x-conn: ::1,<cport1>,::1,<fe>"},
		},
		{
			Name:   "bind-ipv6-brackets",
			Config: defaultsHTTP + "frontend fe\n    bind {{addr6 \"fe\"}}\n    " + connInfo + "\n    option forwardfor\n    default_backend be\nbackend be\n    server s1 {{srv \"s1\"}}\n",
			Script: steps(open6(1, "fe"), exchange(1, get("/"))),
			Want:   []string{"srv1 h3: x-forwarded-for: ::1"},
		},
		{
			Name:   "bind-unix-prefix",
			Config: defaultsHTTP + "frontend fe\n    bind unix@{{sock \"fe\"}}\n    " + connInfo + "\n    option forwardfor\n    default_backend be\nbackend be\n    server s1 {{srv \"s1\"}}\n",
			Script: steps(openUnix(1, "fe"), exchange(1, get("/"))),
			Want:   []string{"c1 r1: HTTP/1.1 200 OK"},
		},
		{
			Name:   "bind-unix-path",
			Config: defaultsHTTP + "frontend fe\n    bind {{sock \"fe\"}} mode 600\n    default_backend be\nbackend be\n    server s1 {{srv \"s1\"}}\n",
			Script: steps(openUnix(1, "fe"), exchange(1, get("/u")), openUnix(2, "fe"), exchange(2, get("/v"))),
			Want:   []string{"srv2 line: GET /v HTTP/1.1"},
		},
		{
			Name:   "bind-unix-and-tcp",
			Config: simple("bind unix@{{sock \"fe2\"}}\nhttp-request set-header X-Dst %[dst_port]", ""),
			Script: steps(exchange(1, get("/tcp")), openUnix(2, "fe2"), exchange(2, get("/unix"))),
			Want:   []string{"srv1 h2: x-dst: <fe>"},
		},
		{
			Name:   "bind-v4v6",
			Config: defaultsHTTP + "frontend fe\n    bind :::{{port \"fe\"}} v4v6\n    " + connInfo + "\n    default_backend be\nbackend be\n    server s1 {{srv \"s1\"}}\n",
			Script: steps(exchange(1, get("/v4")), open6(2, "fe"), exchange(2, get("/v6"))),
			Want:   []string{"srv1 line: GET /v4", "srv2 h2: x-conn: ::1,<cport2>,::1,<fe>"},
		},
		{
			Name:   "bind-v6only",
			Config: twoFE("127.0.0.1:{{port \"fe\"}}", ":::{{port \"fe\"}} v6only"),
			Script: steps(exchange(1, get("/v4")), open6(2, "fe"), exchange(2, get("/v6")), exchange(3, get("/v4again"))),
			Want:   []string{"srv1 h2: x-fe: fe4", "srv2 h2: x-fe: fe6", "srv3 h2: x-fe: fe4"},
		},
		{
			Name:   "bind-second-loopback-address",
			Config: defaultsHTTP + "frontend fe\n    bind 127.0.0.2:{{port \"fe\"}}\n    " + connInfo + "\n    default_backend be\nbackend be\n    server s1 {{srv \"s1\"}}\n",
			Script: steps(Step{Op: OpOpen, Conn: 1, Host: "127.0.0.2", Src: "127.0.0.9"}, exchange(1, get("/"))),
			Want:   []string{"srv1 h2: x-conn: 127.0.0.9,<cport1>,127.0.0.2,<fe>"},
		},
		{
			Name:   "bind-two-frontends",
			Config: twoFE("{{addr \"fe\"}}", "{{addr \"fe2\"}}"),
			Script: steps(exchange(1, get("/one")), openTo(2, "fe2"), exchange(2, get("/two"))),
			Want:   []string{"srv1 h2: x-fe: fe4", "srv2 h2: x-fe: fe6"},
		},
		{
			Name:   "accept-proxy-v1",
			Config: simple("bind {{addr \"pp\"}} accept-proxy\n"+connInfo+"\noption forwardfor", ""),
			Script: steps(openTo(1, "pp"), exchange(1, "PROXY TCP4 192.0.2.1 198.51.100.2 1234 80\r\n"+get("/"))),
			Want:   []string{"srv1 h2: x-conn: 192.0.2.1,1234,198.51.100.2,80", "srv1 h3: x-forwarded-for: 192.0.2.1"},
		},
		{
			Name:   "accept-proxy-v1-tcp6",
			Config: simple("bind {{addr \"pp\"}} accept-proxy\n"+connInfo, ""),
			Script: steps(openTo(1, "pp"), exchange(1, "PROXY TCP6 2001:db8::1 2001:db8::2 4321 443\r\n"+get("/"))),
			Want:   []string{"srv1 h2: x-conn: 2001:db8::1,4321,2001:db8::2,443"},
		},
		{
			Name:   "accept-proxy-v1-unknown",
			Config: simple("bind {{addr \"pp\"}} accept-proxy\n"+connInfo, ""),
			Script: steps(openTo(1, "pp"), exchange(1, "PROXY UNKNOWN\r\n"+get("/"))),
			Want:   []string{"srv1 h2: x-conn: 127.0.0.1,<cport1>,127.0.0.1,<pp>"},
		},
		{
			Name:   "accept-proxy-v2",
			Config: simple("bind {{addr \"pp\"}} accept-proxy\n"+connInfo, ""),
			Script: steps(openTo(1, "pp"), exchange(1, proxyV2("192.0.2.10:5555", "198.51.100.20:8443")+get("/"))),
			Want:   []string{"srv1 h2: x-conn: 192.0.2.10,5555,198.51.100.20,8443"},
		},
		{
			Name:   "accept-proxy-v2-keepalive",
			Config: simple("bind {{addr \"pp\"}} accept-proxy\n"+connInfo, ""),
			Script: steps(openTo(1, "pp"), send(1, proxyV2("192.0.2.10:5555", "198.51.100.20:8443")), onOne(get("/1"), get("/2"))),
			Want:   []string{"srv2 h2: x-conn: 192.0.2.10,5555,198.51.100.20,8443"},
		},
		{
			Name:   "accept-proxy-missing",
			Config: simple("bind {{addr \"pp\"}} accept-proxy", ""),
			Script: steps(openTo(1, "pp"), exchange(1, get("/"))),
			Want:   []string{"chosen: \n"},
		},
		{
			Name:   "accept-proxy-bad-v1",
			Config: simple("bind {{addr \"pp\"}} accept-proxy", ""),
			Script: steps(openTo(1, "pp"), exchange(1, "PROXY TCP4 garbage\r\n"+get("/"))),
			Want:   []string{"chosen: \n"},
		},
		{
			// 2.6 reads a v1 address with its own parser, which takes
			// 999 without complaint.
			Name:   "accept-proxy-v1-odd-address",
			Config: simple("bind {{addr \"pp\"}} accept-proxy\n"+connInfo, ""),
			Script: steps(openTo(1, "pp"), exchange(1, "PROXY TCP4 999.1.1.1 1.1.1.1 1 2\r\n"+get("/"))),
			Want:   []string{"c1 r1: HTTP/1.1 200 OK"},
		},
		{
			Name:   "bind-maxconn",
			Config: simple("bind {{addr \"mc\"}} maxconn 1", ""),
			Script: steps(
				openTo(1, "mc"), send(1, get("/slow", "X-Be-Delay: 800", "Connection: close")), waitServers(1),
				openTo(2, "mc"), send(2, get("/next")),
				read(1), read(2)),
			// The second request reaches the server only once the first
			// is answered: it never finds it busy.
			Want: []string{"srv2: s1 conn2\nsrv2 line: GET /next", "chosen: s1 s1"},
		},
		{
			Name:   "frontend-maxconn",
			Config: simple("maxconn 1", ""),
			Script: steps(
				send(1, get("/slow", "X-Be-Delay: 800", "Connection: close")), waitServers(1),
				send(2, get("/next")),
				read(1), read(2)),
			Want: []string{"srv2: s1 conn2\nsrv2 line: GET /next"},
		},
	}
}
