package check

import (
	"bytes"
	"context"
	"fmt"
	"net/netip"
	"sort"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"hakeep/proxy"
)

// testServer is a server line for hand-built configurations.
func testServer(name string, port int, opts ...func(*proxy.Server)) *proxy.Server {
	s := &proxy.Server{Name: name, Weight: 1, ErrorLimit: 10, OnError: "fail-check",
		Addr:  proxy.Address{Addr: netip.MustParseAddr("127.0.0.1"), PortLow: port, Port: port},
		Check: proxy.ServerCheck{Enabled: true, Inter: time.Second, Rise: 2, Fall: 3},
		Agent: proxy.AgentCheck{Inter: 2 * time.Second}}
	for _, o := range opts {
		o(s)
	}
	return s
}

func testBackend(name string, servers ...*proxy.Server) *proxy.Proxy {
	return &proxy.Proxy{Name: name, Cap: proxy.CapBackend, Servers: servers}
}

func testConfig(px ...*proxy.Proxy) *proxy.Config {
	return &proxy.Config{Global: proxy.Global{Node: "testnode"}, Proxies: px}
}

// harness runs a Manager on a fake clock with scripted probe results.
type harness struct {
	t      *testing.T
	clk    *fakeClock
	m      *Manager
	mu     sync.Mutex
	logs   []string
	stderr bytes.Buffer
	// probes records "<ms since start> <backend/server>[ agent]".
	probes []string
	calls  map[*Check]int
	start  time.Time
	cancel context.CancelFunc
	done   chan struct{}
}

// script gives a check's n-th result (from 0).
type script func(n int, st probeState) outcome

func fail(st Status, desc string) outcome { return outcome{set: true, status: st, desc: desc} }
func pass(st Status) outcome              { return outcome{set: true, status: st} }

var refused = fail(StatusL4CON, "Connection refused")

// seq plays results in order, repeating the last one.
func seq(o ...outcome) script {
	return func(n int, _ probeState) outcome { return o[min(n, len(o)-1)] }
}

func newHarness(t *testing.T, cfg *proxy.Config, scripts map[string]script, tweak ...func(*Options)) *harness {
	t.Helper()
	h := &harness{t: t, clk: newFakeClock(), calls: map[*Check]int{}}
	h.start = h.clk.Now()
	opt := Options{Clock: h.clk, Stderr: &lockedWriter{mu: &h.mu, w: &h.stderr}, PID: 42,
		Rand: func() uint32 { return 1 << 31 },
		Logger: LoggerFunc(func(l Level, msg string) {
			h.mu.Lock()
			h.logs = append(h.logs, fmt.Sprintf("<%d> %s", l, msg))
			h.mu.Unlock()
		})}
	for _, f := range tweak {
		f(&opt)
	}
	m, err := New(cfg, opt)
	if err != nil {
		t.Fatal(err)
	}
	h.m = m
	for _, c := range m.order {
		key := c.srv.id()
		if c.agent {
			key += " agent"
		}
		sc := scripts[key]
		if sc == nil {
			sc = seq(pass(StatusL4OK))
		}
		c := c
		c.probe.scripted = func(st probeState) outcome {
			h.mu.Lock()
			n := h.calls[c]
			h.calls[c]++
			h.probes = append(h.probes, fmt.Sprintf("%d %s", h.clk.Now().Sub(h.start)/time.Millisecond, key))
			h.mu.Unlock()
			return sc(n, st)
		}
	}
	ctx, cancel := context.WithCancel(context.Background())
	h.cancel, h.done = cancel, make(chan struct{})
	go func() { m.Run(ctx); close(h.done) }()
	t.Cleanup(h.stop)
	h.clk.waitTimers(t, h.sleepers)
	return h
}

// sleepers is how many timers are pending when everything is asleep: one
// per check, one per server warming up.
func (h *harness) sleepers() int {
	h.m.w.mu.Lock()
	defer h.m.w.mu.Unlock()
	n := len(h.m.order)
	for _, b := range h.m.backends {
		for _, s := range b.servers {
			if s.warming {
				n++
			}
		}
	}
	return n
}

func (h *harness) stop() {
	h.cancel()
	<-h.done
}

// step advances to the next timer and lets the checks due run.
func (h *harness) step() {
	h.clk.advanceTo(h.clk.next())
	h.clk.waitTimers(h.t, h.sleepers)
}

// runUntil steps until the clock reaches ms milliseconds.
func (h *harness) runUntil(ms int) {
	end := h.start.Add(time.Duration(ms) * time.Millisecond)
	for !h.clk.next().After(end) {
		h.step()
	}
}

func (h *harness) logLines() []string {
	h.mu.Lock()
	defer h.mu.Unlock()
	return append([]string(nil), h.logs...)
}

// probeTimes lists the probes in time order; checks due at the same time
// run concurrently, so those are sorted by name.
func (h *harness) probeTimes() []string {
	h.mu.Lock()
	defer h.mu.Unlock()
	out := append([]string(nil), h.probes...)
	sort.SliceStable(out, func(i, j int) bool {
		ti, _ := strconv.Atoi(strings.Fields(out[i])[0])
		tj, _ := strconv.Atoi(strings.Fields(out[j])[0])
		if ti != tj {
			return ti < tj
		}
		return out[i] < out[j]
	})
	return out
}

func (h *harness) stderrLines() []string {
	h.mu.Lock()
	defer h.mu.Unlock()
	return strings.Split(strings.TrimSuffix(h.stderr.String(), "\n"), "\n")
}

type lockedWriter struct {
	mu *sync.Mutex
	w  *bytes.Buffer
}

func (l *lockedWriter) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.w.Write(p)
}

func equalLines(t *testing.T, what string, got, want []string) {
	t.Helper()
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("%s:\ngot:\n  %s\nwant:\n  %s", what, strings.Join(got, "\n  "), strings.Join(want, "\n  "))
	}
}
