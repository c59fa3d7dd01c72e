package engine

import (
	"bytes"
	"context"
	"errors"
	"net"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"hakeep/proxy"
)

// TestPauseRefuses: SIGTTOU's pause makes the listeners refuse new
// connections and SIGTTIN's resume takes them again, each announced per
// frontend as 2.6.12 prints them ("Paused proxy p.", "Resumed proxy
// p."); the connections accepted before go on.
func TestPauseRefuses(t *testing.T) {
	s1 := echoServer(t, "s1")
	// an explicit port: a paused socket keeps its address only then
	probe, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	port := probe.Addr().(*net.TCPAddr).Port
	probe.Close()
	p := listen(&proxy.Proxy{Name: "p", Servers: []*proxy.Server{serverAt("s1", s1.Addr())}})
	p.Binds[0].Addrs[0] = loopback(port)
	var log bytes.Buffer
	var mu sync.Mutex
	e, err := New(&proxy.Config{Proxies: []*proxy.Proxy{p}}, Deps{Log: testLogger(&mu, &log)})
	if err != nil {
		t.Fatal(err)
	}
	if err := e.Open(); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- e.Run(ctx) }()
	defer func() { cancel(); <-done }()
	addr := "127.0.0.1:" + itoa(port)
	c, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	readLine(t, c)

	e.Pause()
	if n, err := net.DialTimeout("tcp", addr, time.Second); err == nil {
		n.Close()
		t.Fatal("a paused engine let a connection in")
	} else if !errors.Is(err, syscall.ECONNREFUSED) {
		t.Fatalf("dial while paused: %v, want connection refused", err)
	}
	c.Write([]byte("still\n"))
	if l := readLine(t, c); l != "still" {
		t.Fatalf("connection accepted before the pause: %q", l)
	}
	e.Resume()
	n, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatalf("after resume: %v", err)
	}
	defer n.Close()
	if l := readLine(t, n); l != "s1" {
		t.Fatalf("after resume: %q", l)
	}
	mu.Lock()
	defer mu.Unlock()
	if got := log.String(); !strings.Contains(got, "Paused proxy p.") || !strings.Contains(got, "Resumed proxy p.") {
		t.Errorf("messages %q", got)
	}
}
