package balance

// chash is consistent hashing ("hash-type consistent", src/lb_chash.c),
// also the ring "balance random" draws on. Every server owns
// uweight*BE_WEIGHT_SCALE occurrences placed at full_hash(id*4096 + i);
// as many as its effective weight are on the ring. A hash goes to the
// nearest occurrence, the previous one winning ties, so that removing a
// server only moves its own keys.
type chash struct {
	b        *Backend
	act, bck tree
	last     *node // where the key-less rotation stands
}

func newCHash(b *Backend) *chash { return &chash{b: b} }

func (c *chash) groupTree(s *Server) *tree {
	if s.backup {
		return &c.bck
	}
	return &c.act
}

// init is chash_init_server_tree.
func (c *chash) init() {
	b := c.b
	b.initWeights(weightScale, 1)
	for s := b.first; s != nil; s = s.next {
		s.lbTree = c.groupTree(s)
		c.placeNodes(s, s.uweight*weightScale)
		s.chNow = 0
		if s.currentlyUsable() {
			c.queueDequeue(s)
		}
	}
}

// placeNodes gives s n occurrences with their ring keys.
func (c *chash) placeNodes(s *Server, n int) {
	s.chNodes = make([]node, n)
	for i := range s.chNodes {
		s.chNodes[i].srv = s
		s.chNodes[i].key = fullHash(uint32(s.id*eweightRng + i))
	}
}

// skip is the node after n on the ring, nil if n is alone
// (chash_skip_node).
func skip(root *tree, n *node) *node {
	if n == nil {
		return nil
	}
	stop := n
	n = n.next()
	if n == nil {
		n = root.first()
	}
	if n == stop {
		return nil
	}
	return n
}

// unqueue takes the occurrence off the ring, moving the rotation point
// off it first.
func (c *chash) unqueue(s *Server, n *node) {
	if c.last == n {
		c.last = skip(s.lbTree, c.last)
	}
	n.remove()
}

// dequeueAll is chash_dequeue_srv.
func (c *chash) dequeueAll(s *Server) {
	for s.chNow > 0 {
		s.chNow--
		c.unqueue(s, &s.chNodes[s.chNow])
	}
}

// queueDequeue puts exactly as many of the server's occurrences on the
// ring as its effective weight (chash_queue_dequeue_srv).
func (c *chash) queueDequeue(s *Server) {
	for s.chNow > s.nextEW {
		s.chNow--
		c.unqueue(s, &s.chNodes[s.chNow])
	}
	if len(s.chNodes) < s.nextEW {
		// A weight raised above the configured one needs more
		// occurrences: take them all off, then grow.
		c.dequeueAll(s)
		c.placeNodes(s, s.nextEW)
	}
	for s.chNow < s.nextEW {
		s.lbTree.insert(&s.chNodes[s.chNow])
		s.chNow++
	}
}

func (c *chash) setDown(s *Server) {
	b := c.b
	if !s.statusChanged() {
		return
	}
	if s.willBeUsable() {
		s.commit()
		return
	}
	if s.currentlyUsable() {
		b.groupDown(s)
		c.dequeueAll(s)
	}
	b.updateWeight()
	s.commit()
}

func (c *chash) setUp(s *Server) {
	b := c.b
	if !s.statusChanged() {
		return
	}
	if !s.willBeUsable() {
		s.commit()
		return
	}
	if !s.currentlyUsable() {
		b.groupUp(s)
		c.queueDequeue(s)
	}
	b.updateWeight()
	s.commit()
}

// update is chash_update_server_weight.
func (c *chash) update(s *Server) {
	b := c.b
	if !s.statusChanged() {
		return
	}
	was, will := s.currentlyUsable(), s.willBeUsable()
	switch {
	case !was && !will:
		s.commit()
		return
	case !was:
		c.setUp(s)
		return
	case !will:
		c.setDown(s)
		return
	}
	c.queueDequeue(s)
	if s.backup {
		b.totWBck += s.nextEW - s.curEW
	} else {
		b.totWAct += s.nextEW - s.curEW
	}
	b.updateWeight()
	s.commit()
}

func (c *chash) root() (*tree, *Server) {
	b := c.b
	switch {
	case b.srvAct > 0:
		return &c.act, nil
	case b.fbck != nil:
		return nil, b.fbck
	case b.srvBck > 0:
		return &c.bck, nil
	}
	return nil, nil
}

// eligible is chash_server_is_eligible, the bound of
// "hash-balance-factor": a server may hold at most its share, by weight,
// of factor% of the backend's connections plus this one. The weights
// before it come from the last full recount, as in HAProxy, which only
// recounts at start-up for this algorithm.
func (c *chash) eligible(s *Server) bool {
	b := c.b
	tot := uint32(b.totWeight)
	totSlots := uint32(((b.served+1)*b.spec.BalanceFactor + 99) / 100)
	perWeight := totSlots / tot
	rem := totSlots % tot
	ew, cum := uint32(s.curEW), uint32(s.cumWeight)
	slots := ew * perWeight
	slots += (cum+ew)*rem/tot - cum*rem/tot
	if slots == 0 {
		slots = 1
	}
	return uint32(s.served) < slots
}

// byHash is chash_get_server_hash: the occurrence nearest to h, then
// onwards round the ring past the server to avoid and, with a balance
// factor, past the servers above their bound.
func (c *chash) byHash(h uint32, avoid *Server) *Server {
	root, fb := c.root()
	if root == nil {
		return fb
	}
	next := root.lookupGE(h)
	if next == nil {
		next = root.first()
	}
	if next == nil {
		return nil
	}
	prev := next.prev()
	if prev == nil {
		prev = root.last()
	}
	nsrv := next.srv
	if h-prev.key <= next.key-h {
		next, nsrv = prev, prev.srv
	}
	factor := c.b.spec.BalanceFactor
	for loop := 0; nsrv == avoid || (factor != 0 && !c.eligible(nsrv)); {
		next = next.next()
		if next == nil {
			next = root.first()
			if loop++; loop > 1 {
				break
			}
		}
		nsrv = next.srv
	}
	return nsrv
}

// next is chash_get_next_server, the rotation used when a hash key is
// missing: the ring walked from where the last one stopped.
func (c *chash) next(avoid *Server) *Server {
	root, fb := c.root()
	if root == nil {
		return fb
	}
	var avoided *Server
	var avoidedNode *node
	stop, n := c.last, c.last
	for {
		if n != nil {
			n = n.next()
		}
		if n == nil {
			n = root.first()
		}
		c.last = n
		if n == nil {
			return nil
		}
		if stop == nil {
			stop = n
		}
		s := n.srv
		if c.b.hasRoom(s) {
			if s != avoid {
				return s
			}
			avoided, avoidedNode = s, n
		}
		if n == stop {
			break
		}
	}
	c.last = avoidedNode
	return avoided
}

func (c *chash) take(*Server) {}
func (c *chash) drop(*Server) {}
