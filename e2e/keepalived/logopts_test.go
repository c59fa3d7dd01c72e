package keepalived_e2e

import (
	"io"
	"net/netip"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"hakeep/vrrp/wire"
)

// logOptsConf is a master with a VIP and a virtual route, for what -V
// leaves behind.
var logOptsConf = `global_defs {
	router_id logopts-test
}
vrrp_instance VI_1 {
	interface eth0
	state MASTER
	virtual_router_id 77
	priority 100
	advert_int 1
	virtual_ipaddress {
		10.77.0.100/24
	}
	virtual_routes {
		10.90.0.0/24 via 10.77.0.254
	}
}
`

// logOptsSeen is what one keepalived run showed.
type logOptsSeen struct {
	prios    []string // the syslog priorities received, sorted, unique
	syslogs  int      // syslog messages received
	vipLeft  bool     // the VIP is still there after SIGTERM
	routeRes bool     // the virtual route is still there after SIGTERM
}

var syslogPrio = regexp.MustCompile(`(?m)^<(\d+)>`)

// logOptsScenario starts one keepalived with args (and the configuration
// file), alone as master, stops it with SIGTERM and reports.
func logOptsScenario(t *testing.T, bin string, args []string) logOptsSeen {
	l := newLab(t)
	bx := newBox(t, l.a)
	k := startKA(t, "logopts", bx, logOptsConf, kaOpts{bin: bin, args: args, syslog: true, stdout: io.Discard})
	waitFor(t, 20*time.Second, "MASTER", func() bool { return hasAddr(t, l.a, vip) })
	time.Sleep(time.Second)
	if err := k.stop(10 * time.Second); err != nil {
		t.Fatalf("exit: %v", err)
	}
	var s logOptsSeen
	logs := k.log.String()
	for _, m := range syslogPrio.FindAllStringSubmatch(logs, -1) {
		s.syslogs++
		if !slices.Contains(s.prios, m[1]) {
			s.prios = append(s.prios, m[1])
		}
	}
	slices.Sort(s.prios)
	s.vipLeft = hasAddr(t, l.a, vip)
	s.routeRes = strings.Contains(sh(t, "ip", "-n", l.a, "route", "show"), "10.90.0.0/24 via 10.77.0.254")
	return s
}

// TestE2EKeepalivedLogOptions runs hakeep's keepalived and the real one
// with the same logging and release options (keepalived(8)) and compares
// what each does: -S (syslog facility: the priorities /dev/log
// receives), -G (no syslog at all), -D, and -V (--dont-release-vrrp: the VIP and the virtual route stay after
// SIGTERM) against the default (both removed).
func TestE2EKeepalivedLogOptions(t *testing.T) {
	needLab(t)
	bin := ours(t)
	for _, c := range []struct {
		name string
		args []string
	}{
		{"-S 3 -D", []string{"-n", "-D", "-S", "3"}},
		{"default", []string{"-n"}},
		{"-G -l", []string{"-n", "-G", "-l"}},
		{"-V", []string{"-n", "-V"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			var o, r logOptsSeen
			t.Run("side", func(t *testing.T) {
				t.Run("ours", func(t *testing.T) { t.Parallel(); o = logOptsScenario(t, bin, c.args) })
				t.Run("real", func(t *testing.T) { t.Parallel(); r = logOptsScenario(t, "", c.args) })
			})
			if t.Failed() {
				return
			}
			if !slices.Equal(o.prios, r.prios) || (o.syslogs == 0) != (r.syslogs == 0) ||
				o.vipLeft != r.vipLeft || o.routeRes != r.routeRes {
				t.Errorf("ours %+v\nreal %+v", o, r)
			}
			t.Logf("ours %+v\nreal %+v", o, r)
		})
	}
}

// TestE2EKeepalivedUnknownVRIDs sends an advert for a VRID no instance
// has to hakeep's keepalived and the real one, both with
// log_unknown_vrids: each logs it in 2.2.7's words.
func TestE2EKeepalivedUnknownVRIDs(t *testing.T) {
	needLab(t)
	bin := ours(t)
	conf := strings.Replace(logOptsConf, "router_id logopts-test", "router_id logopts-test\n\tlog_unknown_vrids", 1)
	const want = "Unknown VRID(99) received on interface(eth0). ignoring..."
	for _, side := range []struct{ name, bin string }{{"ours", bin}, {"real", ""}} {
		t.Run(side.name, func(t *testing.T) {
			t.Parallel()
			l := newLab(t)
			k := startKA(t, "unknown-vrids", newBox(t, l.a), conf, kaOpts{bin: side.bin})
			waitFor(t, 20*time.Second, "MASTER", func() bool { return hasAddr(t, l.a, vip) })
			a := wire.Advert{Version: 2, Type: wire.TypeAdvert, VRID: 99, Priority: 100,
				Addrs: []netip.Addr{netip.MustParseAddr(vip)}}
			a.SetInterval(time.Second)
			pkt, err := wire.AppendIPv4(nil, &a, &wire.IPv4Options{Src: netip.MustParseAddr(addrC),
				Dst: netip.MustParseAddr("224.0.0.18"), TOS: wire.TOSNetControl, TTL: 255, ID: 1})
			if err != nil {
				t.Fatal(err)
			}
			sendAdvert(t, l.c, pkt)
			waitFor(t, 5*time.Second, want, func() bool { return k.logged(want) })
		})
	}
}
