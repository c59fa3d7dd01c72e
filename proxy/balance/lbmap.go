package balance

// lbMap is the static map of src/lb_map.c behind "balance static-rr" and
// map-based hashing ("hash-type map-based", the default): a table with one
// slot per unit of weight, filled so that every server's slots are spread
// out, walked in turn by static-rr or indexed by hash modulo the total
// weight. Weights are divided by their greatest common divisor first, and
// any change of state rebuilds the table.
type lbMap struct {
	b     *Backend
	srv   []*Server
	rrIdx int
}

func newLBMap(b *Backend) *lbMap { return &lbMap{b: b} }

// init is init_server_map.
func (m *lbMap) init() {
	b := m.b
	// Factor weights by their greatest common divisor, starting from the
	// first non-zero one, so that the table stays small.
	gcd := 1
	i := 0
	for i < len(b.servers) && b.servers[i].uweight == 0 {
		i++
	}
	if i < len(b.servers) {
		gcd = b.servers[i].uweight
		for _, s := range b.servers[i+1:] {
			if gcd <= 1 {
				break
			}
			for w := s.uweight; w != 0; {
				gcd, w = w, gcd%w
			}
		}
	}
	b.initWeights(1, gcd)

	act, bck := 0, 0
	for _, s := range b.servers {
		if s.backup {
			bck += s.nextEW
		} else {
			act += s.nextEW
		}
	}
	size := max(act, bck, 1)
	m.srv = make([]*Server, size)
	m.recalc()
}

// recalc is recalc_server_map: each slot goes to the usable server whose
// accumulated score is the highest, the first declared winning ties, so
// that the first server is always called first.
func (m *lbMap) recalc() {
	b := m.b
	if b.totUsed == 0 {
		return
	}
	tot := b.totWeight
	backup := b.srvAct == 0
	for _, s := range b.servers {
		s.wscore = 0
	}
	for o := 0; o < tot; o++ {
		var best *Server
		bestV := 0
		for _, s := range b.servers {
			if s.backup != backup || !s.willBeUsable() {
				continue
			}
			if tot == 1 {
				best = s
				break
			}
			s.wscore += s.nextEW
			v := (s.wscore + tot) / tot
			if best == nil || v > bestV {
				bestV = v
				best = s
			}
		}
		m.srv[o] = best
		if best != nil {
			best.wscore -= tot
		}
	}
}

// update is map_set_server_status_up/down: any change rebuilds the table
// from scratch (HAProxy calls "up" only when the server will be usable and
// "down" only when it will not, so both rebuild).
func (m *lbMap) update(s *Server) {
	if !s.statusChanged() {
		return
	}
	b := m.b
	b.recount()
	b.updateWeight()
	m.recalc()
	s.commit()
}

// next is map_get_server_rr: the next slot whose server has room, the one
// to avoid only as a last resort.
func (m *lbMap) next(avoid *Server) *Server {
	b := m.b
	tot := b.totWeight
	if tot == 0 {
		return nil
	}
	if m.rrIdx < 0 || m.rrIdx >= tot {
		m.rrIdx = 0
	}
	idx := m.rrIdx
	var avoided *Server
	avoidIdx := 0
	for {
		s := m.srv[idx]
		idx++
		if b.hasRoom(s) {
			avoided, avoidIdx = s, idx
			if s != avoid {
				m.rrIdx = idx
				return s
			}
		}
		if idx == tot {
			idx = 0
		}
		if idx == m.rrIdx {
			break
		}
	}
	if avoided != nil {
		m.rrIdx = avoidIdx
	}
	return avoided
}

// byHash is map_get_server_hash: the slot at the hash modulo the total
// weight, full or not.
func (m *lbMap) byHash(h uint32, _ *Server) *Server {
	tot := m.b.totWeight
	if tot == 0 {
		return nil
	}
	return m.srv[h%uint32(tot)]
}

func (m *lbMap) take(*Server) {}
func (m *lbMap) drop(*Server) {}
