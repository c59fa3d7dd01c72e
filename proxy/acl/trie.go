package acl

import "sort"

// trie is a byte trie for prefix matching (beg) and, fed reversed input,
// suffix matching (end). Each node records the lowest pattern index that
// ends there. Lookups walk the input once and never allocate.
type trie struct {
	fold  bool
	nodes []trieNode
}

type trieNode struct {
	edges []trieEdge // sorted by byte
	term  int32      // pattern index ending here, or -1
}

type trieEdge struct {
	b    byte
	next int32
}

func newTrie(fold bool) *trie {
	return &trie{fold: fold, nodes: []trieNode{{term: -1}}}
}

func (t *trie) child(n int32, b byte) int32 {
	e := t.nodes[n].edges
	lo, hi := 0, len(e)
	for lo < hi {
		m := int(uint(lo+hi) >> 1)
		if e[m].b < b {
			lo = m + 1
		} else {
			hi = m
		}
	}
	if lo < len(e) && e[lo].b == b {
		return e[lo].next
	}
	return -1
}

// add inserts key (reversed when rev) for pattern idx.
func (t *trie) add(key string, idx int32, rev bool) {
	n := int32(0)
	for i := 0; i < len(key); i++ {
		c := key[i]
		if rev {
			c = key[len(key)-1-i]
		}
		if t.fold {
			c = lower(c)
		}
		next := t.child(n, c)
		if next < 0 {
			next = int32(len(t.nodes))
			t.nodes = append(t.nodes, trieNode{term: -1})
			e := t.nodes[n].edges
			j := sort.Search(len(e), func(i int) bool { return e[i].b >= c })
			e = append(e, trieEdge{})
			copy(e[j+1:], e[j:])
			e[j] = trieEdge{b: c, next: next}
			t.nodes[n].edges = e
		}
		n = next
	}
	if t.nodes[n].term < 0 || idx < t.nodes[n].term {
		t.nodes[n].term = idx
	}
}

// match walks in (from its end when rev) and reports the pattern that
// matches: the longest one when longest is set (HAProxy's prefix tree),
// otherwise the lowest index (its lists, first pattern in order).
func (t *trie) match(in []byte, rev, longest bool) (int32, bool) {
	best := int32(-1)
	n := int32(0)
	if t.nodes[0].term >= 0 {
		best = t.nodes[0].term
	}
	for i := 0; i < len(in); i++ {
		c := in[i]
		if rev {
			c = in[len(in)-1-i]
		}
		if t.fold {
			c = lower(c)
		}
		n = t.child(n, c)
		if n < 0 {
			break
		}
		if term := t.nodes[n].term; term >= 0 {
			if longest || best < 0 || term < best {
				best = term
			}
		}
	}
	return best, best >= 0
}
