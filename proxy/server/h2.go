package server

import (
	"context"
	"net"
	"sync"

	"hakeep/proxy/h2"
	"hakeep/proxy/http1"
)

// h2Pool is a "proto h2" server's multiplexed connections
// (configuration.txt 5.2, "proto"), made on first use.
type h2Pool struct {
	once sync.Once
	pool *h2.BackPool
}

// dialH2 returns a connection that carries each request on a stream of
// the server's HTTP/2 connections: many transactions share one
// connection, a new one is opened only when the others are full.
func (s *Server) dialH2(c Client) *Conn {
	s.h2.once.Do(func() {
		s.h2.pool = &h2.BackPool{
			Dial: func() (net.Conn, error) {
				conn, err := s.dialNet(context.Background(), c)
				if err != nil {
					return nil, err
				}
				if len(conn.Preamble) > 0 {
					// the PROXY header goes before the preface
					if _, err := conn.Conn.Write(conn.Preamble); err != nil {
						conn.Conn.Close()
						return nil, err
					}
				}
				return conn.Conn, nil
			},
			IdleTimeout: s.Cfg.PoolPurgeDelay,
		}
	})
	var local, remote net.Addr
	if t := s.Target(c.Dst); t.IsValid() {
		remote = net.TCPAddrFromAddrPort(t)
	}
	bc := h2.NewBackConn(s.h2.pool, http1.Limits{}, local, remote)
	return newConn(bc, s)
}
