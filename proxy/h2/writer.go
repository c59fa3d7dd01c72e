package h2

import (
	"net"
	"runtime"
	"sync"
	"time"
)

// writer owns the output side of a connection: frames are appended to
// buf under mu by whoever produces them (the reading side's answers,
// the streams' headers and data), and one goroutine writes what
// accumulated in a single write, so that a busy connection sends many
// frames per system call as HAProxy's mux buffer does.
type writer struct {
	nc      net.Conn
	timeout time.Duration

	mu    sync.Mutex
	room  sync.Cond // signalled when buf drained
	buf   []byte
	spare []byte
	err   error
	done  bool
	kick  chan struct{}
	// hbuf is where header blocks are encoded (hpackenc.go);
	// sizeUpdate asks for the dynamic table size update a new
	// SETTINGS_HEADER_TABLE_SIZE calls for (RFC 7541 4.2).
	hbuf       []byte
	sizeUpdate bool
	// maxFrame is the peer's SETTINGS_MAX_FRAME_SIZE.
	maxFrame int
}

// maxPending bounds what the producers may queue before waiting for the
// socket.
const maxPending = 256 << 10

func newWriter(nc net.Conn, timeout time.Duration) *writer {
	w := &writer{nc: nc, timeout: timeout, kick: make(chan struct{}, 1), maxFrame: defaultFrameSize}
	w.room.L = &w.mu
	w.buf = make([]byte, 0, 16<<10)
	w.spare = make([]byte, 0, 16<<10)
	return w
}

// run writes until stop, or until the connection fails.
func (w *writer) run() {
	for range w.kick {
		// let the streams that are running add their frames: one
		// write then carries them all
		runtime.Gosched()
		w.mu.Lock()
		out := w.buf
		w.buf, w.spare = w.spare[:0], nil
		done := w.done
		w.mu.Unlock()
		if len(out) > 0 {
			if w.timeout > 0 {
				w.nc.SetWriteDeadline(time.Now().Add(w.timeout))
			}
			if _, err := w.nc.Write(out); err != nil {
				w.fail(err)
				return
			}
		}
		w.mu.Lock()
		w.spare = out[:0]
		if len(w.buf) > 0 {
			w.signal()
		}
		w.room.Broadcast()
		w.mu.Unlock()
		if done && len(out) == 0 {
			return
		}
	}
}

// fail records a write failure: producers stop, the connection closes
// (which ends the reading side too).
func (w *writer) fail(err error) {
	w.mu.Lock()
	if w.err == nil {
		w.err = err
	}
	w.buf = w.buf[:0]
	w.room.Broadcast()
	w.mu.Unlock()
	w.nc.Close()
}

// signal wakes the writing goroutine; mu is held.
func (w *writer) signal() {
	select {
	case w.kick <- struct{}{}:
	default:
	}
}

// lock takes mu, waiting for room when wait is set; it reports false
// once the connection failed (mu is then released).
func (w *writer) lock(wait bool) bool {
	w.mu.Lock()
	for wait && w.err == nil && len(w.buf) > maxPending {
		w.room.Wait()
	}
	if w.err != nil {
		w.mu.Unlock()
		return false
	}
	return true
}

// unlock releases mu and wakes the writing goroutine.
func (w *writer) unlock() {
	w.signal()
	w.mu.Unlock()
}

// close lets the writing goroutine flush what is queued and stop.
func (w *writer) close() {
	w.mu.Lock()
	if !w.done {
		w.done = true
		w.signal()
	}
	w.mu.Unlock()
}

// flushed waits until everything queued was written (or failed), up to
// d.
func (w *writer) flushed(d time.Duration) {
	t := time.AfterFunc(d, func() {
		w.mu.Lock()
		if w.err == nil {
			w.err = errTimeout
		}
		w.room.Broadcast()
		w.mu.Unlock()
	})
	defer t.Stop()
	w.mu.Lock()
	for w.err == nil && (len(w.buf) > 0 || w.spare == nil) {
		w.room.Wait()
	}
	w.mu.Unlock()
}

// headers encodes fields and appends the block as HEADERS and
// CONTINUATION frames; mu is held.
func (w *writer) headers(id uint32, fields []Field, end bool) {
	b := w.hbuf[:0]
	if w.sizeUpdate {
		// nothing is indexed: 2.6 acknowledges with a size of 0
		b = append(b, 0x20)
		w.sizeUpdate = false
	}
	for i := range fields {
		b = appendFieldBlock(b, fields[i])
	}
	w.hbuf = b
	w.buf = appendBlock(w.buf, id, b, end, w.maxFrame)
}
