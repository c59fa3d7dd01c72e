package httpdiff

import "strings"

// balanceCases: every algorithm with weights, backups, disabled servers
// and health state (configuration.txt 4 "balance", 5.2 "backup",
// "disabled", "weight").
func balanceCases() []*Case {
	servers := func(opts ...string) string {
		var b strings.Builder
		for i, o := range opts {
			n := string(rune('1' + i))
			b.WriteString("server s" + n + " {{srv \"s" + n + "\"}} " + o + "\n")
		}
		return b.String()
	}
	six := each(repeat(6, get("/"))...)
	return []*Case{
		{
			Name:   "balance-roundrobin-weights",
			Config: simple("", "balance roundrobin\n"+servers("weight 1", "weight 2", "weight 3")),
			Script: six,
			Want:   []string{"chosen: s3 s2 s3 s1 s3 s2"},
		},
		{
			Name:   "balance-roundrobin-keepalive",
			Config: simple("", "balance roundrobin\n"+servers("", "")),
			Script: onOne(get("/1"), get("/2"), get("/3"), get("/4")),
			Want:   []string{"chosen: s1 s2 s1 s2"},
		},
		{
			Name:   "balance-static-rr-weights",
			Config: simple("", "balance static-rr\n"+servers("weight 1", "weight 3")),
			Script: six,
			Want:   []string{"chosen: s1 s2 s2 s2 s1 s2"},
		},
		{
			Name:   "balance-leastconn-idle",
			Config: simple("", "balance leastconn\n"+servers("", "", "")),
			Script: six,
			Want:   []string{"chosen: s1 s2 s3 s1 s2 s3"},
		},
		{
			Name:   "balance-leastconn-busy",
			Config: simple("", "balance leastconn\n"+servers("", "")),
			Script: steps(send(1, get("/busy", "X-Be-Delay: 800")), waitServers(1), exchange(2, get("/b")), exchange(3, get("/c")), read(1)),
			Want:   []string{"chosen: s1 s2 s2"},
		},
		{
			Name:   "balance-first",
			Config: simple("", "balance first\n"+servers("maxconn 1", "maxconn 1", "")),
			Script: steps(send(1, get("/1", "X-Be-Delay: 800")), waitServers(1), send(2, get("/2", "X-Be-Delay: 800")), waitServers(2), exchange(3, get("/3")), read(1), read(2), exchange(4, get("/4"))),
			Want:   []string{"chosen: s1 s2 s3 s1"},
		},
		{
			Name:   "balance-source",
			Config: simple("", "balance source\n"+servers("", "", "")),
			Script: steps(openFrom(1, "127.0.0.2"), exchange(1, get("/")), openFrom(2, "127.0.0.3"), exchange(2, get("/")),
				openFrom(3, "127.0.0.4"), exchange(3, get("/")), openFrom(4, "127.0.0.2"), exchange(4, get("/")), openFrom(5, "127.0.0.10"), exchange(5, get("/"))),
			Want: []string{"chosen: s1 s2 s3 s1 s3"},
		},
		{
			Name:   "balance-uri",
			Config: simple("", "balance uri\n"+servers("", "", "")),
			Script: each(get("/a"), get("/b"), get("/c?x=1"), get("/a"), get("/d/e"), get("/c?x=2")),
			Want:   []string{"chosen: s1 s2 s3 s1 s3 s3"},
		},
		{
			Name:   "balance-uri-whole-len-depth",
			Config: simple("", "balance uri whole len 8 depth 2\n"+servers("", "", "")),
			Script: each(get("/a/b/c?q=1"), get("/a/b/d"), get("/abcdefghij"), get("/abcdefgh?z"), get("/x/y/z?1")),
			Want:   []string{"chosen: s3 s3 s2 s2 s2"},
		},
		{
			Name:   "balance-url-param",
			Config: simple("", "balance url_param user\n"+servers("", "", "")),
			Script: each(get("/?user=alice"), get("/?user=bob"), get("/?x=1&user=alice"), get("/none"), get("/?user=carol")),
			Want:   []string{"chosen: s3 s3 s3 s1 s2"},
		},
		{
			Name:   "balance-url-param-check-post",
			Config: simple("", "balance url_param user check_post\n"+servers("", "", "")),
			Script: each(req("POST", "/", "user=alice", "Content-Type: application/x-www-form-urlencoded"), req("POST", "/", "user=bob", "Content-Type: application/x-www-form-urlencoded"), get("/?user=alice")),
			Want:   []string{"chosen: s3 s3 s3"},
		},
		{
			Name:   "balance-hdr",
			Config: simple("", "balance hdr(X-User)\n"+servers("", "", "")),
			Script: each(get("/", "X-User: alice"), get("/", "X-User: bob"), get("/", "X-User: alice"), get("/"), get("/", "X-User: dave")),
			Want:   []string{"chosen: s3 s3 s3 s1 s1"},
		},
		{
			Name:   "balance-hdr-host-domain-only",
			Config: simple("", "balance hdr(Host) use_domain_only\n"+servers("", "", "")),
			Script: each("GET / HTTP/1.1\r\nHost: www.example.com\r\n\r\n", "GET / HTTP/1.1\r\nHost: api.example.com\r\n\r\n", "GET / HTTP/1.1\r\nHost: example.org\r\n\r\n",
				"GET / HTTP/1.1\r\nHost: a.b.example.net:8080\r\n\r\n", "GET / HTTP/1.1\r\nHost: localhost\r\n\r\n", "GET / HTTP/1.1\r\nHost: 192.0.2.1\r\n\r\n"),
			Want: []string{"chosen: s2 s2 s2 s2 s1 s3"},
		},
		{
			Name:   "balance-hash-expression",
			Config: simple("", "balance hash req.cook(clientid)\n"+servers("", "", "")),
			Script: each(get("/", "Cookie: clientid=a1"), get("/", "Cookie: clientid=b2"), get("/", "Cookie: clientid=a1"), get("/", "Cookie: clientid=zz9"), get("/")),
			Want:   []string{"chosen: s3 s2 s3 s3 s1"},
		},
		{
			Name:   "balance-hash-consistent-ipmask",
			Config: simple("", "balance hash req.hdr_ip(x-forwarded-for,-1),ipmask(24)\nhash-type consistent\n"+servers("", "", "")),
			Script: each(get("/", "X-Forwarded-For: 10.0.0.1"), get("/", "X-Forwarded-For: 10.0.0.200"), get("/", "X-Forwarded-For: 10.0.1.1"), get("/", "X-Forwarded-For: 192.0.2.7")),
			Want:   []string{"chosen: s3 s3 s1 s3"},
		},
		{
			Name:   "balance-uri-consistent",
			Config: simple("", "balance uri\nhash-type consistent\n"+servers("", "weight 2", "")),
			Script: each(get("/a"), get("/b"), get("/c"), get("/d"), get("/e"), get("/a")),
			Want:   []string{"chosen: s2 s2 s1 s3 s3 s2"},
		},
		{
			Name:   "balance-source-consistent-avalanche",
			Config: simple("", "balance source\nhash-type consistent sdbm avalanche\n"+servers("", "", "")),
			Script: steps(openFrom(1, "127.0.0.2"), exchange(1, get("/")), openFrom(2, "127.0.0.3"), exchange(2, get("/")), openFrom(3, "127.0.0.4"), exchange(3, get("/"))),
			Want:   []string{"chosen: s1 s3 s1"},
		},
		{
			Name:     "balance-rdp-cookie",
			Config:   tcpCfg("tcp-request inspect-delay 1s\ntcp-request content accept if RDP_COOKIE", "balance rdp-cookie\nserver t1 {{srv \"t1\"}}\nserver t2 {{srv \"t2\"}}"),
			Backends: []Backend{echo("t1"), echo("t2")},
			Script: steps(send(1, rdpCookie("alice")), readN(1, len(rdpCookie("alice"))),
				send(2, rdpCookie("bob")), readN(2, len(rdpCookie("bob")))),
			Want: []string{"chosen: t1 t2"},
		},
		{
			Name:   "balance-random-single-server",
			Config: simple("", "balance random\nserver s1 {{srv \"s1\"}}\nserver s2 {{srv \"s2\"}} weight 0"),
			Script: each(get("/"), get("/"), get("/")),
			Want:   []string{"chosen: s1 s1 s1"},
		},
		{
			Name:   "weight-zero-never-chosen",
			Config: simple("", "balance roundrobin\n"+servers("weight 0", "", "")),
			Script: each(repeat(4, get("/"))...),
			Want:   []string{"chosen: s2 s3 s2 s3"},
		},
		{
			Name:   "disabled-server-skipped",
			Config: simple("", "balance roundrobin\n"+servers("", "disabled", "")),
			Script: each(repeat(4, get("/"))...),
			Want:   []string{"chosen: s1 s3 s1 s3"},
		},
		{
			Name:   "backup-used-when-all-disabled",
			Config: simple("", servers("disabled", "backup", "backup")),
			Script: each(repeat(3, get("/"))...),
			Want:   []string{"chosen: s2 s2 s2"},
		},
		{
			Name:   "allbackups",
			Config: simple("", "option allbackups\n"+servers("disabled", "backup", "backup")),
			Script: each(repeat(4, get("/"))...),
			Want:   []string{"chosen: s2 s3 s2 s3"},
		},
		{
			Name:   "backup-idle-while-active-up",
			Config: simple("", servers("", "backup")),
			Script: each(repeat(3, get("/"))...),
			Want:   []string{"chosen: s1 s1 s1"},
		},
		{
			Name:     "backup-after-health-check-fails",
			Config:   simple("", "option httpchk GET /__check\n"+"server s1 {{srv \"s1\"}} check port {{srvport \"dead\"}} inter 100ms fall 1 rise 1\nserver s2 {{srv \"s2\"}} backup"),
			Backends: []Backend{{Name: "dead", Kind: Refuse}},
			Script:   steps(sleep(500), each(get("/"), get("/"))),
			Want:     []string{"chosen: s2 s2"},
		},
		{
			Name:   "all-servers-disabled-503",
			Config: simple("", servers("disabled", "disabled")),
			Script: each(get("/")),
			Want:   []string{"c1 r1: HTTP/1.1 503 Service Unavailable"},
		},
		{
			Name:   "backend-without-servers-503",
			Config: defaultsHTTP + "frontend fe\n    bind {{addr \"fe\"}}\n    default_backend be\nbackend be\n",
			Script: each(get("/")),
			Want:   []string{"c1 r1: HTTP/1.1 503 Service Unavailable"},
		},
		{
			Name:   "frontend-without-backend-503",
			Config: defaultsHTTP + "frontend fe\n    bind {{addr \"fe\"}}\n",
			Script: each(get("/")),
			Want:   []string{"c1 r1: HTTP/1.1 503 Service Unavailable"},
		},
	}
}

// rdpCookie is an RDP connection request (a TPKT header and an X.224
// connection request) carrying "Cookie: mstshash=user".
func rdpCookie(user string) string {
	cookie := "Cookie: mstshash=" + user + "\r\n"
	total := 11 + len(cookie)
	return "\x03\x00" + string([]byte{byte(total >> 8), byte(total), byte(total - 5)}) + "\xe0\x00\x00\x00\x00\x00" + cookie
}
