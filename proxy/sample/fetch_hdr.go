package sample

// Header fetches (configuration.txt §7.3.6 req.hdr, req.fhdr, res.hdr,
// hdr_cnt...), over http_find_header's walk: with full set a header line
// is one value, otherwise its comma-separated elements are (commas inside
// double quotes do not split), blanks trimmed around each.

// hdrCursor is struct http_hdr_ctx: the header being walked (idx, -1
// before the first) and where the next element starts in its value.
type hdrCursor struct {
	idx  int
	next int
}

func newCursor() hdrCursor { return hdrCursor{idx: -1} }

// findHeader returns the next value of header name ("" matches any
// header) after cur, and advances cur (__http_find_header).
func findHeader(m Message, name string, full bool, cur *hdrCursor) ([]byte, bool) {
	i := 0
	if cur.idx >= 0 {
		if !full {
			_, v := m.Header(cur.idx)
			p := cur.next
			if p < len(v) {
				if v[p] == ',' {
					p++
				}
				return cur.value(v, p, full), true
			}
		}
		i = cur.idx + 1
	}
	for n := m.NumHeaders(); i < n; i++ {
		hn, v := m.Header(i)
		if len(name) > 0 && !equalFoldStr(hn, name) {
			continue
		}
		cur.idx = i
		return cur.value(v, 0, full), true
	}
	cur.idx = m.NumHeaders()
	return nil, false
}

// value is return_hdr: the element starting at p, trimmed, and where
// the next one starts.
func (cur *hdrCursor) value(v []byte, p int, full bool) []byte {
	for p < len(v) && isLWS(v[p]) {
		p++
	}
	end := len(v)
	if !full {
		end = hdrValueEnd(v, p)
	}
	next := end
	for end > p && isLWS(v[end-1]) {
		end--
	}
	cur.next = next
	return v[p:end]
}

// hdrValueEnd is http_find_hdr_value_end: the first comma outside
// double quotes, backslash pairs honoured inside them.
func hdrValueEnd(v []byte, i int) int {
	quoted, qdpair := false, false
	for ; i < len(v); i++ {
		c := v[i]
		switch {
		case qdpair:
			qdpair = false
		case quoted:
			if c == '\\' {
				qdpair = true
			} else if c == '"' {
				quoted = false
			}
		case c == '"':
			quoted = true
		case c == ',':
			return i
		}
	}
	return i
}

func isLWS(c byte) bool { return c == ' ' || c == '\t' || c == '\r' || c == '\n' }

func lowerByte(c byte) byte {
	if c >= 'A' && c <= 'Z' {
		return c + 'a' - 'A'
	}
	return c
}

func equalFoldStr(a []byte, b string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if lowerByte(a[i]) != lowerByte(b[i]) {
			return false
		}
	}
	return true
}

// maxHdrHistory is MAX_HDR_HISTORY: how far back a negative occurrence
// may reach.
const maxHdrHistory = 10

// getHeader is http_get_htx_hdr: occurrence occ (1 first, -1 last) of a
// header's values.
func getHeader(m Message, name string, full bool, occ int, cur *hdrCursor) ([]byte, bool) {
	if occ >= 0 {
		for {
			v, ok := findHeader(m, name, full, cur)
			if !ok {
				return nil, false
			}
			occ--
			if occ <= 0 {
				return v, true
			}
		}
	}
	if -occ > maxHdrHistory {
		return nil, false
	}
	var hist [maxHdrHistory][]byte
	found, hi := 0, 0
	for {
		v, ok := findHeader(m, name, full, cur)
		if !ok {
			break
		}
		hist[hi] = v
		hi++
		if hi >= maxHdrHistory {
			hi = 0
		}
		found++
	}
	if -occ > found {
		return nil, false
	}
	hi += occ + maxHdrHistory
	if hi >= maxHdrHistory {
		hi -= maxHdrHistory
	}
	return hist[hi], true
}

// msgFor picks the request or the response for a header fetch: req
// forces the request, res the response, neither follows the direction
// (hdr, cookie).
func (c *Ctx) msgFor(req, res bool) Message {
	switch {
	case req:
		return c.Req
	case res:
		return c.Res
	case c.Dir == DirRes:
		return c.Res
	}
	return c.Req
}

// fetchHdr is smp_fetch_hdr and smp_fetch_fhdr: without an occurrence
// it returns the last value, or every value one by one under an ACL.
func fetchHdr(req, res, full bool) FetchFunc {
	return func(c *Ctx, a []Arg, out *Sample) bool {
		m := c.msgFor(req, res)
		if m == nil || !a[0].Present {
			return false
		}
		occ := 0
		if len(a) > 1 && a[1].Present {
			occ = int(a[1].Int)
		}
		cur := hdrCursor{idx: out.it[0] - 1, next: out.it[1]}
		if !out.NotLast {
			cur = newCursor()
		}
		if occ == 0 && !c.iterate {
			occ = -1
		}
		out.NotLast = occ == 0
		v, ok := getHeader(m, a[0].Str, full, occ, &cur)
		out.it[0], out.it[1] = cur.idx+1, cur.next
		if !ok {
			out.NotLast = false
			return false
		}
		out.setStr(v, true)
		return true
	}
}

// fetchHdrCnt is smp_fetch_hdr_cnt / smp_fetch_fhdr_cnt.
func fetchHdrCnt(req, res, full bool) FetchFunc {
	return func(c *Ctx, a []Arg, out *Sample) bool {
		m := c.msgFor(req, res)
		if m == nil {
			return false
		}
		name := ""
		if a[0].Present {
			name = a[0].Str
		}
		cur := newCursor()
		n := 0
		for {
			if _, ok := findHeader(m, name, full, &cur); !ok {
				break
			}
			n++
		}
		out.setInt(SInt, int64(n))
		return true
	}
}

// fetchHdrVal is smp_fetch_hdr_val: the header as a 32-bit integer
// (strl2ic).
func fetchHdrVal(req, res bool) FetchFunc {
	hdr := fetchHdr(req, res, false)
	return func(c *Ctx, a []Arg, out *Sample) bool {
		if !hdr(c, a, out) {
			return false
		}
		out.setInt(SInt, int64(strl2ic(out.Str)))
		return true
	}
}

// strl2ic is HAProxy's strl2ic: a 32-bit integer from leading digits.
func strl2ic(s []byte) int32 {
	var i int32
	if len(s) == 0 {
		return 0
	}
	if s[0] != '-' {
		for _, ch := range s {
			j := ch - '0'
			if j > 9 {
				break
			}
			i = i*10 + int32(j)
		}
		return i
	}
	for _, ch := range s[1:] {
		j := ch - '0'
		if j > 9 {
			break
		}
		i = i*10 - int32(j)
	}
	return i
}

// fetchHdrIP is smp_fetch_hdr_ip: the first value that is an address.
func fetchHdrIP(req, res bool) FetchFunc {
	hdr := fetchHdr(req, res, false)
	return func(c *Ctx, a []Arg, out *Sample) bool {
		for hdr(c, a, out) {
			if len(out.Str) < 64 {
				if ip, ok := buf2ip(out.Str); ok {
					out.Type, out.Addr, out.Str, out.Const = IPv4, ip, nil, false
					return true
				}
				if ip, ok := buf2ip6(out.Str); ok {
					out.Type, out.Addr, out.Str, out.Const = IPv6, ip, nil, false
					return true
				}
			}
			if !out.NotLast {
				return false
			}
		}
		return false
	}
}

// fetchHdrs is smp_fetch_hdrs: the header block as HTTP/1 text, names
// in lower case, ending with an empty line.
func fetchHdrs(req bool) FetchFunc {
	return func(c *Ctx, a []Arg, out *Sample) bool {
		m := c.msgFor(req, !req)
		if m == nil {
			return false
		}
		t := c.Trash()
		for i, n := 0, m.NumHeaders(); i < n; i++ {
			hn, v := m.Header(i)
			if len(t)+len(hn)+len(v)+4 > cap(t) {
				return false
			}
			t = append(t, hn...)
			t = append(t, ": "...)
			t = append(t, v...)
			t = append(t, "\r\n"...)
		}
		if len(t)+2 > cap(t) {
			return false
		}
		t = append(t, "\r\n"...)
		out.setStr(t, false)
		return true
	}
}

// fetchHdrNames is smp_fetch_hdr_names: the names joined by a delimiter
// (',' by default).
func fetchHdrNames(req bool) FetchFunc {
	return func(c *Ctx, a []Arg, out *Sample) bool {
		m := c.msgFor(req, !req)
		if m == nil {
			return false
		}
		delim := byte(',')
		if a[0].Present && a[0].Str != "" {
			delim = a[0].Str[0]
		}
		t := c.Trash()
		for i, n := 0, m.NumHeaders(); i < n; i++ {
			hn, _ := m.Header(i)
			if i > 0 {
				t = append(t, delim)
			}
			t = append(t, hn...)
		}
		out.setStr(t, false)
		return true
	}
}
