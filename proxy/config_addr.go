package proxy

import (
	"net/netip"
	"strconv"
)

// Family is the kind of socket an address designates (configuration.txt
// section 11, "Address formats").
type Family uint8

const (
	// FamilyInet is IPv4 or IPv6 as written ("ipv4@", "ipv6@", or
	// guessed from the address); Addr tells which.
	FamilyInet Family = iota
	// FamilyUnix is a path in the file system ("unix@", or a leading '/').
	FamilyUnix
	// FamilyAbstract is a Linux abstract namespace socket ("abns@").
	FamilyAbstract
	// FamilyFD is an already open file descriptor ("fd@").
	FamilyFD
	// FamilySockpair is a socketpair end receiving listening fds
	// ("sockpair@").
	FamilySockpair
)

// Address is one socket address of a bind line, server, log target,
// peer or nameserver.
type Address struct {
	Family Family
	// Datagram is true for UDP and unix datagram sockets ("udp@",
	// "uxdg@", ...); stream otherwise.
	Datagram bool
	// Addr is the IP address for FamilyInet. An unspecified address
	// (0.0.0.0 or ::) means every address; the zero netip.Addr means
	// Host must be resolved first.
	Addr netip.Addr
	// Host is the name to resolve when the address was given as a
	// host name (servers resolve at start and through resolvers).
	Host string
	// Path is the socket path for FamilyUnix and FamilyAbstract.
	Path string
	// FD is the descriptor for FamilyFD and FamilySockpair.
	FD int
	// PortLow..PortHigh is the port or port range; both are 0 when no
	// port was given.
	PortLow, PortHigh int
	// PortOffset is true when the server port was written "+N", "-N" or
	// left out: the connection goes to the client's destination port
	// plus Port (which may be negative or zero).
	PortOffset bool
	// Port is the signed port offset when PortOffset is set, else the
	// port (PortLow).
	Port int
	// Raw is the address as written, for messages and the stats page.
	Raw string
}

// String renders the address the way HAProxy's stats and logs show it.
func (a Address) String() string {
	switch a.Family {
	case FamilyUnix:
		return a.Path
	case FamilyAbstract:
		return "abns@" + a.Path
	case FamilyFD:
		return "fd@" + strconv.Itoa(a.FD)
	case FamilySockpair:
		return "sockpair@" + strconv.Itoa(a.FD)
	}
	host := a.Host
	if a.Addr.IsValid() {
		host = a.Addr.String()
		if a.Addr.Is6() && !a.Addr.Is4In6() {
			host = "[" + host + "]"
		}
	}
	switch {
	case a.PortOffset && a.Port > 0:
		return host + ":+" + strconv.Itoa(a.Port)
	case a.PortOffset && a.Port < 0:
		return host + ":" + strconv.Itoa(a.Port)
	case a.PortOffset:
		return host
	case a.PortHigh > a.PortLow:
		return host + ":" + strconv.Itoa(a.PortLow) + "-" + strconv.Itoa(a.PortHigh)
	}
	return host + ":" + strconv.Itoa(a.PortLow)
}
