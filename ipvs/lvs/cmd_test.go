package lvs

import (
	"net/netip"
	"testing"
)

// What the kernel refuses is refused by the table, with keepalived's
// message: a scheduler it has no module for, thresholds out of order.
func TestKernelRefusals(t *testing.T) {
	vs := vsTCP(2, func(vs *VirtualServer) {
		vs.RealServers[1].UThreshold, vs.RealServers[1].LThreshold = 5, 10
	})
	other := vsTCP(1, func(vs *VirtualServer) {
		vs.Addr = netip.MustParseAddrPort("10.0.0.2:80")
		vs.Scheduler = "twos"
	})
	h := newHarness(t, &Config{VirtualServers: []*VirtualServer{vs, other}})
	h.c.available = func(m string) bool { return m != "ip_vs_twos" }
	h.start()
	h.wantLog(
		"IPVS cmd IP_VS_SO_SET_ADDDEST(1159) error: Numerical result out of range(34) (10.0.0.1:tcp:80 -> 10.0.1.2:80)",
		"Gained quorum 1+0=1 <= 3 for VS [10.0.0.1]:tcp:80",
		"IPVS cmd IP_VS_SO_SET_ADD(1154) error: Scheduler or persistence engine not found(2) (10.0.0.2:tcp:80)",
		"IPVS cmd IP_VS_SO_SET_ADDDEST(1159) error: No such service(3) (10.0.0.2:tcp:80 -> 10.0.1.1:80)",
		"Gained quorum 1+0=1 <= 1 for VS [10.0.0.2]:tcp:80",
		"Activating healthchecker for service [10.0.1.1]:tcp:80 for VS [10.0.0.1]:tcp:80",
		"Activating healthchecker for service [10.0.1.2]:tcp:80 for VS [10.0.0.1]:tcp:80",
		"Activating healthchecker for service [10.0.1.1]:tcp:80 for VS [10.0.0.2]:tcp:80",
		"Activating BFD healthchecker")
	h.wantTable(`
		TCP 10.0.0.1:80 wrr
		  -> 10.0.1.1:80 Route 1`)
}
