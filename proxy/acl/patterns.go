package acl

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"net/netip"
	"regexp"
	"strings"
	"sync/atomic"

	"hakeep/proxy/sample"
)

// Patterns is a compiled set of patterns for one matching method, built
// once at configuration time and read concurrently afterwards. Each
// pattern keeps its position (the order it was given or read in), which
// maps use to find the value. Match* never allocate.
type Patterns struct {
	// cur is the set as the runtime API last made it (refs.go), nil
	// until it changes the set's patterns.
	cur    atomic.Pointer[Patterns]
	Method Method
	// ICase is -i: ASCII case-insensitive comparisons.
	ICase bool
	n     int
	set   *foldSet // str, meth (other methods), dom, dir
	// words is, for dom and dir, the set of word counts the patterns
	// have (bit n: n delimiters inside), and their longest length.
	words  uint64
	maxLen int
	delims delimSet
	trie   *trie // beg, end
	subs   []indexedBytes
	regs   []regPattern
	ints   []intRange
	ips    *ipTable
	bins   []indexedBytes
	meths  []indexed // known HTTP methods
}

type indexed struct {
	s   string
	idx int32
}

type indexedBytes struct {
	b   []byte
	idx int32
}

type regPattern struct {
	re  *regexp.Regexp // nil when only PCRE can run it
	idx int32
}

type intRange struct {
	min, max       int64
	minSet, maxSet bool
	idx            int32
}

// NewPatterns returns an empty set for a method.
func NewPatterns(m Method, icase bool) *Patterns {
	p := &Patterns{Method: m, ICase: icase}
	switch m {
	case MatchStr, MatchAuth, MatchMeth:
		p.set = newFoldSet(icase)
	case MatchDom:
		p.set, p.delims = newFoldSet(icase), newDelimSet(isDomDelim)
	case MatchDir:
		p.set, p.delims = newFoldSet(icase), newDelimSet(isDirDelim)
	case MatchBeg, MatchEnd:
		p.trie = newTrie(icase)
	case MatchIP:
		p.ips = newIPTable()
	}
	return p
}

// Len is the number of patterns added.
func (p *Patterns) Len() int { return p.n }

// Resolver turns a host name into IPv4 addresses for ip patterns (HAProxy
// resolves names in ACL patterns unless -n is given).
type Resolver func(host string) ([]netip.Addr, error)

// Add parses one pattern with the set's method and adds it. The error is
// 2.6's text ("'x' is not a number"). resolve may be nil (no DNS).
func (p *Patterns) Add(text string, resolve Resolver) error {
	idx := int32(p.n)
	switch p.Method {
	case MatchFound, MatchBool:
		// pat_parse_nothing: patterns are accepted and ignored.
	case MatchInt, MatchLen:
		r, err := parseIntRange(text)
		if err != nil {
			return err
		}
		r.idx = idx
		p.ints = append(p.ints, r)
	case MatchVer:
		r, err := parseDottedRange(text)
		if err != nil {
			return err
		}
		r.idx = idx
		p.ints = append(p.ints, r)
	case MatchIP:
		if err := p.addIP(text, idx, resolve); err != nil {
			return err
		}
	case MatchBin:
		b, err := parseHex(text)
		if err != nil {
			return err
		}
		p.bins = append(p.bins, indexedBytes{b: b, idx: idx})
	case MatchStr, MatchAuth:
		p.set.add(text, idx)
	case MatchMeth:
		if knownMethod(text) {
			p.meths = append(p.meths, indexed{s: text, idx: idx})
		} else {
			p.set.add(text, idx)
		}
	case MatchSub:
		p.subs = append(p.subs, indexedBytes{b: []byte(text), idx: idx})
	case MatchReg, MatchRegm:
		re, err := sample.CompileRegex(text, p.ICase)
		if err != nil {
			return err
		}
		p.regs = append(p.regs, regPattern{re: re, idx: idx})
	case MatchBeg:
		p.trie.add(text, idx, false)
	case MatchEnd:
		p.trie.add(text, idx, true)
	case MatchDom:
		p.addWord(stripDelims(text, isDomDelim), idx, isDomDelim)
	case MatchDir:
		p.addWord(stripDelims(text, isDirDelim), idx, isDirDelim)
	}
	p.n++
	return nil
}

// MatchString matches a string sample (str, sub, reg, beg, end, dir, dom,
// len, bin, auth group names) and returns the matching pattern's index.
func (p *Patterns) MatchString(s []byte) (int, bool) {
	p = p.current()
	var idx int32
	ok := false
	switch p.Method {
	case MatchFound:
		return -1, true
	case MatchStr, MatchAuth:
		idx, ok = p.set.get(s)
	case MatchBeg:
		// The prefix tree yields the longest prefix; with -i HAProxy
		// uses its list, first pattern in order.
		idx, ok = p.trie.match(s, false, !p.ICase)
	case MatchEnd:
		idx, ok = p.trie.match(s, true, false)
	case MatchSub:
		for _, x := range p.subs {
			if contains(s, x.b, p.ICase) {
				return int(x.idx), true
			}
		}
	case MatchReg, MatchRegm:
		for _, x := range p.regs {
			if x.re != nil && x.re.Match(s) {
				return int(x.idx), true
			}
		}
	case MatchDom, MatchDir:
		idx, ok = p.matchWords(s)
	case MatchLen:
		return p.MatchInt(int64(len(s)))
	case MatchBin:
		for _, x := range p.bins {
			if bytes.Equal(x.b, s) {
				return int(x.idx), true
			}
		}
	case MatchMeth:
		return p.MatchMethod(s)
	}
	return int(idx), ok
}

// MatchInt matches an integer sample (int, len, dotted versions, bool).
func (p *Patterns) MatchInt(v int64) (int, bool) {
	p = p.current()
	switch p.Method {
	case MatchFound:
		return -1, true
	case MatchBool:
		return -1, v != 0
	}
	for _, r := range p.ints {
		if (!r.minSet || r.min <= v) && (!r.maxSet || v <= r.max) {
			return int(r.idx), true
		}
	}
	return 0, false
}

// MatchIP matches an address sample.
func (p *Patterns) MatchIP(a netip.Addr) (int, bool) {
	p = p.current()
	if p.Method == MatchFound {
		return -1, true
	}
	if p.ips == nil {
		return 0, false
	}
	idx, ok := p.ips.match(a)
	return int(idx), ok
}

// MatchMethod matches an HTTP method (pat_match_meth): a well-known method
// only equals the same well-known pattern; other methods compare as
// strings, case-insensitively with -i.
func (p *Patterns) MatchMethod(m []byte) (int, bool) {
	p = p.current()
	if knownMethodBytes(m) {
		for _, x := range p.meths {
			if x.s == string(m) {
				return int(x.idx), true
			}
		}
		return 0, false
	}
	idx, ok := p.set.get(m)
	return int(idx), ok
}

func knownMethodBytes(m []byte) bool {
	switch string(m) { // no allocation: the compiler compares in place
	case "GET", "HEAD", "POST", "PUT", "DELETE", "OPTIONS", "CONNECT", "TRACE":
		return true
	}
	return false
}

// knownMethod is find_http_meth's list (case-sensitive).
func knownMethod(s string) bool {
	switch s {
	case "GET", "HEAD", "POST", "PUT", "DELETE", "OPTIONS", "CONNECT", "TRACE":
		return true
	}
	return false
}

func contains(s, pat []byte, fold bool) bool {
	if !fold {
		return bytes.Contains(s, pat)
	}
	n := len(pat)
	for i := 0; i+n <= len(s); i++ {
		j := 0
		for j < n && lower(s[i+j]) == lower(pat[j]) {
			j++
		}
		if j == n {
			return true
		}
	}
	return false
}

func isDomDelim(c byte) bool { return c == '/' || c == '?' || c == '.' || c == ':' }
func isDirDelim(c byte) bool { return c == '/' || c == '?' }

// delimSet is a byte set, tested without a call on the hot path.
type delimSet [4]uint64

func newDelimSet(f func(byte) bool) delimSet {
	var d delimSet
	for c := 0; c < 256; c++ {
		if f(byte(c)) {
			d[c>>6] |= 1 << (c & 63)
		}
	}
	return d
}

func (d *delimSet) has(c byte) bool { return d[c>>6]&(1<<(c&63)) != 0 }

// stripDelims removes leading and trailing delimiters, which match_word
// ignores in patterns.
func stripDelims(s string, delim func(byte) bool) string {
	for len(s) > 0 && delim(s[0]) {
		s = s[1:]
	}
	for len(s) > 0 && delim(s[len(s)-1]) {
		s = s[:len(s)-1]
	}
	return s
}

// addWord indexes a dom/dir pattern and records its shape.
func (p *Patterns) addWord(w string, idx int32, delim func(byte) bool) {
	n := 0
	for i := 0; i < len(w); i++ {
		if delim(w[i]) {
			n++
		}
	}
	if n > 63 {
		n = 63
	}
	p.words |= 1 << n
	if len(w) > p.maxLen {
		p.maxLen = len(w)
	}
	p.set.add(w, idx)
}

// matchWords is HAProxy's match_word through an index: a pattern matches
// when it appears in the sample starting at a word start (beginning, or
// after a delimiter) and ending at a word end (end, or before a
// delimiter). From each word start, the span is hashed once as it grows,
// and looked up at each word end whose shape some pattern has; the lowest
// pattern index wins, as in HAProxy's ordered list.
func (p *Patterns) matchWords(s []byte) (int32, bool) {
	best := int32(-1)
	fold := p.set.fold
	d := &p.delims
	for start := 0; start < len(s); start++ {
		if d.has(s[start]) || (start > 0 && !d.has(s[start-1])) {
			continue
		}
		h := uint64(14695981039346656037)
		inner := 0
		for end := start; end < len(s) && end-start < p.maxLen; end++ {
			c := s[end]
			if d.has(c) {
				inner++
				if inner > 63 {
					break
				}
			}
			if fold {
				c = lower(c)
			}
			h = (h ^ uint64(c)) * 1099511628211
			if end+1 < len(s) && !d.has(s[end+1]) {
				continue
			}
			if d.has(s[end]) || p.words&(1<<inner) == 0 {
				continue
			}
			if idx, ok := p.set.getHashed(s[start:end+1], h); ok && (best < 0 || idx < best) {
				best = idx
			}
		}
	}
	return best, best >= 0
}

// parseIntRange is 2.6's pat_parse_int: "n", "min:max", ":max", "min:"
// ('-' works as ':').
func parseIntRange(text string) (intRange, error) {
	var r intRange
	sep := strings.IndexAny(text, ":-")
	if sep < 0 {
		v, ok := strl2llrc(text)
		if !ok {
			return r, fmt.Errorf("'%s' is not a number", text)
		}
		return intRange{min: v, max: v, minSet: true, maxSet: true}, nil
	}
	bad := fmt.Errorf("'%s' is not a valid number range", text)
	lo, hi := text[:sep], text[sep+1:]
	switch {
	case sep == 0 && hi != "":
		v, ok := strl2llrc(hi)
		if !ok {
			return r, bad
		}
		return intRange{max: v, maxSet: true}, nil
	case hi == "":
		v, ok := strl2llrc(lo)
		if !ok {
			return r, bad
		}
		return intRange{min: v, minSet: true}, nil
	}
	a, ok1 := strl2llrc(lo)
	b, ok2 := strl2llrc(hi)
	if !ok1 || !ok2 || a > b {
		return r, bad
	}
	return intRange{min: a, max: b, minSet: true, maxSet: true}, nil
}

// strl2llrc parses an optional '-' and decimal digits, failing on
// anything else or on overflow.
func strl2llrc(s string) (int64, bool) {
	if s == "" {
		return 0, false
	}
	neg := false
	if s[0] == '-' {
		neg = true
		s = s[1:]
		if s == "" {
			return 0, false
		}
	}
	var v int64
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < '0' || c > '9' {
			return 0, false
		}
		if v > (1<<63-1-int64(c-'0'))/10 {
			return 0, false
		}
		v = v*10 + int64(c-'0')
	}
	if neg {
		v = -v
	}
	return v, true
}

// dotted parses "major[.minor]" into major<<16|minor (strl2llrc_dotted).
func dotted(s string) (int64, bool) {
	maj, min := s, ""
	if i := strings.IndexByte(s, '.'); i >= 0 {
		maj, min = s[:i], s[i+1:]
		if min == "" {
			return 0, false
		}
	}
	a, ok := strl2llrc(maj)
	if !ok || a < 0 || a > 65535 {
		return 0, false
	}
	var b int64
	if min != "" {
		if b, ok = strl2llrc(min); !ok || b < 0 || b > 65535 {
			return 0, false
		}
	}
	return a<<16 | b, true
}

// parseDottedRange is pat_parse_dotted_ver.
func parseDottedRange(text string) (intRange, error) {
	sep := strings.IndexAny(text, ":-")
	if sep < 0 {
		v, ok := dotted(text)
		if !ok {
			return intRange{}, fmt.Errorf("'%s' is not a dotted number", text)
		}
		return intRange{min: v, max: v, minSet: true, maxSet: true}, nil
	}
	bad := fmt.Errorf("'%s' is not a valid dotted number range", text)
	lo, hi := text[:sep], text[sep+1:]
	switch {
	case sep == 0 && hi != "":
		v, ok := dotted(hi)
		if !ok {
			return intRange{}, bad
		}
		return intRange{max: v, maxSet: true}, nil
	case hi == "":
		v, ok := dotted(lo)
		if !ok {
			return intRange{}, bad
		}
		return intRange{min: v, minSet: true}, nil
	}
	a, ok1 := dotted(lo)
	b, ok2 := dotted(hi)
	if !ok1 || !ok2 || a > b {
		return intRange{}, bad
	}
	return intRange{min: a, max: b, minSet: true, maxSet: true}, nil
}

// parseHex is parse_binary for -m bin patterns.
func parseHex(s string) ([]byte, error) {
	if len(s)%2 != 0 {
		return nil, fmt.Errorf("an even number of hex digit is expected")
	}
	out := make([]byte, len(s)/2)
	for i := 0; i < len(s); i += 2 {
		hi, ok1 := hexVal(s[i])
		if !ok1 {
			return nil, fmt.Errorf("an hex digit is expected (found '%c')", s[i])
		}
		lo, ok2 := hexVal(s[i+1])
		if !ok2 {
			return nil, fmt.Errorf("an hex digit is expected (found '%c')", s[i+1])
		}
		out[i/2] = hi<<4 | lo
	}
	return out, nil
}

func hexVal(c byte) (byte, bool) {
	switch {
	case c >= '0' && c <= '9':
		return c - '0', true
	case c >= 'a' && c <= 'f':
		return c - 'a' + 10, true
	case c >= 'A' && c <= 'F':
		return c - 'A' + 10, true
	}
	return 0, false
}

// addIP is pat_parse_ip: an IPv4 network (str2net, which resolves names
// and accepts inet_aton's short forms unless -n is given) or an IPv6 one
// (str62net).
func (p *Patterns) addIP(text string, idx int32, resolve Resolver) error {
	if a, m, ok := str2net(text, resolve); ok {
		p.ips.add4(a, m, idx)
		return nil
	}
	if a, bits, ok := str62net(text); ok {
		p.ips.add6(a, bits, idx)
		return nil
	}
	return fmt.Errorf("'%s' is not a valid IPv4 or IPv6 address", text)
}

// str2net parses "addr[/mask]" where mask is dotted or a length.
func str2net(text string, resolve Resolver) (uint32, uint32, bool) {
	host, mask := text, ""
	hasMask := false
	if i := strings.IndexByte(text, '/'); i >= 0 {
		host, mask, hasMask = text[:i], text[i+1:], true
	}
	m := ^uint32(0)
	if hasMask {
		if strings.Contains(mask, ".") {
			a, err := netip.ParseAddr(mask)
			if err != nil || !a.Is4() {
				return 0, 0, false
			}
			b := a.As4()
			m = binary.BigEndian.Uint32(b[:])
		} else {
			n, ok := strl2llrc(mask)
			if !ok || n < 0 || n > 32 {
				return 0, 0, false
			}
			m = mask4(int(n))
		}
	}
	if a, err := netip.ParseAddr(host); err == nil && a.Is4() {
		b := a.As4()
		return binary.BigEndian.Uint32(b[:]), m, true
	}
	if resolve == nil {
		return 0, 0, false
	}
	// gethostbyname() accepts inet_aton's forms before asking DNS.
	if v, ok := inetAton(host); ok {
		return v, m, true
	}
	addrs, err := resolve(host)
	if err != nil {
		return 0, 0, false
	}
	for _, a := range addrs {
		if a.Is4() {
			b := a.As4()
			return binary.BigEndian.Uint32(b[:]), m, true
		}
	}
	return 0, 0, false
}

// inetAton accepts a, a.b, a.b.c and a.b.c.d with decimal, octal (0...)
// and hex (0x...) parts, as inet_aton(3) does.
func inetAton(s string) (uint32, bool) {
	if s == "" {
		return 0, false
	}
	parts := strings.Split(s, ".")
	if len(parts) > 4 {
		return 0, false
	}
	vals := make([]uint64, len(parts))
	for i, p := range parts {
		if p == "" {
			return 0, false
		}
		base := uint64(10)
		switch {
		case len(p) > 1 && (p[:2] == "0x" || p[:2] == "0X"):
			base, p = 16, p[2:]
		case len(p) > 1 && p[0] == '0':
			base, p = 8, p[1:]
		}
		var v uint64
		for j := 0; j < len(p); j++ {
			d, ok := hexVal(p[j])
			if !ok || uint64(d) >= base {
				return 0, false
			}
			v = v*base + uint64(d)
			if v > 0xffffffff {
				return 0, false
			}
		}
		vals[i] = v
	}
	var out uint64
	n := len(vals)
	for i := 0; i < n-1; i++ {
		if vals[i] > 255 {
			return 0, false
		}
		out |= vals[i] << (24 - 8*uint(i))
	}
	last := vals[n-1]
	if last >= 1<<(8*uint(5-n)) {
		return 0, false
	}
	return uint32(out | last), true
}

// str62net parses "addr[/bits]" for IPv6.
func str62net(text string) ([16]byte, int, bool) {
	host, bits := text, 128
	if i := strings.IndexByte(text, '/'); i >= 0 {
		host = text[:i]
		n, ok := strl2llrc(text[i+1:])
		if !ok || n < 0 || n > 128 {
			return [16]byte{}, 0, false
		}
		bits = int(n)
	}
	if !strings.Contains(host, ":") || strings.Contains(host, "%") {
		return [16]byte{}, 0, false
	}
	a, err := netip.ParseAddr(host)
	if err != nil {
		return [16]byte{}, 0, false
	}
	return a.As16(), bits, true
}
