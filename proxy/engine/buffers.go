package engine

import "sync"

// bufPool hands out buffers of one size (tune.bufsize). Connections take
// one only while bytes are in flight and give it back when they go idle,
// which is what keeps an idle connection's memory to its socket.
type bufPool struct {
	size int
	p    sync.Pool
}

func newBufPool(size int) *bufPool {
	b := &bufPool{size: size}
	b.p.New = func() any {
		s := make([]byte, size)
		return &s
	}
	return b
}

func (b *bufPool) get() *[]byte { return b.p.Get().(*[]byte) }

func (b *bufPool) put(p *[]byte) {
	if p != nil && cap(*p) == b.size {
		*p = (*p)[:b.size]
		b.p.Put(p)
	}
}
