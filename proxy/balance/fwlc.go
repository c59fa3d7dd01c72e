package balance

// fwlc is "balance leastconn" (src/lb_fwlc.c): the server with the fewest
// connections per unit of weight, ties going to the one that has been in
// its place longest, which makes idle servers rotate.
type fwlc struct{ keyed }

func newFWLC(b *Backend) *fwlc { return &fwlc{keyed{b: b}} }

// next is fwlc_get_next_server: the first server in load order that may
// take one more connection or queue it (maxqueue), the one to avoid only if
// nothing else is.
func (l *fwlc) next(avoid *Server) *Server {
	t, fb := l.root()
	if t == nil {
		return fb
	}
	var avoided *Server
	for n := t.first(); n != nil; n = n.next() {
		s := n.srv
		if s.maxconn == 0 || s.served+s.queued < l.b.dynamicMaxconn(s)+s.maxqueue {
			if s != avoid {
				return s
			}
			avoided = s
		}
	}
	return avoided
}

// take and drop move the server to its new load (fwlc_srv_reposition).
// An unchanged key keeps the server's place among its equals.
func (l *fwlc) take(s *Server) { l.reposition(s) }
func (l *fwlc) drop(s *Server) { l.reposition(s) }

func (l *fwlc) reposition(s *Server) {
	ew := s.curEW
	k := l.key(s, ew)
	if s.lbNode.in != nil && ew != 0 && s.lbNode.key == k {
		return
	}
	if s.lbTree == nil {
		return
	}
	if s.lbNode.in == nil || s.lbNode.key != k {
		s.lbNode.remove()
		s.lbNode.key = k
		s.lbTree.insert(&s.lbNode)
	}
}
