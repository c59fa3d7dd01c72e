package wire

import (
	"fmt"
	"net/netip"
)

// IPv4HeaderLen is the header keepalived builds: no options.
const IPv4HeaderLen = 20

// TOSNetControl is the TOS keepalived sets on adverts ("internetwork
// control", vrrp.c vrrp_build_ip4).
const TOSNetControl = 0xc0

// IPv4Header is the part of an IPv4 header VRRP cares about.
type IPv4Header struct {
	IHL      int // header length in bytes
	TOS      uint8
	TotalLen uint16
	ID       uint16
	FragOff  uint16 // flags and fragment offset, as on the wire
	TTL      uint8
	Protocol uint8
	Checksum uint16
	Src, Dst netip.Addr
}

// appendIPv4Header appends a 20-byte header with its checksum, as the
// kernel completes a raw IP_HDRINCL datagram.
func appendIPv4Header(b []byte, h *IPv4Header) []byte {
	s, d := h.Src.As4(), h.Dst.As4()
	start := len(b)
	b = append(b,
		0x45, h.TOS, byte(h.TotalLen>>8), byte(h.TotalLen),
		byte(h.ID>>8), byte(h.ID), byte(h.FragOff>>8), byte(h.FragOff),
		h.TTL, h.Protocol, 0, 0,
		s[0], s[1], s[2], s[3], d[0], d[1], d[2], d[3])
	c := Checksum(b[start:])
	b[start+10], b[start+11] = byte(c>>8), byte(c)
	h.IHL, h.Checksum = IPv4HeaderLen, c
	return b
}

// decodeIPv4Header parses the header at the start of b.
func decodeIPv4Header(b []byte, h *IPv4Header) error {
	if len(b) < IPv4HeaderLen {
		return fmt.Errorf("%w: %d bytes of ipv4 header", ErrShort, len(b))
	}
	if b[0]>>4 != 4 {
		return fmt.Errorf("ip version %d in ipv4 header", b[0]>>4)
	}
	h.IHL = int(b[0]&0x0f) * 4
	if h.IHL < IPv4HeaderLen || h.IHL > len(b) {
		return fmt.Errorf("%w: ipv4 header length %d in %d bytes", ErrShort, h.IHL, len(b))
	}
	h.TOS = b[1]
	h.TotalLen = uint16(b[2])<<8 | uint16(b[3])
	h.ID = uint16(b[4])<<8 | uint16(b[5])
	h.FragOff = uint16(b[6])<<8 | uint16(b[7])
	h.TTL = b[8]
	h.Protocol = b[9]
	h.Checksum = uint16(b[10])<<8 | uint16(b[11])
	h.Src = netip.AddrFrom4([4]byte(b[12:16]))
	h.Dst = netip.AddrFrom4([4]byte(b[16:20]))
	return nil
}
