package config

import (
	"math"
	"net/netip"
	"strings"
	"time"
)

// VRRP constants of keepalived (vrrp.h) and RFC 5798.
const (
	vrrpPrioOwner                       = 255
	vrrpPrioDefault                     = 100
	vrrpAdvertDefault                   = 1
	timerMaxSec                         = 1000 // TIMER_MAX_SEC
	vrrpDownTimerAdverts                = 3
	ifNameSize                          = 16 // IFNAMSIZ
	vrrpAuthLen                         = 8
	stateInit, stateBackup, stateMaster = 0, 1, 2
)

// vinst is a vrrp_instance while it is read (vrrp_t).
type vinst struct {
	name         string
	wantState    int
	basePriority int
	vrid         int
	family       int
	version      int
	ttl          int
	adverInt     uint64 // µs
	preemptDelay uint64 // µs
	nopreempt    bool

	unicastConfigured, unicast, unicastFaultNoPeers, checkUnicastSrc bool
	oldUnicastChecksum                                               string
	saddrFromConfig, trackSaddr                                      bool
	saddr, mcastDst                                                  netip.Addr
	peers                                                            []UnicastPeer

	ifp, configuredIfp, vrfIfp                                     *netif
	nativeIPv6                                                     bool
	vmac, vmacAddrBit, vmacXmitBase, vmacMACSpecified, vmacUseVRID bool
	vmacName, vmacMAC                                              string
	ipvlan                                                         bool
	ipvlanType                                                     string
	ipvlanAddr                                                     *ipPrefix
	dontTrackPrimary                                               bool
	promoteSecondaries                                             bool
	skipCheckAdvAddr                                               bool
	linkbeatPolling                                                bool
	strict                                                         Tri
	accept                                                         Tri
	authType                                                       string
	authData                                                       string
	debug                                                          int

	vips, evips []*vaddr
	vipCnt      int
	vroutes     []*vroute
	vrules      []*vrule

	trackIfs       []*trackIf
	trackScripts   []*trackScr
	trackFiles     []*trackFileRef
	trackProcesses []*trackProc
	trackBFDs      []*trackBFD

	scriptBackup, scriptMaster, scriptFault, scriptStop, scriptDeleted, script, scriptMasterRxLowerPri *Script
	notifyDeleted                                                                                      bool
	smtpAlert, notifyPriorityChanges                                                                   Tri

	garpDelay, garpRefresh, garpLowerPrioDelay *time.Duration
	garpRep, garpRefreshRep                    int
	garpLowerPrioRep                           *int
	garpExtraIf                                *time.Duration
	garpExtraIfAll                             bool
	downTimerAdverts                           int
	lowerPrioNoAdvert, higherPrioSendAdvert    Tri
	kernelRxBufSize                            uint32
	lvsSyncIf                                  string

	sync         *vsync
	configFaults int
}

func (v *vrrpReader) cur() *vinst {
	if len(v.instances) == 0 {
		if v.phantomInstance == nil {
			v.phantomInstance = v.newInstance(phantomName)
		}
		return v.phantomInstance
	}
	return v.instances[len(v.instances)-1]
}

// newInstance is a vrrp_instance as alloc_vrrp() starts it.
func (v *vrrpReader) newInstance(name string) *vinst {
	g := v.global
	vi := &vinst{name: name, ttl: -1, downTimerAdverts: g.DownTimerAdverts}
	if vi.downTimerAdverts == 0 {
		vi.downTimerAdverts = vrrpDownTimerAdverts
	}
	vi.skipCheckAdvAddr = g.SkipCheckAdvAddr
	return vi
}

func (v *vrrpReader) instance(p *pass, l *line) {
	if l.n() != 2 {
		p.report(ClassGeneral, "vrrp_instance must have a name")
		p.skipBlock(true)
		return
	}
	for _, o := range v.instances {
		if o.name == l.words[1] {
			p.report(ClassGeneral, "vrrp instance %s already defined", l.words[1])
			p.skipBlock(true)
			return
		}
	}
	v.instances = append(v.instances, v.newInstance(l.words[1]))
}

// instanceEnd is vrrp_end_handler.
func (v *vrrpReader) instanceEnd(p *pass) {
	vi := v.cur()
	if vi.unicastConfigured && (vi.vmac || vi.ipvlan) {
		if vi.ifp == nil {
			p.report(ClassGeneral, "(%s): Cannot use VMAC/ipvlan with unicast and no interface - clearing use_vmac", vi.name)
			vi.vmac, vi.ipvlan, vi.vmacName = false, false, ""
		} else if !vi.vmacXmitBase {
			p.report(ClassGeneral, "(%s) unicast with use_vmac requires vmac_xmit_base - setting", vi.name)
			vi.vmacXmitBase = true
		}
	}
	if len(vi.peers) == 0 && vi.ttl != -1 {
		p.report(ClassGeneral, "(%s): Cannot use unicast_ttl without unicast peers - resetting", vi.name)
		vi.ttl = 0
	}
	if vi.ifp == nil {
		vi.linkbeatPolling = false
	}
}

func (v *vrrpReader) instanceKeywords() []*keyword {
	bit := func(set func(vi *vinst)) func(p *pass, l *line) {
		return func(p *pass, l *line) { set(v.cur()) }
	}
	return []*keyword{
		kw("use_vmac", v.useVMAC),
		kw("use_vmac_addr", bit(func(vi *vinst) { vi.vmacAddrBit = true })),
		kw("vmac_xmit_base", bit(func(vi *vinst) { vi.vmacXmitBase = true })),
		kw("use_ipvlan", v.useIPVLAN),
		kw("unicast_peer", func(p *pass, l *line) {
			vi := v.cur()
			vi.unicastConfigured = true
			p.valueBlock(l, func(w *line) { v.unicastPeer(p, vi, w) })
		}),
		kw("unicast_fault_no_peer", bit(func(vi *vinst) { vi.unicastConfigured, vi.unicastFaultNoPeers = true, true })),
		kw("check_unicast_src", bit(func(vi *vinst) { vi.unicastConfigured, vi.checkUnicastSrc = true, true })),
		kw("old_unicast_checksum", func(p *pass, l *line) {
			vi := v.cur()
			vi.unicastConfigured = true
			if l.n() >= 2 {
				if l.words[1] == "never" {
					vi.oldUnicastChecksum = "never"
				} else {
					p.report(ClassGeneral, "(%s) Unknown old_unicast_chksum mode %s - ignoring", vi.name, l.words[1])
				}
			} else {
				vi.oldUnicastChecksum = "config"
			}
		}),
		kw("native_ipv6", func(p *pass, l *line) {
			vi := v.cur()
			if vi.family == 4 {
				p.report(ClassGeneral, "(%s) Cannot specify native_ipv6 with IPv4 addresses", vi.name)
				return
			}
			vi.family, vi.version, vi.nativeIPv6 = 6, 3, true
		}),
		kw("state", v.state),
		kw("interface", v.iface),
		kw("vrf", v.vrf),
		kw("dont_track_primary", bit(func(vi *vinst) { vi.dontTrackPrimary = true })),
		kw("track_interface", func(p *pass, l *line) {
			vi := v.cur()
			p.valueBlock(l, func(w *line) { vi.trackIfs = v.addTrackIf(p, vi.name, vi.trackIfs, w) })
		}),
		kw("track_script", func(p *pass, l *line) {
			vi := v.cur()
			p.valueBlock(l, func(w *line) { vi.trackScripts = v.addTrackScript(p, vi.name, vi.trackScripts, w) })
		}),
		kw("track_file", func(p *pass, l *line) {
			vi := v.cur()
			p.valueBlock(l, func(w *line) { vi.trackFiles = v.trackFiles.addRef(p, vi.name, vi.trackFiles, w) })
		}),
		kw("track_process", func(p *pass, l *line) {
			vi := v.cur()
			p.valueBlock(l, func(w *line) { vi.trackProcesses = v.addTrackProcess(p, vi.name, vi.trackProcesses, w) })
		}),
		kw("track_bfd", func(p *pass, l *line) {
			vi := v.cur()
			p.valueBlock(l, func(w *line) { vi.trackBFDs = v.addTrackBFD(p, vi.name, vi.trackBFDs, w) })
		}),
		kw("mcast_src_ip", v.srcIP),
		kw("unicast_src_ip", func(p *pass, l *line) {
			v.cur().unicastConfigured = true
			v.srcIP(p, l)
		}),
		kw("mcast_dst_ip", v.mcastDstIP),
		kw("track_src_ip", bit(func(vi *vinst) { vi.trackSaddr = true })),
		kw("virtual_router_id", func(p *pass, l *line) {
			vi := v.cur()
			n, ok := p.readUnsigned(l.slot(1), 1, 255, false)
			if !ok {
				p.report(ClassGeneral, "(%s): VRID '%s' not valid - must be between 1 & 255", vi.name, l.slot(1))
				return
			}
			vi.vrid = int(n)
		}),
		kw("unicast_ttl", func(p *pass, l *line) {
			vi := v.cur()
			n, ok := p.readUnsigned(l.slot(1), 0, 255, false)
			if !ok {
				p.report(ClassGeneral, "(%s): TTL '%s' not valid - must be between 0 & 255", vi.name, l.slot(1))
				return
			}
			vi.ttl = int(n)
		}),
		kw("version", v.version),
		kw("priority", func(p *pass, l *line) {
			vi := v.cur()
			n, ok := p.readUnsigned(l.slot(1), 1, vrrpPrioOwner, false)
			if !ok {
				p.report(ClassGeneral, "(%s) Priority not valid! must be between 1 & %d. Using default %d", vi.name, vrrpPrioOwner, vrrpPrioDefault)
				vi.basePriority = vrrpPrioDefault
				return
			}
			vi.basePriority = int(n)
		}),
		kw("advert_int", func(p *pass, l *line) {
			vi := v.cur()
			n, ok := p.readDecimal(l.slot(1), timerHz/100, 255*timerHz, 6, true)
			if !ok || n == 0 {
				p.report(ClassGeneral, "(%s) Advert interval (%s) not valid! Must be > 0 - ignoring", vi.name, l.slot(1))
				return
			}
			vi.adverInt = n
		}),
		kw("virtual_ipaddress", func(p *pass, l *line) {
			vi := v.cur()
			p.valueBlock(l, func(w *line) { v.addVIP(p, vi, w) })
		}),
		kw("virtual_ipaddress_excluded", func(p *pass, l *line) {
			vi := v.cur()
			p.valueBlock(l, func(w *line) { vi.evips = v.addAddress(p, vi.evips, w, false) })
		}),
		kw("promote_secondaries", bit(func(vi *vinst) { vi.promoteSecondaries = true })),
		kw("linkbeat_use_polling", func(p *pass, l *line) {
			vi := v.cur()
			vi.linkbeatPolling = true
			p.report(ClassGeneral, "(%s) 'linkbeat_use_polling' in vrrp instance deprecated - use linkbeat_interfaces block", vi.name)
		}),
		kw("virtual_routes", func(p *pass, l *line) {
			vi := v.cur()
			p.valueBlock(l, func(w *line) { vi.vroutes = v.addRoute(p, vi.vroutes, w, false) })
		}),
		kw("virtual_rules", func(p *pass, l *line) {
			vi := v.cur()
			p.valueBlock(l, func(w *line) { vi.vrules = v.addRule(p, vi.vrules, w, false) })
		}),
		kw("accept", bit(func(vi *vinst) { vi.accept = True })),
		kw("no_accept", bit(func(vi *vinst) { vi.accept = False })),
		kw("skip_check_adv_addr", func(p *pass, l *line) {
			vi := v.cur()
			if l.n() >= 2 {
				if _, ok := trueFalse(l.words[1]); !ok {
					p.report(ClassGeneral, "(%s) invalid skip_check_adv_addr %s specified", vi.name, l.words[1])
					return
				}
			}
			// keepalived sets it whatever the value.
			vi.skipCheckAdvAddr = true
		}),
		kw("strict_mode", func(p *pass, l *line) {
			vi := v.cur()
			if l.n() >= 2 {
				b, ok := trueFalse(l.words[1])
				if !ok {
					p.report(ClassGeneral, "(%s) invalid strict_mode %s specified", vi.name, l.words[1])
					return
				}
				vi.strict = tri(b)
				return
			}
			vi.strict = True
		}),
		kw("preempt", bit(func(vi *vinst) { vi.nopreempt = false })),
		kw("nopreempt", bit(func(vi *vinst) { vi.nopreempt = true })),
		kw("preempt_delay", func(p *pass, l *line) {
			vi := v.cur()
			n, ok := p.readDecimal(l.slot(1), 0, timerMaxSec*timerHz, 6, true)
			if !ok {
				p.report(ClassGeneral, "(%s) Preempt_delay not valid! must be between 0-%d", vi.name, timerMaxSec)
				vi.preemptDelay = 0
				return
			}
			vi.preemptDelay = n
		}),
		kw("debug", func(p *pass, l *line) {
			vi := v.cur()
			n, ok := p.readUnsigned(l.slot(1), 0, 4, true)
			if !ok {
				p.report(ClassGeneral, "(%s) Debug value '%s' not valid; must be between 0-4", vi.name, l.slot(1))
				return
			}
			vi.debug = int(n)
		}),
		kw("notify_backup", v.notify("notify_backup", func(vi *vinst) **Script { return &vi.scriptBackup }, 0)),
		kw("notify_master", v.notify("notify_master", func(vi *vinst) **Script { return &vi.scriptMaster }, 0)),
		kw("notify_fault", v.notify("notify_fault", func(vi *vinst) **Script { return &vi.scriptFault }, 0)),
		kw("notify_stop", v.notify("notify_stop", func(vi *vinst) **Script { return &vi.scriptStop }, 0)),
		kw("notify_deleted", func(p *pass, l *line) {
			vi := v.cur()
			if vi.notifyDeleted {
				p.report(ClassGeneral, "(%s) notify_deleted already specified - ignoring %s", vi.name, l.opt(1))
				return
			}
			if l.n() > 1 {
				vi.scriptDeleted = p.notifyScript(l, 0, "notify")
			}
			vi.notifyDeleted = true
		}),
		kw("notify", v.notify("notify", func(vi *vinst) **Script { return &vi.script }, 4)),
		kw("notify_master_rx_lower_pri", v.notify("notify_master_rx_lower_pri", func(vi *vinst) **Script { return &vi.scriptMasterRxLowerPri }, 0)),
		kw("smtp_alert", func(p *pass, l *line) {
			vi := v.cur()
			b := true
			if l.n() >= 2 {
				var ok bool
				if b, ok = trueFalse(l.words[1]); !ok {
					p.report(ClassGeneral, "Invalid vrrp_instance smtp_alert parameter %s", l.words[1])
					return
				}
			}
			vi.smtpAlert = tri(b)
		}),
		kw("notify_priority_changes", func(p *pass, l *line) {
			vi := v.cur()
			b := true
			if l.n() >= 2 {
				var ok bool
				if b, ok = trueFalse(l.words[1]); !ok {
					p.report(ClassGeneral, "(%s) Invalid value '%s' for notify_priority_changes specified", vi.name, l.words[1])
					return
				}
			}
			vi.notifyPriorityChanges = tri(b)
		}),
		kw("lvs_sync_daemon_interface", func(p *pass, l *line) {
			vi := v.cur()
			p.report(ClassGeneral, "(%s) Specifying lvs_sync_daemon_interface against a vrrp is deprecated.", vi.name)
			pad := len(vi.name) - 2
			if pad < 0 {
				pad = 0
			}
			p.report(ClassGeneral, "      %sPlease use global lvs_sync_daemon", strings.Repeat(" ", pad))
			if s := p.cfg.Global.LVSSyncDaemon; s != nil {
				p.report(ClassGeneral, "(%s) lvs_sync_daemon_interface has already been specified as %s - ignoring", vi.name, s.Interface)
				return
			}
			vi.lvsSyncIf = l.slot(1)
			p.cfg.Global.LVSSyncDaemon = &LVSSyncDaemon{Interface: l.slot(1), Instance: vi.name}
		}),
		kw("garp_master_delay", func(p *pass, l *line) {
			vi := v.cur()
			n, ok := p.readUnsigned(l.slot(1), 0, math.MaxUint32/timerHz, true)
			if !ok {
				p.report(ClassGeneral, "(%s): garp_master_delay '%s' invalid - ignoring", vi.name, l.slot(1))
				return
			}
			d := time.Duration(n) * time.Second
			vi.garpDelay = &d
		}),
		kw("garp_master_refresh", func(p *pass, l *line) {
			vi := v.cur()
			n, ok := p.readUnsigned(l.slot(1), 0, math.MaxUint32, true)
			if !ok {
				p.report(ClassGeneral, "(%s): Invalid garp_master_refresh '%s' - ignoring", vi.name, l.slot(1))
				n = 0
			}
			d := time.Duration(n) * time.Second
			vi.garpRefresh = &d
		}),
		kw("garp_master_repeat", func(p *pass, l *line) {
			if n, ok := v.repeat(p, l, "garp_master_repeat"); ok {
				v.cur().garpRep = n
			}
		}),
		kw("garp_master_refresh_repeat", func(p *pass, l *line) {
			if n, ok := v.repeat(p, l, "garp_master_refresh_repeat"); ok {
				v.cur().garpRefreshRep = n
			}
		}),
		kw("garp_lower_prio_delay", func(p *pass, l *line) {
			vi := v.cur()
			n, ok := p.readUnsigned(l.slot(1), 0, math.MaxUint32/timerHz, true)
			if !ok {
				p.report(ClassGeneral, "(%s): garp_lower_prio_delay '%s' invalid - ignoring", vi.name, l.slot(1))
				return
			}
			d := time.Duration(n) * time.Second
			vi.garpLowerPrioDelay = &d
		}),
		kw("garp_lower_prio_repeat", func(p *pass, l *line) {
			vi := v.cur()
			n, ok := p.readUnsigned(l.slot(1), 0, math.MaxInt32, true)
			if !ok {
				p.report(ClassGeneral, "(%s): Invalid garp_lower_prio_repeat '%s'", vi.name, l.slot(1))
				return
			}
			r := int(n)
			vi.garpLowerPrioRep = &r
		}),
		kw("down_timer_adverts", func(p *pass, l *line) {
			vi := v.cur()
			n, ok := p.readUnsigned(l.slot(1), 1, 100, true)
			if !ok {
				p.report(ClassGeneral, "(%s): Invalid down_timer_adverts [1:100] '%s'", vi.name, l.slot(1))
				return
			}
			vi.downTimerAdverts = int(n)
		}),
		kw("garp_extra_if", v.garpExtraIf),
		kw("vmac_garp_intvl", v.garpExtraIf),
		kw("lower_prio_no_advert", v.advertFlag("lower_prio_no_advert", func(vi *vinst) *Tri { return &vi.lowerPrioNoAdvert })),
		kw("higher_prio_send_advert", v.advertFlag("higher_prio_send_advert", func(vi *vinst) *Tri { return &vi.higherPrioSendAdvert })),
		kw("kernel_rx_buf_size", func(p *pass, l *line) {
			vi := v.cur()
			if l.n() == 2 {
				if n, ok := p.readUnsigned(l.words[1], 0, math.MaxUint32, false); ok {
					vi.kernelRxBufSize = uint32(n)
					return
				}
			}
			p.report(ClassGeneral, "(%s) invalid kernel_rx_buf_size specified", vi.name)
		}),
		block("authentication", nil, nil,
			kw("auth_type", func(p *pass, l *line) {
				vi := v.cur()
				switch s := l.slot(1); s {
				case "AH", "PASS":
					vi.authType = s
				default:
					p.report(ClassGeneral, "(%s) unknown authentication type '%s'", vi.name, s)
				}
			}),
			kw("auth_pass", func(p *pass, l *line) {
				vi := v.cur()
				s := l.slot(1)
				if len(s) > vrrpAuthLen {
					s = s[:vrrpAuthLen]
					p.report(ClassGeneral, "Truncating auth_pass to %d characters", vrrpAuthLen)
				}
				vi.authData = s
			})),
	}
}

func (v *vrrpReader) notify(name string, field func(*vinst) **Script, extra int) func(p *pass, l *line) {
	return func(p *pass, l *line) {
		vi := v.cur()
		dst := field(vi)
		if *dst != nil {
			p.report(ClassGeneral, "(%s) %s script already specified - ignoring %s", vi.name, name, l.slot(1))
			return
		}
		*dst = p.notifyScript(l, extra, "notify")
	}
}

func (v *vrrpReader) repeat(p *pass, l *line, name string) (int, bool) {
	vi := v.cur()
	n, ok := p.readUnsigned(l.slot(1), 0, math.MaxUint32, true)
	if !ok {
		p.report(ClassGeneral, "(%s): %s '%s' invalid - ignoring", vi.name, name, l.slot(1))
		return 0, false
	}
	if n == 0 {
		p.report(ClassGeneral, "(%s): %s must be greater than 0, setting to 1", vi.name, name)
		n = 1
	}
	return int(n), true
}

func (v *vrrpReader) advertFlag(name string, field func(*vinst) *Tri) func(p *pass, l *line) {
	return func(p *pass, l *line) {
		vi := v.cur()
		if l.n() >= 2 {
			b, ok := trueFalse(l.words[1])
			if !ok {
				p.report(ClassGeneral, "(%s) invalid %s %s specified", vi.name, name, l.words[1])
				return
			}
			*field(vi) = tri(b)
			return
		}
		*field(vi) = True
	}
}

func (v *vrrpReader) state(p *pass, l *line) {
	vi := v.cur()
	switch s := l.slot(1); s {
	case "MASTER":
		vi.wantState = stateMaster
	case "BACKUP":
		if vi.wantState == stateMaster {
			p.report(ClassGeneral, "(%s) state previously set as MASTER - ignoring BACKUP", vi.name)
		} else {
			vi.wantState = stateBackup
		}
	default:
		p.report(ClassGeneral, "(%s) unknown state '%s', defaulting to BACKUP", vi.name, s)
		vi.wantState = stateBackup
	}
}

func (v *vrrpReader) iface(p *pass, l *line) {
	vi := v.cur()
	name := l.slot(1)
	if len(name) >= ifNameSize {
		p.report(ClassGeneral, "Interface name '%s' too long - ignoring", name)
		return
	}
	vi.ifp = p.ifByName(name, ifCreateIfDynamic)
	switch {
	case vi.ifp == nil:
		p.report(ClassGeneral, "WARNING - interface %s for vrrp_instance %s doesn't exist", name, vi.name)
	case vi.ifp.Loopback:
		p.report(ClassGeneral, "(%s) cannot use a loopback interface (%s) for vrrp - ignoring", vi.name, vi.ifp.Name)
		vi.ifp = nil
	}
	vi.configuredIfp = vi.ifp
}

func (v *vrrpReader) vrf(p *pass, l *line) {
	vi := v.cur()
	name := l.slot(1)
	switch {
	case len(name) >= ifNameSize:
		p.report(ClassGeneral, "(%s) VRF interface name '%s' too long - ignoring", vi.name, name)
		return
	case vi.ifp != nil:
		p.report(ClassGeneral, "(%s) Cannot specify VRF interface and interface - ignoring", vi.name)
		return
	case vi.vrfIfp != nil:
		p.report(ClassGeneral, "(%s) VRF interface already specified as '%s' - ignoring", vi.name, vi.vrfIfp.Name)
		return
	}
	vi.vrfIfp = p.ifByName(name, ifCreateIfDynamic)
	switch {
	case vi.vrfIfp == nil:
		p.report(ClassGeneral, "(%s) WARNING - VRF interface %s doesn't exist", vi.name, name)
	case vi.vrfIfp.Loopback:
		p.report(ClassGeneral, "(%s) cannot use a loopback interface (%s) for VRF - ignoring", vi.name, name)
		vi.vrfIfp = nil
	}
}

func (v *vrrpReader) srcIP(p *pass, l *line) {
	vi := v.cur()
	a, ok := p.sockaddr(l.slot(1), "")
	if !ok {
		p.report(ClassGeneral, "Configuration error: VRRP instance[%s] malformed src address[%s]. Skipping...", vi.name, l.slot(1))
		return
	}
	vi.saddrFromConfig = true
	vi.saddr = a.Addr()
	fam := family(a.Addr())
	if vi.family == 0 {
		vi.family = fam
	} else if fam != vi.family {
		p.report(ClassGeneral, "Configuration error: VRRP instance[%s] and src address[%s] MUST be of the same family !!! Skipping...", vi.name, l.slot(1))
		vi.saddr = netip.Addr{}
		vi.saddrFromConfig = false
	}
}

func family(a netip.Addr) int {
	if a.Is4() {
		return 4
	}
	return 6
}

func (v *vrrpReader) mcastDstIP(p *pass, l *line) {
	vi := v.cur()
	a, ok := p.sockaddr(l.slot(1), "")
	if !ok {
		p.report(ClassGeneral, "(%s) malformed mcast dest address %s. Skipping...", vi.name, l.slot(1))
		return
	}
	vi.mcastDst = a.Addr()
	fam := family(a.Addr())
	if vi.family == 0 {
		vi.family = fam
	} else if fam != vi.family {
		p.report(ClassGeneral, "(%s) mcast dest address %s MUST match VRRP instance family. Skipping...", vi.name, l.slot(1))
		vi.mcastDst = netip.Addr{}
	}
	if d := vi.mcastDst; d.IsValid() && ((d.Is4() && !d.IsMulticast()) || (d.Is6() && !d.IsLinkLocalMulticast())) {
		suffix := ""
		if d.Is6() {
			suffix = " link-local"
		}
		p.report(ClassGeneral, "(%s) mcast_dst_ip %s not%s multicast. Skipping...", vi.name, l.slot(1), suffix)
		vi.mcastDst = netip.Addr{}
	}
}

func (v *vrrpReader) version(p *pass, l *line) {
	vi := v.cur()
	n, ok := p.readInt(l.slot(1), 2, 3, true)
	if !ok {
		p.report(ClassGeneral, "(%s): Version must be either 2 or 3", vi.name)
		return
	}
	if (vi.version != 0 && vi.version != int(n)) || (n == 2 && vi.family == 6) {
		p.report(ClassGeneral, "(%s) vrrp_version %d conflicts with configured or deduced version %d; ignoring.", vi.name, n, vi.version)
		return
	}
	vi.version = int(n)
}

func (v *vrrpReader) garpExtraIf(p *pass, l *line) {
	vi := v.cur()
	name := l.words[0]
	if name == "vmac_garp_intvl" {
		p.report(ClassDeprecated, "Keyword \"vmac_garp_intvl\" is deprecated - please use \"garp_extra_if\"")
	}
	delay := uint64(math.MaxUint32)
	for i := 1; i < l.n(); i++ {
		if l.words[i] == "all" {
			vi.garpExtraIfAll = true
			continue
		}
		n, ok := p.readUnsigned(l.words[i], 0, 86400, true)
		if !ok {
			p.report(ClassGeneral, "(%s): %s '%s' invalid - ignoring", vi.name, name, l.words[i])
			return
		}
		delay = n
	}
	if delay == math.MaxUint32 {
		p.report(ClassGeneral, "(%s): %s specified without time - ignoring", vi.name, name)
		return
	}
	d := time.Duration(delay) * time.Second
	vi.garpExtraIf = &d
}

// unicastPeer is one line of unicast_peer (alloc_vrrp_unicast_peer).
func (v *vrrpReader) unicastPeer(p *pass, vi *vinst, w *line) {
	a, ok := p.sockaddr(w.slot(0), "")
	if !ok {
		p.report(ClassGeneral, "Configuration error: VRRP instance[%s] malformed unicast peer address[%s]. Skipping...", vi.name, w.slot(0))
		return
	}
	fam := family(a.Addr())
	if vi.family == 0 {
		vi.family = fam
	} else if fam != vi.family {
		p.report(ClassGeneral, "Configuration error: VRRP instance[%s] and unicast peer address[%s] MUST be of the same family !!! Skipping...", vi.name, w.slot(0))
		return
	}
	peer := UnicastPeer{Addr: a.Addr(), MaxTTL: 255}
	for i := 1; i < w.n(); i += 2 {
		if i+1 >= w.n() {
			p.report(ClassGeneral, "(%s) %s is missing a value", vi.name, w.words[i])
			break
		}
		ttl, ok := p.readUnsigned(w.words[i+1], 0, 255, false)
		if !ok {
			continue
		}
		switch w.words[i] {
		case "min_ttl":
			peer.MinTTL = int(ttl)
		case "max_ttl":
			peer.MaxTTL = int(ttl)
		default:
			p.report(ClassGeneral, "(%s) unknown unicast_peer option %s", vi.name, w.words[i])
			i = w.n()
			continue
		}
		vi.checkUnicastSrc = true
	}
	if peer.MinTTL > peer.MaxTTL {
		p.report(ClassGeneral, "(%s) min_ttl %d > max_ttl %d - all packets will be discarded", vi.name, peer.MinTTL, peer.MaxTTL)
	}
	vi.peers = append(vi.peers, peer)
}

// addVIP adds a virtual_ipaddress line (alloc_vrrp_vip).
func (v *vrrpReader) addVIP(p *pass, vi *vinst, w *line) {
	n := len(vi.vips)
	vi.vips = v.addAddress(p, vi.vips, w, false)
	if len(vi.vips) == n {
		return
	}
	fam := vi.vips[n].family()
	if vi.family == 0 {
		vi.family = fam
	} else if fam != vi.family {
		p.report(ClassGeneral, "(%s): address family must match VRRP instance [%s] - ignoring", vi.name, w.slot(0))
		vi.vips = vi.vips[:n]
		return
	}
	vi.vipCnt++
}
