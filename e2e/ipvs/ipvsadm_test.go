package ipvs_e2e

import (
	"net/netip"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"hakeep/ipvs"
)

// The formatter reproduces what ipvsadm printed for the golden capture's
// final table (ipvs/testdata/golden/39-list.txt).
func TestIpvsadmLinesMatchCapture(t *testing.T) {
	raw, err := os.ReadFile(filepath.Join("..", "..", "ipvs", "testdata", "golden", "39-list.txt"))
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, l := range strings.Split(string(raw), "\n") {
		if s, ok := strings.CutPrefix(l, "# stdout: "); ok {
			out = append(out, s)
		}
	}
	a := netip.MustParseAddr
	tcp := func(addr string, port uint16) ipvs.ServiceKey {
		return ipvs.ServiceKey{Protocol: ipvs.TCP, Addr: a(addr), Port: port}
	}
	tun := ipvs.Destination{Method: ipvs.Tunnel, Weight: 1, Port: 80}
	d := func(base ipvs.Destination, addr string) ipvs.Destination { base.Addr = a(addr); return base }
	state := []ipvs.VirtualService{
		{Service: ipvs.Service{ServiceKey: tcp("10.0.0.1", 80), Scheduler: "wrr", Flags: ipvs.FlagPersistent, Timeout: 120},
			Destinations: []ipvs.Destination{{Addr: a("192.168.1.1"), Port: 8080, Method: ipvs.Masq}, d(tun, "192.168.1.3"), d(tun, "192.168.1.4"), d(tun, "192.168.1.5")}},
		{Service: ipvs.Service{ServiceKey: tcp("10.0.0.2", 443), Scheduler: "wlc", Flags: ipvs.FlagPersistent, Timeout: 300, Netmask: 24}},
		{Service: ipvs.Service{ServiceKey: tcp("10.0.0.4", 80), Scheduler: "mh", Flags: ipvs.FlagMHFallback | ipvs.FlagMHPort},
			Destinations: []ipvs.Destination{{Addr: a("127.0.0.1"), Port: 80, Method: ipvs.Masq, Weight: 1}}},
		{Service: ipvs.Service{ServiceKey: ipvs.ServiceKey{Protocol: ipvs.UDP, Addr: a("10.0.0.3"), Port: 53}, Scheduler: "rr", Flags: ipvs.FlagOnePacket}},
		{Service: ipvs.Service{ServiceKey: ipvs.ServiceKey{Protocol: ipvs.UDP, Addr: a("10.0.0.5"), Port: 5060}, Scheduler: "rr", Flags: ipvs.FlagPersistent, Timeout: 60, PE: "sip"}},
		{Service: ipvs.Service{ServiceKey: ipvs.ServiceKey{Protocol: ipvs.SCTP, Addr: a("10.0.0.1"), Port: 9999}, Scheduler: "lc"}},
		{Service: ipvs.Service{ServiceKey: tcp("2001:db8::1", 443), Scheduler: "sh", Flags: ipvs.FlagSHFallback | ipvs.FlagSHPort},
			Destinations: []ipvs.Destination{{Addr: a("2001:db8::10"), Port: 8443, Method: ipvs.Masq, Weight: 2}}},
		{Service: ipvs.Service{ServiceKey: tcp("2001:db8::2", 443), Scheduler: "rr", Flags: ipvs.FlagPersistent, Timeout: 600, Netmask: 64}},
		{Service: ipvs.Service{ServiceKey: ipvs.ServiceKey{FWMark: 1}, Scheduler: "wlc"},
			Destinations: []ipvs.Destination{{Addr: a("192.168.1.6"), Method: ipvs.DRoute, Weight: 3}}},
		{Service: ipvs.Service{ServiceKey: ipvs.ServiceKey{FWMark: 2, Family: ipvs.IPv6}, Scheduler: "rr"},
			Destinations: []ipvs.Destination{{Addr: a("192.168.1.7"), Method: ipvs.Tunnel, Weight: 1}}},
	}
	if got, want := ipvsadmLines(state), parseIpvsadm(strings.Join(out, "\n")); got != want {
		t.Errorf("formatted:\n%s\nipvsadm printed:\n%s", got, want)
	}
}
