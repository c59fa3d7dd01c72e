package keepalived_e2e

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"hakeep/e2e/harness"
)

// pair describes a VRRP pair's common configuration.
type pair struct {
	version   int
	advert    string // advert_int as written
	unicast   bool
	auth      bool // PASS (VRRPv2 only)
	nopreempt bool // on the higher priority side
	vrid      int
	// group is vrrp_mcast_group4 (with mcast_src_ip set to the host's
	// address); "" keeps 224.0.0.18.
	group string
}

// conf is one side's keepalived.conf: self and peer are its and the
// other side's addresses, prio its priority.
func (p pair) conf(name, self, peer string, prio int, extra string) string {
	var b strings.Builder
	fmt.Fprintf(&b, "global_defs {\n\trouter_id %s\n\tvrrp_garp_master_delay 1\n", name)
	if p.group != "" {
		fmt.Fprintf(&b, "\tvrrp_mcast_group4 %s\n", p.group)
	}
	b.WriteString("}\n")
	fmt.Fprintf(&b, "vrrp_instance VI_1 {\n\tinterface eth0\n\tstate BACKUP\n\tvirtual_router_id %d\n\tpriority %d\n", p.vrid, prio)
	fmt.Fprintf(&b, "\tversion %d\n\tadvert_int %s\n", p.version, p.advert)
	if p.nopreempt && prio > 100 {
		b.WriteString("\tnopreempt\n")
	}
	if p.unicast {
		fmt.Fprintf(&b, "\tunicast_src_ip %s\n\tunicast_peer {\n\t\t%s\n\t}\n", self, peer)
	}
	if p.group != "" {
		fmt.Fprintf(&b, "\tmcast_src_ip %s\n", self)
	}
	if p.auth {
		b.WriteString("\tauthentication {\n\t\tauth_type PASS\n\t\tauth_pass s3cr3t\n\t}\n")
	}
	fmt.Fprintf(&b, "\tvirtual_ipaddress {\n\t\t%s%s dev eth0\n\t}\n%s}\n", vip, vipNet, extra)
	return b.String()
}

func (p pair) String() string {
	s := fmt.Sprintf("v%d", p.version)
	if p.auth {
		s += "-pass"
	}
	if p.unicast {
		s += "-unicast"
	} else {
		s += "-multicast"
	}
	if p.nopreempt {
		s += "-nopreempt"
	}
	if p.group != "" {
		s += "-group"
	}
	return s
}

// onlyOn waits until exactly ns holds the VIP among the hosts, then
// checks for a few advert intervals that it stays that way.
func onlyOn(t *testing.T, l *lab, ns string, limit, hold time.Duration) {
	t.Helper()
	onlyOnAddr(t, l, ns, vip, limit, hold)
}

// onlyOnAddr is onlyOn for another address.
func onlyOnAddr(t *testing.T, l *lab, ns, addr string, limit, hold time.Duration) {
	t.Helper()
	other := l.a
	if ns == l.a {
		other = l.b
	}
	show := func() string {
		return "\n" + ns + ":\n" + sh(t, "ip", "-n", ns, "-o", "addr", "show") + other + ":\n" + sh(t, "ip", "-n", other, "-o", "addr", "show")
	}
	start := time.Now()
	for !(hasAddr(t, ns, addr) && !hasAddr(t, other, addr)) {
		if time.Since(start) > limit {
			t.Fatalf("timed out after %v waiting for %s on %s only:%s", limit, addr, ns, show())
		}
		time.Sleep(20 * time.Millisecond)
	}
	for end := time.Now().Add(hold); time.Now().Before(end); time.Sleep(100 * time.Millisecond) {
		if hasAddr(t, other, addr) {
			t.Fatalf("both hosts hold %s:%s", addr, show())
		}
		if !hasAddr(t, ns, addr) {
			t.Fatalf("%s left %s:%s", addr, ns, show())
		}
	}
}

// TestE2EKeepalivedInterop runs hakeep's keepalived and the real one as
// a MASTER/BACKUP pair, both ways round, multicast and unicast, VRRPv2
// with PASS authentication and VRRPv3: one master at a time, the VIP
// answers ping and TCP from a client, priority and preemption follow the
// configuration, and SIGKILL or SIGTERM of the master moves the VIP.
func TestE2EKeepalivedInterop(t *testing.T) {
	needLab(t)
	harness.NeedCmd(t, "ping")
	bin := ours(t)
	var cases []pair
	for _, p := range []pair{
		{version: 2, advert: "1", auth: true}, {version: 2, advert: "1", auth: true, unicast: true},
		{version: 3, advert: "0.5"}, {version: 3, advert: "0.5", unicast: true},
		{version: 2, advert: "1", auth: true, nopreempt: true},
		{version: 3, advert: "1", group: "224.0.0.120"},
	} {
		p.vrid = 50 + len(cases)
		cases = append(cases, p)
	}
	for _, p := range cases {
		for _, oursHigh := range []bool{true, false} {
			name := p.String() + "/real-master"
			if oursHigh {
				name = p.String() + "/ours-master"
			}
			t.Run(name, func(t *testing.T) {
				t.Parallel()
				interop(t, bin, p, oursHigh)
			})
		}
	}
}

func interop(t *testing.T, bin string, p pair, oursHigh bool) {
	l := newLab(t)
	port := freePort()
	serveName(t, l.a, "A", port)
	serveName(t, l.b, "B", port)
	cl := client{t, l.c}
	// a is the higher priority side (150), b the lower (100).
	binA, binB := "", bin
	if oursHigh {
		binA, binB = bin, ""
	}
	confA := p.conf("A", addrA, addrB, 150, "")
	confB := p.conf("B", addrB, addrA, 100, "")
	boxA, boxB := newBox(t, l.a), newBox(t, l.b)
	// A first, so that it is master even with nopreempt; then B, which
	// must stay backup.
	ka := startKA(t, "A", boxA, confA, kaOpts{bin: binA})
	waitFor(t, 20*time.Second, "A master", func() bool { return hasAddr(t, l.a, vip) })
	kb := startKA(t, "B", boxB, confB, kaOpts{bin: binB})
	onlyOn(t, l, l.a, 20*time.Second, 4*time.Second)
	if !cl.ping(vip) {
		t.Fatal("the VIP does not answer ping")
	}
	if got := cl.ask(vip, port, time.Second); got != "A" {
		t.Fatalf("TCP to the VIP answered %q, want A", got)
	}

	// SIGKILL of the master: the backup takes over after the master down
	// interval. The killed keepalived leaves its address behind.
	ka.kill()
	waitFor(t, 15*time.Second, "the VIP on the backup", func() bool { return hasAddr(t, l.b, vip) })
	sh(t, "ip", "-n", l.a, "addr", "del", vip+vipNet, "dev", "eth0")
	if !cl.ping(vip) {
		t.Fatal("the VIP does not answer ping after failover")
	}
	waitFor(t, 5*time.Second, "B answering on the VIP", func() bool { return cl.ask(vip, port, time.Second) == "B" })

	// The higher priority side comes back: it preempts, unless nopreempt.
	// A fresh box: the killed one's pidfiles are left in the old one.
	ka = startKA(t, "A again", newBox(t, l.a), confA, kaOpts{bin: binA})
	if p.nopreempt {
		onlyOn(t, l, l.b, 20*time.Second, 6*time.Second)
		// Stop the current master (B): A takes over.
		if err := kb.stop(10 * time.Second); err != nil {
			t.Fatalf("B's exit: %v", err)
		}
		onlyOn(t, l, l.a, 15*time.Second, time.Second)
		return
	}
	onlyOn(t, l, l.a, 20*time.Second, 2*time.Second)
	waitFor(t, 5*time.Second, "A answering on the VIP", func() bool { return cl.ask(vip, port, time.Second) == "A" })

	// SIGTERM of the master: it sends priority 0 and removes the VIP;
	// the backup takes over within the skew time.
	start := time.Now()
	if err := ka.stop(10 * time.Second); err != nil {
		t.Fatalf("A's exit after SIGTERM: %v", err)
	}
	onlyOn(t, l, l.b, 10*time.Second, time.Second)
	t.Logf("backup took over %v after SIGTERM", time.Since(start).Round(10*time.Millisecond))
	if got := cl.ask(vip, port, time.Second); got != "B" {
		t.Fatalf("TCP to the VIP answered %q after SIGTERM, want B", got)
	}
}

// TestE2EKeepalivedVMAC runs use_vmac against the real keepalived's
// use_vmac: the master holds the VIP on a private-mode macvlan with the
// virtual router MAC (RFC 5798 §7.3) and no IPv6 address generation, as
// 2.2.7 makes it; SIGTERM removes it and the other side takes over.
// (The client's neighbour entry for the VIP may still name the master's
// own MAC, with 2.2.7 as with ours: replies from the VIP leave by the
// base interface, whose ARP requests carry the VIP.)
func TestE2EKeepalivedVMAC(t *testing.T) {
	needLab(t)
	harness.NeedCmd(t, "ping")
	bin := ours(t)
	l := newLab(t)
	p := pair{version: 2, advert: "1", vrid: 91}
	extra := "\tuse_vmac\n"
	cl := client{t, l.c}
	ka := startKA(t, "ours", newBox(t, l.a), p.conf("A", addrA, addrB, 150, extra), kaOpts{bin: bin})
	waitFor(t, 20*time.Second, "ours master", func() bool { return hasAddr(t, l.a, vip) })
	kb := startKA(t, "real", newBox(t, l.b), p.conf("B", addrB, addrA, 100, extra), kaOpts{})
	onlyOn(t, l, l.a, 15*time.Second, 3*time.Second)
	if out := sh(t, "ip", "-n", l.a, "-o", "addr", "show", "dev", "vrrp.91"); !strings.Contains(out, " "+vip+"/") {
		t.Fatalf("the VIP is not on vrrp.91:\n%s", out)
	}
	ours, real := sh(t, "ip", "-n", l.a, "-d", "link", "show", "vrrp.91"), sh(t, "ip", "-n", l.b, "-d", "link", "show", "vrrp.91")
	for _, want := range []string{"link/ether 00:00:5e:00:01:5b", "macvlan mode private", "addrgenmode none"} {
		if !strings.Contains(ours, want) || !strings.Contains(real, want) {
			t.Errorf("vrrp.91 is not %q:\nours %s\nreal %s", want, ours, real)
		}
	}
	sysctls := func(ns string) string {
		return sh(t, "ip", "netns", "exec", ns, "sh", "-c",
			"cat /proc/sys/net/ipv4/conf/eth0/arp_ignore /proc/sys/net/ipv4/conf/eth0/arp_filter "+
				"/proc/sys/net/ipv4/conf/vrrp.91/arp_ignore /proc/sys/net/ipv4/conf/vrrp.91/arp_filter "+
				"/proc/sys/net/ipv4/conf/vrrp.91/accept_local")
	}
	if o, r := sysctls(l.a), sysctls(l.b); o != r {
		t.Errorf("ARP settings differ from 2.2.7's: ours %q real %q", o, r)
	}
	if !cl.ping(vip) {
		t.Fatal("the VIP does not answer ping")
	}
	if err := ka.stop(10 * time.Second); err != nil {
		t.Fatalf("exit: %v", err)
	}
	if strings.Contains(sh(t, "ip", "-n", l.a, "link", "show"), "vrrp.91") {
		t.Error("vrrp.91 left behind after SIGTERM")
	}
	onlyOn(t, l, l.b, 15*time.Second, time.Second)
	waitFor(t, 10*time.Second, "the VIP answering from the real keepalived", func() bool { return cl.ping(vip) })
	if !kb.logged("(VI_1): Success creating VMAC interface vrrp.91") || !ka.logged("(VI_1): Success creating VMAC interface vrrp.91") {
		t.Error("VMAC creation not logged as 2.2.7 logs it")
	}
}
