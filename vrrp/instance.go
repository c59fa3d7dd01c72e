package vrrp

import (
	"context"
	"fmt"
	"log/slog"
	"net/netip"
	"slices"
	"sync/atomic"
	"time"

	"hakeep/vrrp/fsm"
	"hakeep/vrrp/wire"
)

// instance is the runtime of one vrrp_instance. It is owned by the
// engine's loop goroutine, except what its reader uses: conn, rx (the
// receive checks, swapped whole on reload) and the atomic counters.
type instance struct {
	cfg     InstanceConfig
	garp    GARPConfig
	version uint8
	ipv6    bool
	m       *fsm.Machine
	group   *syncGroup

	net     Net
	conn    Conn
	ann     Announcer
	ifname  string // where the instance runs: Interface, or its VMAC
	vmac    string // the VMAC interface we created, "" for none
	src     netip.Addr
	dsts    []netip.Addr // multicast group, or the unicast peers
	mcast   netip.Addr   // the group, invalid for unicast
	addrs   []netip.Addr // advertised VIPs
	tx      []byte
	ipID    uint16
	ahSeq   uint32
	stats   counters
	log     *slog.Logger
	rx      atomic.Pointer[rxCheck]
	master  atomic.Pointer[netip.Addr] // current master, for skip_check_adv_addr
	readerQ chan struct{}              // closed when the reader has ended

	// started is set once the instance has left INIT (it waits for its
	// weight 0 track scripts' first results, as keepalived does).
	started  bool
	initNote bool // the next state log is the "(init)" one
	// carry is the state of the instance this one replaces on reload.
	carry fsm.State
	// deleted is set when a reload removed the instance.
	deleted bool
	// notified is set once the instance has sent a notification.
	notified bool
	// faults and total are the tracking's last verdict: objects down
	// (num_script_if_fault) and base priority plus weights.
	faults, total int

	// Announcements: a queue paced by vrrp_garp_interval / gna_interval,
	// and the times of the delayed, refresh and lower-priority bursts.
	annQueue   []netip.Addr
	annPending map[netip.Addr]bool
	annNext    time.Time
	burstAt    time.Time
	refreshAt  time.Time
	lowerAt    time.Time

	// fwRules is set while keepalived would have its firewall drop rules
	// in place (no accept mode).
	fwRules bool
	// drops limits the reader's messages about dropped packets.
	drops [wire.NumReasons]dropLog
}

// secondaryPromoter is the optional part of Net that sets
// promote_secondaries on an interface.
type secondaryPromoter interface {
	PromoteSecondaries(ifname string) error
}

// Resolve is what an instance's configuration means once keepalived's
// defaults are applied: what the engine runs, compares on reload and
// reports in snapshots.
func Resolve(cfg InstanceConfig, g GlobalConfig) InstanceConfig {
	g = withGlobalDefaults(g)
	cfg.VIPs = slices.Clone(cfg.VIPs)
	cfg.ExcludedVIPs = slices.Clone(cfg.ExcludedVIPs)
	for i := range cfg.VIPs {
		if cfg.VIPs[i].Dev == "" {
			cfg.VIPs[i].Dev = cfg.Interface
		}
	}
	for i := range cfg.ExcludedVIPs {
		if cfg.ExcludedVIPs[i].Dev == "" {
			cfg.ExcludedVIPs[i].Dev = cfg.Interface
		}
	}
	ipv6 := len(cfg.VIPs) > 0 && cfg.VIPs[0].Prefix.Addr().Is6()
	if cfg.Version == 0 {
		cfg.Version = g.Version
		if ipv6 || cfg.Version == 0 {
			cfg.Version = 2
			if ipv6 {
				cfg.Version = 3
			}
		}
	}
	if cfg.Version == 3 || ipv6 && cfg.Auth.Type == wire.AuthAH || cfg.Auth.Password == "" {
		// vrrp.c vrrp_complete_instance: v3 has no authentication, AH
		// is IPv4 only, and a type without a password is ignored.
		cfg.Auth = Auth{}
	}
	if cfg.AdvertInt <= 0 {
		cfg.AdvertInt = time.Second
	}
	if cfg.Priority == 0 {
		cfg.Priority = 100
		if cfg.InitialMaster {
			cfg.Priority = fsm.PriorityOwner
		}
	}
	cfg.CheckUnicastSrc = cfg.CheckUnicastSrc || g.CheckUnicastSrc
	cfg.SkipCheckAdvAddr = cfg.SkipCheckAdvAddr || g.SkipCheckAdvAddr
	cfg.HigherPrioSendAdvert = cfg.HigherPrioSendAdvert || g.HigherPrioSendAdvert
	cfg.LowerPrioNoAdvert = cfg.LowerPrioNoAdvert || g.LowerPrioNoAdvert
	cfg.GARP = cfg.GARP.merge(globalGARP(g.GARP))
	if !cfg.McastGroup.IsValid() {
		cfg.McastGroup = g.McastGroup4
		if ipv6 {
			cfg.McastGroup = g.McastGroup6
		}
	}
	return cfg
}

// globalGARP resolves the global schedule: keepalived's defaults, and the
// lower priority delay and repeat following the master delay and repeat
// when unset (global_data.c, observed: vrrp_garp_master_delay 2 makes the
// lower priority delay 2).
func globalGARP(g GARPConfig) GARPConfig {
	def := keepalivedGARP()
	if g.LowerPrioDelay == 0 && g.MasterDelay != 0 {
		g.LowerPrioDelay = g.MasterDelay
	}
	if g.LowerPrioRepeat == 0 && g.MasterRepeat != 0 {
		g.LowerPrioRepeat = g.MasterRepeat
	}
	return g.merge(def)
}

// fsmConfig is the state machine's view of a resolved configuration.
func (in *instance) fsmConfig() fsm.Config {
	c := in.cfg
	return fsm.Config{
		Version: in.version, Priority: c.Priority, AdvertInt: c.AdvertInt, InitialMaster: c.InitialMaster,
		Nopreempt: c.Nopreempt, PreemptDelay: c.PreemptDelay,
		HigherPrioSendAdvert: c.HigherPrioSendAdvert, LowerPrioNoAdvert: c.LowerPrioNoAdvert,
		AnnounceLowerPrio: in.garp.LowerPrioRepeat > 0,
		DownTimerAdverts:  c.DownTimerAdverts, LocalAddr: in.src,
	}
}

// newInstance resolves defaults and opens the instance's VMAC, socket and
// announcer. cfg must be resolved.
func newInstance(cfg InstanceConfig, g GlobalConfig, n Net, log *slog.Logger) (*instance, error) {
	in := &instance{cfg: cfg, net: n, log: log, garp: cfg.GARP, version: cfg.Version, ifname: cfg.Interface,
		annPending: map[netip.Addr]bool{}, readerQ: make(chan struct{})}
	if cfg.VRID == 0 {
		return nil, fmt.Errorf("(%s) the virtual router id must be set", cfg.Name)
	}
	for _, v := range cfg.VIPs {
		in.addrs = append(in.addrs, v.Prefix.Addr())
	}
	in.ipv6 = len(in.addrs) > 0 && in.addrs[0].Is6()
	link, err := n.Link(cfg.Interface)
	if err != nil {
		return nil, fmt.Errorf("(%s) Unknown interface %s: %w", cfg.Name, cfg.Interface, err)
	}
	if cfg.VMAC != nil {
		if err := in.openVMAC(link); err != nil {
			return nil, err
		}
	}
	unicast := len(cfg.UnicastPeers) > 0
	switch {
	case unicast && cfg.UnicastSrc.IsValid():
		in.src = cfg.UnicastSrc
	case cfg.McastSrc.IsValid():
		in.src = cfg.McastSrc
	case in.ipv6:
		in.src = link.IPv6LinkLocal
		if in.vmac != "" && !(cfg.VMAC.XmitBase) {
			if l, err := n.Link(in.vmac); err == nil && l.IPv6LinkLocal.IsValid() {
				in.src = l.IPv6LinkLocal
			}
		}
	default:
		in.src = link.IPv4
	}
	if !in.src.IsValid() {
		in.closeVMAC()
		return nil, fmt.Errorf("(%s) Cannot find an IP address to use for interface %s", cfg.Name, cfg.Interface)
	}
	if unicast {
		for _, p := range cfg.UnicastPeers {
			in.dsts = append(in.dsts, p.Addr)
		}
	} else {
		in.mcast = cfg.McastGroup
		in.dsts = []netip.Addr{in.mcast}
	}
	in.rx.Store(in.newRxCheck(nil))
	proto := wire.Protocol
	if cfg.Auth.Type == wire.AuthAH {
		proto = wire.ProtocolAH
	}
	sockIf := in.ifname
	if cfg.VMAC != nil && cfg.VMAC.XmitBase {
		sockIf = cfg.Interface
	}
	in.conn, err = n.OpenConn(ConnSpec{Interface: sockIf, IPv6: in.ipv6, Protocol: proto, Group: in.mcast, Src: in.src,
		RxBufSize: g.RxBufSize})
	if err != nil {
		in.closeVMAC()
		return nil, fmt.Errorf("(%s) %w", cfg.Name, err)
	}
	if cfg.PromoteSecondaries {
		if p, ok := n.(secondaryPromoter); ok {
			if err := p.PromoteSecondaries(cfg.Interface); err != nil {
				in.log.Warn(fmt.Sprintf("(%s) promote_secondaries on %s: %v", cfg.Name, cfg.Interface, err))
			}
		}
	}
	in.ann, err = n.OpenAnnouncer(in.ifname)
	if err != nil {
		in.conn.Close()
		in.closeVMAC()
		return nil, fmt.Errorf("(%s) %w", cfg.Name, err)
	}
	in.m = fsm.New(in.fsmConfig())
	in.tx = make([]byte, 0, 1500)
	return in, nil
}

// close ends the instance's I/O; the VMAC goes too unless keep.
func (in *instance) close(keepVMAC bool) {
	in.conn.Close()
	in.ann.Close()
	if !keepVMAC {
		in.closeVMAC()
	}
}

// name is the instance name as keepalived's messages put it.
func (in *instance) name() string { return in.cfg.Name }

// logf logs one of keepalived's LOG_INFO messages.
func (in *instance) logf(format string, args ...any) {
	in.log.Info(fmt.Sprintf("("+in.cfg.Name+") "+format, args...))
}

// detail reports whether keepalived's detailed messages (-D) are on.
func (in *instance) detail() bool { return in.log.Enabled(context.Background(), slog.LevelDebug) }

// detailf logs what keepalived logs only with -D (LOG_DETAIL).
func (in *instance) detailf(format string, args ...any) {
	if in.detail() {
		in.log.Debug(fmt.Sprintf("("+in.cfg.Name+") "+format, args...))
	}
}

// effectivePriority applies the tracking weights (vrrp_track.c
// vrrp_set_effective_priority): base plus weights, kept in 1..254; the
// address owner's priority never moves.
func effectivePriority(base uint8, delta int) uint8 {
	if base == fsm.PriorityOwner {
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
