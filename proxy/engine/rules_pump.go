package engine

import (
	"net"
	"sync/atomic"
	"time"
)

// pump forwards what the client sends to the server while the
// tcp-response content rules inspect the server's first bytes, so that a
// server waiting for more of the request is not stalled by the wait.
type pump struct {
	cli, srv net.Conn
	stopping atomic.Bool
	done     chan struct{}
	sent     int64
	eof      bool
}

// startPump starts forwarding; eof tells that the client already ended
// its side.
func startPump(cli, srv net.Conn, eof bool) *pump {
	p := &pump{cli: cli, srv: srv, done: make(chan struct{}), eof: eof}
	if eof {
		close(p.done)
		return p
	}
	cli.SetReadDeadline(time.Time{})
	go p.run()
	return p
}

func (p *pump) run() {
	defer close(p.done)
	buf := make([]byte, 16384)
	for {
		n, err := p.cli.Read(buf)
		if n > 0 {
			if _, werr := p.srv.Write(buf[:n]); werr != nil {
				return
			}
			p.sent += int64(n)
		}
		if err != nil {
			if p.stopping.Load() && isTimeout(err) {
				return
			}
			// the client ended its side: so does the server's
			p.eof = true
			if hc, ok := p.srv.(interface{ CloseWrite() error }); ok {
				hc.CloseWrite()
			}
			return
		}
	}
}

// stop ends the forwarding and returns what it sent and whether the
// client ended its side.
func (p *pump) stop() (sent int64, eof bool) {
	p.stopping.Store(true)
	p.cli.SetReadDeadline(past())
	<-p.done
	p.cli.SetReadDeadline(time.Time{})
	return p.sent, p.eof
}
