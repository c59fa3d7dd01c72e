package config

import "time"

// export fills the VRRP model with what was read and checked.
func (v *vrrpReader) export(cfg *Config) {
	m := &cfg.VRRP
	m.TrackFiles = v.trackFiles.files
	m.TrackProcesses = v.processes
	m.TrackedBFDs = v.bfds
	m.LinkbeatInterfaces = v.linkbeat
	m.UpDownDelays = v.upDownDelays
	for _, s := range v.scripts {
		sc := s.m
		m.Scripts = append(m.Scripts, &sc)
	}
	for _, g := range v.trackGroups {
		m.TrackGroups = append(m.TrackGroups, &TrackGroup{Name: g.name, Instances: g.iname})
	}
	for _, g := range v.garpGroups {
		gg := g.m
		m.GARPGroups = append(m.GARPGroups, &gg)
	}
	m.StaticAddresses = exportAddrs(v.staticAddrs)
	m.StaticRoutes = exportRoutes(v.staticRoutes)
	m.StaticRules = exportRules(v.staticRules)
	for _, vi := range v.instances {
		m.Instances = append(m.Instances, vi.export())
	}
	for _, g := range v.syncGroups {
		sg := &SyncGroup{Name: g.name, Instances: g.iname, Notify: g.script, NotifyMaster: g.scriptMaster,
			NotifyBackup: g.scriptBackup, NotifyFault: g.scriptFault, NotifyStop: g.scriptStop,
			SMTPAlert: g.smtpAlert, TrackingWeight: g.trackingWeight, NotifyPriorityChanges: g.notifyPriorityChanges}
		if len(g.members) > 0 {
			sg.Instances = nil
			for _, mb := range g.members {
				sg.Instances = append(sg.Instances, mb.name)
			}
		}
		sg.TrackInterfaces, sg.TrackScripts, sg.TrackFiles, sg.TrackProcesses, sg.TrackBFDs =
			exportTracks(g.trackIfs, g.trackScripts, g.trackFiles, g.trackProcesses, g.trackBFDs)
		m.SyncGroups = append(m.SyncGroups, sg)
	}
}

func exportAddrs(list []*vaddr) []*IPAddress {
	var out []*IPAddress
	for _, a := range list {
		ia := a.m
		out = append(out, &ia)
	}
	return out
}

func exportRoutes(list []*vroute) []*Route {
	var out []*Route
	for _, r := range list {
		rr := r.m
		out = append(out, &rr)
	}
	return out
}

func exportRules(list []*vrule) []*Rule {
	var out []*Rule
	for _, r := range list {
		rr := r.m
		out = append(out, &rr)
	}
	return out
}

func exportTracks(ifs []*trackIf, scripts []*trackScr, files []*trackFileRef, procs []*trackProc, bfds []*trackBFD) (
	[]TrackedInterface, []TrackedScript, []TrackedFile, []TrackedProcess, []TrackedBFDRef) {
	var ti []TrackedInterface
	for _, t := range ifs {
		ti = append(ti, TrackedInterface{Name: t.ifp.Name, Weight: t.weight, Reverse: t.reverse})
	}
	var ts []TrackedScript
	for _, t := range scripts {
		ts = append(ts, TrackedScript{Name: t.scr.m.Name, Weight: t.weight, Reverse: t.reverse})
	}
	var tf []TrackedFile
	for _, t := range files {
		tf = append(tf, TrackedFile{Name: t.file.Name, Weight: t.weight, Reverse: t.reverse})
	}
	var tp []TrackedProcess
	for _, t := range procs {
		tp = append(tp, TrackedProcess{Name: t.proc.Name, Weight: t.weight, Reverse: t.reverse})
	}
	var tb []TrackedBFDRef
	for _, t := range bfds {
		tb = append(tb, TrackedBFDRef{Name: t.bfd.Name, Weight: t.weight, Reverse: t.reverse})
	}
	return ti, ts, tf, tp, tb
}

func (vi *vinst) export() *Instance {
	in := &Instance{
		Name: vi.name, VRID: vi.vrid, Priority: vi.basePriority, Version: vi.version, Family: vi.family,
		AdvertInt: time.Duration(vi.adverInt) * time.Microsecond, Preempt: !vi.nopreempt,
		PreemptDelay: time.Duration(vi.preemptDelay) * time.Microsecond, Accept: vi.accept, StrictMode: vi.strict,
		DontTrackPrimary: vi.dontTrackPrimary, PromoteSecondaries: vi.promoteSecondaries,
		SkipCheckAdvAddr: vi.skipCheckAdvAddr, LinkbeatUsePolling: vi.linkbeatPolling, NativeIPv6: vi.nativeIPv6,
		McastDstIP: vi.mcastDst, TrackSrcIP: vi.trackSaddr, UnicastPeers: vi.peers, UnicastTTL: vi.ttl,
		UnicastFaultNoPeer: vi.unicastFaultNoPeers, CheckUnicastSrc: vi.checkUnicastSrc,
		OldUnicastChecksum: vi.oldUnicastChecksum, UseVMAC: vi.vmac, VMACName: vi.vmacName, VMACAddr: vi.vmacMAC,
		UseVMACAddr: vi.vmacAddrBit, VMACXmitBase: vi.vmacXmitBase, UseIPVLAN: vi.ipvlan,
		IPVLAN:   IPVLAN{Name: vi.vmacName, Addr: vi.ipvlanAddr.prefix(), Mode: vi.ipvlanType},
		AuthType: vi.authType, AuthPass: vi.authData,
		VIPs: exportAddrs(vi.vips), EVIPs: exportAddrs(vi.evips), Routes: exportRoutes(vi.vroutes), Rules: exportRules(vi.vrules),
		Notify: vi.script, NotifyMaster: vi.scriptMaster, NotifyBackup: vi.scriptBackup, NotifyFault: vi.scriptFault,
		NotifyStop: vi.scriptStop, NotifyDeleted: vi.scriptDeleted, NotifyDeletedSet: vi.notifyDeleted,
		NotifyMasterRxLowerPri: vi.scriptMasterRxLowerPri, NotifyPriorityChanges: vi.notifyPriorityChanges,
		SMTPAlert: vi.smtpAlert, GARPMasterDelay: vi.garpDelay, GARPMasterRepeat: vi.garpRep,
		GARPMasterRefresh: vi.garpRefresh, GARPRefreshRepeat: vi.garpRefreshRep, GARPLowerPrioDelay: vi.garpLowerPrioDelay,
		GARPLowerPrioRepeat: vi.garpLowerPrioRep, GARPExtraIfDelay: vi.garpExtraIf, GARPExtraIfAll: vi.garpExtraIfAll,
		DownTimerAdverts: vi.downTimerAdverts, LowerPrioNoAdvert: vi.lowerPrioNoAdvert,
		HigherPrioSendAdvert: vi.higherPrioSendAdvert, KernelRxBufSize: vi.kernelRxBufSize,
		LVSSyncInterface: vi.lvsSyncIf, Debug: vi.debug, Faults: vi.configFaults,
	}
	switch vi.wantState {
	case stateMaster:
		in.State = "MASTER"
	case stateBackup:
		in.State = "BACKUP"
	}
	if vi.configuredIfp != nil {
		in.Interface = vi.configuredIfp.Name
	}
	if vi.vrfIfp != nil {
		in.VRF = vi.vrfIfp.Name
	}
	if vi.saddrFromConfig {
		if vi.unicastConfigured {
			in.UnicastSrcIP = vi.saddr
		} else {
			in.McastSrcIP = vi.saddr
		}
	}
	if vi.sync != nil {
		in.SyncGroup = vi.sync.name
	}
	in.TrackInterfaces, in.TrackScripts, in.TrackFiles, in.TrackProcesses, in.TrackBFDs =
		exportTracks(vi.trackIfs, vi.trackScripts, vi.trackFiles, vi.trackProcesses, vi.trackBFDs)
	return in
}
