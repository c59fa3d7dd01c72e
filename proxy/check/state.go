package check

// State is a server's operational state (include/haproxy/server-t.h,
// enum srv_state). The numbering matches proxy/balance.State.
type State uint8

const (
	StateStopped  State = iota // DOWN
	StateStarting              // UP, warming up (slowstart)
	StateRunning               // UP
	StateStopping              // UP but refusing new traffic (NOLB)
)

func (s State) String() string {
	switch s {
	case StateStarting:
		return "starting"
	case StateRunning:
		return "running"
	case StateStopping:
		return "stopping"
	}
	return "stopped"
}

// admin is a server's administrative flags (enum srv_admin): who put it in
// maintenance or drain mode.
type admin uint8

const (
	admFMaint admin = 0x01 // forced into maintenance (runtime API, agent)
	admIMaint admin = 0x02 // inherited from a tracked server
	admCMaint admin = 0x04 // "disabled" in the configuration
	admFDrain admin = 0x08 // forced into drain (runtime API, agent)
	admIDrain admin = 0x10 // inherited drain
	admRMaint admin = 0x20 // DNS resolution failed

	admMaint = admFMaint | admIMaint | admRMaint
	admDrain = admFDrain | admIDrain
)

// LBStatus is what load balancing needs of a server's committed status.
type LBStatus struct {
	State State
	// Maint and Drain: the server takes no new traffic whatever its
	// operational state.
	Maint, Drain bool
	// Weight is the user weight (0 to 256).
	Weight int
}

// Target is the engine side of a server: every committed change of its
// status is applied there so that load balancing follows. Target methods
// are called with the checks' lock held and must not call back into this
// package.
type Target interface {
	SetStatus(st LBStatus)
}

// The optional parts of a Target, found by type assertion.
type (
	// MaxconnSetter applies an agent's "maxconn:N".
	MaxconnSetter interface{ SetMaxconn(n int) }
	// SessionKiller closes a server's established sessions
	// ("on-marked-down shutdown-sessions", "on-marked-up
	// shutdown-backup-sessions").
	SessionKiller interface{ ShutdownSessions() }
	// Queue reports a server's load for the messages and moves queued
	// requests when the server changes state (pendconn_redistribute and
	// pendconn_grab_from_px in src/queue.c); both return how many moved.
	Queue interface {
		Load() (sessions, queued int)
		Redistribute() int
		GrabQueued() int
	}
)
