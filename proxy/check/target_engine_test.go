package check

import (
	"testing"

	"hakeep/proxy"
	"hakeep/proxy/backend"
	"hakeep/proxy/balance"
)

// The checks drive proxy/balance through EngineTarget: a server marked
// DOWN, drained or weighted differently is seen so by load balancing.
func TestEngineTarget(t *testing.T) {
	px := testBackend("be", testServer("s1", 1), testServer("s2", 2, func(s *proxy.Server) { s.Check.Enabled = false }))
	be, err := backend.New(px, backend.Options{Fullconn: 10})
	if err != nil {
		t.Fatal(err)
	}
	h := newHarness(t, testConfig(px), map[string]script{"be/s1": seq(refused, pass(StatusL4OK))})
	Attach(h.m, []*backend.Backend{be})
	lb := be.Server("s1").LB
	// the first check (at start) failed before Attach: the state is
	// handed over when the target is plugged in
	if lb.Usable() || lb.State() != balance.Stopped {
		t.Fatalf("s1 usable %v state %v after a failed check", lb.Usable(), lb.State())
	}
	h.step()
	h.step()
	if !lb.Usable() {
		t.Fatalf("s1 not usable after rise checks")
	}
	s := h.m.Server("be", "s1")
	s.SetAdmin("drain")
	if lb.Usable() {
		t.Error("drained server still usable")
	}
	s.SetAdmin("ready")
	s.SetWeight("0")
	if lb.Usable() || lb.Weight() != 0 {
		t.Errorf("weight 0: usable %v weight %d", lb.Usable(), lb.Weight())
	}
	s.SetWeight("1")
	s.SetAdmin("maint")
	if lb.Usable() {
		t.Error("server in maintenance still usable")
	}
	s.SetAdmin("ready")
	if !lb.Usable() {
		t.Error("server back from maintenance not usable")
	}
	if be.LB.UsableServers() != 2 {
		t.Errorf("usable servers %d", be.LB.UsableServers())
	}
}
