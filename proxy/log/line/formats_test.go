package line

import (
	"testing"
	"time"

	"hakeep/proxy"
	"hakeep/proxy/log/capture"
	"hakeep/proxy/sample"
	"hakeep/proxy/stream"
)

// 2.6's built-in formats (src/log.c).
const (
	httpLog  = "%ci:%cp [%tr] %ft %b/%s %TR/%Tw/%Tc/%Tr/%Ta %ST %B %CC %CS %tsc %ac/%fc/%bc/%sc/%rc %sq/%bq %hr %hs %{+Q}r"
	httpsLog = "%ci:%cp [%tr] %ft %b/%s %TR/%Tw/%Tc/%Tr/%Ta %ST %B %CC %CS %tsc %ac/%fc/%bc/%sc/%rc %sq/%bq %hr %hs %{+Q}r %[fc_err]/%[ssl_fc_err,hex]/%[ssl_c_err]/%[ssl_c_ca_err]/%[ssl_fc_is_resumed] %[ssl_fc_sni]/%sslv/%sslc"
	clfLog   = "%{+Q}o %{-Q}ci - - [%trg] %r %ST %B \"\" \"\" %cp %ms %ft %b %s %TR %Tw %Tc %Tr %Ta %tsc %ac %fc %bc %sc %rc %sq %bq %CC %CS %hrl %hsl"
	tcpLog   = "%ci:%cp [%t] %ft %b/%s %Tw/%Tc/%Tt %B %ts %ac/%fc/%bc/%sc/%rc %sq/%bq"
)

// Lines recorded from haproxy 2.6.12 running with TZ=America/Sao_Paulo.
func TestBuiltinFormats(t *testing.T) {
	loc, err := time.LoadLocation("America/Sao_Paulo")
	if err != nil {
		t.Skip("no time zone data: ", err)
	}
	at := func(port int, ms int) time.Time { return time.Date(2026, 11, 21, 18, 7, 2, ms*1e6, loc) }
	ok := func(client string, ms int) stream.Record {
		return stream.Record{HTTP: true, Accept: at(0, ms), Start: at(0, ms), Backend: "be", Server: "s1",
			Client: ap(client), ServerAddr: ap("127.0.0.1:18086"), TH: 0, Ti: 0, TR: 0, Tw: 0, Tc: 0, Tr: 0, Tt: 0,
			Status: 200, BytesIn: 37, BytesOut: 118, ActConn: 1, FeConn: 1, RequestLine: []byte("GET /a?b HTTP/1.1")}
	}
	clfSpec := capture.NewSpec(&proxy.Captures{RequestHeaders: []proxy.HeaderCapture{{Name: "Host", Len: 10}}}, nil)
	clfCaps := &capture.Set{}
	clfCaps.Reset(clfSpec)
	clfCaps.Request(hdrs{{"host", "example.com"}})

	for _, c := range []struct {
		name, format string
		rec          stream.Record
		fe           string
		caps         *capture.Set
		env          Env
		want         string
	}{
		{"httplog", httpLog, ok("127.0.0.1:42226", 617), "f_http", nil, Env{},
			`127.0.0.1:42226 [21/Nov/2026:18:07:02.617] f_http be/s1 0/0/0/0/0 200 118 - - ---- 1/1/0/0/0 0/0 "GET /a?b HTTP/1.1"`},
		{"clf", clfLog, func() stream.Record {
			r := ok("127.0.0.1:46808", 625)
			r.Tr, r.Tt = 1, 1
			return r
		}(), "f_clf", clfCaps, Env{ReqCaps: 1},
			`127.0.0.1 - - [21/Nov/2026:21:07:02 +0000] "GET /a?b HTTP/1.1" 200 118 "" "" 46808 625 "f_clf" "be" "s1" 0 0 0 1 1 ---- 1 1 0 0 0 0 0 "" "" "example.co" `},
		{"tcplog", tcpLog, stream.Record{Accept: at(0, 651), Backend: "be2", Server: "s1", Client: ap("127.0.0.1:49154"),
			TH: -1, Ti: -1, TR: -1, Tw: 1, Tc: 0, Tr: -1, Tt: 2, Status: -1, BytesIn: 18, BytesOut: 123, ActConn: 1, FeConn: 1},
			"f_tcp", nil, Env{},
			`127.0.0.1:49154 [21/Nov/2026:18:07:02.651] f_tcp be2/s1 1/0/2 123 -- 1/1/0/0/0 0/0`},
		{"logasap and dates", "D %t|%tr|%T|%trg|%Tl|%trl|%Ts|%{+X}Ts|%ms|%{+X}ms|%pid|%{+X}pid|%Th|%Ti|%TR|%Tq|%Tw|%Tc|%Tr|%Td|%Ta|%Tt|%Tu|%B",
			func() stream.Record {
				r := ok("127.0.0.1:1", 637)
				r.Tr, r.Tt = 2, 2
				return r
			}(), "f_dates", nil, Env{PID: 22827, LogASAP: true},
			`D 21/Nov/2026:18:07:02.637|21/Nov/2026:18:07:02.637|21/Nov/2026:21:07:02 +0000|21/Nov/2026:21:07:02 +0000|21/Nov/2026:18:07:02 -0300|21/Nov/2026:18:07:02 -0300|1795295222|6B0207F6|637|27D|22827|592B|0|0|0|0|0|0|2|0|+2|+2|+2|+118`},
	} {
		c.rec.Frontend = c.fe
		c.env.Loc = loc
		var r Renderer
		got := string(r.Append(nil, compile(t, c.format, c.rec.HTTP), &Txn{Rec: &c.rec, Caps: c.caps}, &c.env, 1024))
		if got != c.want {
			t.Errorf("%s:\n got %q\nwant %q", c.name, got, c.want)
		}
	}
}

// httpslog on a connection without SSL, with the sample context the
// engine provides: the expressions are evaluated, not written "-".
func TestHTTPSLogWithoutSSL(t *testing.T) {
	reg := sample.NewRegistry()
	for _, name := range []string{"fc_err", "ssl_fc_err", "ssl_c_err", "ssl_c_ca_err", "ssl_fc_is_resumed", "ssl_fc_sni"} {
		if f := reg.Fetch(name); f == nil || f.Eval == nil {
			t.Skipf("fetch %s is not evaluated yet (proxy/sample)", name)
		}
	}
	rec := stream.Record{HTTP: true, Frontend: "f_https", Backend: "be", Server: "s1", Client: ap("127.0.0.1:57302"),
		Accept: time.Date(2026, 11, 21, 21, 7, 2, 631e6, time.UTC), Status: 200, BytesOut: 118, ActConn: 1, FeConn: 1,
		TH: 0, Ti: 0, TR: 0, Tw: 0, Tc: 0, Tr: 0, RequestLine: []byte("GET /a?b HTTP/1.1")}
	var r Renderer
	got := string(r.Append(nil, compile(t, httpsLog, true), &Txn{Rec: &rec, Ctx: sample.NewCtx(0)}, &Env{Loc: time.UTC}, 1024))
	want := `127.0.0.1:57302 [21/Nov/2026:21:07:02.631] f_https be/s1 0/0/0/0/0 200 118 - - ---- 1/1/0/0/0 0/0 "GET /a?b HTTP/1.1" 0/-/-/-/0 -/-/-`
	if got != want {
		t.Errorf("\n got %q\nwant %q", got, want)
	}
}

// The line stops one byte short of the longest target length.
func TestLineLimit(t *testing.T) {
	rec := stream.Record{HTTP: true, Frontend: "fe", RequestLine: []byte("GET /0123456789 HTTP/1.1")}
	var r Renderer
	f := compile(t, "%r", true)
	if got := string(r.Append(nil, f, &Txn{Rec: &rec}, &Env{}, 10)); got != "GET /0123" {
		t.Errorf("got %q", got)
	}
	if got := string(r.Append(nil, f, &Txn{Rec: &rec}, &Env{URILen: 6}, 1024)); got != "GET /0" {
		t.Errorf("tune.http.logurilen: got %q", got)
	}
}
