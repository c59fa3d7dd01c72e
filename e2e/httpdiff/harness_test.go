package httpdiff

import (
	"bufio"
	"errors"
	"io"
	"os"
	"strings"
	"syscall"
	"testing"
	"time"
)

// The harness's own parts, without any proxy: a wrong diff or mask would
// hide differences in every case.

func TestDiffFindsEveryDifference(t *testing.T) {
	a := &Recording{Entries: []Entry{{"c1 r1", "HTTP/1.1 200 OK"}, {"c1 r1 h1", "x: 1"}, {"chosen", "s1"}}}
	b := &Recording{Entries: []Entry{{"c1 r1", "HTTP/1.1 200 OK"}, {"c1 r1 h1", "x: 2"}, {"c1 r1 h2", "y: 3"}, {"chosen", "s1"}}}
	d := diff("real", a, "ours", b)
	for _, want := range []string{"c1 r1 h1:\n\treal  x: 1\n\tours  x: 2", "c1 r1 h2:\n\treal  (none)\n\tours  y: 3"} {
		if !strings.Contains(d, want) {
			t.Errorf("diff lacks %q:\n%s", want, d)
		}
	}
	if strings.Contains(d, "chosen") {
		t.Errorf("diff reports an equal entry:\n%s", d)
	}
	if d := diff("a", a, "b", a); d != "" {
		t.Errorf("identical recordings differ: %s", d)
	}
}

func TestMaskerReplacesWholeWordsOnly(t *testing.T) {
	m := &masker{}
	m.value("34567", "<fe>")
	m.path("/tmp/httpdiff-1", "<dir>")
	if err := m.pattern(`pid=[0-9]+`); err != nil {
		t.Fatal(err)
	}
	got := m.apply("127.0.0.1:34567 1345678 34567,34567 /tmp/httpdiff-1/x.sock pid=42")
	want := "127.0.0.1:<fe> 1345678 <fe>,<fe> <dir>/x.sock <masked>"
	if got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}

func TestTimingClasses(t *testing.T) {
	for _, c := range []struct {
		ms   int
		want string
	}{{0, "immediate"}, {149, "immediate"}, {201, "~200ms"}, {420, "~200ms"}, {599, "~200ms"}, {805, "~800ms"}, {1700, "~800ms"}, {2500, "~3s"}} {
		if got := timingClass(time.Duration(c.ms) * time.Millisecond); got != c.want {
			t.Errorf("%d ms: got %s, want %s", c.ms, got, c.want)
		}
	}
}

func TestCloseClassMergesFinAndReset(t *testing.T) {
	for _, err := range []error{io.EOF, syscall.ECONNRESET} {
		if got := closeClass(err); got != "closed" {
			t.Errorf("%v: got %q", err, got)
		}
	}
	if got := closeClass(os.ErrDeadlineExceeded); got != "timeout" {
		t.Errorf("deadline: got %q", got)
	}
	if got := errClass(errors.New("odd")); got != "odd" {
		t.Errorf("other error: got %q", got)
	}
}

func TestProxyHeaders(t *testing.T) {
	v1 := bufio.NewReader(strings.NewReader("PROXY TCP4 192.0.2.1 198.51.100.2 1234 80\r\nGET /"))
	if h, err := readProxyHeader(v1); err != nil || h != "PROXY TCP4 192.0.2.1 198.51.100.2 1234 80" {
		t.Errorf("v1: %q, %v", h, err)
	}
	v2 := bufio.NewReader(strings.NewReader(proxyV2("192.0.2.10:5555", "198.51.100.20:443") + "rest"))
	h, err := readProxyHeader(v2)
	if err != nil || h != "v2 PROXY fam=0x11 192.0.2.10:5555 -> 198.51.100.20:443" {
		t.Errorf("v2: %q, %v", h, err)
	}
	if rest, _ := io.ReadAll(v2); string(rest) != "rest" {
		t.Errorf("v2 header overran: left %q", rest)
	}
	if _, err := readProxyHeader(bufio.NewReader(strings.NewReader("GET / HTTP/1.1\r\n\r\n"))); err == nil {
		t.Error("a request line taken for a PROXY header")
	}
}

func TestChunkedDecoding(t *testing.T) {
	r := bufio.NewReader(strings.NewReader("5;ext=1\r\nhello\r\n6\r\n world\r\n0\r\nX-T: 1\r\n\r\nnext"))
	var body []byte
	tr, err := readChunked(r, func(b []byte) { body = append(body, b...) })
	if err != nil || string(body) != "hello world" || len(tr) != 1 || tr[0] != "X-T: 1" {
		t.Errorf("got body %q trailers %q err %v", body, tr, err)
	}
	if rest, _ := io.ReadAll(r); string(rest) != "next" {
		t.Errorf("read past the message: left %q", rest)
	}
	if _, err := readChunked(bufio.NewReader(strings.NewReader("zz\r\n")), func([]byte) {}); err == nil {
		t.Error("a bad chunk size accepted")
	}
}

func TestHeadAndHeaderHelpers(t *testing.T) {
	r := bufio.NewReader(strings.NewReader("\r\nPOST / HTTP/1.1\r\nHost: a\r\nConnection: keep-alive, Upgrade\r\nContent-Length: 3\r\n\r\nabc"))
	head, _, err := readHead(r)
	if err != nil || len(head) != 4 || head[0] != "POST / HTTP/1.1" {
		t.Fatalf("head %q, %v", head, err)
	}
	if !hasToken(head[1:], "connection", "upgrade") || hasToken(head[1:], "Connection", "close") {
		t.Error("token lookup wrong")
	}
	if n := contentLength(head[1:]); n != 3 {
		t.Errorf("content length %d", n)
	}
}

func TestCookieJarSubstitution(t *testing.T) {
	cl := &client{jar: map[string]string{"SRV": "s2|abc"}}
	got := cl.withCookies("Cookie: SRV=$COOKIE(SRV); x=$COOKIE(NONE)\r\n")
	if got != "Cookie: SRV=s2|abc; x=\r\n" {
		t.Errorf("got %q", got)
	}
}

// Every case has a name, a script and at least one Want line, and the
// names are unique across both suites.
func TestCasesAreWellFormed(t *testing.T) {
	seen := map[string]bool{}
	all := append(DataPlaneCases(), RulesCases()...)
	for _, c := range all {
		switch {
		case c.Name == "":
			t.Errorf("a case without a name")
		case seen[c.Name]:
			t.Errorf("two cases are named %q", c.Name)
		case len(c.Script) == 0:
			t.Errorf("%s: no script", c.Name)
		case len(c.Want) == 0:
			t.Errorf("%s: no Want line", c.Name)
		}
		seen[c.Name] = true
	}
	if n := len(DataPlaneCases()); n < 150 {
		t.Errorf("%d data-plane cases, issue 3 asks for 150", n)
	}
	if n := len(RulesCases()); n < 200 {
		t.Errorf("%d rules cases, issue 4 asks for 200", n)
	}
}
