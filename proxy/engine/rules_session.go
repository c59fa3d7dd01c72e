package engine

import (
	"hakeep/proxy/counters"
	"hakeep/proxy/rules"
	"hakeep/proxy/sample"
)

// The session's side of the rules layer: what HAProxy does between
// accepting a connection and creating its first stream
// (session_accept_fd, conn_complete_session), and what the session keeps
// until the connection closes (session_free).

// acceptSession runs the frontend's "tcp-request connection" rules, reads
// the PROXY header ("accept-proxy" on the bind line, or "tcp-request
// connection expect-proxy"), then runs the "tcp-request session" rules
// (configuration.txt 4.2 "tcp-request connection", "tcp-request
// session"). It reports whether the connection goes on; a rejected one is
// neither a session nor logged.
func (s *session) acceptSession() bool {
	fe := s.fe
	now := s.e.deps.Now().UnixMilli()
	// feconn counts the connections being served, from the accept to
	// session_free (the gate also holds the slot of each listener
	// waiting to accept)
	counters.Enter(&fe.counters.Cur, &fe.counters.Max)
	fe.counters.ConnRate.Add(now, 1)
	w := s.st.rw
	if w == nil || !w.active {
		if s.bind.AcceptProxy && !s.readProxy() {
			return false
		}
		if !s.startTLS() {
			return false
		}
		fe.counters.Sessions.Add(1)
		fe.counters.SessRate.Add(now, 1)
		return true
	}
	fr := w.byPx[fe.px]
	s.rs = &sample.Session{}
	expect := false
	if len(fr.tcpConn) > 0 {
		rt := w.getTxn(s.st.limits.BufSize)
		rt.beginSession(s)
		v := rt.t.RunTCP(fr.tcpConn)
		expect = rt.t.ExpectProxy
		s.src, s.dst = rt.c.Src, rt.c.Dst
		silent := rt.t.Silent
		w.putTxn(rt)
		if v == rules.Abort {
			if silent {
				s.silentDrop()
			}
			return false
		}
	}
	if (s.bind.AcceptProxy || expect) && !s.readProxy() {
		return false
	}
	// the TLS handshake is a connection layer: after the connection
	// rules and the PROXY header, before the session rules (tls.go)
	if !s.startTLS() {
		return false
	}
	if len(fr.tcpSess) > 0 {
		rt := w.getTxn(s.st.limits.BufSize)
		rt.beginSession(s)
		v := rt.t.RunTCP(fr.tcpSess)
		s.src, s.dst = rt.c.Src, rt.c.Dst
		silent := rt.t.Silent
		w.putTxn(rt)
		if v == rules.Abort {
			if silent {
				s.silentDrop()
			}
			return false
		}
	}
	// session_count_new, proxy_inc_fe_sess_ctr ("stot": cum_sess)
	s.rs.CountSession(now)
	fe.counters.Sessions.Add(1)
	fe.counters.SessRate.Add(now, 1)
	return true
}

// beginSession prepares a Txn for the connection-level rules: no
// message, no backend, the session's variables and counters.
func (rt *ruleTxn) beginSession(s *session) {
	w := s.st.rw
	c := rt.c
	rt.t.EndTxn()
	c.Vars.BeginTxn()
	c.Vars.Proc = w.proc
	c.Env = w
	c.Now = s.e.deps.Now()
	c.Src, c.Dst = s.src, s.dst
	c.TLS, c.ServerTLS = s.tlsInfo(), nil
	c.Frontend = w.byPx[s.fe.px].view
	c.Backend, c.Server, c.Req, c.Res = c.Frontend, nil, nil, nil
	// connection and session rules never wait (SMP_OPT_FINAL)
	c.Dir, c.Final = sample.DirReq, true
	c.FirstReq = true
	c.Stopping = s.e.stopping.Load()
	c.Txn = nil
	rt.useSession(s)
	rt.t.Req, rt.t.Res = nil, nil
	rt.t.ProxyName = s.fe.px.Name
	rt.t.Reset()
}

// useSession points the Txn at the session's variables and counters.
func (rt *ruleTxn) useSession(s *session) {
	c := rt.c
	c.Sess = s.rs
	if s.rs != nil {
		c.Vars.Sess = &s.rs.Vars
	} else {
		c.Vars.Sess = nil
	}
}

// endSession releases what the session tracked, when the connection
// closes.
func (s *session) endSession() {
	counters.Leave(&s.fe.counters.Cur)
	if s.rs != nil {
		s.rs.End(s.e.deps.Now().UnixMilli())
	}
}

// getTxn takes a rules state for rules run outside an HTTP transaction
// (connection and session rules, mode tcp).
func (w *ruleWorld) getTxn(bufSize int) *ruleTxn {
	if rt, ok := w.txns.Get().(*ruleTxn); ok {
		return rt
	}
	return newRuleTxn(bufSize)
}

// putTxn gives back a rules state taken with getTxn, holding nothing of
// its stream.
func (w *ruleWorld) putTxn(rt *ruleTxn) {
	rt.t.EndTxn()
	rt.c.Sess, rt.c.Vars.Sess = nil, nil
	rt.c.Req, rt.c.Res, rt.c.Txn = nil, nil, nil
	w.txns.Put(rt)
}
