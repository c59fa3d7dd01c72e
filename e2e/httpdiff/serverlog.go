package httpdiff

import (
	"net"
	"sync"
	"syscall"
	"time"

	"golang.org/x/sys/unix"
)

// serverLog is what every back end of one run received, in arrival
// order: one event per HTTP request (recorded once its head is read) or
// per TCP connection (recorded on accept). Its order is the sequence of
// servers chosen.
type serverLog struct {
	mu     sync.Mutex
	events []*serverEvent
	last   time.Time // last activity, to know when the back ends are quiet
	// inFlight holds the HTTP requests received and not yet answered,
	// each with a test of whether the proxy reset its connection.
	inFlight map[*serverEvent]func() bool
}

// serverEvent is one request or TCP connection seen by a back end.
type serverEvent struct {
	backend string
	conn    int    // the back end's connection number, from 1
	busy    int    // requests in flight on the back ends when it arrived
	from    string // the proxy's source address
	proxy   string // decoded PROXY header, on a connection's first event
	tcp     bool

	line     string
	headers  []string
	body     []byte
	trailers []string
	chunked  bool
	data     []byte // TCP bytes, or bytes of an upgraded tunnel
	end      string // how the request or connection ended abnormally
}

func (l *serverLog) add(e *serverEvent) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.events = append(l.events, e)
	l.last = time.Now()
}

// begin records the arrival of an HTTP request; the returned func marks
// it answered (or abandoned).
//
// A request whose connection the proxy already reset is not counted in
// flight even if its back end has not woken up to the reset yet: a proxy
// that resets one server and retries on another (retry-on) delivers the
// reset before its next connect, but which goroutine runs first is the
// scheduler's choice.
func (l *serverLog) begin(e *serverEvent, reset func() bool) (done func()) {
	l.mu.Lock()
	for _, gone := range l.inFlight {
		if !gone() {
			e.busy++
		}
	}
	if l.inFlight == nil {
		l.inFlight = map[*serverEvent]func() bool{}
	}
	l.inFlight[e] = reset
	l.events = append(l.events, e)
	l.last = time.Now()
	l.mu.Unlock()
	var once sync.Once
	return func() {
		once.Do(func() {
			l.mu.Lock()
			delete(l.inFlight, e)
			l.mu.Unlock()
		})
	}
}

// resetTest tells whether the peer reset c: the socket reports an error
// or a hang-up both ways (poll(2) POLLERR/POLLHUP), without reading.
func resetTest(c net.Conn) func() bool {
	sc, ok := c.(syscall.Conn)
	if !ok {
		return func() bool { return false }
	}
	rc, err := sc.SyscallConn()
	if err != nil {
		return func() bool { return false }
	}
	return func() bool {
		gone := false
		rc.Control(func(fd uintptr) {
			p := []unix.PollFd{{Fd: int32(fd), Events: unix.POLLIN}}
			if n, err := unix.Poll(p, 0); err == nil && n > 0 {
				gone = p[0].Revents&(unix.POLLERR|unix.POLLHUP) != 0
			}
		})
		return gone
	}
}

// update changes an event under the log's lock.
func (l *serverLog) update(f func()) {
	l.mu.Lock()
	defer l.mu.Unlock()
	f()
	l.last = time.Now()
}

func (l *serverLog) count() int {
	l.mu.Lock()
	defer l.mu.Unlock()
	return len(l.events)
}

// quiet waits at least d, and until nothing happened on any back end
// for d, at most max: what the proxy does just as the script ends (a
// close relayed to a server) is then recorded every time.
func (l *serverLog) quiet(d, max time.Duration) {
	start := time.Now()
	deadline := start.Add(max)
	for time.Now().Before(deadline) {
		l.mu.Lock()
		idle := time.Since(l.last)
		l.mu.Unlock()
		if idle >= d && time.Since(start) >= d {
			return
		}
		time.Sleep(d / 3)
	}
}

// snapshot copies the events.
func (l *serverLog) snapshot() []serverEvent {
	l.mu.Lock()
	defer l.mu.Unlock()
	out := make([]serverEvent, len(l.events))
	for i, e := range l.events {
		out[i] = *e
		out[i].headers = append([]string(nil), e.headers...)
		out[i].trailers = append([]string(nil), e.trailers...)
		out[i].body = append([]byte(nil), e.body...)
		out[i].data = append([]byte(nil), e.data...)
	}
	return out
}
