package log

import "time"

// Deps are what the logger needs from the process around it.
type Deps struct {
	// PID is the process id the headers and %pid show.
	PID int
	// Hostname is %H; empty reads the machine's name.
	Hostname string
	// Progname is the default tag ("haproxy"), used without
	// "log-tag".
	Progname string
	// Alert receives the messages 2.6 prints with ha_alert() about
	// failing log targets, once per target; nil drops them.
	Alert func(msg string)
	// Now is the clock; nil is time.Now.
	Now func() time.Time
	// QueueDepth is each destination's queue length in messages; 0
	// means 4096.
	QueueDepth int
}
