package smuggle

import (
	"errors"
	"net"
	"os"
	"sync"
	"time"
)

// Backend is a raw TCP server standing for the proxy's upstream. It never
// parses HTTP: it records every byte of every connection and writes its
// next canned response each time received bytes go quiet, so what it saw
// is exactly what the proxy sent.
type Backend struct {
	ln         net.Listener
	responses  [][]byte
	closeAfter bool
	quiet      time.Duration

	mu    sync.Mutex
	conns []*backendConn
	last  time.Time // last byte received or response written
	wg    sync.WaitGroup
}

type backendConn struct {
	c      net.Conn
	bytes  []byte
	closed string
}

// NewBackend listens on a free loopback port.
func NewBackend(responses [][]byte, closeAfter bool, quiet time.Duration) (*Backend, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, err
	}
	b := &Backend{ln: ln, responses: responses, closeAfter: closeAfter, quiet: quiet}
	b.wg.Add(1)
	go b.accept()
	return b, nil
}

// Addr is the host:port the back end listens on.
func (b *Backend) Addr() string { return b.ln.Addr().String() }

func (b *Backend) accept() {
	defer b.wg.Done()
	for {
		c, err := b.ln.Accept()
		if err != nil {
			return
		}
		bc := &backendConn{c: c, closed: ClosedNo}
		b.mu.Lock()
		b.conns = append(b.conns, bc)
		b.mu.Unlock()
		b.wg.Add(1)
		go b.serve(bc)
	}
}

// serve records bc's bytes and answers each quiet spell with the next
// canned response.
func (b *Backend) serve(bc *backendConn) {
	defer b.wg.Done()
	buf := make([]byte, 64<<10)
	next, pending := 0, false
	for {
		bc.c.SetReadDeadline(time.Now().Add(b.quiet))
		n, err := bc.c.Read(buf)
		if n > 0 {
			b.mu.Lock()
			bc.bytes = append(bc.bytes, buf[:n]...)
			b.last = time.Now()
			b.mu.Unlock()
			pending = true
		}
		if err == nil {
			continue
		}
		if errors.Is(err, os.ErrDeadlineExceeded) {
			if !pending || next >= len(b.responses) {
				continue
			}
			pending = false
			bc.c.Write(b.responses[next])
			next++
			b.mu.Lock()
			b.last = time.Now()
			b.mu.Unlock()
			if b.closeAfter && next == len(b.responses) {
				b.mu.Lock()
				bc.closed = ClosedBackend
				b.mu.Unlock()
				bc.c.Close()
				return
			}
			continue
		}
		// EOF, reset, or Close from Stop.
		b.mu.Lock()
		if bc.closed == ClosedNo {
			bc.closed = ClosedProxy
		}
		b.mu.Unlock()
		return
	}
}

// LastActivity is when the back end last received bytes or answered.
func (b *Backend) LastActivity() time.Time {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.last
}

// Snapshot copies what the back end has seen so far.
func (b *Backend) Snapshot() []ServerConn {
	b.mu.Lock()
	defer b.mu.Unlock()
	out := make([]ServerConn, len(b.conns))
	for i, c := range b.conns {
		out[i] = ServerConn{Bytes: append([]byte(nil), c.bytes...), Closed: c.closed}
	}
	return out
}

// Stop closes the listener and every connection and waits for the
// goroutines. A connection still open is marked before it is closed so
// the snapshot taken earlier stays the record.
func (b *Backend) Stop() {
	b.ln.Close()
	b.mu.Lock()
	for _, c := range b.conns {
		if c.closed == ClosedNo {
			c.closed = "stopped"
		}
		c.c.Close()
	}
	b.mu.Unlock()
	b.wg.Wait()
}
