package proxyproto

import (
	"encoding/binary"
	"hash/crc32"
	"net/netip"
	"strconv"
)

// AppendV1 appends the text header "send-proxy" sends for a client at src
// that connected to dst (make_proxy_line_v1 in src/connection.c): TCP4 when
// both are IPv4, TCP6 with IPv4-mapped addresses when either is IPv6, and
// "UNKNOWN" when either is missing (a UNIX socket client).
func AppendV1(b []byte, src, dst netip.AddrPort) []byte {
	if !src.IsValid() || !dst.IsValid() {
		return append(b, "PROXY UNKNOWN\r\n"...)
	}
	sa, da := src.Addr(), dst.Addr()
	if sa.Is4() && da.Is4() {
		b = append(b, "PROXY TCP4 "...)
	} else {
		b = append(b, "PROXY TCP6 "...)
		sa, da = as16(sa), as16(da)
	}
	b = sa.AppendTo(b)
	b = append(b, ' ')
	b = da.AppendTo(b)
	b = append(b, ' ')
	b = strconv.AppendUint(b, uint64(src.Port()), 10)
	b = append(b, ' ')
	b = strconv.AppendUint(b, uint64(dst.Port()), 10)
	return append(b, '\r', '\n')
}

// as16 is v4tov6: an IPv4 address as IPv4-mapped IPv6.
func as16(a netip.Addr) netip.Addr {
	if a.Is4() {
		return netip.AddrFrom16(a.As16())
	}
	return a
}

// V2Options are the TLVs "send-proxy-v2" and "proxy-v2-options" add
// (configuration.txt section 5.2, "proxy-v2-options").
type V2Options struct {
	// CRC32C adds a checksum TLV ("crc32c").
	CRC32C bool
	// ALPN is the client connection's negotiated protocol, if any.
	ALPN []byte
	// Authority is sent when set ("authority": the client's SNI or the
	// authority received in its own PROXY header).
	Authority []byte
	// UniqueID is sent when non-nil ("unique-id"), even empty.
	UniqueID []byte
	// Local sends the LOCAL command (health checks) whatever the
	// addresses.
	Local bool
}

// AppendV2 appends the binary header (make_proxy_line_v2): PROXY with the
// TCP/IPv4 or TCP/IPv6 block, or LOCAL with no address when either
// address is missing.
func AppendV2(b []byte, src, dst netip.AddrPort, o V2Options) []byte {
	start := len(b)
	b = append(b, Signature...)
	if o.Local || !src.IsValid() || !dst.IsValid() {
		b = append(b, 0x20, 0x00, 0, 0) // LOCAL, AF_UNSPEC
	} else if sa, da := src.Addr(), dst.Addr(); sa.Is4() && da.Is4() {
		b = append(b, 0x21, 0x11, 0, 0)
		s4, d4 := sa.As4(), da.As4()
		b = append(b, s4[:]...)
		b = append(b, d4[:]...)
		b = binary.BigEndian.AppendUint16(b, src.Port())
		b = binary.BigEndian.AppendUint16(b, dst.Port())
	} else {
		b = append(b, 0x21, 0x21, 0, 0)
		s16, d16 := sa.As16(), da.As16()
		b = append(b, s16[:]...)
		b = append(b, d16[:]...)
		b = binary.BigEndian.AppendUint16(b, src.Port())
		b = binary.BigEndian.AppendUint16(b, dst.Port())
	}
	crcAt := -1
	if o.CRC32C {
		b = append(b, typeCRC32C, 0, 4)
		crcAt = len(b)
		b = append(b, 0, 0, 0, 0)
	}
	if o.ALPN != nil {
		b = appendTLV(b, typeALPN, o.ALPN)
	}
	if o.Authority != nil {
		b = appendTLV(b, typeAuthority, o.Authority)
	}
	if o.UniqueID != nil {
		b = appendTLV(b, typeUniqueID, o.UniqueID)
	}
	binary.BigEndian.PutUint16(b[start+14:], uint16(len(b)-start-v2HeaderLen))
	if crcAt >= 0 {
		binary.BigEndian.PutUint32(b[crcAt:], crc32.Checksum(b[start:], crc32.MakeTable(crc32.Castagnoli)))
	}
	return b
}

func appendTLV(b []byte, typ byte, v []byte) []byte {
	b = append(b, typ, byte(len(v)>>8), byte(len(v)))
	return append(b, v...)
}
