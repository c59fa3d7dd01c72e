package wire

import (
	"crypto/hmac"
	"crypto/md5"
	"fmt"
)

// AHLen is the IPSEC Authentication Header keepalived inserts between the
// IPv4 header and the VRRP message: next header, payload length, reserved,
// SPI, sequence number and a 96-bit ICV (RFC 2402 §2).
const AHLen = 24

// ahPayloadLen is the AH length in 32-bit words minus 2 (RFC 2402 §2.2).
const ahPayloadLen = AHLen/4 - 2

// icvLen is HMAC-MD5 truncated to 96 bits (RFC 2403 §3).
const icvLen = 12

// AH is keepalived's authentication header. keepalived sets the SPI to the
// sender's IPv4 address and counts the sequence number up from 1 with
// each advert it sends (vrrp.c vrrp_build_ipsecah, vrrp_update_pkt).
type AH struct {
	NextHeader uint8
	PayloadLen uint8
	SPI        uint32
	Seq        uint32
	ICV        [icvLen]byte
}

func appendAH(b []byte, ah *AH) []byte {
	return append(b, ah.NextHeader, ah.PayloadLen, 0, 0,
		byte(ah.SPI>>24), byte(ah.SPI>>16), byte(ah.SPI>>8), byte(ah.SPI),
		byte(ah.Seq>>24), byte(ah.Seq>>16), byte(ah.Seq>>8), byte(ah.Seq),
		0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
}

func decodeAH(b []byte, ah *AH) error {
	if len(b) < AHLen {
		return fmt.Errorf("%w: %d bytes of authentication header", ErrShort, len(b))
	}
	ah.NextHeader, ah.PayloadLen = b[0], b[1]
	ah.SPI = uint32(b[4])<<24 | uint32(b[5])<<16 | uint32(b[6])<<8 | uint32(b[7])
	ah.Seq = uint32(b[8])<<24 | uint32(b[9])<<16 | uint32(b[10])<<8 | uint32(b[11])
	copy(ah.ICV[:], b[12:AHLen])
	return nil
}

// ahICV computes keepalived's ICV over the datagram d (IPv4 header, AH,
// VRRP message): HMAC-MD5 keyed with the 8-byte auth_pass, over a copy in
// which TOS, fragment offset, header checksum and the ICV itself are zero
// and, for unicast peers only, the TTL too (vrrp.c vrrp_update_pkt and
// vrrp_in_chk_ipsecah; multicast keeps TTL 255 in the hash). RFC 2402
// §3.3.3.1.1.1 calls all four "mutable"; keepalived follows it only in
// part, and we follow keepalived.
func ahICV(d []byte, key *[AuthLen]byte, zeroTTL bool, out *[icvLen]byte) {
	var scratch [IPv4HeaderLen + AHLen]byte
	copy(scratch[:], d)
	scratch[1] = 0
	scratch[6], scratch[7] = 0, 0
	scratch[10], scratch[11] = 0, 0
	if zeroTTL {
		scratch[8] = 0
	}
	clear(scratch[IPv4HeaderLen+12:])
	m := hmac.New(md5.New, key[:])
	m.Write(scratch[:])
	m.Write(d[IPv4HeaderLen+AHLen:])
	var sum [md5.Size]byte
	copy(out[:], m.Sum(sum[:0]))
}
