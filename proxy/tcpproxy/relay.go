package tcpproxy

import (
	"net"
	"sync"
	"sync/atomic"
	"time"
)

// Timeouts are the inactivity timeouts of a relay; zero means none.
type Timeouts struct {
	Client, Server       time.Duration
	ClientFin, ServerFin time.Duration
	// Tunnel replaces Client and Server when set.
	Tunnel time.Duration
}

// End says how a relay ended, as the first character of the log's
// termination state (configuration.txt section 8.5).
type End byte

const (
	// EndNormal: both directions closed cleanly ('-').
	EndNormal End = '-'
	// EndClientAbort: the client reset or failed ('C').
	EndClientAbort End = 'C'
	// EndServerAbort: the server reset or failed ('S').
	EndServerAbort End = 'S'
	// EndClientTimeout: the client side expired ('c').
	EndClientTimeout End = 'c'
	// EndServerTimeout: the server side expired ('s').
	EndServerTimeout End = 's'
)

// Result is what a relay moved and how it ended.
type Result struct {
	// FromClient and FromServer are the bytes copied in each direction.
	FromClient, FromServer int64
	End                    End
}

// halfCloser is a connection that can shut down writing alone.
type halfCloser interface {
	CloseWrite() error
}

// Relay copies cli to srv and srv to cli until both directions end, then
// closes both connections. Bytes the caller already read from the client
// (or must send first) belong in the server connection before calling.
func Relay(cli, srv net.Conn, t Timeouts) Result {
	// deadlines left by what came before (a request head, a PROXY
	// header) must not cut the relay: its own watchdog times it
	cli.SetDeadline(time.Time{})
	srv.SetDeadline(time.Time{})
	r := &relay{cli: cli, srv: srv, t: t}
	r.start()
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		r.fromServer, r.downErr = copyHalf(cli, srv)
		r.downDone.Store(true)
		r.finish(r.downErr, false)
	}()
	r.fromClient, r.upErr = copyHalf(srv, cli)
	r.upDone.Store(true)
	r.finish(r.upErr, true)
	wg.Wait()
	r.stop()
	cli.Close()
	srv.Close()
	return Result{FromClient: r.fromClient, FromServer: r.fromServer, End: r.end()}
}

// copyHalf copies one direction and forwards its end: a clean EOF becomes
// a shutdown for writing on dst.
func copyHalf(dst, src net.Conn) (int64, error) {
	n, err := copyConn(dst, src)
	if err == nil {
		if hc, ok := dst.(halfCloser); ok {
			hc.CloseWrite()
		} else {
			dst.Close()
		}
	}
	return n, err
}

type relay struct {
	cli, srv net.Conn
	t        Timeouts

	fromClient, fromServer int64
	upErr, downErr         error
	upDone, downDone       atomic.Bool

	mu       sync.Mutex
	timer    *time.Timer
	last     uint64    // activity counter at the last check
	lastAt   time.Time // when activity was last seen
	expired  End       // set by the watchdog
	aborted  End       // the side whose error ended the relay
	finished bool
}

// finish reacts to the end of one direction: an error aborts the whole
// relay (HAProxy closes both sides on a reset), a clean end lets the other
// direction go on.
func (r *relay) finish(err error, up bool) {
	if err == nil {
		r.rearm()
		return
	}
	r.mu.Lock()
	if r.aborted == 0 && r.expired == 0 {
		r.aborted = r.blame(err, up)
	}
	r.mu.Unlock()
	// wake the other direction
	past := time.Unix(1, 0)
	r.cli.SetDeadline(past)
	r.srv.SetDeadline(past)
}

// blame finds the side an error comes from. A spliced copy reports the
// source's and the destination's failures alike, so the socket the kernel
// has closed (a reset) names the culprit; failing that, the direction's
// source.
func (r *relay) blame(err error, up bool) End {
	switch {
	case closed(r.cli):
		return EndClientAbort
	case closed(r.srv):
		return EndServerAbort
	case up:
		return EndClientAbort
	}
	return EndServerAbort
}

func (r *relay) end() End {
	r.mu.Lock()
	defer r.mu.Unlock()
	switch {
	case r.expired != 0:
		return r.expired
	case r.aborted != 0:
		return r.aborted
	}
	return EndNormal
}

// timeouts are the client and server side timeouts now, given which
// directions are shut.
func (r *relay) timeouts() (cli, srv time.Duration) {
	cli, srv = r.t.Client, r.t.Server
	if r.t.Tunnel > 0 {
		cli, srv = r.t.Tunnel, r.t.Tunnel
	}
	// once the proxy shut its write side toward the client (the
	// server's end was forwarded), reading the client is bounded by
	// "timeout client-fin"; likewise "timeout server-fin" once the
	// client's end went to the server (stream_int_shutw: ic->rto =
	// si->hcto)
	if r.downDone.Load() && r.t.ClientFin > 0 {
		cli = r.t.ClientFin
	}
	if r.upDone.Load() && r.t.ServerFin > 0 {
		srv = r.t.ServerFin
	}
	return cli, srv
}

func (r *relay) start() {
	cli, srv := r.timeouts()
	if cli <= 0 && srv <= 0 {
		return
	}
	r.lastAt = time.Now()
	r.last = activity(r.cli) + activity(r.srv)
	r.timer = time.AfterFunc(next(cli, srv), r.check)
}

func next(cli, srv time.Duration) time.Duration {
	switch {
	case cli <= 0:
		return srv
	case srv <= 0:
		return cli
	case cli < srv:
		return cli
	}
	return srv
}

// rearm recomputes the next check after a direction ended (fin timeouts
// may be shorter).
func (r *relay) rearm() {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.timer != nil && !r.finished {
		r.schedule(time.Now())
	}
}

func (r *relay) stop() {
	r.mu.Lock()
	r.finished = true
	if r.timer != nil {
		r.timer.Stop()
	}
	r.mu.Unlock()
}

// check is the watchdog: it looks at the sockets' byte counters, and
// either reschedules itself or expires the side whose timeout passed.
func (r *relay) check() {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.finished || r.expired != 0 || r.aborted != 0 {
		return
	}
	now := time.Now()
	if a := activity(r.cli) + activity(r.srv); a != r.last {
		r.last, r.lastAt = a, now
	}
	cli, srv := r.timeouts()
	idle := now.Sub(r.lastAt)
	switch {
	case cli > 0 && idle >= cli && (srv <= 0 || cli <= srv):
		r.expired = EndClientTimeout
	case srv > 0 && idle >= srv:
		r.expired = EndServerTimeout
	case cli > 0 && idle >= cli:
		r.expired = EndClientTimeout
	default:
		r.schedule(now)
		return
	}
	past := time.Unix(1, 0)
	r.cli.SetDeadline(past)
	r.srv.SetDeadline(past)
}

// schedule arms the watchdog for the earliest expiry; r.mu is held.
func (r *relay) schedule(now time.Time) {
	cli, srv := r.timeouts()
	d := next(cli, srv)
	if d <= 0 {
		return
	}
	wait := r.lastAt.Add(d).Sub(now)
	if wait < time.Millisecond {
		wait = time.Millisecond
	}
	r.timer.Reset(wait)
}
