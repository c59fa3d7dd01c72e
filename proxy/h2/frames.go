package h2

import (
	"golang.org/x/net/http2"
)

// handle processes one frame read from the peer (RFC 9113 section 6).
// It returns a connError to end the connection, a streamError to reset
// one stream.
func (c *Conn) handle(f http2.Frame) error {
	switch f := f.(type) {
	case *http2.SettingsFrame:
		return c.onSettings(f)
	case *http2.MetaHeadersFrame:
		if c.client {
			return c.onResponseHeaders(f)
		}
		return c.onHeaders(f)
	case *http2.DataFrame:
		return c.onData(f)
	case *http2.WindowUpdateFrame:
		return c.onWindowUpdate(f)
	case *http2.RSTStreamFrame:
		return c.onRST(f)
	case *http2.PingFrame:
		if !f.IsAck() {
			data := f.Data
			c.control(func(b []byte) []byte { return appendPing(b, true, data) })
		}
	case *http2.GoAwayFrame:
		c.mu.Lock()
		c.goingAway = true
		c.goAwayID = f.LastStreamID
		var gone []*Stream
		if c.client {
			// streams above the last one the server processed were
			// not served (RFC 9113 6.8)
			for id, st := range c.streams {
				if id > f.LastStreamID {
					gone = append(gone, st)
				}
			}
		}
		for _, st := range gone {
			st.err = errConnGone
			poke(st.rwake)
			poke(st.wwake)
		}
		c.mu.Unlock()
	case *http2.PriorityFrame:
		// RFC 9113 5.3.1: a stream cannot depend on itself
		if f.StreamDep == f.StreamID {
			return streamError{id: f.StreamID, code: http2.ErrCodeProtocol}
		}
	case *http2.PushPromiseFrame:
		// we never enable push (RFC 9113 8.4)
		return connError{code: http2.ErrCodeProtocol, reason: "PUSH_PROMISE"}
	case *http2.ContinuationFrame:
		// the framer merges expected CONTINUATIONs; a lone one is out
		// of sequence (RFC 9113 6.10)
		return connError{code: http2.ErrCodeProtocol, reason: "unexpected CONTINUATION"}
	}
	// unknown frame types are ignored (RFC 9113 5.5)
	return nil
}

// onSettings applies the peer's SETTINGS and acknowledges them (RFC
// 9113 6.5).
func (c *Conn) onSettings(f *http2.SettingsFrame) error {
	if f.IsAck() {
		return nil
	}
	if err := f.ForeachSetting(func(s http2.Setting) error {
		if err := s.Valid(); err != nil {
			if ce, ok := err.(http2.ConnectionError); ok {
				return connError{code: http2.ErrCode(ce), reason: "bad setting " + s.String()}
			}
			return err
		}
		return c.applySetting(s)
	}); err != nil {
		return err
	}
	c.control(appendSettingsAck)
	c.mu.Lock()
	first := !c.gotSettings
	c.gotSettings = true
	c.mu.Unlock()
	if first {
		close(c.ready)
	}
	return nil
}

// applySetting applies one of the peer's settings (RFC 9113 6.5.2).
func (c *Conn) applySetting(s http2.Setting) error {
	switch s.ID {
	case http2.SettingHeaderTableSize:
		w := c.w
		if s.Val != defaultTableSize && w.lock(false) {
			w.sizeUpdate = true
			w.mu.Unlock()
		}
	case http2.SettingInitialWindowSize:
		// RFC 9113 6.9.2: the change applies to every open stream
		c.mu.Lock()
		delta := int64(s.Val) - int64(c.peerWin)
		c.peerWin = s.Val
		for _, st := range c.streams {
			st.sendWin += delta
			if st.sendWin > maxWindow {
				c.mu.Unlock()
				return connError{code: http2.ErrCodeFlowControl, reason: "window overflow"}
			}
			poke(st.wwake)
		}
		c.mu.Unlock()
	case http2.SettingMaxFrameSize:
		c.mu.Lock()
		c.peerMaxFrame = int(s.Val)
		c.mu.Unlock()
		w := c.w
		if w.lock(false) {
			w.maxFrame = int(s.Val)
			w.mu.Unlock()
		}
	case http2.SettingMaxConcurrentStreams:
		c.mu.Lock()
		c.peerStreams = s.Val
		c.mu.Unlock()
	case http2.SettingEnableConnectProtocol:
		c.mu.Lock()
		c.peerConnect = s.Val == 1
		c.mu.Unlock()
	}
	return nil
}

// onData takes a DATA frame into its stream (RFC 9113 6.1), checking
// both flow-control windows and the announced content-length.
func (c *Conn) onData(f *http2.DataFrame) error {
	id := f.StreamID
	// the whole frame, padding included, counts against the windows
	n := int64(f.Length)
	data := f.Data()
	c.mu.Lock()
	if n > c.recvWin {
		c.mu.Unlock()
		return connError{code: http2.ErrCodeFlowControl, reason: "connection window exceeded"}
	}
	c.recvWin -= n
	c.connUnacked += uint32(n)
	st := c.streams[id]
	if st == nil {
		defer c.mu.Unlock()
		if c.idleStream(id) {
			return connError{code: http2.ErrCodeProtocol, reason: "DATA on idle stream"}
		}
		if _, reset := c.closed.find(id); reset {
			return nil
		}
		return streamError{id: id, code: http2.ErrCodeStreamClosed}
	}
	if st.recvEnd {
		c.mu.Unlock()
		return streamError{id: id, code: http2.ErrCodeStreamClosed}
	}
	if st.rstSent {
		c.mu.Unlock()
		return nil
	}
	if n > st.recvWin {
		c.mu.Unlock()
		return streamError{id: id, code: http2.ErrCodeFlowControl}
	}
	st.recvWin -= n
	// padding is given back at once
	if pad := n - int64(len(data)); pad > 0 {
		st.unacked += pad
	}
	st.got += int64(len(data))
	end := f.StreamEnded()
	if st.clen >= 0 && (st.got > st.clen || end && st.got != st.clen) {
		// RFC 9113 8.1.1: malformed
		c.mu.Unlock()
		return streamError{id: id, code: http2.ErrCodeProtocol}
	}
	st.recv = append(st.recv, data...)
	if end {
		st.recvEnd = true
	}
	sentEnd := st.sentEnd
	c.mu.Unlock()
	poke(st.rwake)
	if end && sentEnd {
		c.remove(st, false)
	}
	return nil
}

// idleStream reports a stream identifier the peer never opened; c.mu
// is held.
func (c *Conn) idleStream(id uint32) bool {
	if c.client {
		return id >= c.nextID
	}
	return id > c.lastPeer
}

// onWindowUpdate widens a send window (RFC 9113 6.9).
func (c *Conn) onWindowUpdate(f *http2.WindowUpdateFrame) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	inc := int64(f.Increment)
	if f.StreamID == 0 {
		c.sendWin += inc
		if c.sendWin > maxWindow {
			return connError{code: http2.ErrCodeFlowControl, reason: "connection window overflow"}
		}
		for _, st := range c.streams {
			poke(st.wwake)
		}
		return nil
	}
	st := c.streams[f.StreamID]
	if st == nil {
		if c.idleStream(f.StreamID) {
			return connError{code: http2.ErrCodeProtocol, reason: "WINDOW_UPDATE on idle stream"}
		}
		return nil
	}
	st.sendWin += inc
	if st.sendWin > maxWindow {
		return streamError{id: f.StreamID, code: http2.ErrCodeFlowControl}
	}
	poke(st.wwake)
	return nil
}

// onRST ends a stream the peer reset (RFC 9113 6.4).
func (c *Conn) onRST(f *http2.RSTStreamFrame) error {
	c.mu.Lock()
	st := c.streams[f.StreamID]
	if st == nil {
		idle := c.idleStream(f.StreamID)
		c.mu.Unlock()
		if idle {
			return connError{code: http2.ErrCodeProtocol, reason: "RST_STREAM on idle stream"}
		}
		return nil
	}
	st.err = errReset
	st.peerReset = f.ErrCode
	c.mu.Unlock()
	poke(st.rwake)
	poke(st.wwake)
	c.remove(st, false)
	return nil
}
