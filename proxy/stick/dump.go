package stick

import (
	"bytes"
	"encoding/binary"
	"encoding/hex"
	"net/netip"
	"sort"
	"strconv"

	"hakeep/proxy/sample"
)

// This file is the runtime API's side of a table ("show table", "clear
// table", "set table", management.txt section 9.3): its entries in key
// order, keys as text, and removal and creation by key.

// TypeName is the key type as "show table" prints it.
func (t *Table) TypeName() string {
	switch t.cfg.Type {
	case KeyIP:
		return "ip"
	case KeyIPv6:
		return "ipv6"
	case KeyInteger:
		return "integer"
	case KeyBinary:
		return "binary"
	}
	return "string"
}

// Size is the table's "size".
func (t *Table) Size() int { return t.cfg.Size }

// Stored are the data types the table stores, in 2.6's order.
func (t *Table) Stored() []sample.StickData {
	var out []sample.StickData
	for d := sample.StickData(0); d < sample.NumStickData; d++ {
		if t.has[d] {
			out = append(out, d)
		}
	}
	return out
}

// Period is a rate's period in milliseconds; Count an array's size.
func (t *Table) Period(d sample.StickData) uint32 { return t.period[d] }
func (t *Table) Count(d sample.StickData) int     { return t.count[d] }

// IsRate reports the data types that are frequency counters.
func IsRate(d sample.StickData) bool { return isRate(d) }

// Keyed is an entry with its key.
type Keyed struct {
	Key   []byte
	Entry *Entry
}

// Entries lists the live entries in key order (the order 2.6's tree
// walk gives); expired ones, which 2.6's expiry task would have
// removed, are left out.
func (t *Table) Entries(nowMs int64) []Keyed {
	var out []Keyed
	for i := range t.shard {
		sh := &t.shard[i]
		sh.mu.RLock()
		for k, e := range sh.m {
			if !e.expired(t, uint32(nowMs)) {
				out = append(out, Keyed{Key: []byte(k), Entry: e})
			}
		}
		sh.mu.RUnlock()
	}
	sort.Slice(out, func(i, j int) bool { return bytes.Compare(out[i].Key, out[j].Key) < 0 })
	return out
}

// KeyText prints a key as "show table" does.
func (t *Table) KeyText(k []byte) string {
	switch t.cfg.Type {
	case KeyIP:
		if len(k) == 4 {
			return netip.AddrFrom4([4]byte(k)).String()
		}
	case KeyIPv6:
		if len(k) == 16 {
			return netip.AddrFrom16([16]byte(k)).String()
		}
	case KeyInteger:
		if len(k) == 4 {
			return strconv.FormatUint(uint64(binary.BigEndian.Uint32(k)), 10)
		}
	case KeyBinary:
		return hex.EncodeToString(k)
	}
	if i := bytes.IndexByte(k, 0); i >= 0 {
		k = k[:i]
	}
	return string(k)
}

// ParseKey reads a key typed on the command line.
func (t *Table) ParseKey(s string) ([]byte, bool) {
	switch t.cfg.Type {
	case KeyIP:
		a, err := netip.ParseAddr(s)
		if err != nil || !a.Unmap().Is4() {
			return nil, false
		}
		b := a.Unmap().As4()
		return b[:], true
	case KeyIPv6:
		a, err := netip.ParseAddr(s)
		if err != nil {
			return nil, false
		}
		b := a.As16()
		return b[:], true
	case KeyInteger:
		v, err := strconv.ParseUint(s, 10, 32)
		if err != nil {
			return nil, false
		}
		return binary.BigEndian.AppendUint32(nil, uint32(v)), true
	case KeyBinary:
		b, err := hex.DecodeString(s)
		return b, err == nil
	}
	if len(s) > t.cfg.KeyLen {
		s = s[:t.cfg.KeyLen]
	}
	return []byte(s), true
}

// Remove deletes an entry no session tracks; false when it is missing
// or in use.
func (t *Table) Remove(k []byte) bool {
	sh := t.shardOf(k)
	sh.mu.Lock()
	defer sh.mu.Unlock()
	e, ok := sh.m[string(k)]
	if !ok || e.trackers.Load() != 0 {
		return false
	}
	delete(sh.m, string(k))
	t.n.Add(-1)
	return true
}

// Ensure returns the entry of a key, creating it ("set table").
func (t *Table) Ensure(k []byte, nowMs int64) *Entry {
	return t.get(k, uint32(nowMs))
}
