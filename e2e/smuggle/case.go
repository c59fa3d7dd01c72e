package smuggle

import "time"

// Kind says which side of the proxy a case exercises.
type Kind string

const (
	// Request cases send odd requests from the client.
	Request Kind = "request"
	// Response cases send a plain request and have the back end answer
	// odd bytes.
	Response Kind = "response"
	// Error cases make the proxy answer one of its built-in error pages.
	Error Kind = "error"
)

// Case is one exchange through the proxy.
type Case struct {
	Kind Kind
	// Name is unique within its kind and names the golden file.
	Name string
	// Note says what the case probes.
	Note string
	// Variant selects the frontend/backend options the case runs under.
	Variant Variant
	// Send are the client's writes, in order, Timing.Pause apart.
	Send [][]byte
	// Responses are the back end's canned answers: the n-th is written
	// the n-th time received bytes go quiet on a server connection.
	// When they run out the back end stays silent.
	Responses [][]byte
	// CloseAfter makes the back end close its connection right after
	// writing its last response.
	CloseAfter bool
	// Wait overrides Timing.Idle for this case: how long the client keeps
	// listening after the last byte sent or received.
	Wait time.Duration
}

// Outcome is what one run of a case observed.
type Outcome struct {
	// Client are the bytes the client received, in order.
	Client []byte
	// ClientClosed is true when the proxy closed (or reset) the client
	// connection before the client stopped listening.
	ClientClosed bool
	// Server holds one entry per connection the proxy opened to the back
	// end, in accept order.
	Server []ServerConn
}

// ServerConn is what the back end saw on one connection.
type ServerConn struct {
	Bytes []byte
	// Closed is ClosedProxy, ClosedBackend or ClosedNo.
	Closed string
}

// Who closed a back-end connection, as recorded in ServerConn.Closed.
const (
	ClosedNo      = "open"
	ClosedProxy   = "proxy"
	ClosedBackend = "backend"
)

// Timing holds the delays the runner relies on. They only need to be
// long against the proxy's reaction time, not against its timeouts.
type Timing struct {
	// Quiet is how long received bytes must pause before the back end
	// answers.
	Quiet time.Duration
	// Pause separates the client's writes.
	Pause time.Duration
	// Idle is how long the client listens after the last event.
	Idle time.Duration
	// Grace lets the back end observe a close that follows the client's.
	Grace time.Duration
}

// DefaultTiming is generous enough for a loaded two-core machine.
func DefaultTiming() Timing {
	return Timing{
		Quiet: 120 * time.Millisecond,
		Pause: 300 * time.Millisecond,
		Idle:  800 * time.Millisecond,
		Grace: 150 * time.Millisecond,
	}
}

// AllCases are the request, response and error tables together.
func AllCases() []Case {
	var all []Case
	all = append(all, RequestCases()...)
	all = append(all, ResponseCases()...)
	all = append(all, ErrorCases()...)
	return all
}
