package log

import (
	"context"
	"net"
	"net/netip"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"hakeep/haproxy/config"
	"hakeep/proxy"
	"hakeep/proxy/log/line"
	"hakeep/proxy/stream"
)

// udpServer is a syslog server for a test.
type udpServer struct {
	conn net.PacketConn
}

func newUDPServer(t testing.TB) *udpServer {
	c, err := net.ListenPacket("udp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { c.Close() })
	return &udpServer{conn: c}
}

func (s *udpServer) addr() string { return s.conn.LocalAddr().String() }

// next returns the next datagram, or "" after a short wait.
func (s *udpServer) next(wait time.Duration) string {
	buf := make([]byte, 70000)
	s.conn.SetReadDeadline(time.Now().Add(wait))
	n, _, err := s.conn.ReadFrom(buf)
	if err != nil {
		return ""
	}
	return string(buf[:n])
}

// load decodes a configuration, "@SYSLOG@" replaced by addr.
func load(t *testing.T, text, addr string) *proxy.Config {
	t.Helper()
	f := filepath.Join(t.TempDir(), "h.cfg")
	if err := os.WriteFile(f, []byte(strings.ReplaceAll(text, "@SYSLOG@", addr)), 0o644); err != nil {
		t.Fatal(err)
	}
	res := config.Load([]string{f}, config.Options{})
	if res.Config == nil {
		t.Fatalf("configuration refused: %v", res.Messages)
	}
	return res.Config
}

// start builds and runs a logger whose clock is fixed.
func start(t *testing.T, cfg *proxy.Config) *Logger {
	t.Helper()
	now := time.Date(2026, 11, 21, 20, 59, 26, 766074000, time.UTC)
	l, err := New(cfg, Deps{PID: 26088, Hostname: "vm", Now: func() time.Time { return now }})
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() { l.Run(ctx); close(done) }()
	t.Cleanup(func() { cancel(); <-done })
	return l
}

func ap(s string) netip.AddrPort { return netip.MustParseAddrPort(s) }

func httpRecord(fe string) *stream.Record {
	at := time.Date(2026, 11, 21, 20, 59, 26, 765000000, time.UTC)
	return &stream.Record{HTTP: true, Accept: at, Start: at, Frontend: fe, Backend: fe, Server: "<NOSRV>",
		Client: ap("127.0.0.1:45544"), FrontendAddr: ap("127.0.0.1:18080"),
		TH: 0, Ti: 0, TR: 0, Tw: -1, Tc: -1, Tr: -1, Tt: 0, Status: 200, BytesIn: 80, BytesOut: 73,
		Term: stream.Term{Cause: stream.CauseLocal, Phase: stream.PhaseRequest}, ActConn: 1, FeConn: 1,
		RequestLine: []byte("GET /x?y=1 HTTP/1.1")}
}

const base = `
global
  log @SYSLOG@ local0
defaults
  mode http
  timeout client 5s
  timeout server 5s
  timeout connect 5s
  log global
`

// The first line and its header were received from haproxy 2.6.12 for
// the same request ("http-request return" in frontend fe).
func TestHTTPLogLine(t *testing.T) {
	srv := newUDPServer(t)
	cfg := load(t, base+"frontend fe\n  option httplog\n  bind 127.0.0.1:18080\n", srv.addr())
	l := start(t, cfg)
	t.Setenv("TZ", "UTC")
	l.Log(httpRecord("fe"))
	got := srv.next(5 * time.Second)
	want := `<134>Nov 21 20:59:26 haproxy[26088]: 127.0.0.1:45544 [21/Nov/2026:20:59:26.765] fe fe/<NOSRV> 0/-1/-1/-1/0 200 73 - - LR-- 1/1/0/0/0 0/0 "GET /x?y=1 HTTP/1.1"` + "\n"
	if got != want {
		t.Errorf("\n got %q\nwant %q", got, want)
	}
}

func TestLevelsAndOptions(t *testing.T) {
	srv := newUDPServer(t)
	cfg := load(t, `
global
  log @SYSLOG@ format short local0
defaults
  mode http
  timeout client 5s
  timeout server 5s
  timeout connect 5s
frontend normal
  log global
  log-format "%ST"
  option dontlog-normal
  bind 127.0.0.1:18080
frontend separate
  log global
  log-format "%ST %ts"
  option log-separate-errors
  option dontlognull
  bind 127.0.0.1:18081
frontend minlevel
  log @SYSLOG@ format short local0 warning err
  log-format "%ST"
  bind 127.0.0.1:18082
frontend sampled
  log @SYSLOG@ format short sample 2-3:4 local0
  log-format "%rt"
  bind 127.0.0.1:18083
frontend deflt
  log global
  bind 127.0.0.1:18084
`, srv.addr())
	l := start(t, cfg)
	r := httpRecord("normal")
	r.Term = stream.Normal()
	l.Log(r) // normal: not logged
	r.Status = 503
	l.Log(r) // an error: logged at info
	if got := srv.next(5 * time.Second); got != "<6>503\n" {
		t.Errorf("dontlog-normal error line %q", got)
	}
	r = httpRecord("separate")
	r.Term = stream.Term{Cause: stream.CauseClientAbort, Phase: stream.PhaseData}
	l.Log(r)
	if got := srv.next(5 * time.Second); got != "<3>200 CD\n" {
		t.Errorf("log-separate-errors line %q", got)
	}
	r.BytesIn = 0
	l.Log(r) // dontlognull: nothing received
	r = httpRecord("minlevel")
	l.Log(r) // info is above "warning": filtered
	l.Proxy("minlevel").Send(levelAlert, "alert raised to err")
	if got := srv.next(5 * time.Second); got != "<3>alert raised to err\n" {
		t.Errorf("minlevel line %q", got)
	}
	for i := 0; i < 8; i++ {
		l.Log(httpRecord("sampled"))
	}
	var got []string
	for s := srv.next(time.Second); s != ""; s = srv.next(200 * time.Millisecond) {
		got = append(got, s)
	}
	// 2nd, 3rd, 6th and 7th of every 4; %rt counts every stream
	if strings.Join(got, "") != "<6>6\n<6>7\n<6>10\n<6>11\n" {
		t.Errorf("sampled lines %q", got)
	}
	// set-log-level: a level of its own, or silent
	r = httpRecord("separate")
	l.LogTxn(&line.Txn{Rec: r, Level: -1, LevelSet: true})
	l.LogTxn(&line.Txn{Rec: r, Level: 2, LevelSet: true})
	if got := srv.next(5 * time.Second); got != "<2>200 LR\n" {
		t.Errorf("set-log-level line %q", got)
	}
	dr := httpRecord("deflt")
	l.Log(dr) // the end of the stream: nothing
	l.Connect("deflt", dr.Client, dr.FrontendAddr)
	if got := srv.next(5 * time.Second); got != "<6>Connect from 127.0.0.1:45544 to 127.0.0.1:18080 (deflt/HTTP)\n" {
		t.Errorf("default format line %q", got)
	}
}

func TestSessionWithoutStream(t *testing.T) {
	srv := newUDPServer(t)
	cfg := load(t, base+`frontend fe
  bind 127.0.0.1:18080
  log-format "%ci %ST %ts %r %b/%s"
frontend fe2
  bind 127.0.0.1:18081
  log-format "%ci %ST %ts %r %b/%s"
  error-log-format "bad: %ci %ST %tsc"
frontend fe3
  bind 127.0.0.1:18082
  option dontlognull
  log-format "%ci %ST %ts"
`, srv.addr())
	l := start(t, cfg)
	for _, fe := range []string{"fe", "fe2"} {
		r := httpRecord(fe)
		r.Status, r.Term = 400, stream.Term{Cause: stream.CauseProxy, Phase: stream.PhaseRequest}
		l.LogTxn(&line.Txn{Rec: r, NoStream: true})
	}
	// "option dontlognull": an empty connection's 408 is not logged
	for _, in := range []int64{0, 12} {
		r := httpRecord("fe3")
		r.Status, r.BytesIn, r.Term = 408, in, stream.Term{Cause: stream.CauseClientTimeout, Phase: stream.PhaseRequest}
		l.LogTxn(&line.Txn{Rec: r, NoStream: true})
	}
	want := []string{"127.0.0.1 400 PR <BADREQ> fe/<NOSRV>", "bad: 127.0.0.1 400 PR--", "127.0.0.1 408 cR"}
	for _, w := range want {
		got := srv.next(5 * time.Second)
		if i := strings.Index(got, ": "); i < 0 || got[i+2:] != w+"\n" {
			t.Errorf("got %q, want %q", got, w)
		}
	}
}

func TestProxyStopped(t *testing.T) {
	srv := newUDPServer(t)
	cfg := load(t, base+"frontend fe\n  bind 127.0.0.1:18080\nbackend nolog\n  no log\n", srv.addr())
	l := start(t, cfg)
	l.ProxyStopped("fe", 1, 0)
	l.ProxyStopped("nolog", 0, 0)
	l.HTTPClientStopped()
	for _, w := range []string{
		"<132>Nov 21 20:59:26 haproxy[26088]: Proxy fe stopped (cumulated conns: FE: 1, BE: 0).\n",
		"<132>Nov 21 20:59:26 haproxy[26088]: Proxy <HTTPCLIENT> stopped (cumulated conns: FE: 0, BE: 0).\n",
	} {
		if got := srv.next(5 * time.Second); got != w {
			t.Errorf("\n got %q\nwant %q", got, w)
		}
	}
}

// BenchmarkLogHTTP is the whole request-path cost of a line: rendering
// "option httplog" and handing it to a UDP target's queue.
func BenchmarkLogHTTP(b *testing.B) {
	srv := newUDPServer(b)
	f := filepath.Join(b.TempDir(), "h.cfg")
	os.WriteFile(f, []byte(strings.ReplaceAll(base+"frontend fe\n  option httplog\n  bind 127.0.0.1:18080\n", "@SYSLOG@", srv.addr())), 0o644)
	cfg := config.Load([]string{f}, config.Options{}).Config
	l, err := New(cfg, Deps{PID: 1, Hostname: "vm"})
	if err != nil {
		b.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	go l.Run(ctx)
	go func() {
		buf := make([]byte, 2048)
		for {
			if _, _, err := srv.conn.ReadFrom(buf); err != nil {
				return
			}
		}
	}()
	r := httpRecord("fe")
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		l.Log(r)
	}
}
