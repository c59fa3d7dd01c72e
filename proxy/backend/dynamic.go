package backend

import (
	"errors"
	"fmt"

	"hakeep/proxy"
	"hakeep/proxy/balance"
	"hakeep/proxy/server"
)

// List is every server of the backend in order: the configuration's,
// then those added at run time, without those deleted.
func (b *Backend) List() []*server.Server { return *b.list.Load() }

// stateOf is a server's queue, nil for a server the backend does not
// hold (any more).
func (b *Backend) stateOf(s *balance.Server) *srvState { return (*b.byLB.Load())[s] }

// AddServer adds a server at run time ("add server", management.txt
// section 9.3): it takes part in load balancing once out of maintenance
// (at once when enabled). The caller checked its name and settings.
func (b *Backend) AddServer(ps *proxy.Server, enabled bool) (*server.Server, error) {
	if (ps.MaxConn > 0 || ps.MinConn > 0) && !b.limited {
		// the backend's requests take no queue slot: a limit would not
		// be kept for those already running
		return nil, fmt.Errorf("'maxconn' on a dynamic server of backend '%s', none of whose servers has one, is not supported by hakeep.", b.Name())
	}
	lbs, err := b.LB.AddServer(balance.ServerConfig{Name: ps.Name, ID: ps.ID, Weight: ps.Weight, Backup: ps.Backup,
		Maxconn: ps.MaxConn, Minconn: ps.MinConn, Maxqueue: ps.MaxQueue, Slowstart: ps.SlowStart}, enabled)
	if err != nil {
		return nil, err
	}
	rs := server.New(ps, b.Name(), lbs, b.sopt)
	b.mu.Lock()
	defer b.mu.Unlock()
	old := *b.byLB.Load()
	byLB := make(map[*balance.Server]*srvState, len(old)+1)
	for k, v := range old {
		byLB[k] = v
	}
	byLB[lbs] = &srvState{srv: rs}
	b.byLB.Store(&byLB)
	list := append(append([]*server.Server(nil), b.List()...), rs)
	b.list.Store(&list)
	return rs, nil
}

// DelServer removes a server in maintenance with no connection and no
// request waiting for it ("del server"), in 2.6's words when refused
// (cli_parse_delete_server()).
func (b *Backend) DelServer(s *server.Server) error {
	b.mu.Lock()
	defer b.mu.Unlock()
	if !s.LB.Status().Maint {
		return errors.New("Only servers in maintenance mode can be deleted.")
	}
	ss := b.stateOf(s.LB)
	if s.Counters.Cur.Load() > 0 || s.Counters.IdleConns.Load() > 0 || (ss != nil && ss.q.n > 0) {
		return errors.New("Server still has connections attached to it, cannot remove it.")
	}
	if err := b.LB.DelServer(s.LB); err != nil {
		return err
	}
	old := *b.byLB.Load()
	byLB := make(map[*balance.Server]*srvState, len(old))
	for k, v := range old {
		if k != s.LB {
			byLB[k] = v
		}
	}
	b.byLB.Store(&byLB)
	var list []*server.Server
	for _, o := range b.List() {
		if o != s {
			list = append(list, o)
		}
	}
	b.list.Store(&list)
	s.CloseIdle()
	return nil
}

// NoteMaint remembers that a server the checks do not drive (one added
// at run time) went through maintenance: 2.6 clears every server's check
// health then, checked or not, and "show servers state" keeps showing 0.
func (b *Backend) NoteMaint(s *server.Server) { b.maintSeen.Store(s, true) }

// WentMaint reports whether NoteMaint was called for s.
func (b *Backend) WentMaint(s *server.Server) bool {
	_, ok := b.maintSeen.Load(s)
	return ok
}
