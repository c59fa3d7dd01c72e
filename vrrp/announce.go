package vrrp

import (
	"net/netip"
	"time"

	"hakeep/vrrp/fsm"
)

// burst queues repeat rounds of announcements of every virtual address
// (vrrp.c vrrp_send_link_update). With vrrp_garp_interval (or
// vrrp_gna_interval) set, an address already waiting for its turn is not
// queued again: keepalived keeps one pending flag per address, so with
// repeat 2 and two addresses a burst is three frames (the first at once,
// then each address once, one interval apart; observed on 2.2.7, see
// testdata/README.md).
func (in *instance) burst(now time.Time, repeat int) {
	vips := in.allVIPs()
	for range repeat {
		for _, v := range vips {
			ip := v.Prefix.Addr()
			g := in.gap(ip)
			switch {
			case g == 0:
				in.annQueue = append(in.annQueue, ip)
			case len(in.annQueue) == 0 && !now.Before(in.annNext):
				in.send(ip)
				in.annNext = now.Add(g)
			case !in.annPending[ip]:
				in.annPending[ip] = true
				in.annQueue = append(in.annQueue, ip)
			}
		}
	}
	if in.annNext.Before(now) {
		in.annNext = now
	}
	in.announce(now)
}

// gap is the pacing between two announcements of ip's family.
func (in *instance) gap(ip netip.Addr) time.Duration {
	if ip.Is6() {
		return in.garp.NAInterval
	}
	return in.garp.Interval
}

func (in *instance) cancelAnnounce() {
	in.annQueue = in.annQueue[:0]
	clear(in.annPending)
	in.burstAt, in.refreshAt, in.lowerAt = time.Time{}, time.Time{}, time.Time{}
}

// announce sends what is due: the delayed, refresh and lower-priority
// bursts of a master, and the queue as its pacing allows.
func (in *instance) announce(now time.Time) {
	if in.m.State() == fsm.Master {
		if !in.burstAt.IsZero() && !now.Before(in.burstAt) {
			in.burstAt = time.Time{}
			in.burst(now, in.garp.MasterRepeat)
		}
		if !in.refreshAt.IsZero() && !now.Before(in.refreshAt) {
			in.refreshAt = now.Add(in.garp.MasterRefresh)
			in.burst(now, in.garp.MasterRefreshRepeat)
		}
		if !in.lowerAt.IsZero() && !now.Before(in.lowerAt) {
			in.lowerAt = time.Time{}
			in.burst(now, in.garp.LowerPrioRepeat)
		}
	}
	for len(in.annQueue) > 0 && !now.Before(in.annNext) {
		ip := in.annQueue[0]
		in.annQueue = in.annQueue[1:]
		delete(in.annPending, ip)
		in.send(ip)
		if g := in.gap(ip); g > 0 {
			in.annNext = now.Add(g)
		}
	}
}

// send sends one gratuitous ARP or unsolicited NA for ip.
func (in *instance) send(ip netip.Addr) {
	kind := "gratuitous ARP"
	if ip.Is6() {
		kind = "unsolicited Neighbour Advert"
	}
	if in.detail() {
		in.log.Debug("Sending " + kind + " on " + in.ifname + " for " + ip.String())
	}
	if err := in.ann.Announce(ip, false); err != nil {
		in.log.Warn("Error sending " + kind + " on " + in.ifname + " for " + ip.String() + ": " + err.Error())
	}
}

// wake is the earliest time the instance needs the loop.
func (in *instance) wake() time.Time {
	t := in.m.Deadline()
	for _, u := range []time.Time{in.burstAt, in.refreshAt, in.lowerAt} {
		if !u.IsZero() && (t.IsZero() || u.Before(t)) {
			t = u
		}
	}
	if len(in.annQueue) > 0 && (t.IsZero() || in.annNext.Before(t)) {
		t = in.annNext
	}
	return t
}
