package config

import (
	"math"
	"time"
)

// vtrackGroup is a track_group while it is read.
type vtrackGroup struct {
	name    string
	iname   []string
	hasList bool
}

func (v *vrrpReader) findTrackGroup(name string) *vtrackGroup {
	for _, g := range v.trackGroups {
		if g.name == name {
			return g
		}
	}
	return nil
}

func (v *vrrpReader) trackGroup(p *pass, l *line) {
	if l.n() != 2 {
		p.report(ClassGeneral, "track_group must have a name - skipping")
		p.skipBlock(true)
		return
	}
	if v.findTrackGroup(l.words[1]) != nil {
		p.report(ClassGeneral, "track_group %s already defined", l.words[1])
		p.skipBlock(true)
		return
	}
	v.trackGroups = append(v.trackGroups, &vtrackGroup{name: l.words[1]})
}

func (v *vrrpReader) curTrackGroup() *vtrackGroup {
	if len(v.trackGroups) == 0 {
		if v.phantomTrack == nil {
			v.phantomTrack = &vtrackGroup{name: phantomName}
		}
		return v.phantomTrack
	}
	return v.trackGroups[len(v.trackGroups)-1]
}

func (v *vrrpReader) trackGroupGroup(p *pass, l *line) {
	g := v.curTrackGroup()
	if g.hasList {
		p.report(ClassGeneral, "Group list already specified for sync group %s", g.name)
		p.skipBlock(true)
		return
	}
	g.iname = p.valueWords(l)
	g.hasList = g.iname != nil
	if g.iname == nil {
		p.report(ClassGeneral, "Warning - track group %s has empty group block", g.name)
	}
}

// vgarp is a garp_group while it is read.
type vgarp struct {
	m     GARPGroup
	group int
}

func (v *vrrpReader) curGARP() *vgarp {
	if len(v.garpGroups) == 0 {
		if v.phantomGARP == nil {
			v.phantomGARP = &vgarp{}
		}
		return v.phantomGARP
	}
	return v.garpGroups[len(v.garpGroups)-1]
}

func (v *vrrpReader) garpGroup(p *pass, l *line) {
	v.garpGroups = append(v.garpGroups, &vgarp{})
}

func (v *vrrpReader) garpInterval(p *pass, l *line, garp bool) {
	g := v.curGARP()
	name := "gna_interval"
	if garp {
		name = "garp_interval"
	}
	n, ok := p.readDecimal(l.slot(1), 0, math.MaxInt32, 6, true)
	if !ok {
		p.report(ClassGeneral, "garp_group %s '%s' invalid", name, l.slot(1))
		return
	}
	d := time.Duration(n) * time.Microsecond
	if garp {
		g.m.GARPInterval = &d
	} else {
		g.m.GNAInterval = &d
	}
	if d >= time.Second {
		p.logf("The %s is very large - %s seconds", name, l.slot(1))
	}
}

func (v *vrrpReader) garpInterface(p *pass, l *line) {
	g := v.curGARP()
	name := l.slot(1)
	ifp := p.ifByName(name, ifCreateIfDynamic)
	if ifp == nil {
		p.report(ClassGeneral, "WARNING - interface %s specified for garp_group doesn't exist", name)
		return
	}
	if v.garpOwner(name) != nil {
		p.report(ClassGeneral, "garp_group already specified for %s - ignoring", name)
		return
	}
	g.m.Interfaces = append(g.m.Interfaces, name)
}

func (v *vrrpReader) garpOwner(ifname string) *vgarp {
	for _, g := range v.garpGroups {
		for _, n := range g.m.Interfaces {
			if n == ifname {
				return g
			}
		}
	}
	return nil
}

func (v *vrrpReader) garpInterfaces(p *pass, l *line) {
	g := v.curGARP()
	names := p.valueWords(l)
	if names == nil {
		p.report(ClassGeneral, "Warning - empty garp_group interfaces block")
		return
	}
	g.group = 1
	for _, o := range v.garpGroups {
		if o.group != 0 && o != g {
			g.group++
		}
	}
	for _, name := range names {
		if p.ifByName(name, ifCreateIfDynamic) == nil {
			if p.cfg.Global.DynamicInterfaces {
				p.logf("WARNING - interface %s specified for garp_group doesn't exist", name)
			} else {
				p.report(ClassGeneral, "WARNING - interface %s specified for garp_group doesn't exist", name)
			}
			continue
		}
		if v.garpOwner(name) != nil {
			// keepalived names the second interface of the list here.
			p.report(ClassGeneral, "garp_group already specified for %s - ignoring", wordAt(names, 1))
			continue
		}
		g.m.Interfaces = append(g.m.Interfaces, name)
	}
}

func (v *vrrpReader) garpGroupEnd(p *pass) {
	g := v.curGARP()
	if g.m.GARPInterval == nil && g.m.GNAInterval == nil {
		p.report(ClassGeneral, "garp group %d does not have any delay set - removing", g.group)
		v.garpGroups = v.garpGroups[:len(v.garpGroups)-1]
	}
}

// linkbeatInterface is one line of linkbeat_interfaces.
func (v *vrrpReader) linkbeatInterface(p *pass, w *line) {
	mode := ifNoCreate
	if p.cfg.Global.DynamicInterfaces {
		mode = ifCreateIfDynamic
	}
	name := w.slot(0)
	if p.ifByName(name, mode) == nil {
		p.report(ClassFatal, "unknown interface %s specified for linkbeat interface", name)
		return
	}
	kind := ""
	if w.n() > 1 {
		switch w.words[1] {
		case "MII", "ETHTOOL", "IOCTL":
			kind = w.words[1]
		}
		if kind == "" || w.n() > 2 {
			p.report(ClassGeneral, "extra characters %s in linkbeat interface", w.words[1])
		}
	}
	if v.linkbeat == nil {
		v.linkbeat = map[string]string{}
	}
	v.linkbeat[name] = kind
}

// upDownDelay is one line of interface_up_down_delays: IF DOWN [UP].
func (v *vrrpReader) upDownDelay(p *pass, w *line) {
	mode := ifNoCreate
	if p.cfg.Global.DynamicInterfaces {
		mode = ifCreateIfDynamic
	}
	name := w.slot(0)
	ifp := p.ifByName(name, mode)
	if ifp == nil {
		p.report(ClassFatal, "unknown interface %s specified for up/down delay", name)
		return
	}
	if w.n() < 2 {
		p.logf("No timeouts specified for %s up/down delays", ifp.Name)
		return
	}
	if w.n() > 3 {
		p.logf("Too many parameters for %s up/down delays", ifp.Name)
	}
	down, ok := p.readTimer(w.words[1], 0, 255*timerHz, true)
	if !ok {
		p.logf("Invalid down delay %s for %s", w.words[1], ifp.Name)
		return
	}
	var up uint64
	if w.n() > 2 {
		if up, ok = p.readTimer(w.words[2], 0, 255*timerHz, true); !ok {
			p.logf("Invalid up delay %s for %s", w.words[2], ifp.Name)
			return
		}
	}
	if v.upDownDelays == nil {
		v.upDownDelays = map[string][2]time.Duration{}
	}
	v.upDownDelays[name] = [2]time.Duration{time.Duration(down) * time.Microsecond, time.Duration(up) * time.Microsecond}
}

func (v *vrrpReader) curBFD() *TrackedBFD {
	if len(v.bfds) == 0 {
		if v.phantomBFD == nil {
			v.phantomBFD = &TrackedBFD{Name: phantomName}
		}
		return v.phantomBFD
	}
	return v.bfds[len(v.bfds)-1]
}
