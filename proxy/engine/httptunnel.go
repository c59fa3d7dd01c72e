package engine

import (
	"hakeep/proxy/backend"
	"hakeep/proxy/stream"
	"hakeep/proxy/tcpproxy"
)

// tunnel relays bytes both ways after a 101 or a 2xx to CONNECT
// (WebSocket and the like), under "timeout tunnel" when set. The
// connection ends with it.
func (s *session) tunnel(h *httpState, be *backend.Backend) bool {
	if h.inOff < h.inLen {
		// bytes the client sent after its request head
		if _, err := h.conn.Write((*h.in)[h.inOff:h.inLen]); err != nil {
			return s.abortTxn(h, be, stream.CauseServerAbort, stream.PhaseData)
		}
		h.inOff = h.inLen
	}
	if h.sinOff < h.sinLen {
		if !s.writeClient(h, (*h.sin)[h.sinOff:h.sinLen]) {
			return s.abortTxn(h, be, stream.CauseClientAbort, stream.PhaseData)
		}
		h.sinOff = h.sinLen
	}
	st := s.st
	st.bufs.put(h.in)
	st.bufs.put(h.sin)
	st.bufs.put(h.out)
	h.in, h.sin, h.out = nil, nil, nil
	h.inOff, h.inLen, h.sinOff, h.sinLen = 0, 0, 0, 0
	fp, bp := s.fe.px, be.Proxy
	res := tcpproxy.Relay(s.conn, h.conn.Conn, tcpproxy.Timeouts{
		Client:    fp.Timeouts.Client,
		ClientFin: fp.Timeouts.ClientFin,
		Server:    bp.Timeouts.Server,
		ServerFin: bp.Timeouts.ServerFin,
		Tunnel:    bp.Timeouts.Tunnel,
	})
	s.rec.BytesIn += res.FromClient
	s.rec.BytesOut += res.FromServer
	if res.End != tcpproxy.EndNormal {
		s.rec.Term.Set(stream.Cause(res.End), stream.PhaseData)
	}
	if k := s.untrack(); k != 0 {
		s.rec.Term.Set(k, stream.PhaseData)
	}
	h.conn = nil
	be.Release(h.srv)
	h.srv, h.be = nil, nil
	s.logHTTP(h)
	return false
}
