package balance

// fas is "balance first" (src/lb_fas.c): the usable server with the lowest
// id that has a free connection slot, so that the first servers fill up
// before the next ones get traffic.
type fas struct{ keyed }

func newFAS(b *Backend) *fas { return &fas{keyed{b: b, byID: true}} }

// next is fas_get_next_server.
func (f *fas) next(avoid *Server) *Server {
	t, fb := f.root()
	if t == nil {
		return fb
	}
	var avoided *Server
	for n := t.first(); n != nil; n = n.next() {
		s := n.srv
		if f.b.hasRoom(s) {
			if s != avoid {
				return s
			}
			avoided = s
		}
	}
	return avoided
}

// take and drop requeue the server at its id, as fas_srv_reposition does;
// ids are unique so its place does not change.
func (f *fas) take(s *Server) { f.reposition(s) }
func (f *fas) drop(s *Server) { f.reposition(s) }

func (f *fas) reposition(s *Server) {
	if s.lbTree != nil {
		s.lbNode.remove()
		f.queue(s)
	}
}
