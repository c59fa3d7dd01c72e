package sock

import (
	"encoding/binary"
	"net/netip"
	"unsafe"

	"golang.org/x/sys/unix"
)

// addrPortOf converts a socket address of the unix package.
func addrPortOf(sa unix.Sockaddr) netip.AddrPort {
	switch a := sa.(type) {
	case *unix.SockaddrInet4:
		return netip.AddrPortFrom(netip.AddrFrom4(a.Addr), uint16(a.Port))
	case *unix.SockaddrInet6:
		ip := netip.AddrFrom16(a.Addr)
		if a.ZoneId != 0 {
			ip = ip.WithZone(zoneName(a.ZoneId))
		}
		return netip.AddrPortFrom(ip, uint16(a.Port))
	}
	return netip.AddrPort{}
}

// rawAddrPort converts a raw socket address as accept4 fills it.
func rawAddrPort(rsa *unix.RawSockaddrAny) netip.AddrPort {
	switch rsa.Addr.Family {
	case unix.AF_INET:
		p := (*unix.RawSockaddrInet4)(unsafe.Pointer(rsa))
		return netip.AddrPortFrom(netip.AddrFrom4(p.Addr), ntohs(p.Port))
	case unix.AF_INET6:
		p := (*unix.RawSockaddrInet6)(unsafe.Pointer(rsa))
		ip := netip.AddrFrom16(p.Addr)
		if p.Scope_id != 0 {
			ip = ip.WithZone(zoneName(p.Scope_id))
		}
		return netip.AddrPortFrom(ip, ntohs(p.Port))
	}
	return netip.AddrPort{}
}

// rawSockaddr fills a raw socket address for connect(2) and bind(2) and
// returns its length; 0 for an invalid address.
func rawSockaddr(ap netip.AddrPort, rsa *unix.RawSockaddrAny, v6 bool) uint32 {
	a := ap.Addr()
	if !a.IsValid() {
		return 0
	}
	if !v6 && (a.Is4() || a.Is4In6()) {
		p := (*unix.RawSockaddrInet4)(unsafe.Pointer(rsa))
		*p = unix.RawSockaddrInet4{Family: unix.AF_INET, Port: htons(ap.Port()), Addr: a.Unmap().As4()}
		return unix.SizeofSockaddrInet4
	}
	p := (*unix.RawSockaddrInet6)(unsafe.Pointer(rsa))
	*p = unix.RawSockaddrInet6{Family: unix.AF_INET6, Port: htons(ap.Port()), Addr: a.As16()}
	if z := a.Zone(); z != "" {
		p.Scope_id = zoneIndex(z)
	}
	return unix.SizeofSockaddrInet6
}

// ports are in network order in socket addresses
func ntohs(p uint16) uint16 {
	var b [2]byte
	*(*uint16)(unsafe.Pointer(&b)) = p
	return binary.BigEndian.Uint16(b[:])
}

func htons(p uint16) uint16 {
	var b [2]byte
	binary.BigEndian.PutUint16(b[:], p)
	return *(*uint16)(unsafe.Pointer(&b))
}
