package balance

import (
	"math"
	"strings"
	"sync"
	"testing"
	"time"
)

type clock struct{ t time.Time }

func (c *clock) now() time.Time { return c.t }

func newBackend(t *testing.T, balance string, servers []ServerConfig, opt Options) *Backend {
	t.Helper()
	var spec Spec
	if err := spec.SetBalance(strings.Fields(balance)); err != nil {
		t.Fatal(err)
	}
	b, err := New(spec, servers, opt)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// Ids are assigned in declaration order from a counter that skips ids
// taken explicitly and advances after every server (src/cfgparse.c).
func TestServerIDs(t *testing.T) {
	b := newBackend(t, "first", []ServerConfig{
		{Name: "a", Weight: 1, ID: 3}, {Name: "b", Weight: 1}, {Name: "c", Weight: 1, ID: 2},
		{Name: "d", Weight: 1}, {Name: "e", Weight: 1},
	}, Options{})
	want := map[string]int{"a": 3, "b": 4, "c": 2, "d": 6, "e": 7}
	for _, s := range b.Servers() {
		if s.ID() != want[s.Name()] {
			t.Errorf("server %s has id %d, want %d", s.Name(), s.ID(), want[s.Name()])
		}
	}
}

func TestNewErrors(t *testing.T) {
	for _, tc := range []struct {
		spec    Spec
		servers []ServerConfig
		want    string
	}{
		{Spec{}, []ServerConfig{{Name: "a", Weight: 257}}, "weight of server 'a' is not within 0 and 256 (257)"},
		{Spec{}, []ServerConfig{{Name: "a", Weight: 1, ID: 2}, {Name: "b", Weight: 1, ID: 2}}, "server 'b': id 2 already used"},
		{Spec{}, []ServerConfig{{Name: "a", Weight: 1}, {Name: "a", Weight: 1}}, "another server named 'a' was already defined, please use distinct names"},
		{Spec{Algorithm: URI, Consistent: true, BalanceFactor: 100}, nil, "'hash-balance-factor' must be 0 or greater than 100 (got 100)"},
	} {
		_, err := New(tc.spec, tc.servers, Options{})
		if err == nil || err.Error() != tc.want {
			t.Errorf("New: error %v, want %q", err, tc.want)
		}
	}
}

// A server back from maintenance ramps its weight over slowstart:
// (wdiv*elapsed + slowstart)/slowstart sixteenths, and its connection
// limit by the elapsed share (src/server.c, src/queue.c).
func TestSlowstart(t *testing.T) {
	clk := &clock{t: time.Unix(1_000_000, 0)}
	b := newBackend(t, "roundrobin", []ServerConfig{
		{Name: "a", Weight: 1},
		{Name: "b", Weight: 3, Slowstart: 9500 * time.Millisecond, Maxconn: 100}, // 10 s once rounded up
	}, Options{Now: clk.now})
	s := b.Server("b")
	if s.EffectiveWeight() != 48 || s.State() != Running {
		t.Fatalf("at start b weighs %d in state %d, want 48 running (no slowstart at boot)", s.EffectiveWeight(), s.State())
	}
	b.SetMaint(s, true)
	if s.Usable() || b.TotalWeight() != 16 {
		t.Fatalf("in maintenance b is usable or counted (total %d)", b.TotalWeight())
	}
	b.SetMaint(s, false)
	for _, step := range []struct {
		elapsed int64
		ew      int
		max     int
		state   State
	}{
		{0, 3, 1, Starting},    // w = (16*0+10)/10 = 1; ratio 0 -> at least 1
		{1, 3, 10, Starting},   // w = 26/10 = 2 -> but eweight only moves on Warmup
		{5, 27, 50, Starting},  // w = 90/10 = 9
		{9, 45, 90, Starting},  // w = 154/10 = 15
		{10, 48, 100, Running}, // done
		{20, 48, 100, Running}, // stays
	} {
		clk.t = time.Unix(1_000_000+step.elapsed, 0)
		if step.elapsed == 1 {
			// Before the warm-up task runs the weight stays put.
			if got := s.EffectiveWeight(); got != 3 {
				t.Errorf("at +1s before warm-up: weight %d, want 3", got)
			}
		}
		b.Warmup()
		want := step.ew
		if step.elapsed == 1 {
			want = 6
		}
		if got := s.EffectiveWeight(); got != want {
			t.Errorf("at +%ds: effective weight %d, want %d", step.elapsed, got, want)
		}
		if got := b.dynamicMaxconn(s); got != step.max {
			t.Errorf("at +%ds: dynamic maxconn %d, want %d", step.elapsed, got, step.max)
		}
		if got := s.State(); got != step.state {
			t.Errorf("at +%ds: state %d, want %d", step.elapsed, got, step.state)
		}
		if got := b.TotalWeight(); got != 16+want {
			t.Errorf("at +%ds: total weight %d, want %d", step.elapsed, got, 16+want)
		}
	}
	// Static algorithms have no ramp.
	clk.t = time.Unix(2_000_000, 0)
	st := newBackend(t, "static-rr", []ServerConfig{{Name: "a", Weight: 2, Slowstart: 10 * time.Second}}, Options{Now: clk.now})
	a := st.Server("a")
	st.SetMaint(a, true)
	st.SetMaint(a, false)
	if a.EffectiveWeight() != 1 { // weight 2 / gcd 2
		t.Errorf("static-rr: weight %d right after maintenance, want the full 1", a.EffectiveWeight())
	}
}

// minconn grows to maxconn as the backend fills up to fullconn
// (configuration.txt, "fullconn").
func TestDynamicMaxconn(t *testing.T) {
	b := newBackend(t, "roundrobin", []ServerConfig{{Name: "a", Weight: 1, Minconn: 10, Maxconn: 100}}, Options{Fullconn: 1000})
	s := b.Server("a")
	for beconn, want := range map[int]int{0: 10, 50: 10, 200: 20, 500: 50, 999: 99, 1000: 100, 5000: 100} {
		b.beconn = beconn
		if got := b.dynamicMaxconn(s); got != want {
			t.Errorf("with %d streams: maxconn %d, want %d", beconn, got, want)
		}
	}
	// Only minconn: it becomes maxconn.
	b2 := newBackend(t, "roundrobin", []ServerConfig{{Name: "a", Weight: 1, Minconn: 30}}, Options{Fullconn: 1000})
	if got := b2.Server("a").Maxconn(); got != 30 {
		t.Errorf("minconn alone gives maxconn %d, want 30", got)
	}
}

func TestSetWeightStatic(t *testing.T) {
	b := newBackend(t, "static-rr", []ServerConfig{{Name: "a", Weight: 2}, {Name: "b", Weight: 1}}, Options{})
	a := b.Server("a")
	if err := b.SetWeight(a, 3); err != ErrStaticWeight {
		t.Errorf("set weight 3 on static-rr: %v, want %v", err, ErrStaticWeight)
	}
	if err := b.SetWeight(a, 0); err != nil || a.Usable() {
		t.Errorf("set weight 0: %v, usable %v", err, a.Usable())
	}
	if err := b.SetWeight(a, 2); err != nil || !a.Usable() {
		t.Errorf("set weight back to 2: %v, usable %v", err, a.Usable())
	}
	if err := b.SetWeight(a, 257); err == nil {
		t.Error("set weight 257 accepted")
	}
}

// Pick's statuses and the server to avoid.
func TestPickStatusAndAvoid(t *testing.T) {
	for _, balance := range []string{"roundrobin", "static-rr", "leastconn", "first", "uri", "random"} {
		b := newBackend(t, balance, []ServerConfig{{Name: "a", Weight: 1, Maxconn: 1}, {Name: "b", Weight: 1, Maxconn: 1}}, Options{})
		a, bb := b.Server("a"), b.Server("b")
		req := &Request{URI: []byte("/x")}
		for range 4 {
			s, st := b.Pick(req, a)
			if st != OK || (s != bb && balance != "uri") {
				t.Errorf("%s: avoiding a picked %v (%v)", balance, s, st)
			}
		}
		b.Take(bb)
		if s, st := b.Pick(req, a); st != OK || s != a {
			if balance != "uri" && balance != "random" {
				t.Errorf("%s: with b full, avoiding a still picks it: got %v (%v)", balance, s, st)
			}
		}
		b.Take(a)
		if s, st := b.Pick(nil, nil); st != Full && balance != "uri" {
			t.Errorf("%s: all full: got %v (%v), want full", balance, s, st)
		}
		b.SetMaint(a, true)
		b.SetMaint(bb, true)
		if s, st := b.Pick(req, nil); st != NoServer {
			t.Errorf("%s: all in maintenance: got %v (%v), want no server", balance, s, st)
		}
	}
}

// A backend queue that does not hold every stream means the servers are
// full for roundrobin, static-rr and first (src/backend.c, assign_server).
func TestBackendQueue(t *testing.T) {
	b := newBackend(t, "roundrobin", []ServerConfig{{Name: "a", Weight: 1}}, Options{})
	b.Enter()
	b.Enter()
	b.Queue(nil)
	if _, st := b.Pick(nil, nil); st != Full {
		t.Errorf("with a queue: %v, want full", st)
	}
	b.Leave()
	if _, st := b.Pick(nil, nil); st != OK {
		t.Errorf("queue holding every stream: %v, want ok", st)
	}
}

// "balance random" keeps the least loaded of its draws. With one of two
// servers busy, a single draw lands on the idle one with the share p of
// the ring its occurrences own; k draws miss it only if all do, so it is
// chosen 1-(1-p)^k of the time.
func TestRandomDraws(t *testing.T) {
	share := func(balance string) float64 {
		b := newBackend(t, balance, []ServerConfig{{Name: "busy", Weight: 1}, {Name: "idle", Weight: 1}}, Options{Seed: 12345})
		busy := b.Server("busy")
		for range 10 {
			b.Take(busy)
		}
		idle := 0
		const n = 20000
		for range n {
			if s, _ := b.Pick(nil, nil); s.Name() == "idle" {
				idle++
			}
		}
		return float64(idle) / n
	}
	p := share("random(1)")
	if p < 0.3 || p > 0.7 {
		t.Fatalf("one draw chooses the idle server %.3f of the time: the ring is lopsided", p)
	}
	for k, balance := range map[int]string{2: "random", 3: "random(3)", 5: "random(5)"} {
		want := 1 - math.Pow(1-p, float64(k))
		if got := share(balance); math.Abs(got-want) > 0.02 {
			t.Errorf("%s: idle server chosen %.3f of the time, want %.3f", balance, got, want)
		}
	}
}

// TestConcurrentUse runs picks, connection accounting and state changes
// at once; run with -race.
func TestConcurrentUse(t *testing.T) {
	for _, balance := range []string{"roundrobin", "leastconn", "uri", "random"} {
		var spec Spec
		spec.SetBalance(strings.Fields(balance))
		spec.Consistent = true
		b, err := New(spec, []ServerConfig{{Name: "a", Weight: 1}, {Name: "b", Weight: 2}, {Name: "c", Weight: 3}}, Options{})
		if err != nil {
			t.Fatal(err)
		}
		var wg sync.WaitGroup
		for g := range 4 {
			wg.Add(1)
			go func() {
				defer wg.Done()
				req := &Request{URI: []byte{'/', byte('a' + g)}}
				for range 2000 {
					if s, st := b.Pick(req, nil); st == OK {
						b.Take(s)
						_ = s.Served()
						b.Release(s)
					}
				}
			}()
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			c := b.Server("c")
			for i := range 200 {
				b.SetWeight(c, 1+i%5)
				b.SetMaint(b.Server("a"), i%2 == 0)
				b.SetDrain(b.Server("b"), i%3 == 0)
			}
		}()
		wg.Wait()
		for _, s := range b.Servers() {
			if s.Served() != 0 {
				t.Errorf("%s: server %s left with %d connections", balance, s.Name(), s.Served())
			}
		}
	}
}
