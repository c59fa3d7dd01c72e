package engine

import (
	"context"
	"sync"
)

// registry is the set of live sessions, so that a soft stop can close the
// idle ones and wait for the others, and a hard stop can close them all.
// Sessions link themselves in: adding and removing allocate nothing. A
// connection counts from its accept (reserve), before its goroutine
// links it in (add): a stop that finds none left has none to serve.
type registry struct {
	mu   sync.Mutex
	head *session
	// n counts the sessions linked in and those reserved.
	n int
	// drained is closed and dropped each time a session leaves while
	// someone waits.
	drained chan struct{}
}

// reserve counts a connection just accepted, which add links in.
func (r *registry) reserve() {
	r.mu.Lock()
	r.n++
	r.mu.Unlock()
}

// add links in a session whose connection was reserved.
func (r *registry) add(s *session) {
	r.mu.Lock()
	s.prev, s.next = nil, r.head
	if r.head != nil {
		r.head.prev = s
	}
	r.head = s
	r.mu.Unlock()
}

func (r *registry) remove(s *session) {
	r.mu.Lock()
	if s.prev == nil {
		r.head = s.next
	} else {
		s.prev.next = s.next
	}
	if s.next != nil {
		s.next.prev = s.prev
	}
	s.prev, s.next = nil, nil
	r.n--
	if r.drained != nil {
		close(r.drained)
		r.drained = nil
	}
	r.mu.Unlock()
}

// count is the number of live sessions.
func (r *registry) count() int {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.n
}

// wait returns once no session is left, or when ctx ends.
func (r *registry) wait(ctx context.Context) {
	for {
		r.mu.Lock()
		if r.n == 0 {
			r.mu.Unlock()
			return
		}
		if r.drained == nil {
			r.drained = make(chan struct{})
		}
		ch := r.drained
		r.mu.Unlock()
		select {
		case <-ch:
		case <-ctx.Done():
			return
		}
	}
}

// kickIdle wakes the sessions waiting for a next request, which then see
// the engine stopping and close: 2.6 closes idle kept-alive connections
// on a soft stop, and serves the first request of a connection it
// accepted before (measured on 2.6.12: answered with "connection:
// close").
func (r *registry) kickIdle() {
	r.mu.Lock()
	defer r.mu.Unlock()
	for s := r.head; s != nil; s = s.next {
		// idle is only set on kept-alive connections (waitRequest)
		if s.idle.Load() {
			s.conn.SetReadDeadline(past())
		}
	}
}

// closeAll closes every session's client connection (hard stop).
func (r *registry) closeAll() {
	r.mu.Lock()
	defer r.mu.Unlock()
	for s := r.head; s != nil; s = s.next {
		s.conn.Close()
	}
}
