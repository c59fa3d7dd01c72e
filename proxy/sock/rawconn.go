package sock

import (
	"net"
	"os"
	"syscall"
	"time"
)

// RawConn is the connection as a syscall.RawConn that runs callbacks on
// the descriptor as it is, and hands it to the runtime's poller only when
// a callback asks to wait (returns false): a read whose bytes are there
// costs the read alone, as with Read.
func (c *Conn) RawConn() syscall.RawConn { return (*rawConn)(c) }

type rawConn Conn

// Control runs f on the descriptor without attaching it.
func (r *rawConn) Control(f func(fd uintptr)) error {
	return (*Conn)(r).Control(func(fd int) { f(uintptr(fd)) })
}

// Read runs f until it reports done, waiting for readability between
// calls; errors are Read's (a deadline's is a timeout).
func (r *rawConn) Read(f func(fd uintptr) bool) error {
	return (*Conn)(r).raw("read", f, true)
}

// Write is Read for writability.
func (r *rawConn) Write(f func(fd uintptr) bool) error {
	return (*Conn)(r).raw("write", f, false)
}

func (c *Conn) raw(op string, f func(uintptr) bool, read bool) error {
	a := c.att.Load()
	if a == nil {
		done, err := c.rawOnce(f, read)
		if err != nil || done {
			return opError(op, err)
		}
		if a, err = c.attach(); err != nil {
			return opError(op, err)
		}
	}
	if read {
		return opError(op, a.rc.Read(f))
	}
	return opError(op, a.rc.Write(f))
}

// rawOnce calls f once on the unattached descriptor; done is false when
// f asks to wait or the connection was attached meanwhile.
func (c *Conn) rawOnce(f func(uintptr) bool, read bool) (done bool, err error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.att.Load() != nil {
		return false, nil
	}
	if c.fd < 0 {
		return false, net.ErrClosed
	}
	d := c.wd
	if read {
		d = c.rd
	}
	if d != 0 && d <= time.Now().UnixNano() {
		return false, os.ErrDeadlineExceeded
	}
	return f(uintptr(c.fd)), nil
}
