package kernel

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/netip"
	"syscall"

	"golang.org/x/net/ipv6"
	"golang.org/x/sys/unix"
)

// SocketConfig says how to open an instance's VRRP socket.
type SocketConfig struct {
	// Interface is the device the instance runs on; the socket is bound
	// to it (SO_BINDTODEVICE) and multicast goes out through it.
	Interface string
	IPv6      bool
	// Protocol is 112 (VRRP) or 51 (AH, keepalived's IPSEC-AH mode).
	Protocol int
	// Group is the multicast group to join and send to (224.0.0.18,
	// ff02::12 or vrrp_mcast_group4/6); invalid for unicast instances.
	Group netip.Addr
	// Src is the IPv6 source (IPV6_PKTINFO); IPv4 sources are in the
	// header the engine builds.
	Src netip.Addr
	NS  NS
	// RxBufSize is SO_RCVBUF; 0 leaves the kernel default. A larger
	// buffer rides out a burst of packets while the reader catches up.
	RxBufSize int
}

// Received describes one read.
type Received struct {
	N        int
	Src, Dst netip.Addr
	HopLimit uint8 // IPv6 only; IPv4's TTL is in the header
}

// Conn is one instance's raw VRRP socket. IPv4 reads and writes whole
// datagrams (IP_HDRINCL, as keepalived); IPv6 reads and writes the VRRP
// message and the kernel computes and verifies its checksum.
type Conn struct {
	cfg     SocketConfig
	pc      net.PacketConn
	rc      syscall.RawConn
	ifindex int
	oob     []byte
}

// Open opens and configures the socket the way keepalived's
// open_vrrp_read_socket / open_vrrp_send_socket do.
func Open(cfg SocketConfig) (*Conn, error) {
	if cfg.Protocol == 0 {
		cfg.Protocol = 112
	}
	c := &Conn{cfg: cfg}
	err := cfg.NS.do(func() error {
		ifi, err := net.InterfaceByName(cfg.Interface)
		if err != nil {
			return fmt.Errorf("interface %q: %w", cfg.Interface, err)
		}
		c.ifindex = ifi.Index
		network, laddr := fmt.Sprintf("ip4:%d", cfg.Protocol), "0.0.0.0"
		if cfg.IPv6 {
			network, laddr = fmt.Sprintf("ip6:%d", cfg.Protocol), "::"
		}
		var soErr error
		lc := net.ListenConfig{Control: func(_, _ string, rc syscall.RawConn) error {
			if err := rc.Control(func(fd uintptr) { soErr = c.setup(int(fd)) }); err != nil {
				return err
			}
			return soErr
		}}
		c.pc, err = lc.ListenPacket(context.Background(), network, laddr)
		if err != nil {
			return fmt.Errorf("vrrp socket on %q: %w", cfg.Interface, err)
		}
		c.rc, err = c.pc.(syscall.Conn).SyscallConn()
		return err
	})
	if err != nil {
		if c.pc != nil {
			c.pc.Close()
		}
		return nil, err
	}
	if cfg.IPv6 {
		c.oob = make([]byte, 128)
	}
	return c, nil
}

type sockopt struct {
	name       string
	level, opt int
	val        int
}

// setup applies the socket options before bind.
func (c *Conn) setup(fd int) error {
	cfg := c.cfg
	mcast := cfg.Group.IsValid()
	var opts []sockopt
	if !cfg.IPv6 {
		opts = append(opts,
			// Only the groups joined on this socket, not every socket's.
			sockopt{"IP_MULTICAST_ALL", unix.IPPROTO_IP, unix.IP_MULTICAST_ALL, 0},
			sockopt{"IP_HDRINCL", unix.IPPROTO_IP, unix.IP_HDRINCL, 1})
		if mcast {
			opts = append(opts, sockopt{"IP_MULTICAST_LOOP", unix.IPPROTO_IP, unix.IP_MULTICAST_LOOP, 0})
		}
	} else {
		opts = append(opts,
			// Kernel-computed and verified checksum at offset 6 (RFC 5798
			// §5.2.8 pseudo-header), as keepalived sets it.
			sockopt{"IPV6_CHECKSUM", unix.IPPROTO_IPV6, unix.IPV6_CHECKSUM, 6},
			sockopt{"IPV6_RECVPKTINFO", unix.IPPROTO_IPV6, unix.IPV6_RECVPKTINFO, 1},
			sockopt{"IPV6_RECVHOPLIMIT", unix.IPPROTO_IPV6, unix.IPV6_RECVHOPLIMIT, 1})
		if mcast {
			opts = append(opts,
				sockopt{"IPV6_MULTICAST_HOPS", unix.IPPROTO_IPV6, unix.IPV6_MULTICAST_HOPS, 255},
				sockopt{"IPV6_MULTICAST_IF", unix.IPPROTO_IPV6, unix.IPV6_MULTICAST_IF, c.ifindex},
				sockopt{"IPV6_MULTICAST_LOOP", unix.IPPROTO_IPV6, unix.IPV6_MULTICAST_LOOP, 0})
		}
	}
	if cfg.RxBufSize > 0 {
		opts = append(opts, sockopt{"SO_RCVBUFFORCE", unix.SOL_SOCKET, unix.SO_RCVBUFFORCE, cfg.RxBufSize})
	}
	for _, o := range opts {
		if err := unix.SetsockoptInt(fd, o.level, o.opt, o.val); err != nil {
			return fmt.Errorf("%s: %w", o.name, err)
		}
	}
	if err := unix.SetsockoptString(fd, unix.SOL_SOCKET, unix.SO_BINDTODEVICE, c.cfg.Interface); err != nil {
		return fmt.Errorf("SO_BINDTODEVICE %q: %w", c.cfg.Interface, err)
	}
	if !mcast {
		return nil
	}
	if !cfg.IPv6 {
		mreq := &unix.IPMreqn{Multiaddr: cfg.Group.As4(), Ifindex: int32(c.ifindex)}
		if err := unix.SetsockoptIPMreqn(fd, unix.IPPROTO_IP, unix.IP_MULTICAST_IF, mreq); err != nil {
			return fmt.Errorf("IP_MULTICAST_IF: %w", err)
		}
		if err := unix.SetsockoptIPMreqn(fd, unix.IPPROTO_IP, unix.IP_ADD_MEMBERSHIP, mreq); err != nil {
			return fmt.Errorf("joining %s on %q: %w", cfg.Group, cfg.Interface, err)
		}
		return nil
	}
	mreq := &unix.IPv6Mreq{Multiaddr: cfg.Group.As16(), Interface: uint32(c.ifindex)}
	if err := unix.SetsockoptIPv6Mreq(fd, unix.IPPROTO_IPV6, unix.IPV6_JOIN_GROUP, mreq); err != nil {
		return fmt.Errorf("joining %s on %q: %w", cfg.Group, cfg.Interface, err)
	}
	return nil
}

// Read reads one packet into b: the IPv4 datagram with its header, or the
// IPv6 VRRP message with addresses and hop limit from ancillary data.
func (c *Conn) Read(b []byte) (Received, error) {
	var r Received
	var opErr error
	err := c.rc.Read(func(fd uintptr) bool {
		if !c.cfg.IPv6 {
			r.N, _, opErr = unix.Recvfrom(int(fd), b, 0)
		} else {
			var oobn int
			var from unix.Sockaddr
			r.N, oobn, _, from, opErr = unix.Recvmsg(int(fd), b, c.oob, 0)
			if opErr == nil {
				if sa, ok := from.(*unix.SockaddrInet6); ok {
					r.Src = netip.AddrFrom16(sa.Addr)
				}
				var cm ipv6.ControlMessage
				if cm.Parse(c.oob[:oobn]) == nil {
					if a, ok := netip.AddrFromSlice(cm.Dst); ok {
						r.Dst = a
					}
					r.HopLimit = uint8(cm.HopLimit)
				}
			}
		}
		return opErr != unix.EAGAIN
	})
	if err == nil {
		err = opErr
	}
	return r, err
}

// Write sends b to dst: a complete IPv4 datagram, or an IPv6 VRRP message
// sent from cfg.Src on the instance's interface (IPV6_PKTINFO).
// Multicast goes out with MSG_DONTROUTE as keepalived's does.
func (c *Conn) Write(b []byte, dst netip.Addr) error {
	flags := 0
	if dst.IsMulticast() {
		flags = unix.MSG_DONTROUTE
	}
	var opErr error
	err := c.rc.Write(func(fd uintptr) bool {
		if !c.cfg.IPv6 {
			opErr = unix.Sendto(int(fd), b, flags, &unix.SockaddrInet4{Addr: dst.As4()})
		} else {
			cm := ipv6.ControlMessage{IfIndex: c.ifindex}
			if c.cfg.Src.IsValid() {
				cm.Src = c.cfg.Src.AsSlice()
			}
			sa := &unix.SockaddrInet6{Addr: dst.As16()}
			if dst.IsLinkLocalUnicast() || dst.IsLinkLocalMulticast() {
				sa.ZoneId = uint32(c.ifindex)
			}
			_, opErr = unix.SendmsgN(int(fd), b, cm.Marshal(), sa, flags)
		}
		return opErr != unix.EAGAIN
	})
	if err == nil {
		err = opErr
	}
	return err
}

// Close closes the socket, unblocking Read.
func (c *Conn) Close() error { return c.pc.Close() }

// IsClosed reports whether err is the error of reading a closed Conn.
func IsClosed(err error) bool { return errors.Is(err, net.ErrClosed) }

// FD is the socket's descriptor number, for keepalived's data dump.
func (c *Conn) FD() int {
	fd := -1
	c.rc.Control(func(f uintptr) { fd = int(f) })
	return fd
}
