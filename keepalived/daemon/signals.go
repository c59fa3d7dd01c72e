package daemon

import (
	"os"
	"syscall"
)

// action is what a signal asks of keepalived (keepalived(8) SIGNALS;
// --signum prints the same numbers).
type action int

const (
	actNone action = iota
	actStop
	actReload
	actData
	actStats
	actStatsClear
	actJSON
)

// keepalived's real-time signals with glibc: JSON is SIGRTMIN+2,
// STATS_CLEAR SIGRTMAX-1.
const (
	sigJSON       = syscall.Signal(36)
	sigStatsClear = syscall.Signal(63)
)

// handledSignals are the signals the daemon catches.
func handledSignals() []os.Signal {
	return []os.Signal{syscall.SIGTERM, syscall.SIGINT, syscall.SIGHUP, syscall.SIGUSR1, syscall.SIGUSR2,
		sigJSON, sigStatsClear}
}

func actionOf(s os.Signal) action {
	switch s {
	case syscall.SIGTERM, syscall.SIGINT:
		return actStop
	case syscall.SIGHUP:
		return actReload
	case syscall.SIGUSR1:
		return actData
	case syscall.SIGUSR2:
		return actStats
	case sigJSON:
		return actJSON
	case sigStatsClear:
		return actStatsClear
	}
	return actNone
}
