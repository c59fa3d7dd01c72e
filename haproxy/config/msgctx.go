package config

import "hakeep/parser"

// msgContext is the place prefix 2.6 adds to every message while a
// server line is parsed or checked (set_usermsgs_ctx(): "[file:line] : "
// then "'server be/srv' : " once the server exists). It is kept in parts
// and rendered only when a message is printed: 50,000 server lines must
// not build 50,000 prefixes nobody reads.
type msgContext struct {
	pos parser.Pos
	// set is true while a context applies; server names "proxy/name"
	// when the server exists.
	set           bool
	proxy, server string
	serverExists  bool
}

// text is the prefix.
func (c *msgContext) text() string {
	if !c.set {
		return ""
	}
	s := where(c.pos) + " : "
	if c.serverExists {
		s += "'server " + c.proxy + "/" + c.server + "' : "
	}
	return s
}

// line starts a server line's context.
func (c *msgContext) line(pos parser.Pos) { *c = msgContext{pos: pos, set: true} }

// named adds the server to the context.
func (c *msgContext) named(proxy, server string) {
	c.proxy, c.server, c.serverExists = proxy, server, true
}

// server is the context of checks about an existing server.
func (c *msgContext) serverAt(pos parser.Pos, proxy, server string) {
	*c = msgContext{pos: pos, set: true, proxy: proxy, server: server, serverExists: true}
}

func (c *msgContext) clear() { *c = msgContext{} }
