package wire

import (
	"crypto/subtle"
	"net/netip"
)

// Reason says why a received packet was dropped. Each maps onto one of
// keepalived's per-instance counters (vrrp_print.c, /tmp/keepalived.stats)
// or, where keepalived counts it only for SNMP, onto the RFC 2787 / RFC
// 6527 statistic of the same meaning.
type Reason uint8

// Receive verdicts, in the order keepalived tests them (vrrp.c vrrp_in_chk).
const (
	Accept           Reason = iota
	DropLength              // "Packet Errors: Length"
	DropTTL                 // "Packet Errors: TTL"
	DropAuthType            // "Authentication Errors: Invalid Type"
	DropAuthMismatch        // "Authentication Errors: Type Mismatch"
	DropAuthFailure         // "Authentication Errors: Failure"
	DropInterval            // "Packet Errors: Advertisement Interval"
	DropVersion             // SNMP vrrpStatsVersionErrors (keepalived keeps no stats line)
	DropType                // "Packet Errors: Invalid Type"
	DropVRID                // another router's VRID; SNMP vrrpStatsVrIdErrors
	DropAddrList            // "Packet Errors: Address List" (count or addresses)
	DropChecksum            // SNMP vrrpStatsChecksumErrors
	DropNotPeer             // vrrp_check_unicast_src: source not a unicast_peer
	numReasons
)

// NumReasons is the number of verdicts, for counter arrays.
const NumReasons = int(numReasons)

var reasonNames = [...]string{
	Accept:           "accepted",
	DropLength:       "length",
	DropTTL:          "ttl",
	DropAuthType:     "auth invalid type",
	DropAuthMismatch: "auth type mismatch",
	DropAuthFailure:  "auth failure",
	DropInterval:     "advertisement interval",
	DropVersion:      "version",
	DropType:         "invalid type",
	DropVRID:         "vrid",
	DropAddrList:     "address list",
	DropChecksum:     "checksum",
	DropNotPeer:      "not a unicast peer",
}

func (r Reason) String() string {
	if int(r) < len(reasonNames) {
		return reasonNames[r]
	}
	return "unknown"
}

// Expect is what one VRRP instance accepts.
type Expect struct {
	Version uint8
	VRID    uint8
	IPv6    bool
	// AuthType and AuthData are the VRRPv2 authentication: the password
	// for AuthSimple, the HMAC key for AuthAH, zero padded to 8 bytes.
	AuthType AuthType
	AuthData [AuthLen]byte
	// Interval is the configured advert interval in the version's wire
	// unit; VRRPv2 requires a match (RFC 3768 §7.1), VRRPv3 adopts the
	// master's (RFC 5798 §6.4.2).
	Interval uint16
	// Addrs are the advertised virtual addresses.
	Addrs []netip.Addr
	// Unicast is set when unicast peers are configured: keepalived then
	// skips the TTL check and zeroes TTL in the AH hash.
	Unicast bool
	// CheckAddrs verifies each configured address is in the advert
	// (RFC 3768 §7.1 "MAY"); keepalived skips it for the known master
	// when vrrp_skip_check_adv_addr is set.
	CheckAddrs bool
	// Peers, when set, restricts unicast sources (vrrp_check_unicast_src).
	Peers []netip.Addr
	// LastSeq is the highest AH sequence number seen; Receive advances it
	// (replay protection, vrrp.c vrrp_in_chk_ipsecah).
	LastSeq uint32
	// ChecksumGroup, when valid, is also accepted as the VRRPv3
	// pseudo-header destination of unicast adverts: keepalived before
	// 1.3.6 and unicast_chksum_compat peers compute it over the multicast
	// group (vrrp.c vrrp_in_chk, "Setting unicast VRRPv3 checksum to old
	// version").
	ChecksumGroup netip.Addr
}

// ReceiveIPv4 decodes a datagram from a raw IPv4 socket into p and
// applies keepalived's checks in keepalived's order.
func (e *Expect) ReceiveIPv4(b []byte, p *Packet) Reason {
	min := IPv4HeaderLen + HeaderLen
	if e.AuthType == AuthAH {
		min += AHLen
	}
	if len(b) < min || decodeIPv4Header(b, &p.IP) != nil {
		return DropLength
	}
	p.Src, p.Dst, p.HopLimit, p.Len, p.raw = p.IP.Src, p.IP.Dst, p.IP.TTL, len(b), b
	off := p.IP.IHL
	p.HasAH = e.AuthType == AuthAH
	if p.HasAH {
		if decodeAH(b[off:], &p.AH) != nil {
			return DropLength
		}
		off += AHLen
	}
	if len(b) < off+HeaderLen {
		return DropLength
	}
	msg := b[off:]
	// keepalived hands a packet to the instance of its VRID first
	// (vrrp_scheduler.c vrrp_dispatcher_read); another router's adverts
	// are none of the instance's business and count nowhere.
	if msg[1] != e.VRID {
		return DropVRID
	}
	// vrrp_in_chk: the length the configuration expects (its own number
	// of addresses), before anything else is believed.
	want := off + HeaderLen + len(e.Addrs)*4
	if e.Version == 2 {
		want += AuthLen
	}
	if len(b) != want {
		return DropLength
	}
	if !e.Unicast && p.IP.TTL != TTL {
		return DropTTL
	}
	if r := e.checkHeader(msg, p); r != Accept {
		return r
	}
	if int(p.IP.TotalLen) != len(b) {
		return DropLength
	}
	if DecodeAdvert(msg, false, &p.Advert) != nil {
		return DropLength
	}
	p.msg = msg[:p.Advert.Len()]
	// The v3 checksum covers the address count's addresses only; the
	// pseudo-header destination is the one the datagram was sent to.
	if !VerifyChecksum(p.msg, e.Version, p.Src, p.Dst) &&
		!(e.Version == 3 && e.ChecksumGroup.IsValid() && VerifyChecksum(p.msg, 3, p.Src, e.ChecksumGroup)) {
		return DropChecksum
	}
	return e.checkAddrs(p)
}

// ReceiveIPv6 decodes a VRRP message from a raw IPv6 socket into p and
// applies keepalived's checks; the kernel has checked the checksum
// (IPV6_CHECKSUM) but we check it again, which costs little and lets
// packets from other sources (tests, taps) be judged the same way.
func (e *Expect) ReceiveIPv6(b []byte, src, dst netip.Addr, hopLimit uint8, p *Packet) Reason {
	p.IP = IPv4Header{}
	p.Src, p.Dst, p.HopLimit, p.Len, p.raw = src, dst, hopLimit, len(b), b
	p.HasAH = false
	if len(b) < HeaderLen {
		return DropLength
	}
	if b[1] != e.VRID {
		return DropVRID
	}
	if len(b) != HeaderLen+len(e.Addrs)*16 {
		return DropLength
	}
	// keepalived leaves the hop limit check to IPV6_MULTICAST_HOPS and the
	// kernel; RFC 5798 §7.1 requires it, and the hop limit is known here.
	if !e.Unicast && hopLimit != TTL {
		return DropTTL
	}
	if r := e.checkHeader(b, p); r != Accept {
		return r
	}
	if DecodeAdvert(b, true, &p.Advert) != nil {
		return DropLength
	}
	p.msg = b
	if !VerifyChecksum(b, 3, src, dst) && !(e.ChecksumGroup.IsValid() && VerifyChecksum(b, 3, src, e.ChecksumGroup)) {
		return DropChecksum
	}
	return e.checkAddrs(p)
}

// checkHeader runs the checks on the fixed header, in vrrp_in_chk order:
// version, authentication (VRRPv2 over IPv4), interval, type, count.
func (e *Expect) checkHeader(msg []byte, p *Packet) Reason {
	if msg[0]>>4 != e.Version {
		return DropVersion
	}
	if e.Version == 2 && !e.IPv6 {
		at := AuthType(msg[4])
		if at != AuthNone && at != AuthSimple && at != AuthAH {
			return DropAuthType
		}
		if at != e.AuthType {
			return DropAuthMismatch
		}
		switch at {
		case AuthSimple:
			// keepalived compares the last 8 bytes of the datagram.
			end := len(p.raw)
			if p.IP.IHL != 0 && int(p.IP.TotalLen) <= end {
				end = int(p.IP.TotalLen)
			}
			if end < AuthLen || subtle.ConstantTimeCompare(p.raw[end-AuthLen:end], e.AuthData[:]) != 1 {
				return DropAuthFailure
			}
		case AuthAH:
			n := IPv4HeaderLen + AHLen + HeaderLen + int(msg[3])*4 + AuthLen
			if len(p.raw) < n {
				return DropLength
			}
			p.msg = msg[:HeaderLen+int(msg[3])*4+AuthLen]
			if !p.VerifyAH(&e.AuthData, e.Unicast) {
				return DropAuthFailure
			}
			if p.AH.SPI != ipv4Uint(p.IP.Src) {
				return DropAuthFailure
			}
			if p.AH.Seq <= e.LastSeq {
				return DropAuthFailure
			}
			e.LastSeq = p.AH.Seq
		}
		if uint16(msg[5]) != e.Interval {
			return DropInterval
		}
	}
	if msg[0]&0x0f != TypeAdvert {
		return DropType
	}
	if int(msg[3]) != len(e.Addrs) {
		return DropAddrList
	}
	return Accept
}

func (e *Expect) checkAddrs(p *Packet) Reason {
	if e.CheckAddrs {
		for _, want := range e.Addrs {
			found := false
			for _, got := range p.Advert.Addrs {
				if got == want {
					found = true
					break
				}
			}
			if !found {
				return DropAddrList
			}
		}
	}
	if len(e.Peers) > 0 {
		for _, peer := range e.Peers {
			if peer == p.Src {
				return Accept
			}
		}
		return DropNotPeer
	}
	return Accept
}

func ipv4Uint(a netip.Addr) uint32 {
	s := a.As4()
	return uint32(s[0])<<24 | uint32(s[1])<<16 | uint32(s[2])<<8 | uint32(s[3])
}
