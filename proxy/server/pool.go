package server

import (
	"sync"
	"sync/atomic"
	"time"

	"hakeep/proxy"
)

// pool is a server's idle connections, most recently used first: the
// warmest connection is the least likely to have been closed by the
// server.
type pool struct {
	mu   sync.Mutex
	head *Conn
	n    int
	// max is "pool-max-conn": -1 for no limit, 0 for no pool.
	max int
	// nsafe counts the connections released by a request that was not
	// its session's first ("safe" in HAProxy's terms).
	nsafe int
	// retired is set once CloseIdle ran: nothing is kept any more.
	retired bool
	// estNeed is the connections the server needs, estimated from the
	// most used at once over the last purge periods (est_need_conns);
	// maxUsed is the most used since the last purge.
	estNeed atomic.Int64
	maxUsed atomic.Int64
}

// TakeIdle returns an idle connection a request may use, or nil.
// "http-reuse" decides (configuration.txt section 4.2): "never" shares
// nothing; "safe" gives the first request of a client session its own
// connection; "aggressive" gives it only connections that have proven
// the server keeps them alive (reused before); "always" gives it any.
func (s *Server) TakeIdle(mode proxy.HTTPReuse, first bool) *Conn {
	if mode == proxy.ReuseNever || first && mode == proxy.ReuseSafe {
		return nil
	}
	p := &s.pool
	p.mu.Lock()
	var prev *Conn
	c := p.head
	if first && mode == proxy.ReuseAggressive {
		for c != nil && !c.safe {
			prev, c = c, c.next
		}
	}
	if c != nil {
		if prev == nil {
			p.head = c.next
		} else {
			prev.next = c.next
		}
		c.next = nil
		p.n--
		if c.safe {
			p.nsafe--
		}
	}
	p.mu.Unlock()
	if c != nil {
		s.Counters.IdleConns.Add(-1)
		s.opt.Idle.give()
	}
	return c
}

// IdleBudget caps the idle server connections of the whole process, as
// "tune.pool-low-fd-ratio" does (configuration.txt section 3.2): past 20%
// of the descriptors in idle connections, HAProxy closes a connection
// after its response instead of keeping it.
type IdleBudget struct {
	max int64
	n   atomic.Int64
}

// NewIdleBudget allows max idle connections in all; max <= 0 means none.
func NewIdleBudget(max int) *IdleBudget { return &IdleBudget{max: int64(max)} }

func (b *IdleBudget) take() bool {
	if b == nil {
		return true
	}
	if b.n.Add(1) > b.max {
		b.n.Add(-1)
		return false
	}
	return true
}

func (b *IdleBudget) give() {
	if b != nil {
		b.n.Add(-1)
	}
}

// NoteUsed records that used connections to the server carry a request
// at once: the most used since the last purge, and the estimated need,
// which never stays below what is used (srv_use_conn).
func (s *Server) NoteUsed(used int64) {
	raise(&s.pool.maxUsed, used)
	raise(&s.pool.estNeed, used)
}

func raise(m *atomic.Int64, v int64) {
	for {
		cur := m.Load()
		if v <= cur || m.CompareAndSwap(cur, v) {
			return
		}
	}
}

// PutIdle parks a connection whose transaction ended cleanly for later
// requests, as srv_add_to_idle_list does: always when the pool holds no
// connection of the kind (none "safe", or none at all for a connection
// released by a first request), else while the idle and used connections
// stay within the estimated need; used is how many connections still
// carry a request, safe says the request was not its session's first. It
// reports false when the connection is not wanted or the pool or the
// process' budget is full (the caller closes it).
func (s *Server) PutIdle(c *Conn, used int64, safe bool) bool {
	p := &s.pool
	c.idleSince = s.now().UnixNano()
	if !s.opt.Idle.take() {
		return false
	}
	p.mu.Lock()
	need := int(used)
	if est := int(p.estNeed.Load()); est > need {
		need = est
	}
	empty := p.nsafe == 0 && (safe || p.n == 0)
	if p.retired || p.max >= 0 && p.n >= p.max || !empty && int(used)+p.n+1 > need+s.Cfg.PoolLowConn {
		p.mu.Unlock()
		s.opt.Idle.give()
		return false
	}
	c.safe = safe
	if safe {
		p.nsafe++
	}
	c.next = p.head
	p.head = c
	p.n++
	p.mu.Unlock()
	s.Counters.IdleConns.Add(1)
	return true
}

// Purge closes the idle connections parked for longer than
// "pool-purge-delay" and reports how many remain.
func (s *Server) Purge() int {
	delay := s.Cfg.PoolPurgeDelay
	if delay <= 0 {
		delay = 5 * time.Second
	}
	now := s.now()
	var dead []*Conn
	p := &s.pool
	p.mu.Lock()
	// est_need_conns follows the most used at once, and decays by half
	// each period (srv_cleanup_idle_conns)
	maxUsed := p.maxUsed.Swap(0)
	est := (p.estNeed.Load() + maxUsed) / 2
	if est < maxUsed {
		est = maxUsed
	}
	p.estNeed.Store(est)
	var prev *Conn
	for c := p.head; c != nil; {
		next := c.next
		if sinceNano(now, c.idleSince) >= delay {
			if prev == nil {
				p.head = next
			} else {
				prev.next = next
			}
			c.next = nil
			p.n--
			if c.safe {
				p.nsafe--
			}
			dead = append(dead, c)
		} else {
			prev = c
		}
		c = next
	}
	n := p.n
	p.mu.Unlock()
	for _, c := range dead {
		c.Close()
		s.Counters.IdleConns.Add(-1)
		s.opt.Idle.give()
	}
	return n
}

// CloseIdle closes every idle connection and keeps none from then on
// (stopping, or a configuration swap retired the server).
func (s *Server) CloseIdle() {
	p := &s.pool
	p.mu.Lock()
	c := p.head
	p.head, p.n, p.nsafe = nil, 0, 0
	p.retired = true
	p.mu.Unlock()
	for c != nil {
		next := c.next
		c.Close()
		s.Counters.IdleConns.Add(-1)
		s.opt.Idle.give()
		c = next
	}
}

// sinceNano is the idle time of a connection parked at t.
func sinceNano(now time.Time, t int64) time.Duration { return time.Duration(now.UnixNano() - t) }
