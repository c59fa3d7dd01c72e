package engine

import (
	"time"
	"unsafe"

	"hakeep/proxy"
	"hakeep/proxy/backend"
	"hakeep/proxy/cli"
	"hakeep/proxy/counters"
	"hakeep/proxy/stats"
	"hakeep/proxy/stick"
)

// This file is the engine's side of the Runtime API (proxy/cli): the
// proxies, servers and sessions the commands act on.

// Runtime returns the engine as proxy/cli sees it.
func (e *Engine) Runtime() cli.Runtime { return (*runtimeView)(e) }

// runtimeView is the Engine under cli.Runtime's method names.
type runtimeView Engine

func (r *runtimeView) e() *Engine { return (*Engine)(r) }

func (r *runtimeView) StatsProxies() []*stats.Proxy { return r.e().StatsProxies() }

// StatsProcess fills what the engine knows of "show info".
func (r *runtimeView) StatsProcess(p *stats.Process) {
	e := r.e()
	st := e.state.Load()
	p.Maxconn = e.global.Max()
	if p.HardMaxconn == 0 {
		p.HardMaxconn = st.maxconn
	}
	p.CurrConns = e.actconn.Load()
	p.Stopping = e.stopping.Load()
	for _, fe := range st.frontends {
		p.CumConns += uint64(fe.counters.Sessions.Load())
		p.CumReq += uint64(fe.counters.Requests.Load())
	}
	e.mu.Lock()
	p.Listeners = len(e.listeners)
	e.mu.Unlock()
	p.Jobs = p.Listeners + int(p.CurrConns)
	g := &st.cfg.Global
	if p.ConnRateLimit == 0 {
		p.ConnRateLimit = g.MaxConnRate
	}
	if p.SessRateLimit == 0 {
		p.SessRateLimit = g.MaxSessRate
	}
	if p.SSLRateLimit == 0 {
		p.SSLRateLimit = g.MaxSSLRate
	}
	if p.CompressBpsRateLim == 0 {
		p.CompressBpsRateLim = g.MaxCompRate
	}
	p.Maxpipes = g.MaxPipes
	p.MaxSSLConns = g.MaxSSLConn
	p.Node = orDefault(g.Node, p.Node)
	p.Description = orDefault(g.Description, p.Description)
}

func orDefault(v, def string) string {
	if v != "" {
		return v
	}
	return def
}

// Frontend finds a frontend or listen section by name.
func (r *runtimeView) Frontend(name string) cli.Frontend {
	e := r.e()
	for _, fe := range e.state.Load().frontends {
		if fe.px.Name == name {
			return &frontendCtl{e: e, fe: fe}
		}
	}
	return nil
}

// Backend finds a backend or listen section by name.
func (r *runtimeView) Backend(name string) cli.Backend {
	e := r.e()
	st := e.state.Load()
	for _, b := range st.backends {
		if b.Name() == name {
			return &backendCtl{e: e, b: b, id: proxyIDs(st.cfg)[b.Proxy]}
		}
	}
	return nil
}

// BackendNames lists the backends in declaration order.
func (r *runtimeView) BackendNames() []string {
	var out []string
	for _, b := range r.e().state.Load().backends {
		out = append(out, b.Name())
	}
	return out
}

func (r *runtimeView) MaxConn() int     { return r.e().global.Max() }
func (r *runtimeView) SetMaxConn(n int) { r.e().global.SetMax(n) }

// HardMaxConn is the maxconn computed at start ("Hard_maxconn").
func (r *runtimeView) HardMaxConn() int { return r.e().state.Load().maxconn }

// SetRateLimit records a new process rate limit. The engine enforces
// none of maxconnrate, maxsessrate, maxsslrate or maxcomprate yet, from
// the configuration or from here; "show info" reports the value.
func (r *runtimeView) SetRateLimit(kind string, v int) {
	g := &r.e().state.Load().cfg.Global
	switch kind {
	case "connections":
		g.MaxConnRate = v
	case "sessions":
		g.MaxSessRate = v
	case "ssl-sessions":
		g.MaxSSLRate = v
	case "http-compression":
		g.MaxCompRate = v * 1024
	}
}

// Sessions lists the client sessions; a session's id is its address, as
// 2.6 shows a stream's.
func (r *runtimeView) Sessions() []cli.Session {
	e := r.e()
	now := e.deps.Now()
	ids := proxyIDs(e.state.Load().cfg)
	_ = ids
	e.sessions.mu.Lock()
	defer e.sessions.mu.Unlock()
	var out []cli.Session
	for s := e.sessions.head; s != nil; s = s.next {
		cs := cli.Session{ID: uint64(uintptr(unsafe.Pointer(s))), Proto: "tcpv4", Src: "??",
			Frontend: s.fe.px.Name, Backend: s.rec.Backend, Server: s.rec.Server,
			Age: now.Sub(s.accept), FD: -1}
		if s.src.IsValid() {
			cs.Src = s.src.String()
			if s.src.Addr().Is6() && !s.src.Addr().Is4In6() {
				cs.Proto = "tcpv6"
			}
		}
		if cs.Server == "<NOSRV>" {
			cs.Server = ""
		}
		out = append(out, cs)
	}
	return out
}

// KillSession closes a client session.
func (r *runtimeView) KillSession(id uint64) bool {
	e := r.e()
	e.sessions.mu.Lock()
	defer e.sessions.mu.Unlock()
	for s := e.sessions.head; s != nil; s = s.next {
		if uint64(uintptr(unsafe.Pointer(s))) == id {
			s.conn.Close()
			return true
		}
	}
	return false
}

// ClearCounters is "clear counters": the maxima, or every counter.
func (r *runtimeView) ClearCounters(all bool) {
	st := r.e().state.Load()
	for _, fe := range st.frontends {
		clearProxy(&fe.counters, all)
	}
	for _, b := range st.backends {
		clearProxy(&b.Counters, all)
		for _, s := range b.List() {
			c := &s.Counters
			c.Max.Store(c.Cur.Load())
			c.QueueMax.Store(c.QueueCur.Load())
			if all {
				for _, v := range []*atomicInt{&c.Sessions, &c.BytesIn, &c.BytesOut, &c.ErrConn, &c.ErrResp,
					&c.Retries, &c.Redispatches, &c.CliAborts, &c.SrvAborts, &c.ConnReuse} {
					v.Store(0)
				}
				for i := range c.Responses.Class {
					c.Responses.Class[i].Store(0)
				}
			}
		}
	}
}

func clearProxy(c *counters.Proxy, all bool) {
	c.Max.Store(c.Cur.Load())
	c.QueueMax.Store(c.QueueCur.Load())
	if !all {
		return
	}
	for _, v := range []*atomicInt{&c.Sessions, &c.BytesIn, &c.BytesOut, &c.Requests, &c.DeniedReq, &c.DeniedResp,
		&c.ErrReq, &c.ErrConn, &c.ErrResp, &c.Retries, &c.Redispatches, &c.CliAborts, &c.SrvAborts,
		&c.ConnReuse, &c.InternalErr} {
		v.Store(0)
	}
	for i := range c.Responses.Class {
		c.Responses.Class[i].Store(0)
	}
}

// frontendCtl is a frontend under cli.Frontend.
type frontendCtl struct {
	e  *Engine
	fe *frontend
}

func (f *frontendCtl) Name() string { return f.fe.px.Name }

// bound lists the listeners serving the frontend; e.mu is held.
func (f *frontendCtl) bound() []*boundListener {
	var out []*boundListener
	for _, bl := range f.e.listeners {
		if bl.cur.Load().fe == f.fe {
			out = append(out, bl)
		}
	}
	return out
}

// Pause is "disable frontend": its TCP sockets refuse connections, and
// 2.6's "Paused frontend fe." is said.
func (f *frontendCtl) Pause() bool {
	changed := f.e.setPaused([]*frontend{f.fe}, true)
	f.e.announcePause(changed, false)
	return len(changed) > 0
}

// Resume is "enable frontend".
func (f *frontendCtl) Resume() bool {
	changed := f.e.setPaused([]*frontend{f.fe}, false)
	f.e.announcePause(changed, true)
	return len(changed) > 0
}

// Stop closes the frontend's listeners for good ("shutdown frontend").
func (f *frontendCtl) Stop() bool {
	f.e.mu.Lock()
	bls := f.bound()
	for _, bl := range bls {
		bl.l.Close()
		delete(f.e.listeners, bl.key)
	}
	f.e.mu.Unlock()
	if len(bls) > 0 {
		f.e.frontendStopped(f.fe)
	}
	return len(bls) > 0
}

// Stopped reports a frontend whose listeners were shut down.
func (f *frontendCtl) Stopped() bool {
	if len(f.fe.px.Binds) == 0 {
		return false
	}
	f.e.mu.Lock()
	defer f.e.mu.Unlock()
	return len(f.bound()) == 0
}

func (f *frontendCtl) SetMaxConn(n int) { f.fe.gate.SetMax(n) }

// backendCtl is a backend under cli.Backend.
type backendCtl struct {
	e  *Engine
	b  *backend.Backend
	id int
}

func (b *backendCtl) Name() string { return b.b.Name() }
func (b *backendCtl) ID() int      { return b.id }

func (b *backendCtl) Server(name string) cli.Server {
	if s := b.b.Server(name); s != nil {
		return newServerCtl(b.e, b, s)
	}
	return nil
}

func (b *backendCtl) Servers() []cli.Server {
	list := b.b.List()
	out := make([]cli.Server, 0, len(list))
	for _, s := range list {
		out = append(out, newServerCtl(b.e, b, s))
	}
	return out
}

// proxyByName finds a proxy of the running configuration.
func proxyByName(cfg *proxy.Config, name string) *proxy.Proxy {
	for _, p := range cfg.Proxies {
		if p.Name == name {
			return p
		}
	}
	return nil
}

// since is the whole seconds from t (unix seconds) to now.
func since(now time.Time, t int64) int64 { return now.Unix() - t }

// Tables lists the stick tables as 2.6 lists them: the last declared
// first.
func (r *runtimeView) Tables() []*stick.Table {
	st := r.e().state.Load()
	if st.rw == nil {
		return nil
	}
	var names []string
	for _, p := range st.cfg.Proxies {
		if p.StickTable != nil {
			names = append(names, p.StickTable.Name)
		}
	}
	for _, ps := range st.cfg.Peers {
		for _, t := range ps.Tables {
			names = append(names, t.Name)
		}
	}
	var out []*stick.Table
	for i := len(names) - 1; i >= 0; i-- {
		if t := st.rw.tables[names[i]]; t != nil {
			out = append(out, t)
		}
	}
	return out
}

// NowMs is the clock the tables count in.
func (r *runtimeView) NowMs() int64 { return r.e().deps.Now().UnixMilli() }
