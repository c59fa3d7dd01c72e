package balance

// Status is the outcome of Pick (SRV_STATUS_* in src/backend.c).
type Status uint8

const (
	// OK: a server was chosen.
	OK Status = iota
	// NoServer: no usable server at all; HAProxy answers 503.
	NoServer
	// Full: usable servers exist but all are saturated; the request waits
	// in the backend's queue.
	Full
)

func (s Status) String() string {
	switch s {
	case OK:
		return "ok"
	case NoServer:
		return "no server"
	case Full:
		return "full"
	}
	return "unknown"
}

// Pick chooses the server for a request, as assign_server does
// (src/backend.c). avoid is the server a retried request failed on
// ("option redispatch"), chosen again only when nothing else is left; it
// may be nil. The hash algorithms fall back to round robin over their own
// structure when the request lacks the key. A server chosen by hash may be
// saturated: the caller then queues the request on it, as HAProxy does.
//
// Pick does not count the connection: call Take once it is established.
func (b *Backend) Pick(r *Request, avoid *Server) (*Server, Status) {
	b.mu.Lock()
	defer b.mu.Unlock()

	if b.totWeight == 0 {
		return nil, NoServer
	}
	// A non-empty backend queue that does not hold every stream means all
	// servers are full, for the algorithms that walk them in turn.
	if b.queued > 0 && b.queued != b.beconn {
		switch b.spec.Algorithm {
		case First, RoundRobin, StaticRR:
			return nil, Full
		}
	}

	var srv *Server
	switch sp := &b.spec; {
	case sp.Algorithm == Random:
		srv = b.random(avoid)
	case sp.Algorithm.hashed():
		if r != nil {
			if h, ok := b.hashOf(r); ok {
				srv = b.algo.(hasher).byHash(h, avoid)
			}
		}
		if srv == nil {
			srv = b.algo.next(avoid)
		}
	default:
		srv = b.algo.next(avoid)
	}
	if srv == nil {
		return nil, Full
	}
	return srv, OK
}

// random is get_server_rnd: the best of Draws random points on the
// consistent-hash ring, best meaning fewest connections per unit of
// weight ("power of two choices" with the default of 2 draws).
func (b *Backend) random(avoid *Server) *Server {
	c := b.algo.(*chash)
	var curr *Server
	for draws := b.spec.Draws; ; {
		prev := curr
		curr = c.byHash(b.prng(), avoid)
		if curr == nil {
			break
		}
		if prev != nil && prev != curr && curr.served*prev.curEW > prev.served*curr.curEW {
			curr = prev
		}
		if draws--; draws <= 0 {
			break
		}
	}
	// A saturated pick means the backend's queue, not another server.
	if curr != nil && (curr.queued > 0 || (curr.maxconn > 0 && curr.served >= b.dynamicMaxconn(curr))) {
		return nil
	}
	return curr
}

// prng is HAProxy's statistical_prng, a 32-bit xorshift (never 0).
func (b *Backend) prng() uint32 {
	x := b.opt.Seed
	if x == 0 {
		x = 2463534242
	}
	x ^= x << 13
	x ^= x >> 17
	x ^= x << 5
	b.opt.Seed = x
	return x
}

// Take counts a connection established to s (sess_change_server), which
// moves it in leastconn's and first's trees.
func (b *Backend) Take(s *Server) {
	b.mu.Lock()
	s.served++
	b.served++
	b.algo.take(s)
	b.mu.Unlock()
}

// Release counts a connection to s closed.
func (b *Backend) Release(s *Server) {
	b.mu.Lock()
	s.served--
	b.served--
	b.algo.drop(s)
	b.mu.Unlock()
}

// Enter and Leave count the streams attached to the backend, queued or
// not (p->beconn), against which fullconn scales minconn.
func (b *Backend) Enter() {
	b.mu.Lock()
	b.beconn++
	b.mu.Unlock()
}

func (b *Backend) Leave() {
	b.mu.Lock()
	b.beconn--
	b.mu.Unlock()
}

// Queue and Unqueue count a request waiting for s, or for any server of
// the backend when s is nil. A server with a queue takes no new request
// before the queue drains.
func (b *Backend) Queue(s *Server)   { b.addQueued(s, 1) }
func (b *Backend) Unqueue(s *Server) { b.addQueued(s, -1) }

func (b *Backend) addQueued(s *Server, d int) {
	b.mu.Lock()
	if s == nil {
		b.queued += d
	} else {
		s.queued += d
	}
	b.mu.Unlock()
}

// HasRoom reports whether s can take one more connection now, the test
// the data plane runs before connecting to a server chosen by hash.
func (b *Backend) HasRoom(s *Server) bool {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.hasRoom(s)
}
