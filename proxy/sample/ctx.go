package sample

import (
	"time"
)

// Dir is the direction a sample is fetched in (SMP_OPT_DIR_*).
type Dir uint8

const (
	DirReq Dir = iota
	DirRes
)

// DefaultBufSize is tune.bufsize's default: the size of a trash chunk.
const DefaultBufSize = 16384

// Ctx is everything an expression reads at run time: the stream, the
// variables, the direction and the scratch space of the converters.
// The engine keeps one per client connection (pooled with it), so that
// evaluating expressions allocates nothing.
type Ctx struct {
	Stream
	// Dir is the side being processed; Final is set when no more data
	// can come (SMP_OPT_FINAL).
	Dir   Dir
	Final bool
	// iterate is set while an ACL walks every value of a fetch
	// (SMP_OPT_ITERATE).
	iterate bool
	// Now is the time rules see; NowMs the same in milliseconds.
	Now time.Time
	// Vars are the variables of every scope.
	Vars Vars
	// Rand is rand()'s source; nil uses a per-context generator.
	Rand func() uint32

	trash   [2][]byte
	trashAt int
	// temps are the samples callers evaluate into: a Sample passed to
	// Eval escapes (fetches and converters are function values), so
	// taking it from here instead of the stack keeps evaluation free of
	// allocations.
	temps   [8]Sample
	ntemp   int
	bufSize int
	rng     uint64
}

// NewCtx returns a context whose scratch chunks hold bufSize bytes
// (tune.bufsize; 0 means the default).
func NewCtx(bufSize int) *Ctx {
	if bufSize <= 0 {
		bufSize = DefaultBufSize
	}
	c := &Ctx{bufSize: bufSize, rng: uint64(time.Now().UnixNano()) | 1}
	c.Vars.init()
	return c
}

// BufSize is the size of a scratch chunk.
func (c *Ctx) BufSize() int {
	if c.bufSize == 0 {
		c.bufSize = DefaultBufSize
	}
	return c.bufSize
}

// NowMs is Now in milliseconds.
func (c *Ctx) NowMs() int64 { return c.Now.UnixMilli() }

// Trash returns the next scratch chunk, empty with a capacity of one
// buffer. Like HAProxy's get_trash_chunk() it alternates between two
// chunks, so a converter can read its input from one while it writes
// its output to the other; a value older than two conversions is gone.
func (c *Ctx) Trash() []byte {
	c.trashAt ^= 1
	b := c.trash[c.trashAt]
	if b == nil {
		b = make([]byte, 0, c.BufSize())
		c.trash[c.trashAt] = b
	}
	return b[:0]
}

// makeRW gives s a private copy of its bytes when they are not its own
// (smp_make_rw).
func (c *Ctx) makeRW(s *Sample) bool {
	if !s.Const {
		return true
	}
	t := c.Trash()
	if len(s.Str) > cap(t) {
		return false
	}
	s.Str = append(t, s.Str...)
	s.Const = false
	return true
}

// random returns a 32-bit random number.
func (c *Ctx) random() uint32 {
	if c.Rand != nil {
		return c.Rand()
	}
	// xorshift64*: statistically fine for rand(), no lock, no allocation
	x := c.rng
	if x == 0 {
		x = uint64(time.Now().UnixNano()) | 1
	}
	x ^= x >> 12
	x ^= x << 25
	x ^= x >> 27
	c.rng = x
	return uint32((x * 2685821657736338717) >> 32)
}

// TempSample returns a zeroed Sample owned by the context, to evaluate
// into; give it back with FreeSample, last taken first.
func (c *Ctx) TempSample() *Sample {
	if c.ntemp < len(c.temps) {
		s := &c.temps[c.ntemp]
		c.ntemp++
		*s = Sample{}
		return s
	}
	c.ntemp++
	return new(Sample)
}

// FreeSample gives back the last Sample TempSample returned.
func (c *Ctx) FreeSample() {
	if c.ntemp > 0 {
		c.ntemp--
	}
}
