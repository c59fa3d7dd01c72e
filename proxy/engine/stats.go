package engine

import (
	"net/netip"

	"hakeep/proxy/listener"
	"time"

	"hakeep/proxy"
	"hakeep/proxy/backend"
	"hakeep/proxy/balance"
	"hakeep/proxy/check"
	"hakeep/proxy/counters"
	"hakeep/proxy/server"
	"hakeep/proxy/stats"
)

// This file is the engine's side of proxy/stats: the running proxies,
// listeners and servers described for "show stat", the stats page and
// the Prometheus exporter.

// StatsProxies describes every enabled proxy of the running
// configuration, in declaration order.
func (e *Engine) StatsProxies() []*stats.Proxy {
	st := e.state.Load()
	ids := proxyIDs(st.cfg)
	now := e.deps.Now()
	fes := make(map[*proxy.Proxy]*frontend, len(st.frontends))
	for _, fe := range st.frontends {
		fes[fe.px] = fe
	}
	out := make([]*stats.Proxy, 0, len(st.cfg.Proxies))
	for _, p := range st.cfg.Proxies {
		if p.Disabled {
			continue
		}
		sp := &stats.Proxy{Name: p.Name, ID: ids[p], Desc: p.Description}
		if fe := fes[p]; fe != nil {
			sp.Frontend = e.statsFrontend(fe, ids[p])
			if p.Options.SocketStats {
				sp.Listeners = e.statsListeners(fe)
			}
		}
		if b := st.byProxy[p]; b != nil {
			sp.Servers, sp.Backend = statsBackend(b, ids[p], now, st.checks)
		}
		out = append(out, sp)
	}
	return out
}

// statsCounters copies the counters a frontend or backend keeps.
func statsCounters(c *counters.Proxy) stats.Counters {
	sc := stats.Counters{
		Sessions:       uint64(c.Sessions.Load()),
		Conns:          uint64(c.Conns.Load()),
		Connect:        uint64(c.Connect.Load()),
		LbConn:         uint64(c.LbConn.Load()),
		BytesIn:        uint64(c.BytesIn.Load()),
		BytesOut:       uint64(c.BytesOut.Load()),
		DeniedReq:      uint64(c.DeniedReq.Load()),
		DeniedResp:     uint64(c.DeniedResp.Load()),
		FailedReq:      uint64(c.ErrReq.Load()),
		FailedConns:    uint64(c.ErrConn.Load()),
		FailedResp:     uint64(c.ErrResp.Load()),
		Retries:        uint64(c.Retries.Load()),
		Redispatches:   uint64(c.Redispatches.Load()),
		CliAborts:      uint64(c.CliAborts.Load()),
		SrvAborts:      uint64(c.SrvAborts.Load()),
		Requests:       uint64(c.Requests.Load()),
		MaxCur:         uint64(c.Max.Load()),
		MaxQueue:       uint64(c.QueueMax.Load()),
		Reuse:          uint64(c.ConnReuse.Load()),
		InternalErrors: uint64(c.InternalErr.Load()),
		LastSess:       -1,
		H1: stats.H1Counters{
			TotalConns:   uint64(c.H1Conns.Load()),
			TotalStreams: uint64(c.H1Streams.Load()),
		},
	}
	for i := range sc.Rsp {
		sc.Rsp[i] = uint64(c.Responses.Class[i].Load())
	}
	return sc
}

// frontendStatus is the frontend's "status": STOP once stopping, PAUSED
// when every listener is paused ("disable frontend"), OPEN otherwise.
func (e *Engine) frontendStatus(fe *frontend) string {
	if e.stopping.Load() {
		return "STOP"
	}
	e.mu.Lock()
	defer e.mu.Unlock()
	n, paused := 0, 0
	for _, bl := range e.listeners {
		if bl.cur.Load().fe != fe {
			continue
		}
		n++
		if bl.l.Paused() {
			paused++
		}
	}
	if n > 0 && n == paused {
		return "PAUSED"
	}
	return "OPEN"
}

func (e *Engine) statsFrontend(fe *frontend, id int) *stats.Frontend {
	// scur is feconn: the frontend's live sessions; smax the gate's peak
	// of accepted connections (listener.Gate)
	_, peak := fe.gate.Current()
	cur := e.sessionsOf(fe)
	f := &stats.Frontend{
		Name: fe.px.Name, ID: id, Mode: fe.px.Mode.String(),
		Status: e.frontendStatus(fe), Cur: cur, Limit: fe.gate.Max(), RateLimit: fe.px.RateLimit,
		C: statsCounters(&fe.counters),
	}
	f.C.MaxCur = uint64(peak)
	return f
}

// statsListeners lists a frontend's sockets, numbered from 1 in bind
// order and named "sock-<id>" unless the bind line names them.
func (e *Engine) statsListeners(fe *frontend) []*stats.Listener {
	var out []*stats.Listener
	id := 0
	for _, b := range fe.px.Binds {
		for range listener.Expand(b) {
			id++
			name := b.Name
			if name == "" {
				name = "sock-" + itoa(id)
			}
			out = append(out, &stats.Listener{Name: name, ID: id, Status: e.frontendStatus(fe),
				Limit: b.MaxConn, C: stats.Counters{LastSess: -1}})
		}
	}
	e.mu.Lock()
	defer e.mu.Unlock()
	i := 0
	for _, b := range fe.px.Binds {
		for _, a := range listener.Expand(b) {
			if bl := e.listeners[a.Key()]; bl != nil {
				out[i].Addr = bl.l.Socket().Listener.Addr().String()
			}
			i++
		}
	}
	return out
}

// statsBackend describes a backend and its servers.
func statsBackend(b *backend.Backend, id int, now time.Time, checks *check.Manager) ([]*stats.Server, *stats.Backend) {
	p := b.Proxy
	mode := p.Mode.String()
	bs := b.LB.Status()
	sb := &stats.Backend{
		Name: p.Name, Mode: mode, ID: id, Algo: p.Balance.Algo.String(),
		Queue: b.QueueLen(), Cur: int(b.Counters.Cur.Load()), Fullconn: b.LB.Fullconn(),
		TotWeight: bs.TotWeight, UWeight: bs.UWeight, Act: bs.Act, Bck: bs.Bck,
		HasServers: len(b.List()) > 0, LastChange: 0,
		C: statsCounters(&b.Counters),
	}
	if p.Cookie != nil {
		sb.Cookie = p.Cookie.Name
	}
	list := b.List()
	servers := make([]*stats.Server, 0, len(list))
	for _, s := range list {
		sv := statsServer(b, s, id, mode, now)
		if checks != nil {
			if cs := checks.Server(b.Name(), s.Name()); cs != nil {
				checkStats(sv, cs.Stats())
			}
		}
		servers = append(servers, sv)
	}
	return servers, sb
}

func statsServer(b *backend.Backend, s *server.Server, pxid int, mode string, now time.Time) *stats.Server {
	cfg := s.Cfg
	ls := s.LB.Status()
	c := &s.Counters
	sv := &stats.Server{
		Proxy: b.Name(), ProxyID: pxid, Name: s.Name(), ID: s.LB.ID(), Mode: mode,
		Addr: serverAddr(s), Cookie: cfg.Cookie, Backup: cfg.Backup,
		Maxconn: cfg.MaxConn, Maxqueue: cfg.MaxQueue, MaxIdle: -1,
		Cur: int(c.Cur.Load()), Queue: int(c.QueueCur.Load()), IdleConns: int(c.IdleConns.Load()),
		IdleCur: int(c.IdleConns.Load()),
		State:   srvState(ls.State), EWeight: ls.EWeight, UWeight: ls.UWeight, Throttle: ls.Throttle,
		LastChange: now.Unix() - ls.LastChange, Observe: cfg.Observe != "",
		C: stats.Counters{
			Sessions:     uint64(c.Sessions.Load()),
			BytesIn:      uint64(c.BytesIn.Load()),
			BytesOut:     uint64(c.BytesOut.Load()),
			FailedConns:  uint64(c.ErrConn.Load()),
			FailedResp:   uint64(c.ErrResp.Load()),
			Retries:      uint64(c.Retries.Load()),
			Redispatches: uint64(c.Redispatches.Load()),
			CliAborts:    uint64(c.CliAborts.Load()),
			SrvAborts:    uint64(c.SrvAborts.Load()),
			MaxCur:       uint64(c.Max.Load()),
			MaxQueue:     uint64(c.QueueMax.Load()),
			Reuse:        uint64(c.ConnReuse.Load()),
			Connect:      uint64(c.Connect.Load()),
			LbConn:       uint64(c.LbConn.Load()),
			LastSess:     -1,
		},
	}
	for i := range sv.C.Rsp {
		sv.C.Rsp[i] = uint64(c.Responses.Class[i].Load())
		sv.C.Requests += sv.C.Rsp[i]
	}
	if cfg.PoolMaxConn > 0 {
		sv.MaxIdle = cfg.PoolMaxConn
	}
	if ls.Maint {
		sv.Admin |= stats.AdminMaint
	}
	if ls.Drain {
		sv.Admin |= stats.AdminDrain
	}
	if cfg.Track != "" {
		sv.Via = cfg.Track
		if cfg.TrackServer != nil && !containsSlash(cfg.Track) {
			sv.Via = b.Name() + "/" + cfg.Track
		}
	}
	return sv
}

func containsSlash(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] == '/' {
			return true
		}
	}
	return false
}

// serverAddr is the address column: "ip:port", "[ipv6]:port", or "unix".
func serverAddr(s *server.Server) string {
	a := s.Cfg.Addr
	switch a.Family {
	case proxy.FamilyUnix, proxy.FamilyAbstract:
		return "unix"
	}
	t := s.Target(netip.AddrPort{})
	if !t.Addr().IsValid() {
		return ""
	}
	return t.String()
}

func srvState(st balance.State) stats.SrvState {
	switch st {
	case balance.Starting:
		return stats.SrvStarting
	case balance.Running:
		return stats.SrvRunning
	case balance.Stopping:
		return stats.SrvStopping
	}
	return stats.SrvStopped
}

// sessionsOf counts the live sessions of a frontend (feconn).
func (e *Engine) sessionsOf(fe *frontend) int {
	e.sessions.mu.Lock()
	defer e.sessions.mu.Unlock()
	n := 0
	for s := e.sessions.head; s != nil; s = s.next {
		if s.fe == fe {
			n++
		}
	}
	return n
}
