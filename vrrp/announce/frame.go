// Package announce builds the frames a new VRRP master sends so that
// neighbours move the virtual addresses to it: gratuitous ARP for IPv4
// (RFC 5798 §6.4.1, RFC 5227 §3) and unsolicited neighbour advertisements
// for IPv6 (RFC 4861 §7.2.6), byte for byte as keepalived 2.2.7 sends them
// (vrrp_arp.c, vrrp_ndisc.c; see vrrp/testdata/golden).
package announce

import (
	"net"
	"net/netip"
)

// Ethernet types.
const (
	EtherTypeARP  = 0x0806
	EtherTypeIPv6 = 0x86dd
)

// Broadcast is the Ethernet broadcast address a GARP goes to.
var Broadcast = net.HardwareAddr{0xff, 0xff, 0xff, 0xff, 0xff, 0xff}

// AllNodes is the link-layer address of ff02::1 (RFC 2464 §7).
var AllNodes = net.HardwareAddr{0x33, 0x33, 0, 0, 0, 1}

// GARPLen and NALen are the frame lengths (no padding; the driver pads).
const (
	GARPLen = 14 + 28
	NALen   = 14 + 40 + 32
)

// AppendGARP appends keepalived's gratuitous ARP for ip from mac: an ARP
// request, broadcast, whose sender and target protocol addresses are both
// ip and whose target hardware address is the broadcast address.
func AppendGARP(b []byte, mac net.HardwareAddr, ip netip.Addr) []byte {
	a := ip.As4()
	b = append(b, Broadcast...)
	b = append(b, mac[:6]...)
	b = append(b, EtherTypeARP>>8, EtherTypeARP&0xff,
		0, 1, // hardware type Ethernet
		0x08, 0x00, // protocol type IPv4
		6, 4, // address lengths
		0, 1) // request
	b = append(b, mac[:6]...)
	b = append(b, a[:]...)
	b = append(b, Broadcast...)
	return append(b, a[:]...)
}

// AppendNA appends keepalived's unsolicited neighbour advertisement for ip
// from mac: from ip itself to ff02::1, hop limit 255, the override flag
// (and the router flag when the interface forwards), and the target
// link-layer address option.
func AppendNA(b []byte, mac net.HardwareAddr, ip netip.Addr, router bool) []byte {
	src := ip.As16()
	dst := [16]byte{0xff, 0x02, 15: 1}
	b = append(b, AllNodes...)
	b = append(b, mac[:6]...)
	b = append(b, EtherTypeIPv6>>8, EtherTypeIPv6&0xff)
	b = append(b, 0x60, 0, 0, 0, 0, 32, 58, 255)
	b = append(b, src[:]...)
	b = append(b, dst[:]...)
	icmp := len(b)
	var flags byte = 0x20 // override
	if router {
		flags |= 0x80
	}
	b = append(b, 136, 0, 0, 0, flags, 0, 0, 0)
	b = append(b, src[:]...)
	b = append(b, 2, 1)
	b = append(b, mac[:6]...)
	// ICMPv6 checksum over the IPv6 pseudo-header (RFC 8200 §8.1).
	var sum uint32
	for _, p := range [][]byte{src[:], dst[:], b[icmp:]} {
		for i := 0; i+1 < len(p); i += 2 {
			sum += uint32(p[i])<<8 | uint32(p[i+1])
		}
	}
	sum += 32 + 58
	for sum>>16 != 0 {
		sum = sum&0xffff + sum>>16
	}
	c := ^uint16(sum)
	b[icmp+2], b[icmp+3] = byte(c>>8), byte(c)
	return b
}
