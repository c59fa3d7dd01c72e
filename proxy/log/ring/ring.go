package ring

import (
	"encoding/binary"
	"strconv"
	"sync"

	"hakeep/proxy/log/syslog"
)

// Config is a ring's settings.
type Config struct {
	Name string
	// Size is the buffer size in bytes (16384 by default).
	Size int
	// MaxLen is the longest entry kept, header included (16384 by
	// default).
	MaxLen int
	// Format is the header the ring puts in front of messages ("raw"
	// for "ring" sections by default, the log line's own for implicit
	// rings).
	Format syslog.Format
	// Meta is the process's metadata, for the "events dropped" notices.
	Meta *syslog.Meta
	// Facility is the facility of those notices.
	Facility int
}

// DefaultSize is BUFSIZE, a ring's default size and maxlen.
const DefaultSize = 16384

// Ring is a ring buffer of messages.
type Ring struct {
	cfg Config

	mu sync.Mutex
	// buf holds entries circularly: the readers' byte (unused here), a
	// varint length and the message.
	// head and tail are absolute offsets of the oldest entry and of the
	// end of the newest.
	buf        []byte
	head, tail uint64
	readers    []*Reader
	// dropped counts messages not written since the last notice.
	dropped uint64
	scratch []byte
	notify  chan struct{}
}

// New returns an empty ring.
func New(cfg Config) *Ring {
	if cfg.Size <= 0 {
		cfg.Size = DefaultSize
	}
	if cfg.MaxLen <= 0 || cfg.MaxLen > cfg.Size {
		cfg.MaxLen = cfg.Size
	}
	return &Ring{cfg: cfg, buf: make([]byte, cfg.Size), scratch: make([]byte, 0, cfg.MaxLen+64),
		notify: make(chan struct{})}
}

// Name is the ring's name.
func (r *Ring) Name() string { return r.cfg.Name }

// Write stores a message sent by a log target whose "len" is logMax,
// behind the ring's header. It reports false when the message was
// dropped because a reader holds the oldest entry.
func (r *Ring) Write(m *syslog.Message, logMax int) bool {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.dropped > 0 && !r.announce(m) {
		// a notice that does not fit: keep the order, drop this one too
		r.dropped++
		return false
	}
	r.scratch = syslog.AppendRingEntry(r.scratch[:0], r.cfg.Format, m, logMax, r.cfg.MaxLen)
	if !r.put(r.scratch) {
		r.dropped++
		return false
	}
	r.wake()
	return true
}

// announce writes "N events dropped" at notice level
// (sink_announce_dropped()).
func (r *Ring) announce(m *syslog.Message) bool {
	var txt [32]byte
	t := strconv.AppendUint(txt[:0], r.dropped, 10)
	t = append(t, " event"...)
	if r.dropped > 1 {
		t = append(t, 's')
	}
	t = append(t, " dropped"...)
	n := syslog.Message{Level: 5, Facility: r.cfg.Facility, Meta: r.cfg.Meta, Time: m.Time, Text: t}
	r.scratch = syslog.AppendRingEntry(r.scratch[:0], r.cfg.Format, &n, r.cfg.MaxLen, r.cfg.MaxLen)
	if !r.put(r.scratch) {
		return false
	}
	r.dropped = 0
	return true
}

// Dropped is the number of messages dropped and not announced yet.
func (r *Ring) Dropped() uint64 {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.dropped
}

// put appends an entry, deleting the oldest ones while no reader is at
// them (ring_write()). Capacity is counted as 2.6 counts it: each entry
// also takes one byte for its readers' count, and one more byte is
// always taken.
func (r *Ring) put(msg []byte) bool {
	var lb [binary.MaxVarintLen64]byte
	ll := binary.PutUvarint(lb[:], uint64(len(msg)))
	need := uint64(1 + ll + len(msg))
	room := uint64(len(r.buf)) - 1
	if need > room {
		return false
	}
	for room-(r.tail-r.head) < need {
		for _, rd := range r.readers {
			if rd.pos == r.head {
				return false
			}
		}
		n, l := r.entryLen(r.head)
		r.head += 1 + uint64(l) + n
	}
	r.copyIn(r.tail, []byte{0})
	r.copyIn(r.tail+1, lb[:ll])
	r.copyIn(r.tail+1+uint64(ll), msg)
	r.tail += need
	return true
}

// entryLen reads the length of the entry at absolute offset at: the
// message length and the length of its varint, which follows the
// readers' byte.
func (r *Ring) entryLen(at uint64) (uint64, int) {
	at++
	var lb [binary.MaxVarintLen64]byte
	for i := range lb {
		lb[i] = r.buf[(at+uint64(i))%uint64(len(r.buf))]
		if lb[i] < 0x80 {
			v, n := binary.Uvarint(lb[:i+1])
			return v, n
		}
	}
	return 0, 1
}

func (r *Ring) copyIn(at uint64, b []byte) {
	size := uint64(len(r.buf))
	o := at % size
	n := copy(r.buf[o:], b)
	copy(r.buf, b[n:])
}

func (r *Ring) copyOut(dst []byte, at, n uint64) []byte {
	size := uint64(len(r.buf))
	o := at % size
	end := o + n
	if end <= size {
		return append(dst, r.buf[o:end]...)
	}
	dst = append(dst, r.buf[o:]...)
	return append(dst, r.buf[:end-size]...)
}

// wake tells the waiting readers that an entry arrived.
func (r *Ring) wake() {
	close(r.notify)
	r.notify = make(chan struct{})
}
