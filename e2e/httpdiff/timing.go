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
// early, only late when the machine is busy (other test suites share its
// two cores), so a class runs from its value (less a little) to well past
// it: "immediate" below 150 ms, "~200ms" up to 600 ms, "~800ms" up to
// 1.8 s. Timeout cases use 200 ms or 800 ms timers (two 200 ms timers in
// a row stay in "~200ms"), which leaves a 200 ms timer 400 ms to be late.
func timingClass(d time.Duration) string {
	switch {
	case d < 150*time.Millisecond:
		return "immediate"
	case d < 600*time.Millisecond:
		return "~200ms"
	case d < 1800*time.Millisecond:
		return "~800ms"
	}
	return "~3s"
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

// closeClass is errClass for what the client sees of a proxy that
// closes: whether the close comes as a FIN or as an RST depends on
// whether the client's bytes were still unread when the proxy closed,
// which is a race, so both are "closed".
func closeClass(err error) string {
	c := errClass(err)
	if c == "eof" || c == "reset" {
		return "closed"
	}
	return c
}
