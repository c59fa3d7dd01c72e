package balance

// tree is the ordered multiset HAProxy's load-balancing code keeps its
// servers in (an eb32 tree in src/lb_*.c). What the algorithms depend on is
// its order: unsigned 32-bit keys, and duplicates walked in the order they
// were inserted (include/import/ebtree.h: "duplicates are returned in the
// order they were inserted"). Removing a node and inserting it again moves
// it behind its equals, which is how leastconn rotates over idle servers.
//
// It is an intrusive treap: nodes live inside the servers (and the
// consistent-hash occurrences), so no operation allocates, and a sequence
// number assigned at insertion breaks ties between equal keys. Insert,
// delete, first, lookupGE are O(log n) expected; next and prev are O(1)
// amortised.
type tree struct {
	root *node
	seq  uint64 // insertion counter: the tie-break between equal keys
	rnd  uint32 // xorshift state for node priorities
}

// node is one entry of a tree.
type node struct {
	key    uint32
	seq    uint64
	prio   uint32
	left   *node
	right  *node
	parent *node
	in     *tree // the tree holding the node, nil when detached

	srv *Server // the server this entry stands for
}

// before reports whether a sorts before b: by key, then by insertion.
func (a *node) before(b *node) bool {
	return a.key < b.key || (a.key == b.key && a.seq < b.seq)
}

func (t *tree) priority() uint32 {
	x := t.rnd
	if x == 0 {
		x = 0x9e3779b9
	}
	x ^= x << 13
	x ^= x >> 17
	x ^= x << 5
	t.rnd = x
	return x
}

// insert adds n with its current key behind every node with an equal key.
// n must be detached.
func (t *tree) insert(n *node) {
	t.seq++
	n.seq = t.seq
	n.prio = t.priority()
	n.left, n.right, n.parent = nil, nil, nil
	n.in = t

	if t.root == nil {
		t.root = n
		return
	}
	cur := t.root
	for {
		if n.before(cur) {
			if cur.left == nil {
				cur.left = n
				break
			}
			cur = cur.left
		} else {
			if cur.right == nil {
				cur.right = n
				break
			}
			cur = cur.right
		}
	}
	n.parent = cur
	for n.parent != nil && n.prio > n.parent.prio {
		t.rotateUp(n)
	}
}

// remove detaches n from the tree holding it; detached nodes are left
// alone, as eb32_delete does.
func (n *node) remove() {
	t := n.in
	if t == nil {
		return
	}
	// Sink n while it has two children, keeping the heap order of
	// priorities, then splice its only child (or nothing) in its place:
	// the child's priority is below n's, so the order holds.
	for n.left != nil && n.right != nil {
		c := n.left
		if n.right.prio > c.prio {
			c = n.right
		}
		t.rotateUp(c)
	}
	c := n.left
	if c == nil {
		c = n.right
	}
	if c != nil {
		c.parent = n.parent
	}
	switch p := n.parent; {
	case p == nil:
		t.root = c
	case p.left == n:
		p.left = c
	default:
		p.right = c
	}
	n.left, n.right, n.parent = nil, nil, nil
	n.in = nil
}

// rotateUp moves n above its parent, preserving the in-order sequence.
func (t *tree) rotateUp(n *node) {
	p := n.parent
	g := p.parent
	if p.left == n {
		p.left = n.right
		if n.right != nil {
			n.right.parent = p
		}
		n.right = p
	} else {
		p.right = n.left
		if n.left != nil {
			n.left.parent = p
		}
		n.left = p
	}
	p.parent = n
	n.parent = g
	switch {
	case g == nil:
		t.root = n
	case g.left == p:
		g.left = n
	default:
		g.right = n
	}
}

func (t *tree) first() *node {
	n := t.root
	if n == nil {
		return nil
	}
	for n.left != nil {
		n = n.left
	}
	return n
}

func (t *tree) last() *node {
	n := t.root
	if n == nil {
		return nil
	}
	for n.right != nil {
		n = n.right
	}
	return n
}

// next is the node after n in order, or nil at the end.
func (n *node) next() *node {
	if n.right != nil {
		n = n.right
		for n.left != nil {
			n = n.left
		}
		return n
	}
	for n.parent != nil && n.parent.right == n {
		n = n.parent
	}
	return n.parent
}

// prev is the node before n in order, or nil at the start.
func (n *node) prev() *node {
	if n.left != nil {
		n = n.left
		for n.right != nil {
			n = n.right
		}
		return n
	}
	for n.parent != nil && n.parent.left == n {
		n = n.parent
	}
	return n.parent
}

// lookupGE is the first node whose key is at least k (the oldest of its
// duplicates), or nil (eb32_lookup_ge).
func (t *tree) lookupGE(k uint32) *node {
	var best *node
	for n := t.root; n != nil; {
		if n.key >= k {
			best = n
			n = n.left
		} else {
			n = n.right
		}
	}
	return best
}

func (t *tree) empty() bool { return t.root == nil }
