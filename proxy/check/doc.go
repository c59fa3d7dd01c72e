// Package check is HAProxy 2.6's server health checking: health checks and
// agent checks, their scheduling (configuration.txt section 5.2, "check",
// "inter", "fastinter", "downinter", "rise", "fall"; section 3.2,
// "spread-checks" and "max-spread-checks"), the check methods of section
// 4.2 ("option httpchk", "http-check", "option tcp-check", "tcp-check",
// "option ssl-hello-chk", "option mysql-check", "option pgsql-check",
// "option redis-check", "option smtpchk", "option ldap-check",
// "option spop-check", "option external-check") and what their results do
// to a server: the health counter, UP/DOWN/NOLB transitions, agent weight
// and administrative changes, "track", "observe" with "error-limit" and
// "on-error", and the notifications 2.6 logs and prints.
//
// The package owns the part of a server's state that checks drive
// (src/server.c srv_update_status: operational and administrative state,
// user weight, counters) and tells the engine about every committed change
// through the small Target interface the engine implements. Log lines go
// to a Logger and, as 2.6 does in the foreground, to a stderr writer.
//
// Everything that waits uses an injected Clock, so scheduling, rise and
// fall are tested with stepped time; probes talk to real sockets.
//
// The engine wires the checks in with three calls: New on the decoded
// configuration (with the stderr writer, pid and loggers), Attach with its
// proxy/backend backends (EngineTarget applies every change to
// proxy/balance), and Run beside its listeners. The runtime API uses the
// Server hooks (EnableHealth, SetHealth, SetAdmin, SetWeight, ...), the
// stats use Server.Stats and Backend.Stats, and the data path reports what
// it sees of a server with Server.Observe ("observe").
package check
