package proxyproto

import (
	"bytes"
	"encoding/binary"
	"hash/crc32"
	"net/netip"
)

// Parse decodes the PROXY header at the start of b, which holds every byte
// the client has sent so far, and returns it with its length. It follows
// conn_recv_proxy (src/connection.c) step by step, quirks included: a
// header cut short is an error, never a reason to wait; a TCP4 address is
// read with inetaddr_host_lim_ret's lenient digit lanes; ports are read
// with read_uint, which accepts an empty field and keeps the low 16 bits.
func Parse(b []byte) (Header, int, error) {
	if len(b) == 0 {
		return Header{}, 0, ErrEmpty
	}
	if len(b) < 6 {
		return Header{}, 0, ErrTruncated
	}
	if string(b[:6]) != "PROXY " {
		return parseV2(b)
	}
	if len(b) < 9 { // shortest possible line
		return Header{}, 0, ErrTruncated
	}
	line := 6
	switch {
	case hasPrefix(b[line:], "TCP4 "):
		return parseTCP4(b, line+5)
	case hasPrefix(b[line:], "TCP6 "):
		return parseTCP6(b, line+5)
	case hasPrefix(b[line:], "UNKNOWN\r\n"):
		// a UNIX socket forwarded by an upstream proxy: the v1
		// specification allows anything up to CRLF after UNKNOWN, but
		// HAProxy 2.6 only takes the bare form
		return Header{Version: 1, Command: CmdLocal}, line + 9, nil
	}
	for _, p := range [...]string{"TCP4 ", "TCP6 ", "UNKNOWN\r\n"} {
		if len(b)-line < len(p) && p[:len(b)-line] == string(b[line:]) {
			return Header{}, 0, ErrTruncated
		}
	}
	return Header{}, 0, ErrBadProto
}

func hasPrefix(b []byte, p string) bool {
	return len(b) >= len(p) && string(b[:len(p)]) == p
}

// parseTCP4 reads "SRC DST SPORT DPORT\r\n" from b[i:].
func parseTCP4(b []byte, i int) (Header, int, error) {
	end := len(b)
	src, i := inetaddrHostLim(b, i)
	if i == end {
		return Header{}, 0, ErrTruncated
	}
	if b[i] != ' ' {
		return Header{}, 0, ErrBadHeader
	}
	dst, i := inetaddrHostLim(b, i+1)
	if i == end {
		return Header{}, 0, ErrTruncated
	}
	if b[i] != ' ' {
		return Header{}, 0, ErrBadHeader
	}
	sport, i := readUint(b, i+1, end)
	if i == end {
		return Header{}, 0, ErrTruncated
	}
	if b[i] != ' ' {
		return Header{}, 0, ErrBadHeader
	}
	dport, i := readUint(b, i+1, end)
	if i > end-2 {
		return Header{}, 0, ErrTruncated
	}
	if b[i] != '\r' || b[i+1] != '\n' {
		return Header{}, 0, ErrBadHeader
	}
	return Header{
		Version: 1,
		Command: CmdProxy,
		Src:     netip.AddrPortFrom(ipv4(src), uint16(sport)),
		Dst:     netip.AddrPortFrom(ipv4(dst), uint16(dport)),
	}, i + 2, nil
}

func ipv4(v uint32) netip.Addr {
	return netip.AddrFrom4([4]byte{byte(v >> 24), byte(v >> 16), byte(v >> 8), byte(v)})
}

// parseTCP6 reads the TCP6 fields the way HAProxy does: the line is cut at
// every space, the first three spaces start the next fields and later ones
// only end the port field.
func parseTCP6(b []byte, i int) (Header, int, error) {
	end := len(b)
	srcS, dstS, sportS, dportS := i, -1, -1, -1
	line := i
	cr := -1
	for {
		if line > end-2 {
			return Header{}, 0, ErrTruncated
		}
		if b[line] == '\r' {
			cr = line
			if b[line+1] != '\n' {
				return Header{}, 0, ErrBadHeader
			}
			line += 2
			break
		}
		if b[line] == ' ' {
			switch {
			case dstS < 0:
				dstS = line + 1
			case sportS < 0:
				sportS = line + 1
			case dportS < 0:
				dportS = line + 1
			}
		}
		line++
	}
	if dstS < 0 || sportS < 0 || dportS < 0 {
		return Header{}, 0, ErrBadHeader
	}
	// a field ends where HAProxy wrote its NUL: at a space or the CR
	isEnd := func(j int) bool { return j == cr || b[j] == ' ' || b[j] == 0 }
	sport, j := readUint(b, sportS, dportS-1)
	if !isEnd(j) {
		return Header{}, 0, ErrBadHeader
	}
	dport, j := readUint(b, dportS, cr)
	if !isEnd(j) {
		return Header{}, 0, ErrBadHeader
	}
	src, ok := inetPton6(cstr(b[srcS : dstS-1]))
	if !ok {
		return Header{}, 0, ErrBadHeader
	}
	dst, ok := inetPton6(cstr(field(b, dstS, cr)))
	if !ok {
		return Header{}, 0, ErrBadHeader
	}
	return Header{
		Version: 1,
		Command: CmdProxy,
		Src:     netip.AddrPortFrom(src, uint16(sport)),
		Dst:     netip.AddrPortFrom(dst, uint16(dport)),
	}, line, nil
}

// field is b[i:] up to the next space or stop.
func field(b []byte, i, stop int) []byte {
	j := i
	for j < stop && b[j] != ' ' {
		j++
	}
	return b[i:j]
}

// cstr cuts b at its first NUL, where C string functions stop.
func cstr(b []byte) []byte {
	if k := bytes.IndexByte(b, 0); k >= 0 {
		return b[:k]
	}
	return b
}

// inetPton6 is inet_pton(AF_INET6): no zone, no bare IPv4.
func inetPton6(s []byte) (netip.Addr, bool) {
	if bytes.IndexByte(s, '%') >= 0 {
		return netip.Addr{}, false
	}
	a, err := netip.ParseAddr(string(s))
	if err != nil || !a.Is6() {
		return netip.Addr{}, false
	}
	return a, true
}

// inetaddrHostLim is inetaddr_host_lim_ret (src/tools.c): up to four
// dot-separated groups, each keeping its last three digits, summed into
// byte lanes without range checks ("1.2.3" is 1.2.3.0, "999" carries into
// the next lane). It returns the address in host order and where it
// stopped.
func inetaddrHostLim(b []byte, text int) (uint32, int) {
	const asciiZero = uint32('0')<<24 | uint32('0')<<16 | uint32('0')<<8 | uint32('0')
	dig1, dig10, dig100 := asciiZero, asciiZero, asciiZero
	s := 24
	p := text
	for {
		if p < len(b) && b[p]-'0' <= 9 {
			p++
			continue
		}
		if p != text {
			d := p - 1
			dig1 |= uint32(b[d]) << s
			if d != text {
				d--
				dig10 |= uint32(b[d]) << s
				if d != text {
					d--
					dig100 |= uint32(b[d]) << s
				}
			}
		}
		if s == 0 || p == len(b) || b[p] != '.' {
			break
		}
		s -= 8
		p++
		text = p
	}
	dig100 -= asciiZero
	dig10 -= asciiZero
	dig1 -= asciiZero
	return (dig100*10+dig10)*10 + dig1, p
}

// readUint is read_uint (src/tools.c): decimal digits up to end, none
// meaning 0, wrapping on overflow.
func readUint(b []byte, i, end int) (uint32, int) {
	var v uint32
	for i < end {
		d := b[i] - '0'
		if d > 9 {
			break
		}
		v = v*10 + uint32(d)
		i++
	}
	return v, i
}

// parseV2 decodes a binary header.
func parseV2(b []byte) (Header, int, error) {
	if len(b) < v2HeaderLen {
		return Header{}, 0, ErrTruncated
	}
	if string(b[:12]) != Signature || b[12]&0xf0 != 0x20 {
		return Header{}, 0, ErrNotHeader
	}
	total := v2HeaderLen + int(binary.BigEndian.Uint16(b[14:16]))
	if len(b) < total {
		return Header{}, 0, ErrTruncated
	}
	h := Header{Version: 2}
	switch b[12] & 0x0f {
	case 0x00: // LOCAL: keep the socket's addresses, ignore the rest
		h.Command = CmdLocal
		return h, total, nil
	case 0x01:
		h.Command = CmdProxy
	default:
		return Header{}, 0, ErrBadHeader
	}
	off := 0
	switch b[13] {
	case 0x11: // TCP over IPv4
		if total-v2HeaderLen < v2AddrLenInet {
			return Header{}, 0, ErrBadHeader
		}
		a := b[v2HeaderLen:]
		h.Src = netip.AddrPortFrom(netip.AddrFrom4([4]byte(a[0:4])), binary.BigEndian.Uint16(a[8:10]))
		h.Dst = netip.AddrPortFrom(netip.AddrFrom4([4]byte(a[4:8])), binary.BigEndian.Uint16(a[10:12]))
		off = v2HeaderLen + v2AddrLenInet
	case 0x21: // TCP over IPv6
		if total-v2HeaderLen < v2AddrLenIPv6 {
			return Header{}, 0, ErrBadHeader
		}
		a := b[v2HeaderLen:]
		h.Src = netip.AddrPortFrom(netip.AddrFrom16([16]byte(a[0:16])), binary.BigEndian.Uint16(a[32:34]))
		h.Dst = netip.AddrPortFrom(netip.AddrFrom16([16]byte(a[16:32])), binary.BigEndian.Uint16(a[34:36]))
		off = v2HeaderLen + v2AddrLenIPv6
	}
	// Other families keep the socket's addresses; HAProxy then starts
	// reading TLVs at offset 0 of the header, which rejects all but
	// absurdly long headers. Kept as is: the same bytes must get the same
	// verdict.
	for off < total {
		if off+tlvHeaderLen > total {
			return Header{}, 0, ErrBadHeader
		}
		typ := b[off]
		n := int(b[off+1])<<8 | int(b[off+2])
		val := off + tlvHeaderLen
		off = val + n
		if off > total {
			return Header{}, 0, ErrBadHeader
		}
		switch typ {
		case typeCRC32C:
			if n != 4 {
				return Header{}, 0, ErrBadHeader
			}
			want := binary.BigEndian.Uint32(b[val:])
			// MakeTable returns the package's own Castagnoli table
			castagnoli := crc32.MakeTable(crc32.Castagnoli)
			crc := crc32.Update(0, castagnoli, b[:val])
			var zero [4]byte
			crc = crc32.Update(crc, castagnoli, zero[:])
			crc = crc32.Update(crc, castagnoli, b[val+4:total])
			if crc != want {
				return Header{}, 0, ErrBadHeader
			}
		case typeAuthority:
			if n > authorityMax {
				return Header{}, 0, ErrBadHeader
			}
			h.Authority = b[val:off]
		case typeUniqueID:
			if n > uniqueIDMax {
				return Header{}, 0, ErrBadHeader
			}
			h.UniqueID = b[val:off]
		}
	}
	if off != total {
		return Header{}, 0, ErrBadHeader
	}
	return h, total, nil
}
