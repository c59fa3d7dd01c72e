package stream

// Cause is the first character of the termination state: what ended the
// session (configuration.txt section 8.5).
type Cause byte

const (
	CauseNone          Cause = '-' // normal end
	CauseClientAbort   Cause = 'C' // the client aborted or closed
	CauseServerAbort   Cause = 'S' // the server aborted, refused, or sent garbage
	CauseProxy         Cause = 'P' // the proxy refused: deny, bad request, invalid response
	CauseLocal         Cause = 'L' // the proxy answered itself (stats, redirect)
	CauseResource      Cause = 'R' // a resource ran out (sockets, memory, source ports)
	CauseInternal      Cause = 'I' // internal error
	CauseDown          Cause = 'D' // killed because the server went down
	CauseUp            Cause = 'U' // killed because a backup server came back
	CauseKilled        Cause = 'K' // killed by an administrator
	CauseClientTimeout Cause = 'c' // client-side timeout
	CauseServerTimeout Cause = 's' // server-side timeout
)

// Phase is the second character: where the session was when it ended.
type Phase byte

const (
	PhaseNone     Phase = '-' // it ended normally
	PhaseRequest  Phase = 'R' // waiting for the client's request
	PhaseQueue    Phase = 'Q' // waiting in a queue
	PhaseConnect  Phase = 'C' // connecting to the server
	PhaseHeaders  Phase = 'H' // waiting for the response headers
	PhaseData     Phase = 'D' // transferring data
	PhaseLastData Phase = 'L' // sending the last data to the client
	PhaseTarpit   Phase = 'T' // tarpitted
)

// Term is a termination state ("%ts": two characters).
type Term struct {
	Cause Cause
	Phase Phase
}

// Normal is the state of a session that ended normally ("--").
func Normal() Term { return Term{CauseNone, PhaseNone} }

// String is the two characters as logged.
func (t Term) String() string {
	c, p := t.Cause, t.Phase
	if c == 0 {
		c = CauseNone
	}
	if p == 0 {
		p = PhaseNone
	}
	return string([]byte{byte(c), byte(p)})
}

// Set records the first cause only: later events of a dying session do
// not overwrite why it died (HAProxy sets SF_ERR_* once).
func (t *Term) Set(c Cause, p Phase) {
	if t.Cause == 0 || t.Cause == CauseNone {
		t.Cause, t.Phase = c, p
	}
}
