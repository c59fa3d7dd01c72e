package line

import (
	"testing"
	"time"

	"hakeep/proxy"
	"hakeep/proxy/log/capture"
	"hakeep/proxy/stream"
)

func benchTxn() (*Txn, *Env) {
	spec := capture.NewSpec(&proxy.Captures{
		RequestHeaders:  []proxy.HeaderCapture{{Name: "Host", Len: 32}},
		ResponseHeaders: []proxy.HeaderCapture{{Name: "Content-Type", Len: 32}},
	}, nil)
	caps := &capture.Set{}
	caps.Reset(spec)
	caps.SetSlot(false, 0, []byte("www.example.com"))
	caps.SetSlot(true, 0, []byte("text/html"))
	now := time.Now()
	rec := &stream.Record{HTTP: true, Accept: now, Start: now, Frontend: "www", Backend: "static", Server: "srv1",
		Client: ap("192.0.2.10:51234"), FrontendAddr: ap("192.0.2.1:80"), ServerAddr: ap("10.0.0.5:8080"),
		TH: 0, Ti: 1, TR: 2, Tw: 0, Tc: 1, Tr: 15, Tt: 19, Status: 200, BytesIn: 312, BytesOut: 4521,
		ActConn: 12, FeConn: 10, BeConn: 4, SrvConn: 2, RequestLine: []byte("GET /static/app.js?v=42 HTTP/1.1")}
	return &Txn{Rec: rec, Caps: caps}, &Env{ReqCaps: 1, ResCaps: 1, URILen: 1024}
}

// BenchmarkHTTPLog renders an "option httplog" line with a request and a
// response capture.
func BenchmarkHTTPLog(b *testing.B) {
	f := compile(b, httpLog, true)
	txn, env := benchTxn()
	var r Renderer
	buf := make([]byte, 0, 1024)
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		buf = r.Append(buf[:0], f, txn, env, 1024)
	}
	b.SetBytes(int64(len(buf)))
}

func TestHTTPLogAllocs(t *testing.T) {
	f := compile(t, httpLog+" %HM %HU %HPO %HQ %HV %T %Tl %{+X}ci", true)
	txn, env := benchTxn()
	var r Renderer
	buf := make([]byte, 0, 1024)
	if n := testing.AllocsPerRun(200, func() { buf = r.Append(buf[:0], f, txn, env, 1024) }); n != 0 {
		t.Errorf("%v allocations per line", n)
	}
}
