package engine

import (
	"testing"
	"time"
)

// The session's state is the connection's, whatever state the pooled
// transaction structures carried before: session variables start empty
// on each connection and last across its requests, and conn_cur tracked
// by "tcp-request connection" goes down when the connection closes, not
// when another one reuses the pooled state.
func TestSessionStateIsPerConnection(t *testing.T) {
	be := headerBackend(t)
	cfg := loadRules(t, `
defaults
    mode http
    timeout connect 1s
    timeout client 5s
    timeout server 5s
frontend fe
    bind @FE@
    tcp-request connection track-sc0 src table st
    http-request set-var(sess.n) var(sess.n),add(1) if { var(sess.n) -m found }
    http-request set-var(sess.n) int(1) unless { var(sess.n) -m found }
    http-request set-header X-Show %[sc0_conn_cur]/%[var(sess.n)]
    default_backend be
backend be
    server s1 @S1@
backend st
    stick-table type ip size 10 store conn_cur
`, be.Addr())
	_, addr := start(t, cfg, nil)
	req := "GET / HTTP/1.1\r\nHost: x\r\n\r\n"
	a := dial(t, addr)
	if _, body := a.get(req); body != "1/1" {
		t.Fatalf("first connection, first request: %q, want 1/1", body)
	}
	if _, body := a.get(req); body != "1/2" {
		t.Fatalf("first connection, second request: %q, want 1/2", body)
	}
	b := dial(t, addr)
	if _, body := b.get(req); body != "2/1" {
		t.Fatalf("second connection: %q, want 2/1", body)
	}
	a.c.Close()
	// the closed connection's count goes down once the proxy sees it
	deadline := time.Now().Add(5 * time.Second)
	for {
		c := dial(t, addr)
		_, body := c.get(req)
		c.c.Close()
		if body == "2/1" {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("after the first connection closed: %q, want 2/1", body)
		}
		time.Sleep(20 * time.Millisecond)
	}
	if _, body := b.get(req); body != "1/2" && body != "2/2" {
		t.Fatalf("second connection, second request: %q", body)
	}
}

// "tcp-request connection reject" closes the connection before any
// request; "expect-proxy" reads a PROXY header first for the clients the
// condition selects.
func TestConnectionRulesAtAccept(t *testing.T) {
	be := headerBackend(t)
	cfg := loadRules(t, `
defaults
    mode http
    timeout connect 1s
    timeout client 5s
    timeout server 5s
frontend fe
    bind @FE@
    tcp-request connection expect-proxy layer4 if { src 127.0.0.1 }
    http-request set-header X-Show %[src]
    default_backend be
backend be
    server s1 @S1@
`, be.Addr())
	_, addr := start(t, cfg, nil)
	c := dial(t, addr)
	_, body := c.get("PROXY TCP4 198.51.100.9 198.51.100.1 5000 80\r\nGET / HTTP/1.1\r\nHost: x\r\n\r\n")
	if body != "198.51.100.9" {
		t.Fatalf("src behind expect-proxy: %q", body)
	}
}

// A stream's stick counters end with its transaction: an idle
// kept-alive connection holds no conn_cur of http-request trackers, and
// the bytes its request moved are counted as 2.6 counts them (the HTX
// size of the head as received).
func TestStreamCountersEndWithTransaction(t *testing.T) {
	be := headerBackend(t)
	cfg := loadRules(t, `
defaults
    mode http
    timeout connect 1s
    timeout client 5s
    timeout server 5s
frontend fe
    bind @FE@
    http-request track-sc0 src table st
    http-request set-header X-Show %[sc0_conn_cur]/%[sc0_bytes_in_rate]
    default_backend be
backend be
    server s1 @S1@
backend st
    stick-table type ip size 10 store conn_cur,bytes_in_rate(10s)
`, be.Addr())
	e, addr := start(t, cfg, nil)
	req := "GET / HTTP/1.1\r\nHost: x\r\n\r\n"
	a := dial(t, addr)
	if _, body := a.get(req); body != "1/0" {
		t.Fatalf("first request: %q, want 1/0", body)
	}
	// The client may read the response before the transaction's end
	// (untracking, byte counts) ran: wait for it, not for a fixed time.
	untracked := func() bool {
		for _, tb := range (*runtimeView)(e).Tables() {
			for _, k := range tb.Entries(time.Now().UnixMilli()) {
				if k.Entry.Trackers() != 0 {
					return false
				}
			}
		}
		return true
	}
	for deadline := time.Now().Add(2 * time.Second); !untracked(); {
		if time.Now().After(deadline) {
			t.Fatal("the first transaction still tracks its entry 2 s after its response")
		}
		time.Sleep(time.Millisecond)
	}
	// 20 (htx_sl) + "GET" "/" "HTTP/1.1" + "host" "x" + 1 (end of headers)
	b := dial(t, addr)
	if _, body := b.get(req); body != "1/38" {
		t.Fatalf("second connection while the first idles: %q, want 1/38", body)
	}
}
