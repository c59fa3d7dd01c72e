package backend

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"sync/atomic"
	"time"

	"hakeep/proxy"
	"hakeep/proxy/balance"
	"hakeep/proxy/counters"
	"hakeep/proxy/server"
)

// Errors of Assign, each a termination cause of the log's state field
// (configuration.txt section 8.5).
var (
	// ErrNoServer: no usable server ("SC", 503).
	ErrNoServer = errors.New("no server is available to handle this request")
	// ErrQueueTimeout: "timeout queue" struck ("sQ", 503).
	ErrQueueTimeout = errors.New("timeout while waiting in the queue")
	// ErrQueueFull: the chosen server's queue reached "maxqueue" ("SQ",
	// 503).
	ErrQueueFull = errors.New("server queue is full")
)

// Options are a backend's run-time settings besides its configuration.
type Options struct {
	// Fullconn is "fullconn", already defaulted (10% of the maxconn of
	// the frontends that use the backend).
	Fullconn int
	// Now is the clock; nil means time.Now.
	Now func() time.Time
	// Idle is the process-wide budget of idle server connections.
	Idle *server.IdleBudget
}

// Backend is one backend (or the backend half of a listen section).
type Backend struct {
	Proxy    *proxy.Proxy
	LB       *balance.Backend
	Servers  []*server.Server
	Counters counters.Proxy

	// byLB finds a server's queue; list is every server in order. Both
	// are replaced whole by "add server" and "del server" (dynamic.go).
	byLB atomic.Pointer[map[*balance.Server]*srvState]
	list atomic.Pointer[[]*server.Server]
	sopt *server.Options
	// maintSeen: the servers without checks that went through
	// maintenance (NoteMaint).
	maintSeen sync.Map
	// limited is true when a server has a connection limit: only then
	// can requests queue, and assignments take the queue's lock.
	limited      bool
	queueTimeout time.Duration

	mu  sync.Mutex
	pxq queue
	seq uint64
}

// srvState is a server and its queue.
type srvState struct {
	srv *server.Server
	q   queue
}

// New builds the run-time backend of p.
func New(p *proxy.Proxy, opt Options) (*Backend, error) {
	spec, err := balanceSpec(p)
	if err != nil {
		return nil, err
	}
	cfgs := make([]balance.ServerConfig, len(p.Servers))
	for i, s := range p.Servers {
		cfgs[i] = balance.ServerConfig{
			Name:      s.Name,
			ID:        s.ID,
			Weight:    s.Weight,
			Backup:    s.Backup,
			Disabled:  s.Disabled || (s.Addr.Family == proxy.FamilyInet && !s.Addr.Addr.IsValid()),
			Maxconn:   s.MaxConn,
			Minconn:   s.MinConn,
			Maxqueue:  s.MaxQueue,
			Slowstart: s.SlowStart,
		}
	}
	fullconn := p.FullConn
	if fullconn <= 0 {
		fullconn = opt.Fullconn
	}
	if fullconn <= 0 {
		fullconn = 1
	}
	lb, err := balance.New(spec, cfgs, balance.Options{AllBackups: p.Options.AllBackups, Fullconn: fullconn, Now: opt.Now})
	if err != nil {
		return nil, fmt.Errorf("backend '%s': %w", p.Name, err)
	}
	b := &Backend{Proxy: p, LB: lb}
	byLB := make(map[*balance.Server]*srvState, len(p.Servers))
	sopt := &server.Options{
		ConnectTimeout:    p.Timeouts.Connect,
		Source:            p.Source,
		TCPKeepalive:      p.Options.ServerTCPKA,
		TCPKeepaliveParam: p.ServerTCPKeepalive,
		Now:               opt.Now,
		Idle:              opt.Idle,
	}
	for i, s := range p.Servers {
		if s.MaxConn > 0 || s.MinConn > 0 {
			b.limited = true
		}
		lbs := lb.Servers()[i]
		rs := server.New(s, p.Name, lbs, sopt)
		b.Servers = append(b.Servers, rs)
		byLB[lbs] = &srvState{srv: rs}
	}
	b.byLB.Store(&byLB)
	list := b.Servers
	b.list.Store(&list)
	b.sopt = sopt
	b.queueTimeout = p.Timeouts.Queue
	if b.queueTimeout == 0 {
		// "If unspecified, the same value as the backend's connection
		// timeout ("timeout connect") is used" (section 4.2)
		b.queueTimeout = p.Timeouts.Connect
	}
	return b, nil
}

// Name is the backend's name.
func (b *Backend) Name() string { return b.Proxy.Name }

// Server finds a server by name.
func (b *Backend) Server(name string) *server.Server {
	for _, s := range b.List() {
		if s.Name() == name {
			return s
		}
	}
	return nil
}

// Assign chooses the server for a request and counts it there, waiting in
// a queue while every candidate is full. avoid is the server a retry
// failed on ("option redispatch"), or nil. The caller calls Release with
// the server once the request is over (HAProxy frees the slot at the end
// of each transaction, so "maxconn" limits concurrent requests, not
// connections).
func (b *Backend) Assign(ctx context.Context, r *balance.Request, avoid *server.Server) (*server.Server, error) {
	var avoidLB *balance.Server
	if avoid != nil {
		avoidLB = avoid.LB
	}
	if !b.limited {
		lbs, st := b.LB.Pick(r, avoidLB)
		if st != balance.OK {
			return nil, ErrNoServer
		}
		b.LB.Take(lbs)
		s := b.stateOf(lbs).srv
		b.took(s)
		return s, nil
	}
	b.mu.Lock()
	b.LB.Enter()
	lbs, st := b.LB.Pick(r, avoidLB)
	switch st {
	case balance.NoServer:
		b.LB.Leave()
		b.mu.Unlock()
		return nil, ErrNoServer
	case balance.OK:
		ss := b.stateOf(lbs)
		if b.LB.HasRoom(lbs) {
			b.LB.Take(lbs)
			b.mu.Unlock()
			b.took(ss.srv)
			return ss.srv, nil
		}
		// a server chosen by hashing is full: wait for it
		if max := ss.srv.Cfg.MaxQueue; max > 0 && ss.q.n >= max {
			b.LB.Leave()
			b.mu.Unlock()
			return nil, ErrQueueFull
		}
		return b.wait(ctx, ss)
	}
	return b.wait(ctx, nil)
}

// took counts an assignment.
func (b *Backend) took(s *server.Server) {
	cur := s.Counters.Cur.Add(1)
	counters.Raise(&s.Counters.Max, cur)
	s.NoteUsed(cur)
	s.Counters.Sessions.Add(1)
}

// wait queues the request on ss, or on the backend when ss is nil, and
// waits for a server; b.mu is held on entry.
func (b *Backend) wait(ctx context.Context, ss *srvState) (*server.Server, error) {
	w := &waiter{ch: make(chan *server.Server, 1), on: ss}
	b.seq++
	w.seq = b.seq
	if ss == nil {
		b.pxq.push(w)
		b.LB.Queue(nil)
		counters.Enter(&b.Counters.QueueCur, &b.Counters.QueueMax)
	} else {
		ss.q.push(w)
		counters.Enter(&ss.srv.Counters.QueueCur, &ss.srv.Counters.QueueMax)
	}
	b.mu.Unlock()

	var timeout <-chan time.Time
	if b.queueTimeout > 0 {
		t := time.NewTimer(b.queueTimeout)
		defer t.Stop()
		timeout = t.C
	}
	var err error
	select {
	case s := <-w.ch:
		return s, nil
	case <-timeout:
		err = ErrQueueTimeout
	case <-ctx.Done():
		err = ctx.Err()
	}
	b.mu.Lock()
	if w.done {
		// a server took the request as the timer fired
		b.mu.Unlock()
		return <-w.ch, nil
	}
	b.unqueue(w)
	b.LB.Leave()
	b.mu.Unlock()
	return nil, err
}

// unqueue takes w out of its queue; b.mu is held.
func (b *Backend) unqueue(w *waiter) {
	if w.on == nil {
		b.pxq.remove(w)
		b.LB.Unqueue(nil)
		counters.Leave(&b.Counters.QueueCur)
	} else {
		w.on.q.remove(w)
		counters.Leave(&w.on.srv.Counters.QueueCur)
	}
}

// Release frees the slot a request held on s and gives it to the oldest
// request waiting for s or for the backend (process_srv_queue).
func (b *Backend) Release(s *server.Server) {
	counters.Leave(&s.Counters.Cur)
	b.LB.Release(s.LB)
	if !b.limited {
		return
	}
	b.mu.Lock()
	b.LB.Leave()
	b.dequeue(b.stateOf(s.LB))
	b.mu.Unlock()
}

// dequeue hands free slots of ss to waiting requests; b.mu is held.
func (b *Backend) dequeue(ss *srvState) {
	for b.LB.HasRoom(ss.srv.LB) {
		w := ss.q.head
		if p := b.pxq.head; p != nil && (w == nil || p.seq < w.seq) && b.servesBackendQueue(ss.srv) {
			w = p
		}
		if w == nil {
			return
		}
		b.unqueue(w)
		b.LB.Take(ss.srv.LB)
		b.took(ss.srv)
		w.done = true
		w.ch <- ss.srv
	}
}

// servesBackendQueue is process_srv_queue's rule: a backup server only
// serves the backend's queue when no active server is usable and it is
// the backup in use (or all backups are, with "option allbackups").
func (b *Backend) servesBackendQueue(s *server.Server) bool {
	if !s.LB.Backup() {
		return true
	}
	for _, o := range b.List() {
		if !o.LB.Backup() && o.LB.Usable() {
			return false
		}
	}
	return true
}

// Kick offers every server's free slots to the queues, after a change
// that may have freed some (a server back up, a weight raised).
func (b *Backend) Kick() {
	if !b.limited {
		return
	}
	b.mu.Lock()
	for _, s := range b.List() {
		b.dequeue(b.stateOf(s.LB))
	}
	b.mu.Unlock()
}

// QueueLen is the number of requests waiting in the backend's own queue.
func (b *Backend) QueueLen() int {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.pxq.n
}
