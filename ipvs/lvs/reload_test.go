package lvs

import (
	"net/netip"
	"testing"
	"time"

	"hakeep/ipvs"
)

// A reload keeps the state of what it keeps, removes what is gone, sets
// up what is new, and starts the checkers again.
func TestReload(t *testing.T) {
	before := vsTCP(3, func(vs *VirtualServer) { vs.RealServers[2].Checkers = nil })
	gone := vsTCP(1, func(vs *VirtualServer) { vs.Addr = netip.MustParseAddrPort("10.0.0.9:80") })
	h := newHarness(t, &Config{VirtualServers: []*VirtualServer{before, gone}})
	h.start()
	h.runAll(ok, refused, ok)
	h.log.take()
	h.wantTable(`
		TCP 10.0.0.1:80 wrr
		  -> 10.0.1.1:80 Route 1
		  -> 10.0.1.3:80 Route 3
		TCP 10.0.0.9:80 wrr
		  -> 10.0.1.1:80 Route 1`)

	after := vsTCP(2, func(vs *VirtualServer) {
		vs.Scheduler = "wlc"
		vs.RealServers[0].Weight = 5
		vs.RealServers = append(vs.RealServers, &RealServer{Addr: netip.MustParseAddrPort("10.0.1.4:80"), Weight: 4, Method: ipvs.DRoute})
	})
	h.now = h.now.Add(time.Second)
	h.c.reload(h.now, &Config{VirtualServers: []*VirtualServer{after}})
	h.wantLog(
		"service [10.0.1.3]:tcp:80 no longer exist",
		"Removing service [10.0.1.3]:tcp:80 from VS [10.0.0.1]:tcp:80",
		"Removing Virtual Server [10.0.0.9]:tcp:80",
		"Removing service [10.0.1.1]:tcp:80 from VS [10.0.0.9]:tcp:80",
		"Changing weight from 1 to 5 for active service [10.0.1.1]:tcp:80 of VS [10.0.0.1]:tcp:80",
		"Activating healthchecker for service [10.0.1.1]:tcp:80 for VS [10.0.0.1]:tcp:80",
		"Activating healthchecker for service [10.0.1.2]:tcp:80 for VS [10.0.0.1]:tcp:80",
		"Activating BFD healthchecker")
	// .2 stays down, .4 is new and in.
	h.wantTable(`
		TCP 10.0.0.1:80 wlc
		  -> 10.0.1.1:80 Route 5
		  -> 10.0.1.4:80 Route 4`)
	// The kept checker keeps its state: .2 comes back on its next
	// success.
	h.runAll(ok, ok)
	h.wantLog(
		"TCP connection to [10.0.1.2]:tcp:80 success.",
		"Adding service [10.0.1.2]:tcp:80 to VS [10.0.0.1]:tcp:80")
}

// A result of a run started before a reload is dropped.
func TestReloadDropsRunning(t *testing.T) {
	h := newHarness(t, &Config{VirtualServers: []*VirtualServer{vsTCP(1, nil)}})
	h.start()
	as := h.advance(time.Second)
	h.log.take()
	h.c.reload(h.now, &Config{VirtualServers: []*VirtualServer{vsTCP(1, nil)}})
	h.log.take()
	h.c.done(h.now, as[0], refused)
	h.wantLog()
	h.wantTable(`
		TCP 10.0.0.1:80 wrr
		  -> 10.0.1.1:80 Route 1`)
}
