package engine

import (
	"context"

	"hakeep/proxy/balance"
	"hakeep/proxy/counters"
	"hakeep/proxy/stream"
	"hakeep/proxy/tcpproxy"
)

// serveTCP is "mode tcp": connect, then relay bytes until both sides are
// done.
func (e *Engine) serveTCP(s *session) {
	fe := s.fe
	rec := &s.rec
	rec.Reset()
	rec.Accept = s.accept
	rec.Frontend = fe.px.Name
	rec.Client, rec.FrontendAddr = s.src, s.dst
	s.logConnect()
	// the stream's bytes count on the frontend when it ends, those the
	// content rules read included (stream_process_counters)
	defer func() {
		fe.counters.BytesIn.Add(rec.BytesIn)
		fe.counters.BytesOut.Add(rec.BytesOut)
	}()
	// tcp-request content rules and use_backend (rules_tcp.go)
	be, ts, ok := s.tcpRequest()
	defer s.tcpEnd(ts)
	if !ok {
		e.logRecord(s, nil)
		return
	}
	if be == nil {
		// no backend to send the connection to
		rec.Term = stream.Term{Cause: stream.CauseProxy, Phase: stream.PhaseRequest}
		e.logRecord(s, nil)
		return
	}
	rec.Backend = be.Name()
	rec.Server = "<NOSRV>"
	counters.Enter(&be.Counters.Cur, &be.Counters.Max)
	be.Counters.Sessions.Add(1)
	defer counters.Leave(&be.Counters.Cur)

	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	lb := balance.Request{Src: s.src.Addr()}
	var rt *ruleTxn
	if ts != nil {
		rt = ts.rt
	}
	a := s.connect(ctx, be, &lb, nil, rt)
	rec.Tw, rec.Retries, rec.Redispatched = stream.Millis(a.wait), a.retries, a.redispatched
	if a.srv != nil {
		rec.Server = a.srv.Name()
	}
	if a.conn == nil {
		rec.Term = a.term
		rec.Tc = -1
		e.logRecord(s, nil)
		return
	}
	rec.Tc = stream.Millis(a.connect)
	srv := a.srv
	s.track(a.conn)
	rec.ServerAddr = srv.Target(s.dst)
	if len(a.conn.Preamble) > 0 {
		a.conn.Write(a.conn.Preamble)
		a.conn.Preamble = nil
	}
	// what the rules inspected goes first, then tcp-response content
	// rules look at the server's first bytes (rules_tcp.go)
	if err := s.tcpSend(ts, a.conn.Conn); err != nil {
		rec.Term = stream.Term{Cause: stream.CauseServerAbort, Phase: stream.PhaseData}
		a.conn.Close()
		be.Release(srv)
		e.logRecord(s, nil)
		return
	}
	if ok, closeSrv := s.tcpResponse(ts, be, a.conn.Conn); !ok || closeSrv {
		a.conn.Close()
		if ok {
			s.tcpDeliver(ts)
		}
		be.Release(srv)
		e.logRecord(s, nil)
		return
	}
	if !s.tcpDeliver(ts) {
		rec.Term = stream.Term{Cause: stream.CauseClientAbort, Phase: stream.PhaseData}
		a.conn.Close()
		be.Release(srv)
		e.logRecord(s, nil)
		return
	}
	fp, bp := fe.px, be.Proxy
	res := tcpproxy.Relay(s.conn, a.conn.Conn, tcpproxy.Timeouts{
		Client:    fp.Timeouts.Client,
		ClientFin: fp.Timeouts.ClientFin,
		Server:    bp.Timeouts.Server,
		ServerFin: bp.Timeouts.ServerFin,
		Tunnel:    bp.Timeouts.Tunnel,
	})
	be.Release(srv)
	killed := s.untrack()
	rec.BytesIn, rec.BytesOut = rec.BytesIn+res.FromClient, rec.BytesOut+res.FromServer
	be.Counters.BytesIn.Add(res.FromClient)
	be.Counters.BytesOut.Add(res.FromServer)
	srv.Counters.BytesIn.Add(res.FromClient)
	srv.Counters.BytesOut.Add(res.FromServer)
	if res.End != tcpproxy.EndNormal {
		rec.Term = stream.Term{Cause: stream.Cause(res.End), Phase: stream.PhaseData}
		switch res.End {
		case tcpproxy.EndClientAbort:
			be.Counters.CliAborts.Add(1)
			srv.Counters.CliAborts.Add(1)
		case tcpproxy.EndServerAbort:
			be.Counters.SrvAborts.Add(1)
			srv.Counters.SrvAborts.Add(1)
		}
	}
	if killed != 0 {
		rec.Term = stream.Term{Cause: killed, Phase: stream.PhaseData}
	}
	e.logRecord(s, nil)
}

// logRecord completes the session's record and hands it to the traffic
// logger, with the HTTP transaction's state when there is one.
func (e *Engine) logRecord(s *session, h *httpState) {
	if e.deps.Traffic == nil {
		return
	}
	rec := &s.rec
	rec.Tt = stream.Millis(e.deps.Now().Sub(s.accept))
	rec.ActConn = e.actconn.Load()
	cur, _ := s.fe.gate.Current()
	rec.FeConn = int64(cur)
	e.logTraffic(s, h)
}
