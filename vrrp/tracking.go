package vrrp

import (
	"context"
	"fmt"
	"log/slog"
	"os"
	"strconv"
	"strings"
	"time"

	"hakeep/vrrp/fsm"
)

// LinkWatcher is the optional part of Net that reports interface changes
// as they happen (keepalived listens to rtnetlink link events). Each
// change sends on changed without blocking; the watch ends with ctx.
type LinkWatcher interface {
	WatchLinks(ctx context.Context, changed chan<- struct{}) error
}

// tracked is everything an instance tracks: its own and its sync
// group's objects.
func (in *instance) tracked() (ifs []TrackInterface, scripts []TrackScript, files []TrackFile, procs []TrackProcess) {
	ifs, scripts, files, procs = in.cfg.TrackInterfaces, in.cfg.TrackScripts, in.cfg.TrackFiles, in.cfg.TrackProcesses
	if g := in.group; g != nil {
		// vrrp_sync.c: a group's tracking applies to each member; its
		// weights only count with sync_group_tracking_weight.
		w := func(x int) int {
			if g.cfg.TrackingWeight {
				return x
			}
			return 0
		}
		for _, t := range g.cfg.TrackInterfaces {
			t.Weight = w(t.Weight)
			ifs = append(ifs, t)
		}
		for _, t := range g.cfg.TrackScripts {
			t.Weight = w(t.Weight)
			scripts = append(scripts, t)
		}
		for _, t := range g.cfg.TrackFiles {
			t.Weight = w(t.Weight)
			files = append(files, t)
		}
		for _, t := range g.cfg.TrackProcesses {
			t.Weight = w(t.Weight)
			procs = append(procs, t)
		}
	}
	return
}

// track applies the tracked objects: the instance's own interface,
// track_interface, track_script, track_file and track_process. Any with
// weight 0 that is down means FAULT; the others' weights move the
// effective priority (keepalived.conf(5), vrrp_track.c).
func (e *Engine) track(cur *run, now time.Time) {
	links := map[string]bool{}
	up := func(name string) bool {
		u, ok := links[name]
		if !ok {
			l, err := e.deps.Net.Link(name)
			u = err == nil && l.Up
			links[name] = u
		}
		return u
	}
	for _, in := range cur.instances {
		if in.deleted {
			continue
		}
		faults, delta := in.cfg.ConfigFaults, 0
		add := func(d int, f bool) {
			delta += d
			if f {
				faults++
			}
		}
		if !in.cfg.DontTrackPrimary {
			add(0, !up(in.cfg.Interface) || in.vmac != "" && !up(in.vmac))
		}
		ifs, scripts, files, procs := in.tracked()
		for _, t := range ifs {
			add(weighted(t.Weight, t.Reverse, up(t.Name)))
		}
		for _, ts := range scripts {
			st := cur.scripts[ts.Script.Name]
			if st == nil || st.init {
				continue
			}
			add(weighted(ts.Weight, ts.Reverse, st.good))
		}
		for _, tf := range files {
			add(fileWeight(tf, cur.fileValue(tf.Path)))
		}
		for _, tp := range procs {
			ps := cur.procs[tp.Process.Name]
			if ps == nil {
				continue
			}
			add(weighted(tp.Weight, tp.Reverse, ps.quorum))
		}
		in.faults = faults
		in.total = int(in.m.BasePriority()) + delta
		if p := effectivePriority(in.m.BasePriority(), delta); p != in.m.Priority() {
			if in.started {
				in.logf("Changing effective priority from %d to %d", in.m.Priority(), p)
			}
			in.m.SetPriority(now, p)
			if in.started && in.cfg.NotifyPriorityChanges {
				t := EventBackupPriority
				if in.m.State() == fsm.Master {
					t = EventMasterPriority
				}
				e.deps.Notifier.Notify(Event{Name: in.cfg.Name, Type: t, Priority: p})
			}
		}
		in.m.SetFault(now, faults > 0)
	}
	e.drain(cur, now)
}

// fileValue reads the integer a track_file holds (keepalived reads the
// first number; a missing or unreadable file counts as 0), once per
// round.
func (cur *run) fileValue(path string) int {
	if v, ok := cur.files[path]; ok {
		return v
	}
	v := readTrackFile(path)
	cur.files[path] = v
	return v
}

// pollFiles rereads the tracked files and processes and reports whether
// any changed.
func (cur *run) pollFiles() bool {
	changed := false
	for path, old := range cur.files {
		if v := readTrackFile(path); v != old {
			cur.files[path] = v
			changed = true
		}
	}
	if len(cur.procs) > 0 && cur.scanProcesses(time.Now()) {
		changed = true
	}
	return changed
}

func readTrackFile(path string) int {
	b, err := os.ReadFile(path)
	if err != nil {
		return 0
	}
	f := strings.Fields(string(b))
	if len(f) == 0 {
		return 0
	}
	v, err := strconv.Atoi(f[0])
	if err != nil {
		return 0
	}
	return v
}

// fileWeight applies a track_file value (vrrp_track.c
// initialise_vrrp_file_tracking_priorities): with weight 0 a non-zero
// value means FAULT (zero, with reverse); otherwise value × weight
// (negated by reverse) is added, and a result of -254 or below means
// FAULT.
func fileWeight(tf TrackFile, v int) (delta int, fault bool) {
	mult := 1
	if tf.Reverse {
		mult = -1
	}
	if tf.Weight == 0 {
		return 0, (v != 0) == (mult == 1)
	}
	d := v * tf.Weight * mult
	if d <= -254 {
		return 0, true
	}
	return min(d, 253), false
}

// startScripts starts one runner per vrrp_script the instances and groups
// track. A script that prev ran with the same configuration keeps its
// state ("considered successful on reload").
func (e *Engine) startScripts(ctx context.Context, cur *run, out chan<- scriptResult, prev ...*run) {
	sctx, cancel := context.WithCancel(ctx)
	cur.stopScripts = cancel
	cur.scripts = map[string]*scriptState{}
	cur.procs = map[string]*procState{}
	for _, in := range cur.instances {
		_, scripts, files, procs := in.tracked()
		for _, ts := range scripts {
			sc := ts.Script
			if _, ok := cur.scripts[sc.Name]; ok {
				continue
			}
			if len(sc.Script.Args) == 0 {
				continue
			}
			st := newScriptState(sc)
			if len(prev) > 0 && prev[0] != nil {
				if old := prev[0].scripts[sc.Name]; old != nil && !old.init && fmt.Sprint(old.cfg) == fmt.Sprint(sc) {
					st = old
					verdict := "unsuccessful"
					if st.good {
						verdict = "successful"
					}
					e.log.Info("VRRP_Script(" + sc.Name + ") considered " + verdict + " on reload")
				}
			}
			cur.scripts[sc.Name] = st
			cur.scriptOrder = append(cur.scriptOrder, sc.Name)
			go runScript(sctx, sc, out)
		}
		for _, tf := range files {
			cur.fileValue(tf.Path)
		}
		for _, tp := range procs {
			if _, ok := cur.procs[tp.Process.Name]; !ok {
				cur.procs[tp.Process.Name] = newProcState(tp.Process)
				cur.procOrder = append(cur.procOrder, tp.Process.Name)
			}
		}
	}
	if len(cur.procs) > 0 {
		cur.scanProcesses(time.Time{})
	}
}

// scriptResult applies one run of a vrrp_script.
func (e *Engine) scriptResult(cur *run, r scriptResult) {
	st := cur.scripts[r.name]
	if st == nil {
		return
	}
	status := r.status
	if !r.ok() && status == 0 {
		status = 1
	}
	if status != st.last {
		if e.log.Enabled(context.Background(), slog.LevelDebug) {
			e.log.Debug(fmt.Sprintf("Script `%s` now returning %d", r.name, status))
		}
		st.last = status
	}
	if !st.record(r.ok()) {
		return
	}
	e.log.Info("VRRP_Script(" + r.name + ") " + r.describe())
	now := e.deps.Now()
	e.track(cur, now)
	e.startReady(cur, now, false)
	e.drain(cur, now)
}

// waitsForScripts reports whether an instance still waits for the first
// result of a weight 0 track script (keepalived's num_script_init: the
// instance stays in INIT until then).
func (cur *run) waitsForScripts(in *instance) bool {
	_, scripts, _, _ := in.tracked()
	for _, ts := range scripts {
		if st := cur.scripts[ts.Script.Name]; ts.Weight == 0 && st != nil && st.init {
			return true
		}
	}
	return false
}
