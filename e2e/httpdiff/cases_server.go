package httpdiff

// serverCases: server line options: PROXY protocol towards servers, ports
// given as offsets or omitted, default-server, server-template, redir,
// source, id (configuration.txt 5.2, 5.3).
func serverCases() []*Case {
	srvName := "http-response set-header X-Srv %[srv_name]/%[srv_id]"
	return []*Case{
		{
			Name:     "server-send-proxy-http",
			Config:   simple("", "server s1 {{srv \"s1\"}} send-proxy"),
			Backends: []Backend{{Name: "s1", Proxy: true}},
			Script:   onOne(get("/1"), get("/2")),
			Want:     []string{"srv1 proxy: PROXY TCP4 127.0.0.1 127.0.0.1 <cport1> <fe>", "srv2: s1 conn1"},
		},
		{
			Name:     "server-send-proxy-v2-http",
			Config:   simple("", "server s1 {{srv \"s1\"}} send-proxy-v2"),
			Backends: []Backend{{Name: "s1", Proxy: true}},
			Script:   each(get("/")),
			Want:     []string{"srv1 proxy: v2 PROXY fam=0x11 127.0.0.1:<cport1> -> 127.0.0.1:<fe>"},
		},
		{
			// Each client needs its own server connection when the PROXY
			// header carries its address: no reuse across clients.
			Name:     "server-send-proxy-no-cross-reuse",
			Config:   simple("", "http-reuse always\nserver s1 {{srv \"s1\"}} send-proxy"),
			Backends: []Backend{{Name: "s1", Proxy: true}},
			Script:   steps(exchange(1, get("/a")), exchange(2, get("/b"))),
			Want:     []string{"srv2: s1 conn2"},
		},
		{
			Name:     "server-send-proxy-v2-from-accept-proxy",
			Config:   simple("bind {{addr \"pp\"}} accept-proxy", "server s1 {{srv \"s1\"}} send-proxy-v2"),
			Backends: []Backend{{Name: "s1", Proxy: true}},
			Script:   steps(openTo(1, "pp"), exchange(1, "PROXY TCP4 203.0.113.9 198.51.100.1 40000 443\r\n"+get("/"))),
			Want:     []string{"srv1 proxy: v2 PROXY fam=0x11 203.0.113.9:40000 -> 198.51.100.1:443"},
		},
		{
			Name:     "server-port-offset-plus",
			Config:   simple("", "server s1 127.0.0.1:+1"),
			Backends: []Backend{{Name: "s1", At: "fe+1"}},
			Script:   each(get("/")),
			Want:     []string{"chosen: s1"},
		},
		{
			Name: "server-port-offset-with-port-range",
			Config: defaultsHTTP + "frontend fe\n    bind 127.0.0.1:{{portrange \"fe\" 2}}\n    default_backend be\nbackend be\n" +
				"    server s1 127.0.0.1:+2\n",
			Backends: []Backend{{Name: "a", At: "fe+2"}, {Name: "b", At: "fe+3"}},
			Script: steps(Step{Op: OpOpen, Conn: 1, To: "fe"}, exchange(1, get("/")),
				Step{Op: OpOpen, Conn: 2, To: "fe", Offset: 1}, exchange(2, get("/"))),
			Want: []string{"chosen: a b"},
		},
		{
			Name:     "server-port-offset-minus",
			Config:   defaultsHTTP + "frontend fe\n    bind 127.0.0.1:{{portoff \"fe\" 1}}\n    default_backend be\nbackend be\n    server s1 127.0.0.1:-1\n",
			Backends: []Backend{{Name: "s1", At: "fe+0"}},
			Script:   steps(Step{Op: OpOpen, Conn: 1, To: "fe", Offset: 1}, exchange(1, get("/"))),
			Want:     []string{"chosen: s1"},
		},
		{
			// Without a port, the server is reached on the port the
			// client connected to.
			Name:     "server-without-port",
			Config:   simple("", "server s1 127.0.0.2"),
			Backends: []Backend{{Name: "s1", IP: "127.0.0.2", At: "fe"}},
			Script:   each(get("/")),
			Want:     []string{"chosen: s1"},
		},
		{
			Name:   "default-server-options",
			Config: simple(srvName, "balance roundrobin\ndefault-server weight 2 maxconn 5\nserver s1 {{srv \"s1\"}}\nserver s2 {{srv \"s2\"}} weight 1"),
			Script: each(repeat(6, get("/"))...),
			Want:   []string{"chosen: s1 s1 s2 s1 s1 s2"},
		},
		{
			Name:     "default-server-in-defaults",
			Config:   "defaults\n    mode http\n    timeout connect 1s\n    timeout client 3s\n    timeout server 3s\n    default-server send-proxy\nfrontend fe\n    bind {{addr \"fe\"}}\n    default_backend be\nbackend be\n    server s1 {{srv \"s1\"}}\n",
			Backends: []Backend{{Name: "s1", Proxy: true}},
			Script:   each(get("/")),
			Want:     []string{"srv1 proxy: PROXY TCP4"},
		},
		{
			Name:   "server-template",
			Config: simple("", "balance roundrobin\n"+srvName+"\nserver-template web 3 {{srv \"s1\"}}"),
			Script: each(repeat(4, get("/"))...),
			Want:   []string{"c1 r1 h3: x-srv: web1/1", "c2 r1 h3: x-srv: web2/2", "c3 r1 h3: x-srv: web3/3", "c4 r1 h3: x-srv: web1/1"},
		},
		{
			Name:   "server-template-range",
			Config: simple("", "balance roundrobin\n"+srvName+"\nserver-template app 5-6 {{srv \"s1\"}}"),
			Script: each(repeat(2, get("/"))...),
			Want:   []string{"x-srv: app5/", "x-srv: app6/"},
		},
		{
			Name:   "server-ids",
			Config: simple("", "balance roundrobin\n"+srvName+"\nserver s1 {{srv \"s1\"}} id 10\nserver s2 {{srv \"s2\"}} id 3"),
			Script: each(get("/"), get("/")),
			Want:   []string{"x-srv: s1/10", "x-srv: s2/3"},
		},
		{
			Name:   "server-redir",
			Config: simple("", "server s1 {{srv \"s1\"}} redir http://elsewhere.example"),
			Script: each(get("/path?q=1"), req("POST", "/form", "x=1")),
			Want:   []string{"c1 r1: HTTP/1.1 302 Found", "location: http://elsewhere.example/path?q=1", "srv1 line: POST /form"},
		},
		{
			Name:   "server-source-address",
			Config: simple("", "server s1 {{srv \"s1\"}} source 127.0.0.5"),
			Script: each(get("/")),
			Want:   []string{"srv1 from: 127.0.0.5"},
		},
		{
			Name:   "backend-source-address",
			Config: simple("", "source 127.0.0.6\nserver s1 {{srv \"s1\"}}"),
			Script: each(get("/")),
			Want:   []string{"srv1 from: 127.0.0.6"},
		},
		{
			Name:     "server-ipv6-address",
			Config:   simple("", "server s1 {{srv \"s1\"}}"),
			Backends: []Backend{{Name: "s1", IP: "::1"}},
			Script:   each(get("/")),
			Want:     []string{"srv1 from: ::1"},
		},
		{
			Name:   "server-weight-and-backup-names",
			Config: simple("", "balance roundrobin\n"+srvName+"\nserver main {{srv \"s1\"}} weight 3\nserver spare {{srv \"s2\"}} backup"),
			Script: each(get("/"), get("/")),
			Want:   []string{"x-srv: main/1"},
		},
	}
}
