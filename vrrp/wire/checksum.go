package wire

import "net/netip"

// sumBytes adds b to the running one's complement sum (RFC 1071).
func sumBytes(sum uint32, b []byte) uint32 {
	for len(b) >= 2 {
		sum += uint32(b[0])<<8 | uint32(b[1])
		b = b[2:]
	}
	if len(b) == 1 {
		sum += uint32(b[0]) << 8
	}
	return sum
}

// fold finishes the sum into the checksum field value.
func fold(sum uint32) uint16 {
	for sum>>16 != 0 {
		sum = sum&0xffff + sum>>16
	}
	return ^uint16(sum)
}

// pseudoHeaderSum starts a VRRPv3 checksum with the IPv4 (RFC 768 style)
// or IPv6 (RFC 8200 §8.1) pseudo-header, as RFC 5798 §5.2.8 requires.
func pseudoHeaderSum(src, dst netip.Addr, length int) uint32 {
	var sum uint32
	s, d := src.AsSlice(), dst.AsSlice()
	sum = sumBytes(sum, s)
	sum = sumBytes(sum, d)
	if src.Is4() {
		sum += Protocol + uint32(length)
	} else {
		sum += uint32(length>>16) + uint32(length&0xffff) + Protocol
	}
	return sum
}

// Checksum is the internet checksum of b (RFC 1071).
func Checksum(b []byte) uint16 { return fold(sumBytes(0, b)) }

// VerifyChecksum reports whether the VRRP message msg carries a valid
// checksum: for version 3 over the pseudo-header of src and dst.
func VerifyChecksum(msg []byte, version uint8, src, dst netip.Addr) bool {
	var sum uint32
	if version == 3 {
		sum = pseudoHeaderSum(src, dst, len(msg))
	}
	return fold(sumBytes(sum, msg)) == 0
}
