package httpdiff

import (
	"errors"
	"io"
	"math"
	"net"
	"os"
	"syscall"
	"time"
)

// immediate is the bound of "no wait at all": a response that was not
// held by any timer arrives well within it.
const immediate = 60 * time.Millisecond

// timingClass rounds d to the nearest class on a log scale. The classes
// double, and timeout cases use their values, so an expected duration
// sits in the middle of its class (the boundaries are geometric means:
// 141 ms between 100 and 200, 283 ms between 200 and 400, ...), with
// room for a loaded machine to be late by 40%.
func timingClass(d time.Duration) string {
	if d < immediate {
		return "immediate"
	}
	classes := []time.Duration{
		100 * time.Millisecond, 200 * time.Millisecond, 400 * time.Millisecond,
		800 * time.Millisecond, 1600 * time.Millisecond, 3200 * time.Millisecond,
	}
	best, bestDist := classes[0], math.Inf(1)
	for _, c := range classes {
		dist := math.Abs(math.Log(float64(d) / float64(c)))
		if dist < bestDist {
			best, bestDist = c, dist
		}
	}
	return "~" + best.String()
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
