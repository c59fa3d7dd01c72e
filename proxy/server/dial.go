package server

import (
	"context"
	"errors"
	"net"
	"net/netip"
	"os"
	"syscall"
	"time"

	"hakeep/proxy/proxyproto"
	"hakeep/proxy/sock"
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

// dialNet opens a transport connection to the server: TCP with
// proxy/sock's system calls (socket, setsockopt, connect; no poller
// registration unless the connection has to be waited for), UNIX
// sockets through the net package.
func (s *Server) dialNet(ctx context.Context, c Client) (*Conn, error) {
	start := s.now()
	var nc net.Conn
	if s.unixPath != "" {
		var err error
		if nc, err = s.dialUnix(ctx); err != nil {
			return nil, classify(err)
		}
	} else {
		to := s.Target(c.Dst)
		if !to.Addr().IsValid() {
			return nil, &ConnectError{Err: &net.OpError{Op: "dial", Net: "tcp", Err: errors.New("the server has no address")}}
		}
		o := sock.DialOptions{Timeout: s.opt.ConnectTimeout}
		if s.opt.TCPKeepalive {
			// "option srvtcpka": the probes' settings only where
			// "srvtcpka-*" set them (proto_tcp.c)
			ka := s.opt.TCPKeepaliveParam
			o.KeepAlive = true
			o.KeepIdle, o.KeepIntvl, o.KeepCnt = int(ka.Idle/time.Second), int(ka.Interval/time.Second), ka.Count
		}
		s.source(&o, c)
		sc, err := sock.Dial(ctx, to, &o)
		if err != nil {
			return nil, classify(err)
		}
		nc = sc
	}
	var preamble []byte
	switch {
	case s.Cfg.SendProxyV2:
		preamble = proxyproto.AppendV2(nil, c.Src, c.Dst, s.v2Options(c))
	case s.Cfg.SendProxy:
		preamble = proxyproto.AppendV1(nil, c.Src, c.Dst)
	}
	if s.tls != nil {
		var err error
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
// IP_TRANSPARENT (configuration.txt section 4.2, "source"). A zero port
// lets connect() choose it (IP_BIND_ADDRESS_NO_PORT, as HAProxy does, so
// that one source address serves more connections).
func (s *Server) source(o *sock.DialOptions, c Client) {
	src := s.Cfg.Source
	if src == nil {
		src = s.opt.Source
	}
	if src == nil {
		return
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
		return
	}
	o.Source, o.Transparent, o.Interface = local, transparent, src.Interface
}

// dialUnix connects to the server's UNIX socket.
func (s *Server) dialUnix(ctx context.Context) (net.Conn, error) {
	d := net.Dialer{Timeout: s.opt.ConnectTimeout}
	addr := s.unixPath
	if s.abstract {
		// HAProxy pads abstract names to the full sun_path
		name := make([]byte, 108)
		name[0] = '@'
		copy(name[1:], s.unixPath)
		addr = string(name)
	}
	return d.DialContext(ctx, "unix", addr)
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
		if se.Syscall == "bind" || se.Syscall == "setsockopt" {
			// the source address could not be used: HAProxy's
			// tcp_connect_server() returns SF_ERR_RESOURCE
			ce.Resource = true
			return ce
		}
		switch se.Err {
		case syscall.EMFILE, syscall.ENFILE, syscall.ENOBUFS, syscall.ENOMEM, syscall.EADDRNOTAVAIL, syscall.EADDRINUSE:
			ce.Resource = true
		}
	}
	return ce
}
