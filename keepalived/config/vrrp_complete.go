package config

import (
	"net/netip"
	"time"
)

// complete is what vrrp_complete_init() checks once the file is read,
// up to where `keepalived -t` stops (vrrp.c).
func (v *vrrpReader) complete(p *pass) {
	if len(v.instances) > 0 {
		v.scriptSecurity(p)
	}
	for _, vi := range v.instances {
		if vi.vrid == 0 {
			p.report(ClassGeneral, "(%s) the virtual router id must be set", vi.name)
			return
		}
		// keepalived decides on unicast later: an instance without an
		// interface always stops here.
		if vi.ifp == nil {
			p.report(ClassGeneral, "(%s) Unknown interface!", vi.name)
			return
		}
	}
	var groups []*vsync
	for _, g := range v.syncGroups {
		if !g.hasList {
			p.report(ClassGeneral, "Sync group %s has no virtual router(s). removing", g.name)
			continue
		}
		if v.setSyncGroup(p, g) {
			groups = append(groups, g)
		}
	}
	v.syncGroups = groups
	for _, vi := range v.instances {
		if !v.completeInstance(p, vi) {
			return
		}
	}
	if v.vridConflicts(p) {
		return
	}
	v.syncGroupTracking(p)
}

// scriptSecurity is check_vrrp_script_security(): scripts keepalived would
// not run are disabled, and running scripts as root without
// enable_script_security is a security error.
func (v *vrrpReader) scriptSecurity(p *pass) {
	flags := 0
	for _, s := range v.scripts {
		if s.insecure {
			continue
		}
		f := p.checkScript(s.m.Script)
		flags |= f
		switch {
		case f&scInhibit != 0:
			p.report(ClassGeneral, "Disabling track script %s due to insecure", s.m.Name)
			s.insecure = true
		case f&scNotFound != 0:
			p.report(ClassGeneral, "Disabling track script %s since not found/accessible", s.m.Name)
			s.insecure = true
		case f&(scExecutable|scSystem) == 0:
			s.insecure = true
		}
	}
	dropInsecure := func(list []*trackScr) []*trackScr {
		var out []*trackScr
		for _, t := range list {
			if !t.scr.insecure {
				out = append(out, t)
			}
		}
		return out
	}
	for _, vi := range v.instances {
		for _, s := range []*Script{vi.scriptBackup, vi.scriptMaster, vi.scriptFault, vi.scriptStop, vi.scriptDeleted, vi.script, vi.scriptMasterRxLowerPri} {
			flags |= p.checkNotifyScript(s)
		}
		vi.trackScripts = dropInsecure(vi.trackScripts)
	}
	for _, g := range v.syncGroups {
		for _, s := range []*Script{g.scriptBackup, g.scriptMaster, g.scriptFault, g.scriptStop, g.script} {
			flags |= p.checkNotifyScript(s)
		}
		g.trackScripts = dropInsecure(g.trackScripts)
	}
	for _, f := range []*NotifyFIFO{&p.cfg.Global.NotifyFIFO, &p.cfg.Global.VRRPNotifyFIFO} {
		if f.Script != nil && !f.Script.Disabled {
			flags |= p.checkNotifyScript(f.Script)
		}
	}
	if !p.cfg.Global.ScriptSecurity && flags&scIsScript != 0 {
		extra := ""
		if flags&scInsecure != 0 {
			extra = " There are insecure scripts."
		}
		p.report(ClassSecurity, "SECURITY VIOLATION - scripts are being executed but script_security not enabled.%s", extra)
	}
	var kept []*vscript
	for _, s := range v.scripts {
		if !s.insecure {
			kept = append(kept, s)
		}
	}
	v.scripts = kept
}

// setSyncGroup is vrrp_sync_set_group().
func (v *vrrpReader) setSyncGroup(p *pass, g *vsync) bool {
	for _, name := range g.iname {
		var vi *vinst
		for _, o := range v.instances {
			if o.name == name {
				vi = o
				break
			}
		}
		if vi == nil {
			p.report(ClassGeneral, "Virtual router %s specified in sync group %s doesn't exist - ignoring", name, g.name)
			continue
		}
		if vi.sync != nil {
			p.report(ClassGeneral, "Virtual router %s cannot exist in more than one sync group; ignoring %s", name, g.name)
			continue
		}
		g.members = append(g.members, vi)
		vi.sync = g
		if g.state == stateMaster && vi.wantState == stateBackup {
			p.report(ClassGeneral, "Sync group %s has some member(s) as address owner and some not as address owner. This won't work.", g.name)
		}
		if g.state != stateBackup {
			g.state = stateBackup
			if vi.wantState == stateMaster && vi.basePriority == vrrpPrioOwner {
				g.state = stateMaster
			}
		}
	}
	if len(g.members) == 0 {
		p.report(ClassGeneral, "Sync group %s, no matching virtual router found in group declaration - removing", g.name)
		return false
	}
	if len(g.members) == 1 {
		p.report(ClassGeneral, "Sync group %s has only 1 virtual router(s) - this probably isn't what you want", g.name)
	}
	return true
}

// completeInstance is vrrp_complete_instance(): defaults derived from the
// rest of the configuration and the checks between settings.
func (v *vrrpReader) completeInstance(p *pass, vi *vinst) bool {
	g := &p.cfg.Global
	if vi.strict == Unset {
		vi.strict = tri(g.VRRPStrict)
	}
	strict := vi.strict == True
	if vi.family == 6 {
		if vi.version == 2 && strict {
			p.report(ClassGeneral, "(%s) cannot use IPv6 with VRRP version 2; setting version 3", vi.name)
			vi.version = 3
		} else if vi.version == 0 {
			vi.version = 3
		}
	}
	if vi.family == 0 {
		vi.family = 4
	}
	if vi.version == 0 {
		vi.version = g.VRRPVersion
		if vi.version == 0 {
			vi.version = 2
		}
	}
	if vi.family == 4 && vi.ttl == -1 {
		vi.ttl = 255
	}
	if len(vi.vips) == 0 {
		if vi.version == 3 || strict {
			p.report(ClassGeneral, "(%s) No VIP specified; at least one is required", vi.name)
			return false
		}
		p.report(ClassGeneral, "(%s) No VIP specified; at least one is sensible", vi.name)
	}
	if vi.basePriority == 0 {
		vi.basePriority = vrrpPrioDefault
		if vi.wantState == stateMaster {
			vi.basePriority = vrrpPrioOwner
		}
	}
	owner := vi.basePriority == vrrpPrioOwner
	if vi.wantState == stateInit {
		vi.wantState = stateBackup
		if owner {
			vi.wantState = stateMaster
		}
	} else if strict && (vi.wantState == stateMaster) != owner {
		p.report(ClassGeneral, "(%s) State MASTER must match being address owner", vi.name)
		vi.wantState = stateBackup
		if owner {
			vi.wantState = stateMaster
		}
	}
	if vi.authType != "" {
		switch {
		case strict:
			p.report(ClassGeneral, "(%s) Strict mode does not support authentication. Ignoring.", vi.name)
			vi.authType = ""
		case vi.version == 3:
			p.report(ClassGeneral, "(%s) VRRP version 3 does not support authentication. Ignoring.", vi.name)
			vi.authType = ""
		case vi.authData == "":
			p.report(ClassGeneral, "(%s) Authentication specified but no password given. Ignoring", vi.name)
			vi.authType = ""
		case vi.family == 6 && vi.authType == "AH":
			p.report(ClassGeneral, "(%s) Cannot use AH authentication with IPv6. ignoring", vi.name)
			vi.authType = ""
		case vi.authType == "AH" && vi.wantState == stateMaster && !owner:
			p.report(ClassGeneral, "(%s) Initial state master is incompatible with AH authentication - clearing", vi.name)
			vi.wantState = stateBackup
		}
	}
	if vi.unicastConfigured {
		switch {
		case len(vi.peers) > 0:
			vi.unicast = true
		case vi.unicastFaultNoPeers:
			p.logf("(%s) Cannot use unicast without any peers - going to fault state", vi.name)
			vi.configFaults++
		default:
			p.report(ClassDeprecated, "(%s) A unicast keyword has been specified without any unicast peers. Defaulting to multicast. This usage is deprecated - please update your configuration.", vi.name)
		}
	}
	if strict && vi.vmacMACSpecified {
		p.report(ClassGeneral, "(%s): cannot specify MAC address with strict mode - clearing", vi.name)
		vi.vmacMACSpecified, vi.vmacMAC = false, ""
	}
	if (vi.vmac || vi.ipvlan) && vi.ifp.Index != 0 && !vi.ifp.Ether {
		vi.vmac, vi.ipvlan, vi.vmacAddrBit, vi.vmacXmitBase = false, false, false, false
		p.report(ClassGeneral, "(%s): vmacs are only supported on Ethernet type interfaces", vi.name)
		vi.configFaults++
	}
	if vi.ifp.Index != 0 && !vi.ifp.Multicast && !vi.unicast {
		p.report(ClassGeneral, "(%s) interface %s does not support multicast, specify unicast peers - disabling", vi.name, vi.ifp.Name)
		vi.configFaults++
	}
	if vi.family == 6 && !vi.unicast && len(vi.vips) > 0 && !vi.vips[0].m.Addr.Addr().IsLinkLocalUnicast() {
		if strict {
			p.report(ClassGeneral, "(%s) the first IPv6 VIP address must be link local", vi.name)
		} else {
			p.logf("(%s) the first IPv6 VIP address should be link local", vi.name)
		}
	}
	if vi.vrfIfp != nil && (vi.ifp != nil || !vi.unicast) {
		what := " unicast"
		if vi.ifp != nil {
			what = "out interface"
		}
		p.report(ClassGeneral, "(%s) vrf can only be specified with%s - clearing", vi.name, what)
		vi.vrfIfp = nil
	}
	v.limitVIPs(p, vi)
	if owner && vi.nopreempt {
		p.report(ClassGeneral, "(%s) nopreempt is incompatible with priority %d. resetting nopreempt", vi.name, vrrpPrioOwner)
		vi.nopreempt = false
	}
	if vi.wantState == stateMaster {
		if vi.nopreempt {
			p.report(ClassGeneral, "(%s) Warning - nopreempt will not work with initial state MASTER - clearing", vi.name)
			vi.nopreempt = false
		}
		if vi.preemptDelay != 0 {
			p.report(ClassGeneral, "(%s) Warning - preempt delay will not work with initial state MASTER - clearing", vi.name)
			vi.preemptDelay = 0
		}
	}
	if vi.preemptDelay != 0 {
		if strict {
			p.report(ClassGeneral, "(%s) preempt_delay is incompatible with strict mode - resetting", vi.name)
			vi.preemptDelay = 0
		}
		if vi.nopreempt {
			p.report(ClassGeneral, "(%s) preempt_delay is incompatible with nopreempt mode - resetting", vi.name)
			vi.preemptDelay = 0
		}
	}
	if vi.downTimerAdverts != vrrpDownTimerAdverts && strict {
		p.report(ClassGeneral, "(%s) down_timer_adverts is incompatible with strict mode - resetting", vi.name)
		vi.downTimerAdverts = vrrpDownTimerAdverts
	}
	if vi.accept == Unset {
		vi.accept = tri(owner || !strict)
	}
	if vi.accept == True && !owner && strict && vi.version == 2 {
		p.report(ClassGeneral, "(%s) warning - accept mode for VRRP version 2 does not comply with RFC3768 - resetting", vi.name)
		vi.accept = False
	}
	if vi.unicast && vi.mcastDst.IsValid() {
		p.report(ClassGeneral, "(%s) multicast destination specified with unicast - ignoring", vi.name)
		vi.mcastDst = netip.Addr{}
	}
	v.strictGARP(p, vi, strict)
	v.advertInt(p, vi)
	v.completeVMAC(p, vi, strict)
	v.completeTracking(p, vi)
	if len(vi.vips) == 0 {
		if vi.version == 3 || vi.family == 6 || strict {
			p.report(ClassGeneral, "(%s) No VIP specified; at least one is required", vi.name)
			return false
		}
		p.report(ClassWarning, "(%s) No VIP specified; at least one is sensible", vi.name)
	}
	v.ownerWeights(p, vi)
	return true
}

// limitVIPs moves what does not fit in an advert to the eVIPs.
func (v *vrrpReader) limitVIPs(p *pass, vi *vinst) {
	mtu := 1500
	if vi.ifp != nil && vi.ifp.MTU != 0 {
		mtu = vi.ifp.MTU
	}
	var hdr, size int
	if vi.family == 4 {
		hdr, size = 14+20+8, 4
		if vi.version == 2 {
			hdr += vrrpAuthLen
			if vi.authType == "AH" {
				hdr += 24
			}
		}
	} else {
		hdr, size = 14+40+8, 16
	}
	max := (mtu - hdr) / size
	if max > 255 {
		max = 255
	}
	if len(vi.vips) > 0 && vi.vipCnt > max {
		p.report(ClassGeneral, "(%s) Number of VIPs (%d) exceeds maximum/space available in packet (max %d addresses) - excess moved to eVIPs", vi.name, vi.vipCnt, max)
		vi.evips = append(vi.evips, vi.vips[max:]...)
		vi.vips = vi.vips[:max]
		vi.vipCnt = max
	}
}

// strictGARP applies strict mode's rules on gratuitous ARPs and adverts.
func (v *vrrpReader) strictGARP(p *pass, vi *vinst, strict bool) {
	if vi.garpLowerPrioRep != nil && strict && *vi.garpLowerPrioRep != 0 {
		p.report(ClassGeneral, "(%s) Strict mode requires no repeat garps. resetting", vi.name)
		zero := 0
		vi.garpLowerPrioRep = &zero
	}
	if vi.garpLowerPrioDelay != nil && strict && *vi.garpLowerPrioDelay != 0 {
		p.report(ClassGeneral, "(%s) Strict mode requires no repeat garp delay. resetting", vi.name)
		zero := time.Duration(0)
		vi.garpLowerPrioDelay = &zero
	}
	if vi.lowerPrioNoAdvert != Unset && strict && vi.lowerPrioNoAdvert == False {
		p.report(ClassGeneral, "(%s) Strict mode requires no lower priority advert. resetting", vi.name)
		vi.lowerPrioNoAdvert = True
	}
	if vi.higherPrioSendAdvert != Unset && strict && vi.higherPrioSendAdvert == True {
		p.report(ClassGeneral, "(%s) strict mode requires higher_prio_send_advert to be clear. resetting", vi.name)
		vi.higherPrioSendAdvert = False
	}
}

// advertInt checks the advertisement interval against what the version
// can carry (seconds for VRRPv2, centiseconds below 40.96s for VRRPv3).
func (v *vrrpReader) advertInt(p *pass, vi *vinst) {
	if vi.adverInt == 0 {
		vi.adverInt = vrrpAdvertDefault * timerHz
	}
	secs := float64(vi.adverInt) / timerHz
	if vi.version == 2 {
		switch {
		case vi.adverInt >= 256*timerHz:
			p.report(ClassGeneral, "(%s) VRRPv2 advertisement interval %.2fs is out of range. Must be less than %ds. Setting to %ds", vi.name, secs, 256, 255)
			vi.adverInt = 255 * timerHz
		case vi.adverInt%timerHz != 0:
			p.report(ClassGeneral, "(%s) VRRPv2 advertisement interval %fs must be an integer. rounding", vi.name, secs)
			vi.adverInt += timerHz / 2
			vi.adverInt -= vi.adverInt % timerHz
			if vi.adverInt == 0 {
				vi.adverInt = timerHz
			}
		}
		return
	}
	const centi = timerHz / 100
	switch {
	case vi.adverInt >= 4096*centi:
		p.report(ClassGeneral, "(%s) VRRPv3 advertisement interval %.2fs is out of range. Must be less than %.2fs. Setting to %.2fs", vi.name, secs, 40.96, 40.95)
		vi.adverInt = 4095 * centi
	case vi.adverInt%centi != 0:
		p.report(ClassGeneral, "(%s) VRRPv3 advertisement interval %fs must be in units of 10ms - rounding", vi.name, secs)
		vi.adverInt += centi / 2
		vi.adverInt -= vi.adverInt % centi
		if vi.adverInt == 0 {
			vi.adverInt = centi
		}
	}
}

// completeVMAC checks the VMAC and IPVLAN settings.
func (v *vrrpReader) completeVMAC(p *pass, vi *vinst, strict bool) {
	if vi.vmac || vi.ipvlan {
		if vi.vmac && strict && vi.vmacXmitBase {
			p.report(ClassGeneral, "(%s) xmit_base is incompatible with strict mode - resetting", vi.name)
			vi.vmacXmitBase = false
		}
		if vi.promoteSecondaries {
			p.report(ClassGeneral, "(%s) promote_secondaries is automatically set for vmacs - ignoring", vi.name)
			vi.promoteSecondaries = false
		}
	}
	if vi.ipvlan {
		switch {
		case vi.family == 4 && vi.ipvlanAddr == nil:
			p.report(ClassGeneral, "(%s) IPv4 ipvlan requires a source ip address to be configured. setting instance to fault state", vi.name)
			vi.configFaults++
		case vi.ipvlanAddr != nil && family(vi.ipvlanAddr.Addr) != vi.family:
			p.report(ClassGeneral, "(%s) IPv4 ipvlan address family does not match instance. setting instance to fault state", vi.name)
			vi.configFaults++
		}
	}
	if vi.vmacXmitBase && !vi.vmac {
		p.report(ClassGeneral, "(%s) vmac_xmit_base is only valid with a vmac", vi.name)
		vi.vmacXmitBase = false
	}
}

// completeTracking drops tracking of the instance's own interface.
func (v *vrrpReader) completeTracking(p *pass, vi *vinst) {
	var kept []*trackIf
	for _, t := range vi.trackIfs {
		if t.ifp == vi.configuredIfp {
			p.report(ClassGeneral, "(%s) Ignoring track_interface %s since own interface", vi.name, vi.configuredIfp.Name)
			continue
		}
		kept = append(kept, t)
	}
	vi.trackIfs = kept
}

// ownerWeights drops weights that cannot apply: in a sync group without
// sync_group_tracking_weight, or for the address owner.
func (v *vrrpReader) ownerWeights(p *pass, vi *vinst) {
	inSync := vi.sync != nil && !vi.sync.trackingWeight
	if !inSync && vi.basePriority != vrrpPrioOwner {
		return
	}
	why, why2 := "address owner", "address_owner"
	weightWord := ""
	if inSync {
		why, why2, weightWord = "SYNC group", "SYNC group", "weight "
	}
	var ifs []*trackIf
	for _, t := range vi.trackIfs {
		if t.weight != 0 {
			p.report(ClassGeneral, "(%s) ignoring %s tracked interface %sdue to %s", vi.name, t.ifp.Name, weightWord, why)
			if !inSync {
				continue
			}
			t.weight = 0
		}
		ifs = append(ifs, t)
	}
	vi.trackIfs = ifs
	var scripts []*trackScr
	for _, t := range vi.trackScripts {
		if t.weight != 0 {
			p.report(ClassGeneral, "(%s) ignoring tracked script %s with weights due to %s", vi.name, t.scr.m.Name, why2)
			continue
		}
		scripts = append(scripts, t)
	}
	vi.trackScripts = scripts
	var files []*trackFileRef
	for _, t := range vi.trackFiles {
		switch {
		case t.weight == 1:
			p.report(ClassGeneral, "(%s) ignoring weight from tracked file %s due to %s. specify weight 0", vi.name, t.file.Name, why2)
			t.weight = 0
		case t.weight != 0:
			p.report(ClassGeneral, "(%s) ignoring tracked file %s with weight %d due to %s", vi.name, t.file.Name, t.weight, why2)
			continue
		}
		files = append(files, t)
	}
	vi.trackFiles = files
	var bfds []*trackBFD
	for _, t := range vi.trackBFDs {
		if t.weight != 0 {
			p.report(ClassGeneral, "(%s) ignoring tracked bfd %s with weight %d due to %s", vi.name, t.bfd.Name, t.weight, why2)
			continue
		}
		bfds = append(bfds, t)
	}
	vi.trackBFDs = bfds
}

// vridConflicts is check_vrid_conflicts(): two instances may not use the
// same VRID on the same interface and group (multicast), or with the same
// addresses and a common peer (unicast).
func (v *vrrpReader) vridConflicts(p *pass) bool {
	bad := false
	for i, a := range v.instances {
		for _, b := range v.instances[i+1:] {
			if a.family != b.family || a.vrid != b.vrid || a.unicast != b.unicast {
				continue
			}
			if a.unicast {
				if a.ifp != nil && b.ifp != nil && a.ifp != b.ifp {
					continue
				}
				sa, sb := a.localAddr(), b.localAddr()
				if !sa.IsValid() || !sb.IsValid() || sa != sb {
					continue
				}
				common := false
				for _, pa := range a.peers {
					for _, pb := range b.peers {
						if pa.Addr == pb.Addr {
							common = true
						}
					}
				}
				if !common {
					continue
				}
				p.report(ClassGeneral, "(%s) duplicate VRID conflict with %s VRID %d", a.name, b.name, a.vrid)
				bad = true
				continue
			}
			if a.configuredIfp != b.configuredIfp {
				continue
			}
			if v.mcastGroup(p, a) != v.mcastGroup(p, b) {
				continue
			}
			if a.configuredIfp.Index != 0 {
				p.report(ClassGeneral, "%s and %s both use VRID %d with IPv%d on interface %s", a.name, b.name, a.vrid, a.family, a.configuredIfp.Name)
				bad = true
			}
		}
	}
	return bad
}

// localAddr is the address an instance sends from, when known now.
func (vi *vinst) localAddr() (a netip.Addr) {
	if vi.saddrFromConfig {
		return vi.saddr
	}
	if vi.ifp == nil {
		return a
	}
	if vi.family == 4 {
		return vi.ifp.IPv4
	}
	return vi.ifp.IPv6
}

func (v *vrrpReader) mcastGroup(p *pass, vi *vinst) string {
	if vi.mcastDst.IsValid() {
		return vi.mcastDst.String()
	}
	if vi.family == 4 {
		if g := p.cfg.Global.McastGroup4; g.IsValid() {
			return g.String()
		}
		return "224.0.0.18"
	}
	if g := p.cfg.Global.McastGroup6; g.IsValid() {
		return g.String()
	}
	return "ff02::12"
}

// syncGroupTracking is sync_group_tracking_init(): weights on what a sync
// group tracks cannot apply when a member owns its addresses.
func (v *vrrpReader) syncGroupTracking(p *pass) {
	for _, g := range v.syncGroups {
		if len(g.members) == 0 {
			continue
		}
		owner := false
		for _, m := range g.members {
			if m.basePriority == vrrpPrioOwner {
				owner = true
			}
		}
		if !owner {
			continue
		}
		warn := func(kind, name, tail string) {
			p.report(ClassGeneral, "(%s) Cannot have weighted track %s '%s' with member having priority %d - %s", g.name, kind, name, vrrpPrioOwner, tail)
		}
		for _, t := range g.trackScripts {
			if t.weight != 0 {
				warn("script", t.scr.m.Name, "clearing weight")
				t.weight = 0
			}
		}
		for _, t := range g.trackFiles {
			if t.weight != 0 {
				warn("file", t.file.Name, "setting weight 0")
				t.weight = 0
			}
		}
		for _, t := range g.trackProcesses {
			if t.weight != 0 {
				warn("process", t.proc.Name, "setting weight 0")
				t.weight = 0
			}
		}
		for _, t := range g.trackBFDs {
			if t.weight != 0 {
				warn("bfd", t.bfd.Name, "setting weight 0")
				t.weight = 0
			}
		}
		for _, t := range g.trackIfs {
			if t.weight != 0 {
				warn("interface", t.ifp.Name, "clearing weight")
				t.weight = 0
			}
		}
	}
}
