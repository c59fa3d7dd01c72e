package vrrp

import "hakeep/vrrp/fsm"

func (in *instance) status() InstanceStatus {
	master, mprio := in.m.Master()
	want := fsm.Backup
	if in.m.WantMaster() {
		want = fsm.Master
	}
	if in.faults > 0 {
		want = fsm.Fault
	}
	s := InstanceStatus{Config: in.cfg, Interface: in.ifname, Version: in.version, IPv6: in.ipv6,
		State: in.m.State(), WantState: want, BasePriority: in.m.BasePriority(), EffectivePriority: in.m.Priority(),
		TotalPriority: in.total, MasterAdverInt: in.m.MasterAdverInt(), DownTimer: in.m.DownTimer(),
		Deadline: in.m.Deadline(), Master: master, MasterPriority: mprio, LastTransition: in.m.LastTransition(),
		Src: in.src, Group: in.mcast, VIPsSet: in.m.VIPsSet(), Faults: in.faults, Stats: in.stats.snapshot(in.m.Stats())}
	if in.group != nil {
		s.SyncGroup = in.group.cfg.Name
	}
	if f, ok := in.conn.(interface{ FD() int }); ok {
		s.FD = f.FD()
	}
	return s
}

func (cur *run) status() Status {
	var st Status
	for _, in := range cur.instances {
		s := in.status()
		if cur.waitsForScripts(in) {
			s.ScriptsInit = 1
		}
		st.Instances = append(st.Instances, s)
	}
	for _, g := range cur.groups {
		gs := GroupStatus{Config: g.cfg, State: fsm.Init}
		if g.g != nil {
			gs.State = g.g.State()
		}
		st.Groups = append(st.Groups, gs)
	}
	for _, name := range cur.scriptOrder {
		s := cur.scripts[name]
		st.Scripts = append(st.Scripts, ScriptStatus{Config: s.cfg, Init: s.init, Good: s.good, Result: s.result})
	}
	return st
}
