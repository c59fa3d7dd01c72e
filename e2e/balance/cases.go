package balance_e2e

import (
	"fmt"

	"hakeep/proxy/balance/golden"
)

// The cases: every algorithm, weight mixes, backups, runtime changes and
// many hash keys. Only the requests and commands are written here; what
// the real HAProxy answered is recorded in testdata/<name>.json.

func srv(name string, weight int) golden.Server { return golden.Server{Name: name, Weight: weight} }

func backup(name string, weight int) golden.Server {
	return golden.Server{Name: name, Weight: weight, Backup: true}
}

func get(uri string) golden.Step { return golden.Step{Req: &golden.Request{URI: uri}} }

func cmd(c string) golden.Step { return golden.Step{Cmd: c} }

func hold(uri string) golden.Step { return golden.Step{Req: &golden.Request{URI: uri, Hold: true}} }

func closeHeld(n int) golden.Step { return golden.Step{Close: n} }

// gets is n plain requests.
func gets(n int) []golden.Step {
	s := make([]golden.Step, n)
	for i := range s {
		s[i] = get("/")
	}
	return s
}

func seq(parts ...[]golden.Step) []golden.Step {
	var out []golden.Step
	for _, p := range parts {
		out = append(out, p...)
	}
	return out
}

func one(s ...golden.Step) []golden.Step { return s }

// hashURIs are request targets for the URI-based cases: origin forms
// with paths of every depth, queries, and absolute forms.
func hashURIs() []string {
	u := []string{
		"/", "/index.html", "/a", "/b", "/c", "/img/logo.png", "/img/logo.png?v=2",
		"/api/v1/users", "/api/v1/users/42", "/api/v2/orders?id=7&x=1",
		"/static/css/site.css", "/static/js/app.js?cache=no", "/search?q=haproxy",
		"/search?q=keepalived&page=2", "/a/b/c/d/e", "/a/b/c/d/f", "/x?y", "/x?z",
		"/long/path/with/many/segments/and/a/file.txt", "/UPPER/Case", "/%7Euser/home",
		"/foo;param=1", "/?", "/??", "/a//b", "//double",
	}
	for i := 0; i < 34; i++ {
		u = append(u, fmt.Sprintf("/item/%d/detail?ref=%d", i*37%101, i*7))
	}
	return u
}

// absoluteURIs are absolute-form targets with a matching Host header.
func absoluteURIs() []golden.Step {
	var s []golden.Step
	for i, host := range []string{"example.com", "www.example.org", "api.example.net:8080", "a.b.c.d"} {
		for j, path := range []string{"/", "/a/b?c=1", "/img/x.png", "/search?q=z&p=3"} {
			uri := fmt.Sprintf("http://%s%s", host, path)
			if (i+j)%3 == 0 {
				uri = fmt.Sprintf("http://%s%s", host, path+"extra")
			}
			s = append(s, golden.Step{Req: &golden.Request{URI: uri, Headers: [][2]string{{"Host", host}}}})
		}
	}
	return s
}

func uriSteps() []golden.Step {
	var s []golden.Step
	for _, u := range hashURIs() {
		s = append(s, get(u))
	}
	return s
}

// hostSteps are requests whose Host header varies.
func hostSteps() []golden.Step {
	hosts := []string{
		"example.com", "www.example.com", "img.example.com", "example.org", "www.example.org",
		"localhost", "intranet", "a.b.c.d.e", "shop.example.co.uk", "api.example.net:8080",
		"EXAMPLE.COM", "x.y", ".leading", "trailing.", "a..b", "  spaced.example.com  ",
		"first.example.com, second.example.net", "\"quoted,comma\".example.com",
	}
	for i := 0; i < 30; i++ {
		hosts = append(hosts, fmt.Sprintf("host%d.domain%d.test", i, i%7))
	}
	var s []golden.Step
	for _, h := range hosts {
		s = append(s, golden.Step{Req: &golden.Request{URI: "/", Headers: [][2]string{{"Host", h}}}})
	}
	// Without the header: round robin takes over.
	for i := 0; i < 4; i++ {
		s = append(s, golden.Step{Req: &golden.Request{URI: "/", Headers: [][2]string{{"Host", "h"}, {"X-Other", "1"}}}})
	}
	return s
}

// sourceSteps are one request from each of n loopback addresses.
func sourceSteps(n int) []golden.Step {
	var s []golden.Step
	for i := 0; i < n; i++ {
		src := fmt.Sprintf("127.%d.%d.%d", i%3, (i*11)%256, 2+i*5%250)
		s = append(s, golden.Step{Req: &golden.Request{URI: "/", Src: src}})
	}
	return s
}

func paramSteps() []golden.Step {
	var s []golden.Step
	for i := 0; i < 30; i++ {
		s = append(s, get(fmt.Sprintf("/p?userid=user%d", i*13)))
	}
	for _, u := range []string{
		"/p?x=1&userid=bob&y=2", "/p?userid=", "/p?userid", "/p?useridx=1", "/p?x=userid=5",
		"/p", "/p?a=1&b=2", "/p?userid=alice&userid=bob", "/p?USERID=carol", "/?userid=dave",
		"/p?x&userid=eve",
	} {
		s = append(s, get(u))
	}
	post := func(uri, body string) golden.Step {
		return golden.Step{Req: &golden.Request{Method: "POST", URI: uri, Body: body,
			Headers: [][2]string{{"Content-Type", "application/x-www-form-urlencoded"}}}}
	}
	s = append(s,
		post("/form", "userid=carol&x=1"),
		post("/form", "x=1&userid=dave"),
		post("/form", "userid=erin"),
		post("/form?userid=query", "userid=body"),
		post("/form", "userid= spaced&z=1"),
		post("/form", "userid=\x01bin"),
		post("/form", "nothing=here"),
		post("/form", "userid=a b c"),
	)
	return s
}

// hashFuncs are the hash-type lines of the function matrix.
var hashFuncs = [][]string{
	{"map-based", "sdbm"}, {"map-based", "djb2"}, {"map-based", "wt6"}, {"map-based", "crc32"},
	{"map-based", "sdbm", "avalanche"}, {"map-based", "djb2", "avalanche"},
	{"map-based", "wt6", "avalanche"}, {"map-based", "crc32", "avalanche"},
	{"consistent", "sdbm"}, {"consistent", "djb2"}, {"consistent", "wt6"}, {"consistent", "crc32"},
	{"consistent", "sdbm", "avalanche"}, {"consistent", "djb2", "avalanche"},
	{"consistent", "wt6", "avalanche"}, {"consistent", "crc32", "avalanche"},
}

func threeServers(w1, w2, w3 int) []golden.Server {
	return []golden.Server{srv("s1", w1), srv("s2", w2), srv("s3", w3)}
}

// cases lists every ground-truth case.
func cases() []*golden.Case {
	cs := []*golden.Case{
		{Name: "rr-equal", Balance: []string{"roundrobin"},
			Servers: threeServers(1, 1, 1), Steps: gets(12)},
		{Name: "rr-weights-123", Balance: []string{"roundrobin"},
			Servers: threeServers(1, 2, 3), Steps: gets(36)},
		{Name: "rr-weights-zero", Balance: []string{"roundrobin"},
			Servers: []golden.Server{srv("s1", 5), srv("s2", 1), srv("s3", 0), srv("s4", 3), srv("s5", 2)},
			Steps:   gets(55)},
		{Name: "rr-weights-big", Balance: []string{"roundrobin"},
			Servers: []golden.Server{srv("s1", 10), srv("s2", 7), srv("s3", 3), srv("s4", 1), srv("s5", 256)},
			Steps:   gets(300)},
		{Name: "rr-weights-primes", Balance: []string{"roundrobin"},
			Servers: []golden.Server{srv("s1", 13), srv("s2", 11), srv("s3", 7), srv("s4", 5), srv("s5", 2)},
			Steps:   gets(80)},
		{Name: "rr-runtime", Balance: []string{"roundrobin"},
			Servers: threeServers(1, 2, 3),
			Steps: seq(gets(10), one(cmd("set weight be/s1 5")), gets(20),
				one(cmd("set server be/s2 state maint")), gets(15),
				one(cmd("set server be/s2 state ready")), gets(20),
				one(cmd("set weight be/s3 0")), gets(10),
				one(cmd("set weight be/s3 3")), gets(15),
				one(cmd("set weight be/s2 1")), gets(7),
				one(cmd("set server be/s1 state drain")), gets(9),
				one(cmd("set server be/s1 state ready")), gets(12),
				one(cmd("set weight be/s1 50%")), gets(10),
				one(cmd("set server be/s3 state maint"), cmd("set server be/s2 state maint")), gets(4),
				one(cmd("set server be/s3 state ready"), cmd("set server be/s2 state ready")), gets(20))},
		{Name: "rr-backup", Balance: []string{"roundrobin"},
			Servers: []golden.Server{srv("s1", 1), srv("s2", 2), backup("b1", 1), backup("b2", 3)},
			Steps: seq(gets(6), one(cmd("set server be/s1 state maint"), cmd("set server be/s2 state maint")), gets(6),
				one(cmd("set server be/b1 state maint")), gets(6),
				one(cmd("set server be/b1 state ready")), gets(6),
				one(cmd("set server be/s2 state ready")), gets(6),
				one(cmd("set server be/s2 state maint"), cmd("set server be/b1 state maint"), cmd("set server be/b2 state maint")), gets(2),
				one(cmd("set server be/b2 state ready")), gets(3))},
		{Name: "rr-allbackups", Balance: []string{"roundrobin"}, AllBackups: true,
			Servers: []golden.Server{srv("s1", 1), srv("s2", 2), backup("b1", 1), backup("b2", 3)},
			Steps: seq(gets(6), one(cmd("set server be/s1 state maint"), cmd("set server be/s2 state maint")), gets(12),
				one(cmd("set server be/b1 state maint")), gets(6),
				one(cmd("set server be/b1 state ready")), gets(8),
				one(cmd("set server be/s2 state ready")), gets(6))},
		{Name: "rr-disabled", Balance: []string{"roundrobin"},
			Servers: []golden.Server{srv("s1", 2), {Name: "s2", Weight: 3, Disabled: true}, srv("s3", 1)},
			Steps: seq(gets(9), one(cmd("set server be/s2 state ready")), gets(18),
				one(cmd("set server be/s1 state maint")), gets(8))},
		{Name: "rr-maxconn", Balance: []string{"roundrobin"},
			Servers: []golden.Server{{Name: "s1", Weight: 2, Maxconn: 1}, srv("s2", 1), {Name: "s3", Weight: 1, Maxconn: 2}},
			Steps: seq(one(hold("/")), gets(6), one(hold("/"), hold("/")), gets(6),
				one(closeHeld(1)), gets(4), one(closeHeld(2), closeHeld(3)), gets(8))},

		{Name: "static-rr-123", Balance: []string{"static-rr"},
			Servers: threeServers(1, 2, 3),
			Steps: seq(gets(24), one(cmd("set server be/s2 state maint")), gets(12),
				one(cmd("set server be/s2 state ready")), gets(12),
				one(cmd("set weight be/s3 0")), gets(9),
				one(cmd("set weight be/s3 100%")), gets(12))},
		{Name: "static-rr-gcd", Balance: []string{"static-rr"},
			Servers: []golden.Server{srv("s1", 4), srv("s2", 6), srv("s3", 0), srv("s4", 2)},
			Steps:   gets(24)},
		{Name: "static-rr-backup", Balance: []string{"static-rr"},
			Servers: []golden.Server{srv("s1", 1), backup("b1", 2), backup("b2", 1)},
			Steps: seq(gets(4), one(cmd("set server be/s1 state maint")), gets(8),
				one(cmd("set server be/b1 state maint")), gets(4),
				one(cmd("set server be/b1 state ready")), gets(4))},

		{Name: "first-maxconn", Balance: []string{"first"},
			Servers: []golden.Server{{Name: "s1", Weight: 1, ID: 3, Maxconn: 2}, {Name: "s2", Weight: 1, Maxconn: 2},
				{Name: "s3", Weight: 1, ID: 2, Maxconn: 1}, {Name: "s4", Weight: 1}},
			Steps: seq(gets(3), one(hold("/"), hold("/"), hold("/"), hold("/")), gets(2),
				one(hold("/"), hold("/")), gets(2),
				one(closeHeld(1)), gets(2), one(hold("/")),
				one(closeHeld(3)), gets(2),
				one(cmd("set server be/s2 state maint")), gets(2), one(hold("/")), gets(2))},

		{Name: "leastconn-seq", Balance: []string{"leastconn"},
			Servers: threeServers(1, 2, 3), Steps: gets(15)},
		{Name: "leastconn-load", Balance: []string{"leastconn"},
			Servers: []golden.Server{srv("s1", 1), srv("s2", 2), srv("s3", 3), srv("s4", 1)},
			Steps: seq(one(hold("/"), hold("/"), hold("/"), hold("/"), hold("/"), hold("/")), gets(8),
				one(hold("/"), hold("/")), gets(4),
				one(closeHeld(2), closeHeld(5)), gets(6),
				one(cmd("set weight be/s1 4")), gets(4), one(hold("/"), hold("/")),
				one(cmd("set server be/s3 state maint")), gets(5),
				one(cmd("set server be/s3 state ready")), gets(5),
				one(closeHeld(1), closeHeld(3), closeHeld(4)), gets(6))},

		{Name: "source-map", Balance: []string{"source"},
			Servers: threeServers(1, 2, 3), Steps: sourceSteps(50)},
		{Name: "source-map-avalanche", Balance: []string{"source"}, HashType: []string{"map-based", "sdbm", "avalanche"},
			Servers: threeServers(1, 2, 3), Steps: sourceSteps(50)},
		{Name: "source-consistent", Balance: []string{"source"}, HashType: []string{"consistent"},
			Servers: threeServers(1, 2, 3),
			Steps: seq(sourceSteps(50), one(cmd("set server be/s2 state maint")), sourceSteps(50),
				one(cmd("set server be/s2 state ready"), cmd("set weight be/s1 4")), sourceSteps(50))},
		{Name: "source-consistent-plain", Balance: []string{"source"}, HashType: []string{"consistent", "sdbm"},
			Servers: threeServers(1, 2, 3), Steps: sourceSteps(50)},
		{Name: "source-map-down", Balance: []string{"source"},
			Servers: []golden.Server{srv("s1", 1), srv("s2", 1), srv("s3", 1), srv("s4", 2)},
			Steps: seq(sourceSteps(30), one(cmd("set server be/s3 state maint")), sourceSteps(30),
				one(cmd("set server be/s1 state maint"), cmd("set server be/s2 state maint"), cmd("set server be/s4 state maint")), sourceSteps(3))},

		{Name: "uri-plain", Balance: []string{"uri"},
			Servers: threeServers(1, 2, 3), Steps: seq(uriSteps(), absoluteURIs())},
		{Name: "uri-len", Balance: []string{"uri", "len", "5"},
			Servers: threeServers(1, 2, 3), Steps: seq(uriSteps(), absoluteURIs())},
		{Name: "uri-depth", Balance: []string{"uri", "depth", "2"},
			Servers: threeServers(1, 2, 3), Steps: seq(uriSteps(), absoluteURIs())},
		{Name: "uri-whole", Balance: []string{"uri", "whole"},
			Servers: threeServers(1, 2, 3), Steps: seq(uriSteps(), absoluteURIs())},
		{Name: "uri-path-only", Balance: []string{"uri", "path-only"},
			Servers: threeServers(1, 2, 3), Steps: seq(uriSteps(), absoluteURIs())},
		{Name: "uri-path-only-whole-depth-len", Balance: []string{"uri", "path-only", "whole", "depth", "3", "len", "12"},
			Servers: threeServers(1, 2, 3), Steps: seq(uriSteps(), absoluteURIs())},
		{Name: "uri-consistent", Balance: []string{"uri"}, HashType: []string{"consistent"},
			Servers: []golden.Server{srv("s1", 1), srv("s2", 2), srv("s3", 3), srv("s4", 1)},
			Steps: seq(uriSteps(), one(cmd("set server be/s3 state maint")), uriSteps(),
				one(cmd("set server be/s3 state ready"), cmd("set weight be/s4 5")), uriSteps())},

		{Name: "url-param", Balance: []string{"url_param", "userid"},
			Servers: threeServers(1, 2, 3), Steps: paramSteps()},
		{Name: "url-param-check-post-consistent", Balance: []string{"url_param", "userid", "check_post"},
			HashType: []string{"consistent", "djb2"},
			Servers:  threeServers(1, 2, 3), Steps: paramSteps()},

		{Name: "hdr-host", Balance: []string{"hdr(host)"},
			Servers: threeServers(1, 2, 3), Steps: hostSteps()},
		{Name: "hdr-host-domain-only", Balance: []string{"hdr(Host)", "use_domain_only"},
			Servers: threeServers(1, 2, 3), Steps: hostSteps()},
		{Name: "hdr-consistent-domain-only", Balance: []string{"hdr(host)", "use_domain_only"},
			HashType: []string{"consistent", "wt6"},
			Servers:  threeServers(1, 2, 3), Steps: hostSteps()},

		{Name: "hash-expr", Balance: []string{"hash", "req.hdr(x-key)"}, HashType: []string{"consistent"},
			Servers: threeServers(1, 2, 3), Steps: keySteps()},

		{Name: "hash-balance-factor", Balance: []string{"uri"}, HashType: []string{"consistent"}, HashBalanceFactor: 150,
			Servers: []golden.Server{srv("s1", 1), srv("s2", 1), srv("s3", 1), srv("s4", 2)},
			Steps: seq(one(hold("/same"), hold("/same"), hold("/same"), hold("/same"), hold("/same"), hold("/same")),
				uriSteps()[:20], one(hold("/other"), hold("/other"), hold("/other")),
				one(closeHeld(1), closeHeld(2)), uriSteps()[20:40])},
	}
	cs = append(cs, fullconnCases()...)
	cs = append(cs, rdpCases()...)
	cs = append(cs, slowstartCases()...)
	cs = append(cs, backupCases()...)
	for _, ht := range hashFuncs {
		name := "hash-func"
		for _, w := range ht {
			name += "-" + w
		}
		cs = append(cs, &golden.Case{Name: name, Balance: []string{"uri", "whole"}, HashType: ht,
			Servers: []golden.Server{srv("s1", 1), srv("s2", 3), srv("s3", 2), srv("s4", 1)},
			Steps:   uriSteps()})
	}
	return cs
}

// keySteps send the key of "balance hash req.hdr(x-key)".
func keySteps() []golden.Step {
	var s []golden.Step
	for i := 0; i < 30; i++ {
		s = append(s, golden.Step{Req: &golden.Request{URI: "/", Headers: [][2]string{{"X-Key", fmt.Sprintf("key-%d", i*i)}}}})
	}
	return append(s, get("/"), get("/"), get("/"))
}

// slowstartCases bring a server back from maintenance with a long
// slowstart: for its first seconds it weighs 1/16 of its weight and may
// hold a single connection (src/server.c, server_recalc_eweight;
// src/queue.c, srv_dynamic_maxconn). The sequences take well under a
// second, before the first warm-up step.
func slowstartCases() []*golden.Case {
	servers := func() []golden.Server {
		return []golden.Server{srv("s1", 1), {Name: "s2", Weight: 4, Slowstart: 60, Maxconn: 5}, srv("s3", 2)}
	}
	back := one(cmd("set server be/s2 state maint"), cmd("set server be/s2 state ready"))
	return []*golden.Case{
		{Name: "slowstart-rr", Balance: []string{"roundrobin"}, Servers: servers(),
			Steps: seq(gets(7), back, gets(40), one(hold("/"), hold("/"), hold("/")), gets(10),
				one(closeHeld(1), closeHeld(2), closeHeld(3)), gets(10))},
		{Name: "slowstart-leastconn", Balance: []string{"leastconn"}, Servers: servers(),
			Steps: seq(gets(4), back, gets(6), one(hold("/"), hold("/"), hold("/"), hold("/")), gets(8),
				one(closeHeld(2)), gets(4))},
		{Name: "slowstart-first", Balance: []string{"first"}, Servers: servers(),
			Steps: seq(back, one(hold("/"), hold("/")), gets(3), one(cmd("set server be/s1 state maint")),
				one(hold("/"), hold("/")), gets(3))},
		{Name: "slowstart-consistent", Balance: []string{"uri"}, HashType: []string{"consistent"}, Servers: servers(),
			Steps: seq(back, uriSteps())},
	}
}

// backupCases cover backup servers under the other lookup methods: the
// first usable backup by declaration order unless "option allbackups".
func backupCases() []*golden.Case {
	servers := func() []golden.Server {
		return []golden.Server{srv("s1", 1), backup("b1", 1), srv("s2", 2), backup("b2", 2), backup("b3", 1)}
	}
	down := one(cmd("set server be/s1 state maint"), cmd("set server be/s2 state maint"))
	b1 := one(cmd("set server be/b1 state maint"))
	return []*golden.Case{
		{Name: "backup-leastconn", Balance: []string{"leastconn"}, Servers: servers(),
			Steps: seq(gets(3), down, gets(3), b1, gets(3), one(cmd("set server be/b1 state ready")), gets(2))},
		{Name: "backup-leastconn-allbackups", Balance: []string{"leastconn"}, AllBackups: true, Servers: servers(),
			Steps: seq(gets(3), down, gets(8), b1, gets(6))},
		{Name: "backup-first-allbackups", Balance: []string{"first"}, AllBackups: true, Servers: servers(),
			Steps: seq(gets(2), down, gets(2), b1, gets(2))},
		{Name: "backup-consistent", Balance: []string{"uri"}, HashType: []string{"consistent"}, Servers: servers(),
			Steps: seq(uriSteps()[:10], down, uriSteps()[:10], b1, uriSteps()[:10])},
		{Name: "backup-consistent-allbackups", Balance: []string{"uri"}, HashType: []string{"consistent"}, AllBackups: true,
			Servers: servers(), Steps: seq(uriSteps()[:10], down, uriSteps()[:20], b1, uriSteps()[:20])},
		// The backup in use is the first declared, not the lowest id.
		{Name: "backup-ids", Balance: []string{"roundrobin"},
			Servers: []golden.Server{srv("s1", 1), {Name: "b1", Weight: 1, ID: 10, Backup: true}, {Name: "b2", Weight: 1, ID: 5, Backup: true}},
			Steps:   seq(gets(2), one(cmd("set server be/s1 state maint")), gets(3), one(cmd("set server be/b1 state maint")), gets(3))},
		{Name: "backup-map-allbackups", Balance: []string{"uri"}, AllBackups: true,
			Servers: servers(), Steps: seq(down, uriSteps()[:30], b1, uriSteps()[:20])},
	}
}

// rdpSteps send the start of an RDP connection request: an 11-byte
// header then "Cookie: mstshash=<user>" (src/payload.c,
// fetch_rdp_cookie_name), and a few that carry no cookie.
func rdpSteps(cookie string) []golden.Step {
	// TPKT and X.224 header bytes; 0xe0 (CR) is left out so that the
	// golden file, JSON, stays valid UTF-8.
	const tpkt = "\x03\x00\x00\x2b\x26\x00\x00\x00\x00\x00\x00"
	var s []golden.Step
	for i := 0; i < 30; i++ {
		raw := fmt.Sprintf("%sCookie: %s=user%d\r\n\r\n", tpkt, cookie, i*i+3)
		s = append(s, golden.Step{Req: &golden.Request{Raw: raw}})
	}
	for _, raw := range []string{
		tpkt + "Hello: there, no cookie\r\n\r\n",
		tpkt + "Cookie: other=value\r\n\r\n",
		tpkt + "COOKIE:   " + cookie + "=MiXeD\r\n\r\n",
		tpkt + "Cookie: " + cookie + "=\r\n\r\n",
	} {
		s = append(s, golden.Step{Req: &golden.Request{Raw: raw}})
	}
	return s
}

func rdpCases() []*golden.Case {
	return []*golden.Case{
		{Name: "rdp-cookie", Balance: []string{"rdp-cookie"}, Mode: "tcp",
			Servers: threeServers(1, 2, 3), Steps: rdpSteps("mstshash")},
		{Name: "rdp-cookie-named-consistent", Balance: []string{"rdp-cookie(user)"}, Mode: "tcp",
			HashType: []string{"consistent", "crc32"},
			Servers:  threeServers(1, 2, 3), Steps: rdpSteps("user")},
	}
}

// fullconnCases scale minconn up to maxconn with the backend's load
// against fullconn (configuration.txt, "fullconn"; src/queue.c,
// srv_dynamic_maxconn), which decides when a server counts as full.
func fullconnCases() []*golden.Case {
	servers := func() []golden.Server {
		return []golden.Server{{Name: "s1", Weight: 1, Minconn: 1, Maxconn: 4}, {Name: "s2", Weight: 1, Minconn: 2, Maxconn: 6}, srv("s3", 1)}
	}
	holds := func(n int) []golden.Step {
		s := make([]golden.Step, n)
		for i := range s {
			s[i] = hold("/")
		}
		return s
	}
	return []*golden.Case{
		{Name: "fullconn-rr", Balance: []string{"roundrobin"}, Fullconn: 12, Servers: servers(),
			Steps: seq(holds(3), gets(6), holds(5), gets(6), holds(6), gets(6),
				one(closeHeld(1), closeHeld(2), closeHeld(4), closeHeld(7)), gets(6))},
		{Name: "fullconn-first", Balance: []string{"first"}, Fullconn: 12, Servers: servers(),
			Steps: seq(holds(2), gets(2), holds(4), gets(2), holds(6), gets(2),
				one(closeHeld(1), closeHeld(3)), gets(2))},
	}
}
