package check

import (
	"strings"
	"sync"
	"testing"
	"time"

	"hakeep/proxy"
)

// recorder is a Target recording what load balancing is told.
type recorder struct {
	st      []LBStatus
	maxconn int
	killed  int
}

func (r *recorder) SetStatus(st LBStatus) { r.st = append(r.st, st) }
func (r *recorder) SetMaxconn(n int)      { r.maxconn = n }
func (r *recorder) ShutdownSessions()     { r.killed++ }
func (r *recorder) last() LBStatus        { return r.st[len(r.st)-1] }

// Maintenance pauses the health check; leaving it brings the server up at
// once with its health at rise, so that the first failure takes it down.
func TestMaintInterplay(t *testing.T) {
	cfg := testConfig(testBackend("be", testServer("s1", 1)))
	h := newHarness(t, cfg, map[string]script{"be/s1": seq(pass(StatusL4OK), refused)})
	s := h.m.Server("be", "s1")
	rec := &recorder{}
	s.SetTarget(rec)
	// the first check ran at start (position 0): OK
	if err := s.SetAdmin("maint"); err != nil {
		t.Fatal(err)
	}
	if st := s.Stats(); st.Status != "MAINT" || st.Check.Shown {
		t.Errorf("in maintenance: %+v", st)
	}
	if l := rec.last(); !l.Maint || l.State != StateStopped {
		t.Errorf("target: %+v", l)
	}
	h.runUntil(3000) // paused: no probe
	if n := len(h.probeTimes()); n != 1 {
		t.Errorf("%d probes during maintenance", n)
	}
	s.SetAdmin("ready")
	if st := s.Stats(); st.Status != "UP 1/3" || st.Check.Health != 2 {
		t.Errorf("after ready: %+v", st)
	}
	h.step()
	equalLines(t, "logs", h.logLines(), []string{
		`<1> Server be/s1 is going DOWN for maintenance. 0 active and 0 backup servers left. 0 sessions active, 0 requeued, 0 remaining in queue.`,
		`<0> backend be has no server available!`,
		`<5> Server be/s1 is UP/READY (leaving forced maintenance).`,
		`<1> Server be/s1 is DOWN, reason: Layer4 connection problem, info: "Connection refused", check duration: 0ms. 0 active and 0 backup servers left. 0 sessions active, 0 requeued, 0 remaining in queue.`,
		`<0> backend be has no server available!`,
	})
}

// "disabled" starts in maintenance with checks paused.
func TestDisabledServer(t *testing.T) {
	cfg := testConfig(testBackend("be", testServer("s1", 1, func(s *proxy.Server) { s.Disabled = true })))
	h := newHarness(t, cfg, nil)
	h.runUntil(2500)
	if n := len(h.probeTimes()); n != 0 {
		t.Errorf("%d probes on a disabled server", n)
	}
	s := h.m.Server("be", "s1")
	if st := s.Stats(); st.Status != "MAINT" {
		t.Errorf("status %q", st.Status)
	}
	s.SetAdmin("ready")
	if st := s.Stats(); st.Status != "UP 1/3" {
		t.Errorf("after ready %q", st.Status)
	}
	equalLines(t, "logs", h.logLines(), []string{`<5> Server be/s1 is UP/READY (leaving forced maintenance).`})
}

// A tracking server follows the tracked one, announced "via"; maintenance
// is inherited.
func TestTrack(t *testing.T) {
	s1 := testServer("s1", 1)
	s2 := testServer("s2", 2, func(s *proxy.Server) { s.Check.Enabled = false; s.Track = "s1" })
	s2.TrackServer = s1
	other := testServer("o1", 3, func(s *proxy.Server) { s.Check.Enabled = false; s.Track = "be/s1" })
	other.TrackServer = s1
	cfg := testConfig(testBackend("be", s1, s2), testBackend("be2", other))
	h := newHarness(t, cfg, map[string]script{"be/s1": seq(refused, refused, pass(StatusL4OK))})
	h.step()
	// trackers are told in reverse order of declaration, as 2.6 links them
	equalLines(t, "logs", h.logLines(), []string{
		`<1> Server be/s1 is DOWN, reason: Layer4 connection problem, info: "Connection refused", check duration: 0ms. 1 active and 0 backup servers left. 0 sessions active, 0 requeued, 0 remaining in queue.`,
		`<1> Server be2/o1 is DOWN via be/s1. 0 active and 0 backup servers left. 0 sessions active, 0 requeued, 0 remaining in queue.`,
		`<0> backend be2 has no server available!`,
		`<1> Server be/s2 is DOWN via be/s1. 0 active and 0 backup servers left. 0 sessions active, 0 requeued, 0 remaining in queue.`,
		`<0> backend be has no server available!`,
	})
	if st := h.m.Server("be", "s2").Stats(); st.Status != "DOWN" || st.Tracked != "be/s1" || st.Check.Shown {
		t.Errorf("tracker stats %+v", st)
	}
	h.m.Server("be", "s1").SetAdmin("maint")
	if st := h.m.Server("be2", "o1").Stats(); st.Status != "MAINT (via be/s1)" {
		t.Errorf("inherited maintenance: %q", st.Status)
	}
}

// Agent replies change weight, administrative state and health.
func TestAgentReplies(t *testing.T) {
	cases := []struct {
		reply    string
		status   string
		desc     string
		weight   int
		server   string
		logs     []string
		backends func(*proxy.Proxy)
	}{
		{reply: "up", status: "L7OK", desc: "via agent : up", weight: 10, server: "no check"},
		{reply: "50%", status: "CHECKED", desc: "", weight: 5, server: "no check"},
		{reply: "up 75% # all good", status: "L7OK", desc: "via agent : up (all good)", weight: 7, server: "no check"},
		{reply: "down # disk full", status: "L7STS", desc: "via agent : down (disk full)", weight: 10, server: "DOWN (agent)",
			logs: []string{`<1> Server be/s1 is DOWN, reason: Layer7 wrong status, code: 0, info: "via agent : down (disk full)", check duration: 0ms. 0 active and 0 backup servers left. 0 sessions active, 0 requeued, 0 remaining in queue.`, `<0> backend be has no server available!`}},
		{reply: "stopped", status: "L7STS", desc: "via agent : stopped", weight: 10, server: "DOWN (agent)"},
		{reply: "fail", status: "L7STS", desc: "via agent : fail", weight: 10, server: "DOWN (agent)"},
		{reply: "drain", status: "CHECKED", desc: "", weight: 10, server: "DRAIN (agent)",
			logs: []string{`<5> Server be/s1 enters drain state. 0 active and 0 backup servers online. 0 sessions requeued, 0 total in queue.`, `<0> backend be has no server available!`}},
		{reply: "maint", status: "CHECKED", desc: "", weight: 10, server: "MAINT"},
		{reply: "ready", status: "CHECKED", desc: "", weight: 10, server: "no check"},
		{reply: "maxconn:30", status: "CHECKED", desc: "", weight: 10, server: "no check"},
		{reply: "bogus", status: "CHECKED", desc: "agent reports an error : bogus", weight: 10, server: "no check"},
		{reply: "up bogus", status: "L7OK", desc: "via agent : up (bogus)", weight: 10, server: "no check"},
		{reply: "-5%", status: "CHECKED", desc: "agent reports an error : -5%", weight: 10, server: "no check"},
		{reply: "UP,50%", status: "L7OK", desc: "via agent : UP", weight: 5, server: "no check"},
		{reply: "200%", status: "CHECKED", desc: "", weight: 20, server: "no check"},
		{reply: "50%", status: "CHECKED", desc: "agent warns : Backend is using a static LB algorithm and only accepts weights '0%' and '100%'.\n",
			weight: 10, server: "no check", backends: func(p *proxy.Proxy) { p.Balance.Algo = proxy.BalanceStaticRR }},
		{reply: "0%", status: "CHECKED", desc: "", weight: 0, server: "no check", backends: func(p *proxy.Proxy) { p.Balance.Algo = proxy.BalanceStaticRR },
			logs: []string{`<0> backend be has no server available!`}},
	}
	for _, tc := range cases {
		t.Run(tc.reply, func(t *testing.T) {
			srv := testServer("s1", 1, func(s *proxy.Server) {
				s.Weight = 10
				s.Check.Enabled = false
				s.Agent = proxy.AgentCheck{Enabled: true, Port: 2, Inter: time.Second}
			})
			px := testBackend("be", srv)
			if tc.backends != nil {
				tc.backends(px)
			}
			line := tc.reply
			h := newHarness(t, testConfig(px), map[string]script{"be/s1 agent": func(int, probeState) outcome { return outcome{agentLine: &line} }})
			s := h.m.Server("be", "s1")
			rec := &recorder{}
			s.SetTarget(rec)
			h.step()
			st := s.Stats()
			if st.Agent.Status != tc.status || st.Agent.Last != tc.desc || st.Weight != tc.weight || st.Status != tc.server {
				t.Errorf("agent %q: status %q desc %q weight %d server %q", tc.reply, st.Agent.Status, st.Agent.Last, st.Weight, st.Status)
			}
			if tc.reply == "maxconn:30" && rec.maxconn != 30 {
				t.Errorf("maxconn %d", rec.maxconn)
			}
			if tc.logs != nil {
				equalLines(t, "logs", h.logLines(), tc.logs)
			}
		})
	}
}

// An agent that cannot be reached does not take the server down.
func TestAgentUnreachable(t *testing.T) {
	srv := testServer("s1", 1, func(s *proxy.Server) {
		s.Check.Enabled = false
		s.Agent = proxy.AgentCheck{Enabled: true, Port: 2, Inter: time.Second}
	})
	h := newHarness(t, testConfig(testBackend("be", srv)), map[string]script{"be/s1 agent": seq(refused)})
	h.runUntil(3000)
	st := h.m.Server("be", "s1").Stats()
	if st.Status != "no check" || st.Agent.Status != "L4CON" || st.Agent.Health != 1 {
		t.Errorf("%+v", st)
	}
}

// "observe layer7" with "error-limit" and "on-error".
func TestObserve(t *testing.T) {
	for _, tc := range []struct {
		onError string
		status  string
		health  int
	}{
		// the server is fully up (its first check passed at start)
		{"fastinter", "UP", 4},
		{"fail-check", "UP 2/3", 3},
		{"mark-down", "DOWN", 0},
		{"sudden-death", "UP 1/3", 2},
	} {
		t.Run(tc.onError, func(t *testing.T) {
			srv := testServer("s1", 1, func(s *proxy.Server) {
				s.Observe, s.ErrorLimit, s.OnError = "layer7", 2, tc.onError
				s.Check.FastInter = 100 * time.Millisecond
			})
			h := newHarness(t, testConfig(testBackend("be", srv)), nil)
			s := h.m.Server("be", "s1")
			s.Observe(EventHTTPStatus)
			s.Observe(EventHTTPOK) // a success resets the count
			s.Observe(EventHTTPStatus)
			s.Observe(EventL4OK) // ignored by layer7
			s.Observe(EventHTTPStatus)
			st := s.Stats()
			if st.Status != tc.status || st.Check.Health != tc.health || st.HanaFail != 1 {
				t.Errorf("%+v", st)
			}
			if tc.onError != "fastinter" {
				if st.Check.Status != "HANA" || st.Check.Last != "Detected 2 consecutive errors, last one was: Wrong http response" {
					t.Errorf("check %+v", st.Check)
				}
			}
		})
	}
}

// The runtime API hooks.
func TestRuntimeHooks(t *testing.T) {
	srv := testServer("s1", 1)
	h := newHarness(t, testConfig(testBackend("be", srv, testServer("s2", 2, func(s *proxy.Server) { s.Check.Enabled = false }))), nil)
	s := h.m.Server("be", "s1")
	if _, err := s.SetHealth("down"); err != nil {
		t.Fatal(err)
	}
	if _, err := s.SetHealth("sideways"); err == nil {
		t.Error("bad health accepted")
	}
	s.SetHealth("stopping")
	if st := s.Stats(); st.Status != "NOLB" {
		t.Errorf("stopping: %q", st.Status)
	}
	s.SetHealth("up")
	equalLines(t, "logs", h.logLines(), []string{
		`<1> Server be/s1 is DOWN, changed from CLI. 1 active and 0 backup servers left. 0 sessions active, 0 requeued, 0 remaining in queue.`,
		`<5> Server be/s1 is stopping, changed from CLI. 1 active and 0 backup servers online. 0 sessions requeued, 0 total in queue.`,
		`<5> Server be/s1 is UP, changed from CLI. 2 active and 0 backup servers online. 0 sessions requeued, 0 total in queue.`,
	})
	if err := h.m.Server("be", "s2").EnableHealth(); err == nil || !strings.Contains(err.Error(), "not configured") {
		t.Errorf("enable health on unchecked server: %v", err)
	}
	s.DisableHealth()
	if st := s.Stats(); st.Status != "no check" || st.Check.Shown || st.Counters {
		t.Errorf("disabled health: %+v", st)
	}
	before := len(h.probeTimes())
	h.runUntil(3000)
	if n := len(h.probeTimes()) - before; n != 0 {
		t.Errorf("%d probes with health disabled", n)
	}
	s.EnableHealth()
	if err := s.SetCheckPort("70000"); err == nil {
		t.Error("bad port accepted")
	}
	s.SetCheckPort("8081")
	if s.check.probe.port != 8081 {
		t.Error("check port not set")
	}
	if err := s.SetWeight("300"); err == nil {
		t.Error("bad weight accepted")
	}
	s.SetWeight("50%")
	if st := s.Stats(); st.Weight != 0 {
		t.Errorf("weight %d (initial 1 * 50%%)", st.Weight)
	}
	if w, _ := s.SetAgent("up"); !strings.Contains(w, "not enabled") {
		t.Errorf("agent warning %q", w)
	}
}

// X-Haproxy-Server-State as 2.6 builds it ("http-check send-state"): the
// first check sees the server "UP 1/3" (health at rise), the next "UP".
func TestStateHeader(t *testing.T) {
	srv := testServer("s1", 8080, func(s *proxy.Server) { s.Weight = 7 })
	px := testBackend("b4", srv, testServer("s2", 8081, func(s *proxy.Server) { s.Backup = true; s.Check.Enabled = false }))
	px.Check.Type = proxy.CheckHTTP
	px.Check.Rules = []*proxy.CheckRule{{Keyword: "http-check", Action: "send-state"}}
	var seen []string
	var mu sync.Mutex
	h := newHarness(t, testConfig(px), map[string]script{"b4/s1": func(n int, st probeState) outcome {
		mu.Lock()
		seen = append(seen, st.stateHeader)
		mu.Unlock()
		return pass(StatusL7OK)
	}})
	s := h.m.Server("b4", "s1")
	h.step()
	mu.Lock()
	defer mu.Unlock()
	equalLines(t, "headers", seen, []string{
		"UP 1/3; address=127.0.0.1; port=8080; name=b4/s1; node=testnode; weight=7/7; scur=0/0; qcur=0",
		"UP; address=127.0.0.1; port=8080; name=b4/s1; node=testnode; weight=7/7; scur=0/0; qcur=0",
	})
	s.SetHealth("down")
	// with s1 down the backup s2 carries the backend weight
	if got, want := s.stateHeader(), "DOWN; address=127.0.0.1; port=8080; name=b4/s1; node=testnode; weight=7/1; scur=0/0; qcur=0"; got != want {
		t.Errorf("down:\n got %q\nwant %q", got, want)
	}
	s.check.health = 1
	if got := s.stateHeader(); !strings.HasPrefix(got, "DOWN 1/2;") {
		t.Errorf("going up: %q", got)
	}
}

// A server coming back with a slowstart is STARTING, then RUNNING once
// the slowstart is over, which 2.6 announces again (server_warmup()).
func TestSlowstartWarmup(t *testing.T) {
	srv := testServer("s1", 1, func(s *proxy.Server) { s.SlowStart = 2 * time.Second; s.Check.Rise, s.Check.Fall = 1, 1 })
	h := newHarness(t, testConfig(testBackend("be", srv)), map[string]script{"be/s1": seq(pass(StatusL4OK), refused, pass(StatusL4OK))})
	h.step() // 1000: DOWN
	h.step() // 2000: UP, starting
	s := h.m.Server("be", "s1")
	if st := s.Stats(); st.State != StateStarting || st.Status != "UP" {
		t.Fatalf("after coming up: %+v", st)
	}
	h.runUntil(4000)
	if st := s.Stats(); st.State != StateRunning {
		t.Fatalf("slowstart over: state %v", st.State)
	}
	equalLines(t, "logs", h.logLines(), []string{
		`<1> Server be/s1 is DOWN, reason: Layer4 connection problem, info: "Connection refused", check duration: 0ms. 0 active and 0 backup servers left. 0 sessions active, 0 requeued, 0 remaining in queue.`,
		`<0> backend be has no server available!`,
		`<5> Server be/s1 is UP, reason: Layer4 check passed, check duration: 0ms. 1 active and 0 backup servers online. 0 sessions requeued, 0 total in queue.`,
		`<5> Server be/s1 is UP. 1 active and 0 backup servers online. 0 sessions requeued, 0 total in queue.`,
	})
}
