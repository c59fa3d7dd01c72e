package engine

import (
	"hakeep/proxy/backend"
	"hakeep/proxy/balance"
	"hakeep/proxy/server"
)

// stopped tells whether a server is SRV_ST_STOPPED, as the slot fetches
// see it: down, or in maintenance.
func stopped(s *server.Server) bool {
	if s.LB == nil {
		return false
	}
	st := s.LB.Status()
	return st.State == balance.Stopped || st.Maint
}

// connSlots is the connslots fetch (smp_fetch_connslots): the free
// connection and queue slots of the servers not stopped, -1 as soon as
// one of them has no maxconn or no maxqueue.
func connSlots(be *backend.Backend) int64 {
	var n int64
	for _, s := range be.Servers {
		if stopped(s) {
			continue
		}
		maxconn, maxqueue := s.Cfg.MaxConn, s.Cfg.MaxQueue
		if s.LB != nil {
			maxconn = s.LB.Maxconn()
		}
		if maxconn == 0 || maxqueue == 0 {
			return -1
		}
		n += int64(maxconn) - s.Counters.Cur.Load() + int64(maxqueue) - s.Counters.QueueCur.Load()
	}
	return n
}

// connFree is the be_conn_free fetch (smp_fetch_be_conn_free): the free
// connection slots of the servers not stopped, -1 as soon as one of them
// has no maxconn.
func connFree(be *backend.Backend) int64 {
	var n int64
	for _, s := range be.Servers {
		if stopped(s) {
			continue
		}
		free := serverConnFree(s)
		if free < 0 {
			return -1
		}
		n += free
	}
	return n
}

// serverConnFree is srv_conn_free: the server's free connection slots,
// -1 without a maxconn.
func serverConnFree(s *server.Server) int64 {
	maxconn := s.Cfg.MaxConn
	if s.LB != nil {
		maxconn = s.LB.Maxconn()
	}
	if maxconn == 0 {
		return -1
	}
	if cur := s.Counters.Cur.Load(); cur < int64(maxconn) {
		return int64(maxconn) - cur
	}
	return 0
}
