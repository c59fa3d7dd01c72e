package engine

import (
	"errors"
	"net/netip"
	"strconv"

	"hakeep/proxy/log"
	"hakeep/proxy/proxyproto"
)

// connectLogger is a traffic logger that logs the start of streams for
// frontends without a log format (proxy/log's Logger).
type connectLogger interface {
	Connect(frontend string, client, dst netip.AddrPort)
}

// logConnect tells the logger a stream starts: a TCP connection, or an
// HTTP request ("Connect from" lines, frontend_accept()).
func (s *session) logConnect() {
	if cl, ok := s.e.deps.Traffic.(connectLogger); ok {
		cl.Connect(s.fe.px.Name, s.src, s.dst)
	}
}

// connErrLogger is a traffic logger that logs connections which failed
// before their session started (proxy/log's Logger).
type connErrLogger interface {
	ConnError(e *log.ConnError)
}

// logConnError logs a PROXY protocol header that failed, with 2.6's
// words for it (conn_err_code_str()).
func (s *session) logConnError(err error) {
	cl, ok := s.e.deps.Traffic.(connErrLogger)
	if !ok {
		return
	}
	e := log.ConnError{Frontend: s.fe.px.Name, Client: s.src, Accept: s.accept, Listener: s.listenerName()}
	switch {
	case errors.Is(err, proxyproto.ErrTruncated):
		e.Text = "Truncated PROXY protocol header received"
	case errors.Is(err, proxyproto.ErrNotHeader):
		e.Text = "Received something which does not look like a PROXY protocol header"
	case errors.Is(err, proxyproto.ErrBadHeader):
		e.Text = "Received an invalid PROXY protocol header"
	case errors.Is(err, proxyproto.ErrBadProto):
		e.Text = "Received an unhandled protocol in the PROXY protocol header"
	case errors.Is(err, proxyproto.ErrEmpty):
		e.Text, e.Empty = "Connection closed while waiting for PROXY protocol header", true
	case isTimeout(err):
		e.Text = "Timeout while waiting for PROXY protocol header"
	default:
		e.Text, e.Empty = "Connection error while waiting for PROXY protocol header", true
	}
	cl.ConnError(&e)
}

// listenerName is the bind line's "name", else its "id", else its rank
// in the frontend (2.6 numbers listeners from 1 in bind order).
func (s *session) listenerName() string {
	b := s.bind
	switch {
	case b.Name != "":
		return b.Name
	case b.ID > 0:
		return strconv.Itoa(b.ID)
	}
	for i, x := range s.fe.px.Binds {
		if x == b {
			return strconv.Itoa(i + 1)
		}
	}
	return "1"
}
