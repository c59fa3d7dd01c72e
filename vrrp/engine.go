package vrrp

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/netip"
	"os"
	"reflect"
	"time"

	"hakeep/vrrp/fsm"
)

// Deps are the engine's collaborators.
type Deps struct {
	Net Net
	// Notifier receives transitions; nil runs the configured scripts and
	// FIFO with a ScriptNotifier.
	Notifier Notifier
	// Log: nil discards.
	Log *slog.Logger
	// Now: nil is time.Now.
	Now func() time.Time
}

// Engine runs the VRRP instances of a Config.
type Engine struct {
	cfg    Config
	deps   Deps
	log    *slog.Logger
	reload chan Config
	snap   chan chan []InstanceStatus
}

// NewEngine returns an engine for cfg; Run starts it.
func NewEngine(cfg Config, deps Deps) *Engine {
	log := deps.Log
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	if deps.Notifier == nil {
		deps.Notifier = &ScriptNotifier{FIFO: cfg.Global.NotifyFIFO, Timeout: cfg.Global.ScriptTimeout, Log: log}
	}
	if deps.Now == nil {
		deps.Now = time.Now
	}
	return &Engine{cfg: cfg, deps: deps, log: log, reload: make(chan Config), snap: make(chan chan []InstanceStatus)}
}

// Reload replaces the configuration of a running engine. Instances whose
// configuration (and sync group) is unchanged keep running untouched;
// removed or changed ones stop as on shutdown, new ones start.
func (e *Engine) Reload(ctx context.Context, cfg Config) error {
	select {
	case e.reload <- cfg:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// Snapshot returns the state and counters of every instance, or nil when
// the engine is not running.
func (e *Engine) Snapshot(ctx context.Context) []InstanceStatus {
	reply := make(chan []InstanceStatus, 1)
	select {
	case e.snap <- reply:
		return <-reply
	case <-ctx.Done():
		return nil
	}
}

// syncGroup is a running vrrp_sync_group.
type syncGroup struct {
	cfg   SyncGroupConfig
	g     *fsm.Group
	state fsm.State
}

// packet is one read handed from an instance's reader to the loop.
type packet struct {
	in  *instance
	buf []byte
	r   Received
}

// run is one generation of running instances.
type run struct {
	global    GlobalConfig
	instances []*instance
	byName    map[string]*instance
	groups    []*syncGroup
	scripts   map[string]*scriptState
	stopRun   context.CancelFunc // stops this generation's script runners
}

func withGlobalDefaults(g GlobalConfig) GlobalConfig {
	if !g.McastGroup4.IsValid() {
		g.McastGroup4 = netip.MustParseAddr("224.0.0.18")
	}
	if !g.McastGroup6.IsValid() {
		g.McastGroup6 = netip.MustParseAddr("ff02::12")
	}
	return g
}

// trackPoll is how often interface state is read for track_interface
// and the instance's own interface (keepalived reacts to netlink events;
// polling keeps the kernel boundary small).
const trackPoll = 500 * time.Millisecond

// Run runs the instances until ctx is done, then shuts them down as
// keepalived does on SIGTERM: masters send priority 0 and remove their
// addresses, every instance reports STOP.
func (e *Engine) Run(ctx context.Context) error {
	rx := make(chan packet, 64)
	results := make(chan scriptResult, 16)
	cur, err := e.build(e.cfg, nil, rx)
	if err != nil {
		return err
	}
	e.startScripts(ctx, cur, results)
	defer func() { cur.stopRun() }()
	now := e.deps.Now()
	e.pollLinks(cur, now)
	for _, in := range cur.instances {
		in.m.Start(now, cur.global.StartupDelay)
	}
	e.drain(cur, now)

	timer := time.NewTimer(time.Hour)
	defer timer.Stop()
	poll := time.NewTicker(trackPoll)
	defer poll.Stop()
	for {
		e.arm(cur, timer)
		select {
		case <-ctx.Done():
			e.stop(cur, cur.instances)
			return nil
		case p := <-rx:
			if cur.byName[p.in.cfg.Name] == p.in {
				p.in.receive(p.buf[:p.r.N], p.r, e.deps.Now())
			}
		case <-timer.C:
		case <-poll.C:
			e.pollLinks(cur, e.deps.Now())
		case r := <-results:
			if s := cur.scripts[r.name]; s != nil && s.record(r.ok) {
				e.log.Info("vrrp_script state", "script", r.name, "good", s.good)
				e.pollLinks(cur, e.deps.Now())
			}
		case cfg := <-e.reload:
			next := e.apply(cur, cfg, rx)
			if next != cur {
				cur.stopRun()
				e.startScripts(ctx, next, results)
				cur = next
			}
		case reply := <-e.snap:
			out := make([]InstanceStatus, 0, len(cur.instances))
			for _, in := range cur.instances {
				out = append(out, in.status())
			}
			reply <- out
		}
		now := e.deps.Now()
		for _, in := range cur.instances {
			in.m.Tick(now)
		}
		e.drain(cur, now)
	}
}

// startScripts starts one runner per vrrp_script the instances track.
func (e *Engine) startScripts(ctx context.Context, cur *run, out chan<- scriptResult) {
	sctx, cancel := context.WithCancel(ctx)
	cur.stopRun = cancel
	cur.scripts = map[string]*scriptState{}
	for _, in := range cur.instances {
		for _, ts := range in.cfg.TrackScripts {
			sc := ts.Script
			if _, ok := cur.scripts[sc.Name]; ok {
				continue
			}
			if len(sc.Command) == 0 {
				e.log.Error("vrrp_script", "script", sc.Name, "err", errNoCommand)
				continue
			}
			cur.scripts[sc.Name] = newScriptState(sc)
			go runScript(sctx, sc, out)
		}
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
	if !timer.Stop() {
		select {
		case <-timer.C:
		default:
		}
	}
	timer.Reset(d)
}

// build opens the instances of cfg, reusing those of prev that are
// unchanged.
func (e *Engine) build(cfg Config, prev *run, rx chan packet) (*run, error) {
	g := withGlobalDefaults(cfg.Global)
	cur := &run{global: g, byName: map[string]*instance{}}
	groupOf := map[string]SyncGroupConfig{}
	for _, sg := range cfg.SyncGroups {
		for _, name := range sg.Instances {
			groupOf[name] = sg
		}
	}
	var errs []error
	for _, ic := range cfg.Instances {
		if old := prev.reusable(ic, g, groupOf); old != nil {
			cur.instances = append(cur.instances, old)
			cur.byName[ic.Name] = old
			continue
		}
		in, err := newInstance(ic, g, e.deps.Net, e.log)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		cur.instances = append(cur.instances, in)
		cur.byName[ic.Name] = in
		go e.read(in, rx)
	}
	for _, sg := range cfg.SyncGroups {
		var ms []*fsm.Machine
		rg := &syncGroup{cfg: sg, state: fsm.Init}
		for _, name := range sg.Instances {
			in := cur.byName[name]
			if in == nil {
				errs = append(errs, fmt.Errorf("vrrp_sync_group %q: unknown vrrp_instance %q", sg.Name, name))
				continue
			}
			if in.group != nil && in.group.cfg.Name == sg.Name {
				rg = in.group // reused with its members
			}
			in.group = rg
			ms = append(ms, in.m)
		}
		if rg.g == nil && len(ms) > 0 {
			rg.g = fsm.NewGroup(ms...)
		}
		cur.groups = append(cur.groups, rg)
	}
	if prev == nil && len(errs) > 0 {
		for _, in := range cur.instances {
			in.close()
		}
		return nil, errors.Join(errs...)
	}
	for _, err := range errs {
		e.log.Error("vrrp_instance not started", "err", err)
	}
	return cur, nil
}

// reusable returns prev's instance for ic when nothing it depends on
// changed.
func (prev *run) reusable(ic InstanceConfig, g GlobalConfig, groupOf map[string]SyncGroupConfig) *instance {
	if prev == nil {
		return nil
	}
	old := prev.byName[ic.Name]
	if old == nil || !reflect.DeepEqual(old.cfg, normalise(ic)) || !reflect.DeepEqual(prev.global, g) {
		return nil
	}
	var oldGroup SyncGroupConfig
	if old.group != nil {
		oldGroup = old.group.cfg
	}
	if !reflect.DeepEqual(oldGroup, groupOf[ic.Name]) {
		return nil
	}
	return old
}

// normalise applies what newInstance does to a config, for comparison.
func normalise(ic InstanceConfig) InstanceConfig {
	for i := range ic.VIPs {
		if ic.VIPs[i].Dev == "" {
			ic.VIPs[i].Dev = ic.Interface
		}
	}
	for i := range ic.ExcludedVIPs {
		if ic.ExcludedVIPs[i].Dev == "" {
			ic.ExcludedVIPs[i].Dev = ic.Interface
		}
	}
	ic.VIPs = append([]VIP(nil), ic.VIPs...)
	ipv6 := len(ic.VIPs) > 0 && ic.VIPs[0].Prefix.Addr().Is6()
	if ic.Version == 3 || ic.Auth.Password == "" || ipv6 {
		ic.Auth = Auth{}
	}
	return ic
}

// apply switches to cfg.
func (e *Engine) apply(cur *run, cfg Config, rx chan packet) *run {
	next, err := e.build(cfg, cur, rx)
	if err != nil {
		e.log.Error("reload", "err", err)
		return cur
	}
	var gone []*instance
	for _, in := range cur.instances {
		if next.byName[in.cfg.Name] != in {
			gone = append(gone, in)
		}
	}
	e.stop(cur, gone)
	now := e.deps.Now()
	e.pollLinks(next, now)
	for _, in := range next.instances {
		if in.m.State() == fsm.Init {
			in.m.Start(now, 0)
		}
	}
	e.drain(next, now)
	e.cfg = cfg
	return next
}

// stop shuts instances down and closes them.
func (e *Engine) stop(cur *run, ins []*instance) {
	now := e.deps.Now()
	for _, in := range ins {
		in.m.Shutdown(now)
		e.drainOne(cur, in, now)
		in.close()
	}
}

// read is an instance's reader goroutine; it ends when the socket closes.
func (e *Engine) read(in *instance, rx chan<- packet) {
	for {
		buf := make([]byte, 1500)
		r, err := in.conn.Read(buf)
		if errors.Is(err, net.ErrClosed) || errors.Is(err, os.ErrClosed) {
			return
		}
		if err != nil {
			// A transient error (ENOBUFS, a vanished interface): keep
			// reading, without spinning.
			in.log.Debug("read", "err", err)
			time.Sleep(100 * time.Millisecond)
			continue
		}
		rx <- packet{in: in, buf: buf, r: r}
	}
}

// drain carries out every instance's pending actions.
func (e *Engine) drain(cur *run, now time.Time) {
	for _, in := range cur.instances {
		e.drainOne(cur, in, now)
		in.announce(now)
	}
}

func (e *Engine) drainOne(cur *run, in *instance, now time.Time) {
	for _, a := range in.m.Actions() {
		switch a.Kind {
		case fsm.SendAdvert:
			in.sendAdvert(a.Priority)
		case fsm.AddVIPs:
			in.addVIPs(now)
		case fsm.RemoveVIPs:
			in.removeVIPs()
		case fsm.AnnounceLowerPrio:
			in.burst(now, in.garp.LowerPrioRepeat)
			if in.garp.LowerPrioDelay > 0 {
				in.lowerAt = now.Add(in.garp.LowerPrioDelay)
			}
		case fsm.Notify:
			in.log.Info("entering state", "state", a.State.String())
			e.deps.Notifier.Notify(Event{Name: in.cfg.Name, State: a.State, Priority: in.m.Priority(), Scripts: in.cfg.Notify})
			if g := in.group; g != nil && g.g != nil {
				if s := g.g.State(); s != g.state {
					g.state = s
					e.deps.Notifier.Notify(Event{Group: true, Name: g.cfg.Name, State: s, Priority: in.m.Priority(), Scripts: g.cfg.Notify})
				}
			}
		}
	}
}

// pollLinks applies the tracked objects: the instance's own interface,
// track_interface, track_script and track_file. Any with weight 0 that is
// down means FAULT; the others' weights move the effective priority
// (keepalived.conf(5)).
func (e *Engine) pollLinks(cur *run, now time.Time) {
	for _, in := range cur.instances {
		fault := false
		delta := 0
		if !in.cfg.DontTrackPrimary {
			if l, err := e.deps.Net.Link(in.cfg.Interface); err != nil || !l.Up {
				fault = true
			}
		}
		for _, t := range in.cfg.TrackInterfaces {
			l, err := e.deps.Net.Link(t.Name)
			d, f := weighted(t.Weight, t.Reverse, err == nil && l.Up)
			delta += d
			fault = fault || f
		}
		for _, ts := range in.cfg.TrackScripts {
			st := cur.scripts[ts.Script.Name]
			if st == nil {
				continue
			}
			w, rev := ts.Script.Weight, ts.Script.Reverse != ts.Reverse
			if ts.WeightSet {
				w = ts.Weight
			}
			d, f := weighted(w, rev, st.good)
			delta += d
			fault = fault || f
		}
		for _, tf := range in.cfg.TrackFiles {
			d, f := fileWeight(tf)
			delta += d
			fault = fault || f
		}
		if p := effectivePriority(in.m.BasePriority(), delta); p != in.m.Priority() {
			in.log.Info("changing effective priority", "from", in.m.Priority(), "to", p)
			in.m.SetPriority(now, p)
		}
		in.m.SetFault(now, fault)
	}
}
