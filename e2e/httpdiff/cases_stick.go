package httpdiff

// stickCfg is a roundrobin backend of s1, s2 with the given table and
// stick lines.
func stickCfg(fe, be string) string {
	return simple(fe, "balance roundrobin\n"+be+"\nserver s1 {{srv \"s1\"}}\nserver s2 {{srv \"s2\"}}")
}

// stickCases: stick tables, stick rules, trackers and the sc_*/src_*
// fetches and table_* converters (configuration.txt 4.2 "stick-table",
// "stick on", "stick match", "stick store-request", "stick
// store-response", 7.3.2 "sc_*").
func stickCases() []*Case {
	from := func(c int, ip string, r string) []Step { return steps(openFrom(c, ip), exchange(c, r)) }
	counter := func(name, store, track, shown string, script []Step, want ...string) *Case {
		return &Case{
			Name: "stick-" + name,
			Config: simple(track+"\nhttp-request set-header X-S %["+shown+"]", "") +
				"\nbackend st\n    stick-table type ip size 100 expire 1m store " + store + "\n",
			Script: script,
			Want:   want,
		}
	}
	return []*Case{
		{
			Name:   "stick-on-src",
			Config: stickCfg("", "stick-table type ip size 10\nstick on src"),
			Script: steps(from(1, "127.0.0.2", get("/")), from(2, "127.0.0.3", get("/")), from(3, "127.0.0.2", get("/")), from(4, "127.0.0.3", get("/")), from(5, "127.0.0.4", get("/"))),
			Want:   []string{"chosen: s1 s2 s1 s2 s1"},
		},
		{
			Name:   "stick-ipv6-table",
			Config: defaultsHTTP + "frontend fe\n    bind {{addr6 \"fe\"}}\n    default_backend be\nbackend be\n    balance roundrobin\n    stick-table type ipv6 size 10\n    stick on src\n    server s1 {{srv \"s1\"}}\n    server s2 {{srv \"s2\"}}\n",
			Script: steps(open6(1, "fe"), exchange(1, get("/")), open6(2, "fe"), exchange(2, get("/")), open6(3, "fe"), exchange(3, get("/"))),
			Want:   []string{"chosen: s1 s1 s1"},
		},
		{
			Name:   "stick-string-header",
			Config: stickCfg("", "stick-table type string len 16 size 10\nstick on req.hdr(x-user)"),
			Script: each(get("/", "X-User: alice"), get("/", "X-User: bob"), get("/", "X-User: alice"), get("/", "X-User: bob"), get("/", "X-User: carol")),
			Want:   []string{"chosen: s1 s2 s1 s2 s1"},
		},
		{
			Name:   "stick-string-truncated",
			Config: stickCfg("", "stick-table type string len 4 size 10\nstick on req.hdr(x-user)"),
			Script: each(get("/", "X-User: alice1"), get("/", "X-User: bob"), get("/", "X-User: alice2")),
			Want:   []string{"chosen: s1 s2 s1"},
		},
		{
			Name:   "stick-integer",
			Config: stickCfg("", "stick-table type integer size 10\nstick on req.hdr_val(x-id)"),
			Script: each(get("/", "X-Id: 7"), get("/", "X-Id: 8"), get("/", "X-Id: 7")),
			Want:   []string{"chosen: s1 s2 s1"},
		},
		{
			Name:   "stick-binary",
			Config: stickCfg("", "stick-table type binary len 4 size 10\nstick on req.hdr(x-b),b64dec"),
			Script: each(get("/", "X-B: AAEC"), get("/", "X-B: AwQF"), get("/", "X-B: AAEC")),
			Want:   []string{"chosen: s1 s2 s1"},
		},
		{
			Name:   "stick-match-store-request",
			Config: stickCfg("", "stick-table type string len 16 size 10\nstick match req.hdr(x-user)\nstick store-request req.hdr(x-user) if { path /login }"),
			Script: each(get("/", "X-User: alice"), get("/login", "X-User: alice"), get("/", "X-User: alice"), get("/", "X-User: alice")),
			Want:   []string{"chosen: s1 s2 s2 s2"},
		},
		{
			Name:   "stick-store-response-cookie",
			Config: stickCfg("", "stick-table type string len 32 size 10\nstick match req.cook(SID)\nstick store-response res.cook(SID)"),
			Script: each(get("/"), get("/", "X-Be-Header: Set-Cookie: SID=sess42"), get("/", "Cookie: SID=sess42"), get("/", "Cookie: SID=sess42"), get("/")),
			Want:   []string{"chosen: s1 s2 s2 s2 s1"},
		},
		{
			Name:   "stick-expire",
			Config: stickCfg("", "stick-table type ip size 10 expire 800ms\nstick on src"),
			Script: steps(exchange(1, get("/")), exchange(2, get("/")), sleep(2000), exchange(3, get("/")), exchange(4, get("/"))),
			Want:   []string{"chosen: s1 s1 s2 s2"},
		},
		{
			Name:   "stick-size-evicts-oldest",
			Config: stickCfg("", "stick-table type string len 8 size 1\nstick on req.hdr(x-user)"),
			Script: each(get("/", "X-User: a"), get("/", "X-User: b"), get("/", "X-User: a")),
			Want:   []string{"chosen: s1 s2 s1"},
		},
		{
			Name:   "stick-server-gone",
			Config: simple("", "balance roundrobin\nstick-table type ip size 10\nstick on src\nserver s1 {{srv \"s1\"}} disabled\nserver s2 {{srv \"s2\"}}"),
			Script: each(get("/"), get("/")),
			Want:   []string{"chosen: s2 s2"},
		},
		{
			Name:   "stick-table-in-other-backend",
			Config: stickCfg("", "stick on src table shared") + "\nbackend shared\n    stick-table type ip size 10\n",
			Script: each(get("/"), get("/"), get("/")),
			Want:   []string{"chosen: s1 s1 s1"},
		},
		{
			Name: "stick-rate-limit-recipe",
			Config: simple("http-request track-sc0 src table st\nhttp-request deny deny_status 429 if { sc_http_req_rate(0) gt 3 }", "") +
				"\nbackend st\n    stick-table type ip size 100k expire 30s store http_req_rate(10s)\n",
			Script: onOne(repeat(5, get("/"))...),
			Want:   []string{"c1 r3: HTTP/1.1 200 OK", "c1 r4: HTTP/1.1 429 Too Many Requests"},
		},
		counter("conn-cnt", "conn_cnt", "tcp-request connection track-sc0 src table st", "sc0_conn_cnt",
			each(get("/"), get("/"), get("/")), "srv3 h2: x-s: 3"),
		counter("conn-cur", "conn_cur", "tcp-request connection track-sc0 src table st", "sc0_conn_cur",
			each(get("/"), get("/")), "srv2 h2: x-s: 2"),
		counter("conn-rate", "conn_rate(10s)", "tcp-request connection track-sc0 src table st", "sc0_conn_rate",
			each(get("/"), get("/")), "srv2 h2: x-s: 2"),
		counter("sess-rate", "sess_rate(10s)", "tcp-request session track-sc0 src table st", "sc0_sess_rate",
			each(get("/"), get("/")), "srv2 h2: x-s: 2"),
		counter("http-req-cnt", "http_req_cnt", "http-request track-sc1 src table st", "sc1_http_req_cnt",
			onOne(get("/"), get("/"), get("/")), "srv3 h2: x-s: 3"),
		counter("http-req-rate", "http_req_rate(10s)", "http-request track-sc2 src table st", "sc2_http_req_rate",
			onOne(get("/"), get("/")), "srv2 h2: x-s: 2"),
		counter("http-err-rate", "http_err_rate(10s)", "http-request track-sc0 src table st", "sc0_http_err_rate",
			onOne(get("/", "X-Be-Status: 404"), get("/missing", "X-Be-Status: 404"), get("/")), "srv3 h2: x-s: 2"),
		counter("http-err-cnt", "http_err_cnt", "http-request track-sc0 src table st", "sc0_http_err_cnt",
			onOne(get("/", "X-Be-Status: 403"), get("/")), "srv2 h2: x-s: 1"),
		counter("bytes-in-rate", "bytes_in_rate(10s)", "http-request track-sc0 src table st", "sc0_bytes_in_rate",
			onOne(req("POST", "/", "0123456789"), get("/")), "srv2 h2: x-s:"),
		counter("bytes-out-rate", "bytes_out_rate(10s)", "http-request track-sc0 src table st", "sc0_bytes_out_rate",
			onOne(get("/", "X-Be-Size: 1000"), get("/")), "srv2 h2: x-s:"),
		counter("gpc0", "gpc0", "http-request track-sc0 src table st\nhttp-request sc-inc-gpc0(0) if { path /inc }", "sc0_get_gpc0",
			onOne(get("/inc"), get("/inc"), get("/show")), "srv3 h2: x-s: 2"),
		counter("gpc0-rate", "gpc0,gpc0_rate(10s)", "http-request track-sc0 src table st\nhttp-request sc-inc-gpc0(0)", "sc0_gpc0_rate",
			onOne(get("/"), get("/")), "srv2 h2: x-s: 2"),
		counter("gpt0", "gpt0", "http-request track-sc0 src table st\nhttp-request sc-set-gpt0(0) 42 if { path /set }", "sc0_get_gpt0",
			onOne(get("/set"), get("/show")), "srv2 h2: x-s: 42"),
		counter("src-fetches", "http_req_cnt,conn_cnt", "http-request track-sc0 src table st", "src_http_req_cnt(st)]/%[src_conn_cnt(st)",
			onOne(get("/"), get("/")), "srv2 h2: x-s: 2/2"),
		counter("src-inc-gpc0", "gpc0", "", "src_inc_gpc0(st)]/%[src_get_gpc0(st)",
			onOne(get("/"), get("/")), "srv2 h2: x-s: 2/2"),
		counter("table-converters", "http_req_cnt", "http-request track-sc0 src table st", "src,table_http_req_cnt(st)]/%[src,table_trackers(st)]/%[src,in_table(st)",
			onOne(get("/"), get("/")), "srv2 h2: x-s: 2/2/1"),
		counter("sc-trackers", "conn_cur", "http-request track-sc0 src table st", "sc0_trackers]/%[sc_tracked(1)",
			each(get("/")), "srv1 h2: x-s: 1/0"),
		counter("untracked-zero", "http_req_cnt", "", "sc0_http_req_cnt]/%[sc_tracked(0)",
			each(get("/")), "srv1 h2: x-s: /0"),
		{
			Name:   "stick-server-id-lookup",
			Config: stickCfg("http-request set-header X-Sid %[src,table_server_id(be)]", "stick-table type ip size 10 store server_id\nstick on src"),
			Script: each(get("/"), get("/")),
			Want:   []string{"srv2 h2: x-sid: 1"},
		},
	}
}
