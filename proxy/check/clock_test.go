package check

import (
	"sort"
	"sync"
	"testing"
	"time"
)

// fakeClock is a Clock tests step by hand.
type fakeClock struct {
	mu     sync.Mutex
	now    time.Time
	timers []*fakeTimer
	cond   *sync.Cond
}

type fakeTimer struct {
	c    *fakeClock
	at   time.Time
	ch   chan time.Time
	done bool
}

func newFakeClock() *fakeClock {
	c := &fakeClock{now: time.Unix(1_700_000_000, 0)}
	c.cond = sync.NewCond(&c.mu)
	return c
}

func (c *fakeClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

func (c *fakeClock) NewTimer(d time.Duration) Timer {
	c.mu.Lock()
	defer c.mu.Unlock()
	t := &fakeTimer{c: c, at: c.now.Add(d), ch: make(chan time.Time, 1)}
	c.timers = append(c.timers, t)
	c.cond.Broadcast()
	return t
}

func (t *fakeTimer) C() <-chan time.Time { return t.ch }

func (t *fakeTimer) Stop() bool {
	t.c.mu.Lock()
	defer t.c.mu.Unlock()
	was := !t.done
	t.done = true
	t.c.remove(t)
	return was
}

func (c *fakeClock) remove(t *fakeTimer) {
	for i, x := range c.timers {
		if x == t {
			c.timers = append(c.timers[:i], c.timers[i+1:]...)
			c.cond.Broadcast()
			return
		}
	}
}

// waitTimers blocks until as many timers as n() says are pending: every
// task is asleep. n is asked again each time (tasks may start).
func (c *fakeClock) waitTimers(t *testing.T, n func() int) {
	t.Helper()
	deadline := time.Now().Add(5 * time.Second)
	for {
		want := n()
		c.mu.Lock()
		have := len(c.timers)
		c.mu.Unlock()
		if have == want {
			// settle: nothing may be about to change
			time.Sleep(time.Millisecond)
			c.mu.Lock()
			have = len(c.timers)
			c.mu.Unlock()
			if have == n() {
				return
			}
		}
		if time.Now().After(deadline) {
			t.Fatalf("timeout waiting for %d timers (have %d)", want, have)
		}
		time.Sleep(time.Millisecond)
	}
}

// next is the earliest pending timer's time.
func (c *fakeClock) next() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	sort.Slice(c.timers, func(i, j int) bool { return c.timers[i].at.Before(c.timers[j].at) })
	return c.timers[0].at
}

// advanceTo moves the time to at and fires the timers due.
func (c *fakeClock) advanceTo(at time.Time) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if at.After(c.now) {
		c.now = at
	}
	keep := c.timers[:0]
	for _, t := range c.timers {
		if !t.at.After(c.now) {
			t.done = true
			t.ch <- c.now
			continue
		}
		keep = append(keep, t)
	}
	c.timers = keep
}
