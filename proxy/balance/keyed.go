package balance

// keyed is what "balance leastconn" (src/lb_fwlc.c) and "balance first"
// (src/lb_fas.c) share: one tree per group of usable servers, ordered by a
// key (the load for leastconn, the id for first), and the same handling of
// servers going up, down or changing weight.
type keyed struct {
	b        *Backend
	act, bck tree
	byID     bool // first: keys are ids; leastconn: keys are loads
}

// key is the server's place in its tree. For leastconn it is the load per
// unit of weight, (inflight+1)*SRV_EWGHT_MAX/eweight, and 0 when idle, so
// that idle servers rotate in the order they became idle
// (fwlc_queue_srv).
func (k *keyed) key(s *Server, ew int) uint32 {
	if k.byID {
		return uint32(s.id)
	}
	inflight := s.served + s.queued
	if inflight == 0 {
		return 0
	}
	if ew == 0 {
		ew = 1
	}
	return uint32((inflight + 1) * eweightMax / ew)
}

func (k *keyed) groupTree(s *Server) *tree {
	if s.backup {
		return &k.bck
	}
	return &k.act
}

func (k *keyed) queue(s *Server) {
	s.lbNode.key = k.key(s, s.nextEW)
	s.lbTree.insert(&s.lbNode)
}

// init is fwlc_init_server_tree / fas_init_server_tree.
func (k *keyed) init() {
	b := k.b
	b.initWeights(weightScale, 1)
	for s := b.first; s != nil; s = s.next {
		if !s.currentlyUsable() {
			continue
		}
		s.lbTree = k.groupTree(s)
		k.queue(s)
	}
}

func (k *keyed) setDown(s *Server) {
	b := k.b
	if !s.statusChanged() {
		return
	}
	if s.willBeUsable() {
		s.commit()
		return
	}
	if s.currentlyUsable() {
		b.groupDown(s)
		s.lbNode.remove()
		s.lbTree = nil
	}
	b.updateWeight()
	s.commit()
}

func (k *keyed) setUp(s *Server) {
	b := k.b
	if !s.statusChanged() {
		return
	}
	if !s.willBeUsable() {
		s.commit()
		return
	}
	if !s.currentlyUsable() {
		s.lbTree = k.groupTree(s)
		b.groupUp(s)
		k.queue(s)
	}
	b.updateWeight()
	s.commit()
}

// update is fwlc_update_server_weight / fas_update_server_weight.
func (k *keyed) update(s *Server) {
	b := k.b
	if !s.statusChanged() {
		return
	}
	was, will := s.currentlyUsable(), s.willBeUsable()
	switch {
	case !was && !will:
		s.commit()
		return
	case !was:
		k.setUp(s)
		return
	case !will:
		k.setDown(s)
		return
	}
	if s.lbTree != nil {
		s.lbNode.remove()
	}
	if s.backup {
		b.totWBck += s.nextEW - s.curEW
	} else {
		b.totWAct += s.nextEW - s.curEW
	}
	s.lbTree = k.groupTree(s)
	k.queue(s)
	b.updateWeight()
	s.commit()
}

// root is the tree to pick from, or the first backup server, or nothing.
func (k *keyed) root() (*tree, *Server) {
	b := k.b
	switch {
	case b.srvAct > 0:
		return &k.act, nil
	case b.fbck != nil:
		return nil, b.fbck
	case b.srvBck > 0:
		return &k.bck, nil
	}
	return nil, nil
}
