package check

import (
	"strings"
	"testing"

	"hakeep/proxy"
)

// describe renders a ruleset's shape: action, step and comment.
func describe(rs *ruleset) string {
	var parts []string
	for _, r := range rs.rules {
		s := map[action]string{actConnect: "connect", actSend: "send", actExpect: "expect", actSetVar: "set-var", actUnsetVar: "unset-var"}[r.action]
		s += "@" + itoa(r.stepID())
		if r.comment != "" {
			s += "(" + r.comment + ")"
		}
		if r.action == actSend && r.send.http != nil {
			s += "[" + r.send.http.meth + " " + r.send.http.uri + "]"
		}
		parts = append(parts, s)
	}
	return strings.Join(parts, " ")
}

// Rulesets are completed as check_proxy_tcpcheck() does: an implicit
// first connect (step 0), the option's request merged into the first
// "http-check send", an implicit final expect, comments folded.
func TestRulesetShape(t *testing.T) {
	cases := []struct {
		px   *proxy.Proxy
		want string
	}{
		{&proxy.Proxy{}, "connect@0"},
		{httpchk("GET", "/h", "HTTP/1.0"), "connect@0 send@1[GET /h] expect@1"},
		{httpchk("GET", "/h", "HTTP/1.0", words("send meth HEAD")), "connect@0 send@1[HEAD /h] expect@1"},
		{httpchk("GET", "/h", "HTTP/1.0", words("expect status 200")), "connect@0 send@1[GET /h] expect@1"},
		{httpchk("GET", "/h", "HTTP/1.0", words("connect port 81"), words("send uri /x"), words("expect status 200")),
			// the merged request keeps the option's index
			"connect@1 send@1[GET /x] expect@2"},
		{httpchk("GET", "/h", "HTTP/1.0", words("comment first"), words("send uri /a"), words("expect status 200")),
			"connect@0 send@1(first)[GET /a] expect@2"},
		{tcpcheck(words("comment c1"), []string{"send", "x"}, []string{"send", "y"}, words("expect string z")),
			"connect@0 send@2(c1) send@3(c1) expect@4"},
		{tcpcheck(words("connect"), []string{"send", "x"}, words("expect string z"), words("comment c2"), words("connect port 81"), words("expect string w")),
			"connect@1 send@2 expect@3 connect@5(c2) expect@6"},
		{tcpcheck([]string{"set-var(check.a)", "int(1)"}, words("connect")), "set-var@1 connect@2"},
		{&proxy.Proxy{Check: proxy.HealthCheck{Type: proxy.CheckSMTP}}, "connect@1 expect@2 expect@3 send@4 expect@5 send@6 expect@7"},
		{&proxy.Proxy{Check: proxy.HealthCheck{Type: proxy.CheckRedis}}, "connect@0 send@1 expect@2"},
	}
	for _, tc := range cases {
		m, err := buildMethod(tc.px)
		if err != nil {
			t.Errorf("%+v: %v", tc.px.Check, err)
			continue
		}
		if got := describe(m.rs); got != tc.want {
			t.Errorf("ruleset %v:\n got %s\nwant %s", tc.px.Check.Rules, got, tc.want)
		}
	}
}

// What 2.6 refuses while building the rules.
func TestRuleErrors(t *testing.T) {
	cases := []struct {
		px   *proxy.Proxy
		want string
	}{
		{tcpcheck([]string{"send", "x"}, words("connect")), "first step MUST also be a 'connect'"},
		{tcpcheck(words("expect")), "expects at least a matching pattern as arguments"},
		{tcpcheck(words("expect status 200")), "'only supports min-recv"},
		{tcpcheck(words("expect string a string b")), "only on pattern expected"},
		{tcpcheck(words("expect string a ok-status L9OK")), "'ok-status' only supports 'L4OK', 'L6OK', 'L7OK' or 'L7OKC' status (got 'L9OK')."},
		{tcpcheck(words("expect binary 0Z")), "invalid binary string"},
		{tcpcheck(words("connect port 0")), "expects a valid TCP port (from range 1 to 65535) or a sample expression, got 0."},
		{tcpcheck(words("connect bogus")), "expects 'comment', 'port', 'addr', 'send-proxy', 'ssl', 'sni', 'alpn' or 'via-socks4', 'linger', 'default' but got 'bogus' as argument."},
		{httpchk("GET", "/", "HTTP/1.0", words("expect status 5xx")), "invalid character 'x' in the list of status codes"},
		{httpchk("GET", "/", "HTTP/1.0", words("expect status 300-200")), "invalid range of status codes '300-200'"},
		{httpchk("GET", "/", "HTTP/1.0", words("expect hdr value x")), "'hdr' expects at the name keyword as first argument followed by a pattern"},
		{httpchk("GET", "/", "HTTP/1.0", words("send hdr Host a hdr host b")), "'host' header already defined (previous value is 'a')"},
		{httpchk("GET", "/", "HTTP/1.0", words("send bogus")), "expects 'comment', 'meth', 'uri', 'uri-lf', 'ver', 'hdr', 'body' or 'body-lf' but got 'bogus' as argument."},
		{httpchk("GET", "/", "HTTP/1.0", words("expect rstring (")), "regex '(' is invalid"},
		{tcpcheck([]string{"send-lf", "%[nosuch()]"}), "unknown fetch method 'nosuch'"},
	}
	for _, tc := range cases {
		_, err := buildMethod(tc.px)
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("rules %v: error %v, want %q", tc.px.Check.Rules, err, tc.want)
		}
	}
}

// Servers need a port to check (init_srv_check()).
func TestNoCheckPort(t *testing.T) {
	srv := testServer("s1", 0, func(s *proxy.Server) { s.Addr.PortOffset = true })
	_, err := New(testConfig(testBackend("be", srv)), Options{})
	if err == nil || err.Error() != "config: backend 'be': server 's1' has neither service port nor check port." {
		t.Errorf("error %v", err)
	}
	srv.Check.Port = 80
	if _, err := New(testConfig(testBackend("be", srv)), Options{}); err != nil {
		t.Error(err)
	}
}

// The log-format subset and the sample expressions of checks.
func TestLogFormat(t *testing.T) {
	x := &checkRun{vars: map[string]value{"check.n": intValue(258), "check.s": strValue("ab")}, in: []byte("250 ok\r\nmore"),
		rs: &ruleset{proto: protoTCP}}
	for src, want := range map[string]string{
		"plain":                           "plain",
		"100%%":                           "100%",
		"%[var(check.s)]-%[var(check.n)]": "ab-258",
		"%[var(check.n),htonl,hex]":       "00000102",
		"%[var(check.s),hex]":             "6162",
		"%[res.payload(4,0),cut_crlf]":    "ok",
		"%[res.payload(0,3)]":             "250",
		"%[str(  x),ltrim(' ')]":          "x",
		"%[var(check.none)]":              "",
		"%[var(check.none,dflt)]":         "dflt",
		"%ci":                             "-",
	} {
		f, err := parseLogFormat(src)
		if err != nil {
			t.Errorf("%q: %v", src, err)
			continue
		}
		if got := string(f.build(x)); got != want {
			t.Errorf("%q built %q, want %q", src, got, want)
		}
	}
}
