package capture

// cookies captures into v the first cookie of the named headers
// ("cookie" or "set-cookie") whose "name=value", spaces around '='
// removed, starts with the captured name (http_manage_client_side_cookies()
// and http_manage_server_side_cookies() of 2.6). A request header holds
// cookies separated by ';' or ','; a Set-Cookie header one cookie, its
// attributes after it.
func (s *Set) cookies(h Headers, header string, v *value) {
	want := s.spec.Cookie
	multi := header == "cookie"
	for i, n := 0, h.NumHeaders(); i < n && !v.set; i++ {
		name, hv := h.Header(i)
		if string(name) != header {
			continue
		}
		for p := 0; p < len(hv) && !v.set; {
			var c cookie
			p = c.parse(hv, p, multi)
			if !c.ok || (multi && len(c.name) > 0 && c.name[0] == '$') {
				continue
			}
			if c.len() < len(want) || !c.hasPrefix(want) {
				continue
			}
			v.b = append(append(append(v.b[:0], c.name...), '='), c.value...)
			if len(v.b) > s.spec.CookieLen {
				v.b = v.b[:s.spec.CookieLen]
			}
			v.set = true
		}
	}
}

// cookie is one name=value of a cookie header.
type cookie struct {
	name, value []byte
	ok          bool // an '=' was found
}

func (c *cookie) len() int { return len(c.name) + 1 + len(c.value) }

func (c *cookie) hasPrefix(p string) bool {
	for i := 0; i < len(p); i++ {
		var b byte
		switch {
		case i < len(c.name):
			b = c.name[i]
		case i == len(c.name):
			b = '='
		default:
			b = c.value[i-len(c.name)-1]
		}
		if b != p[i] {
			return false
		}
	}
	return true
}

func isSpHt(b byte) bool { return b == ' ' || b == '\t' }

// parse reads the cookie starting at p (a delimiter, or the start of the
// value) and returns where the next one starts.
func (c *cookie) parse(hv []byte, p int, multi bool) int {
	if p > 0 {
		p++ // the delimiter
	}
	for p < len(hv) && isSpHt(hv[p]) {
		p++
	}
	attBeg, attEnd, eq := p, p, p
	for eq < len(hv) {
		b := hv[eq]
		if b == '=' || b == ';' || (multi && b == ',') {
			break
		}
		eq++
		if !isSpHt(b) {
			attEnd = eq
		}
	}
	c.name = hv[attBeg:attEnd]
	if eq >= len(hv) || hv[eq] != '=' {
		c.ok = false
		if !multi {
			return len(hv)
		}
		return eq
	}
	valBeg := eq + 1
	for valBeg < len(hv) && isSpHt(hv[valBeg]) {
		valBeg++
	}
	next := valueEnd(hv, valBeg)
	valEnd := next
	for valEnd > valBeg && isSpHt(hv[valEnd-1]) {
		valEnd--
	}
	c.value, c.ok = hv[valBeg:valEnd], true
	if !multi {
		// Set-Cookie: what follows are the cookie's attributes
		return len(hv)
	}
	return next
}

// valueEnd is http_find_cookie_value_end(): the ';' or ',' ending a
// value, quoted strings skipped (Set-Cookie values too end at a comma).
func valueEnd(hv []byte, p int) int {
	quoted, pair := false, false
	for ; p < len(hv); p++ {
		b := hv[p]
		switch {
		case pair:
			pair = false
		case quoted:
			if b == '\\' {
				pair = true
			} else if b == '"' {
				quoted = false
			}
		case b == '"':
			quoted = true
		case b == ';' || b == ',':
			return p
		}
	}
	return p
}
