package sample

import "encoding/base64"

// HTTP authentication fetches (configuration.txt §7.3.6 http_auth,
// http_auth_type, http_auth_user, http_auth_pass): the request's
// Authorization header, Basic credentials decoded (get_http_auth).

// basicAuth returns the method word and, for Basic, the decoded user
// and password, decoded into a scratch chunk.
func (c *Ctx) basicAuth() (method, user, pass []byte, basic bool) {
	if c.Req == nil {
		return nil, nil, nil, false
	}
	cur := newCursor()
	v, ok := findHeader(c.Req, "authorization", true, &cur)
	if !ok {
		return nil, nil, nil, false
	}
	sp := indexByte(v, ' ')
	if sp < 0 {
		return v, nil, nil, false
	}
	method = v[:sp]
	cred := v[sp+1:]
	if !equalFoldStr(method, "basic") {
		return method, cred, nil, false
	}
	t := c.Trash()
	n := base64.StdEncoding.DecodedLen(len(cred))
	if n > cap(t) {
		return method, nil, nil, false
	}
	t = t[:n]
	n, err := base64.StdEncoding.Decode(t, cred)
	if err != nil {
		return method, nil, nil, false
	}
	t = t[:n]
	col := indexByte(t, ':')
	if col < 0 {
		return method, nil, nil, false
	}
	return method, t[:col], t[col+1:], true
}

func (c *Ctx) userlistArg(a []Arg) Userlist {
	if c.Env == nil || !a[0].Present {
		return nil
	}
	return c.Env.Userlist(a[0].Str)
}

// fetchHTTPAuth is http_auth(userlist): valid Basic credentials.
func fetchHTTPAuth(c *Ctx, a []Arg, out *Sample) bool {
	ul := c.userlistArg(a)
	if ul == nil {
		return false
	}
	_, user, pass, ok := c.basicAuth()
	out.setInt(Bool, b2i(ok && ul.Check(user, pass)))
	return true
}

// fetchHTTPAuthGroup is http_auth_group(userlist): the user name when
// the credentials are valid; ACLs then match its groups.
func fetchHTTPAuthGroup(c *Ctx, a []Arg, out *Sample) bool {
	ul := c.userlistArg(a)
	if ul == nil {
		return false
	}
	_, user, pass, ok := c.basicAuth()
	if !ok || !ul.Check(user, pass) {
		return false
	}
	out.setStr(user, false)
	return true
}

func fetchAuthType(c *Ctx, a []Arg, out *Sample) bool {
	m, _, _, _ := c.basicAuth()
	if m == nil {
		return false
	}
	switch {
	case equalFoldStr(m, "basic"):
		out.setStr(constBytes("Basic"), true)
	case equalFoldStr(m, "digest"):
		out.setStr(constBytes("Digest"), true)
	case equalFoldStr(m, "bearer"):
		out.setStr(constBytes("Bearer"), true)
	default:
		return false
	}
	return true
}

func fetchAuthPart(pass bool) FetchFunc {
	return func(c *Ctx, a []Arg, out *Sample) bool {
		_, u, p, ok := c.basicAuth()
		if !ok {
			return false
		}
		if pass {
			u = p
		}
		out.setStr(u, false)
		return true
	}
}

func fetchAuthBearer(c *Ctx, a []Arg, out *Sample) bool {
	m, cred, _, _ := c.basicAuth()
	if m == nil || !equalFoldStr(m, "bearer") {
		return false
	}
	out.setStr(cred, true)
	return true
}
