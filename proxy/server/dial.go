package server

import (
	"context"
	"errors"
	"net"
	"net/netip"
	"os"
	"syscall"

	"golang.org/x/sys/unix"

	"hakeep/proxy/proxyproto"
)

// Client is what a connection to a server carries of the client's: its
// address and the address it connected to (port offsets, "usesrc
// client", the PROXY header), and the PROXY v2 TLV values.
type Client struct {
	Src, Dst netip.AddrPort
	// Authority is the client's SNI or received PROXY authority.
	Authority []byte
	// UniqueID is the stream's unique id (proxy-v2-options unique-id).
	UniqueID []byte
	// SNI is the server name a TLS connection sends (the server's "sni"
	// expression's value).
	SNI string
}

// ConnectError is a failed connection attempt, classified the way the
// termination state of logs reports it (configuration.txt section 8.5).
type ConnectError struct {
	// Timeout: "timeout connect" struck ("sC").
	Timeout bool
	// Resource: the proxy ran out of something, descriptors or source
	// ports ("RC").
	Resource bool
	Err      error
}

func (e *ConnectError) Error() string { return "connect: " + e.Err.Error() }
func (e *ConnectError) Unwrap() error { return e.Err }

// Dial connects to the server for client c within "timeout connect", or
// until ctx ends. Callers pass context.Background() unless something may
// cancel the attempt: a context derived from a long-lived parent
// registers with it under the parent's lock on every dial. A "proto h2"
// server's connection is a stream of its multiplexed connections
// (h2.go).
func (s *Server) Dial(ctx context.Context, c Client) (*Conn, error) {
	if s.Cfg.Proto == "h2" {
		return s.dialH2(c), nil
	}
	return s.dialNet(ctx, c)
}

// dialNet opens a transport connection to the server.
func (s *Server) dialNet(ctx context.Context, c Client) (*Conn, error) {
	d := net.Dialer{Timeout: s.opt.ConnectTimeout, KeepAlive: -1}
	if s.opt.TCPKeepalive {
		d.KeepAlive = 0
		d.KeepAliveConfig = net.KeepAliveConfig{Enable: true,
			Idle:     s.opt.TCPKeepaliveParam.Idle,
			Interval: s.opt.TCPKeepaliveParam.Interval,
			Count:    s.opt.TCPKeepaliveParam.Count}
	}
	var network, addr string
	if s.unixPath != "" {
		network, addr = "unix", s.unixPath
		if s.abstract {
			// HAProxy pads abstract names to the full sun_path
			name := make([]byte, 108)
			name[0] = '@'
			copy(name[1:], s.unixPath)
			addr = string(name)
		}
	} else {
		t := s.Target(c.Dst)
		network, addr = "tcp", t.String()
		if err := s.source(&d, c); err != nil {
			return nil, &ConnectError{Resource: true, Err: err}
		}
	}
	start := s.now()
	nc, err := d.DialContext(ctx, network, addr)
	if err != nil {
		return nil, classify(err)
	}
	var preamble []byte
	switch {
	case s.Cfg.SendProxyV2:
		preamble = proxyproto.AppendV2(nil, c.Src, c.Dst, s.v2Options(c))
	case s.Cfg.SendProxy:
		preamble = proxyproto.AppendV1(nil, c.Src, c.Dst)
	}
	if s.tls != nil {
		if nc, err = s.handshake(ctx, nc, preamble, c.SNI, start); err != nil {
			return nil, err
		}
		preamble = nil
	}
	conn := newConn(nc, s)
	conn.Preamble = preamble
	return conn, nil
}

// v2Options are the TLVs of "proxy-v2-options".
func (s *Server) v2Options(c Client) proxyproto.V2Options {
	var o proxyproto.V2Options
	for _, opt := range s.Cfg.ProxyV2Opts {
		switch opt {
		case "crc32c":
			o.CRC32C = true
		case "authority":
			o.Authority = c.Authority
		case "unique-id":
			o.UniqueID = c.UniqueID
			if o.UniqueID == nil {
				o.UniqueID = []byte{}
			}
		}
	}
	return o
}

// source applies "source" (the server's, else the backend's): a fixed
// local address, or with "usesrc" the client's address, which needs
// IP_TRANSPARENT (configuration.txt section 4.2, "source").
func (s *Server) source(d *net.Dialer, c Client) error {
	src := s.Cfg.Source
	if src == nil {
		src = s.opt.Source
	}
	if src == nil {
		return nil
	}
	local := netip.AddrPortFrom(src.Addr.Addr, uint16(src.Addr.PortLow))
	transparent := false
	switch src.UseSrc {
	case "":
	case "client":
		local, transparent = c.Src, true
	case "clientip":
		local, transparent = netip.AddrPortFrom(c.Src.Addr(), 0), true
	default:
		if src.UseSrcAddr != nil {
			local = netip.AddrPortFrom(src.UseSrcAddr.Addr, uint16(src.UseSrcAddr.PortLow))
			transparent = true
		}
	}
	if !local.Addr().IsValid() {
		return nil
	}
	d.LocalAddr = net.TCPAddrFromAddrPort(local)
	iface := src.Interface
	d.Control = func(_, _ string, rc syscall.RawConn) error {
		var serr error
		rc.Control(func(fd uintptr) {
			if local.Port() == 0 {
				// let connect() choose the port, as HAProxy does, so
				// that one source address serves more connections
				unix.SetsockoptInt(int(fd), unix.IPPROTO_IP, unix.IP_BIND_ADDRESS_NO_PORT, 1)
			}
			if transparent {
				if local.Addr().Is6() && !local.Addr().Is4In6() {
					serr = unix.SetsockoptInt(int(fd), unix.SOL_IPV6, unix.IPV6_TRANSPARENT, 1)
				} else {
					serr = unix.SetsockoptInt(int(fd), unix.SOL_IP, unix.IP_TRANSPARENT, 1)
				}
			}
			if serr == nil && iface != "" {
				serr = unix.SetsockoptString(int(fd), unix.SOL_SOCKET, unix.SO_BINDTODEVICE, iface)
			}
		})
		return serr
	}
	return nil
}

// classify sorts a dial error into HAProxy's connection error types.
func classify(err error) error {
	ce := &ConnectError{Err: err}
	var ne net.Error
	if errors.Is(err, context.DeadlineExceeded) || errors.As(err, &ne) && ne.Timeout() {
		ce.Timeout = true
		return ce
	}
	var se *os.SyscallError
	if errors.As(err, &se) {
		switch se.Err {
		case syscall.EMFILE, syscall.ENFILE, syscall.ENOBUFS, syscall.ENOMEM, syscall.EADDRNOTAVAIL, syscall.EADDRINUSE:
			ce.Resource = true
		}
	}
	return ce
}
