package engine

import (
	"hakeep/proxy"
	"hakeep/proxy/backend"
	"hakeep/proxy/stream"
)

// retryL7 is "retry-on" for an event after the request was sent
// (configuration.txt section 4.2, "retry-on"): when the proxy asks for
// that event, the whole request went out in one piece (so it can be sent
// again) and "retries" has attempts left, the server connection is
// dropped and the request goes to a server again, another one when
// "option redispatch" says so. It reports retryNone when it does not
// apply, retrySent when the request went again (the caller reads the new
// response), retryFailed when no server took it (the caller answers
// failed, whose status and termination state are set).
func (s *session) retryL7(h *httpState, be *backend.Backend, sent []byte, ev proxy.RetryOn, failed *attempt) retryResult {
	p := be.Proxy
	if ev == 0 || p.RetryOn&ev == 0 || p.RetryOn&proxy.RetryNone != 0 || h.pump != nil || h.retried >= p.Retries {
		return retryNone
	}
	h.retried++
	be.Counters.Retries.Add(1)
	prev := h.srv
	prev.Counters.Retries.Add(1)
	h.conn.Close()
	h.conn = nil
	if redispatch(p, be, attempt{srv: prev, retries: h.retried}) {
		prev.Counters.Redispatches.Add(1)
		be.Counters.Redispatches.Add(1)
		s.rec.Redispatched = true
		h.avoid = prev
	}
	be.Release(prev)
	h.srv = nil
	a := s.connect(s.e.ctx, be, &h.lb, h, h.rt)
	h.avoid = nil
	s.rec.Retries = h.retried + a.retries
	if a.conn == nil {
		*failed = a
		s.rec.Term = a.term
		return retryFailed
	}
	h.srv, h.conn = a.srv, a.conn
	s.track(a.conn)
	s.rec.Server = a.srv.Name()
	s.rec.ServerAddr = a.srv.Target(s.dst)
	if !s.sendRequest(h, be, sent) {
		*failed = attempt{status: 503, term: stream.Term{Cause: stream.CauseServerAbort, Phase: stream.PhaseConnect}}
		s.rec.Term = failed.term
		return retryFailed
	}
	h.sinOff, h.sinLen = 0, 0
	h.respP.Reset()
	return retrySent
}

// retryResult is what retryL7 did.
type retryResult uint8

const (
	retryNone retryResult = iota
	retrySent
	retryFailed
)

// retryStatus is the "retry-on" event of a response status, 0 for none.
func retryStatus(status int) proxy.RetryOn {
	switch status {
	case 401:
		return proxy.Retry401
	case 403:
		return proxy.Retry403
	case 404:
		return proxy.Retry404
	case 408:
		return proxy.Retry408
	case 425:
		return proxy.Retry425
	case 500:
		return proxy.Retry500
	case 501:
		return proxy.Retry501
	case 502:
		return proxy.Retry502
	case 503:
		return proxy.Retry503
	case 504:
		return proxy.Retry504
	}
	return 0
}

// l7Retries is the retries after responses already taken by the
// transaction (none for TCP).
func (h *httpState) l7Retries() int {
	if h == nil {
		return 0
	}
	return h.retried
}

// clearRetries starts the next transaction's count afresh.
func (h *httpState) clearRetries() { h.retried = 0 }
