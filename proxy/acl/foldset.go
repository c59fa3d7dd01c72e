package acl

// foldSet is an open-addressing hash table from byte strings to the index
// of the first pattern that holds them. With fold set, keys compare
// ASCII-case-insensitively (HAProxy's -i uses tolower()). Lookups take a
// []byte and never allocate, which a Go map cannot promise for folded keys.
type foldSet struct {
	fold  bool
	keys  []string
	vals  []int32
	slots []int32 // index+1 into keys; 0 is empty
	mask  uint64
}

func newFoldSet(fold bool) *foldSet {
	return &foldSet{fold: fold, slots: make([]int32, 16), mask: 15}
}

func lower(c byte) byte {
	if c >= 'A' && c <= 'Z' {
		return c + 'a' - 'A'
	}
	return c
}

// hash is FNV-1a over the (folded) bytes.
func (s *foldSet) hash(b []byte) uint64 {
	h := uint64(14695981039346656037)
	if s.fold {
		for _, c := range b {
			h ^= uint64(lower(c))
			h *= 1099511628211
		}
		return h
	}
	for _, c := range b {
		h ^= uint64(c)
		h *= 1099511628211
	}
	return h
}

func (s *foldSet) hashString(k string) uint64 {
	h := uint64(14695981039346656037)
	for i := 0; i < len(k); i++ {
		c := k[i]
		if s.fold {
			c = lower(c)
		}
		h ^= uint64(c)
		h *= 1099511628211
	}
	return h
}

func (s *foldSet) equal(k string, b []byte) bool {
	if len(k) != len(b) {
		return false
	}
	if !s.fold {
		return k == string(b) // the compiler does not allocate here
	}
	for i := 0; i < len(b); i++ {
		if lower(k[i]) != lower(b[i]) {
			return false
		}
	}
	return true
}

// add inserts k with value v unless k is already present (the first
// pattern in file order wins, as in HAProxy's lists and trees).
func (s *foldSet) add(k string, v int32) {
	if (len(s.keys)+1)*4 > len(s.slots)*3 {
		s.grow()
	}
	h := s.hashString(k)
	for i := h & s.mask; ; i = (i + 1) & s.mask {
		j := s.slots[i]
		if j == 0 {
			s.keys = append(s.keys, k)
			s.vals = append(s.vals, v)
			s.slots[i] = int32(len(s.keys))
			return
		}
		if s.equal(s.keys[j-1], []byte(k)) {
			return
		}
	}
}

func (s *foldSet) grow() {
	n := len(s.slots) * 2
	s.slots = make([]int32, n)
	s.mask = uint64(n - 1)
	for j, k := range s.keys {
		h := s.hashString(k)
		i := h & s.mask
		for s.slots[i] != 0 {
			i = (i + 1) & s.mask
		}
		s.slots[i] = int32(j + 1)
	}
}

// get returns the value stored for b.
func (s *foldSet) get(b []byte) (int32, bool) {
	if len(s.keys) == 0 {
		return 0, false
	}
	return s.getHashed(b, s.hash(b))
}

// getHashed is get with b's hash already computed (FNV-1a, folded as
// the set folds), for callers that hash incrementally.
func (s *foldSet) getHashed(b []byte, h uint64) (int32, bool) {
	for i := h & s.mask; ; i = (i + 1) & s.mask {
		j := s.slots[i]
		if j == 0 {
			return 0, false
		}
		if s.equal(s.keys[j-1], b) {
			return s.vals[j-1], true
		}
	}
}

func (s *foldSet) len() int { return len(s.keys) }
