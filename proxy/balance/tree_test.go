package balance

import (
	"math/rand/v2"
	"slices"
	"testing"
)

// TestTreeOrder checks the tree against a sorted slice under random
// inserts and removals with many duplicate keys: the walk must be by key,
// then by insertion, as ebtree's duplicates are.
func TestTreeOrder(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	var tr tree
	nodes := make([]node, 300)
	type entry struct {
		key uint32
		ins int // insertion order
		n   *node
	}
	var ref []entry
	ins := 0
	for step := 0; step < 20000; step++ {
		n := &nodes[r.IntN(len(nodes))]
		if n.in == nil {
			n.key = uint32(r.IntN(40)) << 27 // few distinct keys, high bits used
			tr.insert(n)
			ins++
			ref = append(ref, entry{n.key, ins, n})
		} else {
			n.remove()
			ref = slices.DeleteFunc(ref, func(e entry) bool { return e.n == n })
		}
		if step%97 != 0 {
			continue
		}
		slices.SortFunc(ref, func(a, b entry) int {
			if a.key != b.key {
				if a.key < b.key {
					return -1
				}
				return 1
			}
			return a.ins - b.ins
		})
		i := 0
		for n := tr.first(); n != nil; n = n.next() {
			if i >= len(ref) || ref[i].n != n {
				t.Fatalf("step %d: forward walk differs at %d", step, i)
			}
			i++
		}
		if i != len(ref) {
			t.Fatalf("step %d: walked %d nodes, want %d", step, i, len(ref))
		}
		for n := tr.last(); n != nil; n = n.prev() {
			i--
			if ref[i].n != n {
				t.Fatalf("step %d: backward walk differs at %d", step, i)
			}
		}
		k := uint32(r.IntN(41)) << 27
		var want *node
		for _, e := range ref {
			if e.key >= k {
				want = e.n
				break
			}
		}
		if got := tr.lookupGE(k); got != want {
			t.Fatalf("step %d: lookupGE(%#x) wrong", step, k)
		}
	}
}

func TestTreeRemoveDetachedIsNoop(t *testing.T) {
	var tr tree
	var a, b node
	a.remove()
	tr.insert(&a)
	b.remove()
	if tr.first() != &a || a.next() != nil {
		t.Fatal("removing a detached node changed the tree")
	}
	a.remove()
	if !tr.empty() {
		t.Fatal("tree not empty after removing its only node")
	}
}
