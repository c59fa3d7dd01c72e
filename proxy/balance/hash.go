package balance

// HashFunc is a "hash-type" hash function (configuration.txt section 4.2,
// "hash-type"; src/hash.c). All return 32-bit values and must match
// HAProxy's bit for bit: they decide which server a key lands on.
type HashFunc uint8

const (
	SDBM HashFunc = iota // the default
	DJB2
	WT6
	CRC32
)

func (f HashFunc) String() string {
	switch f {
	case SDBM:
		return "sdbm"
	case DJB2:
		return "djb2"
	case WT6:
		return "wt6"
	case CRC32:
		return "crc32"
	}
	return "unknown"
}

// Sum hashes key with f.
func (f HashFunc) Sum(key []byte) uint32 {
	switch f {
	case DJB2:
		return djb2(key)
	case WT6:
		return wt6(key)
	case CRC32:
		return crc32(key)
	}
	return sdbm(key)
}

func sdbm(key []byte) uint32 {
	var h uint32
	for _, c := range key {
		h = uint32(c) + h<<6 + h<<16 - h
	}
	return h
}

func djb2(key []byte) uint32 {
	h := uint32(5381)
	for _, c := range key {
		h = h<<5 + h + uint32(c)
	}
	return h
}

// wt6 is Willy Tarreau's 6-bit rotating hash.
func wt6(key []byte) uint32 {
	h0, h1 := uint32(0xa53c965a), uint32(0x5ca6953a)
	step0, step1 := uint32(6), uint32(18)
	for _, c := range key {
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

// crc32 is the plain IEEE CRC-32 (reflected, 0xedb88320), the same as
// hash/crc32's ChecksumIEEE; computed bitwise here as src/hash.c does so
// that short keys cost no table lookups.
func crc32(key []byte) uint32 {
	h := ^uint32(0)
	for _, c := range key {
		h ^= uint32(c)
		for range 8 {
			h = h>>1 ^ (0xedb88320 & -(h & 1))
		}
	}
	return ^h
}

// fullHash is Bob Jenkins' full-avalanche integer hash followed by a
// multiplication by a prime near 3/4 of 2^32, the "avalanche" modifier and
// the placement of consistent-hash nodes (include/haproxy/intops.h,
// __full_hash).
func fullHash(a uint32) uint32 {
	a = (a + 0x7ed55d16) + a<<12
	a = (a ^ 0xc761c23c) ^ a>>19
	a = (a + 0x165667b1) + a<<5
	a = (a + 0xd3a2646c) ^ a<<9
	a = (a + 0xfd7046c5) + a<<3
	a = (a ^ 0xb55a4f09) ^ a>>16
	return a * 3221225473
}
