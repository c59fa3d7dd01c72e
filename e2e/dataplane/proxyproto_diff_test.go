package dataplane

import (
	"fmt"
	"io"
	"net"
	"sync"
	"testing"
	"time"

	"hakeep/e2e/harness"
)

// TestE2EProxyProtocolDifferential sends the same PROXY headers, valid and
// not, through the real HAProxy and ours ("accept-proxy" in mode tcp) and
// checks both take or refuse each one alike: refused means the
// connection is closed and the server never sees it.
func TestE2EProxyProtocolDifferential(t *testing.T) {
	real := harness.NeedCmd(t, "haproxy")
	v2 := "\r\n\r\n\x00\r\nQUIT\n"
	cases := []struct{ name, send string }{
		{"v1-tcp4", "PROXY TCP4 192.0.2.1 192.0.2.2 1000 80\r\n"},
		{"v1-tcp6", "PROXY TCP6 2001:db8::1 2001:db8::2 1000 80\r\n"},
		{"v1-unknown", "PROXY UNKNOWN\r\n"},
		{"v1-unknown-with-addresses", "PROXY UNKNOWN 192.0.2.1 192.0.2.2 1000 80\r\n"},
		{"v1-short-ipv4", "PROXY TCP4 10.1.2 192.0.2.2 1000 80\r\n"},
		{"v1-long-octet", "PROXY TCP4 1234.0.0.1 192.0.2.2 1000 80\r\n"},
		{"v1-empty-port", "PROXY TCP4 192.0.2.1 192.0.2.2  80\r\n"},
		{"v1-big-port", "PROXY TCP4 192.0.2.1 192.0.2.2 70000 80\r\n"},
		{"v1-double-space", "PROXY TCP4 192.0.2.1  192.0.2.2 1000 80\r\n"},
		{"v1-bare-lf", "PROXY TCP4 192.0.2.1 192.0.2.2 1000 80\n"},
		{"v1-tcp6-extra-field", "PROXY TCP6 ::1 ::2 1 2 junk\r\n"},
		{"v1-tcp6-with-ipv4", "PROXY TCP6 192.0.2.1 ::2 1 2\r\n"},
		{"v1-udp4", "PROXY UDP4 192.0.2.1 192.0.2.2 1000 80\r\n"},
		{"v1-lowercase", "proxy TCP4 192.0.2.1 192.0.2.2 1000 80\r\n"},
		{"no-header", "GET / HTTP/1.0\r\n\r\n"},
		{"v2-tcp4", v2 + "\x21\x11\x00\x0c\xc0\x00\x02\x01\xc0\x00\x02\x02\x03\xe8\x00\x50"},
		{"v2-local", v2 + "\x20\x00\x00\x00"},
		{"v2-local-with-junk", v2 + "\x20\x00\x00\x03abc"},
		{"v2-bad-version", v2 + "\x11\x11\x00\x0c\xc0\x00\x02\x01\xc0\x00\x02\x02\x03\xe8\x00\x50"},
		{"v2-bad-command", v2 + "\x22\x11\x00\x0c\xc0\x00\x02\x01\xc0\x00\x02\x02\x03\xe8\x00\x50"},
		{"v2-short-block", v2 + "\x21\x11\x00\x08\xc0\x00\x02\x01\xc0\x00\x02\x02"},
		{"v2-unix", v2 + "\x21\x31\x00\x0c\xc0\x00\x02\x01\xc0\x00\x02\x02\x03\xe8\x00\x50"},
		{"v2-tlv-overflow", v2 + "\x21\x11\x00\x0f\xc0\x00\x02\x01\xc0\x00\x02\x02\x03\xe8\x00\x50\x04\x00\x09"},
		{"v2-tlv-noop", v2 + "\x21\x11\x00\x10\xc0\x00\x02\x01\xc0\x00\x02\x02\x03\xe8\x00\x50\x04\x00\x01x"},
	}
	// one raw back end per proxy, recording what reaches it
	type rec struct {
		mu  sync.Mutex
		got []string
	}
	backend := func() (string, *rec) {
		ln, err := net.Listen("tcp", "127.0.0.2:0")
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { ln.Close() })
		r := &rec{}
		go func() {
			for {
				c, err := ln.Accept()
				if err != nil {
					return
				}
				go func() {
					defer c.Close()
					c.SetReadDeadline(time.Now().Add(3 * time.Second))
					b, _ := io.ReadAll(c)
					r.mu.Lock()
					r.got = append(r.got, string(b))
					r.mu.Unlock()
				}()
			}
		}()
		return ln.Addr().String(), r
	}
	cfg := func(fe, be string) string {
		return fmt.Sprintf(`defaults
    mode tcp
    timeout connect 2s
    timeout client 3s
    timeout server 3s
listen pp
    bind %s accept-proxy
    server s %s
`, fe, be)
	}
	outcome := func(fe string, r *rec, c struct{ name, send string }) string {
		conn, err := net.Dial("tcp", fe)
		if err != nil {
			t.Fatal(err)
		}
		marker := "payload-" + c.name
		conn.Write([]byte(c.send + marker))
		conn.(*net.TCPConn).CloseWrite()
		conn.SetReadDeadline(time.Now().Add(3 * time.Second))
		io.ReadAll(conn)
		conn.Close()
		deadline := time.Now().Add(600 * time.Millisecond)
		for time.Now().Before(deadline) {
			r.mu.Lock()
			for _, g := range r.got {
				if len(g) >= len(marker) && g[len(g)-len(marker):] == marker {
					r.mu.Unlock()
					return "accepted"
				}
			}
			r.mu.Unlock()
			time.Sleep(20 * time.Millisecond)
		}
		return "refused"
	}
	rbe, rrec := backend()
	obe, orec := backend()
	rfe, ofe := freeAddr(t, "127.0.0.1"), freeAddr(t, "127.0.0.1")
	startProxy(t, real, writeConfig(t, cfg(rfe, rbe)), rfe)
	ours(t, cfg(ofe, obe), ofe)
	passed, failed := 0, 0
	for _, c := range cases {
		want := outcome(rfe, rrec, c)
		got := outcome(ofe, orec, c)
		if got != want {
			failed++
			t.Errorf("%s: real HAProxy %s, ours %s", c.name, want, got)
			continue
		}
		passed++
	}
	t.Logf("%d passed, %d failed", passed, failed)
}
