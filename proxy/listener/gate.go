package listener

import (
	"context"
	"sync"
)

// Gate counts connections against a "maxconn" limit: a bind line's, a
// frontend's or the process'. Acquire blocks while the gate is full, which
// is how a listener stops accepting; Release frees a slot and wakes the
// listeners waiting for one. A nil Gate or one with no limit never blocks.
//
// A listener takes its slots before it accepts (so that a full gate leaves
// connections in the kernel's backlog), but the slot only counts as a
// connection once the accept returned one (commit): 2.6 counts feconn and
// actconn per accepted connection (src/listener.c, listener_accept), so
// the "%fc"/"%ac" of a log line and "scur"/"smax" leave out a listener
// waiting in accept.
type Gate struct {
	max int

	mu sync.Mutex
	// n counts the slots taken, live the connections accepted on them.
	n    int
	live int
	peak int
	// wake is closed and dropped when a slot frees while someone waits.
	wake chan struct{}
}

// NewGate returns a gate admitting max connections at once; max <= 0 means
// no limit.
func NewGate(max int) *Gate { return &Gate{max: max} }

// Max is the limit, 0 for none.
func (g *Gate) Max() int {
	if g == nil {
		return 0
	}
	g.mu.Lock()
	defer g.mu.Unlock()
	return g.max
}

// Acquire takes a slot, waiting for one while the gate is full.
func (g *Gate) Acquire(ctx context.Context) error {
	if g == nil {
		return nil
	}
	for {
		g.mu.Lock()
		if g.max <= 0 || g.n < g.max {
			g.n++
			g.mu.Unlock()
			return nil
		}
		if g.wake == nil {
			g.wake = make(chan struct{})
		}
		wake := g.wake
		g.mu.Unlock()
		select {
		case <-wake:
		case <-ctx.Done():
			return ctx.Err()
		}
	}
}

// commit counts the slot taken by Acquire as a connection.
func (g *Gate) commit() {
	g.mu.Lock()
	g.live++
	if g.live > g.peak {
		g.peak = g.live
	}
	g.mu.Unlock()
}

// Release gives back the slot of a connection.
func (g *Gate) Release() {
	if g == nil {
		return
	}
	g.mu.Lock()
	g.live--
	g.mu.Unlock()
	g.cancel()
}

// cancel gives back a slot no connection was accepted on.
func (g *Gate) cancel() {
	g.mu.Lock()
	g.n--
	if g.wake != nil {
		close(g.wake)
		g.wake = nil
	}
	g.mu.Unlock()
}

// Current is the number of connections holding a slot, and Peak the most
// ever held at once (the stats page's "scur" and "smax").
func (g *Gate) Current() (cur, peak int) {
	if g == nil {
		return 0, 0
	}
	g.mu.Lock()
	defer g.mu.Unlock()
	return g.live, g.peak
}
