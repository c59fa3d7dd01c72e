package h2

import (
	"errors"
	"net"
	"time"

	"golang.org/x/net/http2"
	"golang.org/x/net/http2/hpack"
)

// Client is a backend HTTP/2 connection: the requests of many
// transactions share it, each on its own stream (HAProxy's http-reuse
// of an h2 server connection).
type Client struct {
	c *Conn
}

// errNoStream means the connection cannot take another stream.
var errNoStream = errors.New("h2: no stream available on the connection")

// NewClient starts HTTP/2 on an established server connection: the
// connection preface and SETTINGS go out at once (RFC 9113 3.4), and
// the connection is read on its own goroutine until it ends. idle
// bounds writes.
func NewClient(nc net.Conn, set Settings, idle time.Duration) *Client {
	c := newConn(nc, set, 0, true)
	c.w.timeout = idle
	c.control(func(b []byte) []byte {
		b = append(b, http2.ClientPreface...)
		return appendSettings(b, c.localSettings())
	})
	go c.run()
	return &Client{c: c}
}

// Open reserves a new stream, or fails when the server's
// SETTINGS_MAX_CONCURRENT_STREAMS is reached or the connection is
// going away.
func (cl *Client) Open() (*Stream, error) {
	c := cl.c
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.dead != nil || c.goingAway || c.nextID > maxStreamID {
		return nil, errConnGone
	}
	if uint32(c.active) >= c.peerStreams {
		return nil, errNoStream
	}
	st := newStream(c, 0)
	c.active++
	return st, nil
}

// maxStreamID is the last identifier a client may use (RFC 9113 5.1.1).
const maxStreamID = 1<<31 - 1

// Usable reports whether the connection may take a new stream now.
func (cl *Client) Usable() bool {
	c := cl.c
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.dead == nil && !c.goingAway && c.nextID <= maxStreamID && uint32(c.active) < c.peerStreams
}

// Idle reports a connection that carries no stream, and since when.
func (cl *Client) Idle() (bool, time.Time) {
	c := cl.c
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.active == 0, c.idleSince
}

// Alive reports a connection that did not end.
func (cl *Client) Alive() bool {
	select {
	case <-cl.c.done:
		return false
	default:
	}
	cl.c.mu.Lock()
	defer cl.c.mu.Unlock()
	return cl.c.dead == nil
}

// ExtendedConnect reports whether the server announced RFC 8441's
// SETTINGS_ENABLE_CONNECT_PROTOCOL; it waits for the server's first
// SETTINGS up to d.
func (cl *Client) ExtendedConnect(d time.Duration) bool {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-cl.c.ready:
	case <-cl.c.done:
	case <-t.C:
	}
	cl.c.mu.Lock()
	defer cl.c.mu.Unlock()
	return cl.c.peerConnect
}

// Close ends the connection with GOAWAY(NO_ERROR).
func (cl *Client) Close() {
	c := cl.c
	c.mu.Lock()
	c.goingAway = true
	c.mu.Unlock()
	c.control(func(b []byte) []byte { return appendGoAway(b, 0, http2.ErrCodeNo) })
	c.w.close()
	go func() {
		c.w.flushed(time.Second)
		c.nc.Close()
	}()
}

// assignID gives a backend stream its identifier as its first frame
// leaves; the writer's lock is held.
func (c *Conn) assignID(st *Stream) uint32 {
	c.mu.Lock()
	defer c.mu.Unlock()
	st.id = c.nextID
	c.nextID += 2
	if st.err == nil && !st.removed {
		c.streams[st.id] = st
	}
	return st.id
}

// onResponseHeaders takes a header section from the server (RFC 9113
// 8.1): interim responses, the final one, then the trailers.
func (c *Conn) onResponseHeaders(f *http2.MetaHeadersFrame) error {
	id := f.StreamID
	c.mu.Lock()
	st := c.streams[id]
	if st == nil {
		idle := c.idleStream(id)
		c.mu.Unlock()
		if idle || id%2 == 0 {
			return connError{code: http2.ErrCodeProtocol, reason: "HEADERS on idle stream"}
		}
		return streamError{id: id, code: http2.ErrCodeStreamClosed}
	}
	defer c.mu.Unlock()
	if st.recvEnd {
		return streamError{id: id, code: http2.ErrCodeStreamClosed}
	}
	if st.gotFinal {
		return c.onTrailers(st, f)
	}
	status, ok := checkResponse(f.Fields)
	if !ok || f.Truncated {
		return streamError{id: id, code: http2.ErrCodeProtocol}
	}
	st.headers = append(st.headers, f.Fields)
	if status >= 200 {
		st.gotFinal = true
		for _, hf := range f.Fields {
			if hf.Name == "content-length" {
				if n, ok := parseLength(hf.Value); ok {
					st.clen = n
				}
			}
		}
	}
	if f.StreamEnded() {
		if status < 200 {
			return streamError{id: id, code: http2.ErrCodeProtocol}
		}
		st.recvEnd = true
		st.EndOnHeaders = true
	}
	poke(st.rwake)
	return nil
}

// checkResponse validates a response header section and returns its
// status (RFC 9113 8.3.2).
func checkResponse(fields []hpack.HeaderField) (int, bool) {
	status := -1
	for _, hf := range fields {
		if !hf.IsPseudo() {
			switch hf.Name {
			case "connection", "proxy-connection", "keep-alive", "transfer-encoding", "upgrade":
				return 0, false
			}
			continue
		}
		if hf.Name != ":status" || status >= 0 || len(hf.Value) != 3 {
			return 0, false
		}
		n := 0
		for i := 0; i < 3; i++ {
			d := hf.Value[i]
			if d < '0' || d > '9' {
				return 0, false
			}
			n = n*10 + int(d-'0')
		}
		status = n
	}
	return status, status >= 100 && status != 101
}

// ReadHeaders waits for the next header section of the response: an
// interim one, then the final one.
func (st *Stream) ReadHeaders() ([]hpack.HeaderField, error) {
	c := st.c
	c.mu.Lock()
	defer c.mu.Unlock()
	for len(st.headers) == 0 {
		if st.err != nil {
			return nil, st.err
		}
		if err := st.wait(st.rwake, st.rdl); err != nil {
			return nil, err
		}
	}
	h := st.headers[0]
	st.headers = st.headers[1:]
	return h, nil
}

// Release gives up a backend stream that was opened and never used,
// or frees the slot of one that ended.
func (st *Stream) Release() {
	c := st.c
	c.mu.Lock()
	if st.id == 0 && !st.removed {
		st.removed = true
		c.active--
		if c.active == 0 {
			c.idleSince = time.Now()
		}
	}
	c.mu.Unlock()
	if st.id != 0 {
		if !st.Done() {
			st.Reset(http2.ErrCodeCancel)
		}
		c.remove(st, false)
	}
}
