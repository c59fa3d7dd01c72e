package check

import "hakeep/proxy"

// Backend is the servers of one backend (or listen) section as the checks
// see them, and the backend-wide state server changes update: when the
// last usable server goes, 2.6 alerts that the backend has no server
// available (src/backend.c, set_backend_down).
type Backend struct {
	w    *world
	name string
	// typ is proxy_type_str(): "backend", or "proxy" for a listen
	// section (measured on 2.6.12: "proxy 'web' has no server
	// available!").
	typ     string
	servers []*Server
	logger  Logger

	// Options of the check method that change what a result means.
	disable404 bool // "http-check disable-on-404"
	logChecks  bool // "option log-health-checks"
	// dynamicLB: the algorithm accepts any weight at run time
	// (BE_LB_PROP_DYN); static ones only 0% and 100%.
	dynamicLB bool
	// allBackups is "option allbackups".
	allBackups bool

	lastChange int64 // unix seconds
	downTime   int64 // seconds spent with no usable server
	downTrans  uint64
}

func newBackend(w *world, p *proxy.Proxy) *Backend {
	typ := "backend"
	if p.Cap&proxy.CapFrontend != 0 {
		typ = "proxy"
	}
	b := p.Balance
	dyn := b.Algo != proxy.BalanceStaticRR
	switch b.Algo {
	case proxy.BalanceSource, proxy.BalanceURI, proxy.BalanceURLParam, proxy.BalanceHdr,
		proxy.BalanceRDPCookie, proxy.BalanceHash:
		dyn = b.HashType == proxy.HashConsistent
	}
	return &Backend{w: w, name: p.Name, typ: typ, lastChange: w.now().Unix(),
		logChecks: p.Options.LogHealthChecks, dynamicLB: dyn, allBackups: p.Options.AllBackups}
}

// Name is the backend's name.
func (b *Backend) Name() string { return b.name }

// Servers are the backend's servers in declaration order.
func (b *Backend) Servers() []*Server { return b.servers }

// Server returns the server named name, or nil.
func (b *Backend) Server(name string) *Server {
	for _, s := range b.servers {
		if s.name == name {
			return s
		}
	}
	return nil
}

// SetLogger plugs the backend's log targets in (send_log to the proxy).
func (b *Backend) SetLogger(l Logger) {
	b.w.mu.Lock()
	defer b.w.mu.Unlock()
	b.logger = l
}

// counts is srv_act and srv_bck: the usable active and backup servers.
func (b *Backend) counts() (act, bck int) {
	for _, s := range b.servers {
		if !s.usable() {
			continue
		}
		if s.backup {
			bck++
		} else {
			act++
		}
	}
	return act, bck
}

func (b *Backend) usableCount() int {
	a, k := b.counts()
	return a + k
}

// setDown is set_backend_down(): the last usable server is gone.
func (b *Backend) setDown() {
	b.lastChange = b.w.now().Unix()
	b.downTrans++
	if b.w.starting {
		return
	}
	b.w.n.print(kindAlert, b.typ+" '"+b.name+"' has no server available!")
	b.emit(LevelEmerg, b.typ+" "+b.name+" has no server available!")
}

// emit sends a log line to the backend's logger.
func (b *Backend) emit(level Level, msg string) {
	if l := b.logger; l != nil {
		l.Emit(level, msg)
	}
}

// notify is a server notification: printed on stderr with label k and
// logged at level.
func (b *Backend) notify(k kind, level Level, msg string) {
	b.w.n.print(k, msg)
	b.emit(level, msg)
}

// DownTime is be_downtime(): the seconds the backend had no usable server.
func (b *Backend) DownTime() int64 {
	b.w.mu.Lock()
	defer b.w.mu.Unlock()
	now := b.w.now().Unix()
	if b.usableCount() > 0 && b.lastChange < now {
		return b.downTime
	}
	return now - b.lastChange + b.downTime
}

// BackendStats are the check-driven "show stat" fields of the BACKEND line.
type BackendStats struct {
	// Act and Bck are srv_act and srv_bck.
	Act, Bck int
	// ChkDown counts the transitions to "no server available".
	ChkDown uint64
	// LastChg is the seconds since the last change; DownTime the total
	// seconds without a usable server.
	LastChg, DownTime int64
}

// Stats returns the backend's check-driven stats fields.
func (b *Backend) Stats() BackendStats {
	dt := b.DownTime()
	b.w.mu.Lock()
	defer b.w.mu.Unlock()
	a, k := b.counts()
	return BackendStats{Act: a, Bck: k, ChkDown: b.downTrans,
		LastChg: b.w.now().Unix() - b.lastChange, DownTime: dt}
}
