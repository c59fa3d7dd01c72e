package config

// What an instance or a sync group tracks (vrrp_track.c).
type (
	trackIf struct {
		ifp     *netif
		weight  int
		reverse bool
	}
	trackScr struct {
		scr     *vscript
		weight  int
		reverse bool
	}
	trackProc struct {
		proc    *TrackProcess
		weight  int
		reverse bool
	}
	trackBFD struct {
		bfd     *TrackedBFD
		weight  int
		reverse bool
	}
)

// addTrackIf is alloc_track_if().
func (v *vrrpReader) addTrackIf(p *pass, name string, list []*trackIf, w *line) []*trackIf {
	tracked := w.slot(0)
	ifp := p.ifByName(tracked, ifCreateIfDynamic)
	if ifp == nil {
		p.report(ClassGeneral, "(%s) tracked interface %s doesn't exist", name, tracked)
		return list
	}
	for _, t := range list {
		if t.ifp == ifp {
			p.report(ClassGeneral, "(%s) duplicate track_interface %s - ignoring", name, tracked)
			return list
		}
	}
	weight, reverse := 0, false
	if w.n() >= 2 {
		if w.words[1] != "weight" {
			p.report(ClassGeneral, "(%s) unknown track_interface %s option %s - ignoring", name, tracked, w.words[1])
			return list
		}
		if w.n() == 2 {
			p.report(ClassGeneral, "(%s) weight without value specified for track_interface %s - ignoring", name, tracked)
			return list
		}
		n, ok := p.readInt(w.words[2], -254, 254, true)
		switch {
		case !ok:
			p.report(ClassGeneral, "(%s) weight %s for %s must be between [-253..253] inclusive. Ignoring...", name, w.words[2], tracked)
		case n == -254 || n == 254:
			p.report(ClassGeneral, "(%s) weight for %s cannot be +/-254. Setting to +/-253", name, tracked)
			weight = 253
			if n < 0 {
				weight = -253
			}
		default:
			weight = int(n)
		}
		if w.n() >= 4 {
			if w.words[3] == "reverse" {
				reverse = true
			} else {
				p.report(ClassGeneral, "(%s) unknown track_interace %s weight option %s - ignoring", name, tracked, w.words[3])
			}
		}
	}
	return append(list, &trackIf{ifp: ifp, weight: weight, reverse: reverse})
}

// addTrackScript is alloc_track_script(): the script must be defined
// earlier in the configuration.
func (v *vrrpReader) addTrackScript(p *pass, name string, list []*trackScr, w *line) []*trackScr {
	tracked := w.slot(0)
	var scr *vscript
	for _, s := range v.scripts {
		if s.m.Name == tracked {
			scr = s
			break
		}
	}
	if scr == nil {
		p.report(ClassGeneral, "(%s) track script %s not found, ignoring...", name, tracked)
		return list
	}
	for _, t := range list {
		if t.scr == scr {
			p.report(ClassGeneral, "(%s) duplicate track_script %s - ignoring", name, tracked)
			return list
		}
	}
	weight, reverse := scr.m.Weight, scr.m.Reverse
	if w.n() >= 2 {
		if w.words[1] != "weight" {
			p.report(ClassGeneral, "(%s) unknown track script option %s - ignoring", name, w.words[1])
			return list
		}
		if w.n() == 2 {
			p.report(ClassGeneral, "(%s) weight without value specified for track script %s - ignoring", name, tracked)
			return list
		}
		n, ok := p.readInt(w.words[2], -254, 254, true)
		switch {
		case !ok:
			p.report(ClassGeneral, "(%s) track script %s: weight must be between [-253..253] inclusive, ignoring...", name, tracked)
		case n == -254 || n == 254:
			p.report(ClassGeneral, "(%s) weight for %s cannot be +/-254. Setting to +/-253", name, tracked)
			weight = 253
			if n < 0 {
				weight = -253
			}
		default:
			weight = int(n)
		}
		if w.n() >= 4 {
			switch w.words[3] {
			case "reverse":
				reverse = true
			case "noreverse":
				reverse = false
			default:
				p.report(ClassGeneral, "(%s) unknown track_script %s weight option %s - ignoring", name, tracked, w.words[3])
			}
		}
	}
	return append(list, &trackScr{scr: scr, weight: weight, reverse: reverse})
}

// addTrackProcess is alloc_track_process().
func (v *vrrpReader) addTrackProcess(p *pass, name string, list []*trackProc, w *line) []*trackProc {
	tracked := w.slot(0)
	var proc *TrackProcess
	for _, tp := range v.processes {
		if tp.Name == tracked {
			proc = tp
			break
		}
	}
	if proc == nil {
		p.report(ClassGeneral, "(%s) track process %s not found, ignoring...", name, tracked)
		return list
	}
	for _, t := range list {
		if t.proc == proc {
			p.report(ClassGeneral, "(%s) duplicate track_process %s - ignoring", name, tracked)
			return list
		}
	}
	weight, reverse := proc.Weight, proc.Reverse
	if w.n() >= 2 {
		if w.words[1] != "weight" {
			p.report(ClassGeneral, "(%s) unknown track process option %s - ignoring", name, w.words[1])
			return list
		}
		if w.n() == 2 {
			p.report(ClassGeneral, "(%s) weight without value specified for track process %s - ignoring", name, tracked)
			return list
		}
		if n, ok := p.readInt(w.words[2], -254, 254, true); ok {
			weight = int(n)
		} else {
			p.report(ClassGeneral, "(%s) weight for track process %s must be in [-254..254] inclusive. Ignoring...", name, tracked)
		}
		if w.n() >= 4 {
			switch w.words[3] {
			case "reverse":
				reverse = true
			case "noreverse":
				reverse = false
			default:
				p.report(ClassGeneral, "(%s) unknown track_process %s weight option %s - ignoring", name, tracked, w.words[3])
			}
		}
	}
	return append(list, &trackProc{proc: proc, weight: weight, reverse: reverse})
}

// addTrackBFD is alloc_track_bfd().
func (v *vrrpReader) addTrackBFD(p *pass, name string, list []*trackBFD, w *line) []*trackBFD {
	tracked := w.slot(0)
	var bfd *TrackedBFD
	for _, b := range v.bfds {
		if b.Name == tracked {
			bfd = b
			break
		}
	}
	if bfd == nil {
		p.report(ClassGeneral, "(%s) track bfd %s not found, ignoring...", name, tracked)
		return list
	}
	for _, t := range list {
		if t.bfd == bfd {
			p.report(ClassGeneral, "(%s) duplicate track_bfd %s - ignoring", name, tracked)
			return list
		}
	}
	weight, reverse := bfd.Weight, bfd.Reverse
	if w.n() >= 2 {
		if w.words[1] != "weight" {
			p.report(ClassGeneral, "(%s) unknown track bfd %s option %s - ignoring", name, tracked, w.words[1])
			return list
		}
		if w.n() == 2 {
			p.report(ClassGeneral, "(%s) weight without value specified for track bfd %s - ignoring", name, tracked)
			return list
		}
		if n, ok := p.readInt(w.words[2], -253, 253, true); ok {
			weight = int(n)
		} else {
			p.report(ClassGeneral, "(%s) weight for track bfd %s must be in [-253..253] inclusive. Ignoring...", name, tracked)
		}
		if w.n() >= 4 {
			switch w.words[3] {
			case "reverse":
				reverse = true
			case "noreverse":
				reverse = false
			default:
				p.report(ClassGeneral, "(%s) unknown track bfd %s weight option %s - ignoring", name, tracked, w.words[3])
				return list
			}
		}
	}
	return append(list, &trackBFD{bfd: bfd, weight: weight, reverse: reverse})
}
