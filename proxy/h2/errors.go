package h2

import (
	"errors"
	"os"

	"golang.org/x/net/http2"
)

var (
	// errReset is a stream the peer reset (RST_STREAM, RFC 9113 6.4).
	errReset = errors.New("h2: stream reset by peer")
	// errConnGone is a stream whose connection ended.
	errConnGone = errors.New("h2: connection closed")
	// errClosed is an operation on a stream closed locally.
	errClosed = errors.New("h2: stream closed")
	// errTimeout is a deadline that struck.
	errTimeout = os.ErrDeadlineExceeded
)

// connError is a connection error (RFC 9113 5.4.1): GOAWAY with code,
// then the connection closes.
type connError struct {
	code   http2.ErrCode
	reason string
}

func (e connError) Error() string { return "h2: connection error " + e.code.String() + ": " + e.reason }

// streamError is a stream error (RFC 9113 5.4.2): RST_STREAM with code.
type streamError struct {
	id   uint32
	code http2.ErrCode
}

func (e streamError) Error() string { return "h2: stream error " + e.code.String() }
