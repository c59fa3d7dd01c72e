package check

import (
	"context"
	"crypto/tls"
	"net"
	"net/netip"
	"syscall"
	"time"

	"golang.org/x/sys/unix"

	"hakeep/proxy"
	"hakeep/proxy/proxyproto"
)

// probe is what one check does and where: the compiled ruleset and the
// connection settings of the server line (configuration.txt section 5.2:
// "addr", "port", "agent-addr", "agent-port", "source", "check-send-proxy",
// "check-ssl", "check-sni", "check-alpn") and the timeouts of section 4.2
// ("timeout check", "timeout connect").
type probe struct {
	rs *ruleset

	inter          time.Duration
	timeoutConnect time.Duration
	timeoutCheck   time.Duration

	// addr/addrPort is "addr" (or "agent-addr"); port is "port" (or
	// "agent-port"); the server's own address comes last.
	addr     netip.Addr
	addrPort int
	port     int
	srvAddr  netip.Addr
	srvPort  int
	unixPath string
	abstract bool

	source    *proxy.Source
	sendProxy bool
	proxyV2   bool
	tls       *tls.Config
	sni       string
	alpn      []string

	disable404 bool
	sendState  bool
	ext        *externalCheck
	// scripted replaces the network in scheduling tests.
	scripted func(st probeState) outcome
}

// clone copies the probe so that run-time changes ("set server ...
// check-port") do not race with a check in progress.
func (p *probe) clone() *probe {
	c := *p
	return &c
}

// execute runs the probe once.
func (p *probe) execute(ctx context.Context, st probeState) outcome {
	if p.scripted != nil {
		return p.scripted(st)
	}
	if p.ext != nil {
		return p.ext.run(ctx, p, st)
	}
	x := &checkRun{p: p, rs: p.rs, st: st, ctx: ctx}
	return x.run()
}

// bindSource applies "source" (the server's or the backend's) to the
// check's connection, and delays the final ACK of the handshake when
// the check sends first or not at all, as 2.6 does so that a pure TCP
// check does not even reach the server's accept queue
// (CONNECT_DELACK_ALWAYS in src/proto_tcp.c).
func (p *probe) bindSource(d *net.Dialer, delack bool) error {
	var local netip.Addr
	port := 0
	iface := ""
	if src := p.source; src != nil {
		local, port, iface = src.Addr.Addr, src.Addr.PortLow, src.Interface
	}
	if local.IsValid() && !local.IsUnspecified() {
		d.LocalAddr = net.TCPAddrFromAddrPort(netip.AddrPortFrom(local, uint16(port)))
	}
	d.Control = func(_, _ string, rc syscall.RawConn) error {
		var serr error
		rc.Control(func(fd uintptr) {
			if delack {
				unix.SetsockoptInt(int(fd), unix.IPPROTO_TCP, unix.TCP_QUICKACK, 0)
			}
			if d.LocalAddr != nil && port == 0 {
				unix.SetsockoptInt(int(fd), unix.IPPROTO_IP, unix.IP_BIND_ADDRESS_NO_PORT, 1)
			}
			if iface != "" {
				serr = unix.SetsockoptString(int(fd), unix.SOL_SOCKET, unix.SO_BINDTODEVICE, iface)
			}
		})
		return serr
	}
	return nil
}

// proxyHeader is the PROXY protocol header a connect rule sends. A check
// has no client: v2 uses the LOCAL command, v1 names the check
// connection's own ends (measured on 2.6.12: "PROXY TCP4 127.0.0.1
// 127.0.0.1 <check port> <server port>").
func (p *probe) proxyHeader(c *connectRule, agent bool, conn net.Conn) []byte {
	if !c.sendProxy && !(c.def && p.sendProxy && !agent) {
		return nil
	}
	if p.proxyV2 {
		return proxyproto.AppendV2(nil, netip.AddrPort{}, netip.AddrPort{}, proxyproto.V2Options{Local: true})
	}
	return proxyproto.AppendV1(nil, addrPort(conn.LocalAddr()), addrPort(conn.RemoteAddr()))
}

func addrPort(a net.Addr) netip.AddrPort {
	if t, ok := a.(*net.TCPAddr); ok {
		ap := t.AddrPort()
		return netip.AddrPortFrom(ap.Addr().Unmap(), ap.Port())
	}
	return netip.AddrPort{}
}

// tlsFor is the TLS configuration of a connect rule, nil for clear text.
func (p *probe) tlsFor(c *connectRule) *tls.Config {
	var base *tls.Config
	switch {
	case c.ssl:
		base = p.tls
		if base == nil {
			base = &tls.Config{InsecureSkipVerify: true}
		}
	case c.def && p.tls != nil:
		base = p.tls
	default:
		return nil
	}
	cfg := base.Clone()
	switch {
	case c.sni != "":
		cfg.ServerName = c.sni
	case c.def && p.sni != "":
		cfg.ServerName = p.sni
	}
	switch {
	case len(c.alpn) > 0:
		cfg.NextProtos = c.alpn
	case c.def && len(p.alpn) > 0:
		cfg.NextProtos = p.alpn
	}
	return cfg
}
