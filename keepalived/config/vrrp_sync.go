package config

// vsync is a vrrp_sync_group while it is read (vrrp_sgroup_t).
type vsync struct {
	name    string
	iname   []string
	hasList bool
	members []*vinst
	state   int

	trackIfs       []*trackIf
	trackScripts   []*trackScr
	trackFiles     []*trackFileRef
	trackProcesses []*trackProc
	trackBFDs      []*trackBFD

	scriptBackup, scriptMaster, scriptFault, scriptStop, script *Script
	smtpAlert, notifyPriorityChanges                            Tri
	trackingWeight                                              bool
}

func (v *vrrpReader) curSync() *vsync {
	if len(v.syncGroups) == 0 {
		if v.phantomSync == nil {
			v.phantomSync = &vsync{name: phantomName}
		}
		return v.phantomSync
	}
	return v.syncGroups[len(v.syncGroups)-1]
}

func (v *vrrpReader) syncGroup(p *pass, l *line) {
	if l.n() != 2 {
		p.report(ClassGeneral, "vrrp_sync_group must have a name - skipping")
		p.skipBlock(true)
		return
	}
	for _, g := range v.syncGroups {
		if g.name == l.words[1] {
			p.report(ClassGeneral, "vrrp sync group %s already defined", l.words[1])
			p.skipBlock(true)
			return
		}
	}
	v.syncGroups = append(v.syncGroups, &vsync{name: l.words[1]})
}

func (v *vrrpReader) syncGroupKeywords() []*keyword {
	notify := func(name string, field func(*vsync) **Script, extra int) func(p *pass, l *line) {
		return func(p *pass, l *line) {
			g := v.curSync()
			dst := field(g)
			if *dst != nil {
				p.report(ClassGeneral, "vrrp group %s: %s script already specified - ignoring %s", g.name, name, l.slot(1))
				return
			}
			*dst = p.notifyScript(l, extra, "notify")
		}
	}
	return []*keyword{
		kw("group", func(p *pass, l *line) {
			g := v.curSync()
			if g.hasList {
				p.report(ClassGeneral, "Group list already specified for sync group %s", g.name)
				p.skipBlock(true)
				return
			}
			g.iname = p.valueWords(l)
			g.hasList = g.iname != nil
			if g.iname == nil {
				p.report(ClassGeneral, "Warning - sync group %s has empty group block", g.name)
			}
		}),
		kw("track_interface", func(p *pass, l *line) {
			g := v.curSync()
			p.valueBlock(l, func(w *line) { g.trackIfs = v.addTrackIf(p, g.name, g.trackIfs, w) })
		}),
		kw("track_script", func(p *pass, l *line) {
			g := v.curSync()
			p.valueBlock(l, func(w *line) { g.trackScripts = v.addTrackScript(p, g.name, g.trackScripts, w) })
		}),
		kw("track_file", func(p *pass, l *line) {
			g := v.curSync()
			p.valueBlock(l, func(w *line) { g.trackFiles = v.trackFiles.addRef(p, g.name, g.trackFiles, w) })
		}),
		kw("track_process", func(p *pass, l *line) {
			g := v.curSync()
			p.valueBlock(l, func(w *line) { g.trackProcesses = v.addTrackProcess(p, g.name, g.trackProcesses, w) })
		}),
		kw("track_bfd", func(p *pass, l *line) {
			g := v.curSync()
			p.valueBlock(l, func(w *line) { g.trackBFDs = v.addTrackBFD(p, g.name, g.trackBFDs, w) })
		}),
		kw("notify_backup", notify("notify_backup", func(g *vsync) **Script { return &g.scriptBackup }, 0)),
		kw("notify_master", notify("notify_master", func(g *vsync) **Script { return &g.scriptMaster }, 0)),
		kw("notify_fault", notify("notify_fault", func(g *vsync) **Script { return &g.scriptFault }, 0)),
		kw("notify_stop", notify("notify_stop", func(g *vsync) **Script { return &g.scriptStop }, 0)),
		kw("notify", notify("notify", func(g *vsync) **Script { return &g.script }, 4)),
		kw("smtp_alert", func(p *pass, l *line) {
			g := v.curSync()
			b := true
			if l.n() >= 2 {
				var ok bool
				if b, ok = trueFalse(l.words[1]); !ok {
					p.report(ClassGeneral, "Invalid vrrp_group smtp_alert parameter %s", l.words[1])
					return
				}
			}
			g.smtpAlert = tri(b)
		}),
		kw("global_tracking", func(p *pass, l *line) {
			g := v.curSync()
			p.report(ClassGeneral, "(%s) global_tracking is deprecated. Use track_interface/script/file on the sync group", g.name)
			g.trackingWeight = true
		}),
		kw("sync_group_tracking_weight", func(p *pass, l *line) { v.curSync().trackingWeight = true }),
		kw("notify_priority_changes", func(p *pass, l *line) {
			g := v.curSync()
			b := true
			if l.n() >= 2 {
				var ok bool
				if b, ok = trueFalse(l.words[1]); !ok {
					p.report(ClassGeneral, "(%s) Invalid value '%s' for sync group notify_priority_changes specified", g.name, l.words[1])
					return
				}
			}
			g.notifyPriorityChanges = tri(b)
		}),
	}
}
