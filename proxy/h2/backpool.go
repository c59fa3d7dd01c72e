package h2

import (
	"net"
	"sync"
	"time"
)

// BackPool is one server's HTTP/2 connections: a request takes a stream
// on a connection that has room for one, and a new connection is made
// only when none has (HAProxy's http-reuse for multiplexed servers).
type BackPool struct {
	// Dial makes a new connection to the server.
	Dial func() (net.Conn, error)
	// Settings are the local SETTINGS of the connections.
	Settings Settings
	// Timeout bounds writes ("timeout server").
	Timeout time.Duration
	// IdleTimeout closes connections idle that long (pool-purge-delay).
	IdleTimeout time.Duration

	mu    sync.Mutex
	conns []*Client
}

// open takes a stream on a connection with room, preferring prev.
func (p *BackPool) open(prev *Client) (*Client, *Stream, error) {
	if prev != nil {
		if st, err := prev.Open(); err == nil {
			return prev, st, nil
		}
	}
	p.mu.Lock()
	p.purge()
	for _, cl := range p.conns {
		if cl == prev {
			continue
		}
		if st, err := cl.Open(); err == nil {
			p.mu.Unlock()
			return cl, st, nil
		}
	}
	p.mu.Unlock()
	nc, err := p.Dial()
	if err != nil {
		return nil, nil, err
	}
	cl := NewClient(nc, p.Settings, p.Timeout)
	st, err := cl.Open()
	if err != nil {
		cl.Close()
		return nil, nil, err
	}
	p.mu.Lock()
	p.conns = append(p.conns, cl)
	p.mu.Unlock()
	return cl, st, nil
}

// purge drops the connections that ended or stayed idle too long; p.mu
// is held.
func (p *BackPool) purge() {
	keep := p.conns[:0]
	idle := p.IdleTimeout
	if idle <= 0 {
		idle = 5 * time.Second
	}
	now := time.Now()
	for _, cl := range p.conns {
		if !cl.Alive() {
			continue
		}
		if ok, since := cl.Idle(); ok && !since.IsZero() && now.Sub(since) > idle {
			cl.Close()
			continue
		}
		keep = append(keep, cl)
	}
	for i := len(keep); i < len(p.conns); i++ {
		p.conns[i] = nil
	}
	p.conns = keep
}

// Close ends every connection.
func (p *BackPool) Close() {
	p.mu.Lock()
	defer p.mu.Unlock()
	for _, cl := range p.conns {
		cl.Close()
	}
	p.conns = nil
}

// Conns is how many connections the pool holds.
func (p *BackPool) Conns() int {
	p.mu.Lock()
	defer p.mu.Unlock()
	return len(p.conns)
}
