package ring

import "context"

// Reader reads a ring's entries in order from where it stands; while it
// has not read the oldest entry, writers cannot delete it.
type Reader struct {
	r   *Ring
	pos uint64
}

// Attach returns a reader placed at the oldest entry.
func (r *Ring) Attach() *Reader {
	r.mu.Lock()
	defer r.mu.Unlock()
	rd := &Reader{r: r, pos: r.head}
	r.readers = append(r.readers, rd)
	return rd
}

// Detach removes the reader: it no longer holds entries.
func (rd *Reader) Detach() {
	r := rd.r
	r.mu.Lock()
	defer r.mu.Unlock()
	for i, x := range r.readers {
		if x == rd {
			r.readers = append(r.readers[:i], r.readers[i+1:]...)
			return
		}
	}
}

// Next appends the next entry to dst and reports whether there was one.
func (rd *Reader) Next(dst []byte) ([]byte, bool) {
	r := rd.r
	r.mu.Lock()
	defer r.mu.Unlock()
	if rd.pos < r.head {
		// cannot happen while attached; be safe after a Detach
		rd.pos = r.head
	}
	if rd.pos >= r.tail {
		return dst, false
	}
	n, l := r.entryLen(rd.pos)
	dst = r.copyOut(dst, rd.pos+1+uint64(l), n)
	rd.pos += 1 + uint64(l) + n
	return dst, true
}

// Wait returns when an entry may be there to read, or when ctx ends.
func (rd *Reader) Wait(ctx context.Context) error {
	r := rd.r
	r.mu.Lock()
	if rd.pos < r.tail {
		r.mu.Unlock()
		return nil
	}
	ch := r.notify
	r.mu.Unlock()
	select {
	case <-ch:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}
