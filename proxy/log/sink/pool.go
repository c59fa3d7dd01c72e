package sink

import "sync"

// Pool recycles message buffers of one capacity.
type Pool struct {
	size int
	p    sync.Pool
}

// NewPool returns a pool of buffers of capacity size (the longest
// message plus its framing).
func NewPool(size int) *Pool {
	p := &Pool{size: size}
	p.p.New = func() any {
		b := make([]byte, 0, p.size)
		return &b
	}
	return p
}

// Get returns an empty buffer.
func (p *Pool) Get() *[]byte {
	b := p.p.Get().(*[]byte)
	*b = (*b)[:0]
	return b
}

// Put recycles a buffer; one that grew past the pool's size is left to
// the collector.
func (p *Pool) Put(b *[]byte) {
	if cap(*b) > 2*p.size {
		return
	}
	p.p.Put(b)
}
