package balance

// fwrr is "balance roundrobin": HAProxy's fast weighted round robin
// (src/lb_fwrr.c). Each group (active, backup) keeps servers in three
// trees: "curr", ordered by the position at which each server is due next,
// and "init" and "next", ordered by decreasing weight, holding servers not
// yet placed in the current window and those pushed to the next one. When
// "curr" runs dry the window ends and "init" and "next" swap. Positions
// advance by the group's total weight divided by the server's weight, with
// the remainder carried, which interleaves heavy and light servers.
type fwrr struct {
	b        *Backend
	act, bck fwrrGroup
}

type fwrrGroup struct {
	curr       tree
	t0, t1     tree
	init, next *tree // point to t0 and t1, swapped at each window
	currPos    int   // position in the current window
	currWeight int   // total weight of the current window
	nextWeight int   // total weight of the next one
}

func newFWRR(b *Backend) *fwrr { return &fwrr{b: b} }

func (f *fwrr) group(s *Server) *fwrrGroup {
	if s.backup {
		return &f.bck
	}
	return &f.act
}

// init is fwrr_init_server_groups.
func (f *fwrr) init() {
	b := f.b
	b.initWeights(weightScale, 1)
	for _, g := range []*fwrrGroup{&f.act, &f.bck} {
		tot := b.totWAct
		if g == &f.bck {
			tot = b.totWBck
		}
		g.currPos, g.currWeight, g.nextWeight = tot, tot, tot
		g.init, g.next = &g.t0, &g.t1
	}
	for s := b.first; s != nil; s = s.next {
		if s.currentlyUsable() {
			f.queueByWeight(f.group(s).init, s)
		}
	}
}

// queueByWeight puts s into a weight tree, heaviest first
// (fwrr_queue_by_weight).
func (f *fwrr) queueByWeight(t *tree, s *Server) {
	s.lbNode.key = uint32(eweightMax - s.nextEW)
	t.insert(&s.lbNode)
	s.lbTree = t
}

// queue places s by its next position: in "curr" if it fits in the current
// window, else in "next" (fwrr_queue_srv).
func (f *fwrr) queue(s *Server) {
	g := f.group(s)
	switch {
	case !s.willBeUsable():
		s.lbTree = nil
	case s.nextEW <= 0 || s.npos >= 2*g.currWeight || s.npos >= g.currWeight+g.nextWeight:
		s.npos -= g.currWeight
		f.queueByWeight(g.next, s)
	default:
		// The key orders by position, then puts heavier servers first
		// among equal positions; it is computed in uint32 as in C.
		s.lbNode.key = uint32(uweightRng*s.npos) + uint32(eweightMax+s.rweight-s.nextEW)/weightScale
		g.curr.insert(&s.lbNode)
		s.lbTree = &g.curr
	}
}

// getSrv prepares s when it leaves the tree it is in (fwrr_get_srv).
func (f *fwrr) getSrv(s *Server) {
	g := f.group(s)
	switch s.lbTree {
	case g.init:
		s.npos, s.rweight = 0, 0
	case g.next:
		s.npos += g.currWeight
	case nil:
		s.npos = g.currPos
	}
}

func (g *fwrrGroup) switchTrees() {
	g.init, g.next = g.next, g.init
	g.currWeight = g.nextWeight
	g.currPos = g.currWeight
}

// fromGroup is the next due server of "curr", or a fresh one from "init"
// when "curr" is empty or has a hole (fwrr_get_server_from_group).
func (g *fwrrGroup) fromGroup() *Server {
	var s1 *Server
	if n := g.curr.first(); n != nil {
		s1 = n.srv
		if s1.curEW != 0 && s1.npos <= g.currPos {
			return s1
		}
	}
	if n := g.init.first(); n != nil {
		if s2 := n.srv; s2.curEW != 0 {
			s2.npos, s2.rweight = 0, 0
			return s2
		}
	}
	return s1
}

// updatePosition moves s one turn ahead (fwrr_update_position).
func (g *fwrrGroup) updatePosition(s *Server) {
	ew := s.curEW
	if ew == 0 {
		return
	}
	if s.npos == 0 {
		s.npos = g.currPos
	}
	s.lpos = s.npos
	s.npos += g.nextWeight / ew
	s.rweight += g.nextWeight % ew
	if s.rweight >= ew {
		s.rweight -= ew
		s.npos++
	}
}

// next is fwrr_get_next_server: saturated servers and the one to avoid
// are taken out, their positions advanced, and queued back afterwards.
func (f *fwrr) next(avoid *Server) *Server {
	b := f.b
	var g *fwrrGroup
	switch {
	case b.srvAct > 0:
		g = &f.act
	case b.fbck != nil:
		return b.fbck
	case b.srvBck > 0:
		g = &f.bck
	default:
		return nil
	}

	var srv, avoided, full *Server
	switched, found := false, false
	for !found {
		if g.currWeight == 0 {
			g.currPos, g.currWeight = g.nextWeight, g.nextWeight
		}
		srv = g.fromGroup()
		for srv == nil {
			if switched {
				break
			}
			switched = true
			g.switchTrees()
			srv = g.fromGroup()
		}
		if srv == nil {
			// Both windows are exhausted: fall back on the avoided
			// server if any, else nothing.
			if avoided != nil {
				srv = avoided
				found = true
				break
			}
			f.requeue(g, full, nil, switched)
			return nil
		}
		g.updatePosition(srv)
		srv.lbNode.remove()
		g.currPos++
		if b.hasRoom(srv) {
			if srv != avoid || avoided != nil {
				found = true
				break
			}
			avoided = srv
		}
		srv.nextFull = full
		full = srv
	}
	f.queue(srv)
	f.requeue(g, full, srv, switched)
	return srv
}

// requeue puts back the servers skipped as saturated or avoided: by
// weight into "init" if the window changed (their place is lost), else as
// if they had been served.
func (f *fwrr) requeue(g *fwrrGroup, full, chosen *Server, switched bool) {
	for ; full != nil; full = full.nextFull {
		if full == chosen {
			continue
		}
		if switched {
			f.queueByWeight(g.init, full)
		} else {
			f.queue(full)
		}
	}
}

// setDown is fwrr_set_server_status_down.
func (f *fwrr) setDown(s *Server) {
	b := f.b
	if !s.statusChanged() {
		return
	}
	if s.willBeUsable() {
		s.commit()
		return
	}
	if s.currentlyUsable() {
		g := f.group(s)
		g.nextWeight -= s.curEW
		if s.backup {
			b.totWBck = f.bck.nextWeight
			b.srvBck--
			b.lostBackup(s)
		} else {
			b.totWAct = f.act.nextWeight
			b.srvAct--
		}
		s.lbNode.remove()
		s.lbTree = nil
	}
	b.updateWeight()
	s.commit()
}

// setUp is fwrr_set_server_status_up: a server coming back is placed as
// if it had been served at the current position.
func (f *fwrr) setUp(s *Server) {
	b := f.b
	if !s.statusChanged() {
		return
	}
	if !s.willBeUsable() {
		s.commit()
		return
	}
	if !s.currentlyUsable() {
		g := f.group(s)
		g.nextWeight += s.nextEW
		if s.backup {
			b.totWBck = f.bck.nextWeight
			b.srvBck++
			b.gainedBackup(s)
		} else {
			b.totWAct = f.act.nextWeight
			b.srvAct++
		}
		f.getSrv(s)
		s.npos = g.currPos + (g.nextWeight+g.currWeight-g.currPos)/s.nextEW
		f.queue(s)
	}
	b.updateWeight()
	s.commit()
}

// update is fwrr_update_server_weight: state changes go to setUp/setDown;
// a weight change of a usable server recomputes its next position.
func (f *fwrr) update(s *Server) {
	b := f.b
	if !s.statusChanged() {
		return
	}
	was, will := s.currentlyUsable(), s.willBeUsable()
	switch {
	case !was && !will:
		s.commit()
		return
	case !was:
		f.setUp(s)
		return
	case !will:
		f.setDown(s)
		return
	}

	g := f.group(s)
	g.nextWeight = g.nextWeight - s.curEW + s.nextEW
	b.totWAct = f.act.nextWeight
	b.totWBck = f.bck.nextWeight

	switch s.lbTree {
	case g.init:
		s.lbNode.remove()
		f.queueByWeight(g.init, s)
	case nil:
		s.lbNode.remove()
		f.getSrv(s)
		s.npos = g.currPos + (g.nextWeight+g.currWeight-g.currPos)/s.nextEW
		f.queue(s)
	default:
		// In "curr" or "next": if it has not consumed all its places
		// in this window, bring its next position closer.
		f.getSrv(s)
		if s.nextEW > 0 {
			prevNext := s.npos
			step := g.nextWeight / s.nextEW
			s.npos = s.lpos + step
			s.rweight = 0
			if s.npos > prevNext {
				s.npos = prevNext
			}
			if s.npos < g.currPos+2 {
				s.npos = g.currPos + step
			}
		} else {
			s.npos = g.currPos + g.currWeight
		}
		s.lbNode.remove()
		f.queue(s)
	}
	b.updateWeight()
	s.commit()
}

func (f *fwrr) take(*Server) {}
func (f *fwrr) drop(*Server) {}
