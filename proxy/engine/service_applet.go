package engine

import (
	"hakeep/proxy/backend"
	"hakeep/proxy/promex"
	"hakeep/proxy/stream"
)

// serveService answers a request an "http-request use-service" rule
// took over (configuration.txt section 4.2, "use-service"): the
// Prometheus exporter is the one service 2.6 builds in.
func (s *session) serveService(h *httpState, be *backend.Backend, rt *ruleTxn) bool {
	if rt.t.Service != "prometheus-exporter" {
		return s.reply(h, be, 503, false)
	}
	e := s.e
	resp, ok := promex.Serve(string(h.req.Bytes(h.req.URI)), e.processInfo(), e.StatsProxies())
	s.rec.Term.Set(stream.CauseLocal, stream.PhaseRequest)
	if !ok {
		// a query the exporter refuses gets the built-in 400
		return s.reply(h, be, 400, false)
	}
	return s.replyRaw(h, be, rt, responseMessage(resp), resp.Status)
}
