package ipvs_e2e

import (
	"testing"

	"hakeep/e2e/harness"
	"hakeep/e2e/vm"
)

// TestE2EIPVS boots one VM with IPVS and runs the package's kernel tests
// in it, one after the other, each from an empty table with no sync
// daemon (a boot costs seconds under software emulation; the tests need
// none of their own). Run one with -run 'TestE2EIPVS/golden'.
func TestE2EIPVS(t *testing.T) {
	harness.NeedRoot(t)
	m, err := vm.Boot(t, vm.Options{
		Files: []vm.File{
			{Host: harness.NeedCmd(t, "ipvsadm")},
			{Host: harness.NeedCmd(t, "strace")},
			{Host: harness.NeedCmd(t, "keepalived"), Guest: "/usr/sbin/keepalived"},
			{Host: buildHelper(t), Guest: "/usr/bin/ipvsapply"},
		},
		Modules: append(vm.DefaultModules(), "ip_vs_pe_sip"),
	})
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("VM booted in %v", m.BootTime())
	m.MustRun(t, "ip addr add 10.255.0.1/24 dev eth0 && ip -6 addr add 2001:db8::ff/64 dev eth0")
	for _, c := range []struct {
		name string
		test func(*testing.T, *vm.Machine)
	}{
		{"golden", testGoldenCapture},
		{"keepalived", testRealKeepalived},
		{"reconcile", testReconcile},
		{"errors", testErrorsMatchFake},
	} {
		m.MustRun(t, "ipvsadm -C; ipvsadm --stop-daemon master 2>/dev/null; ipvsadm --stop-daemon backup 2>/dev/null; true")
		t.Run(c.name, func(t *testing.T) { c.test(t, m) })
	}
}
