package check

import (
	"testing"
	"time"

	"hakeep/proxy"
)

// The first checks are spread over the smallest interval (start_checks()):
// position * mininter / number of checks, agents counted after their
// server's health check.
func TestStartSpread(t *testing.T) {
	cfg := testConfig(
		testBackend("b1", testServer("s1", 1), testServer("s2", 2)),
		testBackend("b2", testServer("s3", 3, func(s *proxy.Server) { s.Agent = proxy.AgentCheck{Enabled: true, Port: 9, Inter: 2 * time.Second} })))
	h := newHarness(t, cfg, nil)
	h.runUntil(1000)
	// mininter 1000 ms and 4 checks: 0, 250, 500; the agent's own
	// interval (2 s) is its floor: 2000*3/4 = 1500 ms
	equalLines(t, "probes", h.probeTimes(), []string{"0 b1/s1", "250 b1/s2", "500 b2/s3", "1000 b1/s1"})
	h.runUntil(1500)
	equalLines(t, "probes", h.probeTimes()[4:], []string{"1250 b1/s2", "1500 b2/s3", "1500 b2/s3 agent"})
}

// "max-spread-checks" caps the spreading interval; "spread-checks" adds
// +/- percent jitter to each interval (section 3.2).
func TestSpreadChecksAndMax(t *testing.T) {
	cfg := testConfig(testBackend("b", testServer("s1", 1, func(s *proxy.Server) { s.Check.Inter = 10 * time.Second }),
		testServer("s2", 2, func(s *proxy.Server) { s.Check.Inter = 10 * time.Second })))
	cfg.Global.MaxSpreadChecks = 2 * time.Second
	cfg.Global.SpreadChecks = 10
	// rand = 0 adds the whole +10%
	h := newHarness(t, cfg, nil, func(o *Options) { o.Rand = func() uint32 { return 0 } })
	h.runUntil(12000)
	equalLines(t, "probes", h.probeTimes(), []string{"0 b/s1", "1000 b/s2", "11000 b/s1", "12000 b/s2"})
}

// A server starts UP with its health at rise: one failure brings it down
// (fall is counted from a full health only). Intervals follow the
// health: inter while fully up, fastinter in transitions, downinter while
// down.
func TestRiseFallIntervals(t *testing.T) {
	cfg := testConfig(testBackend("be", testServer("s1", 1, func(s *proxy.Server) {
		s.Check.FastInter, s.Check.DownInter = 200*time.Millisecond, 5*time.Second
	})))
	ok := pass(StatusL4OK)
	h := newHarness(t, cfg, map[string]script{"be/s1": seq(ok, refused, refused, refused, refused, ok, ok, ok)})
	h.runUntil(13000)
	equalLines(t, "probes", h.probeTimes(), []string{
		"0 be/s1",     // health 2 -> 4, full: inter
		"1000 be/s1",  // fail: 3, fastinter
		"1200 be/s1",  // fail: 2
		"1400 be/s1",  // fail: DOWN, downinter
		"6400 be/s1",  // fail while down
		"11400 be/s1", // success: 1/2, fastinter
		"11600 be/s1", // UP: inter
		"12600 be/s1",
	})
	equalLines(t, "logs", h.logLines(), []string{
		`<1> Server be/s1 is DOWN, reason: Layer4 connection problem, info: "Connection refused", check duration: 0ms. 0 active and 0 backup servers left. 0 sessions active, 0 requeued, 0 remaining in queue.`,
		`<0> backend be has no server available!`,
		`<5> Server be/s1 is UP, reason: Layer4 check passed, check duration: 0ms. 1 active and 0 backup servers online. 0 sessions requeued, 0 total in queue.`,
	})
	equalLines(t, "stderr", h.stderrLines(), []string{
		`[WARNING]  (42) : Server be/s1 is DOWN, reason: Layer4 connection problem, info: "Connection refused", check duration: 0ms. 0 active and 0 backup servers left. 0 sessions active, 0 requeued, 0 remaining in queue.`,
		`[ALERT]    (42) : backend 'be' has no server available!`,
		`[WARNING]  (42) : Server be/s1 is UP, reason: Layer4 check passed, check duration: 0ms. 1 active and 0 backup servers online. 0 sessions requeued, 0 total in queue.`,
	})
	st := h.m.Server("be", "s1").Stats()
	// the failure seen while already down does not count (health was 0)
	if st.Status != "UP" || st.ChkFail != 3 || st.ChkDown != 1 || st.Check.Health != 4 {
		t.Errorf("stats: %+v", st)
	}
}

// Without "option log-health-checks" nothing is logged while a server
// stays up; with it, each change of health or status is, and the state
// change then carries no reason (it was already logged).
func TestLogHealthChecks(t *testing.T) {
	px := testBackend("be", testServer("s1", 1), testServer("s2", 2, func(s *proxy.Server) { s.Backup = true }))
	px.Options.LogHealthChecks = true
	ok := pass(StatusL4OK)
	h := newHarness(t, testConfig(px), map[string]script{
		"be/s1": seq(ok, refused, ok, refused, refused),
		"be/s2": seq(ok, ok, ok, ok, refused),
	})
	h.runUntil(4600)
	equalLines(t, "logs", h.logLines(), []string{
		`<5> Health check for server be/s1 succeeded, reason: Layer4 check passed, check duration: 0ms, status: 3/3 UP.`,
		`<5> Health check for backup server be/s2 succeeded, reason: Layer4 check passed, check duration: 0ms, status: 3/3 UP.`,
		`<5> Health check for server be/s1 failed, reason: Layer4 connection problem, info: "Connection refused", check duration: 0ms, status: 2/3 UP.`,
		`<5> Health check for server be/s1 succeeded, reason: Layer4 check passed, check duration: 0ms, status: 3/3 UP.`,
		`<5> Health check for server be/s1 failed, reason: Layer4 connection problem, info: "Connection refused", check duration: 0ms, status: 2/3 UP.`,
		`<5> Health check for server be/s1 failed, reason: Layer4 connection problem, info: "Connection refused", check duration: 0ms, status: 1/3 UP.`,
		`<5> Health check for backup server be/s2 failed, reason: Layer4 connection problem, info: "Connection refused", check duration: 0ms, status: 2/3 UP.`,
	})
	h.runUntil(5600)
	equalLines(t, "logs", h.logLines()[7:], []string{
		`<5> Health check for server be/s1 failed, reason: Layer4 connection problem, info: "Connection refused", check duration: 0ms, status: 0/2 DOWN.`,
		`<1> Server be/s1 is DOWN. 0 active and 1 backup servers left. Running on backup. 0 sessions active, 0 requeued, 0 remaining in queue.`,
		`<5> Health check for backup server be/s2 failed, reason: Layer4 connection problem, info: "Connection refused", check duration: 0ms, status: 1/3 UP.`,
	})
}

// The backup prefix, "Running on backup" and the backend alert.
func TestBackupMessages(t *testing.T) {
	cfg := testConfig(testBackend("be", testServer("s1", 1), testServer("s2", 2, func(s *proxy.Server) { s.Backup = true })))
	h := newHarness(t, cfg, map[string]script{"be/s1": seq(refused), "be/s2": seq(refused)})
	h.runUntil(600)
	equalLines(t, "stderr", h.stderrLines(), []string{
		`[WARNING]  (42) : Server be/s1 is DOWN, reason: Layer4 connection problem, info: "Connection refused", check duration: 0ms. 0 active and 1 backup servers left. Running on backup. 0 sessions active, 0 requeued, 0 remaining in queue.`,
		`[WARNING]  (42) : Backup Server be/s2 is DOWN, reason: Layer4 connection problem, info: "Connection refused", check duration: 0ms. 0 active and 0 backup servers left. 0 sessions active, 0 requeued, 0 remaining in queue.`,
		`[ALERT]    (42) : backend 'be' has no server available!`,
	})
	if st := h.m.Backend("be").Stats(); st.ChkDown != 1 || st.Act != 0 || st.Bck != 0 {
		t.Errorf("backend stats %+v", st)
	}
}

// A check's duration is measured on the clock: begin to result.
func TestDurationOnClock(t *testing.T) {
	cfg := testConfig(testBackend("be", testServer("s1", 1)))
	h := newHarness(t, cfg, nil)
	s := h.m.Server("be", "s1")
	s.check.probe.scripted = func(st probeState) outcome {
		h.clk.mu.Lock()
		h.clk.now = h.clk.now.Add(37 * time.Millisecond)
		h.clk.mu.Unlock()
		return refused
	}
	h.step()
	if d := s.Stats().Check.Duration; d != 37 {
		t.Fatalf("duration %d, want 37", d)
	}
}

// A listen section is a "proxy" in the alert.
func TestListenAlert(t *testing.T) {
	px := testBackend("web", testServer("s1", 1))
	px.Cap = proxy.CapListen
	h := newHarness(t, testConfig(px), map[string]script{"web/s1": seq(refused)})
	h.runUntil(10)
	if l := h.stderrLines(); len(l) != 2 || l[1] != "[ALERT]    (42) : proxy 'web' has no server available!" {
		t.Errorf("stderr %q", l)
	}
	if l := h.logLines(); len(l) != 2 || l[1] != "<0> proxy web has no server available!" {
		t.Errorf("logs %q", l)
	}
}
