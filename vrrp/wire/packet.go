package wire

import (
	"crypto/subtle"
	"fmt"
	"net/netip"
)

// Packet is one received or sent advertisement with the network-layer
// facts the receive checks need. For IPv4 it is the whole datagram, as a
// raw IPv4 socket delivers it and as keepalived builds it; for IPv6 the
// kernel strips the header and the addresses and hop limit come from
// ancillary data.
type Packet struct {
	IP IPv4Header // IPv4 only
	// HopLimit is the IPv6 hop limit (IP.TTL for IPv4).
	HopLimit uint8
	// Src and Dst are the network-layer addresses, either family.
	Src, Dst netip.Addr
	HasAH    bool
	AH       AH
	Advert   Advert
	// Len is the number of bytes received (datagram for IPv4, VRRP message
	// for IPv6), the length keepalived compares with its expectation.
	Len int
	// msg and raw point into the decoded buffer, for checksum and
	// authentication checks; they are valid until the buffer is reused.
	msg, raw []byte
}

// Message is the VRRP message bytes of a decoded packet.
func (p *Packet) Message() []byte { return p.msg }

// DecodeIPv4 parses a datagram from a raw IPv4 socket: the IPv4 header,
// an authentication header if the protocol is AH, then the VRRP message.
// p's slices are reused; p refers to b until b is reused.
func DecodeIPv4(b []byte, p *Packet) error {
	if err := decodeIPv4Header(b, &p.IP); err != nil {
		return err
	}
	p.Src, p.Dst, p.HopLimit, p.Len, p.raw = p.IP.Src, p.IP.Dst, p.IP.TTL, len(b), b
	rest := b[p.IP.IHL:]
	p.HasAH = p.IP.Protocol == ProtocolAH
	if p.HasAH {
		if err := decodeAH(rest, &p.AH); err != nil {
			return err
		}
		rest = rest[AHLen:]
	} else {
		p.AH = AH{}
	}
	if err := DecodeAdvert(rest, false, &p.Advert); err != nil {
		return err
	}
	p.msg = rest[:p.Advert.Len()]
	return nil
}

// DecodeIPv6 parses the VRRP message a raw IPv6 socket delivers; src, dst
// and the hop limit come from the socket's ancillary data.
func DecodeIPv6(b []byte, src, dst netip.Addr, hopLimit uint8, p *Packet) error {
	p.IP = IPv4Header{}
	p.Src, p.Dst, p.HopLimit, p.Len, p.raw = src, dst, hopLimit, len(b), b
	p.HasAH, p.AH = false, AH{}
	if err := DecodeAdvert(b, true, &p.Advert); err != nil {
		return err
	}
	p.msg = b[:p.Advert.Len()]
	return nil
}

// VerifyAH checks the ICV of a decoded IPv4 AH packet with key, the
// zero-padded auth_pass; zeroTTL is set for unicast instances.
func (p *Packet) VerifyAH(key *[AuthLen]byte, zeroTTL bool) bool {
	if !p.HasAH || p.IP.IHL != IPv4HeaderLen || len(p.raw) < IPv4HeaderLen+AHLen {
		return false
	}
	var icv [icvLen]byte
	ahICV(p.raw[:IPv4HeaderLen+AHLen+len(p.msg)], key, zeroTTL, &icv)
	return subtle.ConstantTimeCompare(icv[:], p.AH.ICV[:]) == 1
}

// IPv4Options are what AppendIPv4 needs besides the advert.
type IPv4Options struct {
	Src, Dst netip.Addr
	TOS      uint8  // TOSNetControl for keepalived's adverts
	TTL      uint8  // TTL
	ID       uint16 // keepalived counts from 1 and skips 0 on wrap
	// Key enables keepalived's IPSEC-AH with this zero-padded auth_pass.
	Key *[AuthLen]byte
	// Seq is the AH sequence number.
	Seq uint32
	// Unicast zeroes the TTL in the AH hash, as keepalived does for
	// unicast peers.
	Unicast bool
	// ChecksumDst, when valid, replaces Dst in the VRRPv3 pseudo-header
	// (keepalived's unicast_chksum_compat); normally unset.
	ChecksumDst netip.Addr
}

// AppendIPv4 appends a complete IPv4 datagram as keepalived builds it
// with IP_HDRINCL: header (with the checksum the kernel fills in), the
// authentication header when o.Key is set, and the advert.
func AppendIPv4(b []byte, a *Advert, o *IPv4Options) ([]byte, error) {
	if !o.Src.Is4() || !o.Dst.Is4() {
		return b, fmt.Errorf("%w: ipv4 datagram from %s to %s", ErrFamily, o.Src, o.Dst)
	}
	start := len(b)
	h := IPv4Header{TOS: o.TOS, TotalLen: uint16(IPv4HeaderLen + a.Len()), ID: o.ID, TTL: o.TTL, Protocol: Protocol, Src: o.Src, Dst: o.Dst}
	if o.Key != nil {
		h.TotalLen += AHLen
		h.Protocol = ProtocolAH
	}
	b = appendIPv4Header(b, &h)
	if o.Key != nil {
		s := o.Src.As4()
		b = appendAH(b, &AH{NextHeader: Protocol, PayloadLen: ahPayloadLen,
			SPI: uint32(s[0])<<24 | uint32(s[1])<<16 | uint32(s[2])<<8 | uint32(s[3]), Seq: o.Seq})
	}
	csDst := o.Dst
	if o.ChecksumDst.IsValid() {
		csDst = o.ChecksumDst
	}
	b, err := AppendAdvert(b, a, o.Src, csDst)
	if err != nil {
		return b[:start], err
	}
	if o.Key != nil {
		var icv [icvLen]byte
		ahICV(b[start:], o.Key, o.Unicast, &icv)
		copy(b[start+IPv4HeaderLen+12:], icv[:])
	}
	return b, nil
}
