package vrrp

import (
	"slices"
	"strings"
	"time"
)

func (in *instance) allVIPs() []VIP {
	return append(slices.Clone(in.cfg.VIPs), in.cfg.ExcludedVIPs...)
}

// addVIPs installs the addresses of a new master and starts its
// announcements (vrrp.c vrrp_state_become_master).
func (in *instance) addVIPs(now time.Time) {
	in.detailf("setting VIPs.")
	for _, v := range in.allVIPs() {
		if err := in.net.AddAddr(in.onVMAC(v)); err != nil {
			in.log.Warn(netlinkError(err, "RTM_NEWADDR(20)"))
		}
	}
	in.addRoutes()
	in.firewall(true)
	in.detailf("Sending/queueing %s on %s for %s", in.announceKind(), in.ifname, in.vipList())
	in.burst(now, in.garp.MasterRepeat)
	if in.garp.MasterDelay > 0 {
		in.burstAt = now.Add(in.garp.MasterDelay)
	}
	if in.garp.MasterRefresh > 0 {
		in.refreshAt = now.Add(in.garp.MasterRefresh)
	}
}

// removeVIPs removes the addresses and cancels pending announcements.
func (in *instance) removeVIPs() {
	in.removeRoutes()
	in.detailf("removing VIPs.")
	in.delVIPs(in.allVIPs())
	in.firewall(false)
	in.cancelAnnounce()
}

func (in *instance) delVIPs(vs []VIP) {
	for _, v := range vs {
		if err := in.net.DelAddr(in.onVMAC(v)); err != nil {
			in.log.Warn(netlinkError(err, "RTM_DELADDR(21)"))
		}
	}
}

// onVMAC puts an address that would go on the instance's interface on
// its VMAC instead (keepalived adds a use_vmac instance's VIPs there).
func (in *instance) onVMAC(v VIP) VIP {
	if in.vmac != "" && v.Dev == in.cfg.Interface {
		v.Dev = in.vmac
	}
	return v
}

func (in *instance) vipList() string {
	var s []string
	for _, v := range in.allVIPs() {
		s = append(s, v.Prefix.Addr().String())
	}
	return strings.Join(s, ", ")
}

func (in *instance) announceKind() string {
	if in.ipv6 {
		return "Unsolicited Neighbour Adverts"
	}
	return "gratuitous ARPs"
}

// sameVIP compares what identifies an installed address.
func sameVIP(a, b VIP) bool {
	return a.Prefix == b.Prefix && a.Dev == b.Dev
}

// vipDiff returns the addresses of a that are not in b.
func vipDiff(a, b []VIP) []VIP {
	var out []VIP
	for _, v := range a {
		if !slices.ContainsFunc(b, func(w VIP) bool { return sameVIP(v, w) }) {
			out = append(out, v)
		}
	}
	return out
}
