package acl

import (
	"encoding/binary"
	"net/netip"
	"sort"
)

// ipTable matches addresses against networks the way 2.6's pat_match_ip
// does: contiguous IPv4 and IPv6 networks in longest-prefix trees, then
// IPv4 networks with non-contiguous masks in a list, first in order. An
// IPv4 sample also tries the IPv6 networks as ::ffff:a.b.c.d; an IPv6
// sample that is IPv4-mapped (::ffff:x, ::x) or 6to4 (2002:x::) also tries
// the IPv4 networks.
type ipTable struct {
	v4     map[uint64]int32 // (prefix length << 32 | masked address) -> index
	v4lens []int            // prefix lengths present, longest first
	v6     map[v6key]int32
	v6lens []int
	list   []ipListEntry
}

type v6key struct {
	bits int
	addr [16]byte
}

type ipListEntry struct {
	addr, mask uint32
	idx        int32
}

func newIPTable() *ipTable {
	return &ipTable{v4: map[uint64]int32{}, v6: map[v6key]int32{}}
}

func mask4(bits int) uint32 {
	if bits == 0 {
		return 0
	}
	return ^uint32(0) << (32 - bits)
}

func masked6(a [16]byte, bits int) [16]byte {
	for i := 0; i < 16; i++ {
		switch {
		case bits >= 8:
			bits -= 8
		case bits > 0:
			a[i] &= byte(0xff << (8 - bits))
			bits = 0
		default:
			a[i] = 0
		}
	}
	return a
}

// add4 adds an IPv4 network given as address and mask.
func (t *ipTable) add4(addr, mask uint32, idx int32) {
	bits := -1
	for b := 0; b <= 32; b++ {
		if mask4(b) == mask {
			bits = b
			break
		}
	}
	if bits < 0 {
		t.list = append(t.list, ipListEntry{addr: addr & mask, mask: mask, idx: idx})
		return
	}
	k := uint64(bits)<<32 | uint64(addr&mask)
	if _, ok := t.v4[k]; !ok {
		t.v4[k] = idx
		t.v4lens = addLen(t.v4lens, bits)
	}
}

// add6 adds an IPv6 network.
func (t *ipTable) add6(addr [16]byte, bits int, idx int32) {
	k := v6key{bits: bits, addr: masked6(addr, bits)}
	if _, ok := t.v6[k]; !ok {
		t.v6[k] = idx
		t.v6lens = addLen(t.v6lens, bits)
	}
}

func addLen(l []int, bits int) []int {
	for _, b := range l {
		if b == bits {
			return l
		}
	}
	l = append(l, bits)
	sort.Sort(sort.Reverse(sort.IntSlice(l)))
	return l
}

func (t *ipTable) lookup4(a uint32) (int32, bool) {
	for _, bits := range t.v4lens {
		if idx, ok := t.v4[uint64(bits)<<32|uint64(a&mask4(bits))]; ok {
			return idx, true
		}
	}
	return 0, false
}

func (t *ipTable) lookup6(a [16]byte) (int32, bool) {
	for _, bits := range t.v6lens {
		if idx, ok := t.v6[v6key{bits: bits, addr: masked6(a, bits)}]; ok {
			return idx, true
		}
	}
	return 0, false
}

// match returns the index of the network that matches a.
func (t *ipTable) match(a netip.Addr) (int32, bool) {
	var v4 uint32
	has4 := false
	if a.Is4() {
		b := a.As4()
		v4 = binary.BigEndian.Uint32(b[:])
		has4 = true
		if idx, ok := t.lookup4(v4); ok {
			return idx, true
		}
		if len(t.v6lens) > 0 {
			var m [16]byte
			m[10], m[11] = 0xff, 0xff
			copy(m[12:], b[:])
			if idx, ok := t.lookup6(m); ok {
				return idx, true
			}
		}
	} else if a.Is6() {
		b := a.As16()
		if idx, ok := t.lookup6(b); ok {
			return idx, true
		}
		hi := binary.BigEndian.Uint64(b[0:8])
		mid := binary.BigEndian.Uint32(b[8:12])
		switch {
		case hi == 0 && (mid == 0 || mid == 0xffff):
			v4, has4 = binary.BigEndian.Uint32(b[12:16]), true
		case binary.BigEndian.Uint16(b[0:2]) == 0x2002:
			v4, has4 = binary.BigEndian.Uint32(b[2:6]), true
		}
		if has4 {
			if idx, ok := t.lookup4(v4); ok {
				return idx, true
			}
		}
	}
	if !has4 {
		return 0, false
	}
	for _, e := range t.list {
		if (v4^e.addr)&e.mask == 0 {
			return e.idx, true
		}
	}
	return 0, false
}
