package sample

// Cookie fetches (configuration.txt §7.3.6 req.cook, res.cook,
// req.cook_cnt, req.cook_val), over http_extract_cookie_value.

// CookieValue finds cookie name in a Cookie (list) or Set-Cookie header
// value from offset from, and returns its value and where to go on
// (http_extract_cookie_value). A Set-Cookie value only names its
// cookie in the first attr=value pair.
func CookieValue(hdr []byte, from int, name string, list bool) (val []byte, next int, ok bool) {
	end := len(hdr)
	for att := from; att+len(name)+1 < end; att = next + 1 {
		for att < end && isSPHT(hdr[att]) {
			att++
		}
		eq, attEnd := att, att
		for eq < end {
			ch := hdr[eq]
			if ch == '=' || ch == ';' || list && ch == ',' {
				break
			}
			eq++
			if isSPHT(ch) {
				continue
			}
			attEnd = eq
		}
		var vb, ve int
		if eq < end && hdr[eq] == '=' {
			vb = eq + 1
			for vb < end && isSPHT(hdr[vb]) {
				vb++
			}
			next = cookieValueEnd(hdr, vb)
			ve = next
			for ve > vb && isSPHT(hdr[ve-1]) {
				ve--
			}
		} else {
			vb, ve, next = eq, eq, eq
		}
		if att < end && hdr[att] == '$' {
			continue
		}
		if eq == next {
			continue
		}
		if attEnd-att == len(name) && string(hdr[att:attEnd]) == name {
			return hdr[vb:ve], next + 1, true
		}
		if !list {
			break
		}
	}
	return nil, 0, false
}

// cookieValueEnd is http_find_cookie_value_end: the first ';' or ','
// outside double quotes.
func cookieValueEnd(v []byte, i int) int {
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
		case c == ',' || c == ';':
			return i
		}
	}
	return i
}

func isSPHT(c byte) bool { return c == ' ' || c == '\t' }

// fetchCookie is smp_fetch_cookie: the last occurrence of a cookie in
// the request's Cookie headers (the response's Set-Cookie headers), or
// every one in turn for ACLs.
func fetchCookie(req, res bool) FetchFunc {
	return func(c *Ctx, a []Arg, out *Sample) bool {
		m := c.msgFor(req, res)
		if m == nil || !a[0].Present {
			return false
		}
		isRes := res || !req && c.Dir == DirRes
		hdr, list := "cookie", true
		if isRes {
			hdr, list = "set-cookie", false
		}
		name := a[0].Str
		cur := hdrCursor{idx: out.it[0] - 1}
		pos := out.it[1]
		if !out.NotLast {
			cur, pos = newCursor(), -1
		}
		found := false
		var last []byte
		for {
			if pos < 0 {
				v, ok := findHeader(m, hdr, true, &cur)
				if !ok {
					break
				}
				if len(v) < len(name)+1 {
					continue
				}
				pos = 0
			}
			_, v := m.Header(cur.idx)
			v = trimLWS(v)
			val, next, ok := CookieValue(v, pos, name, list)
			if !ok {
				pos = -1
				continue
			}
			pos = next
			found, last = true, val
			if c.iterate {
				out.it[0], out.it[1] = cur.idx+1, pos
				out.NotLast = true
				out.setStr(val, true)
				return true
			}
		}
		out.NotLast = false
		if !found {
			return false
		}
		out.setStr(last, true)
		return true
	}
}

func trimLWS(v []byte) []byte {
	for len(v) > 0 && isLWS(v[0]) {
		v = v[1:]
	}
	for len(v) > 0 && isLWS(v[len(v)-1]) {
		v = v[:len(v)-1]
	}
	return v
}

// fetchCookieCnt is smp_fetch_cookie_cnt.
func fetchCookieCnt(req, res bool) FetchFunc {
	return func(c *Ctx, a []Arg, out *Sample) bool {
		m := c.msgFor(req, res)
		if m == nil || !a[0].Present {
			return false
		}
		isRes := res || !req && c.Dir == DirRes
		hdr, list := "cookie", true
		if isRes {
			hdr, list = "set-cookie", false
		}
		n := 0
		cur := newCursor()
		for {
			v, ok := findHeader(m, hdr, true, &cur)
			if !ok {
				break
			}
			pos := 0
			for {
				_, next, ok := CookieValue(v, pos, a[0].Str, list)
				if !ok {
					break
				}
				n++
				pos = next
			}
		}
		out.setInt(SInt, int64(n))
		return true
	}
}

// fetchCookieVal is smp_fetch_cookie_val: the cookie as an integer.
func fetchCookieVal(req, res bool) FetchFunc {
	ck := fetchCookie(req, res)
	return func(c *Ctx, a []Arg, out *Sample) bool {
		if !ck(c, a, out) {
			return false
		}
		out.setInt(SInt, int64(strl2ic(out.Str)))
		return true
	}
}
