package check

import (
	"hakeep/proxy/backend"
	"hakeep/proxy/balance"
	"hakeep/proxy/server"
)

// EngineTarget is the Target of a server of proxy/backend: the checks'
// verdicts go to its load-balancing state, its counters feed the
// messages, and a server coming up takes queued requests.
type EngineTarget struct {
	Backend *backend.Backend
	Server  *server.Server
}

// SetStatus applies a committed status to proxy/balance: maintenance and
// drain first, then the weight, then the operational state.
func (t EngineTarget) SetStatus(st LBStatus) {
	lb, s := t.Backend.LB, t.Server.LB
	lb.SetMaint(s, st.Maint)
	lb.SetDrain(s, st.Drain)
	if s.Weight() != st.Weight {
		// the checks refused what a static algorithm cannot take
		lb.SetWeight(s, st.Weight)
	}
	switch st.State {
	case StateStopped:
		lb.SetState(s, balance.Stopped)
	case StateStopping:
		lb.SetState(s, balance.Stopping)
	default:
		lb.SetState(s, balance.Running)
	}
}

// SetMaxconn applies an agent's "maxconn:N" (or "set maxconn server")
// to load balancing, and lets the queues use the new room.
func (t EngineTarget) SetMaxconn(n int) {
	t.Backend.LB.SetMaxconn(t.Server.LB, n)
	t.Backend.Kick()
}

// Load is the server's current sessions and queued requests.
func (t EngineTarget) Load() (sessions, queued int) {
	return int(t.Server.Counters.Cur.Load()), int(t.Server.Counters.QueueCur.Load())
}

// Redistribute: proxy/backend does not move a down server's queue yet;
// its requests wait for "timeout queue".
func (t EngineTarget) Redistribute() int { return 0 }

// GrabQueued lets the queues use the server that came up.
func (t EngineTarget) GrabQueued() int {
	t.Backend.Kick()
	return 0
}

// Attach plugs the engine's backends into the checks: each checked
// server gets its EngineTarget. The engine calls it once both are built,
// then runs Manager.Run beside its listeners.
func Attach(m *Manager, backends []*backend.Backend) {
	for _, b := range backends {
		cb := m.Backend(b.Name())
		if cb == nil {
			continue
		}
		for _, s := range b.Servers {
			if cs := cb.Server(s.Name()); cs != nil {
				cs.SetTarget(EngineTarget{Backend: b, Server: s})
			}
		}
	}
}
