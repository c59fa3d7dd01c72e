package syslog

// Meta is what a header may carry besides priority and time (2.6's
// LOG_META_* fields).
type Meta struct {
	// Host is the "log-send-hostname" name, empty when not sent.
	Host string
	// Tag is "log-tag" (the program name by default).
	Tag string
	// PID is the process id in decimal.
	PID string
	// SD is the RFC 5424 structured data (the "log-format-sd" line),
	// its trailing spaces ignored; empty is written "-".
	SD []byte

	// The fields below come with messages a "log-forward" section
	// received.

	// Time is the message's own timestamp: RFC 3164's "Jan  2 15:04:05",
	// an RFC 5424 timestamp, or "-"; nil stamps the message when sent.
	Time []byte
	// MsgID is an RFC 5424 message's MSGID.
	MsgID []byte
	// Prio says the message came with a priority.
	Prio bool
}
