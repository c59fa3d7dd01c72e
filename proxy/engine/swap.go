package engine

import (
	"errors"
	"fmt"

	"hakeep/proxy"
	"hakeep/proxy/listener"
)

// Swap installs cfg for the connections accepted from now on, with one
// atomic pointer swap: frontends and backends are rebuilt, listening
// sockets whose address is still wanted stay open and move to the new
// frontend, new addresses are bound, dropped ones closed. Connections in
// flight finish under the configuration they started with; the old
// backends keep no idle connection once replaced. The global maxconn in
// force does not change. The new configuration is in place even when
// some listener fails to bind; the error lists those.
func (e *Engine) Swap(cfg *proxy.Config) error {
	st, err := e.build(cfg)
	if err != nil {
		return err
	}
	var errs []error
	if st.maxconn != e.global.Max() {
		e.log.Warn(fmt.Sprintf("global maxconn %d kept: a new value (%d) needs a restart", e.global.Max(), st.maxconn))
		st.maxconn = e.global.Max()
	}
	type want struct {
		fe *frontend
		b  *proxy.Bind
		a  listener.Addr
	}
	wanted := map[string]want{}
	var order []string
	for _, fe := range st.frontends {
		for _, b := range fe.px.Binds {
			for _, a := range listener.Expand(b) {
				k := a.Key()
				if _, dup := wanted[k]; !dup {
					wanted[k] = want{fe, b, a}
					order = append(order, k)
				}
			}
		}
	}
	e.mu.Lock()
	existing := make(map[string]*boundListener, len(e.listeners))
	for k, bl := range e.listeners {
		existing[k] = bl
	}
	e.mu.Unlock()
	for _, k := range order {
		w := wanted[k]
		if bl, ok := existing[k]; ok {
			bl.cur.Store(&binding{fe: w.fe, bind: w.b})
			bl.l.SetGates([]*listener.Gate{gateOf(w.b.MaxConn), w.fe.gate, e.global})
			continue
		}
		if err := e.openListener(w.fe, w.b, w.a); err != nil {
			errs = append(errs, err)
		}
	}
	for k, bl := range existing {
		if _, ok := wanted[k]; !ok {
			bl.l.Close()
			e.mu.Lock()
			delete(e.listeners, k)
			e.mu.Unlock()
		}
	}
	e.mu.Lock()
	old := e.state.Swap(st)
	var stopOld func()
	if e.started {
		e.startBackends(st)
		stopOld = old.stop
	}
	e.mu.Unlock()
	if stopOld != nil {
		stopOld()
	}
	return errors.Join(errs...)
}
