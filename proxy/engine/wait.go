package engine

import (
	"syscall"

	"golang.org/x/sys/unix"
)

// clientReader reads a connection's next bytes straight into a pool
// buffer from inside the runtime's poller callback, taking the buffer
// only for the read and giving it back when there is nothing to read: a
// connection waiting between requests holds no buffer (HAProxy releases
// its buffers between requests), and a request already waiting costs a
// single read(2).
type clientReader struct {
	st  *state
	buf *[]byte
	n   int
	// err is the read's error; end of file is n == 0 with no error.
	err error
	fn  func(uintptr) bool
}

func newClientReader() *clientReader {
	r := &clientReader{}
	r.fn = r.read
	return r
}

func (r *clientReader) read(fd uintptr) bool {
	if r.buf == nil {
		r.buf = r.st.bufs.get()
	}
	for {
		n, err := unix.Read(int(fd), *r.buf)
		switch err {
		case unix.EINTR:
			continue
		case unix.EAGAIN:
			r.st.bufs.put(r.buf)
			r.buf = nil
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
// for a failed read or an expired deadline. The bytes are in the buffer
// take returns.
func (r *clientReader) wait(rc syscall.RawConn, st *state) (int, error) {
	r.st, r.n, r.err = st, 0, nil
	if err := rc.Read(r.fn); err != nil {
		r.release(st)
		return 0, err
	}
	return r.n, r.err
}

// take hands over the buffer read into.
func (r *clientReader) take() *[]byte {
	b := r.buf
	r.buf = nil
	return b
}

// release gives a buffer left behind back.
func (r *clientReader) release(st *state) {
	if r.buf != nil {
		st.bufs.put(r.buf)
		r.buf = nil
	}
}
