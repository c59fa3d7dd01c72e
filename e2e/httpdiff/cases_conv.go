package httpdiff

// convCase applies conv to the X-In header and shows the result to the
// back end in X-C; want is what it must be.
func convCase(name, in, conv, want string) *Case {
	return &Case{
		Name:   "conv-" + name,
		Config: simple("http-request set-header X-C %[req.hdr(x-in),"+conv+"]", ""),
		Script: each(get("/", "X-In: "+in)),
		Want:   []string{"x-c: " + want + "\n"},
	}
}

// exprCase shows a whole sample expression in X-C.
func exprCase(name, expr, want string) *Case {
	return &Case{
		Name:   "conv-" + name,
		Config: simple("http-request set-header X-C %["+expr+"]", ""),
		Script: each(get("/p/q.html?a=1")),
		Want:   []string{"x-c: " + want + "\n"},
	}
}

// convCases: converters (configuration.txt 7.3.1), maps included.
func convCases() []*Case {
	mapped := func(name, conv, in, want string) *Case {
		c := convCase(name, in, conv, want)
		c.Files = map[string]string{
			"str.map":    "# key value\nalpha first\nbeta second\n",
			"beg.map":    "/api/ api-backend\n/static/ static-backend\n",
			"dom.map":    "example.com example\ntest.org test\n",
			"reg.map":    "^/user/[0-9]+$ user-by-id\n^/user/ user-other\n",
			"ip.map":     "192.0.2.0/24 documentation\n10.0.0.0/8 private\n2001:db8::/32 v6doc\n",
			"int.map":    "1 one\n2 two\n10 ten\n",
			"end.map":    ".jpg image\n.css style\n",
			"sub.map":    "admin adm\nuser usr\n",
			"dir.map":    "img images\ncss styles\n",
			"strint.map": "alpha 1\nbeta 2\n",
		}
		return c
	}
	return []*Case{
		convCase("lower", "MiXeD Case", "lower", "mixed case"),
		convCase("upper", "MiXeD", "upper", "MIXED"),
		convCase("length", "hello", "length", "5"),
		convCase("bytes", "abcdef", "bytes(1,3)", "bcd"),
		convCase("bytes-to-end", "abcdef", "bytes(4)", "ef"),
		convCase("ltrim", "xxabcxx", "ltrim(x)", "abcxx"),
		convCase("rtrim", "xxabcxx", "rtrim(x)", "xxabc"),
		convCase("regsub-global", "banana", "regsub(a,o,g)", "bonono"),
		convCase("regsub-first", "banana", "regsub(a,o)", "bonana"),
		convCase("regsub-ignore-case", "BaNaNa", "regsub(a,o,gi)", "BoNoNo"),
		// Parentheses inside an argument need the argument quoted.
		convCase("regsub-backref", "2024-05-17", `regsub(\"^([0-9]+)-([0-9]+)-([0-9]+)$\",\"\3/\2/\1\")`, "17/05/2024"),
		convCase("base64", "hello", "base64", "aGVsbG8="),
		convCase("b64dec", "aGVsbG8gd29ybGQ=", "b64dec", "hello world"),
		convCase("ub64enc", "a?b>c", "ub64enc", "YT9iPmM"),
		convCase("ub64dec", "YT9iPmM", "ub64dec", "a?b>c"),
		convCase("hex", "AB", "hex", "4142"),
		convCase("hex2i", "1f", "hex2i", "31"),
		convCase("field", "a:b:c:d", "field(2,:)", "b"),
		convCase("field-last", "a:b:c:d", "field(-1,:)", "d"),
		convCase("field-count", "a:b:c:d", "field(2,:,2)", "b:c"),
		convCase("field-several-delimiters", "a:b;c", "field(3,;:)", "c"),
		convCase("word", "/a//b/c", "word(2,/)", "b"),
		convCase("word-last", "/a//b/c", "word(-1,/)", "c"),
		convCase("json", "say \"hi\"\\now", "json", "say \\\"hi\\\"\\\\now"),
		convCase("json-utf8", "caf\xc3\xa9", "json(utf8s)", "caf\\u00e9"),
		convCase("url-dec", "a%20b%2Fc", "url_dec", "a b/c"),
		convCase("url-enc", "a b&c", "url_enc", "a%20b%26c"),
		convCase("cut-crlf", "abc", "cut_crlf", "abc"),
		convCase("sha1", "abc", "sha1,hex", "A9993E364706816ABA3E25717850C26C9CD0D89D"),
		convCase("sha2", "abc", "sha2(256),hex", "BA7816BF8F01CFEA414140DE5DAE2223B00361A396177A9CB410FF61F20015AD"),
		convCase("digest-md5", "abc", "digest(md5),hex", "900150983CD24FB0D6963F7D28E17F72"),
		convCase("hmac", "abc", "hmac(sha256,a2V5),hex", "9C196E32DC0175F86F4B1CB89289D6619DE6BEE699E4C378E68309ED97A1A6AB"),
		convCase("sdbm", "abc", "sdbm", "807794786"),
		convCase("sdbm-avalanche", "abc", "sdbm(1)", "659243622"),
		convCase("djb2", "abc", "djb2", "193485963"),
		convCase("djb2-avalanche", "abc", "djb2(1)", "2235766107"),
		convCase("crc32", "abc", "crc32", "891568578"),
		convCase("crc32c", "abc", "crc32c", "910901175"),
		convCase("wt6", "abc", "wt6", "2483038440"),
		convCase("xxh3", "abc", "xxh3", "8696274497037089104"),
		convCase("xxh32", "abc", "xxh32", "852579327"),
		convCase("xxh64-seed", "abc", "xxh64(1)", "-4708009277469325048"),
		convCase("add", "40", "add(2)", "42"),
		convCase("sub", "40", "sub(50)", "-10"),
		convCase("mul", "6", "mul(7)", "42"),
		convCase("div", "43", "div(2)", "21"),
		convCase("div-by-zero", "43", "div(0)", "9223372036854775807"),
		convCase("mod", "43", "mod(5)", "3"),
		convCase("neg", "5", "neg", "-5"),
		convCase("and", "12", "and(10)", "8"),
		convCase("or", "12", "or(3)", "15"),
		convCase("xor", "12", "xor(10)", "6"),
		convCase("cpl", "0", "cpl", "-1"),
		convCase("even", "4", "even", "1"),
		convCase("odd", "4", "odd", "0"),
		convCase("bool", "7", "bool", "1"),
		convCase("not", "0", "not", "1"),
		convCase("htonl", "1", "htonl,hex", "00000001"),
		convCase("iif", "1", "bool,iif(yes,no)", "yes"),
		convCase("ipmask", "192.0.2.77", "ipmask(24)", "192.0.2.0"),
		convCase("ipmask-v6", "2001:db8:1:2::7", "ipmask(24,48)", "2001:db8:1::"),
		convCase("host-only", "example.com:8080", "host_only", "example.com"),
		convCase("port-only", "example.com:8080", "port_only", "8080"),
		convCase("be2dec", "AB", "be2dec(-,1)", "65-66"),
		convCase("be2hex", "ABC", "be2hex(:,1)", "41:42:43"),
		convCase("json-query", "{\"a\":{\"b\":7}}", "json_query('$.a.b')", "7"),
		convCase("language", "fr-CH, fr;q=0.9, en;q=0.8", "language(en;fr,en)", "en"),
		convCase("utime", "0", "utime(%Y-%m-%dT%H:%M:%S)", "1970-01-01T00:00:00"),
		convCase("http-date", "784111777", "http_date", "Sun, 06 Nov 1994 08:49:37 GMT"),
		convCase("chain", "__Hello__", "ltrim(_),rtrim(_),upper,base64", "SEVMTE8="),
		exprCase("concat", "str(mid),concat(<,txn.nope,>)", "mid<>"),
		exprCase("path-lower-concat", "path,upper,concat(:,,-)", "/P/Q.HTML:-"),
		exprCase("int-arith-chain", "int(10),add(5),mul(2),sub(1),div(2)", "14"),
		exprCase("url-param-length", "url_param(a),length", "1"),
		exprCase("set-var-converter", "str(kept),set-var(txn.k),upper", "KEPT"),
		{
			Name:   "conv-concat-var",
			Config: simple("http-request set-var(txn.v) str(middle)\nhttp-request set-header X-C %[str(a),concat(<,txn.v,>)]", ""),
			Script: each(get("/")),
			Want:   []string{"x-c: a<middle>\n"},
		},
		{
			Name:   "conv-add-var",
			Config: simple("http-request set-var(txn.n) int(5)\nhttp-request set-header X-C %[int(37),add(txn.n)]", ""),
			Script: each(get("/")),
			Want:   []string{"x-c: 42\n"},
		},
		{
			Name:   "conv-strcmp",
			Config: simple("http-request set-var(txn.v) str(abc)\nhttp-request set-header X-C %[req.hdr(x-in),strcmp(txn.v)]", ""),
			Script: each(get("/", "X-In: abd")),
			Want:   []string{"x-c: 1\n"},
		},
		mapped("map", "map({{file \"str.map\"}})", "beta", "second"),
		mapped("map-default", "map({{file \"str.map\"}},none)", "gamma", "none"),
		mapped("map-str", "map_str({{file \"str.map\"}},none)", "alpha", "first"),
		mapped("map-beg", "map_beg({{file \"beg.map\"}},none)", "/api/v2/users", "api-backend"),
		mapped("map-sub", "map_sub({{file \"sub.map\"}},none)", "/x/admin/y", "adm"),
		mapped("map-dir", "map_dir({{file \"dir.map\"}},none)", "/static/css/a", "styles"),
		mapped("map-end", "map_end({{file \"end.map\"}},none)", "/a/b.css", "style"),
		mapped("map-dom", "map_dom({{file \"dom.map\"}},none)", "www.example.com", "example"),
		mapped("map-reg", "map_reg({{file \"reg.map\"}},none)", "/user/42", "user-by-id"),
		mapped("map-reg-order", "map_reg({{file \"reg.map\"}},none)", "/user/bob", "user-other"),
		mapped("map-regm", "map_regm({{file \"reg.map\"}},none)", "/user/7", "user-by-id"),
		mapped("map-ip", "map_ip({{file \"ip.map\"}},none)", "10.2.3.4", "private"),
		mapped("map-ip-v6", "map_ip({{file \"ip.map\"}},none)", "2001:db8::9", "v6doc"),
		mapped("map-int", "map_int({{file \"int.map\"}},none)", "10", "ten"),
		mapped("map-str-int", "map_str_int({{file \"strint.map\"}},0)", "beta", "2"),
		mapped("map-beg-missing", "map_beg({{file \"beg.map\"}},fallback)", "/other", "fallback"),
	}
}
