package engine

import (
	"context"
	"encoding/binary"
	"strconv"
	"strings"

	"hakeep/proxy"
	"hakeep/proxy/acl"
	"hakeep/proxy/backend"
	"hakeep/proxy/balance"
	"hakeep/proxy/http1"
	"hakeep/proxy/sample"
	"hakeep/proxy/server"
)

// Cookie persistence (configuration.txt 4.2 "cookie", "option persist",
// "force-persist", "ignore-persist"): manage_client_side_cookies on the
// request, manage_server_side_cookies and the Set-Cookie insertion of
// http_process_res_common on the response.

// assign is Backend.Assign, or AssignTo the server persistence chose
// (SF_DIRECT). A retry on another server balances again.
func (s *session) assign(ctx context.Context, be *backend.Backend, lb *balance.Request, avoid *server.Server, h *httpState) (*server.Server, error) {
	if h != nil && h.rt != nil && h.rt.direct != nil && avoid == nil {
		srv := h.rt.direct
		return be.AssignTo(ctx, srv)
	}
	srv, err := be.Assign(ctx, lb, avoid)
	if err == nil {
		// assign_server counts a server chosen by load balancing
		// ("lbtot", cum_lbconn); a cookie's server is not
		be.Counters.LbConn.Add(1)
		srv.Counters.LbConn.Add(1)
	}
	return srv, err
}

// cookieState is what the request's persistence cookie said.
type cookieState struct {
	// found: the client sent the backend's cookie; valid: it named a
	// server it went to.
	found, valid bool
	// firstDate is the cookie's first date (maxlife), 0 when none.
	firstDate int64
	lastDate  int64
}

// persistRules evaluates force-persist and ignore-persist.
func persistRules(c *sample.Ctx, p *proxy.Proxy) (force, ignore bool) {
	for _, r := range p.PersistRules {
		var cd *acl.Cond
		if r.Cond != nil {
			cd, _ = r.Cond.Compiled.(*acl.Cond)
		}
		if cd != nil && !cd.Test(c) {
			continue
		}
		if r.Ignore {
			return false, true
		}
		return true, false
	}
	return false, false
}

// clientCookie reads the persistence cookie of the request, picks its
// server, and strips what the server must not see (indirect and insert
// modes drop the cookie, prefix mode its server part).
func (rt *ruleTxn) clientCookie(w *ruleWorld, be *backend.Backend, req *http1.Head) {
	rt.ck = cookieState{}
	ck := be.Proxy.Cookie
	if ck == nil || ck.Name == "" {
		return
	}
	force, ignore := persistRules(rt.c, be.Proxy)
	rt.ignorePersist = ignore
	for i := 0; i < len(req.Headers); i++ {
		if string(req.Name(i)) != "cookie" {
			continue
		}
		v := req.Value(i)
		val, next, ok := sample.CookieValue(v, 0, ck.Name, true)
		if !ok {
			continue
		}
		rt.ck.found = true
		vs := offsetOf(v, val)
		srvPart := val
		if ck.Mode == "prefix" {
			j := indexByte(val, '~')
			if j < 0 {
				break
			}
			srvPart = val[:j]
		} else if j := indexByte(val, '|'); j >= 0 {
			srvPart = val[:j]
			rt.ck.lastDate, rt.ck.firstDate = cookieDates(val[j+1:])
		}
		if !ignore && rt.direct == nil {
			for _, srv := range be.Servers {
				if c := w.cookieOf(srv); c == "" || c != string(srvPart) {
					continue
				}
				up := srv.LB == nil || srv.LB.Usable()
				if up || be.Proxy.Options.Persist || force {
					rt.direct = srv
					rt.ck.valid = up
				}
				break
			}
		}
		switch {
		case ck.Mode == "prefix":
			// the server sees its own value, without "SRV~"
			out := append(rt.name[:0], v[:vs]...)
			out = append(out, val[len(srvPart)+1:]...)
			out = append(out, v[vs+len(val):]...)
			rt.name = out
			req.SetValue(i, out)
		case ck.Indirect:
			// remove "NAME=value" and its separator
			start := vs - len(ck.Name) - 1
			for start > 0 && (v[start-1] == ' ' || v[start-1] == '\t') {
				start--
			}
			end := next
			if end > len(v) {
				end = len(v)
			}
			for end < len(v) && (v[end] == ' ' || v[end] == '\t') {
				end++
			}
			out := append(rt.name[:0], v[:start]...)
			out = append(out, v[end:]...)
			for len(out) > 0 && (out[len(out)-1] == ';' || out[len(out)-1] == ' ') {
				out = out[:len(out)-1]
			}
			rt.name = out
			if len(out) == 0 {
				req.DelAt(i)
				i--
			} else {
				req.SetValue(i, out)
			}
		}
		break
	}
}

// offsetOf is where sub starts in b (sub aliases b).
func offsetOf(b, sub []byte) int {
	if len(sub) == 0 {
		return 0
	}
	for i := range b {
		if &b[i] == &sub[0] {
			return i
		}
	}
	return 0
}

func indexByte(b []byte, c byte) int {
	for i, x := range b {
		if x == c {
			return i
		}
	}
	return -1
}

// cookieDates decodes "last[|first]" dates (b64tos30, in 4 s units).
func cookieDates(b []byte) (last, first int64) {
	if len(b) >= 5 {
		last = b64tos30(b[:5]) << 2
	}
	if len(b) >= 11 && b[5] == '|' {
		first = b64tos30(b[6:11]) << 2
	}
	return last, first
}

const cookieB64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"

// s30tob64 encodes 30 bits in 5 characters.
func s30tob64(dst []byte, v int64) []byte {
	for i := 4; i >= 0; i-- {
		dst = append(dst, 0)
	}
	n := len(dst)
	for i := 1; i <= 5; i++ {
		dst[n-i] = cookieB64[v&63]
		v >>= 6
	}
	return dst
}

func b64tos30(b []byte) int64 {
	var v int64
	for _, c := range b {
		i := strings.IndexByte(cookieB64, c)
		if i < 0 {
			return 0
		}
		v = v<<6 | int64(i)
	}
	return v
}

// serverCookies rewrites the server's Set-Cookie of the persistence
// cookie (rewrite and prefix modes) and inserts ours (insert mode).
func (rt *ruleTxn) serverCookies(s *session, be *backend.Backend, h *httpState) {
	ck := be.Proxy.Cookie
	if ck == nil || ck.Name == "" || h.srv == nil {
		return
	}
	resp, srv := h.resp, h.srv
	srvCookie := s.st.rw.cookieOf(srv)
	srvFound := false
	for i := 0; i < len(resp.Headers); i++ {
		if string(resp.Name(i)) != "set-cookie" {
			continue
		}
		v := resp.Value(i)
		val, _, ok := sample.CookieValue(v, 0, ck.Name, false)
		if !ok {
			continue
		}
		srvFound = true
		vs := offsetOf(v, val)
		switch {
		case ck.Mode == "insert" && !ck.Preserve:
			// ours replaces it
			resp.DelAt(i)
			i--
		case ck.Mode == "rewrite" && srvCookie != "":
			out := append(rt.name[:0], v[:vs]...)
			out = append(out, srvCookie...)
			out = append(out, v[vs+len(val):]...)
			rt.name = out
			resp.SetValue(i, out)
		case ck.Mode == "prefix" && srvCookie != "":
			out := append(rt.name[:0], v[:vs]...)
			out = append(out, srvCookie...)
			out = append(out, '~')
			out = append(out, v[vs:]...)
			rt.name = out
			resp.SetValue(i, out)
		}
	}
	if ck.Mode != "insert" || srvFound && ck.Preserve || rt.ignorePersist {
		return
	}
	now := s.e.deps.Now().Unix()
	direct := rt.direct == srv
	refresh := ck.MaxIdle > 0 && (rt.ck.lastDate == 0 || rt.ck.lastDate-now < 0) ||
		ck.MaxLife > 0 && rt.ck.firstDate == 0 || ck.MaxLife == 0 && rt.ck.firstDate != 0
	if direct && !refresh {
		return
	}
	if ck.PostOnly && h.req.Method != http1.MethodPost {
		return
	}
	b := rt.name[:0]
	if srvCookie == "" {
		b = append(b, ck.Name...)
		b = append(b, "=; Expires=Thu, 01-Jan-1970 00:00:01 GMT; path=/"...)
	} else {
		b = append(b, ck.Name...)
		b = append(b, '=')
		b = append(b, srvCookie...)
		if ck.MaxIdle > 0 || ck.MaxLife > 0 {
			b = append(b, '|')
			b = s30tob64(b, (now+3)>>2)
			if ck.MaxLife > 0 {
				b = append(b, '|')
				first := (now + 3) >> 2
				if rt.ck.firstDate != 0 {
					first = rt.ck.firstDate >> 2
				}
				b = s30tob64(b, first)
			}
		}
		b = append(b, "; path=/"...)
	}
	for _, d := range ck.Domains {
		b = append(b, "; domain="...)
		b = append(b, d...)
	}
	if ck.HTTPOnly {
		b = append(b, "; HttpOnly"...)
	}
	if ck.Secure {
		b = append(b, "; Secure"...)
	}
	for _, a := range ck.Attrs {
		b = append(b, "; "...)
		b = append(b, a...)
	}
	rt.name = b
	resp.Add("set-cookie", b)
	if ck.NoCache && cacheable(h) {
		resp.Add("cache-control", []byte("private"))
	}
}

// cacheable is TX_CACHEABLE after check_response_for_cacheability: a
// response with a cacheable status and an explicit "public" cache
// control (recorded: a plain 200 does not get "cache-control: private",
// one with "public, max-age=60" does), and nothing forbidding caching.
func cacheable(h *httpState) bool {
	switch h.resp.Status {
	case 200, 203, 204, 206, 300, 301, 404, 405, 410, 414, 501:
	default:
		return false
	}
	public := false
	for i := range h.resp.Headers {
		n := string(h.resp.Name(i))
		if n != "cache-control" && n != "pragma" {
			continue
		}
		for _, e := range strings.Split(strings.ToLower(string(h.resp.Value(i))), ",") {
			switch strings.TrimSpace(e) {
			case "public":
				public = n == "cache-control"
			case "private", "no-cache", "no-store", "max-age=0", "s-maxage=0":
				return false
			}
		}
	}
	return public
}

// dynamicCookie is srv_set_dyncookie: the XXH64 of the key, the
// server's address and port, in 16 hexadecimal digits.
func dynamicCookie(key string, a proxy.Address) string {
	buf := []byte(key)
	ip := a.Addr
	if ip.Is4() {
		b := ip.As4()
		buf = append(buf, b[:]...)
	} else {
		b := ip.As16()
		buf = append(buf, b[:]...)
	}
	buf = binary.BigEndian.AppendUint16(buf, uint16(a.Port))
	h := sample.XXH64(buf, 0)
	s := strconv.FormatUint(h, 16)
	return strings.Repeat("0", 16-len(s)) + s
}

// cookieOf is a server's persistence cookie value: its "cookie", or the
// dynamic one of "cookie ... dynamic" with "dynamic-cookie-key".
func (w *ruleWorld) cookieOf(srv *server.Server) string {
	if v, ok := w.cookies[srv]; ok {
		return v
	}
	return srv.Cfg.Cookie
}
