package check

import (
	"net"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"hakeep/proxy"
)

func TestPlainConnect(t *testing.T) {
	f := newFakeServer(t, reply{})
	checkOutcome(t, runProbe(probeFor(t, &proxy.Proxy{}, f.port)), want{StatusL4OK, 0, ""})
	checkOutcome(t, runProbe(probeFor(t, &proxy.Proxy{}, closedPort(t))), want{StatusL4CON, 0, "Connection refused"})
}

// fullListener accepts nothing and has no room left in its queue: a
// connection to it times out.
func fullListener(t *testing.T) int {
	fd, err := syscall.Socket(syscall.AF_INET, syscall.SOCK_STREAM, 0)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { syscall.Close(fd) })
	if err := syscall.Bind(fd, &syscall.SockaddrInet4{Addr: [4]byte{127, 0, 0, 1}}); err != nil {
		t.Fatal(err)
	}
	if err := syscall.Listen(fd, 0); err != nil {
		t.Fatal(err)
	}
	sa, _ := syscall.Getsockname(fd)
	port := sa.(*syscall.SockaddrInet4).Port
	for i := 0; i < 2; i++ {
		c, err := net.DialTimeout("tcp", "127.0.0.1:"+itoa(port), 200*time.Millisecond)
		if err == nil {
			t.Cleanup(func() { c.Close() })
		}
	}
	return port
}

func itoa(n int) string { return strconv.Itoa(n) }

// Timeouts: the connection gets "inter" (or min(inter, timeout connect)
// with "timeout check"), then "timeout check" once connected.
func TestTimeouts(t *testing.T) {
	port := fullListener(t)
	p := probeFor(t, &proxy.Proxy{}, port)
	p.inter = 300 * time.Millisecond
	start := time.Now()
	checkOutcome(t, runProbe(p), want{StatusL4TOUT, 0, ""})
	if d := time.Since(start); d < 250*time.Millisecond || d > 2*time.Second {
		t.Errorf("connect timeout after %v", d)
	}

	f := newFakeServer(t, reply{silent: true})
	px := httpchk("GET", "/", "HTTP/1.0")
	px.Timeouts.Check, px.Timeouts.Connect = 150*time.Millisecond, time.Second
	p = probeFor(t, px, f.port)
	start = time.Now()
	checkOutcome(t, runProbe(p), want{StatusL7TOUT, 0, ""})
	if d := time.Since(start); d < 120*time.Millisecond || d > 450*time.Millisecond {
		t.Errorf("timeout check after %v", d)
	}
}

func TestHTTPCheck(t *testing.T) {
	resp := func(status, hdrs, body string) string {
		return "HTTP/1.1 " + status + "\r\nContent-Length: " + itoa(len(body)) + "\r\n" + hdrs + "\r\n" + body
	}
	cases := []struct {
		name  string
		px    *proxy.Proxy
		reply reply
		want  want
	}{
		{"ok", httpchk("GET", "/", "HTTP/1.0"), reply{send: resp("200 OK", "", "")}, want{StatusL7OK, 200, ""}},
		{"redirect ok", httpchk("GET", "/", "HTTP/1.0"), reply{send: resp("302 Found", "", "")}, want{StatusL7OK, 302, ""}},
		{"wrong status", httpchk("GET", "/", "HTTP/1.0"), reply{send: resp("500 Internal Server Error", "", "")}, want{StatusL7STS, 500, "Internal Server Error"}},
		{"expect status", httpchk("GET", "/", "HTTP/1.0", words("expect status 200,204")), reply{send: resp("204 No Content", "", "")}, want{StatusL7OK, 204, ""}},
		{"expect !status", httpchk("GET", "/", "HTTP/1.0", words("expect ! status 200")), reply{send: resp("200 OK", "", "")}, want{StatusL7STS, 200, "OK"}},
		{"rstatus", httpchk("GET", "/", "HTTP/1.0", words("expect rstatus ^2")), reply{send: resp("201 Created", "", "")}, want{StatusL7OK, 201, ""}},
		{"string", httpchk("GET", "/", "HTTP/1.0", words("expect string alive")), reply{send: resp("200 OK", "", "I am alive")}, want{StatusL7OK, 200, ""}},
		{"string mismatch", httpchk("GET", "/", "HTTP/1.0", words("expect string alive")), reply{send: resp("200 OK", "", "dead")}, want{StatusL7RSP, 200, "HTTP content check did not match"}},
		{"no body", httpchk("GET", "/", "HTTP/1.0", words("expect string alive")), reply{send: resp("200 OK", "", "")}, want{StatusL7RSP, 200, "HTTP content check could not find a response body"}},
		{"!string", httpchk("GET", "/", "HTTP/1.0", words("expect !string error")), reply{send: resp("200 OK", "", "error 42")}, want{StatusL7RSP, 200, "HTTP check matched unwanted content"}},
		{"rstring", httpchk("GET", "/", "HTTP/1.0", words("expect rstring ^v[0-9]+$")), reply{send: resp("200 OK", "", "v12")}, want{StatusL7OK, 200, ""}},
		{"hdr", httpchk("GET", "/", "HTTP/1.0", words("expect hdr name x-state value ok")), reply{send: resp("200 OK", "X-State: bad, ok\r\n", "")}, want{StatusL7OK, 200, ""}},
		{"fhdr", httpchk("GET", "/", "HTTP/1.0", words("expect fhdr name x-state value ok")), reply{send: resp("200 OK", "X-State: bad, ok\r\n", "")}, want{StatusL7STS, 200, "OK"}},
		{"hdr -m beg", httpchk("GET", "/", "HTTP/1.0", words("expect hdr name -m beg x-st")), reply{send: resp("200 OK", "X-State: a\r\n", "")}, want{StatusL7OK, 200, ""}},
		{"hdr -m reg", httpchk("GET", "/", "HTTP/1.0", words("expect hdr name x-state value -m reg ^o.$")), reply{send: resp("200 OK", "X-State: ok\r\n", "")}, want{StatusL7OK, 200, ""}},
		{"error-status", httpchk("GET", "/", "HTTP/1.0", words("expect status 200 error-status L7RSP")), reply{send: resp("503 Busy", "", "")}, want{StatusL7RSP, 503, "Busy"}},
		{"ok-status", httpchk("GET", "/", "HTTP/1.0", words("expect status 200 ok-status L7OKC")), reply{send: resp("200 OK", "", "")}, want{StatusL7OKC, 200, ""}},
		{"on-error", httpchk("GET", "/", "HTTP/1.0", []string{"expect", "status", "200", "on-error", "bad %[status]", "comment", "c1"}), reply{send: resp("404 Nope", "", "")}, want{StatusL7STS, 404, "bad 404 comment: c1"}},
		{"on-success", httpchk("GET", "/", "HTTP/1.0", []string{"expect", "status", "200", "on-success", "fine %[res.hdr(x-v)]"}), reply{send: resp("200 OK", "X-V: 3\r\n", "")}, want{StatusL7OK, 200, "fine 3"}},
		{"disable-on-404", httpchk("GET", "/", "HTTP/1.0", words("disable-on-404")), reply{send: resp("404 Not Found", "", "")}, want{StatusL7OKC, 404, ""}},
		{"empty", httpchk("GET", "/", "HTTP/1.0"), reply{send: ""}, want{StatusL7RSP, 0, "TCPCHK got an empty response at step 1"}},
		{"garbage", httpchk("GET", "/", "HTTP/1.0"), reply{send: "hello\r\n\r\n"}, want{StatusL7RSP, 0, ""}},
		{"chunked", httpchk("GET", "/", "HTTP/1.0", words("expect string ready")), reply{send: "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nready\r\n0\r\n\r\n"}, want{StatusL7OK, 200, ""}},
		{"close delimited", httpchk("GET", "/", "HTTP/1.0", words("expect string ready")), reply{send: "HTTP/1.0 200 OK\r\n\r\nready"}, want{StatusL7OK, 200, ""}},
		{"two requests", httpchk("GET", "/", "HTTP/1.0", words("connect"), words("send uri /a"), words("expect status 200"), words("connect"), words("send uri /b"), words("expect status 200")),
			reply{until: "\r\n\r\n", send: resp("200 OK", "", "")}, want{StatusL7OK, 200, ""}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			r := tc.reply
			if r.until == "" {
				r.until = "\r\n\r\n"
			}
			f := newFakeServer(t, r)
			checkOutcome(t, runProbe(probeFor(t, tc.px, f.port)), tc.want)
		})
	}
}

// The request bytes of "option httpchk" and "http-check send", as 2.6.12
// writes them (recorded from the real one).
func TestHTTPRequestBytes(t *testing.T) {
	cases := []struct {
		px   *proxy.Proxy
		want string
	}{
		{httpchk("OPTIONS", "/", "HTTP/1.0"), "OPTIONS / HTTP/1.0\r\n\r\n"},
		{&proxy.Proxy{Check: proxy.HealthCheck{Type: proxy.CheckHTTP, HTTPMethod: "GET", HTTPURI: "/x", HTTPVersion: "HTTP/1.1", HTTPHeaders: "Host: foo\r\nX-Y: z"}},
			"GET /x HTTP/1.1\r\nhost: foo\r\nx-y: z\r\nconnection: close\r\n\r\n"},
		{httpchk("OPTIONS", "/", "HTTP/1.0", words("send meth POST uri /p ver HTTP/1.1 hdr Host h hdr X-A b body hello")),
			"POST /p HTTP/1.1\r\nhost: h\r\nx-a: b\r\ncontent-length: 5\r\nconnection: close\r\n\r\nhello"},
		{httpchk("HEAD", "/h", "HTTP/1.1", words("send hdr Connection keep-alive hdr content-length 5")), "HEAD /h HTTP/1.1\r\n\r\n"},
		{httpchk("GET", "/t", "HTTP/1.0", []string{"send", "ver", "HTTP/1.1", "uri-lf", "/lf?%[str(q)]", "body-lf", "%[str(abc)]"}),
			"GET /lf?q HTTP/1.1\r\ncontent-length: 3\r\nconnection: close\r\n\r\nabc"},
		{httpchk("POST", "/e", "HTTP/1.1"), "POST /e HTTP/1.1\r\ncontent-length: 0\r\nconnection: close\r\n\r\n"},
		{httpchk("POST", "/e", "HTTP/1.0", words("send body xyz hdr X-Case AbC")), "POST /e HTTP/1.0\r\nx-case: AbC\r\ncontent-length: 3\r\n\r\nxyz"},
		{httpchk("DELETE", "/d", "HTTP/1.1"), "DELETE /d HTTP/1.1\r\nconnection: close\r\n\r\n"},
		{httpchk("PUT", "/d", "HTTP/1.1"), "PUT /d HTTP/1.1\r\ncontent-length: 0\r\nconnection: close\r\n\r\n"},
		{httpchk("TRACE", "/d", "HTTP/1.1", words("send hdr connection foo,close")), "TRACE /d HTTP/1.1\r\nconnection: foo\r\ncontent-length: 0\r\nconnection: close\r\n\r\n"},
	}
	for _, tc := range cases {
		f := newFakeServer(t, reply{send: "HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n"})
		runProbe(probeFor(t, tc.px, f.port))
		if got := f.received(0); got != tc.want {
			t.Errorf("request:\n got %q\nwant %q", got, tc.want)
		}
	}
}

func TestTCPCheck(t *testing.T) {
	cases := []struct {
		name  string
		rules [][]string
		reply reply
		want  want
		sent  string
	}{
		{"connect only", nil, reply{}, want{StatusL4OK, 0, ""}, ""},
		{"send expect", [][]string{{"send", "PING\r\n"}, words("expect string PONG")}, reply{until: "\n", send: "+PONG\r\n"}, want{StatusL7OK, 0, "(tcp-check)"}, "PING\r\n"},
		{"mismatch", [][]string{{"send", "PING\r\n"}, words("expect string PONG")}, reply{until: "\n", send: "nope\r\n"}, want{StatusL7RSP, 0, "TCPCHK did not match content 'PONG' at step 2"}, ""},
		{"explicit connect", [][]string{words("connect"), {"send", "a\n"}, words("expect string b")}, reply{until: "\n", send: "b"}, want{StatusL7OK, 0, "(tcp-check)"}, "a\n"},
		{"connect only explicit", [][]string{words("connect")}, reply{}, want{StatusL4OK, 0, "(tcp-check)"}, ""},
		{"rstring", [][]string{words("expect rstring ^220 ")}, reply{send: "220 ready\r\n"}, want{StatusL7OK, 0, "(tcp-check)"}, ""},
		{"rstring mismatch", [][]string{words("expect rstring ^220 ")}, reply{send: "554 no\r\n"}, want{StatusL7RSP, 0, "TCPCHK did not match content (regex) at step 1"}, ""},
		{"!string", [][]string{words("expect !string ERR")}, reply{send: "ERR x"}, want{StatusL7RSP, 0, "TCPCHK matched unwanted content 'ERR' at step 1"}, ""},
		{"binary", [][]string{{"send-binary", "0102"}, words("expect binary 0A0B")}, reply{until: "\x02", send: "\x09\x0a\x0b"}, want{StatusL7OK, 0, "(tcp-check)"}, "\x01\x02"},
		{"rbinary", [][]string{words("expect rbinary ^0A")}, reply{send: "\x0a\xff"}, want{StatusL7OK, 0, "(tcp-check)"}, ""},
		{"binary mismatch", [][]string{words("expect binary 0A0B")}, reply{send: "\x0a\x0c"}, want{StatusL7RSP, 0, "TCPCHK did not match content (binary) at step 1"}, ""},
		{"string-lf", [][]string{{"set-var(check.v)", "str(xyz)"}, {"send-lf", "v=%[var(check.v)]\n"}, {"expect", "string-lf", "%[var(check.v)]"}}, reply{until: "\n", send: "got xyz"}, want{StatusL7OK, 0, "(tcp-check)"}, "v=xyz\n"},
		{"comment", [][]string{words("comment hello"), words("expect string x")}, reply{send: "y"}, want{StatusL7RSP, 0, "TCPCHK did not match content 'x' at step 2 comment: hello"}, ""},
		{"on-success", [][]string{{"expect", "string", "x", "on-success", "got %[res.payload(0,0)]"}}, reply{send: "x1"}, want{StatusL7OK, 0, "got x1"}, ""},
		{"status-code", [][]string{{"expect", "rstring", "^2", "error-status", "L7STS", "status-code", "res.payload(0,3)"}}, reply{send: "404 x"}, want{StatusL7STS, 404, "TCPCHK did not match content (regex) at step 1"}, ""},
		// with "min-recv" a mismatch is final once enough arrived...
		{"min-recv", [][]string{words("expect string ab min-recv 1")}, reply{send: "xy", hold: true}, want{StatusL7RSP, 0, "TCPCHK did not match content 'ab' at step 1"}, ""},
		// ...without, the check waits for more until its time runs out
		{"no min-recv", [][]string{words("expect string ab")}, reply{send: "xy", hold: true}, want{StatusL7TOUT, 0, " at step 1 of tcp-check (expect string 'ab')"}, ""},
		{"empty", [][]string{words("expect string x")}, reply{send: ""}, want{StatusL7RSP, 0, "TCPCHK got an empty response at step 1"}, ""},
		{"two expects", [][]string{words("expect string a"), words("expect string b")}, reply{send: "ab"}, want{StatusL7OK, 0, "(tcp-check)"}, ""},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			f := newFakeServer(t, tc.reply)
			checkOutcome(t, runProbe(probeFor(t, tcpcheck(tc.rules...), f.port)), tc.want)
			if got := f.received(0); tc.sent != "" && got != tc.sent {
				t.Errorf("server got %q, want %q", got, tc.sent)
			}
		})
	}
	// failures before and at connect name their step
	p := probeFor(t, tcpcheck(), closedPort(t))
	checkOutcome(t, runProbe(p), want{StatusL4CON, 0, "Connection refused at initial connection step of tcp-check"})
	port := closedPort(t)
	p = probeFor(t, tcpcheck([]string{"connect", "port", itoa(port)}), 1)
	checkOutcome(t, runProbe(p), want{StatusL4CON, 0, "Connection refused at step 1 of tcp-check (connect port " + itoa(port) + ")"})
	f := newFakeServer(t, reply{silent: true})
	p = probeFor(t, tcpcheck(words("expect string x comment waiting")), f.port)
	p.inter = 200 * time.Millisecond
	checkOutcome(t, runProbe(p), want{StatusL7TOUT, 0, " at step 1 of tcp-check (expect string 'x') comment: 'waiting'"})
}

// The protocol checks against scripted servers speaking their protocol.
func TestProtocolChecks(t *testing.T) {
	pgOK := "R\x00\x00\x00\x08\x00\x00\x00\x00"
	mysqlHS := "\x0a\x00\x00\x00" + "\x0a" + "5.7.1-test\x00" + "\x01\x00\x00\x00"
	mysqlHS = string([]byte{byte(len(mysqlHS) - 4), 0, 0, 0}) + mysqlHS[4:]
	mysqlErr := "\x16\x00\x00\x02\xff\x15\x04#28000Access denied"
	ldapOK := "\x30\x0c\x02\x01\x01\x61\x07\x0a\x01\x00\x04\x00\x04\x00"
	// MySQL and LDAP set their status from their parser, then the end of
	// the ruleset sets it again with no description (2.6 logs the first,
	// "show stat" keeps the second): first is the first description
	cases := []struct {
		name string
		hc   proxy.HealthCheck
		rep  reply
		want want
		sent string
	}{
		{"redis ok", proxy.HealthCheck{Type: proxy.CheckRedis}, reply{until: "PING\r\n", send: "+PONG\r\n"}, want{StatusL7OK, 0, "Redis server is ok"}, "*1\r\n$4\r\nPING\r\n"},
		{"redis error", proxy.HealthCheck{Type: proxy.CheckRedis}, reply{until: "PING\r\n", send: "-ERR loading\r\n"}, want{StatusL7STS, 0, "-ERR loading"}, ""},
		{"smtp ok", proxy.HealthCheck{Type: proxy.CheckSMTP, SMTPHelo: "EHLO", SMTPDomain: "me.example"}, reply{send: "220 mx ready\r\n"}, want{}, ""},
		{"pgsql ok", proxy.HealthCheck{Type: proxy.CheckPgSQL, User: "hap"}, reply{until: "hap\x00\x00", send: pgOK}, want{StatusL7OK, 0, "PostgreSQL server is ok"},
			"\x00\x00\x00\x12\x00\x03\x00\x00user\x00hap\x00\x00"},
		{"pgsql error", proxy.HealthCheck{Type: proxy.CheckPgSQL, User: "hap"}, reply{until: "hap\x00\x00", send: "E\x00\x00\x00\x20SFATAL\x00Mbad user\x00"}, want{StatusL7RSP, 0, "FATAL\x00Mbad user\x00"}, ""},
		{"mysql no user", proxy.HealthCheck{Type: proxy.CheckMySQL}, reply{send: mysqlHS}, want{StatusL7OK, 0, ""}, ""},
		{"mysql error", proxy.HealthCheck{Type: proxy.CheckMySQL}, reply{send: mysqlErr}, want{StatusL7STS, 1045, "#28000Access denied"}, ""},
		{"ldap ok", proxy.HealthCheck{Type: proxy.CheckLDAP}, reply{until: "\x80\x00", send: ldapOK}, want{StatusL7OK, 0, ""}, "\x30\x0c\x02\x01\x01\x60\x07\x02\x01\x03\x04\x00\x80\x00"},
		{"ldap long length", proxy.HealthCheck{Type: proxy.CheckLDAP}, reply{until: "\x80\x00", send: "\x30\x84\x00\x00\x00\x10\x02\x01\x01\x61\x84\x00\x00\x00\x07\x0a\x01\x00\x04\x00\x04\x00"}, want{StatusL7OK, 0, ""}, ""},
		{"ldap not ldap", proxy.HealthCheck{Type: proxy.CheckLDAP}, reply{until: "\x80\x00", send: "\x30\x0c\x02\x01\x05\x61\x07\x0a\x01\x00\x04\x00\x04\x00"}, want{StatusL7RSP, 0, "Not LDAPv3 protocol"}, ""},
		{"ldap result", proxy.HealthCheck{Type: proxy.CheckLDAP}, reply{until: "\x80\x00", send: "\x30\x0c\x02\x01\x01\x61\x07\x0a\x01\x31\x04\x00\x04\x00"}, want{StatusL7STS, 0x31, "See RFC: http://tools.ietf.org/html/rfc4511#section-4.1.9"}, ""},
		{"ssl hello ok", proxy.HealthCheck{Type: proxy.CheckSSLHello}, reply{send: "\x16\x03\x01\x00\x02\x02\x00"}, want{StatusL6OK, 0, ""}, ""},
		{"ssl hello bad", proxy.HealthCheck{Type: proxy.CheckSSLHello}, reply{send: "HTTP/1.0 400\r\n"}, want{StatusL6RSP, 0, ""}, ""},
	}
	first := map[string]string{"mysql no user": "5.7.1-test", "ldap ok": "Success", "ldap long length": "Success"}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			if tc.name == "smtp ok" {
				testSMTP(t)
				return
			}
			f := newFakeServer(t, tc.rep)
			o := runProbe(probeFor(t, &proxy.Proxy{Check: tc.hc}, f.port))
			checkOutcome(t, o, tc.want)
			if f := first[tc.name]; f != "" && (len(o.before) != 1 || o.before[0].desc != f) {
				t.Errorf("first status %+v, want desc %q", o.before, f)
			}
			if tc.sent != "" && f.received(0) != tc.sent {
				t.Errorf("server got %q, want %q", f.received(0), tc.sent)
			}
		})
	}
}

// testSMTP plays a whole SMTP exchange: banner, HELO, reply.
func testSMTP(t *testing.T) {
	for _, tc := range []struct {
		banner, helo string
		want         want
	}{
		{"220 mx ready\r\n", "250 mx.example Hello\r\n", want{StatusL7OK, 221, "bye"}},
		{"220 mx ready\r\n", "250-mx.example\r\n250 SIZE 10\r\n", want{StatusL7OK, 221, "bye"}},
		{"554 go away\r\n", "", want{StatusL7STS, 554, "go away"}},
		{"220 mx\r\n", "550 denied\r\n", want{StatusL7STS, 550, "denied"}},
		{"garbage\r\n", "", want{StatusL7RSP, 0, "garbage"}},
	} {
		ln, _ := net.Listen("tcp", "127.0.0.1:0")
		defer ln.Close()
		got := make(chan string, 1)
		go func() {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			defer c.Close()
			c.Write([]byte(tc.banner))
			buf := make([]byte, 100)
			c.SetReadDeadline(time.Now().Add(time.Second))
			n, _ := c.Read(buf)
			got <- string(buf[:n])
			c.Write([]byte(tc.helo))
			c.SetReadDeadline(time.Now().Add(300 * time.Millisecond))
			if n, _ := c.Read(buf); n > 0 && string(buf[:n]) == "QUIT\r\n" {
				c.Write([]byte("221 bye\r\n"))
			}
			time.Sleep(20 * time.Millisecond)
		}()
		hc := proxy.HealthCheck{Type: proxy.CheckSMTP, SMTPHelo: "EHLO", SMTPDomain: "me.example"}
		checkOutcome(t, runProbe(probeFor(t, &proxy.Proxy{Check: hc}, ln.Addr().(*net.TCPAddr).Port)), tc.want)
		if tc.helo != "" {
			if s := <-got; s != "EHLO me.example\r\n" {
				t.Errorf("smtp got %q", s)
			}
		}
	}
}

// SPOP: a HAPROXY-HELLO with "healthcheck", answered by an AGENT-HELLO.
func TestSPOPCheck(t *testing.T) {
	hello := []byte{spopAgentHello, 0, 0, 0, 1, 0, 0}
	hello = spopString(hello, "version")
	hello = append(hello, spopTypeStr)
	hello = spopString(hello, "2.0")
	hello = spopString(hello, "max-frame-size")
	hello = append(hello, spopTypeUint32)
	hello = spopVarint(hello, 16380)
	hello = spopString(hello, "capabilities")
	hello = append(hello, spopTypeStr)
	hello = spopString(hello, "")
	frame := append([]byte{0, 0, 0, byte(len(hello))}, hello...)
	f := newFakeServer(t, reply{send: string(frame)})
	o := runProbe(probeFor(t, &proxy.Proxy{Check: proxy.HealthCheck{Type: proxy.CheckSPOP}}, f.port))
	checkOutcome(t, o, want{StatusL7OK, 0, ""})
	if len(o.before) != 1 || o.before[0].desc != "SPOA server is ok" {
		t.Errorf("first status %+v", o.before)
	}
	req := f.received(0)
	if !strings.Contains(req, "healthcheck") || req[4] != spopHAProxyHello {
		t.Errorf("spop request %q", req)
	}
	disc := []byte{spopAgentDiscon, 0, 0, 0, 1, 0, 0}
	disc = spopString(disc, "status-code")
	disc = append(disc, spopTypeUint32, 8)
	frame = append([]byte{0, 0, 0, byte(len(disc))}, disc...)
	f = newFakeServer(t, reply{send: string(frame)})
	checkOutcome(t, runProbe(probeFor(t, &proxy.Proxy{Check: proxy.HealthCheck{Type: proxy.CheckSPOP}}, f.port)), want{StatusL7RSP, 0, "unsupported version"})
}

// The agent check sends "agent-send" and reads one line.
func TestAgentProbe(t *testing.T) {
	f := newFakeServer(t, reply{until: "\n", send: "up 50%\n"})
	px := &proxy.Proxy{Name: "be", Cap: proxy.CapBackend}
	srv := testServer("s1", 1, func(s *proxy.Server) {
		s.Check.Enabled = false
		s.Agent = proxy.AgentCheck{Enabled: true, Port: f.port, Send: "hello\n", Inter: time.Second}
	})
	px.Servers = []*proxy.Server{srv}
	m, err := New(testConfig(px), Options{})
	if err != nil {
		t.Fatal(err)
	}
	o := runProbe(m.Server("be", "s1").agent.probe)
	if o.agentLine == nil || *o.agentLine != "up 50%" {
		t.Fatalf("agent line %+v", o)
	}
	if f.received(0) != "hello\n" {
		t.Errorf("agent got %q", f.received(0))
	}
	f = newFakeServer(t, reply{send: "up"})
	m.Server("be", "s1").agent.probe.port = f.port
	m.Server("be", "s1").agent.probe.rs.vars = nil
	if o := runProbe(m.Server("be", "s1").agent.probe); !o.agentIncomplete {
		t.Errorf("incomplete line not seen: %+v", o)
	}
}

// check-send-proxy sends a PROXY v1 line naming the check connection's
// own ends; send-proxy-v2 a LOCAL header.
func TestCheckSendProxy(t *testing.T) {
	f := newFakeServer(t, reply{until: "\r\n\r\n", send: "HTTP/1.0 200 OK\r\n\r\n"})
	p := probeFor(t, httpchk("GET", "/", "HTTP/1.0"), f.port, func(s *proxy.Server) { s.Check.SendProxy = true })
	checkOutcome(t, runProbe(p), want{StatusL7OK, 200, ""})
	got := f.received(0)
	if !strings.HasPrefix(got, "PROXY TCP4 127.0.0.1 127.0.0.1 ") || !strings.HasSuffix(got, " "+itoa(f.port)+"\r\nGET / HTTP/1.0\r\n\r\n") {
		t.Errorf("got %q", got)
	}
	// the v2 signature holds a CRLFCRLF of its own
	f = newFakeServer(t, reply{until: "HTTP/1.0\r\n\r\n", send: "HTTP/1.0 200 OK\r\n\r\n"})
	p = probeFor(t, httpchk("OPTIONS", "/", "HTTP/1.0"), f.port, func(s *proxy.Server) { s.SendProxyV2 = true })
	checkOutcome(t, runProbe(p), want{StatusL7OK, 200, ""})
	if got, want := f.received(0), "\r\n\r\n\x00\r\nQUIT\n\x20\x00\x00\x00OPTIONS / HTTP/1.0\r\n\r\n"; got != want {
		t.Errorf("v2: got %q, want %q", got, want)
	}
}

// External checks run the command with 2.6's arguments and environment.
func TestExternalCheck(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "out")
	script := filepath.Join(dir, "chk.sh")
	os.WriteFile(script, []byte("#!/bin/sh\necho \"$@|$PATH|$HAPROXY_PROXY_NAME|$HAPROXY_SERVER_NAME|$HAPROXY_SERVER_ADDR|$HAPROXY_SERVER_PORT|$HAPROXY_PROXY_ADDR\" > "+out+"\nexit ${CODE:-3}\n"), 0o755)
	px := &proxy.Proxy{Check: proxy.HealthCheck{Type: proxy.CheckExternal, ExternalCommand: script, ExternalPath: "/usr/bin:/bin"}}
	p := probeFor(t, px, 8080)
	checkOutcome(t, runProbe(p), want{StatusPROCERR, 3, ""})
	b, _ := os.ReadFile(out)
	if got, want := strings.TrimSpace(string(b)), "NOT_USED NOT_USED 127.0.0.1 8080|/usr/bin:/bin|be|s1|127.0.0.1|8080|"; got != want {
		t.Errorf("external check saw %q, want %q", got, want)
	}
	os.WriteFile(script, []byte("#!/bin/sh\nexit 0\n"), 0o755)
	checkOutcome(t, runProbe(p), want{StatusPROCOK, 0, ""})
	os.WriteFile(script, []byte("#!/bin/sh\nsleep 5\n"), 0o755)
	p.inter = 150 * time.Millisecond
	checkOutcome(t, runProbe(p), want{StatusPROCTOUT, 0, ""})
}
