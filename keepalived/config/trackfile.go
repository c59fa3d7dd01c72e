package config

import (
	"math"
	"strings"
)

// TrackFile is a track_file (or the older vrrp_track_file): a file whose
// number, times a weight, moves priorities or real server weights.
type TrackFile struct {
	Name    string
	Path    string
	Weight  int
	Reverse bool
	// Init is "" (leave the file alone), "create" (create it when it is
	// missing) or "overwrite"; InitValue is what is written.
	Init      string
	InitValue int
}

// trackFiles is the list of track_file blocks one process read, and the
// block being read.
type trackFiles struct {
	files []*TrackFile
	cur   *TrackFile
}

// trackFileRef is an entry of an instance's or group's track_file block.
type trackFileRef struct {
	file    *TrackFile
	weight  int
	reverse bool
}

// trackFileRoots is add_track_file_keywords(): track_file and its
// deprecated synonym vrrp_track_file.
func trackFileRoots(active bool, t *trackFiles) []*keyword {
	if !active {
		t = &trackFiles{}
	}
	sub := func() []*keyword {
		return []*keyword{
			kw("file", t.file),
			kw("weight", t.weight),
			kw("init_file", t.initFile),
		}
	}
	return []*keyword{
		root(active, block("track_file", t.start, t.end, sub()...)),
		root(active, block("vrrp_track_file", func(p *pass, l *line) {
			p.logf("\"vrrp_track_file\" is deprecated, please use \"track_file\"")
			t.start(p, l)
		}, t.end, sub()...)),
	}
}

func (t *trackFiles) start(p *pass, l *line) {
	t.cur = &TrackFile{Name: l.slot(1), Weight: 1}
}

func (t *trackFiles) file(p *pass, l *line) {
	if l.n() < 2 {
		p.report(ClassGeneral, "track file file name missing")
		return
	}
	if t.cur == nil {
		return
	}
	if t.cur.Path != "" {
		p.report(ClassGeneral, "File already set for track file %s - ignoring %s", t.cur.Name, l.words[1])
		return
	}
	t.cur.Path = l.words[1]
}

func (t *trackFiles) weight(p *pass, l *line) {
	if l.n() < 2 {
		name := ""
		if t.cur != nil {
			name = t.cur.Name
		}
		p.report(ClassGeneral, "No weight specified for track file %s - ignoring", name)
		return
	}
	if t.cur == nil {
		return
	}
	if t.cur.Weight != 1 {
		p.report(ClassGeneral, "Weight already set for track file %s - ignoring %s", t.cur.Name, l.words[1])
		return
	}
	n, ok := p.readInt(l.words[1], -254, 254, true)
	if !ok {
		p.report(ClassGeneral, "Weight (%s) for track_file %s must be between [-254..254] inclusive. Ignoring...", l.words[1], t.cur.Name)
		n = 1
	}
	t.cur.Weight = int(n)
	if l.n() >= 3 {
		if l.words[2] == "reverse" {
			t.cur.Reverse = true
		} else {
			p.report(ClassGeneral, "track_file %s unknown weight option %s", t.cur.Name, l.words[2])
		}
	}
}

func (t *trackFiles) initFile(p *pass, l *line) {
	if t.cur == nil {
		return
	}
	t.cur.Init, t.cur.InitValue = "create", 0
	for i := 1; i < l.n(); i++ {
		w := strings.TrimLeft(l.words[i], cWhite)
		switch {
		case w != "" && (w[0] >= '0' && w[0] <= '9' || w[0] == '-'):
			n, ok := p.readInt(l.words[i], math.MinInt32, math.MaxInt32, false)
			if !ok {
				p.report(ClassGeneral, "Track file %s init value %s is invalid", t.cur.Name, w)
				n = 0
			} else if n < -254 || n > 254 {
				p.report(ClassGeneral, "Track file %s init value %d is outside sensible range [%d, %d]", t.cur.Name, n, -254, 254)
			}
			t.cur.InitValue = int(n)
		case w == "overwrite":
			t.cur.Init = "overwrite"
		default:
			p.report(ClassGeneral, "Unknown track file init option %s", w)
		}
	}
}

// end is track_file_end_handler(). keepalived writes the initial value
// here when not testing; hakeep leaves that to the engine.
func (t *trackFiles) end(p *pass) {
	if t.cur == nil {
		return
	}
	if t.cur.Path == "" {
		p.report(ClassGeneral, "No file set for track_file %s - ignoring", t.cur.Name)
		return
	}
	f := t.cur
	t.cur = nil
	t.files = append(t.files, f)
	if f.Init == "" {
		return
	}
	st, err := p.host.Stat(f.Path)
	if err == nil && f.Init == "overwrite" && !st.Mode.IsRegular() {
		p.report(ClassGeneral, "Cannot initialise track file %s - it is not a regular file", f.Name)
	}
}

// addRef is vrrp_alloc_track_file(): an entry of a track_file block.
func (t *trackFiles) addRef(p *pass, name string, list []*trackFileRef, w *line) []*trackFileRef {
	tracked := w.slot(0)
	var file *TrackFile
	for _, f := range t.files {
		if f.Name == tracked {
			file = f
			break
		}
	}
	if file == nil {
		p.report(ClassGeneral, "(%s) track file %s not found, ignoring...", name, tracked)
		return list
	}
	for _, r := range list {
		if r.file == file {
			p.report(ClassGeneral, "(%s) duplicate track_file %s - ignoring", name, tracked)
			return list
		}
	}
	weight, reverse := file.Weight, file.Reverse
	if w.n() >= 2 {
		if w.words[1] != "weight" {
			p.report(ClassGeneral, "(%s) unknown track file option %s - ignoring", name, w.words[1])
			return list
		}
		if w.n() == 2 {
			p.report(ClassGeneral, "(%s) weight without value specified for track file %s - ignoring", name, tracked)
			return list
		}
		if n, ok := p.readInt(w.words[2], -254, 254, true); ok {
			weight = int(n)
		} else {
			p.report(ClassGeneral, "(%s) weight for track file %s must be in [-254..254] inclusive. Ignoring...", name, tracked)
		}
		if w.n() >= 4 {
			switch w.words[3] {
			case "reverse":
				reverse = true
			case "noreverse":
				reverse = false
			default:
				p.report(ClassGeneral, "(%s) unknown track file %s weight option %s - ignoring", name, tracked, w.words[3])
				return list
			}
		}
	}
	return append(list, &trackFileRef{file: file, weight: weight, reverse: reverse})
}
