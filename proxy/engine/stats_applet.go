package engine

import (
	"bytes"
	"encoding/base64"
	"io"
	"strconv"
	"strings"

	"hakeep/proxy"
	"hakeep/proxy/acl"
	"hakeep/proxy/backend"
	"hakeep/proxy/http1"
	"hakeep/proxy/rules"
	"hakeep/proxy/stats"
	"hakeep/proxy/stream"
)

// The stats applet: a request to a proxy's "stats uri" is answered by
// the proxy itself (http_process_req_common(), http_handle_stats(),
// configuration.txt section 4.2 "stats ..."). It is looked for after the
// proxy's http-request rules, on the frontend then on the backend.

// defaultRealm is STATS_DEFAULT_REALM.
const defaultRealm = "HAProxy Statistics"

// maxStatsBody bounds the admin form a POST may carry (2.6 keeps it in
// one buffer).
const maxStatsBody = 16384

// statsURI reports whether the request is for px's stats page
// (http_stats_check_uri()): GET, HEAD or POST on a path starting with
// the prefix.
func statsURI(px *proxy.Proxy, req *http1.Head) bool {
	st := px.Stats
	if st == nil || !st.Enabled {
		return false
	}
	switch req.Method {
	case http1.MethodGet, http1.MethodHead, http1.MethodPost:
	default:
		return false
	}
	uri := req.Bytes(req.URI)
	if strings.HasPrefix(st.URI, "/") {
		uri = uriPath(uri)
	}
	return bytes.HasPrefix(uri, []byte(st.URI))
}

// uriPath is the path and query of a URI, without the scheme and
// authority of the absolute form.
func uriPath(uri []byte) []byte {
	if i := bytes.Index(uri, []byte("://")); i >= 0 {
		rest := uri[i+3:]
		if j := bytes.IndexByte(rest, '/'); j >= 0 {
			return rest[j:]
		}
		return nil
	}
	return uri
}

// serveStats answers a stats request on px's behalf, if it is one: the
// "stats http-request" rules, then "stats auth", then the page. fin
// reports that it answered, keep whether the client connection goes on.
func (s *session) serveStats(h *httpState, rt *ruleTxn, px *proxy.Proxy, be *backend.Backend) (fin, keep bool) {
	if !statsURI(px, h.req) {
		return false, false
	}
	st := px.Stats
	var list []*rules.Rule
	for _, r := range st.HTTPRequests {
		if cr, ok := r.Compiled.(*rules.Rule); ok {
			list = append(list, cr)
		}
	}
	rt.t.ProxyName = px.Name
	v := rt.t.RunHTTP(list)
	switch v {
	case rules.Continue:
		// "stats auth" adds an auth rule after the others unless the
		// last one applies to every request
		if len(st.Auth) > 0 && (len(st.HTTPRequests) == 0 || st.HTTPRequests[len(st.HTTPRequests)-1].Cond != nil) &&
			!statsAuthorized(st, h.req) {
			realm := st.Realm
			if realm == "" {
				realm = defaultRealm
			}
			s.rec.Term.Set(stream.CauseLocal, stream.PhaseRequest)
			return true, s.replyRaw(h, be, rt, unauthorized(realm), 401)
		}
	case rules.Stop:
	default:
		return true, s.ruleVerdict(h, be, rt, v)
	}

	admin := false
	for _, c := range st.AdminConds {
		if cd, ok := c.Compiled.(*acl.Cond); ok && cd.Test(rt.c) {
			admin = true
			break
		}
	}
	req := stats.PageRequest{Method: string(h.req.Bytes(h.req.MethodText)), URI: string(h.req.Bytes(h.req.URI)),
		Admin: admin, Self: px.Name}
	if h.req.Method == http1.MethodPost {
		body, ok := s.statsBody(h)
		if !ok {
			return true, false
		}
		req.Body = body
	}
	resp := stats.ServePage(s.e.pageConfig(px), req, pageSource{s.e})
	s.rec.Term.Set(stream.CauseLocal, stream.PhaseRequest)
	return true, s.replyRaw(h, be, rt, responseMessage(resp), resp.Status)
}

// statsAuthorized checks the Basic credentials against "stats auth".
func statsAuthorized(st *proxy.Stats, req *http1.Head) bool {
	v := req.Get("authorization")
	scheme, cred, ok := bytes.Cut(bytes.TrimSpace(v), []byte(" "))
	if !ok || !bytes.EqualFold(scheme, []byte("basic")) {
		return false
	}
	dec, err := base64.StdEncoding.DecodeString(string(bytes.TrimSpace(cred)))
	if err != nil {
		return false
	}
	user, pass, ok := strings.Cut(string(dec), ":")
	if !ok {
		return false
	}
	for _, a := range st.Auth {
		if a.User == user && a.Password == pass {
			return true
		}
	}
	return false
}

// unauthorized is 2.6's 401 answer with a Basic challenge.
func unauthorized(realm string) []byte {
	return []byte("HTTP/1.1 401 Unauthorized\r\ncontent-length: 112\r\ncache-control: no-cache\r\n" +
		"content-type: text/html\r\nwww-authenticate: Basic realm=\"" + realm + "\"\r\n\r\n" +
		"<html><body><h1>401 Unauthorized</h1>\nYou need a valid user and password to access this content.\n" +
		"</body></html>\n")
}

// statsBody takes the admin form off the connection: what came with the
// head, then the rest up to Content-Length.
func (s *session) statsBody(h *httpState) ([]byte, bool) {
	req := h.req
	if req.Body() == http1.BodyNone {
		return nil, true
	}
	if req.Body() != http1.BodyLength || req.ContentLength > maxStatsBody {
		return nil, false
	}
	n := int(req.ContentLength)
	have := (*h.in)[h.inOff:h.inLen]
	body := make([]byte, 0, n)
	if len(have) >= n {
		body = append(body, have[:n]...)
		h.inOff += n
	} else {
		body = append(body, have...)
		h.inOff = h.inLen
		extendRead(s.conn, &s.rdBy, s.e.deps.Now(), s.fe.px.Timeouts.Client)
		rest := make([]byte, n-len(have))
		if _, err := io.ReadFull(s.conn, rest); err != nil {
			return nil, false
		}
		body = append(body, rest...)
	}
	s.rec.BytesIn += int64(n)
	h.reqDec.Reset(http1.BodyNone, 0, false)
	return body, true
}

// responseMessage makes an HTTP/1.1 message of a page answer.
func responseMessage(r stats.Response) []byte {
	var b bytes.Buffer
	b.WriteString("HTTP/1.1 " + strconv.Itoa(r.Status) + " " + r.Reason + "\r\n")
	for _, h := range r.Headers {
		b.WriteString(h[0] + ": " + h[1] + "\r\n")
	}
	if r.Chunked {
		b.WriteString("transfer-encoding: chunked\r\n")
	}
	b.WriteString("\r\n")
	if !r.Chunked {
		b.Write(r.Body)
		return b.Bytes()
	}
	if len(r.Body) > 0 {
		b.WriteString(strconv.FormatInt(int64(len(r.Body)), 16) + "\r\n")
		b.Write(r.Body)
		b.WriteString("\r\n")
	}
	b.WriteString("0\r\n\r\n")
	return b.Bytes()
}

// pageConfig is a proxy's "stats" settings for proxy/stats.
func (e *Engine) pageConfig(px *proxy.Proxy) stats.PageConfig {
	st := px.Stats
	g := &e.state.Load().cfg.Global
	c := stats.PageConfig{URI: st.URI, Refresh: st.Refresh, HideVersion: st.HideVersion,
		ShowLegends: st.ShowLegends, ShowModules: st.ShowModules, ShowNode: st.ShowNode, ShowDesc: st.ShowDesc,
		Node: st.Node, Desc: st.Desc, Scope: st.Scope}
	if c.Node == "" {
		c.Node = e.processInfo().Node
	}
	if c.Desc == "" {
		c.Desc = g.Description
	}
	return c
}

// processInfo describes the process for the page and the exporter.
func (e *Engine) processInfo() *stats.Process {
	p := &stats.Process{Name: "HAProxy", Nbthread: 1, PID: e.deps.PID}
	if e.deps.StatsInfo != nil {
		e.deps.StatsInfo(p)
	}
	(*runtimeView)(e).StatsProcess(p)
	p.Now = e.deps.Now()
	return p
}

// pageSource is the engine under stats.PageSource.
type pageSource struct{ e *Engine }

func (p pageSource) StatsProxies() []*stats.Proxy { return p.e.StatsProxies() }
func (p pageSource) StatsProcess() *stats.Process { return p.e.processInfo() }

// BackendRef resolves "#<id>" or a name to a backend.
func (p pageSource) BackendRef(ref string) (string, bool) {
	st := p.e.state.Load()
	if strings.HasPrefix(ref, "#") {
		id, err := strconv.Atoi(ref[1:])
		if err != nil {
			return "", false
		}
		ids := proxyIDs(st.cfg)
		for _, b := range st.backends {
			if ids[b.Proxy] == id {
				return b.Name(), true
			}
		}
		return "", false
	}
	for _, b := range st.backends {
		if b.Name() == ref {
			return ref, true
		}
	}
	return "", false
}

// ServerAction applies a page action (stats_process_http_post()).
func (p pageSource) ServerAction(backend, server, action string) (found, altered bool) {
	b := (*runtimeView)(p.e).Backend(backend)
	if b == nil {
		return false, false
	}
	s := b.Server(server)
	if s == nil {
		return false, false
	}
	sc := s.(*serverCtl)
	switch action {
	case "ready", "drain", "maint":
		return true, sc.SetAdmin(action) == nil
	case "disable", "enable", "stop", "start":
		st := sc.s.LB.Status()
		switch {
		case action == "disable" && !st.Maint:
			sc.lb().SetMaint(sc.s.LB, true)
		case action == "enable" && st.Maint:
			sc.lb().SetMaint(sc.s.LB, false)
		case action == "stop" && !st.Drain:
			sc.lb().SetDrain(sc.s.LB, true)
		case action == "start" && st.Drain:
			sc.lb().SetDrain(sc.s.LB, false)
		default:
			return true, false
		}
		return true, true
	case "hrunn", "hnolb", "hdown":
		if sc.s.Cfg.Track != "" {
			return true, false
		}
		state := map[string]string{"hrunn": "up", "hnolb": "stopping", "hdown": "down"}[action]
		_, err := sc.SetHealth(state)
		return true, err == nil
	case "shutdown":
		sc.KillSessions()
		return true, true
	}
	// dhlth, ehlth, dagent, eagent, arunn, adown act on checks, which
	// the engine does not run: nothing is configured to change
	return true, false
}
