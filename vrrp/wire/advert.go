// Package wire encodes and decodes VRRP advertisements: VRRPv2 (RFC 3768)
// and VRRPv3 (RFC 5798) over IPv4 and IPv6, the IPv4 header keepalived
// builds itself (IP_HDRINCL), keepalived's IPSEC-AH authentication, and
// keepalived's receive checks (vrrp.c vrrp_in_chk) with a named reason
// for every dropped packet.
//
// Decoding fills a caller-provided value and reuses its address slice, so
// a receive loop does not allocate.
package wire

import (
	"errors"
	"fmt"
	"net/netip"
	"time"
)

// Protocol is the IP protocol number of VRRP (RFC 5798 §5.1.1.4).
const Protocol = 112

// ProtocolAH is the IP protocol number of the IPSEC Authentication Header.
const ProtocolAH = 51

// TypeAdvert is the only VRRP message type (RFC 5798 §5.2.2).
const TypeAdvert = 1

// TTL is the IPv4 TTL / IPv6 hop limit every advertisement carries and a
// receiver requires (RFC 5798 §5.1.1.3, §5.1.2.3).
const TTL = 255

// HeaderLen is the fixed VRRP header before the address list.
const HeaderLen = 8

// AuthLen is the VRRPv2 authentication data after the address list
// (RFC 3768 §5.3.11). keepalived leaves it out of VRRPv2 over IPv6.
const AuthLen = 8

// AuthType is the VRRPv2 Auth Type field (RFC 3768 §5.3.6; type 2 is the
// IP Authentication Header, which keepalived implements as HMAC-MD5-96).
type AuthType uint8

// The auth types keepalived accepts.
const (
	AuthNone   AuthType = 0
	AuthSimple AuthType = 1 // "PASS" in keepalived.conf
	AuthAH     AuthType = 2
)

func (t AuthType) String() string {
	switch t {
	case AuthNone:
		return "none"
	case AuthSimple:
		return "PASS"
	case AuthAH:
		return "AH"
	}
	return fmt.Sprintf("auth-type(%d)", uint8(t))
}

// Advert is one VRRP advertisement, the VRRP message without its IP
// header.
type Advert struct {
	Version  uint8 // 2 or 3
	Type     uint8 // TypeAdvert
	VRID     uint8
	Priority uint8
	// AuthType is VRRPv2 only; in VRRPv3 the byte is reserved.
	AuthType AuthType
	// Interval is in the version's wire unit: whole seconds for VRRPv2
	// (8 bits), centiseconds for VRRPv3 (12 bits). Use AdvertInterval
	// and SetInterval to convert.
	Interval uint16
	Checksum uint16
	Addrs    []netip.Addr
	// AuthData is the VRRPv2 authentication data: the simple password,
	// zero padded. It is carried (as zeros) for every v2 IPv4 advert.
	AuthData [AuthLen]byte
	// HasAuthData reports whether the message carries the 8 auth bytes
	// (VRRPv2 over IPv4).
	HasAuthData bool
}

// AdvertInterval converts Interval to a duration.
func (a *Advert) AdvertInterval() time.Duration {
	if a.Version == 3 {
		return time.Duration(a.Interval) * 10 * time.Millisecond
	}
	return time.Duration(a.Interval) * time.Second
}

// SetInterval stores d in the version's wire unit, truncating (keepalived
// rounds v2 intervals when it reads its configuration, not here).
func (a *Advert) SetInterval(d time.Duration) {
	if a.Version == 3 {
		a.Interval = uint16(d/(10*time.Millisecond)) & 0x0fff
		return
	}
	a.Interval = uint16(uint8(d / time.Second))
}

// Len is the encoded length of the message.
func (a *Advert) Len() int {
	n := HeaderLen
	for _, ip := range a.Addrs {
		if ip.Is4() {
			n += 4
		} else {
			n += 16
		}
	}
	if a.HasAuthData {
		n += AuthLen
	}
	return n
}

// Errors returned by the codec.
var (
	ErrShort   = errors.New("vrrp message too short")
	ErrVersion = errors.New("unsupported vrrp version")
	ErrFamily  = errors.New("address family mismatch")
)

// AppendAdvert appends the message with its checksum: for VRRPv2 over the
// VRRP message alone (RFC 3768 §5.3.8), for VRRPv3 over the pseudo-header
// of src and dst followed by the message (RFC 5798 §5.2.8). All addresses
// must share src's family.
func AppendAdvert(b []byte, a *Advert, src, dst netip.Addr) ([]byte, error) {
	if a.Version != 2 && a.Version != 3 {
		return b, fmt.Errorf("%w: %d", ErrVersion, a.Version)
	}
	if len(a.Addrs) > 255 {
		return b, fmt.Errorf("%d addresses do not fit the count field", len(a.Addrs))
	}
	start := len(b)
	typ := a.Type
	if typ == 0 {
		typ = TypeAdvert
	}
	b = append(b, a.Version<<4|typ&0x0f, a.VRID, a.Priority, uint8(len(a.Addrs)))
	if a.Version == 3 {
		b = append(b, uint8(a.Interval>>8)&0x0f, uint8(a.Interval))
	} else {
		b = append(b, uint8(a.AuthType), uint8(a.Interval))
	}
	b = append(b, 0, 0)
	for _, ip := range a.Addrs {
		if ip.Is4() != src.Is4() {
			return b[:start], fmt.Errorf("%w: address %s with source %s", ErrFamily, ip, src)
		}
		b = append(b, ip.AsSlice()...)
	}
	if a.HasAuthData {
		b = append(b, a.AuthData[:]...)
	}
	msg := b[start:]
	var sum uint32
	if a.Version == 3 {
		sum = pseudoHeaderSum(src, dst, len(msg))
	}
	c := fold(sumBytes(sum, msg))
	msg[6], msg[7] = byte(c>>8), byte(c)
	a.Checksum = c
	return b, nil
}

// DecodeAdvert parses the VRRP message in b, whose addresses are IPv6
// when v6 is set. The length must be exactly what the address count
// announces (plus the auth data for VRRPv2 over IPv4). a.Addrs is reused.
func DecodeAdvert(b []byte, v6 bool, a *Advert) error {
	if len(b) < HeaderLen {
		return fmt.Errorf("%w: %d bytes", ErrShort, len(b))
	}
	a.Version = b[0] >> 4
	a.Type = b[0] & 0x0f
	a.VRID = b[1]
	a.Priority = b[2]
	n := int(b[3])
	switch a.Version {
	case 2:
		a.AuthType = AuthType(b[4])
		a.Interval = uint16(b[5])
	case 3:
		a.AuthType = AuthNone
		a.Interval = uint16(b[4]&0x0f)<<8 | uint16(b[5])
	default:
		return fmt.Errorf("%w: %d", ErrVersion, a.Version)
	}
	a.Checksum = uint16(b[6])<<8 | uint16(b[7])
	alen := 4
	if v6 {
		alen = 16
	}
	want := HeaderLen + n*alen
	a.HasAuthData = a.Version == 2 && !v6
	if a.HasAuthData {
		want += AuthLen
	}
	if len(b) < want {
		return fmt.Errorf("%w: %d bytes for %d addresses, want %d", ErrShort, len(b), n, want)
	}
	a.Addrs = a.Addrs[:0]
	p := b[HeaderLen:]
	for range n {
		if v6 {
			a.Addrs = append(a.Addrs, netip.AddrFrom16([16]byte(p[:16])))
		} else {
			a.Addrs = append(a.Addrs, netip.AddrFrom4([4]byte(p[:4])))
		}
		p = p[alen:]
	}
	a.AuthData = [AuthLen]byte{}
	if a.HasAuthData {
		copy(a.AuthData[:], p[:AuthLen])
	}
	return nil
}
