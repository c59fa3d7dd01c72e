package server

import (
	"net/netip"
	"time"

	"hakeep/proxy"
	"hakeep/proxy/balance"
	"hakeep/proxy/counters"
	"hakeep/proxy/tlsconf"
)

// Options are the backend's settings its servers connect with.
type Options struct {
	// ConnectTimeout is "timeout connect"; 0 waits for the system's.
	ConnectTimeout time.Duration
	// Source is the backend's "source", used by servers without their
	// own.
	Source *proxy.Source
	// TCPKeepalive is "option srvtcpka" with its srvtcpka-* settings.
	TCPKeepalive      bool
	TCPKeepaliveParam proxy.TCPKeepalive
	// Now is the clock; nil means time.Now.
	Now func() time.Time
	// Idle is the process-wide budget of idle server connections; nil
	// means no limit.
	Idle *IdleBudget
}

// Server is one server of a backend.
type Server struct {
	Cfg *proxy.Server
	// Backend is the backend's name, for logs.
	Backend string
	// LB is the server as load balancing sees it.
	LB       *balance.Server
	Counters counters.Server

	opt *Options
	// addr is the address to connect to; with offset set, portOffset
	// is added to the port the client connected to instead.
	addr       addrCell
	offset     bool
	portOffset int
	// unixPath is set for a server on a UNIX socket.
	unixPath string
	abstract bool
	// noAddr is "init-addr none" without a resolved address: the
	// server starts in maintenance.
	noAddr bool

	pool pool
	// h2 holds the connections of a "proto h2" server (h2.go).
	h2 h2Pool
	// tls is the server's TLS side (tls.go), nil in clear.
	tls *tlsconf.Client
}

// New makes the run-time server of cfg.
func New(cfg *proxy.Server, backend string, lb *balance.Server, opt *Options) *Server {
	s := &Server{Cfg: cfg, Backend: backend, LB: lb, opt: opt}
	a := cfg.Addr
	switch a.Family {
	case proxy.FamilyUnix:
		s.unixPath = a.Path
	case proxy.FamilyAbstract:
		s.unixPath, s.abstract = a.Path, true
	default:
		s.noAddr = !a.Addr.IsValid()
		s.offset, s.portOffset = a.PortOffset, a.Port
		port := a.PortLow
		if a.PortOffset {
			port = 0
		}
		s.addr.Store(netip.AddrPortFrom(a.Addr, uint16(port)))
	}
	s.pool.max = cfg.PoolMaxConn
	return s
}

// Name is the server's name.
func (s *Server) Name() string { return s.Cfg.Name }

// NoAddr reports a server left without an address by "init-addr none":
// HAProxy keeps it in maintenance until it gets one.
func (s *Server) NoAddr() bool { return s.noAddr }

// Target is the address a connection for a client that connected to dst
// goes to: the server's, with a port offset applied ("server s
// 10.0.0.1:+1000"; no port means the client's destination port), and the
// client's destination address for a server at 0.0.0.0.
func (s *Server) Target(dst netip.AddrPort) netip.AddrPort {
	sa := s.addr.Load()
	a := sa.Addr()
	if a.IsUnspecified() && dst.IsValid() {
		a = dst.Addr()
	}
	port := sa.Port()
	if s.offset {
		port = uint16(int(dst.Port()) + s.portOffset)
	}
	return netip.AddrPortFrom(a, port)
}

func (s *Server) now() time.Time {
	if s.opt.Now != nil {
		return s.opt.Now()
	}
	return time.Now()
}
