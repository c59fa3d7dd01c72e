package acl

import (
	"fmt"
	"net/netip"
	"strconv"
	"strings"
	"sync"

	"hakeep/proxy/sample"
)

// Pattern references (struct pat_ref, management.txt section 9.3 "show
// map", "show acl"): every pattern or map file, and the patterns written
// on each "acl" line, get a reference with a unique id in the order the
// configuration creates them. The runtime API reads and edits the
// entries of a reference; the maps built from a file follow every
// change, swapped whole so that lookups never wait.

// Ref is one pattern reference.
type Ref struct {
	ID int
	// File is the file's name; empty for the patterns of an acl line.
	File string
	// Map tells a map file from an ACL file or acl line.
	Map bool
	// desc is an acl line's description; uses the places that load a
	// file.
	desc string
	uses []string

	mu               sync.Mutex
	entries          []*RefEntry
	currVer, nextVer uint32
	// maps and pats are the maps and the ACL pattern sets built from
	// the reference.
	maps []*Map
	pats []*Patterns
}

// RefEntry is one pattern, or one key and its value.
type RefEntry struct {
	Key, Value string
	gen        uint32
}

// refRegistry holds an Env's references.
type refRegistry struct {
	refs   []*Ref
	byFile map[string]*Ref
}

func (e *Env) registry() *refRegistry {
	if e.reg == nil {
		e.reg = &refRegistry{byFile: map[string]*Ref{}}
	}
	return e.reg
}

// fileRef returns the reference of a file, made when the file is first
// read.
func (e *Env) fileRef(name string, f *patFile) *Ref {
	r := e.registry()
	if ref, ok := r.byFile[name]; ok {
		return ref
	}
	ref := &Ref{ID: len(r.refs), File: name, Map: f.twoCols}
	for _, en := range f.entries {
		ref.entries = append(ref.entries, &RefEntry{Key: en.key, Value: en.value})
	}
	r.refs = append(r.refs, ref)
	r.byFile[name] = ref
	return ref
}

// useFile records a use of a file ("used by map at file 'F' line N").
func (e *Env) useFile(name, what, file string, line int) *Ref {
	ref := e.registry().byFile[name]
	if ref != nil {
		ref.uses = append(ref.uses, fmt.Sprintf("%s at file '%s' line %d", what, file, line))
	}
	return ref
}

// usePatterns records an ACL's use of a file and its pattern set.
func (e *Env) usePatterns(name string, p *Patterns, file string, line int) {
	if ref := e.useFile(name, "acl", file, line); ref != nil {
		ref.pats = append(ref.pats, p)
	}
}

// lineRef records the patterns written on an acl line.
func (e *Env) lineRef(kw, file string, line int, p *Patterns, patterns []string) {
	r := e.registry()
	ref := &Ref{ID: len(r.refs), desc: fmt.Sprintf("acl '%s' file '%s' line %d", kw, file, line),
		pats: []*Patterns{p}}
	for _, p := range patterns {
		ref.entries = append(ref.entries, &RefEntry{Key: p})
	}
	r.refs = append(r.refs, ref)
}

// Refs lists the map references (maps true) or the ACL ones.
func (e *Env) Refs(maps bool) []*Ref {
	if e == nil || e.reg == nil {
		return nil
	}
	var out []*Ref
	for _, r := range e.reg.refs {
		if r.Map == maps {
			out = append(out, r)
		}
	}
	return out
}

// Lookup finds a reference by file name or "#<id>" (pat_ref_lookup_ref).
func (e *Env) Lookup(maps bool, name string) *Ref {
	for _, r := range e.Refs(maps) {
		if strings.HasPrefix(name, "#") {
			if id, err := strconv.Atoi(name[1:]); err == nil && id == r.ID {
				return r
			}
			continue
		}
		if r.File != "" && r.File == name {
			return r
		}
	}
	return nil
}

// FileRef is the reference of a pattern or map file, nil when no ACL or
// map of the configuration loaded it.
func (e *Env) FileRef(name string) *Ref {
	if e == nil || e.reg == nil {
		return nil
	}
	return e.reg.byFile[name]
}

// Put is what the add-acl and set-map actions do to the current
// version: a key not there yet is added; one already there gets the new
// value when replace is set (pat_ref_find_elt, pat_ref_set, pat_ref_add).
func (r *Ref) Put(key, value string, replace bool) error {
	r.mu.Lock()
	found, cur := false, r.currVer
	for _, en := range r.entries {
		if en.gen == cur && en.Key == key {
			found = true
			break
		}
	}
	r.mu.Unlock()
	switch {
	case found && replace:
		_, err := r.Set(key, nil, value)
		return err
	case found:
		return nil
	}
	return r.Add(cur, key, value)
}

// Describe is the reference's line of "show map"/"show acl" after its
// id.
func (r *Ref) Describe() string {
	r.mu.Lock()
	defer r.mu.Unlock()
	d := r.desc
	if r.File != "" {
		d = "pattern loaded from file '" + r.File + "'"
		if len(r.uses) > 0 {
			d += " used by " + strings.Join(r.uses, ", by ")
		}
	}
	n := 0
	for _, en := range r.entries {
		if en.gen == r.currVer {
			n++
		}
	}
	return fmt.Sprintf("(%s) %s. curr_ver=%d next_ver=%d entry_cnt=%d", r.File, d, r.currVer, r.nextVer, n)
}

// Entries are the entries of a version.
func (r *Ref) Entries(ver uint32) []*RefEntry {
	r.mu.Lock()
	defer r.mu.Unlock()
	var out []*RefEntry
	for _, en := range r.entries {
		if en.gen == ver {
			out = append(out, en)
		}
	}
	return out
}

// Versions are the current and the next version.
func (r *Ref) Versions() (curr, next uint32) {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.currVer, r.nextVer
}

// EntryError is an entry a map or a pattern set of the reference cannot
// parse; Msg is the parser's message.
type EntryError struct{ Msg string }

func (e *EntryError) Error() string { return e.Msg }

// Add adds an entry to a version; the current version's maps follow.
func (r *Ref) Add(ver uint32, key, value string) error {
	r.mu.Lock()
	defer r.mu.Unlock()
	for _, m := range r.maps {
		probe := &Map{Patterns: NewPatterns(m.Patterns.Method, m.Patterns.ICase), Out: m.Out}
		if err := probe.add(key, value); err != nil {
			return &EntryError{Msg: err.Error()}
		}
	}
	for _, p := range r.pats {
		if err := NewPatterns(p.Method, p.ICase).Add(key, nil); err != nil {
			return &EntryError{Msg: err.Error()}
		}
	}
	r.entries = append(r.entries, &RefEntry{Key: key, Value: value, gen: ver})
	r.rebuild()
	return nil
}

// Set changes the value of the current version's entries with key (or
// of the entry given), reporting whether one was found.
func (r *Ref) Set(key string, entry *RefEntry, value string) (bool, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	found := false
	for _, en := range r.entries {
		if en.gen == r.currVer && (en == entry || (entry == nil && en.Key == key)) {
			for _, m := range r.maps {
				if _, ok := parseMapValue(value, m.Out); !ok {
					return found, &EntryError{Msg: fmt.Sprintf("unable to parse '%s'", value)}
				}
			}
			en.Value = value
			found = true
		}
	}
	r.rebuild()
	return found, nil
}

// Delete removes the current version's entries with key (or the entry
// given), reporting whether one was found.
func (r *Ref) Delete(key string, entry *RefEntry) bool {
	r.mu.Lock()
	defer r.mu.Unlock()
	found := false
	kept := r.entries[:0]
	for _, en := range r.entries {
		if en.gen == r.currVer && (en == entry || (entry == nil && en.Key == key)) {
			found = true
			continue
		}
		kept = append(kept, en)
	}
	r.entries = kept
	r.rebuild()
	return found
}

// Clear removes every entry of a version.
func (r *Ref) Clear(ver uint32) {
	r.mu.Lock()
	defer r.mu.Unlock()
	kept := r.entries[:0]
	for _, en := range r.entries {
		if en.gen != ver {
			kept = append(kept, en)
		}
	}
	r.entries = kept
	r.rebuild()
}

// Prepare opens a new version (pat_ref_newgen) and returns it.
func (r *Ref) Prepare() uint32 {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.nextVer++
	return r.nextVer
}

// Commit makes a version the current one and drops the older ones
// (pat_ref_commit); false when the version is not between the current
// and the next one.
func (r *Ref) Commit(ver uint32) bool {
	r.mu.Lock()
	defer r.mu.Unlock()
	if int32(ver-r.currVer) <= 0 || int32(r.nextVer-ver) < 0 {
		return false
	}
	r.currVer = ver
	kept := r.entries[:0]
	for _, en := range r.entries {
		if int32(en.gen-ver) >= 0 {
			kept = append(kept, en)
		}
	}
	r.entries = kept
	r.rebuild()
	return true
}

// Find is the entry of the current version an address names ("#0x..."
// as "show map" prints them).
func (r *Ref) Find(ptr string) *RefEntry {
	r.mu.Lock()
	defer r.mu.Unlock()
	for _, en := range r.entries {
		if en.gen == r.currVer && EntryID(en) == ptr {
			return en
		}
	}
	return nil
}

// EntryID is how "show map" names an entry: its address.
func EntryID(en *RefEntry) string { return fmt.Sprintf("%p", en) }

// rebuild swaps new maps and pattern sets built from the current
// version into every map and set of the reference; r.mu is held.
func (r *Ref) rebuild() {
	for _, p := range r.pats {
		np := NewPatterns(p.Method, p.ICase)
		for _, en := range r.entries {
			if en.gen == r.currVer {
				// patterns were checked when added; no DNS at run time
				np.Add(en.Key, nil)
			}
		}
		p.cur.Store(np)
	}
	for _, m := range r.maps {
		nm := &Map{Patterns: NewPatterns(m.Patterns.Method, m.Patterns.ICase), Out: m.Out}
		for _, en := range r.entries {
			if en.gen == r.currVer {
				// entries were checked when added
				nm.add(en.Key, en.Value)
			}
		}
		m.cur.Store(nm)
	}
}

// attachMap makes m follow the reference of file.
func (e *Env) attachMap(file string, m *Map) {
	if ref := e.registry().byFile[file]; ref != nil {
		ref.mu.Lock()
		ref.maps = append(ref.maps, m)
		ref.mu.Unlock()
	}
}

// current is the map as the runtime API last made it.
func (m *Map) current() *Map {
	if c := m.cur.Load(); c != nil {
		return c
	}
	return m
}

// Match is what "get map" and "get acl" report for a value: for each
// map or pattern set of the reference, its method and case, and the
// entry that matches.
type Match struct {
	Method string
	ICase  bool
	Found  bool
	// Entry matched; Tree tells an indexed lookup from a list walk.
	Entry *RefEntry
	Tree  bool
	// Out is a map's output type ("str", "int", "ip").
	Out string
}

// Lookup matches a value against each map or set of the reference, as
// they are now.
func (r *Ref) Lookup(value string) []Match {
	r.mu.Lock()
	defer r.mu.Unlock()
	var cur []*RefEntry
	for _, en := range r.entries {
		if en.gen == r.currVer {
			cur = append(cur, en)
		}
	}
	var out []Match
	seen := map[[2]int]bool{}
	try := func(p *Patterns, outType string) {
		k := [2]int{int(p.Method), 0}
		if p.ICase {
			k[1] = 1
		}
		if seen[k] {
			// 2.6 shares one expression per method and case
			return
		}
		seen[k] = true
		m := Match{Method: p.Method.String(), ICase: p.ICase, Out: outType,
			Tree: p.Method == MatchStr || p.Method == MatchIP || p.Method == MatchBeg}
		np := NewPatterns(p.Method, p.ICase)
		for _, en := range cur {
			np.Add(en.Key, nil)
		}
		smp := &sample.Sample{Type: sample.Str, Str: []byte(value)}
		switch p.Method {
		case MatchInt:
			if v, err := strconv.ParseInt(value, 10, 64); err == nil {
				smp = &sample.Sample{Type: sample.SInt, Int: v}
			}
		case MatchIP:
			if a, err := netip.ParseAddr(value); err == nil {
				smp = &sample.Sample{Type: sample.IPv4, Addr: a}
				if a.Is6() {
					smp.Type = sample.IPv6
				}
			}
		}
		if i, ok := np.matchSampleIdx(smp); ok && i >= 0 && i < len(cur) {
			m.Found, m.Entry = true, cur[i]
		}
		out = append(out, m)
	}
	for _, m := range r.maps {
		t := "str"
		switch m.Out {
		case sample.SInt:
			t = "int"
		case sample.Addr:
			t = "ip"
		}
		try(m.Patterns, t)
	}
	for _, p := range r.pats {
		try(p, "")
	}
	return out
}

// current is the pattern set as the runtime API last made it.
func (p *Patterns) current() *Patterns {
	if c := p.cur.Load(); c != nil {
		return c
	}
	return p
}
