package genl

import (
	"encoding/binary"
	"fmt"
	"net/netip"
)

// Attribute header flags (include/uapi/linux/netlink.h, struct nlattr).
const (
	AttrNested    = 0x8000
	AttrNetByteOr = 0x4000
	attrTypeMask  = 0x3fff
	attrHeaderLen = 4
)

// Encoder appends netlink attributes (struct nlattr, each padded to 4
// bytes) to a buffer.
type Encoder struct {
	b []byte
}

// Bytes returns the encoded attributes.
func (e *Encoder) Bytes() []byte { return e.b }

// Put adds an attribute holding v as is.
func (e *Encoder) Put(typ uint16, v []byte) {
	n := attrHeaderLen + len(v)
	e.b = binary.NativeEndian.AppendUint16(e.b, uint16(n))
	e.b = binary.NativeEndian.AppendUint16(e.b, typ)
	e.b = append(e.b, v...)
	for len(e.b)%4 != 0 {
		e.b = append(e.b, 0)
	}
}

// Uint8 adds a one-byte attribute.
func (e *Encoder) Uint8(typ uint16, v uint8) { e.Put(typ, []byte{v}) }

// Uint16 adds a host-order 16-bit attribute.
func (e *Encoder) Uint16(typ uint16, v uint16) {
	e.Put(typ, binary.NativeEndian.AppendUint16(nil, v))
}

// Uint32 adds a host-order 32-bit attribute.
func (e *Encoder) Uint32(typ uint16, v uint32) {
	e.Put(typ, binary.NativeEndian.AppendUint32(nil, v))
}

// Uint64 adds a host-order 64-bit attribute.
func (e *Encoder) Uint64(typ uint16, v uint64) {
	e.Put(typ, binary.NativeEndian.AppendUint64(nil, v))
}

// Be16 adds a network-order 16-bit attribute (ports).
func (e *Encoder) Be16(typ uint16, v uint16) {
	e.Put(typ, binary.BigEndian.AppendUint16(nil, v))
}

// String adds a NUL-terminated string, as NLA_NUL_STRING wants.
func (e *Encoder) String(typ uint16, s string) {
	e.Put(typ, append([]byte(s), 0))
}

// Nested adds an attribute whose payload is built by fill; the type has
// NLA_F_NESTED set, as libnl's nla_nest_start() does.
func (e *Encoder) Nested(typ uint16, fill func(*Encoder)) {
	var inner Encoder
	fill(&inner)
	e.Put(typ|AttrNested, inner.b)
}

// Attr is one decoded attribute.
type Attr struct {
	Type  uint16 // without the NLA_F_NESTED / NLA_F_NET_BYTEORDER bits
	Value []byte
}

// ParseAttrs splits b into attributes.
func ParseAttrs(b []byte) ([]Attr, error) {
	var out []Attr
	for len(b) > 0 {
		if len(b) < attrHeaderLen {
			return nil, fmt.Errorf("netlink: %d trailing attribute bytes", len(b))
		}
		n := int(binary.NativeEndian.Uint16(b))
		typ := binary.NativeEndian.Uint16(b[2:])
		if n < attrHeaderLen || n > len(b) {
			return nil, fmt.Errorf("netlink: attribute length %d out of range (%d bytes left)", n, len(b))
		}
		out = append(out, Attr{Type: typ & attrTypeMask, Value: b[attrHeaderLen:n]})
		b = b[min(len(b), align(n)):]
	}
	return out, nil
}

// AttrMap indexes attributes by type; a later duplicate wins, as in the
// kernel's nla_parse().
func AttrMap(b []byte) (map[uint16][]byte, error) {
	attrs, err := ParseAttrs(b)
	if err != nil {
		return nil, err
	}
	m := make(map[uint16][]byte, len(attrs))
	for _, a := range attrs {
		m[a.Type] = a.Value
	}
	return m, nil
}

// Uint8 reads a one-byte attribute value.
func Uint8(v []byte) (uint8, error) {
	if len(v) < 1 {
		return 0, fmt.Errorf("netlink: u8 attribute of %d bytes", len(v))
	}
	return v[0], nil
}

// Uint16 reads a host-order 16-bit attribute value.
func Uint16(v []byte) (uint16, error) {
	if len(v) < 2 {
		return 0, fmt.Errorf("netlink: u16 attribute of %d bytes", len(v))
	}
	return binary.NativeEndian.Uint16(v), nil
}

// Be16 reads a network-order 16-bit attribute value.
func Be16(v []byte) (uint16, error) {
	if len(v) < 2 {
		return 0, fmt.Errorf("netlink: be16 attribute of %d bytes", len(v))
	}
	return binary.BigEndian.Uint16(v), nil
}

// Uint32 reads a host-order 32-bit attribute value.
func Uint32(v []byte) (uint32, error) {
	if len(v) < 4 {
		return 0, fmt.Errorf("netlink: u32 attribute of %d bytes", len(v))
	}
	return binary.NativeEndian.Uint32(v), nil
}

// Uint64 reads a host-order 64-bit attribute value.
func Uint64(v []byte) (uint64, error) {
	if len(v) < 8 {
		return 0, fmt.Errorf("netlink: u64 attribute of %d bytes", len(v))
	}
	return binary.NativeEndian.Uint64(v), nil
}

// String reads a NUL-terminated (or unterminated) string value.
func String(v []byte) string {
	for i, c := range v {
		if c == 0 {
			return string(v[:i])
		}
	}
	return string(v)
}

// Addr reads an address of family af from a union nf_inet_addr value
// (16 bytes, an IPv4 address in the first four).
func Addr(af uint16, v []byte) (netip.Addr, error) {
	switch af {
	case AFInet:
		if len(v) < 4 {
			return netip.Addr{}, fmt.Errorf("netlink: IPv4 address of %d bytes", len(v))
		}
		return netip.AddrFrom4([4]byte(v[:4])), nil
	case AFInet6:
		if len(v) < 16 {
			return netip.Addr{}, fmt.Errorf("netlink: IPv6 address of %d bytes", len(v))
		}
		return netip.AddrFrom16([16]byte(v[:16])), nil
	}
	return netip.Addr{}, fmt.Errorf("netlink: address family %d", af)
}

// InetAddr encodes a as union nf_inet_addr: always 16 bytes, which is
// what libipvs sends (sizeof(svc->addr)) for IPv4 too.
func InetAddr(a netip.Addr) []byte {
	b := make([]byte, 16)
	if a.Is4() {
		v := a.As4()
		copy(b, v[:])
	} else if a.Is6() {
		v := a.As16()
		copy(b, v[:])
	}
	return b
}

// Address families (include/linux/socket.h).
const (
	AFInet  = 2
	AFInet6 = 10
)
