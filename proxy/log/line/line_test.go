package line

import (
	"net/netip"
	"testing"

	"hakeep/proxy"
	"hakeep/proxy/log/capture"
	"hakeep/proxy/logformat"
	"hakeep/proxy/sample"
	"hakeep/proxy/stream"
)

// compile parses a log-format as the logger does for a log-format
// directive (mandatory nodes, merged spaces, evaluated at the end).
func compile(t testing.TB, s string, http bool) *logformat.Format {
	t.Helper()
	f, err := logformat.Parse(s, logformat.Options{HTTP: http, MergeSpaces: true, Cap: sample.FeLogEnd, Flags: logformat.Mandatory},
		&sample.Context{Registry: sample.NewRegistry()})
	if err != nil {
		t.Fatalf("%q: %v", s, err)
	}
	return f
}

func ap(s string) netip.AddrPort { return netip.MustParseAddrPort(s) }

// txnCaps is the sample.Txn of a test transaction.
type txnCaps struct{ *capture.Set }

func (txnCaps) UniqueID() []byte { return nil }

type hdrs [][2]string

func (h hdrs) NumHeaders() int                   { return len(h) }
func (h hdrs) Header(i int) (name, value []byte) { return []byte(h[i][0]), []byte(h[i][1]) }

// The format and the lines below were recorded from haproxy 2.6.12 (a
// frontend "fe" in mode http with "capture request header X-E len 30"
// and "capture response header X-R len 20", its backend "be" with server
// "s1"; the host is called "vm").
const allVars = `A %ci %cp %fi %fp %bi %bp %si %sp %{+X}ci %{+X}cp %{+X}fi %{+Q}ci %{+Q}cp %f %ft %b %s %{+Q}f %{+Q}ft %{+Q}b %{+Q}s %ST %B %U %CC %CS %ts %tsc %ac %fc %bc %sc %rc %sq %bq %hr %hs %hrl %hsl %r %{+Q}r %HM %HU %HP %HPO %HQ %HV %{+Q}HM %{+Q}HQ %ID %H %sslc %sslv %{+Q}sslc %{-M}sslc| %{+E}r %[capture.req.hdr(0)] %{+E}[capture.req.hdr(0)] %{+Q}[var(txn.nope)] %[var(txn.nope)] %{-M}[var(txn.nope)]| %{+Q}ID %{+X}rt %{+X}lc %lc`

func TestAllVariables(t *testing.T) {
	f := compile(t, allVars, true)
	spec := capture.NewSpec(&proxy.Captures{
		RequestHeaders:  []proxy.HeaderCapture{{Name: "X-E", Len: 30}},
		ResponseHeaders: []proxy.HeaderCapture{{Name: "X-R", Len: 20}},
	}, nil)
	env := &Env{Hostname: "vm", PID: 1, ReqCaps: 1, ResCaps: 1, URILen: 1024}
	caps := &capture.Set{}
	ctx := sample.NewCtx(0)
	ctx.Txn = txnCaps{caps}
	res := hdrs{{"x-r", "r\x01v"}, {"x-r", "last"}}

	for _, c := range []struct {
		name string
		rec  stream.Record
		req  hdrs
		nost bool
		id   uint64
		lc   uint64
		want string
	}{
		{
			name: "request refused by the mux",
			rec: stream.Record{HTTP: true, Frontend: "fe", Client: ap("127.0.0.1:54734"), FrontendAddr: ap("127.0.0.1:18087"),
				Status: 400, Term: stream.Term{Cause: stream.CauseProxy, Phase: stream.PhaseRequest}, ActConn: 1, FeConn: 1,
				BytesIn: 60, BytesOut: 200},
			nost: true,
			want: `A 127.0.0.1 54734 127.0.0.1 18087 - - - - 7F000001 D5CE 7F000001 "127.0.0.1" 54734 fe fe fe <NOSRV> "fe" "fe" "fe" "<NOSRV>" 400 0 0 - - PR PR-- 1 1 0 0 0 0 0 <BADREQ> "<BADREQ>" <BADREQ> <BADREQ> <BADREQ> <BADREQ> <BADREQ> <BADREQ> "<BADREQ>" "<BADREQ>" - vm - - "" | <BADREQ> - - "" - | "" 0000 0000 0`,
		},
		{
			name: "absolute URI",
			rec: stream.Record{HTTP: true, Frontend: "fe", Backend: "be", Server: "s1", Client: ap("127.0.0.1:54740"), FrontendAddr: ap("127.0.0.1:18087"),
				ServerAddr: ap("127.0.0.1:18086"), Status: 200, BytesIn: 51, BytesOut: 118, ActConn: 1, FeConn: 1,
				RequestLine: []byte("GET http://host/abs/p?z HTTP/1.0")},
			id: 1, lc: 1,
			want: `A 127.0.0.1 54740 127.0.0.1 18087 127.0.0.1 52666 127.0.0.1 18086 7F000001 D5D4 7F000001 "127.0.0.1" 54740 fe fe be s1 "fe" "fe" "be" "s1" 200 118 51 - - -- ---- 1 1 0 0 0 0 0 {} {last} - last GET http://host/abs/p?z HTTP/1.0 "GET http://host/abs/p?z HTTP/1.0" GET http://host/abs/p?z http://host/abs/p /abs/p ?z HTTP/1.0 "GET" "?z" - vm - - "" | GET http://host/abs/p?z HTTP/1.0 - - "" - | "" 0001 0001 1`,
		},
		{
			name: "asterisk: empty parts still end the separators",
			rec: stream.Record{HTTP: true, Frontend: "fe", Backend: "be", Server: "s1", Client: ap("127.0.0.1:57882"), FrontendAddr: ap("127.0.0.1:18087"),
				ServerAddr: ap("127.0.0.1:18086"), Status: 200, BytesIn: 33, BytesOut: 118, ActConn: 1, FeConn: 1,
				RequestLine: []byte("GET * HTTP/1.1")},
			id: 1, lc: 1,
			want: `A 127.0.0.1 57882 127.0.0.1 18087 127.0.0.1 52928 127.0.0.1 18086 7F000001 E21A 7F000001 "127.0.0.1" 57882 fe fe be s1 "fe" "fe" "be" "s1" 200 118 33 - - -- ---- 1 1 0 0 0 0 0 {} {last} - last GET * HTTP/1.1 "GET * HTTP/1.1" GET * *   HTTP/1.1 "GET" "" - vm - - "" | GET * HTTP/1.1 - - "" - | "" 0001 0001 1`,
		},
		{
			name: "escapes",
			rec: stream.Record{HTTP: true, Frontend: "fe", Backend: "be", Server: "s1", Client: ap("127.0.0.1:47324"), FrontendAddr: ap("127.0.0.1:18087"),
				ServerAddr: ap("127.0.0.1:18086"), Status: 200, BytesIn: 69, BytesOut: 118, ActConn: 1, FeConn: 1,
				RequestLine: []byte("GET /p/a%20b?q=1&r=2 HTTP/1.1")},
			req:  hdrs{{"host", "h"}, {"x-e", "a\"b\\c]d{e}|\x80#"}},
			want: "A 127.0.0.1 47324 127.0.0.1 18087 127.0.0.1 32776 127.0.0.1 18086 7F000001 B8DC 7F000001 \"127.0.0.1\" 47324 fe fe be s1 \"fe\" \"fe\" \"be\" \"s1\" 200 118 69 - - -- ---- 1 1 0 0 0 0 0 {a#22b\\c]d#7Be#7D#7C#80#23} {last} a#22b\\c]d#7Be#7D#7C#80#23 last GET /p/a%20b?q=1&r=2 HTTP/1.1 \"GET /p/a%20b?q=1&r=2 HTTP/1.1\" GET /p/a%20b?q=1&r=2 /p/a%20b /p/a%20b ?q=1&r=2 HTTP/1.1 \"GET\" \"?q=1&r=2\" - vm - - \"\" | GET /p/a%20b?q=1&r=2 HTTP/1.1 a\"b\\c]d{e}|\x80# a\\\"b\\\\c\\]d{e}|\x80# \"\" - | \"\" 0000 0000 0",
		},
	} {
		caps.Reset(spec)
		if !c.nost {
			caps.Request(c.req)
			caps.Response(res)
		}
		txn := &Txn{Rec: &c.rec, NoStream: c.nost, Caps: caps, Ctx: ctx, ReqID: c.id, LogCount: c.lc}
		if !c.nost {
			// the local address of the server connection, from the line
			switch c.rec.Client.Port() {
			case 54740:
				txn.BackendSrc = ap("127.0.0.1:52666")
			case 57882:
				txn.BackendSrc = ap("127.0.0.1:52928")
			case 47324:
				txn.BackendSrc = ap("127.0.0.1:32776")
			}
		}
		var r Renderer
		got := string(r.Append(nil, f, txn, env, 4096))
		if got != c.want {
			t.Errorf("%s:\n got %q\nwant %q", c.name, got, c.want)
		}
	}
}

// A TCP session logged with every variable TCP allows (recorded too).
func TestTCPVariables(t *testing.T) {
	f := compile(t, "T %ci %ST %B %U %ts %tsc %ac %fc %bc %sc %rc %sq %bq %b %s %si %sp %lc %ID", false)
	rec := stream.Record{Frontend: "fe2", Backend: "be2", Server: "s1", Client: ap("127.0.0.1:40000"),
		ServerAddr: ap("127.0.0.1:18086"), Status: -1, BytesIn: 18, BytesOut: 123, ActConn: 1, FeConn: 1}
	var r Renderer
	got := string(r.Append(nil, f, &Txn{Rec: &rec}, &Env{}, 1024))
	if want := "T 127.0.0.1 0 123 18 -- ---- 1 1 0 0 0 0 0 be2 s1 127.0.0.1 18086 0 -"; got != want {
		t.Errorf("\n got %q\nwant %q", got, want)
	}
}
