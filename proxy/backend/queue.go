package backend

import "hakeep/proxy/server"

// waiter is a request waiting for a server.
type waiter struct {
	// ch receives the server that took the request.
	ch chan *server.Server
	// on is the server queue the request waits in, nil for the
	// backend's.
	on *srvState
	// seq orders requests by arrival across the backend's and the
	// servers' queues.
	seq  uint64
	done bool

	prev, next *waiter
}

// queue is a FIFO of waiters, linked through them.
type queue struct {
	head, tail *waiter
	n          int
}

func (q *queue) push(w *waiter) {
	w.prev, w.next = q.tail, nil
	if q.tail == nil {
		q.head = w
	} else {
		q.tail.next = w
	}
	q.tail = w
	q.n++
}

func (q *queue) remove(w *waiter) {
	if w.prev == nil {
		q.head = w.next
	} else {
		w.prev.next = w.next
	}
	if w.next == nil {
		q.tail = w.prev
	} else {
		w.next.prev = w.prev
	}
	w.prev, w.next = nil, nil
	q.n--
}
