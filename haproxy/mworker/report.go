package mworker

import (
	"strings"
	"syscall"
)

// Reporter prints the master's messages with HAProxy's severities
// ("[NOTICE]   (pid) : ...").
type Reporter interface {
	Notice(msg string)
	Warning(msg string)
	Alert(msg string)
}

// ExitCode is how 2.6 reports a child's end: its exit status, or 128 plus
// the signal that killed or stopped it (mworker_catch_sigchld()).
func ExitCode(ws syscall.WaitStatus) int {
	switch {
	case ws.Exited():
		return ws.ExitStatus()
	case ws.Signaled():
		return 128 + int(ws.Signal())
	case ws.Stopped():
		return 128 + int(ws.StopSignal())
	}
	return 255
}

// exitText is "Exit" for a normal exit, else strsignal() of the signal:
// glibc's names are Go's with a capital letter ("Terminated",
// "Interrupt", "Killed", "User defined signal 1").
func exitText(code int) string {
	if code < 128 {
		return "Exit"
	}
	s := syscall.Signal(code - 128).String()
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}
