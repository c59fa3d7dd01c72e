package engine

import (
	"hakeep/proxy/backend"
	"hakeep/proxy/counters"
)

// enterBackend attaches the transaction's stream to its backend as
// stream_set_backend does: beconn (be_conn, the backend's "scur") counts
// it until the transaction ends, and the backend's session rate
// (be_sess_rate, proxy_inc_be_ctr) counts it once.
func (h *httpState) enterBackend(s *session, be *backend.Backend) {
	if be == nil || h.attached != nil {
		return
	}
	h.attached = be
	counters.Enter(&be.Counters.Cur, &be.Counters.Max)
	be.Counters.SessRate.Add(s.e.deps.Now().UnixMilli(), 1)
}

// leaveBackend detaches the stream from its backend at the end of the
// transaction.
func (h *httpState) leaveBackend() {
	if be := h.attached; be != nil {
		counters.Leave(&be.Counters.Cur)
		h.attached = nil
	}
}
