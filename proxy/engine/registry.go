package engine

import (
	"context"
	"sync"
)

// registry is the set of live sessions, so that a soft stop can close the
// idle ones and wait for the others, and a hard stop can close them all.
// Sessions link themselves in: adding and removing allocate nothing.
type registry struct {
	mu   sync.Mutex
	head *session
	n    int
	// drained is closed and dropped each time a session leaves while
	// someone waits.
	drained chan struct{}
}

func (r *registry) add(s *session) {
	r.mu.Lock()
	s.prev, s.next = nil, r.head
	if r.head != nil {
		r.head.prev = s
	}
	r.head = s
	r.n++
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
// the engine stopping and close (HAProxy closes idle keep-alive
// connections on a soft stop).
func (r *registry) kickIdle() {
	r.mu.Lock()
	defer r.mu.Unlock()
	for s := r.head; s != nil; s = s.next {
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
