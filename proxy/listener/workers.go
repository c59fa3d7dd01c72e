package listener

import (
	"net"
	"sync"
	"time"
)

// workers hands accepted connections to goroutines that served one
// before and wait for the next, instead of a new goroutine per
// connection. A new goroutine starts with a small stack that serving an
// HTTP request grows several times (runtime.newstack copying it each
// time): measured with a new connection per request, the growth and the
// goroutine's start and end took about a tenth of the process' CPU time.
// HAProxy's threads likewise serve connection after connection.
//
// At most maxIdleWorkers wait, the last to finish first (its stack is the
// warmest); one that waited workerIdle without work ends, so that a burst
// leaves nothing behind.
type workers struct {
	handle Handler

	mu   sync.Mutex
	idle []*worker
}

const (
	maxIdleWorkers = 32
	workerIdle     = 2 * time.Second
)

type worker struct {
	w    *workers
	jobs chan job
}

type job struct {
	c     net.Conn
	slots Slots
}

// serve runs handle on c in a waiting worker, or in a new one.
func (w *workers) serve(c net.Conn, slots Slots) {
	w.mu.Lock()
	if n := len(w.idle); n > 0 {
		k := w.idle[n-1]
		w.idle[n-1] = nil
		w.idle = w.idle[:n-1]
		w.mu.Unlock()
		k.jobs <- job{c, slots}
		return
	}
	w.mu.Unlock()
	k := &worker{w: w, jobs: make(chan job, 1)}
	go k.run(job{c, slots})
}

func (k *worker) run(j job) {
	var t *time.Timer
	for {
		k.w.handle(j.c, j.slots)
		j = job{}
		if !k.w.wait(k) {
			return
		}
		if t == nil {
			t = time.NewTimer(workerIdle)
		} else {
			t.Reset(workerIdle)
		}
		select {
		case j = <-k.jobs:
			t.Stop()
		case <-t.C:
			if k.w.leave(k) {
				return
			}
			// taken meanwhile: its job is on the way
			j = <-k.jobs
		}
	}
}

// wait lists k as idle; false when enough wait already.
func (w *workers) wait(k *worker) bool {
	w.mu.Lock()
	defer w.mu.Unlock()
	if len(w.idle) >= maxIdleWorkers {
		return false
	}
	w.idle = append(w.idle, k)
	return true
}

// leave takes k off the idle list; false when serve took it first.
func (w *workers) leave(k *worker) bool {
	w.mu.Lock()
	defer w.mu.Unlock()
	for i, x := range w.idle {
		if x == k {
			copy(w.idle[i:], w.idle[i+1:])
			w.idle[len(w.idle)-1] = nil
			w.idle = w.idle[:len(w.idle)-1]
			return true
		}
	}
	return false
}
