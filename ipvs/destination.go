package ipvs

import (
	"fmt"
	"net/netip"
)

// FwdMethod is how packets reach a destination (IP_VS_CONN_F_* in the
// IP_VS_CONN_F_FWD_MASK bits); keepalived's lb_kind NAT, DR and TUN.
type FwdMethod uint32

// Forwarding methods. Local is what the kernel reports for a destination
// whose address is local to the director.
const (
	Masq   FwdMethod = 0
	Local  FwdMethod = 1
	Tunnel FwdMethod = 2
	DRoute FwdMethod = 3
)

func (m FwdMethod) String() string {
	switch m {
	case Masq:
		return "Masq"
	case Local:
		return "Local"
	case Tunnel:
		return "Tunnel"
	case DRoute:
		return "Route"
	}
	return fmt.Sprintf("fwd(%d)", uint32(m))
}

// TunnelType is the encapsulation of a Tunnel destination.
type TunnelType uint8

// Tunnel types (IP_VS_CONN_F_TUNNEL_TYPE_*).
const (
	TunnelIPIP TunnelType = 0
	TunnelGUE  TunnelType = 1
	TunnelGRE  TunnelType = 2
)

// TunnelFlags are IP_VS_TUNNEL_ENCAP_FLAG_*; zero is nocsum.
type TunnelFlags uint16

// Tunnel encapsulation flags.
const (
	TunnelCsum    TunnelFlags = 0x1
	TunnelRemCsum TunnelFlags = 0x2
)

// DestinationKey identifies a destination within its service.
type DestinationKey struct {
	Addr netip.Addr
	Port uint16
}

// Destination is a real server as configured.
type Destination struct {
	Addr   netip.Addr
	Port   uint16 // zero for a firewall-mark service means "the packet's"
	Weight int
	Method FwdMethod
	// UpperThreshold and LowerThreshold bound active connections (zero:
	// no limit); keepalived's uthreshold / lthreshold.
	UpperThreshold uint32
	LowerThreshold uint32
	TunnelType     TunnelType
	TunnelPort     uint16 // GUE only
	TunnelFlags    TunnelFlags
}

// Key returns the destination's identity within its service.
func (d Destination) Key() DestinationKey {
	return DestinationKey{Addr: d.Addr.Unmap(), Port: d.Port}
}

// Family is the destination's address family, which may differ from
// its service's for tunnelled destinations.
func (d Destination) Family() Family {
	if d.Addr.Is6() && !d.Addr.Is4In6() {
		return IPv6
	}
	return IPv4
}

// DestinationEntry is a destination as the kernel lists it.
type DestinationEntry struct {
	Destination
	ActiveConns  uint32
	InactConns   uint32
	PersistConns uint32
	Stats        Stats
}

func (k DestinationKey) String() string {
	return netip.AddrPortFrom(k.Addr, k.Port).String()
}
