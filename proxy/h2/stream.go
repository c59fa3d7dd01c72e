package h2

import (
	"io"
	"time"

	"golang.org/x/net/http2"
	"golang.org/x/net/http2/hpack"
)

// Stream is one HTTP/2 stream (RFC 9113 5.1). The peer's message (the
// request on a frontend, the response on a backend) arrives through
// Fields, Read and Trailers; the local one leaves through WriteHeaders,
// WriteData and Reset.
type Stream struct {
	c  *Conn
	id uint32
	// Fields is the peer's header section, pseudo-header fields first,
	// as decoded (RFC 9113 8.3).
	Fields []hpack.HeaderField
	// EndOnHeaders is set when the header section carried END_STREAM:
	// no body follows.
	EndOnHeaders bool

	// What follows is guarded by c.mu.

	// recv holds the data received and not read yet; recvEnd is set
	// once END_STREAM came.
	recv    []byte
	recvEnd bool
	// trailers are the peer's trailer section (RFC 9113 8.1).
	trailers []hpack.HeaderField
	// err is why the stream ended abnormally (reset, connection gone).
	err error
	// recvWin is what the peer may still send; unacked is what was
	// consumed and not given back by a WINDOW_UPDATE yet.
	recvWin int64
	unacked int64
	// clen is the content-length announced (-1 when none), got what
	// DATA frames brought (RFC 9113 8.1.1).
	clen, got int64
	// sendWin is the peer's window for this stream (RFC 9113 6.9).
	sendWin int64
	// sentHeaders, sentEnd and rstSent follow the local side.
	sentHeaders, sentEnd, rstSent bool
	// response side of a backend stream: the header section arrived
	// (interim responses are queued in order).
	headers   [][]hpack.HeaderField
	gotFinal  bool
	rdl, wdl  time.Time
	rwake     chan struct{}
	wwake     chan struct{}
	removed   bool
	peerReset http2.ErrCode
}

func newStream(c *Conn, id uint32) *Stream {
	return &Stream{c: c, id: id, clen: -1, rwake: make(chan struct{}, 1), wwake: make(chan struct{}, 1),
		recvWin: int64(c.set.InitialWindowSize), sendWin: int64(c.peerWin)}
}

// ID is the stream identifier.
func (st *Stream) ID() uint32 { return st.id }

// poke wakes a waiter on ch.
func poke(ch chan struct{}) {
	select {
	case ch <- struct{}{}:
	default:
	}
}

// wait releases c.mu until ch is poked or the deadline passes; c.mu is
// held again on return.
func (st *Stream) wait(ch chan struct{}, dl time.Time) error {
	c := st.c
	if dl.IsZero() {
		c.mu.Unlock()
		<-ch
		c.mu.Lock()
		return nil
	}
	d := time.Until(dl)
	if d <= 0 {
		return errTimeout
	}
	c.mu.Unlock()
	t := time.NewTimer(d)
	select {
	case <-ch:
		t.Stop()
		c.mu.Lock()
		return nil
	case <-t.C:
		c.mu.Lock()
		return errTimeout
	}
}

// Read reads the body of the peer's message; io.EOF follows its end.
// Consumed bytes are given back to the peer's window (RFC 9113 6.9).
func (st *Stream) Read(p []byte) (int, error) {
	c := st.c
	c.mu.Lock()
	defer c.mu.Unlock()
	for len(st.recv) == 0 {
		switch {
		case st.err != nil:
			return 0, st.err
		case st.recvEnd:
			return 0, io.EOF
		}
		if err := st.wait(st.rwake, st.rdl); err != nil {
			return 0, err
		}
	}
	n := copy(p, st.recv)
	st.recv = st.recv[n:]
	if len(st.recv) == 0 {
		st.recv = st.recv[:0:0]
	}
	st.unacked += int64(n)
	if !st.recvEnd && st.err == nil && st.unacked >= int64(c.set.InitialWindowSize)/2 {
		inc := st.unacked
		st.unacked = 0
		st.recvWin += inc
		// the writer's lock is never taken under c.mu
		c.mu.Unlock()
		c.sendWindowUpdate(st.id, uint32(inc))
		c.mu.Lock()
	}
	return n, nil
}

// Buffered is how many body bytes wait to be read.
func (st *Stream) Buffered() int {
	st.c.mu.Lock()
	defer st.c.mu.Unlock()
	return len(st.recv)
}

// Trailers returns the peer's trailer section, once Read returned
// io.EOF.
func (st *Stream) Trailers() []hpack.HeaderField {
	st.c.mu.Lock()
	defer st.c.mu.Unlock()
	return st.trailers
}

// SetReadDeadline bounds the waits of Read; a past time wakes a waiter.
func (st *Stream) SetReadDeadline(t time.Time) {
	st.c.mu.Lock()
	st.rdl = t
	st.c.mu.Unlock()
	poke(st.rwake)
}

// SetWriteDeadline bounds the waits for flow control.
func (st *Stream) SetWriteDeadline(t time.Time) {
	st.c.mu.Lock()
	st.wdl = t
	st.c.mu.Unlock()
	poke(st.wwake)
}

// WriteHeaders sends a header section (the head or the trailers);
// end closes the local side (RFC 9113 8.1).
func (st *Stream) WriteHeaders(fields []Field, end bool) error {
	c := st.c
	c.mu.Lock()
	if err := st.writable(); err != nil {
		c.mu.Unlock()
		return err
	}
	st.sentHeaders = true
	if end {
		st.sentEnd = true
	}
	c.mu.Unlock()
	w := c.w
	if !w.lock(true) {
		return errConnGone
	}
	id := st.id
	if id == 0 {
		// a backend stream takes its identifier when its first frame
		// leaves, so that identifiers grow on the wire (RFC 9113 5.1.1)
		id = c.assignID(st)
	}
	w.headers(id, fields, end)
	if end {
		// the stream stops counting against the concurrency limit
		// before the peer can see its end (RFC 9113 5.1.2)
		c.localEnd(st)
	}
	w.unlock()
	return nil
}

// writable says why nothing more may be sent; c.mu is held.
func (st *Stream) writable() error {
	switch {
	case st.err != nil:
		return st.err
	case st.sentEnd || st.rstSent:
		return errClosed
	}
	return nil
}

// WriteData sends body bytes within the flow-control windows (RFC
// 9113 6.9), waiting for WINDOW_UPDATEs; end closes the local side
// with the last frame.
func (st *Stream) WriteData(p []byte, end bool) error {
	c := st.c
	for {
		c.mu.Lock()
		if err := st.writable(); err != nil {
			c.mu.Unlock()
			return err
		}
		n := len(p)
		if n > 0 {
			for st.sendWin <= 0 || c.sendWin <= 0 {
				if err := st.wait(st.wwake, st.wdl); err != nil {
					c.mu.Unlock()
					return err
				}
				if err := st.writable(); err != nil {
					c.mu.Unlock()
					return err
				}
			}
			n = min(n, int(st.sendWin), int(c.sendWin), c.peerMaxFrame)
			st.sendWin -= int64(n)
			c.sendWin -= int64(n)
		}
		last := end && n == len(p)
		if last {
			st.sentEnd = true
		}
		c.mu.Unlock()
		w := c.w
		if !w.lock(true) {
			return errConnGone
		}
		w.buf = appendData(w.buf, st.id, p[:n], last)
		if last {
			c.localEnd(st)
		}
		w.unlock()
		p = p[n:]
		if len(p) == 0 && (last || !end) {
			return nil
		}
	}
}

// Reset ends the stream with RST_STREAM (RFC 9113 6.4) unless it ended
// already.
func (st *Stream) Reset(code http2.ErrCode) {
	c := st.c
	c.mu.Lock()
	if st.rstSent || st.err != nil || st.sentEnd && st.recvEnd {
		c.mu.Unlock()
		return
	}
	st.rstSent = true
	if st.err == nil {
		st.err = errClosed
	}
	id := st.id
	c.mu.Unlock()
	poke(st.rwake)
	poke(st.wwake)
	c.remove(st, true)
	if id != 0 {
		c.control(func(b []byte) []byte { return appendRST(b, id, code) })
	}
}

// Done reports whether both sides ended.
func (st *Stream) Done() bool {
	st.c.mu.Lock()
	defer st.c.mu.Unlock()
	return st.err != nil || st.sentEnd && st.recvEnd
}

// Err is why the stream ended abnormally, nil otherwise.
func (st *Stream) Err() error {
	st.c.mu.Lock()
	defer st.c.mu.Unlock()
	return st.err
}

// PeerReset is the code of the peer's RST_STREAM, if it sent one.
func (st *Stream) PeerReset() (http2.ErrCode, bool) {
	st.c.mu.Lock()
	defer st.c.mu.Unlock()
	return st.peerReset, st.err == errReset
}

// failed reports a stream that ended abnormally.
func (st *Stream) failed() bool {
	st.c.mu.Lock()
	defer st.c.mu.Unlock()
	return st.err != nil
}

// complete reports a body of announced length (content-length) whose
// every byte was read, END_STREAM or not.
func (st *Stream) complete() bool {
	st.c.mu.Lock()
	defer st.c.mu.Unlock()
	return st.clen >= 0 && st.got >= st.clen && len(st.recv) == 0
}

// drained reports a body read to its END_STREAM.
func (st *Stream) drained() bool {
	st.c.mu.Lock()
	defer st.c.mu.Unlock()
	return st.recvEnd && len(st.recv) == 0
}
