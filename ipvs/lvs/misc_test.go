package lvs

import (
	"net/netip"
	"testing"
	"time"
)

func exited(code int) Result { return Result{Exit: ExitStatus{Exited: true, Code: code}} }

// vsMisc is one real server of weight 3 checked by a MISC_CHECK.
func vsMisc(retry int, dynamic bool) *VirtualServer {
	vs := vsTCP(1, nil)
	rs := vs.RealServers[0]
	rs.Weight = 3
	rs.Checkers = []*Checker{{Type: MiscCheck, Retry: retry, DelayLoop: 5 * time.Second, DelayBeforeRetry: time.Second,
		Misc: &MiscConfig{Script: Script{Args: []string{"/bin/check", "a"}}, Dynamic: dynamic}}}
	return vs
}

// Exit status 0 is up, 1 down; with misc_dynamic 2..255 sets the weight
// to status-2.
func TestMiscDynamic(t *testing.T) {
	h := newHarness(t, &Config{VirtualServers: []*VirtualServer{vsMisc(0, true)}})
	h.start()
	h.log.take()
	h.run(exited(12))
	h.wantLog(
		"Changing weight from 3 to 10 for active service [10.0.1.1]:tcp:80 of VS [10.0.0.1]:tcp:80",
		"Misc check for [[10.0.1.1]:tcp:80 VS [10.0.0.1]:tcp:80] by [/bin/check] succeeded.")
	h.wantTable(`
		TCP 10.0.0.1:80 wrr
		  -> 10.0.1.1:80 Route 10`)
	h.run(exited(12))
	h.wantLog()
	h.run(exited(0))
	h.wantLog("Changing weight from 10 to 3 for active service [10.0.1.1]:tcp:80 of VS [10.0.0.1]:tcp:80")
	h.run(exited(1))
	h.wantLog(
		"Misc check for [[10.0.1.1]:tcp:80 VS [10.0.0.1]:tcp:80] by [/bin/check] failed with retry disabled (exited with status 1).",
		"Removing service [10.0.1.1]:tcp:80 from VS [10.0.0.1]:tcp:80",
		"Lost quorum 1-0=1 > 0 for VS [10.0.0.1]:tcp:80")
	h.run(Result{Exit: ExitStatus{Signal: 9, TimedOut: true}})
	h.wantLog()
	h.run(exited(2))
	h.wantLog(
		"Changing weight from 3 to 0 for inactive service [10.0.1.1]:tcp:80 of VS [10.0.0.1]:tcp:80",
		"Misc check for [[10.0.1.1]:tcp:80 VS [10.0.0.1]:tcp:80] by [/bin/check] succeeded.",
		"Adding service [10.0.1.1]:tcp:80 to VS [10.0.0.1]:tcp:80")
	h.wantTable(`
		TCP 10.0.0.1:80 wrr
		  -> 10.0.1.1:80 Route 0`)
}

// Retries are announced ("will do", "on retry") only under
// log_all_failures; the next run counts from the start of the last.
func TestMiscRetries(t *testing.T) {
	h := newHarness(t, &Config{LogAllFailures: true, VirtualServers: []*VirtualServer{vsMisc(2, false)}})
	h.start()
	h.log.take()
	h.run(exited(0))
	h.wantLog("Misc check for [[10.0.1.1]:tcp:80 VS [10.0.0.1]:tcp:80] by [/bin/check] succeeded.")
	h.run(exited(1))
	h.wantLog("Misc check for [[10.0.1.1]:tcp:80 VS [10.0.0.1]:tcp:80] by [/bin/check] failed, will do 2 retries (exited with status 1).")
	if d := h.run(Result{Exit: ExitStatus{Signal: 15}}); d != time.Second {
		t.Errorf("retry after %v", d)
	}
	h.wantLog("Misc check for [[10.0.1.1]:tcp:80 VS [10.0.0.1]:tcp:80] by [/bin/check] failed on retry 1/2 (due to signal 15).")
	h.run(Result{Exit: ExitStatus{Signal: 15, TimedOut: true}})
	h.wantLog(
		"Misc check for [[10.0.1.1]:tcp:80 VS [10.0.0.1]:tcp:80] by [/bin/check] timed out after 2 retries.",
		"Removing service [10.0.1.1]:tcp:80 from VS [10.0.0.1]:tcp:80",
		"Lost quorum 1-0=1 > 0 for VS [10.0.0.1]:tcp:80")
}

// ha_suspend: checkers run only while the virtual address is local.
func TestHASuspend(t *testing.T) {
	h := newHarness(t, &Config{VirtualServers: []*VirtualServer{vsTCP(1, func(vs *VirtualServer) { vs.HASuspend = true })}})
	h.start()
	h.wantLog(
		"Gained quorum 1+0=1 <= 1 for VS [10.0.0.1]:tcp:80",
		"Deactivating healthchecker for service [10.0.1.1]:tcp:80 for VS [10.0.0.1]:tcp:80",
		"Activating BFD healthchecker")
	// Suspended, the checker only waits.
	if as := h.advance(time.Second); len(as) != 0 {
		t.Fatalf("suspended checker ran")
	}
	vip := netip.MustParseAddr("10.0.0.1")
	h.c.addrChanged(vip, true)
	h.wantLog("Activating healthchecker for service [10.0.1.1]:tcp:80 for VS [10.0.0.1]:tcp:80")
	h.run(refused)
	h.log.take()
	// The same address twice: suspended only once both are gone.
	h.c.addrChanged(vip, true)
	h.c.addrChanged(vip, false)
	h.wantLog()
	h.c.addrChanged(vip, false)
	h.wantLog("Suspending healthchecker for service [10.0.1.1]:tcp:80 for VS [10.0.0.1]:tcp:80")
}

// FILE_CHECK: the file's value times the weight is added to the real
// server's; at or below -2^31, or non-zero with weight 0, it fails.
func TestFileCheck(t *testing.T) {
	vs := vsTCP(2, func(vs *VirtualServer) {
		vs.RealServers[0].Weight = 4
		vs.RealServers[0].Checkers = []*Checker{{Type: FileCheck, File: &FileConfig{Path: "/w", Weight: 2}}}
		vs.RealServers[1].Checkers = []*Checker{{Type: FileCheck, File: &FileConfig{Path: "/down"}}}
	})
	h := newHarness(t, &Config{VirtualServers: []*VirtualServer{vs}})
	h.files["/w"] = 3
	h.files["/down"] = 1
	h.start()
	h.wantLog(
		"Gained quorum 1+0=1 <= 10 for VS [10.0.0.1]:tcp:80",
		"Activating BFD healthchecker")
	h.wantTable(`
		TCP 10.0.0.1:80 wrr
		  -> 10.0.1.1:80 Route 10`)
	f0, f1 := h.c.checkers[0], h.c.checkers[1]
	h.c.fileChanged(f0, -1)
	h.wantLog("Changing weight from 10 to 2 for active service [10.0.1.1]:tcp:80 of VS [10.0.0.1]:tcp:80")
	h.c.fileChanged(f1, 0)
	h.wantLog("Adding service [10.0.1.2]:tcp:80 to VS [10.0.0.1]:tcp:80")
	h.c.fileChanged(f0, -1<<31)
	h.wantLog("Removing service [10.0.1.1]:tcp:80 from VS [10.0.0.1]:tcp:80")
	h.wantTable(`
		TCP 10.0.0.1:80 wrr
		  -> 10.0.1.2:80 Route 2`)
}
