package sample

import (
	"bufio"
	"fmt"
	"io"
	"net"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"testing"
	"time"
)

// The golden data of testdata/exprs.golden was recorded from haproxy
// 2.6.12: each expression of testdata/exprs.txt is returned by an
// "http-request return ... lf-string" rule, for goldenRequest. Record
// again with HAKEEP_RECORD=1 (needs /usr/sbin/haproxy).

// goldenRequest is the request every expression is evaluated on; the
// x-case header selects the rule.
func goldenRequest(i int) string {
	return "GET /p/a.html?x=1&a=2&a=3&b=%41+c HTTP/1.1\r\n" +
		"Host: www.Example.com:8080\r\n" +
		"X: a, b\r\n" +
		"x: c,,d\r\n" +
		"Cookie: c=1; d=2\r\n" +
		"Cookie: c=3; e=\"q;w\"\r\n" +
		"User-Agent: Mozilla/5.0 (X11; Linux)\r\n" +
		"X-Num: 42abc\r\n" +
		"X-IP: 10.1.2.3, ::1\r\n" +
		"Authorization: Basic dXNlcjpwYXNz\r\n" +
		"X-Case: " + strconv.Itoa(i) + "\r\n" +
		"\r\n"
}

func readExprs(t *testing.T) []string {
	t.Helper()
	b, err := os.ReadFile("testdata/exprs.txt")
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, l := range strings.Split(string(b), "\n") {
		if l != "" {
			out = append(out, l)
		}
	}
	return out
}

func TestGoldenExprs(t *testing.T) {
	exprs := readExprs(t)
	if os.Getenv("HAKEEP_RECORD") == "1" {
		recordGolden(t, exprs)
	}
	g, err := os.ReadFile("testdata/exprs.golden")
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSuffix(string(g), "\n"), "\n")
	port, _ := strconv.Atoi(strings.TrimPrefix(lines[0], "port "))
	want := map[string]string{}
	for _, l := range lines[1:] {
		e, q, _ := strings.Cut(l, "\t")
		v, err := strconv.Unquote(q)
		if err != nil {
			t.Fatalf("bad golden line %q", l)
		}
		want[e] = v
	}
	reg := NewRegistry()
	pass, fail := 0, 0
	for i, text := range exprs {
		w, ok := want[text]
		if !ok {
			t.Errorf("%s: not recorded", text)
			continue
		}
		c := newFakeCtx(goldenRequest(i), uint16(port))
		e, _, err := (&Context{Registry: reg}).ParseExpr([]string{text}, 0)
		if err != nil {
			t.Errorf("%s: %v", text, err)
			continue
		}
		var s Sample
		got := ""
		if e.EvalAs(c, Str, &s) {
			got = string(s.Str)
		}
		if got != w && !strings.Contains(text, "src_port") {
			fail++
			t.Errorf("%s: got %q, haproxy 2.6 gives %q", text, got, w)
		} else {
			pass++
		}
	}
	t.Logf("%d passed, %d failed", pass, fail)
}

// recordGolden runs the real haproxy on every expression.
func recordGolden(t *testing.T, exprs []string) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	port := l.Addr().(*net.TCPAddr).Port
	l.Close()
	var cfg strings.Builder
	fmt.Fprintf(&cfg, "global\n  nbthread 1\ndefaults\n  mode http\n  timeout client 5s\n  timeout server 5s\n  timeout connect 5s\n")
	fmt.Fprintf(&cfg, "frontend fe\n  bind 127.0.0.1:%d\n  default_backend be\nbackend be\n  server s1 127.0.0.1:9\n", port)
	for i, e := range exprs {
		// '$' starts an environment variable inside double quotes
		// (configuration.txt 2.3): json_query's paths are escaped
		fmt.Fprintf(&cfg, "  http-request return status 200 content-type text/plain lf-string \"%%[%s]\" if { req.hdr(x-case) -m str %d }\n", strings.ReplaceAll(e, "$", `\$`), i)
	}
	dir := t.TempDir()
	f := dir + "/h.cfg"
	if err := os.WriteFile(f, []byte(cfg.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command("/usr/sbin/haproxy", "-f", f)
	cmd.Stderr = os.Stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	defer cmd.Process.Kill()
	time.Sleep(500 * time.Millisecond)
	var out strings.Builder
	fmt.Fprintf(&out, "port %d\n", port)
	for i, e := range exprs {
		conn, err := net.Dial("tcp", l.Addr().String())
		if err != nil {
			t.Fatal(err)
		}
		io.WriteString(conn, goldenRequest(i))
		r := bufio.NewReader(conn)
		n := 0
		for {
			line, err := r.ReadString('\n')
			if err != nil {
				t.Fatalf("%s: %v", e, err)
			}
			if strings.HasPrefix(strings.ToLower(line), "content-length:") {
				n, _ = strconv.Atoi(strings.TrimSpace(line[15:]))
			}
			if line == "\r\n" {
				break
			}
		}
		body := make([]byte, n)
		io.ReadFull(r, body)
		conn.Close()
		fmt.Fprintf(&out, "%s\t%q\n", e, body)
	}
	if err := os.WriteFile("testdata/exprs.golden", []byte(out.String()), 0o644); err != nil {
		t.Fatal(err)
	}
}
