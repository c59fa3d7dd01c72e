package sample

import (
	"hash/crc32"
)

// The hash functions of src/hash.c, bit for bit.

func sdbmAdd(h uint32, b []byte) uint32 {
	for _, c := range b {
		h = uint32(c) + h<<6 + h<<16 - h
	}
	return h
}

func hashDJB2(b []byte) uint32 {
	h := uint32(5381)
	for _, c := range b {
		h = h<<5 + h + uint32(c)
	}
	return h
}

// hashWT6 is Willy Tarreau's 6-bit rotating hash.
func hashWT6(b []byte) uint32 {
	h0, h1 := uint32(0xa53c965a), uint32(0x5ca6953a)
	step0, step1 := uint32(6), uint32(18)
	for _, c := range b {
		t := uint32(c)
		h0 = ^(h0 ^ t)
		h1 = ^(h1 + t)
		t = h1<<step0 | h1>>(32-step0)
		h1 = h0<<step1 | h0>>(32-step1)
		h0 = t
		t = (h0>>16 ^ h1) & 0xffff
		step0 = t & 0x1f
		step1 = t >> 11
	}
	return h0 ^ h1
}

func hashCRC32(b []byte) uint32 { return crc32.ChecksumIEEE(b) }

func hashCRC32C(b []byte) uint32 {
	return crc32.Checksum(b, crc32.MakeTable(crc32.Castagnoli))
}

// fullHash is Bob Jenkins' full avalanche, then a multiplication by a
// large prime (full_hash in include/haproxy/hash.h).
func fullHash(a uint32) uint32 {
	a = (a + 0x7ed55d16) + (a << 12)
	a = (a ^ 0xc761c23c) ^ (a >> 19)
	a = (a + 0x165667b1) + (a << 5)
	a = (a + 0xd3a2646c) ^ (a << 9)
	a = (a + 0xfd7046c5) + (a << 3)
	a = (a ^ 0xb55a4f09) ^ (a >> 16)
	return a * 3221225473
}
