package config

import "hakeep/proxy"

// serverSlab hands out servers from chunks: a configuration with 50,000
// servers makes a few hundred allocations instead of 50,000, which the
// garbage collector then has fewer objects to scan. The chunks live as
// long as the configuration.
type serverSlab struct{ buf []proxy.Server }

const serverSlabChunk = 256

// clone returns a new server holding a copy of src's settings (the
// default-server's), or the built-in defaults when src is nil.
func (sl *serverSlab) clone(src *proxy.Server) *proxy.Server {
	if src == nil {
		src = presetServer()
	}
	if len(sl.buf) == cap(sl.buf) {
		sl.buf = make([]proxy.Server, 0, serverSlabChunk)
	}
	sl.buf = append(sl.buf, *src)
	c := &sl.buf[len(sl.buf)-1]
	if src.SSL != nil {
		ssl := *src.SSL
		c.SSL = &ssl
	}
	return c
}
