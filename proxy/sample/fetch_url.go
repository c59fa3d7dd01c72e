package sample

// Request line fetches (configuration.txt §7.3.6: method, path, url,
// base, query, url_param...).

// HTTPPath is http_get_path() for the packages that rewrite URIs.
func HTTPPath(uri []byte) ([]byte, bool) { return httpPath(uri) }

// httpPath is http_get_path(): the path of an origin-form or
// absolute-form URI (scheme://authority/path...), query included; ok is
// false for "*" and authorities.
func httpPath(uri []byte) ([]byte, bool) {
	if len(uri) == 0 || uri[0] == '*' {
		return nil, false
	}
	i := 0
	if isAlpha(uri[0]) {
		i++
		for i < len(uri) && (isAlnum(uri[i]) || uri[i] == '+' || uri[i] == '-' || uri[i] == '.') {
			i++
		}
		for _, want := range [...]byte{':', '/', '/'} {
			if i == len(uri) || uri[i] != want {
				return nil, false
			}
			i++
		}
	}
	for i < len(uri) && uri[i] != '/' {
		i++
	}
	if i == len(uri) {
		return nil, false
	}
	return uri[i:], true
}

func isAlpha(c byte) bool { return c|0x20 >= 'a' && c|0x20 <= 'z' }

func indexByte(b []byte, c byte) int {
	for i, x := range b {
		if x == c {
			return i
		}
	}
	return -1
}

// fetchPath is smp_fetch_path: path, or pathq with the query.
func fetchPath(withQuery bool) FetchFunc {
	return func(c *Ctx, a []Arg, out *Sample) bool {
		if c.Req == nil {
			return false
		}
		p, ok := httpPath(c.Req.URI())
		if !ok {
			return false
		}
		if !withQuery {
			if i := indexByte(p, '?'); i >= 0 {
				p = p[:i]
			}
		}
		out.setStr(p, true)
		return true
	}
}

func fetchURL(c *Ctx, a []Arg, out *Sample) bool {
	if c.Req == nil || len(c.Req.URI()) == 0 {
		return false
	}
	out.setStr(c.Req.URI(), true)
	return true
}

func fetchMethod(c *Ctx, a []Arg, out *Sample) bool {
	if c.Req == nil {
		return false
	}
	out.Type, out.Str, out.Const = Meth, c.Req.Method(), true
	return true
}

// fetchQuery is smp_fetch_query: what follows the first '?'.
func fetchQuery(c *Ctx, a []Arg, out *Sample) bool {
	if c.Req == nil {
		return false
	}
	u := c.Req.URI()
	i := indexByte(u, '?')
	if i < 0 {
		return false
	}
	out.setStr(u[i+1:], true)
	return true
}

// fetchBase is smp_fetch_base: the first Host value followed by the
// path (baseq: with the query); without Host, the path alone.
func fetchBase(withQuery bool) FetchFunc {
	path := fetchPath(withQuery)
	return func(c *Ctx, a []Arg, out *Sample) bool {
		if c.Req == nil {
			return false
		}
		cur := newCursor()
		host, ok := findHeader(c.Req, "host", false, &cur)
		if !ok || len(host) == 0 {
			return path(c, a, out)
		}
		t := append(c.Trash(), host...)
		if p, ok := httpPath(c.Req.URI()); ok {
			if !withQuery {
				if i := indexByte(p, '?'); i >= 0 {
					p = p[:i]
				}
			}
			if len(p) > 0 && p[0] == '/' {
				t = append(t, p...)
			}
		}
		out.setStr(t, false)
		return true
	}
}

// fetchBase32 is smp_fetch_base32: the sdbm hash of Host and path,
// avalanched with full_hash.
func fetchBase32(c *Ctx, a []Arg, out *Sample) bool {
	if c.Req == nil {
		return false
	}
	var h uint32
	cur := newCursor()
	if host, ok := findHeader(c.Req, "host", false, &cur); ok && len(host) > 0 {
		h = sdbmAdd(h, host)
	}
	if p, ok := httpPath(c.Req.URI()); ok {
		if i := indexByte(p, '?'); i >= 0 {
			p = p[:i]
		}
		h = sdbmAdd(h, p)
	}
	out.setInt(SInt, int64(fullHash(h)))
	return true
}

// fetchVer is smp_fetch_rqver / smp_fetch_stver: the version after '/'.
func fetchVer(res bool) FetchFunc {
	return func(c *Ctx, a []Arg, out *Sample) bool {
		m := c.Req
		if res {
			m = c.Res
		}
		if m == nil {
			return false
		}
		v := m.Version()
		i := indexByte(v, '/')
		if i < 0 || i == len(v)-1 {
			return false
		}
		out.setStr(v[i+1:], true)
		return true
	}
}

func fetchStatus(c *Ctx, a []Arg, out *Sample) bool {
	if c.Res == nil {
		return false
	}
	out.setInt(SInt, int64(c.Res.Status()))
	return true
}

// paramDelim is http_is_param_delimiter.
func paramDelim(c, delim byte) bool { return c == '&' || c == ';' || c == delim }

// nextURLParam is http_find_next_url_param over params[pos:]: the next
// value of name ("" for any parameter), and where to go on from.
func nextURLParam(params []byte, pos int, name string, delim byte, icase bool) (vs, ve int, ok bool) {
	end := len(params)
	var start int
	if name != "" {
		start = -1
		p := pos
		for p < end {
			eq := p + len(name)
			if eq >= end {
				return 0, 0, false
			}
			if params[eq] == '=' {
				cand := params[p:eq]
				if icase && equalFoldStr(cand, name) || !icase && string(cand) == name {
					start = p
					break
				}
				p = eq + 1
			}
			for p < end && !paramDelim(params[p], delim) {
				p++
			}
			if p >= end {
				return 0, 0, false
			}
			p++
		}
		if start < 0 {
			return 0, 0, false
		}
		vs = start + len(name) + 1
	} else {
		i := indexByte(params[pos:], '=')
		if i < 0 {
			return 0, 0, false
		}
		vs = pos + i + 1
	}
	ve = vs
	for ve < end && !paramDelim(params[ve], delim) {
		ve++
	}
	return vs, ve, true
}

// fetchURLParam is smp_fetch_url_param: url_param(name[,delim[,i]])
// walks the query (or what follows delim), every value in turn for
// ACLs, the first one otherwise.
func fetchURLParam(c *Ctx, a []Arg, out *Sample) bool {
	if c.Req == nil {
		return false
	}
	name := ""
	if a[0].Present {
		name = a[0].Str
	}
	delim := byte('?')
	if len(a) > 1 && a[1].Present && a[1].Str != "" {
		delim = a[1].Str[0]
	}
	icase := len(a) > 2 && a[2].Present && a[2].Str == "i"
	u := c.Req.URI()
	i := indexByte(u, delim)
	if i < 0 {
		return false
	}
	params := u[i+1:]
	pos := 0
	if out.NotLast {
		pos = out.it[0]
	}
	vs, ve, ok := nextURLParam(params, pos, name, delim, icase)
	if !ok {
		out.NotLast = false
		return false
	}
	out.setStr(params[vs:ve], true)
	out.it[0] = ve
	out.NotLast = ve < len(params)
	return true
}

// fetchURLParamVal is urlp_val: the parameter as a 32-bit integer.
func fetchURLParamVal(c *Ctx, a []Arg, out *Sample) bool {
	if !fetchURLParam(c, a, out) {
		return false
	}
	out.setInt(SInt, int64(strl2ic(out.Str)))
	return true
}

// fetchBody returns the request or response body received so far
// (req.body, res.body), or its length.
func fetchBody(res, length bool) FetchFunc {
	return func(c *Ctx, a []Arg, out *Sample) bool {
		m := c.Req
		if res {
			m = c.Res
		}
		if m == nil {
			return false
		}
		b := m.Body()
		if length {
			out.setInt(SInt, int64(len(b)))
			return true
		}
		out.Type, out.Str, out.Const = Bin, b, true
		return true
	}
}

// fetchBodyParam is req.body_param: a parameter of a form body.
func fetchBodyParam(c *Ctx, a []Arg, out *Sample) bool {
	if c.Req == nil {
		return false
	}
	name := ""
	if a[0].Present {
		name = a[0].Str
	}
	icase := len(a) > 1 && a[1].Present && a[1].Str == "i"
	body := c.Req.Body()
	pos := 0
	if out.NotLast {
		pos = out.it[0]
	}
	vs, ve, ok := nextURLParam(body, pos, name, '&', icase)
	if !ok {
		out.NotLast = false
		return false
	}
	out.Type, out.Str, out.Const = Bin, body[vs:ve], true
	out.it[0] = ve
	out.NotLast = ve < len(body)
	return true
}

// fetchReqLinePart is capture.req.method, capture.req.uri,
// capture.req.ver (the whole "HTTP/x.y") and capture.res.ver.
func fetchReqLinePart(part int) FetchFunc {
	return func(c *Ctx, a []Arg, out *Sample) bool {
		m := c.Req
		if part == 3 {
			m = c.Res
		}
		if m == nil {
			return false
		}
		switch part {
		case 0:
			out.setStr(m.Method(), true)
		case 1:
			out.setStr(m.URI(), true)
		default:
			out.setStr(m.Version(), true)
		}
		return true
	}
}

// urlHost returns the host[:port] of an absolute URI.
func urlHost(uri []byte) ([]byte, bool) {
	p, ok := httpPath(uri)
	if !ok {
		p = uri[len(uri):]
	}
	pre := uri[:len(uri)-len(p)]
	i := 0
	for i+2 < len(pre) && !(pre[i] == ':' && pre[i+1] == '/' && pre[i+2] == '/') {
		i++
	}
	if i+2 >= len(pre) {
		return nil, false
	}
	return pre[i+3:], true
}

// fetchURLIP is url_ip: the IPv4 address of an absolute URI's host.
func fetchURLIP(c *Ctx, a []Arg, out *Sample) bool {
	if c.Req == nil {
		return false
	}
	h, ok := urlHost(c.Req.URI())
	if !ok {
		return false
	}
	host, _ := splitHostPort(h)
	ip, ok := buf2ip(host)
	if !ok {
		return false
	}
	out.Type, out.Addr, out.Str, out.Const = IPv4, ip, nil, false
	return true
}

// fetchURLPort is url_port: the port of an absolute URI, 80 by default.
// As url_ip, it needs an IPv4 address for host: url2sa() does not
// resolve names, and smp_fetch_url_port() wants AF_INET.
func fetchURLPort(c *Ctx, a []Arg, out *Sample) bool {
	if c.Req == nil {
		return false
	}
	h, ok := urlHost(c.Req.URI())
	if !ok {
		return false
	}
	host, p := splitHostPort(h)
	if _, ok := buf2ip(host); !ok {
		return false
	}
	v := int64(80)
	if p != nil {
		v, _ = ReadInt64Sat(p)
	}
	out.setInt(SInt, v)
	return true
}
