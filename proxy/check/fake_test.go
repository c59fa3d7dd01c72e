package check

import (
	"bytes"
	"context"
	"net"
	"net/netip"
	"strings"
	"sync"
	"testing"
	"time"

	"hakeep/proxy"
)

// fakeServer is a scripted TCP server on loopback: each connection reads
// what the check sends (until the script's marker or a pause) and answers.
type fakeServer struct {
	ln   net.Listener
	port int
	mu   sync.Mutex
	got  [][]byte
}

// reply is one connection's script: wait for until (or a short pause when
// empty) then write send; silent keeps the connection open without a
// word; closeFirst closes without reading.
type reply struct {
	until  string
	send   string
	silent bool
	hold   bool
}

func newFakeServer(t *testing.T, replies ...reply) *fakeServer {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	f := &fakeServer{ln: ln, port: ln.Addr().(*net.TCPAddr).Port}
	t.Cleanup(func() { ln.Close() })
	go func() {
		for i := 0; ; i++ {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			r := replies[min(i, len(replies)-1)]
			go f.serve(c, r)
		}
	}()
	return f
}

func (f *fakeServer) serve(c net.Conn, r reply) {
	defer c.Close()
	var in []byte
	buf := make([]byte, 4096)
	wait := 50 * time.Millisecond
	if r.until != "" {
		wait = 2 * time.Second
	}
	for {
		c.SetReadDeadline(time.Now().Add(wait))
		n, err := c.Read(buf)
		in = append(in, buf[:n]...)
		if err != nil || (r.until != "" && bytes.Contains(in, []byte(r.until))) {
			break
		}
	}
	f.mu.Lock()
	f.got = append(f.got, in)
	f.mu.Unlock()
	if r.silent {
		time.Sleep(2 * time.Second)
		return
	}
	c.Write([]byte(r.send))
	if r.hold {
		time.Sleep(2 * time.Second)
	}
	time.Sleep(20 * time.Millisecond)
}

func (f *fakeServer) received(i int) string {
	f.mu.Lock()
	defer f.mu.Unlock()
	if i >= len(f.got) {
		return ""
	}
	return string(f.got[i])
}

// closedPort is a port nobody listens on.
func closedPort(t *testing.T) int {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	p := ln.Addr().(*net.TCPAddr).Port
	ln.Close()
	return p
}

// probeFor compiles a backend's check method for a server at port and
// returns its health check probe.
func probeFor(t *testing.T, px *proxy.Proxy, port int, tweak ...func(*proxy.Server)) *probe {
	t.Helper()
	srv := testServer("s1", port, tweak...)
	srv.Check.Inter = 500 * time.Millisecond
	px.Name = "be"
	px.Cap = proxy.CapBackend
	px.Servers = []*proxy.Server{srv}
	m, err := New(testConfig(px), Options{Clock: SystemClock{}})
	if err != nil {
		t.Fatal(err)
	}
	return m.Server("be", "s1").check.probe
}

func runProbe(p *probe) outcome {
	return p.execute(context.Background(), probeState{serverUp: true, now: time.Now()})
}

type want struct {
	status Status
	code   int
	desc   string
}

func checkOutcome(t *testing.T, o outcome, w want) {
	t.Helper()
	if !o.set || o.status != w.status || o.code != w.code || o.desc != w.desc {
		t.Errorf("got %s code %d desc %q (set %v), want %s code %d desc %q", o.status.Info(), o.code, o.desc, o.set,
			w.status.Info(), w.code, w.desc)
	}
}

func httpchk(meth, uri, vsn string, rules ...[]string) *proxy.Proxy {
	px := &proxy.Proxy{}
	px.Check = proxy.HealthCheck{Type: proxy.CheckHTTP, HTTPMethod: meth, HTTPURI: uri, HTTPVersion: vsn}
	for _, r := range rules {
		px.Check.Rules = append(px.Check.Rules, &proxy.CheckRule{Keyword: "http-check", Action: r[0], Args: r[1:]})
	}
	return px
}

func tcpcheck(rules ...[]string) *proxy.Proxy {
	px := &proxy.Proxy{}
	px.Check = proxy.HealthCheck{Type: proxy.CheckTCPCheck}
	for _, r := range rules {
		px.Check.Rules = append(px.Check.Rules, &proxy.CheckRule{Keyword: "tcp-check", Action: r[0], Args: r[1:]})
	}
	return px
}

// words splits a rule as the configuration would.
func words(s string) []string { return strings.Fields(s) }

var loopback = netip.MustParseAddr("127.0.0.1")
