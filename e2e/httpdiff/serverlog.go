package httpdiff

import (
	"sync"
	"time"
)

// serverLog is what every back end of one run received, in arrival
// order: one event per HTTP request (recorded once its head is read) or
// per TCP connection (recorded on accept). Its order is the sequence of
// servers chosen.
type serverLog struct {
	mu     sync.Mutex
	events []*serverEvent
	last   time.Time // last activity, to know when the back ends are quiet
	// inFlight counts HTTP requests received and not yet answered.
	inFlight int
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
func (l *serverLog) begin(e *serverEvent) (done func()) {
	l.mu.Lock()
	e.busy = l.inFlight
	l.inFlight++
	l.events = append(l.events, e)
	l.last = time.Now()
	l.mu.Unlock()
	var once sync.Once
	return func() {
		once.Do(func() {
			l.mu.Lock()
			l.inFlight--
			l.mu.Unlock()
		})
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
