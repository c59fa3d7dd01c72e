package httpdiff

import (
	"bufio"
	"net"
)

// echo records and returns what a TCP connection carries. Once the
// client's side is closed it sends AfterEOF and closes: what comes back
// after a half-close shows that the proxy relays it.
func (s *server) echo(c net.Conn, connNo int) {
	ev := &serverEvent{backend: s.spec.Name, conn: connNo, from: peerIP(c), tcp: true}
	br := bufio.NewReader(c)
	if s.spec.Proxy {
		h, err := readProxyHeader(br)
		if err != nil {
			ev.end = "bad PROXY header: " + err.Error()
			s.log.add(ev)
			return
		}
		ev.proxy = h
	}
	s.log.add(ev)
	if s.spec.Banner != "" {
		c.Write([]byte(s.spec.Banner))
	}
	if s.spec.HalfClose {
		if cw, ok := c.(interface{ CloseWrite() error }); ok {
			cw.CloseWrite()
		}
	}
	err := readToEOF(br, func(b []byte) {
		s.log.update(func() { ev.data = append(ev.data, b...) })
		if !s.spec.NoEcho && !s.spec.HalfClose {
			c.Write(b)
		}
	})
	s.log.update(func() { ev.end = errClass(err) })
	if s.spec.AfterEOF != "" {
		c.Write([]byte(s.spec.AfterEOF))
	}
	if s.spec.KeepAfterEOF {
		// Reads only repeat the EOF now: hold the connection until the
		// run ends.
		<-s.done
	}
}
