package keepalived_e2e

import (
	"fmt"
	"strings"
	"syscall"
	"testing"
	"time"
)

// routesConf has virtual_routes and virtual_rules with the options
// hakeep installs (keepalived.conf(5) virtual_routes, virtual_rules).
var routesConf = fmt.Sprintf(`global_defs {
	router_id routes-test
	default_interface eth1
}
static_ipaddress {
	10.77.0.150/24 dev eth0
	10.78.0.150/24 dev eth1 scope link
	10.80.0.151/24
}
static_routes {
	10.99.0.0/24 via 10.77.0.254
	blackhole 10.99.1.0/24 table 102
}
static_rules {
	from 10.77.0.150 table 102 priority 310
}
vrrp_instance VI_1 {
	interface eth0
	state MASTER
	virtual_router_id 74
	priority 100
	advert_int 1
	promote_secondaries
	virtual_ipaddress {
		%s%s
		10.77.0.110/24 brd 10.77.0.255 dev eth0 scope link label eth0:v1
		10.78.0.1/16 dev eth1 scope host
		10.77.0.111
		10.77.0.112/24 dev eth0 no_track
	}
	virtual_ipaddress_excluded {
		fd00:78::1/64 dev eth1
		10.79.0.1/24 dev eth1 label eth1:x
	}
	virtual_routes {
		10.90.0.0/24 via 10.77.0.254
		10.91.0.0/24 dev eth0
		src %s 10.92.0.0/24 via 10.77.0.254 metric 7 table 100
		blackhole 10.93.0.0/24
		10.94.0.0/24 via 10.77.0.254 dev eth0 scope link onlink protocol static
		unreachable 10.95.0.0/24 table 101
		prohibit 10.96.0.0/24 no_track protocol 4
		fd00:90::/64 dev eth0 metric 9
	}
	virtual_rules {
		from %s table 100
		to 10.96.0.0/24 table 101 priority 300
		from 10.77.0.0/24 to 10.97.0.0/24 lookup 100 priority 301
		fwmark 0x10/0xff table 100
		iif eth0 table 101 priority 302
		not from 10.98.0.0/24 table 103 priority 303
		from 10.98.0.0/24 prohibit priority 306
		from fd00:91::/64 table 100 priority 304
	}
}
`, vip, vipNet, vip, vip)

// routesSeen is what one keepalived's routes and rules look like.
type routesSeen struct {
	master, reloaded, stopped string
	flapped                   []string // route events for routes the reload kept
	log                       string
}

// routesReloaded is routesConf changed: 10.92.0.0/24 and the rule of
// preference 300 go, 10.89.0.0/24 and a rule of preference 305 come, the
// static route 10.99.1.0/24 is replaced by 10.99.2.0/24.
func routesReloaded() string {
	c := strings.Replace(routesConf, "\t\tsrc "+vip+" 10.92.0.0/24 via 10.77.0.254 metric 7 table 100\n",
		"\t\t10.89.0.0/24 via 10.77.0.254 metric 3\n", 1)
	c = strings.Replace(c, "\t\tto 10.96.0.0/24 table 101 priority 300\n", "\t\tto 10.95.0.0/24 table 101 priority 305\n", 1)
	return strings.Replace(c, "blackhole 10.99.1.0/24 table 102", "blackhole 10.99.2.0/24 table 102", 1)
}

func routeState(t *testing.T, ns string) string {
	var b strings.Builder
	for _, dev := range []string{"eth0", "eth1"} {
		out := sh(t, "ip", "-n", ns, "-o", "addr", "show", "dev", dev)
		for _, ln := range strings.Split(out, "\n") {
			f := strings.Fields(ln)
			if len(f) < 4 || strings.HasPrefix(f[3], "fe80:") {
				continue
			}
			// "2: eth0    inet 10.77.0.1/24 ... valid_lft forever ...": the
			// index and the lifetimes are no keepalived's doing.
			ln = strings.Join(f[1:], " ")
			if i := strings.Index(ln, `\`); i >= 0 {
				ln = strings.TrimSpace(ln[:i])
			}
			b.WriteString("addr: " + ln + "\n")
		}
	}
	ps := sh(t, "ip", "netns", "exec", ns, "cat", "/proc/sys/net/ipv4/conf/eth0/promote_secondaries")
	b.WriteString("eth0 promote_secondaries " + ps)
	for _, args := range [][]string{
		{"-4", "route", "show", "table", "all"}, {"-6", "route", "show", "table", "all"},
		{"-4", "rule", "show"}, {"-6", "rule", "show"},
	} {
		out := sh(t, append([]string{"ip", "-n", ns}, args...)...)
		for _, ln := range strings.Split(out, "\n") {
			// The kernel's own local, broadcast, multicast and link-local
			// routes are no keepalived's.
			if ln == "" || strings.HasPrefix(ln, "local ") || strings.HasPrefix(ln, "broadcast ") ||
				strings.HasPrefix(ln, "multicast ") || strings.HasPrefix(ln, "fe80::") || strings.Contains(ln, "proto kernel") {
				continue
			}
			b.WriteString(strings.Join(args[:2], " ") + ": " + strings.TrimSpace(ln) + "\n")
		}
	}
	return b.String()
}

func routesScenario(t *testing.T, bin string) routesSeen {
	l := newLab(t)
	sh(t, "ip", "-n", l.a, "link", "add", "eth1", "type", "veth", "peer", "name", "eth1p")
	sh(t, "ip", "-n", l.a, "link", "set", "eth1p", "up")
	sh(t, "ip", "-n", l.a, "link", "set", "eth1", "up")
	k := startKA(t, "routes", newBox(t, l.a), routesConf, kaOpts{bin: bin})
	waitFor(t, 20*time.Second, "MASTER", func() bool { return hasAddr(t, l.a, vip) })
	// The routes and rules follow the addresses at once.
	time.Sleep(500 * time.Millisecond)
	var s routesSeen
	s.master = routeState(t, l.a)

	// SIGHUP with routes, rules and static entries changed: one of each
	// removed, one added, the others unchanged and not touched ("ip
	// monitor route" sees no event for them).
	mon := monitorObjects(t, l.a, "route")
	time.Sleep(300 * time.Millisecond)
	k.box.write("k.conf", routesReloaded(), 0o644)
	k.signal(syscall.SIGHUP)
	waitFor(t, 10*time.Second, "the reloaded routes", func() bool {
		return strings.Contains(sh(t, "ip", "-n", l.a, "route", "show"), "10.89.0.0/24")
	})
	time.Sleep(time.Second)
	s.reloaded = routeState(t, l.a)
	for _, ln := range mon.since(0) {
		for _, kept := range []string{"10.90.0.0/24", "10.91.0.0/24", "10.99.0.0/24"} {
			if strings.Contains(ln, kept+" ") {
				s.flapped = append(s.flapped, ln)
			}
		}
	}

	if err := k.stop(10 * time.Second); err != nil {
		t.Fatalf("exit: %v", err)
	}
	s.stopped = routeState(t, l.a)
	s.log = k.log.String()
	return s
}

// TestE2EKeepalivedRoutes runs virtual_ipaddress entries with their
// options (brd, dev, scope, label, no_track, a bare address),
// virtual_ipaddress_excluded, promote_secondaries, virtual_routes,
// virtual_rules, static_ipaddress (one without dev: default_interface),
// static_routes and static_rules through hakeep's keepalived and the real one: the
// addresses ("ip -o addr show") and the routes and rules a master
// installs ("ip route show table all", "ip rule show", IPv4 and IPv6:
// types, gateways, sources, tables, metrics, scopes, protocols,
// preferences, selectors) must be 2.2.7's, after a SIGHUP that changes
// some of them too (without touching the routes it keeps), and SIGTERM
// must leave none.
func TestE2EKeepalivedRoutes(t *testing.T) {
	needLab(t)
	bin := ours(t)
	var o, r routesSeen
	t.Run("side", func(t *testing.T) {
		t.Run("ours", func(t *testing.T) { t.Parallel(); o = routesScenario(t, bin) })
		t.Run("real", func(t *testing.T) { t.Parallel(); r = routesScenario(t, "") })
	})
	if o.master == "" || r.master == "" {
		t.Fatal("a side did not finish")
	}
	if o.master != r.master {
		t.Errorf("as master, ours:\n%s\nreal:\n%s", o.master, r.master)
	}
	if o.reloaded != r.reloaded {
		t.Errorf("after SIGHUP, ours:\n%s\nreal:\n%s", o.reloaded, r.reloaded)
	}
	if len(o.flapped) != 0 {
		t.Errorf("the reload touched routes it kept: %q (2.2.7: %q)", o.flapped, r.flapped)
	}
	if o.stopped != r.stopped {
		t.Errorf("after SIGTERM, ours:\n%s\nreal:\n%s", o.stopped, r.stopped)
	}
	if !strings.Contains(r.master, "10.92.0.0/24 via 10.77.0.254") || !strings.Contains(r.master, "fd00:91::/64 lookup 100") ||
		!strings.Contains(r.master, "10.99.0.0/24 via 10.77.0.254") || !strings.Contains(r.master, "inet 10.78.0.150/24") || !strings.Contains(r.master, "eth1 inet 10.80.0.151/24") {
		t.Errorf("the real keepalived did not install the routes and rules:\n%s", r.master)
	}
	for _, want := range []string{"(VI_1) setting Virtual Routes", "(VI_1) setting Virtual Rules",
		"(VI_1) removing Virtual Rules", "(VI_1) removing Virtual Routes",
		// 10.94.0.0/24 (scope link with a gateway) is refused by the kernel.
		"Netlink: error: Invalid argument(22), type=RTM_NEWROUTE(24)",
		// So is 10.77.0.110/24 (scope link with its label).
		"Netlink: error: Invalid argument(22), type=RTM_NEWADDR(20)"} {
		if strings.Contains(r.log, want) && !strings.Contains(o.log, want) {
			t.Errorf("ours does not log %q", want)
		}
	}
	t.Logf("as master (both):\n%s\nroute events of the reload for kept routes: ours %q, 2.2.7 %q", o.master, o.flapped, r.flapped)
}
