package lvs

import (
	"net/netip"
	"testing"

	"hakeep/ipvs"
)

// quorum and hysteresis: the quorum is gained at quorum+hysteresis and
// lost below quorum-hysteresis.
func TestQuorumHysteresis(t *testing.T) {
	h := newHarness(t, &Config{VirtualServers: []*VirtualServer{vsTCP(3, func(vs *VirtualServer) {
		vs.Quorum, vs.Hysteresis = 3, 1
		for _, rs := range vs.RealServers {
			rs.Checkers[0].Retry = 0
		}
		vs.QuorumUp = &Script{Args: []string{"/up"}}
		vs.QuorumDown = &Script{Args: []string{"/down"}}
	})}})
	h.start()
	// Weights 1, 2, 3: 6 >= 4.
	h.wantLog(
		"Gained quorum 3+1=4 <= 6 for VS [10.0.0.1]:tcp:80",
		"Activating healthchecker for service [10.0.1.1]:tcp:80 for VS [10.0.0.1]:tcp:80",
		"Activating healthchecker for service [10.0.1.2]:tcp:80 for VS [10.0.0.1]:tcp:80",
		"Activating healthchecker for service [10.0.1.3]:tcp:80 for VS [10.0.0.1]:tcp:80",
		"Activating BFD healthchecker")
	if got := h.note.take(); len(got) != 2 || got[0] != "script /up" || got[1] != "fifo VS [10.0.0.1]:tcp:80 UP" {
		t.Errorf("notifications %q", got)
	}
	// 3 left: not below 3-1=2.
	h.runAll(ok, ok, refused)
	h.wantLog(
		"TCP connection to [10.0.1.1]:tcp:80 success.",
		"TCP connection to [10.0.1.2]:tcp:80 success.",
		"TCP_CHECK on service [10.0.1.3]:tcp:80 failed.",
		"Removing service [10.0.1.3]:tcp:80 from VS [10.0.0.1]:tcp:80")
	// 1 left: lost.
	h.runAll(ok, refused, refused)
	h.wantLog(
		"TCP_CHECK on service [10.0.1.2]:tcp:80 failed.",
		"Removing service [10.0.1.2]:tcp:80 from VS [10.0.0.1]:tcp:80",
		"Lost quorum 3-1=2 > 1 for VS [10.0.0.1]:tcp:80")
	h.note.take()
	// 3 back: not yet 4.
	h.runAll(ok, ok, refused)
	h.wantLog(
		"TCP connection to [10.0.1.2]:tcp:80 success.",
		"Adding service [10.0.1.2]:tcp:80 to VS [10.0.0.1]:tcp:80")
	h.runAll(ok, ok, ok)
	h.wantLog(
		"TCP connection to [10.0.1.3]:tcp:80 success.",
		"Adding service [10.0.1.3]:tcp:80 to VS [10.0.0.1]:tcp:80",
		"Gained quorum 3+1=4 <= 6 for VS [10.0.0.1]:tcp:80")
}

// The sorry server replaces the live servers while the quorum is lost.
func TestSorryServer(t *testing.T) {
	h := newHarness(t, &Config{VirtualServers: []*VirtualServer{vsTCP(2, func(vs *VirtualServer) {
		vs.Quorum = 2
		vs.SorryServer = &RealServer{Addr: netip.MustParseAddrPort("10.0.9.9:80"), Weight: 1, Method: ipvs.DRoute}
	})}})
	h.start()
	h.log.take()
	h.runAll(refused, ok)
	h.wantLog(
		"TCP_CHECK on service [10.0.1.1]:tcp:80 failed.",
		"Removing service [10.0.1.1]:tcp:80 from VS [10.0.0.1]:tcp:80",
		"TCP connection to [10.0.1.2]:tcp:80 success.")
	h.runAll(ok, refused)
	h.step(map[byte]Result{2: refused})
	h.wantLog(
		"TCP connection to [10.0.1.1]:tcp:80 success.",
		"Adding service [10.0.1.1]:tcp:80 to VS [10.0.0.1]:tcp:80",
		"TCP_CHECK on service [10.0.1.2]:tcp:80 failed after 1 retries.",
		"Removing service [10.0.1.2]:tcp:80 from VS [10.0.0.1]:tcp:80",
		"Lost quorum 2-0=2 > 1 for VS [10.0.0.1]:tcp:80",
		"Adding sorry server [10.0.9.9]:tcp:80 to VS [10.0.0.1]:tcp:80",
		"Removing alive servers from the pool for VS [10.0.0.1]:tcp:80")
	h.wantTable(`
		TCP 10.0.0.1:80 wrr
		  -> 10.0.9.9:80 Route 1`)
	// The quorum back, the sorry server leaves.
	h.step(map[byte]Result{1: ok})
	h.step(map[byte]Result{2: ok})
	h.wantLog(
		"TCP connection to [10.0.1.2]:tcp:80 success.",
		"Adding service [10.0.1.2]:tcp:80 to VS [10.0.0.1]:tcp:80",
		"Gained quorum 2+0=2 <= 3 for VS [10.0.0.1]:tcp:80",
		"Removing sorry server [10.0.9.9]:tcp:80 from VS [10.0.0.1]:tcp:80",
		"Adding alive servers to the pool for VS [10.0.0.1]:tcp:80")
	h.wantTable(`
		TCP 10.0.0.1:80 wrr
		  -> 10.0.1.1:80 Route 1
		  -> 10.0.1.2:80 Route 2`)
}

// In alpha mode servers start down, and the sorry server is in at once.
func TestAlphaSorryServer(t *testing.T) {
	h := newHarness(t, &Config{VirtualServers: []*VirtualServer{vsTCP(1, func(vs *VirtualServer) {
		vs.RealServers[0].Checkers[0].Alpha = true
		vs.SorryServer = &RealServer{Addr: netip.MustParseAddrPort("10.0.9.9:80"), Weight: 1, Method: ipvs.DRoute, Inhibit: true}
	})}})
	h.start()
	h.wantLog(
		"Starting with quorum down 1-0=1 > 0 for VS [10.0.0.1]:tcp:80",
		"Enabling sorry server [10.0.9.9]:tcp:80 to VS [10.0.0.1]:tcp:80",
		"Removing alive servers from the pool for VS [10.0.0.1]:tcp:80",
		"Activating healthchecker for service [10.0.1.1]:tcp:80 for VS [10.0.0.1]:tcp:80",
		"Activating BFD healthchecker")
	h.wantTable(`
		TCP 10.0.0.1:80 wrr
		  -> 10.0.9.9:80 Route 1`)
	h.run(ok)
	h.wantLog(
		"TCP connection to [10.0.1.1]:tcp:80 success.",
		"Adding service [10.0.1.1]:tcp:80 to VS [10.0.0.1]:tcp:80",
		"Gained quorum 1+0=1 <= 1 for VS [10.0.0.1]:tcp:80",
		"Disabling sorry server [10.0.9.9]:tcp:80 from VS [10.0.0.1]:tcp:80",
		"Adding alive servers to the pool for VS [10.0.0.1]:tcp:80")
	// An inhibited sorry server stays with weight 0.
	h.wantTable(`
		TCP 10.0.0.1:80 wrr
		  -> 10.0.9.9:80 Route 0
		  -> 10.0.1.1:80 Route 1`)
}

// omega: on shutdown the quorum and server down notifications are sent.
func TestStopOmega(t *testing.T) {
	for _, omega := range []bool{false, true} {
		h := newHarness(t, &Config{VirtualServers: []*VirtualServer{vsTCP(1, func(vs *VirtualServer) {
			vs.Omega = omega
			vs.RealServers[0].NotifyDown = &Script{Args: []string{"/rs-down"}}
			vs.QuorumDown = &Script{Args: []string{"/vs-down"}}
		})}})
		h.start()
		h.note.take()
		h.log.take()
		h.c.stop(true)
		h.wantLog("Shutting down service [10.0.1.1]:tcp:80 from VS [10.0.0.1]:tcp:80")
		h.wantTable(``)
		got := h.note.take()
		if omega && len(got) != 4 || !omega && len(got) != 0 {
			t.Errorf("omega %v: notifications %q", omega, got)
		}
	}
}
