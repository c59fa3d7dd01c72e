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
	started  bool
	runCtx   context.Context
	group    *errgroup.Group
	stopping atomic.Bool
	softStop chan struct{}
	stopOnce sync.Once

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
		Socket:  sock,
		Gates:   []*listener.Gate{gateOf(b.MaxConn), fe.gate, e.global},
		Handle:  func(c net.Conn, slots listener.Slots) { e.serve(c, slots, bl) },
		OnError: func(err error) { e.log.Warn("accept on " + a.String() + ": " + err.Error()) },
	})
	e.mu.Lock()
	e.listeners[key] = bl
	started := e.started
	e.mu.Unlock()
	if started {
		e.group.Go(func() error { return bl.l.Run(e.runCtx) })
	}
	return nil
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
	backlog := b.Backlog
	if backlog <= 0 {
		backlog = fe.px.Backlog
	}
	if backlog <= 0 {
		backlog = fe.gate.Max()
	}
	return listener.Open(a, b, backlog, listener.OpenOptions{
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
		bl := bl
		g.Go(func() error { return bl.l.Run(gctx) })
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
			e.sessions.kickIdle()
			if e.idle != nil {
				e.idle.closeAll()
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

// Pause stops accepting on every listener (SIGTTOU).
func (e *Engine) Pause() {
	e.mu.Lock()
	defer e.mu.Unlock()
	for _, bl := range e.listeners {
		bl.l.Pause()
	}
}

// Resume accepts again after Pause (SIGTTIN).
func (e *Engine) Resume() {
	e.mu.Lock()
	defer e.mu.Unlock()
	for _, bl := range e.listeners {
		bl.l.Resume()
	}
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
