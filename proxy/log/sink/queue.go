package sink

import (
	"context"
	"sync/atomic"
)

// Writer writes one message to a destination.
type Writer interface {
	// Write sends b; an error drops the message.
	Write(b []byte) error
}

// Queue is a bounded queue in front of one destination.
type Queue struct {
	ch      chan *[]byte
	pool    *Pool
	w       Writer
	dropped atomic.Uint64
	failed  atomic.Uint64
	// onError hears of the first write error (2.6 alerts once per
	// logger: "sendmsg()/writev() failed in logger #N").
	onError func(error)
	warned  atomic.Bool
}

// NewQueue returns a queue of depth messages for w. onError, when not
// nil, hears of the first failed write.
func NewQueue(w Writer, pool *Pool, depth int, onError func(error)) *Queue {
	if depth <= 0 {
		depth = 1
	}
	return &Queue{ch: make(chan *[]byte, depth), pool: pool, w: w, onError: onError}
}

// Send hands b, taken from the queue's pool, to the sender; it never
// blocks. A full queue drops the message.
func (q *Queue) Send(b *[]byte) {
	select {
	case q.ch <- b:
	default:
		q.dropped.Add(1)
		q.pool.Put(b)
	}
}

// Dropped is the number of messages dropped because the destination did
// not keep up; Failed the number its writes refused.
func (q *Queue) Dropped() uint64 { return q.dropped.Load() }

// Failed is the number of messages whose write failed.
func (q *Queue) Failed() uint64 { return q.failed.Load() }

// Run writes queued messages until ctx ends, then writes what is still
// queued and returns.
func (q *Queue) Run(ctx context.Context) error {
	for {
		select {
		case b := <-q.ch:
			q.write(b)
		case <-ctx.Done():
			for {
				select {
				case b := <-q.ch:
					q.write(b)
				default:
					return nil
				}
			}
		}
	}
}

func (q *Queue) write(b *[]byte) {
	if err := q.w.Write(*b); err != nil {
		q.failed.Add(1)
		if q.onError != nil && q.warned.CompareAndSwap(false, true) {
			q.onError(err)
		}
	}
	q.pool.Put(b)
}
