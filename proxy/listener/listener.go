package listener

import (
	"context"
	"errors"
	"net"
	"sync"
	"sync/atomic"
	"time"

	"hakeep/proxy/sock"
)

// Handler serves one accepted connection on a goroutine of its own while
// it runs (goroutines are reused from one connection to the next,
// workers.go) and calls slots.Release once the connection is closed.
type Handler func(c net.Conn, slots Slots)

// Slots are the gate slots a connection holds.
type Slots struct {
	gates *[]*Gate
}

// Release frees the slots, last taken first.
func (s Slots) Release() {
	if s.gates == nil {
		return
	}
	g := *s.gates
	for i := len(g) - 1; i >= 0; i-- {
		g[i].Release()
	}
}

// commit counts the slots as held by the connection just accepted.
func (s Slots) commit() {
	if s.gates == nil {
		return
	}
	for _, g := range *s.gates {
		g.commit()
	}
}

// cancel frees the slots taken for an accept that returned no connection.
func (s Slots) cancel() {
	if s.gates == nil {
		return
	}
	g := *s.gates
	for i := len(g) - 1; i >= 0; i-- {
		g[i].cancel()
	}
}

// Config is what a Listener runs.
type Config struct {
	Socket *Socket
	// Gates are the limits a connection takes a slot of before it is
	// accepted, in order: the bind line's "maxconn", the frontend's, the
	// process'. nil entries are skipped.
	Gates  []*Gate
	Handle Handler
	// Accepted is called on the accepting goroutine for each connection
	// accepted, before Handle's goroutine starts: the owner can count
	// the connections it has to serve before they are handled (a soft
	// stop waits for them). nil calls nothing.
	Accepted func()
	// OnError reports accept errors other than the listener closing
	// (EMFILE...); nil drops them.
	OnError func(error)
	// Backlog is what a paused TCP socket listens with again on Resume;
	// 0 means SOMAXCONN.
	Backlog int
}

// Listener accepts connections on one socket.
type Listener struct {
	cfg Config
	// gates is replaced whole by SetGates; a connection releases the
	// list it took slots of.
	gates atomic.Pointer[[]*Gate]

	mu     sync.Mutex
	paused bool
	// suspended is set while a paused socket does not listen.
	suspended bool
	// resume is closed when a paused listener resumes.
	resume chan struct{}
	closed bool
	// closing is closed by Close: a wait for a gate slot gives up.
	closing chan struct{}
	// raw accepts on a TCP socket (accept.go), nil for others.
	raw *sock.Acceptor
	// work runs Handle (workers.go).
	work workers
}

// deadliner is a listener whose Accept can be interrupted.
type deadliner interface {
	SetDeadline(time.Time) error
}

// New prepares a listener; Run accepts.
func New(cfg Config) *Listener {
	l := &Listener{cfg: cfg, closing: make(chan struct{})}
	l.work.handle = cfg.Handle
	if cfg.Socket != nil {
		l.raw = rawAcceptor(cfg.Socket.Listener)
	}
	l.SetGates(cfg.Gates)
	return l
}

// SetGates replaces the limits for the connections accepted from now on
// (a configuration swap moved the listener to another frontend).
func (l *Listener) SetGates(gates []*Gate) {
	var list []*Gate
	for _, g := range gates {
		if g != nil {
			list = append(list, g)
		}
	}
	l.gates.Store(&list)
}

// Addr is the socket's address.
func (l *Listener) Addr() Addr { return l.cfg.Socket.Addr }

// Socket is the listening socket.
func (l *Listener) Socket() *Socket { return l.cfg.Socket }

// Run accepts connections until ctx ends or Close is called, then returns
// nil; connections already accepted go on: each was handed to Accepted
// and Handle before Run returns.
func (l *Listener) Run(ctx context.Context) error {
	stop := context.AfterFunc(ctx, func() { l.Close() })
	defer stop()
	// a listener waiting for a gate slot stops waiting when closed
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	go func() {
		select {
		case <-l.closing:
			cancel()
		case <-ctx.Done():
		}
	}()
	for {
		if err := l.waitResumed(ctx); err != nil {
			return nil
		}
		slots, ok := l.acquire(ctx)
		if !ok {
			return nil
		}
		c, err := l.accept()
		if err != nil {
			slots.cancel()
			if l.isClosed() {
				return nil
			}
			var ne net.Error
			if errors.As(err, &ne) && ne.Timeout() {
				continue // interrupted by Pause
			}
			if l.cfg.OnError != nil {
				l.cfg.OnError(err)
			}
			// EMFILE, ENFILE, ENOBUFS: HAProxy disables the listener
			// and retries a bit later (src/listener.c, listener_accept)
			select {
			case <-time.After(100 * time.Millisecond):
			case <-ctx.Done():
				return nil
			}
			continue
		}
		slots.commit()
		if l.cfg.Accepted != nil {
			l.cfg.Accepted()
		}
		l.work.serve(c, slots)
	}
}

// acquire takes a slot of every gate, in order, giving back those taken
// when ctx ends.
func (l *Listener) acquire(ctx context.Context) (Slots, bool) {
	list := l.gates.Load()
	for i, g := range *list {
		if err := g.Acquire(ctx); err != nil {
			for _, h := range (*list)[:i] {
				h.cancel()
			}
			return Slots{}, false
		}
	}
	return Slots{gates: list}, true
}

// Pause stops accepting (management.txt section 4, SIGTTOU; "disable
// frontend"): a TCP socket stops listening, so that new connections are
// refused as 2.6 refuses them (suspend.go); on a UNIX socket they wait in
// the backlog.
func (l *Listener) Pause() {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.paused || l.closed {
		return
	}
	l.paused = true
	l.resume = make(chan struct{})
	if d, ok := l.cfg.Socket.Listener.(deadliner); ok {
		d.SetDeadline(time.Unix(1, 0))
	}
	if l.raw != nil {
		l.raw.SetDeadline(time.Unix(1, 0))
	}
	l.suspended = suspend(l.cfg.Socket.Listener)
}

// Resume accepts again after Pause (SIGTTIN; "enable frontend"). A
// suspended socket listens again; the error says why it could not (2.6
// then leaves the listener paused and says so).
func (l *Listener) Resume() error {
	l.mu.Lock()
	defer l.mu.Unlock()
	if !l.paused {
		return nil
	}
	if l.suspended {
		if err := resume(l.cfg.Socket.Listener, l.cfg.Backlog); err != nil {
			return err
		}
		l.suspended = false
	}
	l.paused = false
	if d, ok := l.cfg.Socket.Listener.(deadliner); ok {
		d.SetDeadline(time.Time{})
	}
	if l.raw != nil {
		l.raw.SetDeadline(time.Time{})
	}
	close(l.resume)
	return nil
}

// Paused reports whether the listener is paused.
func (l *Listener) Paused() bool {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.paused
}

func (l *Listener) waitResumed(ctx context.Context) error {
	l.mu.Lock()
	paused, ch := l.paused, l.resume
	l.mu.Unlock()
	if !paused {
		return nil
	}
	select {
	case <-ch:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// Close stops accepting and closes the socket.
func (l *Listener) Close() error {
	l.mu.Lock()
	if l.closed {
		l.mu.Unlock()
		return nil
	}
	l.closed = true
	close(l.closing)
	if l.paused {
		l.paused = false
		close(l.resume)
	}
	l.mu.Unlock()
	if l.raw != nil {
		l.raw.Close()
	}
	return l.cfg.Socket.Listener.Close()
}

func (l *Listener) isClosed() bool {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.closed
}
