package engine

import (
	"syscall"

	"golang.org/x/sys/unix"
)

// clientReader reads a connection's next bytes straight into its input
// buffer from inside the runtime's poller callback, taking the buffer
// from the pool only for the read and giving it back when there is
// nothing to read: a connection parked between requests holds no buffer
// (HAProxy releases its buffers between requests), and a request already
// waiting costs a single read(2).
type clientReader struct {
	h  *httpState
	st *state
	n  int
	// err is the read's error; io.EOF is n == 0 with no error.
	err error
	fn  func(uintptr) bool
}

func newClientReader(h *httpState) *clientReader {
	r := &clientReader{h: h}
	r.fn = r.read
	return r
}

func (r *clientReader) read(fd uintptr) bool {
	h := r.h
	if h.in == nil {
		h.in = r.st.bufs.get()
	}
	for {
		n, err := unix.Read(int(fd), (*h.in)[h.inLen:])
		switch err {
		case unix.EINTR:
			continue
		case unix.EAGAIN:
			if h.inLen == 0 {
				r.st.bufs.put(h.in)
				h.in = nil
			}
			return false
		}
		if n < 0 {
			n = 0
		}
		r.n, r.err = n, err
		return true
	}
}

// wait reads what arrives next on rc, within the connection's read
// deadline; it reports the bytes read (0 for end of file) and an error
// for a failed read or an expired deadline.
func (r *clientReader) wait(rc syscall.RawConn, st *state) (int, error) {
	r.st, r.n, r.err = st, 0, nil
	if err := rc.Read(r.fn); err != nil {
		return 0, err
	}
	return r.n, r.err
}
