package vrrp

import (
	"fmt"
	"log/slog"
	"net/netip"
	"slices"
	"time"

	"hakeep/vrrp/fsm"
	"hakeep/vrrp/wire"
)

// instance is the runtime of one vrrp_instance. It is owned by the
// engine's loop goroutine, except conn, which its reader also uses.
type instance struct {
	cfg     InstanceConfig
	garp    GARPConfig
	version uint8
	ipv6    bool
	m       *fsm.Machine
	group   *syncGroup

	net    Net
	conn   Conn
	ann    Announcer
	link   Link
	src    netip.Addr   // advert source
	dsts   []netip.Addr // multicast group, or the unicast peers
	addrs  []netip.Addr // advertised VIPs
	expect wire.Expect
	rx     wire.Packet
	tx     []byte
	ipID   uint16
	stats  Stats
	log    *slog.Logger

	// Announcements: a queue paced by vrrp_garp_interval / gna_interval,
	// and the times of the delayed, refresh and lower-priority bursts.
	annQueue  []netip.Addr
	annNext   time.Time
	burstAt   time.Time
	refreshAt time.Time
	lowerAt   time.Time

	// Tracking.
	ifDown map[string]bool
	prio   uint8 // effective priority last set
}

// secondaryPromoter is the optional part of Net that sets
// promote_secondaries on an interface.
type secondaryPromoter interface {
	PromoteSecondaries(ifname string) error
}

// newInstance resolves defaults and opens the instance's socket and
// announcer.
func newInstance(cfg InstanceConfig, g GlobalConfig, n Net, log *slog.Logger) (*instance, error) {
	in := &instance{cfg: cfg, net: n, log: log.With("instance", cfg.Name), ifDown: map[string]bool{}}
	if cfg.VRID == 0 {
		return nil, fmt.Errorf("vrrp_instance %q: the virtual_router_id must be set", cfg.Name)
	}
	for i := range in.cfg.VIPs {
		if in.cfg.VIPs[i].Dev == "" {
			in.cfg.VIPs[i].Dev = cfg.Interface
		}
		in.addrs = append(in.addrs, in.cfg.VIPs[i].Prefix.Addr())
	}
	for i := range in.cfg.ExcludedVIPs {
		if in.cfg.ExcludedVIPs[i].Dev == "" {
			in.cfg.ExcludedVIPs[i].Dev = cfg.Interface
		}
	}
	in.ipv6 = len(in.addrs) > 0 && in.addrs[0].Is6()
	in.version = cfg.Version
	if in.version == 0 {
		in.version = g.Version
		if in.ipv6 || in.version == 0 {
			in.version = 2
			if in.ipv6 {
				in.version = 3
			}
		}
	}
	auth := cfg.Auth
	if in.version == 3 || in.ipv6 && auth.Type == wire.AuthAH || auth.Password == "" {
		// vrrp.c vrrp_complete_instance: v3 has no authentication, AH
		// is IPv4 only, and a type without a password is ignored.
		auth = Auth{}
	}
	in.cfg.Auth = auth
	in.garp = cfg.GARP.merge(g.GARP).merge(keepalivedGARP)

	link, err := n.Link(cfg.Interface)
	if err != nil {
		return nil, fmt.Errorf("vrrp_instance %q: %w", cfg.Name, err)
	}
	in.link = link
	unicast := len(cfg.UnicastPeers) > 0
	switch {
	case unicast && cfg.UnicastSrc.IsValid():
		in.src = cfg.UnicastSrc
	case cfg.McastSrc.IsValid():
		in.src = cfg.McastSrc
	case in.ipv6:
		in.src = link.IPv6LinkLocal
	default:
		in.src = link.IPv4
	}
	if !in.src.IsValid() {
		return nil, fmt.Errorf("vrrp_instance %q: interface %q has no address to send from", cfg.Name, cfg.Interface)
	}
	group := netip.Addr{}
	if unicast {
		in.dsts = slices.Clone(cfg.UnicastPeers)
	} else {
		group = g.McastGroup4
		if in.ipv6 {
			group = g.McastGroup6
		}
		in.dsts = []netip.Addr{group}
	}
	in.expect = wire.Expect{Version: in.version, VRID: cfg.VRID, IPv6: in.ipv6, AuthType: auth.Type, AuthData: auth.key(),
		Addrs: in.addrs, Unicast: unicast, CheckAddrs: true}
	in.expect.Interval = uint16(cfg.AdvertInt / time.Second)
	if in.expect.Interval == 0 && in.version == 2 {
		in.expect.Interval = 1
	}
	if g.CheckUnicastSrc && unicast {
		in.expect.Peers = cfg.UnicastPeers
	}
	proto := wire.Protocol
	if auth.Type == wire.AuthAH {
		proto = wire.ProtocolAH
	}
	in.conn, err = n.OpenConn(ConnSpec{Interface: cfg.Interface, IPv6: in.ipv6, Protocol: proto, Group: group, Src: in.src})
	if err != nil {
		return nil, fmt.Errorf("vrrp_instance %q: %w", cfg.Name, err)
	}
	if cfg.PromoteSecondaries {
		if p, ok := n.(secondaryPromoter); ok {
			if err := p.PromoteSecondaries(cfg.Interface); err != nil {
				in.log.Warn("promote_secondaries", "err", err)
			}
		}
	}
	in.ann, err = n.OpenAnnouncer(cfg.Interface)
	if err != nil {
		in.conn.Close()
		return nil, fmt.Errorf("vrrp_instance %q: %w", cfg.Name, err)
	}
	in.m = fsm.New(fsm.Config{
		Version: in.version, Priority: cfg.Priority, AdvertInt: cfg.AdvertInt, InitialMaster: cfg.InitialMaster,
		Nopreempt: cfg.Nopreempt, PreemptDelay: cfg.PreemptDelay,
		HigherPrioSendAdvert: cfg.HigherPrioSendAdvert || g.HigherPrioSendAdvert,
		LowerPrioNoAdvert:    cfg.LowerPrioNoAdvert || g.LowerPrioNoAdvert,
		AnnounceLowerPrio:    in.garp.LowerPrioRepeat > 0,
		DownTimerAdverts:     cfg.DownTimerAdverts, LocalAddr: in.src,
	})
	in.prio = in.m.BasePriority()
	in.tx = make([]byte, 0, 1500)
	return in, nil
}

func (in *instance) close() {
	in.conn.Close()
	in.ann.Close()
}

// advertInt is the configured interval as the wire carries it.
func (in *instance) advertInt() time.Duration {
	if in.cfg.AdvertInt <= 0 {
		return time.Second
	}
	return in.cfg.AdvertInt
}

// sendAdvert sends one advert to the group or to every unicast peer. The
// IPv4 ID and the AH sequence number advance once per advert, not per
// peer (vrrp.c vrrp_send_adv / vrrp_update_pkt).
func (in *instance) sendAdvert(prio uint8) {
	a := wire.Advert{Version: in.version, Type: wire.TypeAdvert, VRID: in.cfg.VRID, Priority: prio,
		AuthType: in.cfg.Auth.Type, Addrs: in.addrs, HasAuthData: in.version == 2 && !in.ipv6}
	a.SetInterval(in.advertInt())
	if a.AuthType == wire.AuthSimple {
		a.AuthData = in.cfg.Auth.key()
	}
	var key *[wire.AuthLen]byte
	var seq uint32
	if !in.ipv6 {
		in.ipID++
		if in.ipID == 0 {
			in.ipID = 1 // the kernel would fill in a 0 ID
		}
		if a.AuthType == wire.AuthAH {
			k := in.cfg.Auth.key()
			key = &k
			in.expect.LastSeq++
			seq = in.expect.LastSeq
		}
	}
	for _, dst := range in.dsts {
		var b []byte
		var err error
		if in.ipv6 {
			b, err = wire.AppendAdvert(in.tx[:0], &a, in.src, dst)
		} else {
			b, err = wire.AppendIPv4(in.tx[:0], &a, &wire.IPv4Options{Src: in.src, Dst: dst, TOS: wire.TOSNetControl,
				TTL: wire.TTL, ID: in.ipID, Key: key, Seq: seq, Unicast: len(in.cfg.UnicastPeers) > 0})
		}
		if err == nil {
			err = in.conn.Write(b, dst)
		}
		if err != nil {
			in.log.Warn("cannot send advert", "to", dst, "err", err)
		}
	}
	in.stats.AdvertSent++
	if prio == 0 {
		in.stats.PriZeroSent++
	}
}

// receive runs the receive checks on one packet and feeds an accepted
// advert to the state machine.
func (in *instance) receive(b []byte, r Received, now time.Time) {
	// vrrp_skip_check_adv_addr: the current master's address list is
	// trusted once checked.
	src := r.Src
	if !in.ipv6 && len(b) >= 20 {
		src = netip.AddrFrom4([4]byte(b[12:16]))
	}
	master, _ := in.m.Master()
	in.expect.CheckAddrs = !(in.cfg.SkipCheckAdvAddr && master.IsValid() && src == master)
	var reason wire.Reason
	if in.ipv6 {
		reason = in.expect.ReceiveIPv6(b, r.Src, r.Dst, r.HopLimit, &in.rx)
	} else {
		reason = in.expect.ReceiveIPv4(b, &in.rx)
	}
	if reason != wire.Accept {
		in.stats.count(reason)
		if reason != wire.DropVRID {
			in.log.Debug("advert dropped", "from", src, "reason", reason.String())
		}
		return
	}
	if in.rx.Src == in.src {
		return // our own, looped back
	}
	in.stats.AdvertRcvd++
	if in.rx.Advert.Priority == 0 {
		in.stats.PriZeroRcvd++
	}
	in.m.Receive(now, fsm.Advert{Src: in.rx.Src, Priority: in.rx.Advert.Priority, Interval: in.rx.Advert.AdvertInterval()})
}

func (in *instance) allVIPs() []VIP {
	return append(slices.Clone(in.cfg.VIPs), in.cfg.ExcludedVIPs...)
}

func (in *instance) addVIPs(now time.Time) {
	for _, v := range in.allVIPs() {
		if err := in.net.AddAddr(v); err != nil {
			in.log.Warn("cannot add virtual address", "err", err)
		}
	}
	in.burst(now, in.garp.MasterRepeat)
	if in.garp.MasterDelay > 0 {
		in.burstAt = now.Add(in.garp.MasterDelay)
	}
	if in.garp.MasterRefresh > 0 {
		in.refreshAt = now.Add(in.garp.MasterRefresh)
	}
}

func (in *instance) removeVIPs() {
	for _, v := range in.allVIPs() {
		if err := in.net.DelAddr(v); err != nil {
			in.log.Warn("cannot remove virtual address", "err", err)
		}
	}
	in.annQueue = in.annQueue[:0]
	in.burstAt, in.refreshAt, in.lowerAt = time.Time{}, time.Time{}, time.Time{}
}

// burst queues repeat announcements of every virtual address
// (vrrp.c vrrp_send_link_update).
func (in *instance) burst(now time.Time, repeat int) {
	for range repeat {
		for _, v := range in.allVIPs() {
			in.annQueue = append(in.annQueue, v.Prefix.Addr())
		}
	}
	if in.annNext.Before(now) {
		in.annNext = now
	}
}

// announce sends what is due and returns when it next needs the loop.
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
		if err := in.ann.Announce(ip, false); err != nil {
			in.log.Warn("cannot announce", "addr", ip, "err", err)
		}
		gap := in.garp.Interval
		if ip.Is6() {
			gap = in.garp.NAInterval
		}
		if gap > 0 {
			in.annNext = now.Add(gap)
		}
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

// effectivePriority applies the track_interface weights (keepalived
// vrrp_track.c: base plus weights, kept in 1..254 unless the owner is
// untouched).
func effectivePriority(base uint8, delta int) uint8 {
	if delta == 0 {
		return base
	}
	p := int(base) + delta
	if p < 1 {
		p = 1
	}
	if p > fsm.PriorityOwner-1 {
		p = fsm.PriorityOwner - 1
	}
	return uint8(p)
}

func (in *instance) status() InstanceStatus {
	master, mprio := in.m.Master()
	s := in.stats
	ms := in.m.Stats()
	s.BecameMaster, s.ReleasedMaster = ms.BecameMaster, ms.ReleasedMaster
	return InstanceStatus{Name: in.cfg.Name, Interface: in.cfg.Interface, VRID: in.cfg.VRID, Version: in.version,
		State: in.m.State(), BasePriority: in.m.BasePriority(), EffectivePriority: in.m.Priority(),
		AdvertInt: in.advertInt(), MasterAdverInt: in.m.MasterAdverInt(), DownTimer: in.m.DownTimer(),
		Master: master, MasterPriority: mprio, LastTransition: in.m.LastTransition(),
		VIPs: slices.Clone(in.cfg.VIPs), Stats: s}
}
