package engine

import (
	"testing"

	"hakeep/proxy/http1"
)

// The sizes 2.6.12 logged as %U and %B (minus the body) for these heads.
func TestHTXSize(t *testing.T) {
	req := "GET /good?q=1 HTTP/1.1\r\nHost: test.local\r\nX-Test: t1-long-value\r\nCookie: a=b; SID=cli7\r\nConnection: close\r\n\r\n"
	var p http1.Parser
	rh := http1.NewHead(http1.Limits{})
	if done, err := p.ParseRequest([]byte(req), rh); !done || err != nil {
		t.Fatalf("request: %v %v", done, err)
	}
	if got := htxSize(rh); got != 93 {
		t.Errorf("request head: %d, want 93", got)
	}
	for _, c := range []struct {
		resp string
		want int64
	}{
		// a server's 404 (%B 72 with a 10-byte body)
		{"HTTP/1.1 404 Not Found\r\nContent-Length: 10\r\nX-R: nf\r\nConnection: close\r\n\r\n", 62},
		// 2.6's own 403 page (%B 192 with a 93-byte body)
		{"HTTP/1.1 403 Forbidden\r\ncontent-length: 93\r\ncache-control: no-cache\r\ncontent-type: text/html\r\n\r\n", 99},
	} {
		p.Reset()
		h := http1.NewHead(http1.Limits{})
		if done, err := p.ParseResponse([]byte(c.resp), h, rh); !done || err != nil {
			t.Fatalf("response: %v %v", done, err)
		}
		if got := htxSize(h); got != c.want {
			t.Errorf("%q: %d, want %d", c.resp, got, c.want)
		}
	}
}

func TestConnTokens(t *testing.T) {
	for in, want := range map[string]int{
		"close": 0, "Keep-Alive": 0, "keep-alive, Upgrade": len("Upgrade"),
		"Upgrade, close, x-a": len("Upgrade, x-a"), " te ": len("te"),
	} {
		if got := connTokens([]byte(in)); got != want {
			t.Errorf("connTokens(%q) = %d, want %d", in, got, want)
		}
	}
}
