package lvs

import (
	"slices"
	"time"

	"hakeep/ipvs"
)

// reload is keepalived's checker reload (SIGHUP, reload_check_thread()
// and start_check()): the new configuration takes over the state of what
// it keeps, what it drops is removed from IPVS, what it adds is set up as
// on a start; all checkers start again.
func (c *core) reload(now time.Time, cfg *Config) {
	// The old checkers stop: results of their runs under way are dropped.
	for _, ck := range c.checkers {
		c.schedule(ck, time.Time{})
	}
	old := *c
	c.cfg = cfg
	c.vss, c.checkers = buildServers(cfg)
	c.readFiles()
	c.reloading = true
	defer func() { c.reloading = false }()
	c.now = now
	// validate_check_config() ends with set_quorum_states().
	c.setQuorumStates()
	for _, ck := range c.checkers {
		if ck.cfg.Type == FileCheck {
			fileWeight(ck)
		}
	}
	c.clearDiffServices(&old)
	for _, ck := range c.checkers {
		if ck.cfg.Type == FileCheck {
			c.fileDownOnReload(ck)
		}
	}
	setEffectiveWeights(c.checkers)
	c.checkNewRSState()
	c.initServices()
	c.registerCheckers(now)
}

// fileWeight is set_track_file_weights() for one FILE_CHECK.
func fileWeight(ck *checker) {
	if f, v := ck.cfg.File, ck.file.last; v != 0 && f.Weight != 0 {
		ck.curWeight = v * fileMultiplier(f)
	}
}

// fileDownOnReload is set_track_file_checkers_down() on a reload: a file
// whose value fails its checker is replayed as a change from 0.
func (c *core) fileDownOnReload(ck *checker) {
	f, v := ck.cfg.File, ck.file.last
	if v == 0 || (f.Weight != 0 && v*fileMultiplier(f) > ipvsWeightFault) {
		return
	}
	ck.file.last = 0
	c.fileChanged(ck, v)
}

// vsEqual is vs_iseq(): the same virtual server in two configurations.
func vsEqual(a, b *VirtualServer) bool {
	switch {
	case (a.Group == nil) != (b.Group == nil):
		return false
	case a.Group != nil:
		return a.GroupIndex == b.GroupIndex && a.Group.Name == b.Group.Name
	case a.Family != b.Family && (a.FWMark != 0 || b.FWMark != 0):
		return false
	case a.FWMark != 0:
		return a.FWMark == b.FWMark
	}
	return a.Protocol == b.Protocol && a.Addr == b.Addr
}

// clearDiffServices is clear_diff_services().
func (c *core) clearDiffServices(old *core) {
	// Commands on the old virtual servers count destinations in the old
	// groups' entries; the counts of kept entries then replace the new
	// ones (update_alive_counts()).
	counts := old.vsge
	c.vsge = map[vsgeKey]int{}
	for _, ovs := range old.vss {
		i := slices.IndexFunc(c.vss, func(n *vsState) bool { return vsEqual(ovs.cfg, n.cfg) })
		if i < 0 {
			if ovs.cfg.Group != nil {
				c.logf("Removing Virtual Server Group [%s]", ovs.cfg.Group.Name)
			} else {
				c.logf("Removing Virtual Server %s", ovs.cfg)
			}
			c.onOld(counts, func() { c.clearServiceVS(ovs, false) })
			continue
		}
		nvs := c.vss[i]
		nvs.alive, nvs.quorumUp, nvs.reloaded = ovs.alive, ovs.quorumUp, true
		nvs.haSuspendCount = ovs.haSuspendCount
		if ovs.cfg.Group != nil {
			c.clearDiffVSG(counts, ovs, nvs)
		}
		o, n := ovs.cfg, nvs.cfg
		if o.Scheduler != n.Scheduler || o.Flags != n.Flags || o.PE != n.PE || o.Netmask != n.Netmask || o.Mask4 != n.Mask4 || o.Timeout != n.Timeout {
			c.ipvsCmd(opEdit, nvs, nil)
		}
		// The old virtual server notifies as it goes, as under omega.
		ocfg := *ovs.cfg
		ocfg.Omega = true
		ovs.cfg = &ocfg
		c.clearDiffRS(counts, ovs, nvs)
		c.onOld(counts, func() { c.clearDiffSorry(ovs, nvs) })
		if ovs.cfg.Group != nil {
			for j, e := range nvs.cfg.Group.Entries {
				k := slices.Index(ovs.cfg.Group.Entries, e)
				if k < 0 {
					continue
				}
				for _, kind := range []int{6, 17, 132, -4, -6} {
					if v := counts[vsgeKey{ovs.cfg.Group.Name, k, kind}]; v != 0 {
						c.vsge[vsgeKey{nvs.cfg.Group.Name, j, kind}] = v
					}
				}
			}
		}
	}
}

// clearDiffVSG is clear_diff_vsg(): group entries that are gone are
// removed; those kept are marked so that they are not added again.
func (c *core) clearDiffVSG(counts map[vsgeKey]int, ovs, nvs *vsState) {
	for i, e := range ovs.cfg.Group.Entries {
		if j := slices.Index(nvs.cfg.Group.Entries, e); j >= 0 {
			nvs.groupReloaded[j] = true
			continue
		}
		switch {
		case e.FWMark != 0:
			c.logf("VS [%d] in group %s no longer exists", e.FWMark, ovs.cfg.Group.Name)
		default:
			c.logf("VS [%s] in group %s no longer exists", entryString(e, ovs.cfg.Protocol), ovs.cfg.Group.Name)
		}
		c.groupRemoveEntry(ovs, i, counts)
	}
}

// groupRemoveEntry is ipvs_group_remove_entry(): the live real servers
// out of the entry's services, and the services removed if no
// destination is counted in them.
func (c *core) groupRemoveEntry(vs *vsState, i int, counts map[vsgeKey]int) {
	e := vs.cfg.Group.Entries[i]
	s := c.setSrule(opDelDest, vs)
	if e.FWMark != 0 {
		s.FWMark = e.FWMark
	} else {
		s.Port = e.Port
	}
	if c.cfg.FlushOnStop == FlushNone {
		for _, rs := range vs.rs {
			if !rs.alive {
				continue
			}
			d := setDrule(rs)
			if s.FWMark != 0 {
				c.talk(opDelDest, s, d)
			} else {
				c.rangeCmd(opDelDest, s, d, e)
			}
		}
	}
	if counts[vsgeKey{vs.cfg.Group.Name, i, aliveKind(vs, e)}] == 0 {
		if s.FWMark != 0 {
			c.talk(opDel, s, ipvs.Destination{})
		} else {
			c.rangeCmd(opDel, s, ipvs.Destination{}, e)
		}
	}
}

// syncServiceVSG is sync_service_vsg(): entries a reload added to a
// group get the real servers the group's other services have.
func (c *core) syncServiceVSG(vs *vsState) {
	g := vs.cfg.Group
	for i, e := range g.Entries {
		if vs.groupReloaded[i] {
			continue
		}
		if e.FWMark != 0 {
			c.logf("VS [FWM %d] added into group %s", e.FWMark, g.Name)
		} else {
			c.logf("VS [%s] added into group %s", entryString(e, vs.cfg.Protocol), g.Name)
		}
		s := c.setSrule(opAddDest, vs)
		if e.FWMark != 0 {
			s.FWMark = e.FWMark
		} else {
			s.Port = e.Port
		}
		for _, rs := range vs.rs {
			if !rs.reloaded || !(rs.alive || (rs.inhibit && rs.set)) {
				continue
			}
			d := setDrule(rs)
			if rs.inhibit && !rs.alive {
				d.Weight = 0
			}
			if s.FWMark != 0 {
				c.talk(opAddDest, s, d)
			} else {
				c.rangeCmd(opAddDest, s, d, e)
			}
		}
	}
}

// clearDiffRS is clear_diff_rs(): real servers that are gone are
// removed; the others keep their state.
func (c *core) clearDiffRS(counts map[vsgeKey]int, ovs, nvs *vsState) {
	if len(ovs.rs) == 0 {
		return
	}
	for _, ors := range ovs.rs {
		i := slices.IndexFunc(nvs.rs, func(n *rsState) bool { return n.cfg.Addr == ors.cfg.Addr })
		if i < 0 {
			c.logf("service %s no longer exist", rsString(ors.cfg, ovs.cfg))
			c.onOld(counts, func() { c.clearServiceRS(ovs, ors, false) })
			continue
		}
		nrs := nvs.rs[i]
		nrs.alive, nrs.set = ors.alive, ors.set
		nrs.effWeight, nrs.pEffWeight = ors.effWeight, ors.effWeight
		nrs.reloaded = true
		c.migrateCheckers(nvs, ors, nrs)
		o, n := ors.cfg, nrs.cfg
		if (nrs.alive && nrs.effWeight != ors.effWeight) || o.TunnelType != n.TunnelType || o.TunnelPort != n.TunnelPort ||
			o.TunnelFlags != n.TunnelFlags || o.Method != n.Method {
			c.ipvsCmd(opEditDest, nvs, nrs)
		}
	}
	c.updateVSNotifies(ovs, false)
}

// migrateCheckers is migrate_checkers(): the new checkers of a kept real
// server take the state of the same checkers in the old configuration.
func (c *core) migrateCheckers(vs *vsState, ors, nrs *rsState) {
	for _, nc := range nrs.checkers {
		if nc.cfg.Type == FileCheck {
			continue
		}
		for _, oc := range ors.checkers {
			if !sameCheck(oc.cfg, nc.cfg) {
				continue
			}
			if oc.hasRun && oc.isUp != nc.isUp {
				setCheckerState(nc, oc.isUp)
			}
			nc.hasRun = oc.hasRun
			// Enough retries for the new retry count: one more failure
			// fails the checker.
			if oc.retryIt > 0 && nc.cfg.Retry > 0 {
				nc.retryIt = min(oc.retryIt, nc.cfg.Retry-1)
			}
			if nc.misc != nil {
				nc.misc.lastExitCode, nc.misc.lastRan = oc.misc.lastExitCode, oc.misc.lastRan
				if nc.cfg.Misc.Dynamic && oc.misc.lastExitCode != 1 {
					code := int64(nc.misc.lastExitCode)
					if code != 0 {
						code -= 2
					}
					nc.curWeight = code - nrs.iweight
				}
			}
			break
		}
	}
	nrs.numFailed = 0
	hasRun := false
	for _, nc := range nrs.checkers {
		if nc.hasRun && !nc.isUp {
			nrs.numFailed++
		}
		hasRun = hasRun || nc.hasRun
	}
	// With a failed checker, new alpha checkers are down until they run.
	if nrs.numFailed > 0 || (!nrs.alive && !hasRun) {
		for _, nc := range nrs.checkers {
			if nc.hasRun {
				continue
			}
			if nc.cfg.Alpha {
				setCheckerState(nc, false)
			}
			nc.retryIt = nc.cfg.Retry
		}
	}
	switch {
	case nrs.numFailed == 0 && !nrs.alive:
		c.performSvrState(true, vs, nrs)
	case nrs.numFailed > 0 && nrs.set != nrs.inhibit:
		o := opDelDest
		if nrs.inhibit {
			o = opAddDest
		}
		c.ipvsCmd(o, vs, nrs)
	}
}

// clearDiffSorry is clear_diff_s_srv().
func (c *core) clearDiffSorry(ovs, nvs *vsState) {
	o := ovs.sorry
	if o == nil {
		return
	}
	if n := nvs.sorry; n != nil && n.cfg.Addr == o.cfg.Addr {
		n.alive, n.set = o.alive, o.set
		n.effWeight = n.iweight
		n.reloaded = true
		return
	}
	if o.inhibit {
		if !o.alive && o.set {
			o.alive = true
		}
		o.inhibit = false
	}
	if o.alive {
		c.logf("Removing sorry server %s from VS %s", rsString(o.cfg, ovs.cfg), ovs.cfg)
		c.ipvsCmd(opDelDest, ovs, o)
	}
}

// onOld runs f with the old configuration's group counts.
func (c *core) onOld(counts map[vsgeKey]int, f func()) {
	saved := c.vsge
	c.vsge = counts
	f()
	c.vsge = saved
}

// checkNewRSState is check_new_rs_state(): a real server new in the
// configuration starts down if it has alpha checkers.
func (c *core) checkNewRSState() {
	for _, ck := range c.checkers {
		if ck.rs.reloaded || !ck.cfg.Alpha {
			continue
		}
		setCheckerState(ck, false)
		ck.rs.alive = false
	}
}
