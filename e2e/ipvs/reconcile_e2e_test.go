package ipvs_e2e

import (
	"encoding/json"
	"net/netip"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"hakeep/e2e/harness"
	"hakeep/e2e/ipvs/internal/step"
	"hakeep/e2e/vm"
	"hakeep/ipvs"
	"hakeep/ipvs/ipvsnl"
	"hakeep/ipvs/ipvstest"
)

// buildHelper builds ipvsapply without cgo, to run in the guest.
func buildHelper(t *testing.T) string {
	t.Helper()
	bin := filepath.Join(t.TempDir(), "ipvsapply")
	cmd := exec.Command("go", "build", "-o", bin, "./e2e/ipvs/internal/ipvsapply")
	cmd.Dir = harness.RepoRoot(t)
	cmd.Env = append(cmd.Environ(), "CGO_ENABLED=0")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("building ipvsapply: %v\n%s", err, out)
	}
	return bin
}

// quote makes s one sh word.
func quote(s string) string { return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'" }

func apply(t *testing.T, m *vm.Machine, flags string, state []ipvs.VirtualService) []string {
	t.Helper()
	js, err := json.Marshal(state)
	if err != nil {
		t.Fatal(err)
	}
	out := strings.TrimSpace(m.MustRun(t, "ipvsapply apply "+flags+" "+quote(string(js))))
	if out == "" {
		return nil
	}
	ops := strings.Split(out, "\n")
	sort.Strings(ops)
	return ops
}

func checkTable(t *testing.T, m *vm.Machine, state []ipvs.VirtualService) {
	t.Helper()
	got := parseIpvsadm(m.MustRun(t, "ipvsadm -Ln"))
	if want := ipvsadmLines(state); got != want {
		t.Errorf("ipvsadm -Ln shows\n%s\nwant\n%s", got, want)
	}
	// --sort only orders what -Ln shows; the content is the same.
	if got := parseIpvsadm(m.MustRun(t, "ipvsadm -Ln --sort")); got != ipvsadmLines(state) {
		t.Errorf("ipvsadm -Ln --sort shows\n%s", got)
	}
}

func sorted(s ...string) []string {
	sort.Strings(s)
	return s
}

// testReconcile: the reconciler takes the kernel from one state to
// another with the fewest operations, leaves what it does not own, and
// ipvsadm shows each state.
func testReconcile(t *testing.T, m *vm.Machine) {
	a := netip.MustParseAddr
	key := func(p ipvs.Protocol, addr string, port uint16) ipvs.ServiceKey {
		return ipvs.ServiceKey{Protocol: p, Addr: a(addr), Port: port}
	}
	web := ipvs.VirtualService{
		Service: ipvs.Service{ServiceKey: key(ipvs.TCP, "10.0.0.1", 80), Scheduler: "wrr"},
		Destinations: []ipvs.Destination{
			{Addr: a("192.168.1.1"), Port: 8080, Weight: 1, Method: ipvs.Masq},
			{Addr: a("192.168.1.2"), Port: 8080, Weight: 3, Method: ipvs.Masq, UpperThreshold: 100, LowerThreshold: 10},
		},
	}
	dns := ipvs.VirtualService{
		Service:      ipvs.Service{ServiceKey: key(ipvs.UDP, "10.0.0.2", 53), Scheduler: "rr", Flags: ipvs.FlagPersistent | ipvs.FlagOnePacket, Timeout: 300, Netmask: 24},
		Destinations: []ipvs.Destination{{Addr: a("192.168.1.3"), Port: 53, Weight: 1, Method: ipvs.DRoute}},
	}
	diameter := ipvs.VirtualService{
		Service: ipvs.Service{ServiceKey: key(ipvs.SCTP, "10.0.0.3", 3868), Scheduler: "lc"},
		Destinations: []ipvs.Destination{{Addr: a("192.168.1.4"), Port: 3868, Weight: 2, Method: ipvs.Tunnel,
			TunnelType: ipvs.TunnelGUE, TunnelPort: 6080, TunnelFlags: ipvs.TunnelCsum}},
	}
	mark := ipvs.VirtualService{
		Service:      ipvs.Service{ServiceKey: ipvs.ServiceKey{FWMark: 5}, Scheduler: "wlc"},
		Destinations: []ipvs.Destination{{Addr: a("192.168.1.5"), Weight: 1, Method: ipvs.DRoute}},
	}
	v6 := ipvs.VirtualService{
		Service: ipvs.Service{ServiceKey: key(ipvs.TCP, "2001:db8::1", 443), Scheduler: "sh", Flags: ipvs.FlagSHFallback | ipvs.FlagSHPort},
		Destinations: []ipvs.Destination{
			{Addr: a("2001:db8::10"), Port: 443, Weight: 1, Method: ipvs.Masq},
			{Addr: a("2001:db8::11"), Port: 443, Weight: 1, Method: ipvs.Masq},
		},
	}
	mark6 := ipvs.VirtualService{
		Service:      ipvs.Service{ServiceKey: ipvs.ServiceKey{FWMark: 6, Family: ipvs.IPv6}, Scheduler: "mh", Flags: ipvs.FlagMHPort | ipvs.FlagPersistent, Timeout: 60, Netmask: 64},
		Destinations: []ipvs.Destination{{Addr: a("192.168.1.6"), Weight: 1, Method: ipvs.Tunnel}},
	}
	sip := ipvs.VirtualService{
		Service: ipvs.Service{ServiceKey: key(ipvs.UDP, "10.0.0.5", 5060), Scheduler: "rr", Flags: ipvs.FlagPersistent, Timeout: 60, PE: "sip"},
	}
	s1 := []ipvs.VirtualService{web, dns, diameter, mark, v6, mark6, sip}
	if got := apply(t, m, "-delete-unknown", s1); len(got) != 7+8 {
		t.Errorf("first apply: %d ops, want 7 services and 8 destinations added:\n%s", len(got), strings.Join(got, "\n"))
	}
	checkTable(t, m, s1)
	// The header has one "  -> " line of its own, then the 8 destinations.
	if out := m.MustRun(t, "ipvsadm -Ln --persistent-conn --sort"); !strings.Contains(out, "PersistConn") || strings.Count(out, "  -> ") != 1+8 {
		t.Errorf("ipvsadm -Ln --persistent-conn --sort:\n%s", out)
	}

	// S2: one weight to 0 (inhibit), one real server out and one in, a
	// scheduler and timeout change, a service out and one in.
	web2 := web
	web2.Destinations = []ipvs.Destination{
		{Addr: a("192.168.1.2"), Port: 8080, Weight: 0, Method: ipvs.Masq, UpperThreshold: 100, LowerThreshold: 10},
		{Addr: a("192.168.1.7"), Port: 8080, Weight: 1, Method: ipvs.Masq},
	}
	dns2 := dns
	dns2.Scheduler, dns2.Timeout = "wlc", 600
	fo := ipvs.VirtualService{
		Service:      ipvs.Service{ServiceKey: key(ipvs.TCP, "10.0.0.6", 443), Scheduler: "fo"},
		Destinations: []ipvs.Destination{{Addr: a("192.168.1.8"), Port: 443, Weight: 5, Method: ipvs.DRoute}},
	}
	s2 := []ipvs.VirtualService{web2, dns2, mark, v6, mark6, sip, fo}
	want := sorted(
		"update destination 192.168.1.2:8080 in TCP 10.0.0.1:80",
		"delete destination 192.168.1.1:8080 in TCP 10.0.0.1:80",
		"add destination 192.168.1.7:8080 in TCP 10.0.0.1:80",
		"update service UDP 10.0.0.2:53",
		"delete service SCTP 10.0.0.3:3868",
		"add service TCP 10.0.0.6:443",
		"add destination 192.168.1.8:443 in TCP 10.0.0.6:443",
	)
	if got := apply(t, m, "-delete-unknown", s2); strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("S1 -> S2 ops:\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	checkTable(t, m, s2)
	if got := apply(t, m, "-delete-unknown", s2); len(got) != 0 {
		t.Errorf("re-applying S2 changed %q", got)
	}

	// A service added by hand survives a reconcile that does not own it.
	m.MustRun(t, "ipvsadm -A -t 10.9.9.9:22 -s rr")
	if got := apply(t, m, "", s2); len(got) != 0 {
		t.Errorf("apply without -delete-unknown changed %q", got)
	}
	foreign := ipvs.VirtualService{Service: ipvs.Service{ServiceKey: key(ipvs.TCP, "10.9.9.9", 22), Scheduler: "rr"}}
	checkTable(t, m, append(append([]ipvs.VirtualService(nil), s2...), foreign))

	// Timeouts.
	if out := m.MustRun(t, "ipvsapply timeouts 600 60 120"); out != "600 60 120\n" {
		t.Errorf("ipvsapply timeouts: %q", out)
	}
	if out := m.MustRun(t, "ipvsadm -L --timeout"); out != "Timeout (tcp tcpfin udp): 600 60 120\n" {
		t.Errorf("ipvsadm -L --timeout: %q", out)
	}

	// Delete everything through the reconciler, then flush.
	if got := apply(t, m, "-delete-unknown", s2[:1]); len(got) != 7 {
		t.Errorf("shrinking to one service: %q", got)
	}
	checkTable(t, m, s2[:1])
	m.MustRun(t, "ipvsapply flush")
	checkTable(t, m, nil)
}

// testErrorsMatchFake: the fake kernel answers a sequence of calls,
// errors included, as the real one does.
func testErrorsMatchFake(t *testing.T, m *vm.Machine) {
	a := netip.MustParseAddr
	svc := ipvs.Service{ServiceKey: ipvs.ServiceKey{Protocol: ipvs.TCP, Addr: a("10.1.0.1"), Port: 80}, Scheduler: "rr"}
	missing := ipvs.Service{ServiceKey: ipvs.ServiceKey{Protocol: ipvs.TCP, Addr: a("10.1.0.9"), Port: 80}, Scheduler: "rr"}
	v6mark := ipvs.Service{ServiceKey: ipvs.ServiceKey{FWMark: 9, Family: ipvs.IPv6}, Scheduler: "rr"}
	d := ipvs.Destination{Addr: a("192.168.2.1"), Port: 80, Weight: 1, Method: ipvs.Masq}
	withSched := func(s ipvs.Service, sched string) ipvs.Service { s.Scheduler = sched; return s }
	dest := func(f func(*ipvs.Destination)) ipvs.Destination { c := d; f(&c); return c }
	master := ipvs.Daemon{State: ipvs.DaemonMaster, Interface: "eth0", SyncID: 1}
	steps := []step.Step{
		{Op: "new-service", Service: svc},
		{Op: "new-service", Service: svc},
		{Op: "new-service", Service: withSched(missing, "nosuch")},
		{Op: "new-service", Service: ipvs.Service{ServiceKey: missing.ServiceKey, Scheduler: "rr", Flags: ipvs.FlagPersistent, Timeout: 10, PE: "nosuch"}},
		{Op: "new-service", Service: ipvs.Service{ServiceKey: ipvs.ServiceKey{Protocol: 99, Addr: a("10.1.0.2"), Port: 80}, Scheduler: "rr"}},
		{Op: "update-service", Service: missing},
		{Op: "update-service", Service: withSched(svc, "nosuch")},
		{Op: "update-service", Service: withSched(svc, "wlc")},
		{Op: "delete-service", Service: missing},
		{Op: "new-dest", Service: missing, Destination: d},
		{Op: "new-dest", Service: svc, Destination: dest(func(d *ipvs.Destination) { d.Weight = -1 })},
		{Op: "new-dest", Service: svc, Destination: dest(func(d *ipvs.Destination) { d.UpperThreshold, d.LowerThreshold = 5, 6 })},
		{Op: "new-dest", Service: svc, Destination: dest(func(d *ipvs.Destination) { d.LowerThreshold = 6 })},
		{Op: "new-dest", Service: svc, Destination: dest(func(d *ipvs.Destination) { d.Method, d.TunnelType = ipvs.Tunnel, ipvs.TunnelGUE })},
		{Op: "new-dest", Service: svc, Destination: dest(func(d *ipvs.Destination) { d.Addr = a("2001:db8::1") })},
		{Op: "new-dest", Service: svc, Destination: d},
		{Op: "new-dest", Service: svc, Destination: d},
		{Op: "update-dest", Service: svc, Destination: dest(func(d *ipvs.Destination) { d.Port = 81 })},
		{Op: "update-dest", Service: svc, Destination: dest(func(d *ipvs.Destination) { d.Weight = 0 })},
		{Op: "delete-dest", Service: svc, Destination: dest(func(d *ipvs.Destination) { d.Port = 81 })},
		{Op: "stop-daemon", Daemon: master},
		{Op: "start-daemon", Daemon: master},
		{Op: "start-daemon", Daemon: master},
		{Op: "new-service", Service: v6mark},
		{Op: "new-dest", Service: v6mark, Destination: dest(func(d *ipvs.Destination) { d.Port = 0 })},
		{Op: "new-dest", Service: v6mark, Destination: dest(func(d *ipvs.Destination) { d.Port, d.Method = 0, ipvs.Tunnel })},
		{Op: "stop-daemon", Daemon: master},
		{Op: "new-dest", Service: v6mark, Destination: dest(func(d *ipvs.Destination) { d.Port, d.Method = 0, ipvs.Tunnel })},
		{Op: "start-daemon", Daemon: master},
		{Op: "delete-dest", Service: v6mark, Destination: dest(func(d *ipvs.Destination) { d.Port = 0 })},
		{Op: "delete-service", Service: svc},
		{Op: "delete-service", Service: svc},
	}
	js, err := json.Marshal(steps)
	if err != nil {
		t.Fatal(err)
	}

	c, err := ipvsnl.New(ipvstest.New().Socket())
	if err != nil {
		t.Fatal(err)
	}
	var fake []string
	for _, s := range steps {
		fake = append(fake, step.Outcome(s.Run(c)))
	}

	kernel := strings.Split(strings.TrimSpace(m.MustRun(t, "ipvsapply ops "+quote(string(js)))), "\n")
	if len(kernel) != len(steps) {
		t.Fatalf("kernel answered %d steps of %d: %q", len(kernel), len(steps), kernel)
	}
	for i, s := range steps {
		if kernel[i] != fake[i] {
			t.Errorf("step %d (%s): kernel %s, fake %s", i, s.Op, kernel[i], fake[i])
		} else {
			t.Logf("step %d (%s): %s", i, s.Op, kernel[i])
		}
	}
}
