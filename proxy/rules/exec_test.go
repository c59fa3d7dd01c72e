package rules

import (
	"bytes"
	"fmt"
	"net/netip"
	"strings"
	"syscall"
	"testing"
	"time"

	"hakeep/proxy/acl"
	"hakeep/proxy/logformat"
	"hakeep/proxy/sample"
)

// fakeMsg is a rules.Msg over a parsed raw message.
type fakeMsg struct {
	method, uri, version []byte
	status               int
	reason               []byte
	names, values        [][]byte
}

func parseMsg(raw string) *fakeMsg {
	m := &fakeMsg{}
	lines := strings.Split(strings.TrimSuffix(raw, "\r\n\r\n"), "\r\n")
	f := strings.SplitN(lines[0], " ", 3)
	if strings.HasPrefix(f[0], "HTTP/") {
		m.version, m.reason = []byte(f[0]), []byte(f[2])
		fmt.Sscan(f[1], &m.status)
	} else {
		m.method, m.uri, m.version = []byte(f[0]), []byte(f[1]), []byte(f[2])
	}
	for _, l := range lines[1:] {
		n, v, _ := strings.Cut(l, ":")
		m.AddHeader(n, []byte(strings.TrimSpace(v)))
	}
	return m
}

func (m *fakeMsg) Method() []byte                    { return m.method }
func (m *fakeMsg) URI() []byte                       { return m.uri }
func (m *fakeMsg) Version() []byte                   { return m.version }
func (m *fakeMsg) Status() int                       { return m.status }
func (m *fakeMsg) Reason() []byte                    { return m.reason }
func (m *fakeMsg) NumHeaders() int                   { return len(m.names) }
func (m *fakeMsg) Header(i int) (name, value []byte) { return m.names[i], m.values[i] }
func (m *fakeMsg) Body() []byte                      { return nil }
func (m *fakeMsg) AddHeader(name string, v []byte) bool {
	m.names = append(m.names, bytes.ToLower([]byte(name)))
	m.values = append(m.values, append([]byte(nil), v...))
	return true
}
func (m *fakeMsg) DelHeaderAt(i int) {
	m.names = append(m.names[:i], m.names[i+1:]...)
	m.values = append(m.values[:i], m.values[i+1:]...)
}
func (m *fakeMsg) SetHeaderValue(i int, v []byte) bool {
	m.values[i] = append([]byte(nil), v...)
	return true
}
func (m *fakeMsg) SetURI(u []byte) bool    { m.uri = append([]byte(nil), u...); return true }
func (m *fakeMsg) SetMethod(b []byte) bool { m.method = append([]byte(nil), b...); return true }
func (m *fakeMsg) SetStatus(code int, r []byte) bool {
	m.status, m.reason = code, append([]byte(nil), r...)
	return true
}

// head renders the message's headers as "name: value" lines.
func (m *fakeMsg) head() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s %s\n", m.method, m.uri)
	for i := range m.names {
		fmt.Fprintf(&b, "%s: %s\n", m.names[i], m.values[i])
	}
	return b.String()
}

type fakePages struct{}

func (fakePages) ErrorPage(status int) []byte {
	return []byte(fmt.Sprintf("HTTP/1.1 %d X\r\ncontent-length: 0\r\n\r\n", status))
}
func (fakePages) SectionPage(string, int) []byte { return nil }

// runLines parses rule lines in a frontend and runs them on a request.
func runLines(t testing.TB, lines []string, raw string) (*Txn, *fakeMsg, Verdict) {
	return runLinesWith(t, nil, lines, raw)
}

// runLinesWith is runLines with the Txn prepared by prep first.
func runLinesWith(t testing.TB, prep func(*Txn), lines []string, raw string) (*Txn, *fakeMsg, Verdict) {
	c, _ := testCtx(t.(*testing.T), sample.CapFE, "fe")
	var list []*Rule
	for _, l := range lines {
		r, err := Parse(strings.Fields(l), c)
		if err != nil {
			t.Fatalf("%s: %v", l, err)
		}
		list = append(list, r)
	}
	ctx := sample.NewCtx(0)
	ctx.Now = time.Unix(1700000000, 0)
	ctx.Src = netip.MustParseAddrPort("192.0.2.7:5555")
	m := parseMsg(raw)
	ctx.Req = m
	tx := &Txn{C: ctx, Req: m, Pages: fakePages{}, ProxyName: "fe"}
	if prep != nil {
		prep(tx)
	}
	return tx, m, tx.RunHTTP(list)
}

func TestExecHeaders(t *testing.T) {
	_, m, v := runLines(t, []string{
		"http-request set-header X-Src %[src]",
		"http-request add-header X-Path %[path]",
		"http-request del-header x-drop",
		"http-request replace-header User-Agent ^(\\w+)/.* \\1-agent",
		"http-request replace-value X-List ^b$ B",
		"http-request set-path /new%[path]",
		"http-request set-query q=1",
		"http-request set-method POST",
		"http-request set-var(txn.h) req.hdr(host),lower",
		"http-request set-header X-Host %[var(txn.h)]",
		"http-request del-header ^x-p -m reg",
	}, "GET /a?old HTTP/1.1\r\nHost: EX.com\r\nX-Drop: 1\r\nUser-Agent: curl/8.0\r\nX-List: a, b,c\r\n\r\n")
	if v != Continue {
		t.Fatalf("verdict %v", v)
	}
	want := "POST /new/a?q=1\nhost: EX.com\nuser-agent: curl-agent\nx-list: a,B,c\nx-src: 192.0.2.7\nx-host: ex.com\n"
	if got := m.head(); got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
}

func TestExecReplies(t *testing.T) {
	cases := []struct {
		line, raw, want string
		v               Verdict
	}{
		{"http-request deny deny_status 429", "GET / HTTP/1.1\r\n\r\n",
			"HTTP/1.1 429 X\r\ncontent-length: 0\r\n\r\n", Deny},
		{"http-request return status 404 content-type text/plain hdr X-A %[path] string nope", "GET /p HTTP/1.1\r\n\r\n",
			"HTTP/1.1 404 Not Found\r\nx-a: /p\r\ncontent-length: 4\r\ncontent-type: text/plain\r\n\r\nnope", Done},
		{"http-request return", "GET /p HTTP/1.1\r\n\r\n",
			"HTTP/1.1 200 OK\r\ncontent-length: 0\r\n\r\n", Done},
		{"http-request redirect scheme https drop-query", "GET /p?x HTTP/1.1\r\nHost: h.com\r\n\r\n",
			"HTTP/1.1 302 Found\r\ncontent-length: 0\r\nlocation: https://h.com/p\r\ncache-control: no-cache\r\n\r\n", Done},
		{"http-request redirect location /x code 301 set-cookie A=1", "GET / HTTP/1.1\r\n\r\n",
			"HTTP/1.1 301 Moved Permanently\r\ncontent-length: 0\r\nlocation: /x\r\nset-cookie: A=1; path=/;\r\n\r\n", Done},
		{"http-request redirect prefix / append-slash", "GET /dir HTTP/1.1\r\n\r\n",
			"HTTP/1.1 302 Found\r\ncontent-length: 0\r\nlocation: /dir/\r\ncache-control: no-cache\r\n\r\n", Done},
	}
	for _, c := range cases {
		tx, _, v := runLines(t, []string{c.line}, c.raw)
		if v != c.v || string(tx.Reply) != c.want {
			t.Errorf("%s: %v %q, want %v %q", c.line, v, tx.Reply, c.v, c.want)
		}
	}
}

// cpuTime is the process's user and system time, in ns.
func cpuTime() int64 {
	var ru syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return ru.Utime.Nano() + ru.Stime.Nano()
}

// BenchmarkRouting is the routing case, through the evaluation
// path the engine runs per request (Cond.Test, then a dynamic
// use_backend name rendered and looked up): a hdr_dom ACL of 1,000
// domains guards a first use_backend, then a use_backend named by a
// 100,000-entry map_dom.
func BenchmarkRouting(b *testing.B) {
	var doms, mp strings.Builder
	for i := 0; i < 1000; i++ {
		fmt.Fprintf(&doms, "site%d.example.com\n", i)
	}
	for i := 0; i < 100000; i++ {
		fmt.Fprintf(&mp, "host%d.example.net be%d\n", i, i%50)
	}
	t := &testing.T{}
	c, _ := testCtx(t, sample.CapFE, "fe")
	c.ReadFile = func(name string) ([]byte, error) {
		if name == "doms.lst" {
			return []byte(doms.String()), nil
		}
		return []byte(mp.String()), nil
	}
	c.Maps = c.Env
	if _, err := acl.Declare(strings.Fields("known hdr_dom(host) -i -f doms.lst"), c.Context); err != nil {
		b.Fatal(err)
	}
	r1, err := Parse(strings.Fields("use_backend static if known"), c)
	if err != nil {
		b.Fatal(err)
	}
	r2, err := Parse(strings.Fields("use_backend %[req.hdr(host),lower,map_dom(hosts.map,fallback)]"), c)
	if err != nil {
		b.Fatal(err)
	}
	a2 := r2.Args.(*UseBackendArgs)
	a2.Format, err = logformat.Parse(a2.Name, logformat.Options{HTTP: true, Cap: sample.FeHrqHdr}, c.Context.Context)
	if err != nil {
		b.Fatal(err)
	}
	backends := map[string]bool{"static": true, "fallback": true}
	for i := 0; i < 50; i++ {
		backends[fmt.Sprintf("be%d", i)] = true
	}
	ctx := sample.NewCtx(0)
	tx := &Txn{C: ctx}
	var name []byte
	list := []*Rule{r1, r2}
	route := func() string {
		for _, r := range list {
			if r.Cond != nil && !r.Cond.Test(ctx) {
				continue
			}
			a := r.Args.(*UseBackendArgs)
			if a.Format == nil {
				return a.Name
			}
			name = tx.render(a.Format, name)
			if backends[string(name)] {
				return "dynamic"
			}
			break
		}
		return "default"
	}
	for _, tc := range []struct{ name, host, want string }{
		{"acl", "www.site742.example.com", "static"},
		{"map", "HOST73421.example.net", "dynamic"},
		{"none", "unknown.example.org", "dynamic"},
	} {
		m := parseMsg("GET / HTTP/1.1\r\nHost: " + tc.host + "\r\nUser-Agent: x\r\nAccept: */*\r\n\r\n")
		ctx.Req = m
		if got := route(); got != tc.want {
			b.Fatalf("%s: routed to %s", tc.name, got)
		}
		b.Run(tc.name, func(b *testing.B) {
			b.ReportAllocs()
			// CPU time per request as well: on a shared machine the
			// wall time per op counts the other processes' turns
			t0 := cpuTime()
			for i := 0; i < b.N; i++ {
				route()
			}
			b.ReportMetric(float64(cpuTime()-t0)/float64(b.N), "cpu-ns/op")
		})
	}
}
