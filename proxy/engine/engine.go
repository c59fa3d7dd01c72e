package engine

import (
	"context"
	"errors"
	"io"
	"log/slog"
	"net"
	"os"
	"sync"
	"sync/atomic"
	"time"

	"golang.org/x/sync/errgroup"

	"hakeep/proxy"
	"hakeep/proxy/check"
	"hakeep/proxy/listener"
	"hakeep/proxy/stats"
	"hakeep/proxy/stream"
)

// Deps are the engine's dependencies on the process around it.
type Deps struct {
	// Log receives the engine's alerts, warnings and notices; nil
	// discards them.
	Log *slog.Logger
	// Traffic receives one record per TCP session and HTTP
	// transaction; nil logs nothing.
	Traffic stream.Logger
	// Inherited returns an already listening socket for a listener key
	// (listener.Addr.Key), or nil to open a new one. The engine takes
	// its own duplicate; the file stays the caller's.
	Inherited func(key string) *os.File
	// PID is the process id, for UNIX sockets' temporary names.
	PID int
	// NoReusePort is -dR: no SO_REUSEPORT on listeners.
	NoReusePort bool
	// MaxConn is -n (the global maxconn) and MaxPConn -N (a frontend's
	// default maxconn); 0 means the configuration's or the default.
	MaxConn, MaxPConn int
	// FDLimit is the open-file limit the default global maxconn is
	// derived from; 0 reads RLIMIT_NOFILE.
	FDLimit int
	// Now is the clock; nil means time.Now.
	Now func() time.Time
	// CheckLog returns where a backend's health-check notifications go
	// (its "log" lines); nil sends them nowhere.
	CheckLog func(backend string) check.Logger
	// CheckStderr receives the health-check notifications 2.6 prints on
	// stderr in the foreground; nil prints nothing.
	CheckStderr io.Writer
	// StatsInfo fills what the process knows of itself for the stats
	// page and the exporter (version, start, limits); nil leaves
	// defaults.
	StatsInfo func(p *stats.Process)
	// ProxyLog returns where the messages about a proxy's state go (its
	// "log" lines: paused, resumed, stopped); "<HTTPCLIENT>" is 2.6's
	// internal proxy, which logs to the global targets, and "" the
	// process' own messages (send_log(NULL, ...): the global targets).
	// nil sends them nowhere but stderr.
	ProxyLog func(name string) check.Logger
	// GlobalConns reports the cumulated connections of the stats
	// sockets' frontend ("GLOBAL"), and whether it stops with the
	// engine (2.6 says so at a soft stop when stats sockets exist and
	// no master holds a socket pair); nil for none.
	GlobalConns func() (int64, bool)
}

// Engine is a running HAProxy data plane.
type Engine struct {
	deps Deps
	log  *slog.Logger

	state atomic.Pointer[state]
	// global is the process-wide maxconn.
	global *listener.Gate

	mu        sync.Mutex
	listeners map[string]*boundListener
	// started is set once Run started the listeners; Swap starts new
	// ones itself from then on.
	started bool
	runCtx  context.Context
	group   *errgroup.Group
	// accepting counts the listeners' accept loops running.
	accepting sync.WaitGroup
	stopping  atomic.Bool
	softStop  chan struct{}
	stopOnce  sync.Once

	// ctx ends with a hard stop: queued requests give up.
	ctx    context.Context
	cancel context.CancelFunc

	sessions registry
	// idle holds the parked HTTP connections; nil when the system
	// offers no epoll.
	idle *idlePoller
	// actconn counts the connections the process serves (%ac).
	actconn atomic.Int64
}

// boundListener is one listening socket and what it serves; Swap moves
// it to the new configuration's frontend and bind line.
type boundListener struct {
	key string
	l   *listener.Listener
	cur atomic.Pointer[binding]
}

// binding is the frontend and bind line a listener serves.
type binding struct {
	fe   *frontend
	bind *proxy.Bind
}

// New builds the engine for cfg. Nothing is bound before Open.
func New(cfg *proxy.Config, deps Deps) (*Engine, error) {
	if deps.Now == nil {
		deps.Now = time.Now
	}
	log := deps.Log
	if log == nil {
		log = slog.New(slog.NewTextHandler(io.Discard, nil))
	}
	e := &Engine{deps: deps, log: log, listeners: map[string]*boundListener{}, softStop: make(chan struct{})}
	e.ctx, e.cancel = context.WithCancel(context.Background())
	if p, err := newIdlePoller(e); err == nil {
		e.idle = p
	} else {
		log.Warn("idle connections stay on their goroutines: " + err.Error())
	}
	st, err := e.build(cfg)
	if err != nil {
		return nil, err
	}
	e.global = listener.NewGate(st.maxconn)
	e.state.Store(st)
	return e, nil
}

// MaxConn is the process-wide connection limit in force.
func (e *Engine) MaxConn() int { return e.global.Max() }

// Open binds every listener of every enabled frontend. It tries them all
// and returns every failure, each as HAProxy words it ("Binding
// [file:line] for frontend fe: cannot bind socket (Address already in
// use) for [0.0.0.0:80]"), and warnings through the logger.
func (e *Engine) Open() error {
	st := e.state.Load()
	var errs []error
	for _, fe := range st.frontends {
		for _, b := range fe.px.Binds {
			for _, a := range listener.Expand(b) {
				if err := e.openListener(fe, b, a); err != nil {
					errs = append(errs, err)
				}
			}
		}
	}
	return errors.Join(errs...)
}

func (e *Engine) openListener(fe *frontend, b *proxy.Bind, a listener.Addr) error {
	key := a.Key()
	e.mu.Lock()
	_, dup := e.listeners[key]
	e.mu.Unlock()
	if dup {
		// HAProxy binds both and lets SO_REUSEPORT spread connections;
		// one socket per address is enough for us
		return nil
	}
	sock, err := e.openSocket(fe, b, a)
	if err != nil {
		return errors.New("Binding [" + b.File + ":" + itoa(b.Line) + "] for " + proxyType(fe.px) + " " + fe.px.Name + ": " + err.Error())
	}
	for _, w := range sock.Warnings {
		e.log.Warn("Binding [" + b.File + ":" + itoa(b.Line) + "] for " + proxyType(fe.px) + " " + fe.px.Name + ": " + w)
	}
	bl := &boundListener{key: key}
	bl.cur.Store(&binding{fe: fe, bind: b})
	bl.l = listener.New(listener.Config{
		Socket:   sock,
		Gates:    []*listener.Gate{gateOf(b.MaxConn), fe.gate, e.global},
		Accepted: e.sessions.reserve,
		Handle:   func(c net.Conn, slots listener.Slots) { e.serve(c, slots, bl) },
		OnError:  func(err error) { e.log.Warn("accept on " + a.String() + ": " + err.Error()) },
		Backlog:  backlogOf(fe, b),
	})
	e.mu.Lock()
	e.listeners[key] = bl
	if e.started {
		e.runListener(bl)
	}
	e.mu.Unlock()
	return nil
}

// runListener accepts on bl under the run's group; e.mu is held. Once a
// soft stop began, a listener opened by a swap is closed instead: the
// stop waits for the accept loops it knew of.
func (e *Engine) runListener(bl *boundListener) {
	if e.stopping.Load() {
		bl.l.Close()
		return
	}
	e.accepting.Add(1)
	e.group.Go(func() error {
		defer e.accepting.Done()
		return bl.l.Run(e.runCtx)
	})
}

// backlogOf is a listening socket's backlog: the bind line's, else the
// frontend's, else its maxconn (section 5.1, "backlog").
func backlogOf(fe *frontend, b *proxy.Bind) int {
	if b.Backlog > 0 {
		return b.Backlog
	}
	if fe.px.Backlog > 0 {
		return fe.px.Backlog
	}
	return fe.gate.Max()
}

func (e *Engine) openSocket(fe *frontend, b *proxy.Bind, a listener.Addr) (*listener.Socket, error) {
	if e.deps.Inherited != nil {
		if f := e.deps.Inherited(a.Key()); f != nil {
			ln, err := listener.FromFile(f)
			if err != nil {
				return nil, err
			}
			return &listener.Socket{Addr: a, Listener: ln}, nil
		}
	}
	return listener.Open(a, b, backlogOf(fe, b), listener.OpenOptions{
		NoReusePort: e.deps.NoReusePort || e.state.Load().cfg.Global.NoReusePort,
		UnixBind:    e.state.Load().cfg.Global.UnixBind,
		PID:         e.deps.PID,
		BindV6Only:  listener.SystemV6Only(),
	})
}

// Run serves until ctx ends, which is a hard stop, or until SoftStop was
// called and every connection finished. It returns the first listener or
// backend failure.
func (e *Engine) Run(ctx context.Context) error {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	g, gctx := errgroup.WithContext(ctx)
	e.mu.Lock()
	e.started, e.runCtx, e.group = true, gctx, g
	for _, bl := range e.listeners {
		e.runListener(bl)
	}
	e.startBackends(e.state.Load())
	e.mu.Unlock()
	if e.idle != nil {
		ictx, icancel := context.WithCancel(gctx)
		defer icancel()
		g.Go(func() error { return e.idle.Run(ictx) })
	}

	done := make(chan struct{})
	go func() {
		select {
		case <-e.softStop:
			e.closeListeners()
			// what the listeners accepted until they closed is
			// reserved in the registry: the wait below covers it
			e.accepting.Wait()
			e.announceStop()
			e.sessions.kickIdle()
			if e.idle != nil {
				e.idle.closeIdle()
			}
			wctx := gctx
			if d := e.state.Load().cfg.Global.HardStopAfter; d > 0 {
				// "hard-stop-after": what has not finished by then is
				// closed (configuration.txt section 3.1)
				var wcancel context.CancelFunc
				wctx, wcancel = context.WithTimeout(gctx, d)
				defer wcancel()
			}
			e.sessions.wait(wctx)
			if wctx.Err() == context.DeadlineExceeded && gctx.Err() == nil {
				e.hardStop()
				// 2.6 gives the killed streams a second, then exits
				kctx, kcancel := context.WithTimeout(gctx, time.Second)
				e.sessions.wait(kctx)
				kcancel()
			}
			cancel()
		case <-gctx.Done():
		}
		close(done)
	}()
	err := g.Wait()
	<-done
	e.cancel()
	// a hard stop, or the end of a soft one: close what is left
	e.closeListeners()
	e.sessions.closeAll()
	if errors.Is(err, context.Canceled) {
		err = nil
	}
	return err
}

// startBackends runs the periodic work of st's backends under the run's
// group, until st is replaced or the run ends; e.mu is held.
func (e *Engine) startBackends(st *state) {
	ctx, cancel := context.WithCancel(e.runCtx)
	st.stop = cancel
	for _, b := range st.backends {
		b := b
		e.group.Go(func() error { return b.Run(ctx) })
	}
	if m := st.checks; m != nil {
		e.group.Go(func() error { return m.Run(ctx) })
	}
}

// SoftStop stops accepting, closes idle keep-alive connections, lets the
// others finish their current exchange, then makes Run return
// (management.txt section 4, SIGUSR1 "soft-stop").
func (e *Engine) SoftStop() {
	e.stopOnce.Do(func() {
		e.stopping.Store(true)
		close(e.softStop)
	})
}

// Pause stops accepting on every listener (SIGTTOU): TCP sockets refuse
// new connections until Resume (listener.Listener.Pause), and each
// frontend paused is announced as 2.6 announces it ("Paused frontend
// fe.").
func (e *Engine) Pause() {
	e.announcePause(e.setPaused(e.state.Load().frontends, true), false)
}

// Resume accepts again after Pause (SIGTTIN): "Resumed frontend fe.".
func (e *Engine) Resume() {
	e.announcePause(e.setPaused(e.state.Load().frontends, false), true)
}

// setPaused pauses or resumes the listeners of fes and returns, in
// order, the frontends whose listeners all changed (2.6 announces a
// frontend once it has no ready listener left, or its first one back).
func (e *Engine) setPaused(fes []*frontend, pause bool) []*frontend {
	e.mu.Lock()
	defer e.mu.Unlock()
	var changed []*frontend
	for _, fe := range fes {
		did := false
		for _, bl := range e.listeners {
			if bl.cur.Load().fe != fe || bl.l.Paused() == pause {
				continue
			}
			if pause {
				bl.l.Pause()
				did = true
			} else if err := bl.l.Resume(); err != nil {
				e.log.Warn("Resuming " + proxyType(fe.px) + " " + fe.px.Name + ": " + err.Error())
			} else {
				did = true
			}
		}
		if did {
			changed = append(changed, fe)
		}
	}
	return changed
}

func (e *Engine) closeListeners() {
	e.mu.Lock()
	defer e.mu.Unlock()
	for _, bl := range e.listeners {
		bl.l.Close()
	}
}

// Addrs lists the listening sockets' addresses as bound (ports chosen by
// the kernel for port 0 included), by listener key.
func (e *Engine) Addrs() map[string]string {
	e.mu.Lock()
	defer e.mu.Unlock()
	m := make(map[string]string, len(e.listeners))
	for k, bl := range e.listeners {
		m[k] = bl.l.Socket().Listener.Addr().String()
	}
	return m
}
