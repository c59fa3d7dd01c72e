package engine

import (
	"context"
	"fmt"
	"sync/atomic"

	"hakeep/proxy"
	"hakeep/proxy/backend"
	"hakeep/proxy/check"
	"hakeep/proxy/counters"
	"hakeep/proxy/http1"
	"hakeep/proxy/listener"
	"hakeep/proxy/server"
)

// state is one configuration made ready to run: what Swap replaces.
type state struct {
	cfg       *proxy.Config
	frontends []*frontend
	backends  []*backend.Backend
	byProxy   map[*proxy.Proxy]*backend.Backend
	// maxconn is the global maxconn in force.
	maxconn int
	limits  http1.Limits
	// caseAdjust is the global h1-case-adjust table.
	caseAdjust http1.CaseAdjust
	bufs       *bufPool
	https      *httpPool
	// stop ends the backends' periodic work (idle pools, slowstart)
	// once a swap replaced the state.
	stop context.CancelFunc
	// rw is the rules layer's view of the configuration (rules_world.go).
	rw *ruleWorld
	// checks are the backends' health checks (checks.go).
	checks *check.Manager
	// h2 is the HTTP/2 frontend side (h2front.go).
	h2 h2Front
}

// frontend is a frontend (or the frontend half of a listen section).
type frontend struct {
	px   *proxy.Proxy
	st   *state
	gate *listener.Gate
	// counters are the frontend's side of the stats.
	counters counters.Proxy
	// stopped is set once its listeners closed for good ("Proxy X
	// stopped" said).
	stopped atomic.Bool
	// def is "default_backend" (the section itself for a listen);
	// routes are the "use_backend" rules whose backend is known.
	def    *backend.Backend
	routes []route
}

// route is one "use_backend" rule.
type route struct {
	be   *backend.Backend
	cond *proxy.Condition
}

func (e *Engine) build(cfg *proxy.Config) (*state, error) {
	st := &state{cfg: cfg, byProxy: map[*proxy.Proxy]*backend.Backend{}}
	st.maxconn = e.globalMaxconn(cfg)
	g := cfg.Global.Tune
	st.limits = http1.Limits{BufSize: g.BufSize, MaxRewrite: g.MaxRewrite, MaxHeaders: g.HTTPMaxHdr}
	size := g.BufSize
	if size <= 0 {
		size = http1.DefaultBufSize
	}
	st.bufs = newBufPool(size)
	st.https = newHTTPPool(st.limits)
	for lower, name := range cfg.Global.H1CaseAdjust {
		st.caseAdjust = append(st.caseAdjust, http1.CasePair{Lower: lower, Name: name})
	}

	// frontends first: fullconn defaults from their maxconn
	feMax := map[*proxy.Proxy]int{}
	for _, p := range cfg.Proxies {
		if p.Cap&proxy.CapFrontend == 0 || p.Disabled {
			continue
		}
		max := p.MaxConn
		if max <= 0 {
			max = e.deps.MaxPConn
		}
		if max <= 0 {
			// "When this value is set to zero, which is the default,
			// the global maxconn value is used" (section 4.2)
			max = st.maxconn
		}
		feMax[p] = max
	}
	// idle server connections may take 20% of the descriptors
	// ("tune.pool-low-fd-ratio"); a connection takes two
	ratio := g.PoolLowFDRatio
	if ratio <= 0 {
		ratio = 20
	}
	idle := server.NewIdleBudget(2 * st.maxconn * ratio / 100)
	reach := map[*proxy.Proxy]int{}
	for p, max := range feMax {
		seen := map[*proxy.Proxy]bool{}
		add := func(b *proxy.Proxy) {
			if b != nil && !seen[b] {
				seen[b] = true
				reach[b] += max
			}
		}
		if p.Cap&proxy.CapBackend != 0 {
			add(p)
		}
		add(p.DefaultBackend)
		for _, u := range p.UseBackends {
			add(u.Backend)
		}
	}
	for _, p := range cfg.Proxies {
		if p.Cap&proxy.CapBackend == 0 || p.Disabled {
			continue
		}
		// fullconn: "the default value is 10% of the sum of the
		// maxconn of the frontends that may branch to it" (section 4.2)
		full := reach[p] / 10
		if full <= 0 {
			full = st.maxconn / 10
		}
		b, err := backend.New(p, backend.Options{Fullconn: full, Now: e.deps.Now, Idle: idle})
		if err != nil {
			return nil, err
		}
		st.backends = append(st.backends, b)
		st.byProxy[p] = b
	}
	for _, p := range cfg.Proxies {
		max, ok := feMax[p]
		if !ok {
			continue
		}
		fe := &frontend{px: p, st: st, gate: listener.NewGate(max)}
		if p.Cap&proxy.CapBackend != 0 {
			fe.def = st.byProxy[p]
		}
		if p.DefaultBackend != nil {
			fe.def = st.byProxy[p.DefaultBackend]
		}
		for _, u := range p.UseBackends {
			if u.Backend == nil {
				// a name built per request from a log-format: routing
				// by expressions is a hook for the rules layer
				e.log.Warn(fmt.Sprintf("proxy '%s': dynamic 'use_backend %s' is not supported yet, default_backend applies", p.Name, u.Name))
				continue
			}
			if u.Cond != nil {
				e.log.Warn(fmt.Sprintf("proxy '%s': conditional 'use_backend %s' is not supported yet, default_backend applies", p.Name, u.Name))
				continue
			}
			fe.routes = append(fe.routes, route{be: st.byProxy[u.Backend], cond: u.Cond})
		}
		st.frontends = append(st.frontends, fe)
	}
	st.rw = newRuleWorld(st, e.deps.Now)
	if err := e.buildChecks(st); err != nil {
		return nil, err
	}
	return st, nil
}

// backendFor is the backend a session goes to: the first "use_backend"
// rule that applies, else "default_backend" (section 4.2, "use_backend").
func (fe *frontend) backendFor() *backend.Backend {
	for _, r := range fe.routes {
		if r.be != nil {
			return r.be
		}
	}
	return fe.def
}

// proxyType is proxy_type_str(): how messages name a section.
func proxyType(p *proxy.Proxy) string {
	switch {
	case p.Cap&proxy.CapListen == proxy.CapListen:
		return "proxy"
	case p.Cap&proxy.CapFrontend != 0:
		return "frontend"
	}
	return "backend"
}
