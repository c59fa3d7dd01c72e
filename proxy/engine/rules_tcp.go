package engine

import (
	"net"
	"time"

	"hakeep/proxy/backend"
	"hakeep/proxy/rules"
	"hakeep/proxy/sample"
	"hakeep/proxy/stream"
)

// The rules of a "mode tcp" stream: tcp-request content rules on the
// bytes the client sends before a server is chosen (tcp_inspect_request),
// use_backend on what they found (process_switching_rules), and
// tcp-response content rules on the first bytes of the server
// (tcp_inspect_response). Bytes are buffered without being consumed and
// the rules run again as more arrive, until one decides or the
// inspect-delay expires (configuration.txt 4.2 "tcp-request
// inspect-delay").

// tcpStream is a TCP stream's rules state: the Txn and the buffers that
// hold what the rules inspected, forwarded once they decided.
type tcpStream struct {
	rt       *ruleTxn
	in, out  *[]byte
	inN      int
	outN     int
	deadline time.Time
	// clientEOF is set when the client ended its side while inspected.
	clientEOF bool
}

// tcpRequest runs the request side of a TCP stream's rules and returns
// the backend; ok is false when a rule rejected the stream (it is then
// logged and counted). ts is nil when the configuration has no rules.
func (s *session) tcpRequest() (be *backend.Backend, ts *tcpStream, ok bool) {
	fe := s.fe
	w := s.st.rw
	if w == nil || !w.active {
		return fe.backendFor(), nil, true
	}
	fr := w.byPx[fe.px]
	ts = &tcpStream{rt: w.getTxn(s.st.limits.BufSize)}
	ts.in = s.st.bufs.get()
	ts.begin(s)
	if !s.tcpInspect(ts, fr.tcpCont, fe.px.InspectDelay) {
		return nil, ts, false
	}
	rt := ts.rt
	// the switching rules do not wait (SMP_OPT_FINAL)
	rt.c.Now, rt.c.Final, rt.c.Dir = s.e.deps.Now(), true, sample.DirReq
	rt.c.ReqData = (*ts.in)[:ts.inN]
	be = rt.route(w, fr, fe)
	if be == nil {
		return nil, ts, true
	}
	rt.c.Backend = w.proxies[be.Name()]
	if be.Proxy != fe.px {
		br := w.byPx[be.Proxy]
		rt.t.ProxyName = be.Proxy.Name
		if !s.tcpInspect(ts, br.tcpCont, be.Proxy.InspectDelay) {
			return be, ts, false
		}
	}
	s.src, s.dst = rt.c.Src, rt.c.Dst
	return be, ts, true
}

// begin prepares the Txn for a TCP stream.
func (ts *tcpStream) begin(s *session) {
	rt := ts.rt
	rt.beginSession(s)
	c := rt.c
	c.FirstReq = s.first
	c.Raw = true
	c.Txn = rt
	c.Vars.BeginTxn()
	w := s.st.rw
	rt.t.Captures.Lens = w.byPx[s.fe.px].capLens
	rt.uniq = w.reqCount.Add(1) - 1
	// the stream's unique id, made when first asked for (the unique-id
	// fetch, a PROXY v2 header's unique-id TLV, the log)
	rt.uid, rt.uidFmt = nil, w.byPx[s.fe.px].uniqueID
	rt.live = true
}

// tcpInspect runs one tcp-request content rule list on the client's
// bytes, reading more while a rule cannot decide yet and the delay has
// not expired. It reports whether the stream goes on.
func (s *session) tcpInspect(ts *tcpStream, list []*rules.Rule, delay time.Duration) bool {
	if len(list) == 0 {
		return true
	}
	rt := ts.rt
	c := rt.c
	buf := *ts.in
	for {
		c.Now = s.e.deps.Now()
		final := delay <= 0 || ts.clientEOF || ts.inN == len(buf) ||
			!ts.deadline.IsZero() && !c.Now.Before(ts.deadline)
		c.Dir, c.Final = sample.DirReq, final
		c.ReqData = buf[:ts.inN]
		v := rt.t.RunTCP(list)
		switch v {
		case rules.Yield:
			if final {
				// nothing more will come: the rules decided nothing
				return true
			}
		case rules.Abort, rules.Deny, rules.BadReq, rules.Error, rules.Done:
			s.fe.counters.DeniedReq.Add(1)
			s.rec.Term.Set(stream.CauseProxy, stream.PhaseRequest)
			if rt.t.Silent {
				s.silentDrop()
			}
			return false
		default:
			return true
		}
		// wait for more, at most until the delay expires (set once per
		// stream, at the first wait: s->rules_exp)
		if ts.deadline.IsZero() {
			ts.deadline = c.Now.Add(delay)
		}
		s.conn.SetReadDeadline(ts.deadline)
		n, err := s.conn.Read(buf[ts.inN:])
		ts.inN += n
		if err != nil && !isTimeout(err) {
			ts.clientEOF = true
		}
	}
}

// tcpSend gives the server what the rules inspected of the client.
func (s *session) tcpSend(ts *tcpStream, srv net.Conn) error {
	if ts == nil || ts.inN == 0 {
		return nil
	}
	s.rec.BytesIn += int64(ts.inN)
	_, err := srv.Write((*ts.in)[:ts.inN])
	if err == nil && ts.clientEOF {
		// the client ended its side during the inspection
		if hc, ok := srv.(interface{ CloseWrite() error }); ok {
			hc.CloseWrite()
		}
	}
	return err
}

// tcpResponse runs the backend's tcp-response content rules on the
// server's first bytes, while what the client sends goes on to the
// server. It reports whether the stream goes on; the bytes inspected are
// then written to the client. close tells that the rules asked to close
// the server connection ("close").
func (s *session) tcpResponse(ts *tcpStream, be *backend.Backend, srv net.Conn) (ok, close bool) {
	if ts == nil {
		return true, false
	}
	w := s.st.rw
	br := w.byPx[be.Proxy]
	if len(br.tcpRes) == 0 {
		return true, false
	}
	p := startPump(s.conn, srv, ts.clientEOF)
	ts.out = s.st.bufs.get()
	buf := *ts.out
	rt := ts.rt
	c := rt.c
	delay := be.Proxy.ResponseInspectDelay
	var deadline time.Time
	serverEOF := false
	rt.t.ProxyName = be.Proxy.Name
	c.ReqData = nil
	for {
		c.Now = s.e.deps.Now()
		final := delay <= 0 || serverEOF || ts.outN == len(buf) || !deadline.IsZero() && !c.Now.Before(deadline)
		c.Dir, c.Final = sample.DirRes, final
		c.ResData = buf[:ts.outN]
		v := rt.t.RunTCP(br.tcpRes)
		if v == rules.Yield && !final {
			if deadline.IsZero() {
				deadline = c.Now.Add(delay)
			}
			srv.SetReadDeadline(deadline)
			n, err := srv.Read(buf[ts.outN:])
			ts.outN += n
			if err != nil && !isTimeout(err) {
				serverEOF = true
			}
			continue
		}
		sent, eof := p.stop()
		ts.clientEOF = ts.clientEOF || eof
		s.rec.BytesIn += sent
		switch v {
		case rules.Abort, rules.Deny, rules.BadReq, rules.Error, rules.Done:
			if rt.t.Close {
				return true, true
			}
			s.fe.counters.DeniedResp.Add(1)
			be.Counters.DeniedResp.Add(1)
			s.rec.Term.Set(stream.CauseProxy, stream.PhaseData)
			if rt.t.Silent {
				s.silentDrop()
			}
			return false, false
		}
		return true, false
	}
}

// tcpDeliver writes the server bytes the response rules inspected to the
// client.
func (s *session) tcpDeliver(ts *tcpStream) bool {
	if ts == nil || ts.outN == 0 {
		return true
	}
	n, err := s.conn.Write((*ts.out)[:ts.outN])
	s.rec.BytesOut += int64(n)
	return err == nil
}

// tcpEnd ends a TCP stream's rules: its bytes are counted in the entries
// its stick counters track, its counters released and its buffers
// given back.
func (s *session) tcpEnd(ts *tcpStream) {
	if ts == nil {
		return
	}
	rt := ts.rt
	c := rt.c
	now := s.e.deps.Now().UnixMilli()
	in, out := s.rec.BytesIn, s.rec.BytesOut
	for i := range c.Track {
		e := c.Track[i].Entry
		if e == nil {
			e = c.SessTracked(i).Entry
		}
		if e == nil {
			continue
		}
		if in > 0 {
			e.Add(sample.DataBytesInCnt, 0, in, now)
			e.Add(sample.DataBytesInRate, 0, in, now)
		}
		if out > 0 {
			e.Add(sample.DataBytesOutCnt, 0, out, now)
			e.Add(sample.DataBytesOutRate, 0, out, now)
		}
	}
	rt.live = false
	rt.c.Raw, rt.c.ReqData, rt.c.ResData = false, nil, nil
	s.st.rw.putTxn(rt)
	s.st.bufs.put(ts.in)
	s.st.bufs.put(ts.out)
	ts.in, ts.out = nil, nil
}
