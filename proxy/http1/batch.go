package http1

import (
	"io"
	"net"
)

// Batch gathers what one forwarding step sends to a peer and writes it
// with a single writev: heads and chunk framing are serialised into the
// batch's own buffer, payload is referenced where the decoder found it in
// the input buffer. Only framing is copied, and a reused Batch allocates
// nothing (BenchmarkBatchWrite).
//
// A chunked body is re-chunked the way HAProxy's mux does: one chunk for
// all the payload forwarded in one step (ChunkSize with the total, the
// Payload pieces, ChunkEnd), then LastChunk with the trailers.
type Batch struct {
	own  []byte
	segs []segment
	vec  net.Buffers // backing array reused by every write
	out  net.Buffers // consumed by net.Buffers.WriteTo
}

// segment is a run of own (ext == nil) or an external payload slice.
type segment struct {
	ext      []byte
	off, end int
}

// Reset empties the batch, keeping its buffers.
func (b *Batch) Reset() {
	b.own = b.own[:0]
	b.segs = b.segs[:0]
}

// Len is the number of bytes the batch holds.
func (b *Batch) Len() int {
	n := 0
	for _, s := range b.segs {
		if s.ext != nil {
			n += len(s.ext)
		} else {
			n += s.end - s.off
		}
	}
	return n
}

// ownGrown records that own grew from off: extends the last own segment
// when it ends there, or starts a new one.
func (b *Batch) ownGrown(off int) {
	if off == len(b.own) {
		return
	}
	if n := len(b.segs); n > 0 && b.segs[n-1].ext == nil && b.segs[n-1].end == off {
		b.segs[n-1].end = len(b.own)
		return
	}
	b.segs = append(b.segs, segment{off: off, end: len(b.own)})
}

// Head appends h as AppendHead serialises it.
func (b *Batch) Head(h *Head, conn ConnValue, ca CaseAdjust) {
	off := len(b.own)
	b.own = h.AppendHead(b.own, conn, ca)
	b.ownGrown(off)
}

// String appends s (a built-in error page, a status line...), copied.
func (b *Batch) String(s string) {
	off := len(b.own)
	b.own = append(b.own, s...)
	b.ownGrown(off)
}

// Payload appends p without copying it: p must stay untouched until the
// batch is written.
func (b *Batch) Payload(p []byte) {
	if len(p) > 0 {
		b.segs = append(b.segs, segment{ext: p})
	}
}

// ChunkSize starts a chunk of n payload bytes.
func (b *Batch) ChunkSize(n int) {
	off := len(b.own)
	b.own = AppendChunkSize(b.own, n)
	b.ownGrown(off)
}

// ChunkEnd ends the chunk started by ChunkSize.
func (b *Batch) ChunkEnd() {
	off := len(b.own)
	b.own = append(b.own, '\r', '\n')
	b.ownGrown(off)
}

// LastChunk ends a chunked body with its trailers (nil for none).
func (b *Batch) LastChunk(trailers *Head, ca CaseAdjust) {
	off := len(b.own)
	b.own = AppendTrailers(b.own, trailers, ca)
	b.ownGrown(off)
}

// WriteTo writes the batch, with one writev on a *net.TCPConn, and
// resets it.
func (b *Batch) WriteTo(w io.Writer) (int64, error) {
	b.vec = b.vec[:0]
	for _, s := range b.segs {
		if s.ext != nil {
			b.vec = append(b.vec, s.ext)
		} else {
			b.vec = append(b.vec, b.own[s.off:s.end])
		}
	}
	b.out = b.vec
	n, err := b.out.WriteTo(w)
	b.Reset()
	return n, err
}

// AppendTo appends the batch's bytes to dst (tests, logs) without
// resetting it.
func (b *Batch) AppendTo(dst []byte) []byte {
	for _, s := range b.segs {
		if s.ext != nil {
			dst = append(dst, s.ext...)
		} else {
			dst = append(dst, b.own[s.off:s.end]...)
		}
	}
	return dst
}
