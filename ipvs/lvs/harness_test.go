package lvs

import (
	"context"
	"fmt"
	"log/slog"
	"math/rand/v2"
	"net/netip"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"hakeep/ipvs"
)

// lines is a slog handler keeping the messages.
type lines struct {
	mu  sync.Mutex
	buf []string
}

func (l *lines) Enabled(context.Context, slog.Level) bool { return true }
func (l *lines) Handle(_ context.Context, r slog.Record) error {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.buf = append(l.buf, r.Message)
	return nil
}
func (l *lines) WithAttrs([]slog.Attr) slog.Handler { return l }
func (l *lines) WithGroup(string) slog.Handler      { return l }

// take returns the lines logged since the last call.
func (l *lines) take() []string {
	l.mu.Lock()
	defer l.mu.Unlock()
	out := l.buf
	l.buf = nil
	return out
}

// recorder is a Notifier keeping what it was told.
type recorder struct {
	mu     sync.Mutex
	events []string
}

func (r *recorder) add(s string) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.events = append(r.events, s)
}
func (r *recorder) Script(s *Script, stopping bool) { r.add("script " + strings.Join(s.Args, " ")) }
func (r *recorder) FIFO(line string)                { r.add("fifo " + strings.TrimSuffix(line, "\n")) }
func (r *recorder) Alert(a Alert)                   { r.add(fmt.Sprintf("alert %s %s %s", a.VS, a.RS, a.Message)) }
func (r *recorder) take() []string {
	r.mu.Lock()
	defer r.mu.Unlock()
	out := r.events
	r.events = nil
	return out
}

// harness drives a core on a stepped clock.
type harness struct {
	t     *testing.T
	c     *core
	log   *lines
	note  *recorder
	now   time.Time
	files map[string]int64
}

var t0 = time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)

func newHarness(t *testing.T, cfg *Config) *harness {
	t.Helper()
	h := &harness{t: t, log: &lines{}, note: &recorder{}, now: t0, files: map[string]int64{}}
	h.c = newCore(cfg, slog.New(h.log), h.note, rand.New(rand.NewPCG(1, 2)), func(f *FileConfig) int64 { return h.files[f.Path] })
	return h
}

func (h *harness) start() { h.c.start(h.now) }

// advance moves the clock by d and returns the attempts due.
func (h *harness) advance(d time.Duration) []Attempt {
	h.now = h.now.Add(d)
	return h.c.due(h.now)
}

// run advances to the next checker due and completes its attempt with r;
// it returns the time that passed.
func (h *harness) run(r Result) time.Duration {
	h.t.Helper()
	next := h.c.nextDue()
	if next.IsZero() {
		h.t.Fatal("no checker due")
	}
	d := next.Sub(h.now)
	as := h.advance(d)
	if len(as) != 1 {
		h.t.Fatalf("%d attempts due at +%v, want 1", len(as), d)
	}
	h.c.done(h.now, as[0], r)
	return d
}

// table renders the table as ipvsadm -Ln lists it, with services sorted.
func (h *harness) table() string {
	var blocks []string
	for _, s := range h.c.tab.services {
		var b strings.Builder
		b.WriteString(s.ServiceKey.String())
		b.WriteString(" " + s.Scheduler)
		if s.Flags&ipvs.FlagPersistent != 0 {
			fmt.Fprintf(&b, " persistent %d", s.Timeout)
		}
		for _, d := range s.dests {
			fmt.Fprintf(&b, "\n  -> %s %s %d", netip.AddrPortFrom(d.Addr, d.Port), d.Method, d.Weight)
		}
		blocks = append(blocks, b.String())
	}
	sort.Strings(blocks)
	return strings.Join(blocks, "\n")
}

func (h *harness) wantTable(want string) {
	h.t.Helper()
	want = strings.TrimSpace(strings.ReplaceAll(want, "\t", ""))
	if got := h.table(); got != want {
		h.t.Errorf("table:\n%s\nwant\n%s", got, want)
	}
}

func (h *harness) wantLog(want ...string) {
	h.t.Helper()
	got := h.log.take()
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		h.t.Errorf("log:\n  %s\nwant\n  %s", strings.Join(got, "\n  "), strings.Join(want, "\n  "))
	}
}

var (
	ok      = Result{}
	refused = Result{Outcome: Refused}
)

// vsTCP is a virtual server 10.0.0.1:80 with real servers on 10.0.1.N:80
// each with one TCP_CHECK.
func vsTCP(n int, tweak func(*VirtualServer)) *VirtualServer {
	vs := &VirtualServer{Addr: netip.MustParseAddrPort("10.0.0.1:80"), Protocol: ipvs.TCP, Scheduler: "wrr", Quorum: 1, DelayLoop: 5 * time.Second}
	for i := 1; i <= n; i++ {
		vs.RealServers = append(vs.RealServers, &RealServer{
			Addr: netip.AddrPortFrom(netip.AddrFrom4([4]byte{10, 0, 1, byte(i)}), 80), Weight: int64(i), Method: ipvs.DRoute,
			Checkers: []*Checker{{Type: TCPCheck, Retry: 1, DelayLoop: 5 * time.Second, DelayBeforeRetry: time.Second,
				Conn: Conn{Dst: netip.AddrPortFrom(netip.AddrFrom4([4]byte{10, 0, 1, byte(i)}), 80), Timeout: 2 * time.Second}}},
		})
	}
	if tweak != nil {
		tweak(vs)
	}
	return vs
}

// runAll advances to the next time checkers are due and completes their
// attempts, in configuration order, with rs.
func (h *harness) runAll(rs ...Result) time.Duration {
	h.t.Helper()
	next := h.c.nextDue()
	d := next.Sub(h.now)
	as := h.advance(d)
	if len(as) != len(rs) {
		h.t.Fatalf("%d attempts due at +%v, want %d", len(as), d, len(rs))
	}
	for i, a := range as {
		h.c.done(h.now, a, rs[i])
	}
	return d
}

// step advances to the next time checkers are due and completes each due
// attempt with the result given for its real server (by the last byte of
// its address); it fails the test when a due server has no result.
func (h *harness) step(results map[byte]Result) (time.Duration, []byte) {
	h.t.Helper()
	next := h.c.nextDue()
	d := next.Sub(h.now)
	var ran []byte
	for _, a := range h.advance(d) {
		b := a.RS.Addr.Addr().As4()[3]
		r, ok := results[b]
		if !ok {
			h.t.Fatalf("no result for real server .%d at +%v", b, h.now.Sub(t0))
		}
		ran = append(ran, b)
		h.c.done(h.now, a, r)
	}
	return d, ran
}
