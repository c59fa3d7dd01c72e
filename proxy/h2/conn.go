package h2

import (
	"bufio"
	"errors"
	"io"
	"net"
	"sync"
	"time"

	"golang.org/x/net/http2"
	"golang.org/x/net/http2/hpack"
)

// Conn is one HTTP/2 connection, frontend (Serve) or backend (Dial).
type Conn struct {
	nc     net.Conn
	br     *bufio.Reader
	fr     *http2.Framer
	w      *writer
	set    Settings
	client bool
	// handler serves the streams a client opens (frontend);
	// badRequest is told of requests refused at the HTTP/2 level.
	handler    func(*Stream)
	badRequest func()
	// idle is how long the connection may stay without streams.
	idle time.Duration

	mu      sync.Mutex
	streams map[uint32]*Stream
	// closed remembers the last streams that ended: frames arriving for
	// them are told apart from frames on never-opened streams (RFC 9113
	// 5.1).
	closed closedRing
	// lastPeer is the highest stream identifier the peer opened,
	// nextID the next one of ours (backend).
	lastPeer, nextID uint32
	// sendWin is the connection's send window, peerWin the peer's
	// initial stream window, peerMaxFrame its largest frame.
	sendWin      int64
	peerWin      uint32
	peerMaxFrame int
	// peerStreams is the peer's SETTINGS_MAX_CONCURRENT_STREAMS and
	// peerConnect its SETTINGS_ENABLE_CONNECT_PROTOCOL (RFC 8441 3).
	peerStreams uint32
	peerConnect bool
	gotSettings bool
	// goingAway: a GOAWAY was sent or received, no new stream starts.
	goingAway bool
	goAwayID  uint32
	dead      error
	// connUnacked is received DATA not given back to the connection's
	// window yet.
	connUnacked uint32
	// recvWin is what the peer may still send on the connection.
	recvWin int64
	// active counts the streams in the map.
	active int
	wg     sync.WaitGroup
	// idleSince is when the last stream ended (backend pools).
	idleSince time.Time
	// ready is closed once the peer's first SETTINGS arrived (backend).
	ready chan struct{}
	done  chan struct{}
	// work hands new streams to idle workers (workers.go); starting
	// are the streams opened by the frames being handled, not
	// dispatched yet (reading side only).
	work     chan *Stream
	starting []*Stream
}

func newConn(nc net.Conn, set Settings, idle time.Duration, client bool) *Conn {
	set = set.withDefaults()
	c := &Conn{nc: nc, set: set, client: client, idle: idle,
		streams: map[uint32]*Stream{}, sendWin: defaultWindow, recvWin: defaultWindow, peerWin: defaultWindow,
		peerMaxFrame: defaultFrameSize, peerStreams: defaultPeerStreams,
		ready: make(chan struct{}), done: make(chan struct{}), work: make(chan *Stream), nextID: 1}
	c.br = bufio.NewReaderSize(nc, 32<<10)
	c.fr = http2.NewFramer(nil, c.br)
	c.fr.SetMaxReadFrameSize(set.MaxFrameSize)
	c.fr.ReadMetaHeaders = hpack.NewDecoder(set.HeaderTableSize, nil)
	c.fr.MaxHeaderListSize = uint32(set.BufSize)
	c.fr.SetReuseFrames()
	c.w = newWriter(nc, idle)
	return c
}

// localSettings are the SETTINGS the connection opens with, in the
// order HAProxy 2.6 sends them (h2c_send_settings): ENABLE_PUSH=0 on a
// backend, ENABLE_CONNECT_PROTOCOL, then what differs from the
// protocol's defaults.
func (c *Conn) localSettings() []http2.Setting {
	var s []http2.Setting
	if c.client {
		s = append(s, http2.Setting{ID: http2.SettingEnablePush, Val: 0})
	}
	if !c.set.NoWebSocket && !c.client {
		s = append(s, http2.Setting{ID: http2.SettingEnableConnectProtocol, Val: 1})
	}
	if c.set.HeaderTableSize != defaultTableSize {
		s = append(s, http2.Setting{ID: http2.SettingHeaderTableSize, Val: c.set.HeaderTableSize})
	}
	if c.set.InitialWindowSize != defaultWindow {
		s = append(s, http2.Setting{ID: http2.SettingInitialWindowSize, Val: c.set.InitialWindowSize})
	}
	// tune.h2.max-frame-size is not announced by 2.6.12 (recorded:
	// settings-tuned), only accepted
	s = append(s, http2.Setting{ID: http2.SettingMaxConcurrentStreams, Val: c.set.MaxConcurrentStreams})
	return s
}

// control queues a frame built by f without waiting for room: the
// reading side must never block on the socket's output.
func (c *Conn) control(f func([]byte) []byte) {
	w := c.w
	if !w.lock(false) {
		return
	}
	w.buf = f(w.buf)
	w.unlock()
}

// sendWindowUpdate gives inc bytes back to the peer's window of stream
// id. Lock order: the writer's lock, then c.mu; never the reverse.
func (c *Conn) sendWindowUpdate(id, inc uint32) {
	c.control(func(b []byte) []byte { return appendWindowUpdate(b, id, inc) })
}

// run reads frames until the connection ends, then ends every stream
// and waits for their handlers.
func (c *Conn) run() error {
	go c.w.run()
	err := c.readLoop()
	c.startPending()
	var ce connError
	switch {
	case errors.As(err, &ce):
		c.mu.Lock()
		last := c.lastPeer
		c.goingAway = true
		c.mu.Unlock()
		c.control(func(b []byte) []byte { return appendGoAway(b, last, ce.code) })
	}
	c.shutdown(err)
	c.w.close()
	c.w.flushed(time.Second)
	c.nc.Close()
	c.wg.Wait()
	close(c.done)
	return err
}

// shutdown ends every stream with err.
func (c *Conn) shutdown(err error) {
	c.mu.Lock()
	if c.dead == nil {
		c.dead = errConnGone
	}
	for _, st := range c.streams {
		if st.err == nil {
			st.err = errConnGone
		}
		poke(st.rwake)
		poke(st.wwake)
	}
	c.mu.Unlock()
}

// readLoop reads and handles frames.
func (c *Conn) readLoop() error {
	if !c.client {
		if err := c.readPreface(); err != nil {
			return err
		}
	}
	armed := false
	first := true
	for {
		if len(c.starting) > 0 && !c.frameBuffered() {
			// the next read may wait
			c.startPending()
		}
		if c.br.Buffered() == 0 {
			c.flushConnWindow()
			c.mu.Lock()
			idle := c.active == 0
			goingAway := c.goingAway
			c.mu.Unlock()
			if idle && goingAway && !c.client {
				return nil
			}
			switch {
			case idle && c.idle > 0:
				c.nc.SetReadDeadline(time.Now().Add(c.idle))
				armed = true
			case armed:
				c.nc.SetReadDeadline(time.Time{})
				armed = false
			}
		}
		f, err := c.fr.ReadFrame()
		if err != nil {
			var se http2.StreamError
			var ce http2.ConnectionError
			switch {
			case errors.As(err, &se):
				if err := c.streamFail(se); err != nil {
					return err
				}
				continue
			case errors.As(err, &ce):
				if http2.ErrCode(ce) == http2.ErrCodeCompression {
					// a header block that cannot be decoded is a
					// request 2.6 logs as bad
					c.refused()
				}
				return connError{code: http2.ErrCode(ce), reason: err.Error()}
			case errors.Is(err, http2.ErrFrameTooLarge):
				return connError{code: http2.ErrCodeFrameSize, reason: "frame too large"}
			}
			if isTimeout(err) {
				c.mu.Lock()
				idle := c.active == 0
				last := c.lastPeer
				c.mu.Unlock()
				if idle {
					// "timeout client" on an idle connection: GOAWAY
					// and close (h2_timeout_task)
					c.control(func(b []byte) []byte { return appendGoAway(b, last, http2.ErrCodeNo) })
					return err
				}
				continue
			}
			return err
		}
		if first {
			first = false
			if _, ok := f.(*http2.SettingsFrame); !ok {
				// RFC 9113 3.4: the preface ends with a SETTINGS frame
				return connError{code: http2.ErrCodeProtocol, reason: "no SETTINGS after the preface"}
			}
		}
		if err := c.handle(f); err != nil {
			var se streamError
			if errors.As(err, &se) {
				c.resetPeerStream(se.id, se.code)
				continue
			}
			return err
		}
	}
}

// frameBuffered reports a whole frame waiting in the input buffer: the
// next ReadFrame will not block.
func (c *Conn) frameBuffered() bool {
	n := c.br.Buffered()
	if n < 9 {
		return false
	}
	h, _ := c.br.Peek(3)
	return n >= 9+(int(h[0])<<16|int(h[1])<<8|int(h[2]))
}

// readPreface checks the client connection preface (RFC 9113 3.4) and
// sends the server's SETTINGS.
func (c *Conn) readPreface() error {
	if c.idle > 0 {
		c.nc.SetReadDeadline(time.Now().Add(c.idle))
	}
	var b [len(http2.ClientPreface)]byte
	if _, err := io.ReadFull(c.br, b[:]); err != nil {
		return err
	}
	if string(b[:]) != http2.ClientPreface {
		return connError{code: http2.ErrCodeProtocol, reason: "bad preface"}
	}
	c.control(func(b []byte) []byte { return appendSettings(b, c.localSettings()) })
	return nil
}

// streamFail handles a stream error the framer found in a header block:
// the stream counts as opened (its identifier is used) and is reset.
func (c *Conn) streamFail(se http2.StreamError) error {
	c.mu.Lock()
	if !c.client && se.StreamID > c.lastPeer {
		if se.StreamID%2 == 0 {
			c.mu.Unlock()
			c.refused()
			return connError{code: http2.ErrCodeProtocol, reason: "even stream id"}
		}
		c.lastPeer = se.StreamID
	}
	c.mu.Unlock()
	c.refused()
	c.resetPeerStream(se.StreamID, se.Code)
	return nil
}

// refused tells of a request refused at the HTTP/2 level.
func (c *Conn) refused() {
	if c.badRequest != nil {
		c.badRequest()
	}
}

// resetPeerStream answers a stream error with RST_STREAM and ends the
// stream if it is active.
func (c *Conn) resetPeerStream(id uint32, code http2.ErrCode) {
	c.mu.Lock()
	st := c.streams[id]
	if st != nil && !st.rstSent {
		st.rstSent = true
		if st.err == nil {
			st.err = errClosed
		}
		poke(st.rwake)
		poke(st.wwake)
	}
	c.mu.Unlock()
	if st != nil {
		c.remove(st, true)
	} else {
		c.mu.Lock()
		c.closed.add(id, true)
		c.mu.Unlock()
	}
	c.control(func(b []byte) []byte { return appendRST(b, id, code) })
}

// flushConnWindow gives the received DATA back to the connection's
// window once the input is drained: HAProxy acknowledges connection
// data as soon as it is demultiplexed, streams' data as it is
// consumed.
func (c *Conn) flushConnWindow() {
	c.mu.Lock()
	n := c.connUnacked
	c.connUnacked = 0
	c.recvWin += int64(n)
	c.mu.Unlock()
	if n > 0 {
		c.sendWindowUpdate(0, n)
	}
}

// localEnd notes that the local side of st ended; a stream whose both
// sides ended leaves the connection.
func (c *Conn) localEnd(st *Stream) {
	c.mu.Lock()
	both := st.recvEnd
	c.mu.Unlock()
	if both {
		c.remove(st, false)
	}
}

// remove takes st out of the connection's streams.
func (c *Conn) remove(st *Stream, reset bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if st.removed {
		return
	}
	st.removed = true
	if st.id != 0 {
		c.closed.add(st.id, reset)
		delete(c.streams, st.id)
		c.active--
		if c.active == 0 {
			c.idleSince = time.Now()
		}
	}
}

// isTimeout reports a deadline error.
func isTimeout(err error) bool {
	var ne net.Error
	return errors.As(err, &ne) && ne.Timeout()
}

// closedRing remembers recently closed stream identifiers and whether
// they ended with a reset sent by us (frames then still in flight are
// ignored, RFC 9113 5.1 "closed").
type closedRing struct {
	ids   [64]uint32
	reset [64]bool
	n     int
}

func (r *closedRing) add(id uint32, reset bool) {
	i := r.n % len(r.ids)
	r.ids[i], r.reset[i] = id, reset
	r.n++
}

// find reports whether id closed recently, and how.
func (r *closedRing) find(id uint32) (found, reset bool) {
	for i := range r.ids {
		if r.ids[i] == id && id != 0 {
			return true, r.reset[i]
		}
	}
	return false, false
}
