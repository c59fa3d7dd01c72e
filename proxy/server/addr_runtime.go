package server

import (
	"net/netip"
	"sync/atomic"
)

// addrCell holds a server's address; "set server <b>/<s> addr" changes
// it while connections read it (management.txt section 9.3).
type addrCell struct {
	p atomic.Pointer[netip.AddrPort]
}

func (c *addrCell) Load() netip.AddrPort {
	if a := c.p.Load(); a != nil {
		return *a
	}
	return netip.AddrPort{}
}

func (c *addrCell) Store(a netip.AddrPort) { c.p.Store(&a) }

// Addr is the server's configured address and port (without the
// client-dependent parts Target applies).
func (s *Server) Addr() netip.AddrPort { return s.addr.Load() }

// SetAddr changes the server's address and port at run time; a server
// left without address by "init-addr none" has one from then on.
func (s *Server) SetAddr(a netip.AddrPort) {
	s.addr.Store(a)
	s.noAddr = false
}
