package ipvs_e2e

import (
	"net/netip"
	"testing"
	"time"

	"hakeep/e2e/vm"
	"hakeep/ipvs"
)

// testRealKeepalived: the reference keepalived runs in the VM and
// programs IPVS, and removes what it programmed when stopped.
func testRealKeepalived(t *testing.T, m *vm.Machine) {
	conf := `global_defs {
	router_id vm
}
virtual_server 10.0.0.1 80 {
	delay_loop 1
	lb_algo wrr
	lb_kind NAT
	persistence_timeout 120
	protocol TCP
	real_server 10.255.0.1 8080 {
		weight 3
	}
	real_server 10.255.0.2 8080 {
		weight 1
		TCP_CHECK {
			connect_timeout 1
		}
	}
}
`
	m.MustRun(t, "mkdir -p /etc/keepalived && cat >/etc/keepalived/keepalived.conf <<'EOF'\n"+conf+"EOF")
	m.MustRun(t, "keepalived -C -D -l -f /etc/keepalived/keepalived.conf -p /run/keepalived.pid >/tmp/keepalived.log 2>&1")
	// 10.255.0.2:8080 answers nothing, so its TCP_CHECK fails and
	// keepalived removes it; 10.255.0.1 has no checker and stays.
	want := ipvsadmLines([]ipvs.VirtualService{{
		Service: ipvs.Service{ServiceKey: ipvs.ServiceKey{Protocol: ipvs.TCP, Addr: netip.MustParseAddr("10.0.0.1"), Port: 80},
			Scheduler: "wrr", Flags: ipvs.FlagPersistent, Timeout: 120},
		Destinations: []ipvs.Destination{{Addr: netip.MustParseAddr("10.255.0.1"), Port: 8080, Weight: 3, Method: ipvs.Masq}},
	}})
	var got string
	for deadline := time.Now().Add(30 * time.Second); time.Now().Before(deadline); time.Sleep(500 * time.Millisecond) {
		got = parseIpvsadm(m.MustRun(t, "ipvsadm -Ln"))
		if got == want {
			break
		}
	}
	if got != want {
		t.Errorf("ipvsadm -Ln:\n%s\nwant\n%s\nkeepalived log:\n%s", got, want, m.MustRun(t, "cat /tmp/keepalived.log"))
	}
	m.MustRun(t, `kill -TERM $(cat /run/keepalived.pid)
for i in $(seq 100); do [ -e /run/keepalived.pid ] || break; usleep 100000; done`)
	if out := m.MustRun(t, "ipvsadm -Ln | sed 1,3d"); out != "" {
		t.Errorf("keepalived left after SIGTERM:\n%s", out)
	}
}
