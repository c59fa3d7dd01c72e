// Package ipvs holds the value types of the Linux IP Virtual Server
// (services, destinations, timeouts, sync daemons) and the reconciler that
// brings the kernel's table to a desired state through a small Client
// interface. The generic netlink implementation of that interface is
// hakeep/ipvs/ipvsnl; hakeep/ipvs/ipvstest is a fake kernel for tests.
//
// Numbers and flags are those of include/uapi/linux/ip_vs.h; the fields
// map one to one onto keepalived.conf(5)'s virtual_server and real_server
// options (lb_algo, lb_kind, persistence_timeout, persistence_granularity,
// ops, fwmark, protocol, weight, thresholds).
package ipvs

import (
	"fmt"
	"net/netip"
)

// Family is an address family as the kernel numbers it.
type Family uint16

// Address families (include/linux/socket.h).
const (
	IPv4 Family = 2
	IPv6 Family = 10
)

func (f Family) String() string {
	switch f {
	case IPv4:
		return "IPv4"
	case IPv6:
		return "IPv6"
	}
	return fmt.Sprintf("family(%d)", uint16(f))
}

// Protocol is a virtual service's IP protocol.
type Protocol uint16

// The protocols IPVS balances (ip_vs_add_service() refuses others).
const (
	TCP  Protocol = 6
	UDP  Protocol = 17
	SCTP Protocol = 132
)

func (p Protocol) String() string {
	switch p {
	case TCP:
		return "TCP"
	case UDP:
		return "UDP"
	case SCTP:
		return "SCTP"
	}
	return fmt.Sprintf("protocol(%d)", uint16(p))
}

// ServiceFlags are IP_VS_SVC_F_* (ip_vs.h).
type ServiceFlags uint32

// Service flags. The scheduler flags mean what the scheduler says: for sh
// (ipvsadm -b sh-fallback,sh-port) and mh (mh-fallback,mh-port) flag 1
// is fallback and flag 2 is port; keepalived's lb_algo "sh" with
// sh-fallback / sh-port sets the same bits.
const (
	FlagPersistent ServiceFlags = 0x0001
	FlagHashed     ServiceFlags = 0x0002 // kernel-internal; dropped when listing
	FlagOnePacket  ServiceFlags = 0x0004 // keepalived "ops", ipvsadm -o
	FlagSched1     ServiceFlags = 0x0008
	FlagSched2     ServiceFlags = 0x0010
	FlagSched3     ServiceFlags = 0x0020

	FlagSHFallback = FlagSched1
	FlagSHPort     = FlagSched2
	FlagMHFallback = FlagSched1
	FlagMHPort     = FlagSched2
)

// ServiceKey identifies a virtual service: a protocol, address and port,
// or a firewall mark (FWMark non-zero) with an address family.
type ServiceKey struct {
	Family   Family // zero: from Addr, or IPv4 for a firewall mark
	Protocol Protocol
	Addr     netip.Addr
	Port     uint16
	FWMark   uint32
}

// Normal returns k with Family filled in and the fields a firewall-mark
// service does not use cleared, so that equal services have equal keys.
func (k ServiceKey) Normal() ServiceKey {
	if k.Family == 0 {
		k.Family = IPv4
		if k.FWMark == 0 && k.Addr.Is6() && !k.Addr.Is4In6() {
			k.Family = IPv6
		}
	}
	if k.FWMark != 0 {
		k.Protocol, k.Addr, k.Port = 0, netip.Addr{}, 0
	} else {
		k.Addr = k.Addr.Unmap()
	}
	return k
}

func (k ServiceKey) String() string {
	k = k.Normal()
	if k.FWMark != 0 {
		if k.Family == IPv6 {
			return fmt.Sprintf("FWM %d IPv6", k.FWMark)
		}
		return fmt.Sprintf("FWM %d", k.FWMark)
	}
	return fmt.Sprintf("%s %s", k.Protocol, netip.AddrPortFrom(k.Addr, k.Port))
}

// Service is a virtual service as configured.
type Service struct {
	ServiceKey
	// Scheduler is the ip_vs_<name> module: rr, wrr, lc, wlc, lblc,
	// lblcr, dh, sh, sed, nq, fo, ovf, mh.
	Scheduler string
	// Flags; FlagPersistent goes with Timeout.
	Flags ServiceFlags
	// Timeout is the persistence timeout in seconds.
	Timeout uint32
	// Netmask is the persistence granularity as a prefix length; zero
	// means one address (32 or 128), the kernel's default.
	Netmask int
	// Mask4 is an IPv4 persistence granularity that is not a prefix
	// (keepalived takes any inet_aton() value, "33" being 0.0.0.33); when
	// set, the kernel is given it instead of Netmask.
	Mask4 uint32
	// PE is the persistence engine ("sip"), empty for none.
	PE string
}

// NetmaskBits is the prefix length the kernel is given.
func (s Service) NetmaskBits() int {
	if s.Netmask != 0 {
		return s.Netmask
	}
	if s.Normal().Family == IPv6 {
		return 128
	}
	return 32
}

// Stats are a service's or destination's counters (the 64-bit set,
// IPVS_*_ATTR_STATS64, when the kernel sends it).
type Stats struct {
	Conns, InPkts, OutPkts, InBytes, OutBytes uint64
	CPS, InPPS, OutPPS, InBPS, OutBPS         uint64
}

// ServiceEntry is a service as the kernel lists it.
type ServiceEntry struct {
	Service
	Stats Stats
}
