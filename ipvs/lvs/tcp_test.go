package lvs

import (
	"testing"
	"time"
)

// A TCP_CHECK goes down on its first failure, then needs retry+1
// failures, delay_before_retry apart, once it has succeeded.
func TestTCPCheckRetries(t *testing.T) {
	h := newHarness(t, &Config{VirtualServers: []*VirtualServer{vsTCP(1, func(vs *VirtualServer) {
		vs.RealServers[0].Checkers[0].Retry = 2
	})}})
	h.start()
	h.wantTable(`
		TCP 10.0.0.1:80 wrr
		  -> 10.0.1.1:80 Route 1`)
	h.wantLog(
		"Gained quorum 1+0=1 <= 1 for VS [10.0.0.1]:tcp:80",
		"Activating healthchecker for service [10.0.1.1]:tcp:80 for VS [10.0.0.1]:tcp:80",
		"Activating BFD healthchecker")

	// First check after the bootstrap delay: one failure is enough.
	if d := h.run(refused); d != time.Second {
		t.Errorf("first check after %v, want 1s", d)
	}
	h.wantLog(
		"TCP_CHECK on service [10.0.1.1]:tcp:80 failed.",
		"Removing service [10.0.1.1]:tcp:80 from VS [10.0.0.1]:tcp:80",
		"Lost quorum 1-0=1 > 0 for VS [10.0.0.1]:tcp:80")
	h.wantTable(`TCP 10.0.0.1:80 wrr`)

	// Down, it is checked every delay_loop.
	if d := h.run(refused); d != 5*time.Second {
		t.Errorf("check while down after %v, want 5s", d)
	}
	h.wantLog()
	h.run(ok)
	h.wantLog(
		"TCP connection to [10.0.1.1]:tcp:80 success.",
		"Adding service [10.0.1.1]:tcp:80 to VS [10.0.0.1]:tcp:80",
		"Gained quorum 1+0=1 <= 1 for VS [10.0.0.1]:tcp:80")
	h.wantTable(`
		TCP 10.0.0.1:80 wrr
		  -> 10.0.1.1:80 Route 1`)

	// Up: two retries one second apart, then down.
	if d := h.run(refused); d != 5*time.Second {
		t.Errorf("check after %v, want 5s", d)
	}
	for i := 0; i < 2; i++ {
		h.wantLog()
		h.wantTable(`
			TCP 10.0.0.1:80 wrr
			  -> 10.0.1.1:80 Route 1`)
		if d := h.run(refused); d != time.Second {
			t.Errorf("retry %d after %v, want 1s", i+1, d)
		}
	}
	h.wantLog(
		"TCP_CHECK on service [10.0.1.1]:tcp:80 failed after 2 retries.",
		"Removing service [10.0.1.1]:tcp:80 from VS [10.0.0.1]:tcp:80",
		"Lost quorum 1-0=1 > 0 for VS [10.0.0.1]:tcp:80")

	// A success between failures resets the count.
	h.run(ok)
	h.log.take()
	h.run(refused)
	h.run(ok)
	h.run(refused)
	h.run(refused)
	h.wantLog()
	h.wantTable(`
		TCP 10.0.0.1:80 wrr
		  -> 10.0.1.1:80 Route 1`)
}

// inhibit_on_failure sets the weight to 0 instead of removing.
func TestTCPCheckInhibit(t *testing.T) {
	h := newHarness(t, &Config{VirtualServers: []*VirtualServer{vsTCP(1, func(vs *VirtualServer) {
		vs.RealServers[0].Inhibit = true
		vs.RealServers[0].Weight = 3
	})}})
	h.start()
	h.log.take()
	h.run(refused)
	h.wantLog(
		"TCP_CHECK on service [10.0.1.1]:tcp:80 failed.",
		"Disabling service [10.0.1.1]:tcp:80 of VS [10.0.0.1]:tcp:80",
		"Lost quorum 1-0=1 > 0 for VS [10.0.0.1]:tcp:80")
	h.wantTable(`
		TCP 10.0.0.1:80 wrr
		  -> 10.0.1.1:80 Route 0`)
	h.run(ok)
	h.wantLog(
		"TCP connection to [10.0.1.1]:tcp:80 success.",
		"Enabling service [10.0.1.1]:tcp:80 of VS [10.0.0.1]:tcp:80",
		"Gained quorum 1+0=1 <= 3 for VS [10.0.0.1]:tcp:80")
	h.wantTable(`
		TCP 10.0.0.1:80 wrr
		  -> 10.0.1.1:80 Route 3`)
}

// Timeouts and failures are logged before the verdict only with
// log_all_failures, and only while the checker is up.
func TestTCPCheckLogAllFailures(t *testing.T) {
	h := newHarness(t, &Config{LogAllFailures: true, VirtualServers: []*VirtualServer{vsTCP(1, nil)}})
	h.start()
	h.log.take()
	h.run(Result{Outcome: Timeout})
	h.wantLog(
		"TCP connection to [10.0.1.1]:tcp:80 timeout.",
		"TCP_CHECK on service [10.0.1.1]:tcp:80 failed.",
		"Removing service [10.0.1.1]:tcp:80 from VS [10.0.0.1]:tcp:80",
		"Lost quorum 1-0=1 > 0 for VS [10.0.0.1]:tcp:80")
	h.run(Result{Outcome: Failed})
	h.wantLog()
}

// A checker that cannot even try is rescheduled without a verdict.
func TestTCPCheckLocalFailure(t *testing.T) {
	h := newHarness(t, &Config{VirtualServers: []*VirtualServer{vsTCP(1, nil)}})
	h.start()
	h.log.take()
	h.run(Result{Outcome: Local})
	h.wantLog("TCP socket bind failed. Rescheduling.")
	if d := h.run(Result{Outcome: Local, Socket: true}); d != 5*time.Second {
		t.Errorf("rescheduled after %v, want delay_loop", d)
	}
	h.wantLog("TCP connect fail to create socket. Rescheduling.")
	h.wantTable(`
		TCP 10.0.0.1:80 wrr
		  -> 10.0.1.1:80 Route 1`)
}
