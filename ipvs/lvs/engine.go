package lvs

import (
	"cmp"
	"context"
	"errors"
	"log/slog"
	"math/rand/v2"
	"net/netip"
	"slices"
	"syscall"
	"time"

	"hakeep/ipvs"
	"hakeep/ipvs/genl"
	"hakeep/ipvs/ipvsnl"
)

// Kernel is what the engine needs of IPVS; *ipvsnl.Client is one.
type Kernel interface {
	ipvs.Client
	Timeouts() (ipvs.Timeouts, error)
	SetTimeouts(ipvs.Timeouts) error
	StartDaemon(ipvs.Daemon) error
	StopDaemon(ipvs.DaemonState) error
}

// Prober runs one attempt of a checker's test. It must return when ctx
// is done.
type Prober interface {
	Probe(ctx context.Context, a Attempt) Result
}

// Deps are the engine's collaborators; every one has a default.
type Deps struct {
	// Dial opens IPVS. When it fails (no IPVS in the kernel), the failure
	// is logged once as keepalived logs it and the checkers run all the
	// same, with nothing programmed. Nil dials generic netlink.
	Dial func() (Kernel, error)
	// Prober runs the checkers; nil runs them on the network.
	Prober Prober
	// Notifier runs notify scripts, writes FIFOs, sends alerts; nil does
	// nothing.
	Notifier Notifier
	// Log receives keepalived's messages; nil discards.
	Log *slog.Logger
	// Now is the clock; nil is time.Now.
	Now func() time.Time
	// Rand draws the warmup delays; nil seeds one.
	Rand *rand.Rand
	// Addrs lists the local addresses (ha_suspend); nil reads the
	// interfaces.
	Addrs func() ([]netip.Addr, error)
	// FileValue reads a FILE_CHECK's track file; nil reads it as
	// keepalived does.
	FileValue func(*FileConfig) int64
	// DontRelease leaves IPVS as it is on stop (keepalived -I).
	DontRelease bool
	// Available says whether the kernel has an IPVS module (scheduler or
	// persistence engine); nil looks in /sys/module and the module tree.
	Available func(module string) bool
}

// pollInterval is how often local addresses (ha_suspend) and track
// files (FILE_CHECK) are read; keepalived is told of both by the kernel
// (netlink, inotify).
const pollInterval = 500 * time.Millisecond

// Engine is keepalived's checker process: it programs IPVS from the
// virtual servers and keeps it in step with the checkers.
type Engine struct {
	cfg    *Config
	deps   Deps
	log    *slog.Logger
	reload chan *Config
}

// New returns an engine for cfg; Run starts it.
func New(cfg *Config, deps Deps) *Engine {
	if deps.Log == nil {
		deps.Log = slog.New(slog.DiscardHandler)
	}
	if deps.Notifier == nil {
		deps.Notifier = discardNotifier{}
	}
	if deps.Now == nil {
		deps.Now = time.Now
	}
	if deps.Rand == nil {
		deps.Rand = rand.New(rand.NewPCG(rand.Uint64(), rand.Uint64()))
	}
	if deps.Dial == nil {
		deps.Dial = func() (Kernel, error) { return ipvsnl.Dial() }
	}
	if deps.Prober == nil {
		deps.Prober = NetProber{}
	}
	if deps.Addrs == nil {
		deps.Addrs = localAddrs
	}
	if deps.Available == nil {
		deps.Available = moduleAvailable
	}
	if deps.FileValue == nil {
		deps.FileValue = readTrackFile(deps.Log)
	}
	return &Engine{cfg: cfg, deps: deps, log: deps.Log, reload: make(chan *Config)}
}

// Reload hands a new configuration to the running engine (SIGHUP).
func (e *Engine) Reload(ctx context.Context, cfg *Config) error {
	select {
	case e.reload <- cfg:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

type attemptResult struct {
	a Attempt
	r Result
}

// run is the state of one Run.
type run struct {
	e        *Engine
	c        *core
	k        Kernel // nil without IPVS
	rec      *ipvs.Reconciler
	applied  int
	origTO   *ipvs.Timeouts
	results  chan attemptResult
	probeCtx context.Context
	cancel   context.CancelFunc
	addrs    map[netip.Addr]bool
}

// Run programs IPVS and runs the checkers until ctx is done, then clears
// what it programmed (unless DontRelease).
func (e *Engine) Run(ctx context.Context) error {
	r := &run{e: e, results: make(chan attemptResult, 16), addrs: map[netip.Addr]bool{}}
	r.c = newCore(e.cfg, e.log, e.deps.Notifier, e.deps.Rand, e.deps.FileValue)
	r.c.available = e.deps.Available
	if len(e.cfg.VirtualServers) > 0 {
		r.openIPVS()
	}
	r.setGlobals(e.cfg, nil)
	if r.k != nil && e.cfg.Flush {
		r.flush()
	}
	r.pollAddrs()
	r.probeCtx, r.cancel = context.WithCancel(ctx)
	defer func() { r.cancel() }()
	r.c.start(e.deps.Now())
	r.apply()

	timer := time.NewTimer(time.Hour)
	defer timer.Stop()
	poll := time.NewTicker(pollInterval)
	defer poll.Stop()
	for {
		r.launch()
		r.arm(timer)
		select {
		case <-ctx.Done():
			r.cancel()
			r.c.stop(!e.deps.DontRelease)
			r.apply()
			r.stopGlobals()
			return nil
		case res := <-r.results:
			for _, res := range r.gather(res) {
				r.c.done(e.deps.Now(), res.a, res.r)
			}
		case <-timer.C:
		case <-poll.C:
			r.pollAddrs()
			r.pollFiles()
		case cfg := <-e.reload:
			r.cancel()
			r.probeCtx, r.cancel = context.WithCancel(ctx)
			old := r.c.cfg
			if r.k == nil && len(cfg.VirtualServers) > 0 {
				r.openIPVS()
			}
			r.setGlobals(cfg, old)
			r.c.reload(e.deps.Now(), cfg)
		}
		r.apply()
	}
}

// openIPVS is ipvs_start().
func (r *run) openIPVS() {
	r.e.log.Debug("Initializing ipvs")
	k, err := r.e.deps.Dial()
	if err != nil {
		reason := err.Error()
		if errors.Is(err, genl.ErrNoFamily) {
			// libipvs's ipvs_init() fails with ENOENT when the kernel
			// has no IPVS family.
			reason = errnoText(syscall.ENOENT)
		}
		r.c.logf("IPVS: Can't initialize ipvs: %s", reason)
		return
	}
	r.k = k
	r.rec = ipvs.NewReconciler(k, ipvs.ReconcilerOptions{})
}

// flush is lvs_flush: IPVS emptied before the first services go in.
func (r *run) flush() {
	svcs, err := r.k.Services()
	if err != nil {
		r.c.logf("IPVS cmd %s(%d) error: %v", opFlush, int(opFlush), err)
		return
	}
	for _, s := range svcs {
		if err := r.k.DeleteService(s.ServiceKey); err != nil {
			r.c.logf("IPVS cmd %s(%d) error: %v", opFlush, int(opFlush), err)
		}
	}
}

// setGlobals applies lvs_timeouts and lvs_sync_daemon as start_check()
// does; old is the configuration a reload replaces, nil on a start.
func (r *run) setGlobals(cfg, old *Config) {
	if r.k == nil {
		return
	}
	if to := cfg.Timeouts; to != (ipvs.Timeouts{}) {
		// The kernel's values are kept to fill what is not set and to be
		// restored on stop (libipvs's ipvs_set_timeout()).
		if r.origTO == nil {
			if t, err := r.k.Timeouts(); err == nil {
				r.origTO = &t
			}
		}
		if o := r.origTO; o != nil {
			to.TCP = cmpOr(to.TCP, o.TCP)
			to.TCPFin = cmpOr(to.TCPFin, o.TCPFin)
			to.UDP = cmpOr(to.UDP, o.UDP)
		}
		if err := r.k.SetTimeouts(to); err != nil {
			r.c.logf("Failed to set ipvs timeouts")
		}
	} else if old != nil && r.origTO != nil {
		_ = r.k.SetTimeouts(*r.origTO)
	}
	d := cfg.SyncDaemon
	if d == nil {
		return
	}
	if old == nil || old.SyncDaemon == nil || *old.SyncDaemon != *d {
		// Daemons left by a keepalived that died are stopped first.
		_ = r.k.StopDaemon(ipvs.DaemonMaster)
		_ = r.k.StopDaemon(ipvs.DaemonBackup)
	}
	for _, st := range []ipvs.DaemonState{ipvs.DaemonMaster, ipvs.DaemonBackup} {
		dd := *d
		dd.State = st
		if err := r.k.StartDaemon(dd); err != nil && !errors.Is(err, syscall.EEXIST) {
			r.c.logf("IPVS cmd IP_VS_SO_SET_STARTDAEMON(1163) error: %v", err)
		}
	}
}

func cmpOr(a, b time.Duration) time.Duration {
	if a != 0 {
		return a
	}
	return b
}

// stopGlobals restores the timeouts keepalived changed and stops the sync
// daemons it started (checker_terminate_phase2(), ipvs_stop()).
func (r *run) stopGlobals() {
	if r.k == nil {
		return
	}
	if r.c.cfg.SyncDaemon != nil {
		_ = r.k.StopDaemon(ipvs.DaemonMaster)
		_ = r.k.StopDaemon(ipvs.DaemonBackup)
	}
	if r.origTO != nil {
		_ = r.k.SetTimeouts(*r.origTO)
	}
}

// apply makes the kernel hold the table after a change.
func (r *run) apply() {
	if r.k == nil || r.c.tab.ver == r.applied {
		return
	}
	r.applied = r.c.tab.ver
	if _, err := r.rec.Apply(r.c.tab.desired()); err != nil {
		r.c.logf("IPVS: %v", err)
	}
}

// gatherWindow is how long results arriving together are collected to
// be taken in the order their attempts started. keepalived's checkers
// run in one event loop, where checks started together (the first ones,
// all due after the bootstrap delay) end in the order they were started.
const gatherWindow = 100 * time.Millisecond

// gather collects the results arriving within gatherWindow of first,
// ordered by the start of their attempts.
func (r *run) gather(first attemptResult) []attemptResult {
	out := []attemptResult{first}
	t := time.NewTimer(gatherWindow)
	defer t.Stop()
	for {
		select {
		case res := <-r.results:
			out = append(out, res)
		case <-t.C:
			slices.SortFunc(out, func(a, b attemptResult) int { return cmp.Compare(a.a.seq, b.a.seq) })
			return out
		}
	}
}

// launch starts the attempts that are due.
func (r *run) launch() {
	for _, a := range r.c.due(r.e.deps.Now()) {
		go func(ctx context.Context, a Attempt) {
			res := r.e.deps.Prober.Probe(ctx, a)
			select {
			case r.results <- attemptResult{a, res}:
			case <-ctx.Done():
			}
		}(r.probeCtx, a)
	}
}

// arm sets the timer to the next checker due.
func (r *run) arm(t *time.Timer) {
	next := r.c.nextDue()
	d := time.Hour
	if !next.IsZero() {
		d = max(next.Sub(r.e.deps.Now()), 0)
	}
	t.Reset(d)
}

// pollAddrs tells the checkers of ha_suspend virtual servers which
// addresses came and went.
func (r *run) pollAddrs() {
	if !r.c.usesHASuspend() {
		return
	}
	list, err := r.e.deps.Addrs()
	if err != nil {
		return
	}
	now := map[netip.Addr]bool{}
	for _, a := range list {
		now[a.Unmap()] = true
	}
	for a := range now {
		if !r.addrs[a] {
			r.c.addrChanged(a, true)
		}
	}
	for a := range r.addrs {
		if !now[a] {
			r.c.addrChanged(a, false)
		}
	}
	r.addrs = now
}

// pollFiles reads the FILE_CHECKs' files.
func (r *run) pollFiles() {
	for _, ck := range r.c.checkers {
		if ck.cfg.Type == FileCheck {
			r.c.fileChanged(ck, r.e.deps.FileValue(ck.cfg.File))
		}
	}
}
