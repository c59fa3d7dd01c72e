package backend

import (
	"context"

	"hakeep/proxy/server"
)

// AssignTo takes a slot on srv for a request that persists to it (a
// persistence cookie, use-server, a stick match: HAProxy's SF_DIRECT),
// without load balancing. A full server queues the request on itself,
// as assign_server_and_queue does for a direct assignment.
func (b *Backend) AssignTo(ctx context.Context, srv *server.Server) (*server.Server, error) {
	ss := b.stateOf(srv.LB)
	if ss == nil {
		return nil, ErrNoServer
	}
	if !b.limited {
		b.LB.Take(srv.LB)
		b.took(srv)
		return srv, nil
	}
	b.mu.Lock()
	b.LB.Enter()
	if b.LB.HasRoom(srv.LB) {
		b.LB.Take(srv.LB)
		b.mu.Unlock()
		b.took(srv)
		return srv, nil
	}
	if max := srv.Cfg.MaxQueue; max > 0 && ss.q.n >= max {
		b.LB.Leave()
		b.mu.Unlock()
		return nil, ErrQueueFull
	}
	return b.wait(ctx, ss)
}
