package config

import "time"

// vrrpReader holds what the VRRP process builds while reading
// (vrrp_data in keepalived), before it becomes the VRRP model.
type vrrpReader struct {
	instances   []*vinst
	syncGroups  []*vsync
	scripts     []*vscript
	processes   []*TrackProcess
	bfds        []*TrackedBFD
	trackFiles  *trackFiles
	trackGroups []*vtrackGroup
	garpGroups  []*vgarp

	staticAddrs  []*vaddr
	staticRoutes []*vroute
	staticRules  []*vrule

	linkbeat     map[string]string
	upDownDelays map[string][2]time.Duration

	// nextRulePriority is the preference given to rules that set none,
	// per family (vrrp_iprule.c).
	nextRulePriority4, nextRulePriority6 uint32

	// Per-block state of the handlers.
	scriptUserSet, removeScript bool

	// global is the configuration's global_defs, read by the parent.
	global *Global

	// phantoms stand in for empty lists (phantom.go).
	phantomInstance *vinst
	phantomSync     *vsync
	phantomTrack    *vtrackGroup
	phantomGARP     *vgarp
	phantomBFD      *TrackedBFD
}

// readVRRP is the VRRP process's reading and its checks (vrrp_daemon.c
// start_vrrp with -t: parse, refuse missing interfaces, complete).
func (l *loader) readVRRP() {
	p := newPass(l, ReadingVRRP)
	v := &vrrpReader{trackFiles: &trackFiles{}, nextRulePriority4: 16384, nextRulePriority6: 16384, global: &l.cfg.Global}
	g := &globalReader{g: &l.cfg.Global}
	var kws []*keyword
	kws = append(kws, g.keywords(false)...)
	kws = append(kws, vrrpRoots(true, v)...)
	kws = append(kws, checkRoots(false, nil)...)
	kws = append(kws, bfdRoots(ReadingVRRP, true, &bfdReader{vrrp: v})...)
	kws = append(kws, trackFileRoots(true, v.trackFiles)...)
	p.guarded(kws)
	defer v.export(l.cfg)
	if l.nonExistentIf {
		p.report(ClassBadIf, "Non-existent interface specified in configuration")
		return
	}
	v.complete(p)
}

// vrrpRoots is the VRRP process's root keywords (init_vrrp_keywords).
func vrrpRoots(active bool, v *vrrpReader) []*keyword {
	if !active {
		v = &vrrpReader{}
	}
	return []*keyword{
		root(active, block("track_group", v.trackGroup, nil,
			kw("group", v.trackGroupGroup))),
		root(active, kw("static_ipaddress", func(p *pass, l *line) {
			p.valueBlock(l, func(w *line) { v.staticAddrs = v.addAddress(p, v.staticAddrs, w, true) })
		})),
		root(active, kw("static_routes", func(p *pass, l *line) {
			p.valueBlock(l, func(w *line) { v.staticRoutes = v.addRoute(p, v.staticRoutes, w, true) })
		})),
		root(active, kw("static_rules", func(p *pass, l *line) {
			p.valueBlock(l, func(w *line) { v.staticRules = v.addRule(p, v.staticRules, w, true) })
		})),
		root(active, block("vrrp_sync_group", v.syncGroup, nil, v.syncGroupKeywords()...)),
		root(active, block("garp_group", v.garpGroup, v.garpGroupEnd,
			kw("garp_interval", func(p *pass, l *line) { v.garpInterval(p, l, true) }),
			kw("gna_interval", func(p *pass, l *line) { v.garpInterval(p, l, false) }),
			kw("interface", v.garpInterface),
			kw("interfaces", v.garpInterfaces))),
		root(active, kw("linkbeat_interfaces", func(p *pass, l *line) {
			p.valueBlock(l, func(w *line) { v.linkbeatInterface(p, w) })
		})),
		root(active, block("vrrp_instance", v.instance, v.instanceEnd, v.instanceKeywords()...)),
		root(active, block("vrrp_script", v.script, v.scriptEnd, v.scriptKeywords()...)),
		root(active, block("vrrp_track_process", v.trackProcess, v.trackProcessEnd, v.trackProcessKeywords()...)),
		root(active, kw("interface_up_down_delays", func(p *pass, l *line) {
			p.valueBlock(l, func(w *line) { v.upDownDelay(p, w) })
		})),
	}
}
