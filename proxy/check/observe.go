package check

import "fmt"

// observeMode is "observe layer4|layer7" (configuration.txt section 5.2):
// which traffic results count as errors for the passive health check.
type observeMode uint8

const (
	observeNone observeMode = iota
	observeLayer4
	observeLayer7
)

// onError is "on-error" (configuration.txt section 5.2): what happens when
// "error-limit" consecutive errors were observed.
type onError uint8

const (
	onErrorNone        onError = iota
	onErrorFastInter           // only speed the checks up
	onErrorFailCheck           // count as one failed check (default)
	onErrorSuddenDeath         // leave one check before DOWN
	onErrorMarkDown            // DOWN at once
)

// Event is what the data path saw of a server (enum healthcheck_analyze).
type Event uint8

const (
	EventUnknown        Event = iota
	EventL4OK                 // a connection succeeded
	EventL4Err                // a connection failed
	EventHTTPOK               // a correct HTTP response
	EventHTTPStatus           // a wrong HTTP status (5xx but 501 and 505)
	EventHTTPHdrRsp           // invalid response headers
	EventHTTPRsp              // invalid response
	EventHTTPReadErr          // read error
	EventHTTPReadTout         // read timeout
	EventHTTPBrokenPipe       // close from the server
)

// analyzeStatus is analyze_statuses[] of src/check.c: the description, and
// whether layer4 and layer7 observation count the event as an error (1),
// a success (2) or ignore it (0).
func (e Event) analyze() (desc string, l4, l7 uint8) {
	switch e {
	case EventL4OK:
		return "L4 successful connection", 2, 0
	case EventL4Err:
		return "L4 unsuccessful connection", 1, 1
	case EventHTTPOK:
		return "Correct http response", 0, 2
	case EventHTTPStatus:
		return "Wrong http response", 0, 1
	case EventHTTPHdrRsp:
		return "Invalid http response (headers)", 0, 1
	case EventHTTPRsp:
		return "Invalid http response", 0, 1
	case EventHTTPReadErr:
		return "Read error (http)", 0, 1
	case EventHTTPReadTout:
		return "Read timeout (http)", 0, 1
	case EventHTTPBrokenPipe:
		return "Close from server (http)", 0, 1
	}
	return "Unknown", 0, 0
}

// Observe is health_adjust(): the data path reports what it saw of the
// server; with "observe", "error-limit" consecutive errors trigger the
// "on-error" action (configuration.txt section 5.2).
func (s *Server) Observe(e Event) {
	if s.observe == observeNone {
		return
	}
	desc, l4, l7 := e.analyze()
	verdict := l4
	if s.observe == observeLayer7 {
		verdict = l7
	}
	if verdict == 0 {
		return
	}
	s.w.mu.Lock()
	defer s.w.mu.Unlock()
	if verdict == 2 {
		s.consecutiveErrors = 0
		return
	}
	s.consecutiveErrors++
	if s.consecutiveErrors < s.errorLimit {
		return
	}
	msg := fmt.Sprintf("Detected %d consecutive errors, last one was: %s", s.consecutiveErrors, desc)
	c := s.check
	c.fastForced = true
	switch s.onError {
	case onErrorSuddenDeath:
		if c.health > c.rise {
			c.health = c.rise + 1
		}
		c.setStatus(StatusHANA, msg)
		c.notifyFailure()
	case onErrorFailCheck:
		c.setStatus(StatusHANA, msg)
		c.notifyFailure()
	case onErrorMarkDown:
		c.health = c.rise
		c.setStatus(StatusHANA, msg)
		c.notifyFailure()
	}
	s.consecutiveErrors = 0
	s.failedHana++
	if c.fastInter > 0 {
		select {
		case c.wake <- struct{}{}:
		default:
		}
	}
}
