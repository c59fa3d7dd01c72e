package engine

import (
	"sync"
	"sync/atomic"
	"time"

	"hakeep/proxy"
	"hakeep/proxy/acl"
	"hakeep/proxy/auth"
	"hakeep/proxy/backend"
	"hakeep/proxy/counters"
	"hakeep/proxy/listener"
	"hakeep/proxy/log/capture"
	"hakeep/proxy/logformat"
	"hakeep/proxy/rules"
	"hakeep/proxy/sample"
	"hakeep/proxy/server"
	"hakeep/proxy/stick"
)

// ruleWorld is what the rules layer needs of one configuration, built
// once with the state: the compiled rule lists per proxy, the routes of
// each frontend, the stick tables, the process variables and the views
// fetches read proxies and servers through (sample.Env).
type ruleWorld struct {
	st      *state
	active  bool
	proc    *sample.ProcVars
	tables  map[string]*stick.Table
	proxies map[string]*proxyView
	byPx    map[*proxy.Proxy]*pxRules
	servers map[*server.Server]*serverView
	users   map[string]*auth.Userlist
	cookies map[*server.Server]string
	// reqCount numbers the streams (global.req_count, %rt).
	reqCount atomic.Int64
	// txns are rules states for rules outside HTTP transactions
	// (rules_session.go).
	txns sync.Pool
	// now is the engine's clock, for the rates.
	now func() time.Time
}

// pxRules are one proxy's compiled rules, its defaults' first.
type pxRules struct {
	view     *proxyView
	req      []*rules.Rule
	res      []*rules.Rule
	tcpConn  []*rules.Rule
	tcpSess  []*rules.Rule
	tcpCont  []*rules.Rule
	tcpRes   []*rules.Rule
	after    []*rules.Rule
	redirect []*rules.Rule
	routes   []routeRule
	monitor  []*acl.Cond
	// uniqueID is the compiled unique-id-format.
	uniqueID *logformat.Format
	// lbHash is a backend's "balance hash <expr>" (connect.go).
	lbHash *sample.Expr
	// caps are a frontend's header captures, capLens its capture slots'
	// lengths (rules_capture.go).
	caps    *capture.Spec
	capLens [2][]int
}

// routeRule is one use_backend rule.
type routeRule struct {
	cond *acl.Cond
	be   *backend.Backend
	name *logformat.Format
}

func newRuleWorld(st *state, now func() time.Time) *ruleWorld {
	w := &ruleWorld{st: st, now: now, proc: sample.NewProcVars(), tables: map[string]*stick.Table{},
		proxies: map[string]*proxyView{}, byPx: map[*proxy.Proxy]*pxRules{},
		servers: map[*server.Server]*serverView{}, users: map[string]*auth.Userlist{}}
	w.cookies = map[*server.Server]string{}
	for _, b := range st.backends {
		ck := b.Proxy.Cookie
		if ck == nil || !ck.Dynamic || b.Proxy.DynamicCookieKey == "" {
			continue
		}
		for _, srv := range b.Servers {
			if srv.Cfg.Cookie == "" {
				w.cookies[srv] = dynamicCookie(b.Proxy.DynamicCookieKey, srv.Cfg.Addr)
			}
		}
	}
	for _, u := range st.cfg.Userlists {
		w.users[u.Name] = auth.New(u)
	}
	for _, fe := range st.frontends {
		w.add(fe.px, nil, &fe.counters)
		w.proxies[fe.px.Name].gate = fe.gate
	}
	for _, b := range st.backends {
		// a listen section is one proxy; a frontend and a backend
		// may also share a name and be two (the name then finds the
		// backend)
		if v, ok := w.proxies[b.Name()]; ok && v.px == b.Proxy {
			v.be = b
			continue
		}
		w.add(b.Proxy, b, &b.Counters)
	}
	w.assignIDs()
	w.compileFormats()
	// a table stick rules use stores the server's id whatever its
	// "store" says (check_config_validity)
	sticky := map[string]bool{}
	for _, p := range st.cfg.Proxies {
		for _, r := range p.StickRules {
			name := r.Table
			if name == "" {
				name = p.Name
			}
			sticky[name] = true
		}
	}
	for _, p := range st.cfg.Proxies {
		if t := p.StickTable; t != nil {
			c := tableConfig(t)
			if sticky[t.Name] {
				c.Store = append(c.Store, stick.Store{Data: sample.DataServerID})
			}
			w.tables[t.Name] = stick.New(c)
		}
	}
	for _, ps := range st.cfg.Peers {
		for _, t := range ps.Tables {
			w.tables[t.Name] = stick.New(tableConfig(t))
		}
	}
	return w
}

func (w *ruleWorld) add(p *proxy.Proxy, be *backend.Backend, c *counters.Proxy) {
	v := &proxyView{px: p, be: be, c: c, w: w}
	w.proxies[p.Name] = v
	r := &pxRules{view: v}
	compile := func(src *proxy.Proxy) {
		r.req = appendRules(r.req, src.HTTPRequest)
		r.res = appendRules(r.res, src.HTTPResponse)
		r.after = appendRules(r.after, src.HTTPAfterResponse)
		r.tcpConn = appendRules(r.tcpConn, src.TCPRequestConn)
		r.tcpSess = appendRules(r.tcpSess, src.TCPRequestSession)
		r.tcpCont = appendRules(r.tcpCont, src.TCPRequestContent)
		r.tcpRes = appendRules(r.tcpRes, src.TCPResponseContent)
	}
	if p.DefaultsRules != nil {
		compile(p.DefaultsRules)
	}
	compile(p)
	r.redirect = appendRules(nil, p.Redirects)
	frontendCaptures(p, r)
	for _, c := range p.MonitorFail {
		if cd, ok := c.Compiled.(*acl.Cond); ok {
			r.monitor = append(r.monitor, cd)
		}
	}
	for _, u := range p.UseBackends {
		rr := routeRule{}
		if u.Cond != nil {
			rr.cond, _ = u.Cond.Compiled.(*acl.Cond)
		}
		if u.Backend != nil {
			rr.be = w.st.byProxy[u.Backend]
		} else if cr, ok := u.Compiled.(*rules.Rule); ok {
			if a, ok := cr.Args.(*rules.UseBackendArgs); ok {
				rr.name = a.Format
			}
		}
		r.routes = append(r.routes, rr)
	}
	if len(r.req)+len(r.res)+len(r.after)+len(r.redirect)+len(r.routes)+len(r.monitor)+
		len(r.tcpConn)+len(r.tcpSess)+len(r.tcpCont)+len(r.tcpRes) > 0 || p.StickTable != nil || p.Cookie != nil ||
		len(p.UseServers)+len(p.StickRules)+len(p.PersistRules) > 0 || p.MonitorURI != "" ||
		(p.Stats != nil && p.Stats.Enabled) {
		w.active = true
	}
	w.byPx[p] = r
}

func appendRules(dst []*rules.Rule, src []*proxy.Rule) []*rules.Rule {
	for _, r := range src {
		if cr, ok := r.Compiled.(*rules.Rule); ok {
			dst = append(dst, cr)
		}
	}
	return dst
}

// tableConfig turns a stick-table declaration into the run-time table's.
func tableConfig(t *proxy.StickTable) stick.Config {
	c := stick.Config{Name: t.Name, KeyLen: t.KeyLen, Size: t.Size,
		Expire: uint32(t.Expire / time.Millisecond), NoPurge: t.NoPurge}
	switch t.Type {
	case "ip":
		c.Type = stick.KeyIP
	case "ipv6":
		c.Type = stick.KeyIPv6
	case "integer":
		c.Type = stick.KeyInteger
	case "binary":
		c.Type = stick.KeyBinary
	default:
		c.Type = stick.KeyString
	}
	for _, d := range t.Store {
		if dt, ok := sample.StickDataByName(d.Name); ok {
			c.Store = append(c.Store, stick.Store{Data: dt, Period: uint32(d.Period / time.Millisecond), Count: d.Count})
		}
	}
	return c
}

// Proxy implements sample.Env.
func (w *ruleWorld) Proxy(name string) sample.Proxy {
	if v, ok := w.proxies[name]; ok {
		return v
	}
	return nil
}

// Table implements sample.Env.
func (w *ruleWorld) Table(name string) sample.Table {
	if t, ok := w.tables[name]; ok {
		return t
	}
	return nil
}

// Userlist implements sample.Env.
func (w *ruleWorld) Userlist(name string) sample.Userlist {
	if u, ok := w.users[name]; ok {
		return u
	}
	return nil
}

// backendByName is proxy_be_by_name for dynamic use_backend names.
func (w *ruleWorld) backendByName(name []byte) *backend.Backend {
	v, ok := w.proxies[string(name)]
	if !ok || v.be == nil {
		return nil
	}
	return v.be
}

// proxyView is a proxy as fetches see it.
type proxyView struct {
	px *proxy.Proxy
	be *backend.Backend
	c  *counters.Proxy
	w  *ruleWorld
	id int
	// gate counts a frontend's connections (feconn).
	gate *listener.Gate
}

func (v *proxyView) Name() string { return v.px.Name }
func (v *proxyView) ID() int      { return v.id }
func (v *proxyView) DefaultBackend() string {
	if v.px.DefaultBackend != nil {
		return v.px.DefaultBackend.Name
	}
	return ""
}

func (v *proxyView) Stat(k sample.ProxyStat) int64 {
	now := v.w.now().UnixMilli()
	if f := v.fe(); f != nil {
		switch k {
		case sample.ProxyConn:
			// feconn (rules_session.go)
			return f.Cur.Load()
		case sample.ProxySessRate:
			return int64(f.SessRate.Read(now))
		case sample.ProxyReqRate:
			return int64(f.ReqRate.Read(now))
		}
	}
	switch k {
	case sample.ProxyClientTimeout:
		return int64(v.px.Timeouts.Client / time.Millisecond)
	}
	if v.be == nil {
		return 0
	}
	b := &v.be.Counters
	switch k {
	case sample.ProxyBeConn:
		// beconn (rules_backend.go)
		return b.Cur.Load()
	case sample.ProxyBeSessRate:
		return int64(b.SessRate.Read(now))
	case sample.ProxyQueue:
		return b.QueueCur.Load()
	case sample.ProxyUsable:
		n := 0
		for _, s := range v.be.Servers {
			if s.LB != nil && s.LB.Usable() {
				n++
			}
		}
		return int64(n)
	case sample.ProxyConnSlots:
		return connSlots(v.be)
	case sample.ProxyConnFree:
		return connFree(v.be)
	case sample.ProxyServerTimeout:
		return int64(v.px.Timeouts.Server / time.Millisecond)
	case sample.ProxyTunnelTimeout:
		return int64(v.px.Timeouts.Tunnel / time.Millisecond)
	}
	return 0
}

// fe is the proxy's frontend counters, nil for a backend (a listen
// section has both sides).
func (v *proxyView) fe() *counters.Proxy {
	if v.gate != nil {
		return v.c
	}
	return nil
}

func (v *proxyView) Server(name string) sample.Server {
	if v.be == nil {
		return nil
	}
	s := v.be.Server(name)
	if s == nil {
		return nil
	}
	return v.w.server(s)
}

// server returns the view of a server.
func (w *ruleWorld) server(s *server.Server) *serverView {
	if v, ok := w.servers[s]; ok {
		return v
	}
	return &serverView{s: s, id: s.Cfg.ID, w: w}
}

// serverView is a server as fetches see it.
type serverView struct {
	s  *server.Server
	id int
	w  *ruleWorld
}

func (v *serverView) Name() string { return v.s.Name() }
func (v *serverView) ID() int      { return v.id }
func (v *serverView) Up() bool     { return v.s.LB == nil || v.s.LB.Usable() }
func (v *serverView) Stat(k sample.ServerStat) int64 {
	switch k {
	case sample.ServerConn:
		return v.s.Counters.Cur.Load()
	case sample.ServerQueue:
		return v.s.Counters.QueueCur.Load()
	case sample.ServerWeight, sample.ServerUWeight:
		if v.s.LB != nil {
			return int64(v.s.LB.Weight())
		}
	case sample.ServerIWeight:
		if v.s.LB != nil {
			return int64(v.s.LB.InitialWeight())
		}
	case sample.ServerConnFree:
		return serverConnFree(v.s)
	case sample.ServerSessRate:
		return int64(v.s.Counters.SessRate.Read(v.w.now().UnixMilli()))
	}
	return 0
}

// assignIDs numbers the proxies and servers without an "id" as 2.6
// does: the lowest free number, in declaration order, from 1.
func (w *ruleWorld) assignIDs() {
	used := map[int]bool{}
	for _, p := range w.st.cfg.Proxies {
		if p.ID > 0 {
			used[p.ID] = true
		}
	}
	next := 1
	for _, p := range w.st.cfg.Proxies {
		id := p.ID
		if id == 0 {
			for used[next] {
				next++
			}
			id = next
			used[id] = true
		}
		if v, ok := w.proxies[p.Name]; ok && v.px == p {
			v.id = id
		}
	}
	for _, b := range w.st.backends {
		sused := map[int]bool{}
		for _, s := range b.Servers {
			if s.Cfg.ID > 0 {
				sused[s.Cfg.ID] = true
			}
		}
		snext := 1
		for _, s := range b.Servers {
			id := s.Cfg.ID
			if id == 0 {
				for sused[snext] {
					snext++
				}
				id = snext
				sused[id] = true
			}
			w.servers[s] = &serverView{s: s, id: id, w: w}
		}
	}
}

// compileFormats compiles what the decoder only checked: each proxy's
// unique-id-format, and runs the global "set-var" lines into the
// process variables.
func (w *ruleWorld) compileFormats() {
	cfg := w.st.cfg
	need := len(cfg.Global.SetVars) > 0
	for _, p := range cfg.Proxies {
		need = need || p.UniqueIDFormat != "" || p.Balance.Algo == proxy.BalanceHash
	}
	if !need {
		return
	}
	env := acl.NewEnv()
	env.Resolve = nil
	reg := sample.NewRegistry()
	for _, p := range cfg.Proxies {
		r := w.byPx[p]
		if r != nil && p.Balance.Algo == proxy.BalanceHash {
			sc := &sample.Context{Registry: reg, Proxy: p.Name, Cap: sample.CapBE, Maps: env}
			if e, _, err := sc.ParseExpr(splitWords(p.Balance.Param), 0); err == nil {
				r.lbHash = e
				w.active = true
			}
		}
		if p.UniqueIDFormat == "" || r == nil {
			continue
		}
		sc := &sample.Context{Registry: reg, Proxy: p.Name, Cap: sample.CapFE | sample.CapBE, Maps: env}
		f, err := logformat.Parse(p.UniqueIDFormat, logformat.Options{HTTP: p.Mode == proxy.ModeHTTP,
			MergeSpaces: true, Cap: sample.FeHrqHdr | sample.BeHrqHdr}, sc)
		if err == nil {
			r.uniqueID = f
			w.active = true
		}
	}
	c := sample.NewCtx(0)
	c.Now = time.Now()
	c.Vars.Proc = w.proc
	sc := &sample.Context{Registry: reg, Maps: env}
	for _, sv := range cfg.Global.SetVars {
		v, err := sample.ParseVar(sv.Name)
		if err != nil {
			continue
		}
		s := c.TempSample()
		if sv.Format {
			f, err := logformat.Parse(sv.Expr, logformat.Options{Cap: sample.CfgParser}, sc)
			if err == nil {
				s.Type, s.Str = sample.Str, f.Eval(c, nil, logformat.ModeRule, nil)
				c.SetVar(&v, s)
			}
		} else if e, _, err := sc.ParseExpr(splitWords(sv.Expr), 0); err == nil && e.Eval(c, s) {
			c.SetVar(&v, s)
		}
		c.FreeSample()
	}
}

// splitWords cuts an expression kept as text back into words.
func splitWords(s string) []string {
	var out []string
	start := -1
	for i := 0; i <= len(s); i++ {
		if i == len(s) || s[i] == ' ' || s[i] == '\t' {
			if start >= 0 {
				out = append(out, s[start:i])
				start = -1
			}
			continue
		}
		if start < 0 {
			start = i
		}
	}
	return out
}
