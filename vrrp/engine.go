package vrrp

import (
	"context"
	"log/slog"
	"net/netip"
	"time"

	"hakeep/vrrp/fsm"
)

// Deps are the engine's collaborators and the process options that are
// not part of keepalived.conf.
type Deps struct {
	Net Net
	// Notifier receives notifications; nil runs the configured scripts
	// with a ScriptNotifier.
	Notifier Notifier
	// Log: nil discards. Info records are keepalived's LOG_INFO
	// messages, Debug ones what it logs with -D only.
	Log *slog.Logger
	// Now: nil is time.Now.
	Now func() time.Time
	// DontReleaseVIPs is keepalived's -V (--dont-release-vrrp): on
	// shutdown the addresses stay.
	DontReleaseVIPs bool
	// ReleaseVIPs is keepalived's -X (--release-vips): an instance that
	// stops removes its addresses even when it is not master, in case a
	// reload left them behind (vrrp.c vrrp_restore_interface).
	ReleaseVIPs bool
}

// Engine runs the VRRP instances of a Config.
type Engine struct {
	cfg    Config
	deps   Deps
	log    *slog.Logger
	reload chan reloadReq
	snap   chan chan Status
	clear  chan struct{}
}

type reloadReq struct {
	cfg  Config
	done chan struct{}
}

// NewEngine returns an engine for cfg; Run starts it.
func NewEngine(cfg Config, deps Deps) *Engine {
	log := deps.Log
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	if deps.Notifier == nil {
		deps.Notifier = &ScriptNotifier{Log: log}
	}
	if deps.Now == nil {
		deps.Now = time.Now
	}
	return &Engine{cfg: cfg, deps: deps, log: log, reload: make(chan reloadReq), snap: make(chan chan Status),
		clear: make(chan struct{})}
}

// Reload replaces the configuration of a running engine and returns once
// it is applied. An instance found again (same name, interface, VRID and
// family) keeps its state, its addresses and its timers; what changed is
// applied to it (a new priority, new addresses, new tracking). Removed
// instances stop as on shutdown and report FAULT (DELETED with
// notify_deleted); new ones start.
func (e *Engine) Reload(ctx context.Context, cfg Config) error {
	r := reloadReq{cfg: cfg, done: make(chan struct{})}
	select {
	case e.reload <- r:
	case <-ctx.Done():
		return ctx.Err()
	}
	select {
	case <-r.done:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// Snapshot returns the state and counters of every instance, or the
// zero Status when the engine is not running.
func (e *Engine) Snapshot(ctx context.Context) Status {
	reply := make(chan Status, 1)
	select {
	case e.snap <- reply:
		return <-reply
	case <-ctx.Done():
		return Status{}
	}
}

// ClearStats zeroes every instance's counters (keepalived's STATS_CLEAR).
func (e *Engine) ClearStats(ctx context.Context) {
	select {
	case e.clear <- struct{}{}:
	case <-ctx.Done():
	}
}

// defaultRxBufSize is the VRRP sockets' receive buffer: large enough
// that a burst of packets (a flood, or a reader delayed on a loaded
// machine) does not push the master's adverts out.
const defaultRxBufSize = 4 << 20

func withGlobalDefaults(g GlobalConfig) GlobalConfig {
	if g.RxBufSize == 0 {
		g.RxBufSize = defaultRxBufSize
	}
	if !g.McastGroup4.IsValid() {
		g.McastGroup4 = netip.MustParseAddr("224.0.0.18")
	}
	if !g.McastGroup6.IsValid() {
		g.McastGroup6 = netip.MustParseAddr("ff02::12")
	}
	return g
}

// trackPoll is how often interface state is read when the kernel
// boundary cannot report link changes, and how often track_file and
// track_process are checked.
const trackPoll = time.Second

// Run runs the instances until ctx is done, then shuts them down as
// keepalived does on SIGTERM: masters send priority 0 and remove their
// addresses, every instance reports STOP.
func (e *Engine) Run(ctx context.Context) error {
	rx := make(chan rxAdvert, 256)
	results := make(chan scriptResult, 16)
	cur, err := e.build(e.cfg, nil, rx)
	if err != nil {
		return err
	}
	cur.markKnownVRIDs(e.cfg.Global.LogUnknownVRIDs)
	e.setStatic(e.cfg.Static, true)
	e.startScripts(ctx, cur, results)
	defer func() { cur.stopScripts() }()

	links := make(chan struct{}, 1)
	poll := time.NewTicker(trackPoll)
	defer poll.Stop()
	watching := false
	if w, ok := e.deps.Net.(LinkWatcher); ok {
		wctx, cancel := context.WithCancel(ctx)
		defer cancel()
		if err := w.WatchLinks(wctx, links); err == nil {
			watching = true
		} else {
			e.log.Warn("netlink link monitor: " + err.Error() + "; polling interfaces")
		}
	}

	now := e.deps.Now()
	e.track(cur, now)
	e.startReady(cur, now, true)
	e.drain(cur, now)

	timer := time.NewTimer(time.Hour)
	defer timer.Stop()
	for {
		e.arm(cur, timer)
		select {
		case <-ctx.Done():
			e.shutdown(cur)
			return nil
		case a := <-rx:
			if cur.byName[a.in.cfg.Name] == a.in {
				e.receive(cur, a)
			}
		case <-timer.C:
		case <-links:
			e.track(cur, e.deps.Now())
		case <-poll.C:
			if !watching || cur.pollFiles() {
				e.track(cur, e.deps.Now())
			}
		case r := <-results:
			e.scriptResult(cur, r)
		case req := <-e.reload:
			next := e.apply(ctx, cur, req.cfg, rx, results)
			cur = next
			close(req.done)
		case reply := <-e.snap:
			reply <- cur.status()
		case <-e.clear:
			for _, in := range cur.instances {
				in.stats.clear(in.m.Stats())
			}
		}
		now := e.deps.Now()
		for _, in := range cur.instances {
			if in.started && in.m.State() == fsm.Backup && !in.m.Deadline().IsZero() && !now.Before(in.m.Deadline()) {
				in.logf("Receive advertisement timeout")
			}
			in.m.Tick(now)
		}
		e.drain(cur, now)
	}
}

// arm sets the timer to the earliest instance deadline.
func (e *Engine) arm(cur *run, timer *time.Timer) {
	var next time.Time
	for _, in := range cur.instances {
		if w := in.wake(); !w.IsZero() && (next.IsZero() || w.Before(next)) {
			next = w
		}
	}
	d := time.Hour
	if !next.IsZero() {
		d = max(next.Sub(e.deps.Now()), 0)
	}
	timer.Reset(d)
}

// receive feeds an accepted advert to its instance's state machine and
// logs what keepalived logs about it (vrrp.c vrrp_state_backup,
// vrrp_state_master_rx).
func (e *Engine) receive(cur *run, a rxAdvert) {
	in := a.in
	if !in.started {
		return
	}
	now := e.deps.Now()
	m := in.m
	switch m.State() {
	case fsm.Backup:
		switch {
		case a.priority == 0:
			in.logf("Backup received priority 0 advertisement")
		case !in.cfg.Nopreempt && a.priority < m.Priority() && in.cfg.PreemptDelay == 0:
			in.detailf("received lower priority (%d) advert from %s - discarding", a.priority, a.src)
		}
	case fsm.Master:
		switch {
		case a.priority == 0:
			in.logf("Master received priority 0 message")
		case a.priority > m.Priority() || a.priority == m.Priority() && a.src.Compare(in.src) > 0:
			if a.priority == m.Priority() {
				in.logf("Master received advert from %s with same priority %d but higher IP address than ours", a.src, a.priority)
			} else {
				in.logf("Master received advert from %s with higher priority %d, ours %d", a.src, a.priority, m.Priority())
			}
		default:
			tail := ""
			if !in.cfg.LowerPrioNoAdvert {
				tail = ", forcing new election"
			}
			in.logf("Received advert from %s with lower priority %d, ours %d%s", a.src, a.priority, m.Priority(), tail)
			e.deps.Notifier.Notify(Event{Name: in.cfg.Name, Type: EventMasterRxLowerPri, Priority: m.Priority(),
				Scripts: in.cfg.Notify})
		}
	}
	m.Receive(now, fsmAdvert(a))
	if addr, _ := m.Master(); addr.IsValid() {
		if p := in.master.Load(); p == nil || *p != addr {
			in.master.Store(&addr)
		}
	}
}

func fsmAdvert(a rxAdvert) fsm.Advert {
	return fsm.Advert{Src: a.src, Priority: a.priority, Interval: a.interval}
}

// drain carries out every instance's pending actions and announcements.
func (e *Engine) drain(cur *run, now time.Time) {
	for _, in := range cur.instances {
		e.drainOne(cur, in, now)
		in.announce(now)
	}
}

func (e *Engine) drainOne(cur *run, in *instance, now time.Time) {
	acts := in.m.Actions()
	logged := -1 // the Notify action whose state line is already logged
	for i, a := range acts {
		switch a.Kind {
		case fsm.SendAdvert:
			if a.Priority == 0 {
				in.detailf("sent 0 priority")
			}
			in.sendAdvert(a.Priority)
		case fsm.AddVIPs:
			// keepalived logs "Entering MASTER STATE" before it sets the
			// addresses (vrrp_state_goto_master), and notifies after.
			for j := i + 1; j < len(acts); j++ {
				if acts[j].Kind == fsm.Notify && acts[j].State == fsm.Master {
					in.logEnter(fsm.Master)
					logged = j
					break
				}
			}
			in.addVIPs(now)
		case fsm.RemoveVIPs:
			if in.m.State() != fsm.Stop || !e.deps.DontReleaseVIPs {
				in.removeVIPs()
			}
		case fsm.AnnounceLowerPrio:
			in.burst(now, in.garp.LowerPrioRepeat)
			if in.garp.LowerPrioDelay > 0 {
				in.lowerAt = now.Add(in.garp.LowerPrioDelay)
			}
		case fsm.Notify:
			if i != logged {
				in.logEnter(a.State)
			}
			e.transition(cur, in, a.State)
		}
	}
}

// logEnter logs keepalived's "(VI_1) Entering MASTER STATE", with
// "(init)" for the first state after start.
func (in *instance) logEnter(s fsm.State) {
	if s == fsm.Stop {
		return
	}
	suffix := ""
	if in.initNote {
		suffix = " (init)"
		in.initNote = false
	}
	in.logf("Entering %s STATE%s", s, suffix)
}

// transition logs and reports an instance's new state, and its group's
// when that changes too (vrrp_notify.c send_instance_notifies,
// send_group_notifies).
func (e *Engine) transition(cur *run, in *instance, s fsm.State) {
	if in.deleted && s == fsm.Stop {
		// vrrp_daemon.c: an instance a reload removed reports FAULT, or
		// DELETED with notify_deleted.
		t := EventFault
		if in.cfg.Notify.DeletedSet {
			t = EventDeleted
		}
		e.deps.Notifier.Notify(Event{Name: in.cfg.Name, Type: t, Priority: in.m.Priority(), Scripts: in.cfg.Notify,
			SMTPAlert: in.cfg.SMTPAlert})
		return
	}
	// Every member of a sync group reports its own transitions too, also
	// when the group has already reported the same state (2.2.7 writes
	// INSTANCE lines for each member besides the GROUP line).
	in.notified = true
	e.deps.Notifier.Notify(Event{Name: in.cfg.Name, Type: eventOf(s), Priority: in.m.Priority(),
		Scripts: in.cfg.Notify, SMTPAlert: in.cfg.SMTPAlert})
	g := in.group
	if g == nil || g.g == nil {
		return
	}
	gs := g.g.State()
	if s == fsm.Stop {
		return // the group reports STOP once every member has stopped
	}
	if gs != g.notified {
		if g.notified != fsm.Init {
			e.log.Info("VRRP_Group(" + g.cfg.Name + ") Syncing instances to " + gs.String() + " state")
		}
		g.notified = gs
		e.deps.Notifier.Notify(Event{Group: true, Name: g.cfg.Name, Type: eventOf(gs), Scripts: g.cfg.Notify,
			SMTPAlert: g.cfg.SMTPAlert})
	}
}

// shutdown stops every instance as on SIGTERM, then reports STOP for the
// groups (vrrp_notify.c notify_shutdown).
func (e *Engine) shutdown(cur *run) {
	e.stop(cur, cur.instances)
	for _, g := range cur.groups {
		e.deps.Notifier.Notify(Event{Group: true, Name: g.cfg.Name, Type: EventStop, Scripts: g.cfg.Notify,
			SMTPAlert: g.cfg.SMTPAlert})
	}
	for _, in := range cur.instances {
		in.close(e.deps.DontReleaseVIPs)
	}
	if !e.deps.DontReleaseVIPs {
		e.setStatic(e.cfg.Static, false)
	}
}

// stop shuts instances down: a master sends priority 0 and removes its
// addresses, every instance reports STOP.
func (e *Engine) stop(cur *run, ins []*instance) {
	now := e.deps.Now()
	for _, in := range ins {
		if !in.started {
			in.started = true
			in.m.Start(now, 0)
			in.m.Actions()
		}
		wasMaster := in.m.State() == fsm.Master
		in.m.Shutdown(now)
		e.drainOne(cur, in, now)
		if e.deps.ReleaseVIPs && !wasMaster && !e.deps.DontReleaseVIPs {
			in.removeVIPs()
		}
	}
}
