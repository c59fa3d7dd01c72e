package vrrp

import (
	"net"
	"net/netip"
)

// Net is the kernel boundary of the engine: what an instance opens on
// its interface. Linux's is LinuxNet; tests use fakes.
type Net interface {
	Link(name string) (Link, error)
	OpenConn(spec ConnSpec) (Conn, error)
	AddAddr(v VIP) error
	DelAddr(v VIP) error
	OpenAnnouncer(ifname string) (Announcer, error)
}

// Link is an interface as the engine sees it.
type Link struct {
	Index int
	MAC   net.HardwareAddr
	Up    bool
	// IPv4 and IPv6LinkLocal are the default advert sources.
	IPv4, IPv6LinkLocal netip.Addr
}

// ConnSpec says which VRRP socket to open.
type ConnSpec struct {
	Interface string
	IPv6      bool
	Protocol  int // 112, or 51 for AH
	// Group is the multicast group; invalid for unicast instances.
	Group netip.Addr
	// Src is the IPv6 source address.
	Src netip.Addr
	// RxBufSize is SO_RCVBUF in bytes; 0 keeps the kernel default.
	RxBufSize int
}

// Received describes one packet read from a Conn.
type Received struct {
	N        int
	Src, Dst netip.Addr // IPv6 only; IPv4's are in the header
	HopLimit uint8      // IPv6 only
}

// Conn carries one instance's adverts: whole IPv4 datagrams (the engine
// builds the header, as keepalived does) or IPv6 VRRP messages.
type Conn interface {
	Read(b []byte) (Received, error)
	Write(b []byte, dst netip.Addr) error
	Close() error
}

// VMACNet is the optional part of Net that creates the macvlan
// interfaces of use_vmac.
type VMACNet interface {
	// AddVMAC creates (or adopts) a private-mode macvlan named name on
	// parent with mac, up, and returns it.
	AddVMAC(name, parent string, mac net.HardwareAddr) (Link, error)
	DelVMAC(name string) error
}

// Announcer sends gratuitous ARP / unsolicited NA on one interface.
type Announcer interface {
	Announce(ip netip.Addr, router bool) error
	Close() error
}
