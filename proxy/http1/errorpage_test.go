package http1

import (
	"strconv"
	"testing"

	"hakeep/e2e/smuggle"
)

// TestErrorPagesVerbatim checks the pages the H1 mux writes verbatim
// against what the real HAProxy sent for a natural cause of each.
func TestErrorPagesVerbatim(t *testing.T) {
	dir := smuggle.TestdataDir()
	captures := []struct {
		kind smuggle.Kind
		name string
		code int
	}{
		{smuggle.Error, "natural-400", 400},
		{smuggle.Error, "natural-408", 408},
		{smuggle.Request, "cl-get-body-http10", 413},
		{smuggle.Request, "te-comma-chunked", 422},
	}
	for _, c := range captures {
		g := loadGolden(t, dir, c.kind, c.name)
		page, ok := ErrorPage(c.code)
		if !ok {
			t.Errorf("no built-in page for %d", c.code)
			continue
		}
		if string(g.Outcome.Client) != page {
			t.Errorf("%d: ErrorPage\n  %q\nreal haproxy (%s)\n  %q", c.code, page, c.name, g.Outcome.Client)
		}
	}
}

// TestErrorPagesThroughHTX renders every built-in page the way the
// stream sends it to a keep-alive HTTP/1.1 client and compares it with
// `http-request deny deny_status <code>` on the real HAProxy.
func TestErrorPagesThroughHTX(t *testing.T) {
	dir := smuggle.TestdataDir()
	codes := smuggle.BuiltinErrorCodes()
	for _, code := range codes {
		page, ok := ErrorPage(code)
		if !ok {
			t.Errorf("no built-in page for %d", code)
			continue
		}
		g := loadGolden(t, dir, smuggle.Error, "deny-"+strconv.Itoa(code))
		req := NewHead(Limits{})
		var p Parser
		if done, err := p.ParseRequest(append([]byte(nil), g.Case.Send[0]...), req); !done || err != nil {
			t.Fatalf("request of deny-%d: %v", code, err)
		}
		var x Exchange
		x.Request(req)
		buf := []byte(page)
		h := NewHead(Limits{})
		if err := ParseErrorPage(buf, h); err != nil {
			t.Fatalf("page %d: %v", code, err)
		}
		conn := x.ResponseOut(req, h)
		got := append(h.AppendHead(nil, conn, nil), buf[h.Len:]...)
		if string(got) != string(g.Outcome.Client) {
			t.Errorf("%d through HTX:\n  got  %q\n  real %q", code, got, g.Outcome.Client)
		}
		if wantClose := code == 400 || code == 408; (x.Client == WantClose) != wantClose || g.Outcome.ClientClosed != wantClose {
			t.Errorf("%d: client close %v, recorded %v, want %v", code, x.Client == WantClose, g.Outcome.ClientClosed, wantClose)
		}
	}
	for code := 100; code < 600; code++ {
		_, ok := ErrorPage(code)
		listed := false
		for _, c := range codes {
			listed = listed || c == code
		}
		if ok != listed {
			t.Errorf("ErrorPage(%d) ok=%v, HAProxy 2.6 has a page: %v", code, ok, listed)
		}
	}
}

func loadGolden(t *testing.T, dir string, kind smuggle.Kind, name string) smuggle.Golden {
	t.Helper()
	gs, err := smuggle.LoadGolden(dir, kind)
	if err != nil {
		t.Fatal(err)
	}
	for _, g := range gs {
		if g.Case.Name == name {
			return g
		}
	}
	t.Fatalf("no golden %s/%s", kind, name)
	return smuggle.Golden{}
}
