package engine

import "hakeep/proxy"

// ProxyConns is one proxy's cumulated connections: accepted by its
// frontend side, sent to its backend side.
type ProxyConns struct {
	Name   string
	FE, BE int64
}

// StopOrder lists the proxies in the order 2.6 reports them stopped at
// the end of a soft stop ("Proxy X stopped (cumulated conns: FE: n, BE:
// n).", proxy_cond_disable()): the frontends and listens as their
// listeners close, in declaration order, then the backends.
func (e *Engine) StopOrder() []ProxyConns {
	st := e.state.Load()
	var out []ProxyConns
	for _, fe := range st.frontends {
		pc := ProxyConns{Name: fe.px.Name, FE: fe.counters.Sessions.Load()}
		if fe.px.Cap&proxy.CapBackend != 0 {
			if be := st.byProxy[fe.px]; be != nil {
				pc.BE = be.Counters.Sessions.Load()
			}
		}
		out = append(out, pc)
	}
	for _, be := range st.backends {
		if be.Proxy.Cap&proxy.CapFrontend != 0 {
			continue
		}
		out = append(out, ProxyConns{Name: be.Name(), BE: be.Counters.Sessions.Load()})
	}
	return out
}
