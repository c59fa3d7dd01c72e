package sample

import (
	"encoding/binary"
	"net/netip"
	"strconv"
)

// Cast converts s to type to as 2.6's sample_casts[][] does
// (src/sample.c): it reports false when there is no cast between the
// types or the value does not convert. Casting to Any or to the same
// type changes nothing.
func (c *Ctx) Cast(s *Sample, to Type) bool {
	from := s.Type
	if to == Any || from == Any || from == to {
		return true
	}
	switch from {
	case Bool, SInt:
		switch to {
		case Bool, SInt:
			s.Type = to
			return true
		case Str:
			return c.int2str(s)
		case Bin:
			return c.int2bin(s)
		}
		if from == Bool {
			return false
		}
		switch to {
		case Addr, IPv4:
			s.Type, s.Addr = IPv4, int2ip(s.Int)
			return true
		case IPv6:
			s.Type, s.Addr = IPv6, netip.AddrFrom16(int2ip(s.Int).As16())
			return true
		}
	case IPv4:
		switch to {
		case SInt:
			b := s.Addr.As4()
			s.setInt(SInt, int64(binary.BigEndian.Uint32(b[:])))
			return true
		case Addr:
			return true
		case IPv6:
			s.Type, s.Addr = IPv6, netip.AddrFrom16(s.Addr.As16())
			return true
		case Str:
			t := c.Trash()
			s.setStr(s.Addr.AppendTo(t), false)
			return true
		case Bin:
			return c.addr2bin(s)
		}
	case IPv6:
		switch to {
		case Addr:
			return true
		case IPv4:
			a, ok := v6tov4(s.Addr)
			if !ok {
				return false
			}
			s.Type, s.Addr = IPv4, a
			return true
		case Str:
			s.setStr(appendIPv6(c.Trash(), s.Addr), false)
			return true
		case Bin:
			return c.addr2bin(s)
		}
	case Str:
		switch to {
		case Bool, SInt:
			return str2int(s, to)
		case Addr:
			if a, ok := buf2ip(s.Str); ok {
				s.Type, s.Addr, s.Str, s.Const = IPv4, a, nil, false
				return true
			}
			if a, ok := buf2ip6(s.Str); ok {
				s.Type, s.Addr, s.Str, s.Const = IPv6, a, nil, false
				return true
			}
			return false
		case IPv4:
			a, ok := buf2ip(s.Str)
			if !ok {
				return false
			}
			s.Type, s.Addr, s.Str, s.Const = IPv4, a, nil, false
			return true
		case IPv6:
			a, ok := buf2ip6(s.Str)
			if !ok {
				return false
			}
			s.Type, s.Addr, s.Str, s.Const = IPv6, a, nil, false
			return true
		case Bin:
			s.Type = Bin
			return true
		case Meth:
			s.Type = Meth
			return true
		}
	case Bin:
		switch to {
		case Str:
			// c_bin2str: the string ends at the first NUL (recorded
			// against 2.6.12: bin(41420043),length is 2)
			for i, b := range s.Str {
				if b == 0 {
					s.Str = s.Str[:i]
					break
				}
			}
			s.Type = Str
			return true
		case Meth:
			s.Type = Meth
			return true
		}
	case Meth:
		switch to {
		case Str, Bin:
			s.Type = to
			return true
		}
	}
	return false
}

func (c *Ctx) int2str(s *Sample) bool {
	s.setStr(strconv.AppendInt(c.Trash(), s.Int, 10), false)
	return true
}

// int2bin is c_int2bin: 8 bytes in network order.
func (c *Ctx) int2bin(s *Sample) bool {
	s.Str = binary.BigEndian.AppendUint64(c.Trash(), uint64(s.Int))
	s.Type, s.Const = Bin, false
	return true
}

func (c *Ctx) addr2bin(s *Sample) bool {
	t := c.Trash()
	if s.Type == IPv4 {
		b := s.Addr.As4()
		t = append(t, b[:]...)
	} else {
		b := s.Addr.As16()
		t = append(t, b[:]...)
	}
	s.Type, s.Str, s.Const = Bin, t, false
	return true
}

// int2ip is c_int2ip: the integer as an address in network order.
func int2ip(v int64) netip.Addr {
	var b [4]byte
	binary.BigEndian.PutUint32(b[:], uint32(v))
	return netip.AddrFrom4(b)
}

// str2int is c_str2int: read_int64 on the leading characters; an empty
// string does not convert.
func str2int(s *Sample, to Type) bool {
	if len(s.Str) == 0 {
		return false
	}
	v, _ := ReadInt64Sat(s.Str)
	s.setInt(to, v)
	return true
}

// ReadInt64Sat is 2.6's read_int64: an optional sign, then digits up to
// the first other character, saturating at the int64 limits. It returns
// the value and how many bytes were read.
func ReadInt64Sat(b []byte) (int64, int) {
	i := 0
	neg := false
	if i < len(b) && (b[i] == '-' || b[i] == '+') {
		neg = b[i] == '-'
		i++
	}
	var u uint64
	sat := false
	for i < len(b) && b[i] >= '0' && b[i] <= '9' {
		d := uint64(b[i] - '0')
		if !sat {
			if u > (1<<64-1-d)/10 {
				sat = true
				u = 1<<64 - 1
			} else {
				u = u*10 + d
			}
		}
		i++
	}
	if neg {
		if u > 1<<63 {
			return -1 << 63, i
		}
		return int64(-u), i
	}
	if u > 1<<63-1 {
		return 1<<63 - 1, i
	}
	return int64(u), i
}

// buf2ip is HAProxy's buf2ip(): a dotted quad at the start of b, each
// octet at most 255; anything after the fourth octet is ignored.
func buf2ip(b []byte) (netip.Addr, bool) {
	var tmp [4]byte
	octets, tp := 0, 0
	sawDigit := false
	for _, ch := range b {
		d := ch - '0'
		if d > 9 && ch != '.' {
			break
		}
		if d <= 9 {
			n := int(tmp[tp])*10 + int(d)
			if n > 255 {
				return netip.Addr{}, false
			}
			tmp[tp] = byte(n)
			if !sawDigit {
				octets++
				if octets > 4 {
					return netip.Addr{}, false
				}
				sawDigit = true
			}
			continue
		}
		if !sawDigit || octets == 4 {
			return netip.Addr{}, false
		}
		tp++
		tmp[tp] = 0
		sawDigit = false
	}
	if octets < 4 {
		return netip.Addr{}, false
	}
	return netip.AddrFrom4(tmp), true
}

// buf2ip6 is inet_pton(AF_INET6) on the whole buffer.
func buf2ip6(b []byte) (netip.Addr, bool) {
	if len(b) == 0 || len(b) > 63 {
		return netip.Addr{}, false
	}
	hasColon := false
	for _, ch := range b {
		if ch == ':' {
			hasColon = true
		}
		if ch == '%' {
			return netip.Addr{}, false
		}
	}
	if !hasColon {
		return netip.Addr{}, false
	}
	var buf [64]byte
	n := copy(buf[:], b)
	a, err := netip.ParseAddr(string(buf[:n]))
	if err != nil {
		return netip.Addr{}, false
	}
	return netip.AddrFrom16(a.As16()), true
}

// v6tov4 is HAProxy's v6tov4(): IPv4-mapped (::ffff:a.b.c.d) and 6to4
// (2002:AABB:CCDD::) addresses convert; IPv4-compatible ones (::a.b.c.d)
// do not (recorded: str(::1),ipmask(32,128) stays ::1).
func v6tov4(a netip.Addr) (netip.Addr, bool) {
	if a.Is4() {
		return a, true
	}
	b := a.As16()
	zero10 := true
	for _, x := range b[:10] {
		if x != 0 {
			zero10 = false
		}
	}
	switch {
	case zero10 && b[10] == 0xff && b[11] == 0xff:
		return netip.AddrFrom4([4]byte{b[12], b[13], b[14], b[15]}), true
	case b[0] == 0x20 && b[1] == 0x02:
		return netip.AddrFrom4([4]byte{b[2], b[3], b[4], b[5]}), true
	}
	return netip.Addr{}, false
}

// appendIPv6 formats an address as glibc's inet_ntop(AF_INET6) does:
// like RFC 5952, except that an address whose first 96 bits are zero
// (or ::ffff:0:0/96) ends in dotted IPv4.
func appendIPv6(dst []byte, a netip.Addr) []byte {
	b := a.As16()
	zero10 := true
	for _, x := range b[:10] {
		if x != 0 {
			zero10 = false
		}
	}
	compat := zero10 && b[10] == 0 && b[11] == 0 && (b[12] != 0 || b[13] != 0)
	if compat {
		dst = append(dst, "::"...)
		return netip.AddrFrom4([4]byte{b[12], b[13], b[14], b[15]}).AppendTo(dst)
	}
	if a.Is4() {
		a = netip.AddrFrom16(b)
	}
	return a.AppendTo(dst)
}
