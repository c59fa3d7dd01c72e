package stick

import (
	"encoding/binary"
	"hash/maphash"
	"sync"
	"sync/atomic"

	"hakeep/proxy/sample"
)

// KeyType is a table's key type ("type" of stick-table).
type KeyType uint8

const (
	KeyIP KeyType = iota
	KeyIPv6
	KeyInteger
	KeyString
	KeyBinary
)

// Store is one stored data type and its argument: the period of a rate
// (ms), or the array size of gpc/gpt/gpc_rate.
type Store struct {
	Data   sample.StickData
	Period uint32
	Count  int
}

// Config describes a table (stick-table line).
type Config struct {
	Name    string
	Type    KeyType
	KeyLen  int // string and binary keys; 32 by default
	Size    int
	Expire  uint32 // ms; 0 never expires
	NoPurge bool
	Store   []Store
}

const shards = 64

// Table is a stick table.
type Table struct {
	cfg    Config
	has    [sample.NumStickData]bool
	period [sample.NumStickData]uint32
	count  [sample.NumStickData]int
	seed   maphash.Seed
	n      atomic.Int64
	shard  [shards]shard
}

type shard struct {
	mu sync.RWMutex
	m  map[string]*Entry
}

// New builds a table.
func New(cfg Config) *Table {
	if cfg.KeyLen <= 0 {
		cfg.KeyLen = 32
	}
	t := &Table{cfg: cfg, seed: maphash.MakeSeed()}
	for _, s := range cfg.Store {
		t.has[s.Data] = true
		t.period[s.Data] = s.Period
		t.count[s.Data] = s.Count
	}
	for i := range t.shard {
		t.shard[i].m = map[string]*Entry{}
	}
	return t
}

// Name is the table's name.
func (t *Table) Name() string { return t.cfg.Name }

// Len is the number of entries.
func (t *Table) Len() int { return int(t.n.Load()) }

// Avail is the room left.
func (t *Table) Avail() int { return t.cfg.Size - t.Len() }

// key converts a sample into the table's key bytes (smp_to_stkey), in
// buf; ok is false when the sample does not convert.
func (t *Table) key(c *sample.Ctx, s *sample.Sample, buf *[40]byte) ([]byte, bool) {
	v := *s
	switch t.cfg.Type {
	case KeyIP:
		if !sample.CanCast(v.Type, sample.IPv4) || !c.Cast(&v, sample.IPv4) {
			return nil, false
		}
		a := v.Addr.As4()
		return append(buf[:0], a[:]...), true
	case KeyIPv6:
		if !sample.CanCast(v.Type, sample.IPv6) || !c.Cast(&v, sample.IPv6) {
			return nil, false
		}
		a := v.Addr.As16()
		return append(buf[:0], a[:]...), true
	case KeyInteger:
		if !sample.CanCast(v.Type, sample.SInt) || !c.Cast(&v, sample.SInt) {
			return nil, false
		}
		return binary.BigEndian.AppendUint32(buf[:0], uint32(v.Int)), true
	case KeyBinary:
		if !sample.CanCast(v.Type, sample.Bin) || !c.Cast(&v, sample.Bin) {
			return nil, false
		}
	default:
		if !sample.CanCast(v.Type, sample.Str) || !c.Cast(&v, sample.Str) {
			return nil, false
		}
	}
	k := v.Str
	if len(k) > t.cfg.KeyLen {
		k = k[:t.cfg.KeyLen]
	}
	return k, true
}

func (t *Table) shardOf(k []byte) *shard {
	return &t.shard[maphash.Bytes(t.seed, k)%shards]
}

// lookup finds a live entry.
func (t *Table) lookup(k []byte, now uint32) *Entry {
	sh := t.shardOf(k)
	sh.mu.RLock()
	e := sh.m[string(k)]
	sh.mu.RUnlock()
	if e != nil && e.expired(t, now) {
		return nil
	}
	return e
}

// get finds or creates the entry of key k, and touches it.
func (t *Table) get(k []byte, now uint32) *Entry {
	sh := t.shardOf(k)
	sh.mu.RLock()
	e := sh.m[string(k)]
	sh.mu.RUnlock()
	if e != nil && !e.expired(t, now) {
		e.touch(t, now)
		return e
	}
	sh.mu.Lock()
	defer sh.mu.Unlock()
	if e = sh.m[string(k)]; e != nil {
		if e.expired(t, now) && e.trackers.Load() == 0 {
			e.reset(t)
		}
		e.touch(t, now)
		return e
	}
	if t.Len() >= t.cfg.Size && !t.purge(sh, now) {
		return nil
	}
	e = newEntry(t)
	sh.m[string(k)] = e
	t.n.Add(1)
	e.touch(t, now)
	return e
}

// purge makes room in a full table: expired entries of the shard go
// first, then (unless nopurge) any entry nobody tracks.
func (t *Table) purge(sh *shard, now uint32) bool {
	for k, e := range sh.m {
		if e.trackers.Load() == 0 && e.expired(t, now) {
			delete(sh.m, k)
			t.n.Add(-1)
			return true
		}
	}
	if t.cfg.NoPurge {
		return false
	}
	for k, e := range sh.m {
		if e.trackers.Load() == 0 {
			delete(sh.m, k)
			t.n.Add(-1)
			return true
		}
	}
	return false
}

// Lookup implements sample.Table.
func (t *Table) Lookup(c *sample.Ctx, key *sample.Sample) sample.Entry {
	var buf [40]byte
	k, ok := t.key(c, key, &buf)
	if !ok {
		return nil
	}
	if e := t.lookup(k, uint32(c.NowMs())); e != nil {
		return e
	}
	return nil
}

// Get implements sample.Table.
func (t *Table) Get(c *sample.Ctx, key *sample.Sample) sample.Entry {
	var buf [40]byte
	k, ok := t.key(c, key, &buf)
	if !ok {
		return nil
	}
	if e := t.get(k, uint32(c.NowMs())); e != nil {
		return e
	}
	return nil
}
