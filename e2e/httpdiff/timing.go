package httpdiff

import (
	"errors"
	"io"
	"net"
	"os"
	"syscall"
	"time"
)

// timingClass names the timer a duration shows. Timers never fire
// early, only late when the machine is busy, so a class runs from its
// value (less a little) up to the next one: a 200 ms timer is "~200ms"
// from 150 to 380 ms, and a response held by no timer is "immediate" up to
// 150 ms. Timeout cases use 200, 400, 800 or 1600 ms (or sums of them),
// which leaves each one late by 90% before it changes class.
func timingClass(d time.Duration) string {
	switch {
	case d < 150*time.Millisecond:
		return "immediate"
	case d < 380*time.Millisecond:
		return "~200ms"
	case d < 760*time.Millisecond:
		return "~400ms"
	case d < 1520*time.Millisecond:
		return "~800ms"
	case d < 3040*time.Millisecond:
		return "~1.6s"
	}
	return "~3.2s"
}

// errClass names how a read ended, in words that do not depend on
// addresses or on the Go version.
func errClass(err error) string {
	var ne net.Error
	switch {
	case err == nil:
		return "ok"
	case errors.Is(err, io.EOF), errors.Is(err, io.ErrUnexpectedEOF):
		return "eof"
	case errors.Is(err, syscall.ECONNRESET):
		return "reset"
	case errors.Is(err, syscall.EPIPE):
		return "broken pipe"
	case errors.Is(err, syscall.ECONNREFUSED):
		return "refused"
	case errors.Is(err, os.ErrDeadlineExceeded), errors.As(err, &ne) && ne.Timeout():
		return "timeout"
	case errors.Is(err, net.ErrClosed):
		return "closed"
	}
	return err.Error()
}
