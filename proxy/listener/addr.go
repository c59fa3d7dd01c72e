package listener

import (
	"net/netip"
	"strconv"

	"hakeep/proxy"
)

// Addr is one listening socket of a bind line: one address and, for
// IPv4/IPv6, one port of its range.
type Addr struct {
	proxy.Address
	// Port is the port of this socket (PortLow..PortHigh of Address).
	Port int
}

// Expand lists the sockets a bind line opens: every address, and every
// port of each port range (configuration.txt section 5.1, "bind").
func Expand(b *proxy.Bind) []Addr {
	var out []Addr
	for _, a := range b.Addrs {
		if a.Family != proxy.FamilyInet || a.PortHigh <= a.PortLow {
			out = append(out, Addr{Address: a, Port: a.PortLow})
			continue
		}
		for p := a.PortLow; p <= a.PortHigh; p++ {
			out = append(out, Addr{Address: a, Port: p})
		}
	}
	return out
}

// AddrPort is the socket address of an IPv4/IPv6 listener.
func (a Addr) AddrPort() netip.AddrPort {
	return netip.AddrPortFrom(a.Addr, uint16(a.Port))
}

// ipv6 reports whether the socket is AF_INET6.
func (a Addr) ipv6() bool { return a.Addr.Is6() && !a.Addr.Is4In6() }

// Key names the socket independently of the bind line's spelling, so that
// a reload can match a new configuration's sockets with inherited ones.
func (a Addr) Key() string {
	switch a.Family {
	case proxy.FamilyUnix:
		return "unix:" + a.Path
	case proxy.FamilyAbstract:
		return "abns:" + a.Path
	case proxy.FamilyFD, proxy.FamilySockpair:
		return "fd:" + strconv.Itoa(a.FD)
	}
	if a.ipv6() {
		return "tcp6:" + a.AddrPort().String()
	}
	return "tcp4:" + a.AddrPort().String()
}

// String is the address as HAProxy's start-up messages print it:
// "127.0.0.1:80", "::1:80", a path.
func (a Addr) String() string {
	switch a.Family {
	case proxy.FamilyUnix:
		return a.Path
	case proxy.FamilyAbstract:
		return a.Path
	case proxy.FamilyFD, proxy.FamilySockpair:
		return "fd@" + strconv.Itoa(a.FD)
	}
	return a.Addr.String() + ":" + strconv.Itoa(a.Port)
}
