package listener

import (
	"context"
	"sync"
)

// Gate counts connections against a "maxconn" limit: a bind line's, a
// frontend's or the process'. Acquire blocks while the gate is full, which
// is how a listener stops accepting; Release frees a slot and wakes the
// listeners waiting for one. A nil Gate or one with no limit never blocks.
type Gate struct {
	max int

	mu   sync.Mutex
	n    int
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
			if g.n > g.peak {
				g.peak = g.n
			}
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

// Release gives a slot back.
func (g *Gate) Release() {
	if g == nil {
		return
	}
	g.mu.Lock()
	g.n--
	if g.wake != nil {
		close(g.wake)
		g.wake = nil
	}
	g.mu.Unlock()
}

// Current is the number of slots taken, and Peak the most ever taken at
// once (the stats page's "scur" and "smax").
func (g *Gate) Current() (cur, peak int) {
	if g == nil {
		return 0, 0
	}
	g.mu.Lock()
	defer g.mu.Unlock()
	return g.n, g.peak
}
