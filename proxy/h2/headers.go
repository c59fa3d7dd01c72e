package h2

import (
	"strconv"
	"strings"

	"golang.org/x/net/http2"
	"golang.org/x/net/http2/hpack"
)

// onHeaders takes a header section from a client (RFC 9113 8.1): a new
// stream's request, or the trailers of an open one.
func (c *Conn) onHeaders(f *http2.MetaHeadersFrame) error {
	id := f.StreamID
	if id%2 == 0 {
		// RFC 9113 5.1.1: client streams are odd
		c.refused()
		return connError{code: http2.ErrCodeProtocol, reason: "even stream id"}
	}
	c.mu.Lock()
	st := c.streams[id]
	if st != nil {
		defer c.mu.Unlock()
		return c.onTrailers(st, f)
	}
	if id <= c.lastPeer {
		found, reset := c.closed.find(id)
		c.mu.Unlock()
		switch {
		case found && reset:
			return nil
		case found:
			// RFC 9113 5.1: closed
			return connError{code: http2.ErrCodeStreamClosed, reason: "HEADERS on closed stream"}
		}
		// RFC 9113 5.1.1: identifiers only grow
		return connError{code: http2.ErrCodeProtocol, reason: "stream id went back"}
	}
	c.lastPeer = id
	if f.HasPriority() && f.Priority.StreamDep == id {
		c.mu.Unlock()
		// RFC 9113 5.3.1
		return streamError{id: id, code: http2.ErrCodeProtocol}
	}
	if c.goingAway {
		c.mu.Unlock()
		return streamError{id: id, code: http2.ErrCodeRefusedStream}
	}
	if uint32(c.active) >= c.set.MaxConcurrentStreams {
		c.mu.Unlock()
		// RFC 9113 5.1.2
		return streamError{id: id, code: http2.ErrCodeRefusedStream}
	}
	clen, ok := checkRequest(f.Fields, !c.set.NoWebSocket)
	if !ok || f.Truncated {
		c.mu.Unlock()
		c.refused()
		return streamError{id: id, code: http2.ErrCodeProtocol}
	}
	st = newStream(c, id)
	st.Fields = f.Fields
	st.clen = clen
	if f.StreamEnded() {
		st.EndOnHeaders = true
		st.recvEnd = true
		if clen > 0 {
			c.mu.Unlock()
			// RFC 9113 8.1.1: a length with no DATA
			return streamError{id: id, code: http2.ErrCodeProtocol}
		}
	}
	c.streams[id] = st
	c.active++
	c.wg.Add(1)
	c.mu.Unlock()
	// the stream starts once the frames read with its HEADERS are
	// handled (workers.go, startPending)
	c.starting = append(c.starting, st)
	return nil
}

// onTrailers takes the trailer section of an open stream (RFC 9113
// 8.1); c.mu is held.
func (c *Conn) onTrailers(st *Stream, f *http2.MetaHeadersFrame) error {
	id := st.id
	if st.recvEnd {
		// RFC 9113 5.1: half-closed (remote)
		return streamError{id: id, code: http2.ErrCodeStreamClosed}
	}
	if !f.StreamEnded() || f.Truncated {
		return streamError{id: id, code: http2.ErrCodeProtocol}
	}
	for _, hf := range f.Fields {
		if hf.IsPseudo() {
			return streamError{id: id, code: http2.ErrCodeProtocol}
		}
	}
	if st.clen >= 0 && st.got != st.clen {
		return streamError{id: id, code: http2.ErrCodeProtocol}
	}
	st.trailers = f.Fields
	st.recvEnd = true
	poke(st.rwake)
	return nil
}

// serveStream runs the handler of a new stream, then closes what it
// left open.
func (c *Conn) serveStream(st *Stream) {
	defer c.wg.Done()
	c.handler(st)
	c.mu.Lock()
	switch {
	case st.removed || st.err != nil:
		c.mu.Unlock()
	case !st.sentEnd:
		c.mu.Unlock()
		st.Reset(http2.ErrCodeCancel)
	case !st.recvEnd:
		// the response is complete before the request: the client
		// may stop sending (RFC 9113 8.1)
		c.mu.Unlock()
		st.Reset(http2.ErrCodeNo)
	default:
		c.mu.Unlock()
		c.remove(st, false)
	}
}

// checkRequest validates a request's header section (RFC 9113 8.2.2,
// 8.3.1; RFC 8441 4 for the extended CONNECT) and returns its
// content-length, -1 when none.
func checkRequest(fields []hpack.HeaderField, extConnect bool) (int64, bool) {
	var method, scheme, path, authority, protocol bool
	var isConnect bool
	clen := int64(-1)
	for _, hf := range fields {
		if hf.IsPseudo() {
			var seen *bool
			switch hf.Name {
			case ":method":
				seen = &method
				isConnect = hf.Value == "CONNECT"
			case ":scheme":
				seen = &scheme
			case ":path":
				seen = &path
				if hf.Value == "" {
					return 0, false
				}
			case ":authority":
				seen = &authority
			case ":protocol":
				seen = &protocol
			default:
				return 0, false
			}
			if *seen {
				return 0, false
			}
			*seen = true
			continue
		}
		switch hf.Name {
		case "connection", "proxy-connection", "keep-alive", "transfer-encoding", "upgrade":
			// RFC 9113 8.2.2: connection-specific
			return 0, false
		case "te":
			if hf.Value != "trailers" {
				return 0, false
			}
		case "content-length":
			n, ok := parseLength(hf.Value)
			if !ok || clen >= 0 && n != clen {
				return 0, false
			}
			clen = n
		}
	}
	if !method {
		return 0, false
	}
	switch {
	case protocol:
		// RFC 8441 4: only with CONNECT, once announced
		if !extConnect || !isConnect || !scheme || !path || !authority {
			return 0, false
		}
	case isConnect:
		// RFC 9113 8.5
		if scheme || path || !authority {
			return 0, false
		}
	default:
		if !scheme || !path {
			return 0, false
		}
	}
	return clen, true
}

// parseLength reads a content-length value: digits only.
func parseLength(v string) (int64, bool) {
	v = strings.TrimSpace(v)
	if v == "" {
		return 0, false
	}
	for i := 0; i < len(v); i++ {
		if v[i] < '0' || v[i] > '9' {
			return 0, false
		}
	}
	n, err := strconv.ParseInt(v, 10, 64)
	return n, err == nil
}
