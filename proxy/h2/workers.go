package h2

import "time"

// Streams run on worker goroutines kept between streams: a stream's
// transaction goes deep (rules, logs, the server side), and a fresh
// goroutine would grow its stack by copying it, again and again, on
// every stream.

// workerIdle is how long a worker waits for another stream.
const workerIdle = 2 * time.Second

// dispatch hands st to an idle worker, or starts one.
func (c *Conn) dispatch(st *Stream) {
	select {
	case c.work <- st:
	default:
		go c.worker(st)
	}
}

// worker serves st, then the streams dispatched to it until it stays
// idle or the connection ends.
func (c *Conn) worker(st *Stream) {
	t := time.NewTimer(workerIdle)
	defer t.Stop()
	for {
		c.serveStream(st)
		t.Reset(workerIdle)
		select {
		case st = <-c.work:
		case <-t.C:
			return
		case <-c.done:
			return
		}
	}
}
