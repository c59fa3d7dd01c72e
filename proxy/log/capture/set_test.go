package capture

import (
	"testing"

	"hakeep/proxy"
)

type hdrs [][2]string

func (h hdrs) NumHeaders() int                   { return len(h) }
func (h hdrs) Header(i int) (name, value []byte) { return []byte(h[i][0]), []byte(h[i][1]) }

// bhdrs is hdrs without conversions, for allocation counts.
type bhdrs [][2][]byte

func (h bhdrs) NumHeaders() int                   { return len(h) }
func (h bhdrs) Header(i int) (name, value []byte) { return h[i][0], h[i][1] }

// The values below are what haproxy 2.6.12 logged for these requests and
// responses with "capture request header Host len 5", "capture request
// header X-A len 20", "capture response header X-R len 20" and "capture
// cookie SE len 12".
func TestCaptures(t *testing.T) {
	spec := NewSpec(&proxy.Captures{
		Cookie: "SE", CookieLen: 12,
		RequestHeaders:  []proxy.HeaderCapture{{Name: "Host", Len: 5}, {Name: "X-A", Len: 20}},
		ResponseHeaders: []proxy.HeaderCapture{{Name: "X-R", Len: 20}},
	}, nil)
	res := hdrs{{"content-length", "0"}, {"x-r", "r\x01v\"#{|}"}, {"set-cookie", "foo=1"},
		{"set-cookie", `SESSID = abc"x;y" ; Path=/`}, {"x-r", "last"}}
	var s Set
	for _, c := range []struct {
		req                 hdrs
		host, xa, cli, srv  string
		hostSet, xaSet, cok bool
	}{
		{hdrs{{"host", "abcdefgh"}, {"x-a", "1"}, {"x-a", `two{|}"#`}, {"cookie", "$Version=1; a=b, SE = x y ; SEs=2"}},
			"abcde", `two{|}"#`, "SE=x y", `SESSID=abc"x`, true, true, true},
		{hdrs{{"cookie", "S=1"}, {"cookie", `SEZ="q;w"`}},
			"", "", `SEZ="q;w"`, `SESSID=abc"x`, false, false, true},
	} {
		s.Reset(spec)
		s.Request(c.req)
		s.Response(res)
		if got := s.Capture(false, 0); string(got) != c.host || (got != nil) != c.hostSet {
			t.Errorf("host %q (set %v), want %q", got, got != nil, c.host)
		}
		if got := s.Capture(false, 1); string(got) != c.xa || (got != nil) != c.xaSet {
			t.Errorf("x-a %q, want %q", got, c.xa)
		}
		if got := s.Capture(true, 0); string(got) != "last" {
			t.Errorf("x-r %q, want last", got)
		}
		if got := s.ClientCookie(); string(got) != c.cli {
			t.Errorf("client cookie %q, want %q", got, c.cli)
		}
		if got := s.ServerCookie(); string(got) != c.srv {
			t.Errorf("server cookie %q, want %q", got, c.srv)
		}
	}
	if n := s.NumSlots(false); n != 2 {
		t.Errorf("%d request slots", n)
	}
}

func TestSlotsAndReuse(t *testing.T) {
	spec := NewSpec(&proxy.Captures{RequestHeaders: []proxy.HeaderCapture{{Name: "a", Len: 3}}},
		[]proxy.DeclareCapture{{Len: 4}, {Response: true, Len: 2}})
	var s Set
	s.Reset(spec)
	s.SetSlot(false, 1, []byte("abcdef"))
	s.SetSlot(true, 0, []byte("xyz"))
	s.SetSlot(true, 5, []byte("ignored"))
	if got := s.Capture(false, 1); string(got) != "abcd" {
		t.Errorf("declared slot %q", got)
	}
	if got := s.Capture(true, 0); string(got) != "xy" {
		t.Errorf("response slot %q", got)
	}
	if s.Capture(false, 0) != nil || s.ClientCookie() != nil {
		t.Error("empty slots must be nil")
	}
	s.Request(hdrs{{"a", ""}})
	if got := s.Capture(false, 0); got == nil || len(got) != 0 {
		t.Errorf("an empty header is captured empty, got %q", got)
	}
	s.Reset(spec)
	if s.Capture(false, 1) != nil {
		t.Error("Reset keeps values")
	}
	var req Headers = bhdrs{{[]byte("a"), []byte("xxxx")}}
	v := []byte("abcdef")
	n := testing.AllocsPerRun(100, func() {
		s.Reset(spec)
		s.Request(req)
		s.SetSlot(false, 1, v)
	})
	if n != 0 {
		t.Errorf("%v allocations per transaction", n)
	}
}
