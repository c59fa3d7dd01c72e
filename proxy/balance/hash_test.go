package balance

import (
	stdcrc "hash/crc32"
	"testing"
)

// The vectors were printed by HAProxy 2.6.12's own src/hash.c and
// __full_hash (include/haproxy/intops.h) compiled with gcc.
func TestHashFuncs(t *testing.T) {
	keys := []string{"", "a", "abc", "/index.html", "hello world", "0123456789abcdef0123", "\xff\x80\x01", "www.example.com"}
	want := [][4]uint32{
		{0x00000000, 0x00001505, 0xf99a0360, 0x00000000},
		{0x00000061, 0x0002b606, 0x714bf225, 0xe8b7be43},
		{0x3025f862, 0x0b885c8b, 0x940028e8, 0x352441c2},
		{0x33242976, 0xe114b9cf, 0x3101077e, 0xea224b42},
		{0x19ae84c4, 0x3551c8c1, 0x6f46a0aa, 0x0d4a1185},
		{0x5c1c7d4a, 0x46df174d, 0x318e09ba, 0x1dc342c2},
		{0x7e119100, 0x0b8b0025, 0x346e88c7, 0x0d5d4522},
		{0xa204b186, 0xa9788331, 0x248109f7, 0x2ed642bb},
	}
	for i, k := range keys {
		for f := SDBM; f <= CRC32; f++ {
			if got := f.Sum([]byte(k)); got != want[i][f] {
				t.Errorf("%v(%q) = %#08x, want %#08x", f, k, got, want[i][f])
			}
		}
		if got, std := crc32([]byte(k)), stdcrc.ChecksumIEEE([]byte(k)); got != std {
			t.Errorf("crc32(%q) = %#08x, hash/crc32 says %#08x", k, got, std)
		}
	}
}

func TestFullHash(t *testing.T) {
	for _, v := range [][2]uint32{
		{0x00000000, 0xab4ed927},
		{0x00000001, 0x348681b6},
		{0x00000002, 0xe267b84c},
		{0x00001000, 0x49c2008b},
		{0x00010003, 0x5090e362},
		{0x7f000001, 0x8a1b584b},
		{0xffffffff, 0x7e64c182},
	} {
		if got := fullHash(v[0]); got != v[1] {
			t.Errorf("fullHash(%#x) = %#08x, want %#08x", v[0], got, v[1])
		}
	}
}
