package http1

import (
	"bytes"
	"net"
	"testing"
)

func mustRequest(t testing.TB, s string) *Head {
	t.Helper()
	h := NewHead(Limits{})
	var p Parser
	done, err := p.ParseRequest([]byte(s), h)
	if !done || err != nil {
		t.Fatalf("%q: done=%v err=%v", s, done, err)
	}
	return h
}

func mustResponse(t testing.TB, s string, req *Head) *Head {
	t.Helper()
	h := NewHead(Limits{})
	var p Parser
	done, err := p.ParseResponse([]byte(s), h, req)
	if !done || err != nil {
		t.Fatalf("%q: done=%v err=%v", s, done, err)
	}
	return h
}

func TestAppendHead(t *testing.T) {
	req := mustRequest(t, "GET /x HTTP/2.0\r\nHost: A\r\nContent-Type: t\r\nConnection: X-Y\r\n\r\n")
	got := string(req.AppendHead(nil, ConnClose, nil))
	want := "GET /x HTTP/1.1\r\nhost: A\r\ncontent-type: t\r\nconnection: X-Y\r\nconnection: close\r\n\r\n"
	if got != want {
		t.Errorf("request:\n got  %q\n want %q", got, want)
	}
	ca := CaseAdjust{{"content-type", "Content-Type"}, {"connection", "Connection"}}
	got = string(req.AppendHead(nil, ConnKeepAlive, ca))
	want = "GET /x HTTP/1.1\r\nhost: A\r\nContent-Type: t\r\nConnection: X-Y\r\nConnection: keep-alive\r\n\r\n"
	if got != want {
		t.Errorf("case adjusted:\n got  %q\n want %q", got, want)
	}

	resp := mustResponse(t, "HTTP/1.0 204\r\nContent-Length: 0\r\nTransfer-Encoding: chunked\r\nX: y\r\n\r\n", req)
	got = string(resp.AppendHead(nil, ConnNone, nil))
	want = "HTTP/1.0 204 \r\nx: y\r\n\r\n"
	if got != want {
		t.Errorf("204:\n got  %q\n want %q", got, want)
	}
}

func TestRewrite(t *testing.T) {
	h := mustRequest(t, "GET /long/path HTTP/1.1\r\nHost: a\r\nX-A: 1\r\nX-B: 2\r\nx-a: 3\r\n\r\n")
	if n := h.Del("x-a"); n != 2 {
		t.Fatalf("Del removed %d", n)
	}
	if !h.Add("X-Forwarded-For", []byte("127.0.0.1")) || !h.Set("x-b", []byte("new")) {
		t.Fatal("add/set")
	}
	if !h.SetValue(h.Find("host", 0), []byte("b")) || !h.SetURI([]byte("/p")) {
		t.Fatal("in place")
	}
	got := string(h.AppendHead(nil, ConnNone, nil))
	want := "GET /p HTTP/1.1\r\nhost: b\r\nx-forwarded-for: 127.0.0.1\r\nx-b: new\r\n\r\n"
	if got != want {
		t.Errorf("\n got  %q\n want %q", got, want)
	}
	big := bytes.Repeat([]byte("v"), DefaultMaxRewrite)
	if h.Add("x-big", big) {
		t.Error("a rewrite past tune.maxrewrite must fail")
	}
	// The buffer may move: offsets survive.
	moved := append([]byte(nil), h.Buffer()...)
	h.Rebase(moved)
	if got2 := string(h.AppendHead(nil, ConnNone, nil)); got2 != want {
		t.Errorf("after Rebase: %q", got2)
	}
}

func TestAppendChunkSize(t *testing.T) {
	for n, want := range map[int]string{0: "0\r\n", 11: "B\r\n", 4096: "1000\r\n", 0xabcdef: "ABCDEF\r\n"} {
		if got := string(AppendChunkSize(nil, n)); got != want {
			t.Errorf("%d: %q, want %q", n, got, want)
		}
	}
}

// TestBatch writes a head, a re-chunked body and trailers through a real
// loopback connection and reads back the exact bytes.
func TestBatch(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	got := make(chan []byte, 1)
	go func() {
		c, err := ln.Accept()
		if err != nil {
			got <- nil
			return
		}
		var buf bytes.Buffer
		buf.ReadFrom(c)
		c.Close()
		got <- buf.Bytes()
	}()
	c, err := net.Dial("tcp", ln.Addr().String())
	if err != nil {
		t.Fatal(err)
	}
	req := mustRequest(t, "POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n")
	var b Batch
	b.Head(req, ConnNone, nil)
	b.ChunkSize(11)
	b.Payload([]byte("hello"))
	b.Payload([]byte(" world"))
	b.ChunkEnd()
	b.LastChunk(nil, nil)
	want := "POST / HTTP/1.1\r\ntransfer-encoding: chunked\r\n\r\nB\r\nhello world\r\n0\r\n\r\n"
	if s := string(b.AppendTo(nil)); s != want || b.Len() != len(want) {
		t.Fatalf("batch holds %q (%d)", s, b.Len())
	}
	if n, err := b.WriteTo(c); err != nil || n != int64(len(want)) {
		t.Fatalf("WriteTo: %d %v", n, err)
	}
	c.Close()
	if s := string(<-got); s != want {
		t.Errorf("peer got %q", s)
	}
	if b.Len() != 0 {
		t.Error("WriteTo resets the batch")
	}
}
