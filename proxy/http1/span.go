package http1

// Span locates bytes of a message by offset, so a head stays valid when
// its buffer is moved (Head.Rebase) and costs no pointer per field.
//
// A span points into the buffer the head was parsed from, or, when Off
// has arenaBit set, into the head's arena: the bytes written by rewrites
// (added headers, normalised values), which never fit in place.
type Span struct {
	Off uint32
	Len uint32
}

// arenaBit marks a span into the arena. Heads are far smaller than 2 GiB.
const arenaBit = 1 << 31

// inArena reports whether s points into the arena.
func (s Span) inArena() bool { return s.Off&arenaBit != 0 }

// end is the offset just past s (in its own buffer).
func (s Span) end() uint32 { return s.Off&^arenaBit + s.Len }

// span builds a buffer span from int offsets.
func span(off, n int) Span { return Span{Off: uint32(off), Len: uint32(n)} }
