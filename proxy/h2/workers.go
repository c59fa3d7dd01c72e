package h2

import "time"

// Streams run on worker goroutines kept between streams: a stream's
// transaction goes deep (rules, logs, the server side), and a fresh
// goroutine would grow its stack by copying it, again and again, on
// every stream.

// workerIdle is how long a worker waits for another stream.
const workerIdle = 2 * time.Second

// startPending dispatches the streams opened by the frames read so far.
// As 2.6's demux handles every frame in its buffer before the streams
// it created run (h2_process_demux), a stream starts knowing what came
// with its HEADERS: a DATA frame that ends it with a content-length
// mismatch has reset it already, and it is never forwarded.
func (c *Conn) startPending() {
	for i, st := range c.starting {
		c.dispatch(st)
		c.starting[i] = nil
	}
	c.starting = c.starting[:0]
}

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
