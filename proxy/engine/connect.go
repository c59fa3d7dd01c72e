package engine

import (
	"context"
	"errors"
	"slices"
	"time"

	"hakeep/proxy"
	"hakeep/proxy/backend"
	"hakeep/proxy/balance"
	"hakeep/proxy/sample"
	"hakeep/proxy/server"
	"hakeep/proxy/stream"
)

// attempt is what connecting a session to a server produced.
type attempt struct {
	srv  *server.Server
	conn *server.Conn
	// wait and connect are the time spent in queues (Tw) and connecting
	// (Tc), retries included.
	wait, connect time.Duration
	retries       int
	redispatched  bool
	// status is the HTTP status to answer with on failure (503, or 500
	// for an internal error) and term the termination state.
	status int
	term   stream.Term
	// redirect is the Location of the chosen server's "redir": the
	// server gets no connection (srvredir.go).
	redirect string
}

// connect assigns a server and connects to it, with "retries", "option
// redispatch" and the turn-around delay between attempts on the same
// server (configuration.txt section 4.2, "retries"). For HTTP (h set), an
// idle connection to the server is reused when "http-reuse" allows. On
// failure the attempt says what to answer and log; the server slot is
// released.
//
// rt, when set, makes the stream's unique id for a PROXY v2 header that
// carries it ("proxy-v2-options unique-id": make_proxy_line_v2() calls
// stream_generate_unique_id() with the frontend's unique-id-format).
func (s *session) connect(ctx context.Context, be *backend.Backend, lb *balance.Request, h *httpState, rt *ruleTxn) (a attempt) {
	p := be.Proxy
	var avoid *server.Server
	if h != nil {
		avoid = h.avoid
	}
	client := server.Client{Src: s.src, Dst: s.dst, Authority: s.authority}
	if rt != nil && p.Balance.Algo == proxy.BalanceHash {
		s.hashKey(be, lb, rt)
	}
	for {
		if a.srv == nil {
			t0 := s.e.deps.Now()
			srv, err := s.assign(ctx, be, lb, avoid, h)
			a.wait += s.e.deps.Now().Sub(t0)
			if err != nil {
				return failAssign(a, err)
			}
			a.srv = srv
		}
		if loc := redirectTo(h, a.srv); loc != "" {
			a.redirect = loc
			return a
		}
		client.SNI = s.serverSNI(h, a.srv)
		if rt != nil && a.srv.Cfg.SendProxyV2 && client.UniqueID == nil && slices.Contains(a.srv.Cfg.ProxyV2Opts, "unique-id") {
			client.UniqueID = rt.UniqueID()
		}
		h1 := h != nil && h1Server(a.srv)
		if h != nil {
			if c := h.reuse(a.srv, be.Proxy.HTTPReuse); c != nil {
				if h1 {
					be.Counters.H1Streams.Add(1)
				}
				a.conn = c
				return a
			}
		}
		// connect_server counts each new connection attempted
		// ("connect"); a reused one counts in "reuse". The h1 mux is
		// set up at the attempt, failed or not (h1_init).
		a.srv.Counters.Connect.Add(1)
		be.Counters.Connect.Add(1)
		if h1 {
			be.Counters.H1Conns.Add(1)
			be.Counters.H1Streams.Add(1)
		}
		t0 := s.e.deps.Now()
		dctx := ctx
		if ctx == s.e.ctx {
			// nothing but a hard stop cancels this attempt, which the
			// connect timeout bounds anyway
			dctx = context.Background()
		}
		conn, err := a.srv.Dial(dctx, client)
		a.connect += s.e.deps.Now().Sub(t0)
		if err == nil {
			a.conn = conn
			return a
		}
		var ce *server.ConnectError
		errors.As(err, &ce)
		if a.retries+h.l7Retries() >= p.Retries || ctx.Err() != nil {
			// "econ" counts connections that failed for good
			a.srv.Counters.ErrConn.Add(1)
			be.Counters.ErrConn.Add(1)
			be.Release(a.srv)
			return failConnect(a, ce)
		}
		a.retries++
		a.srv.Counters.Retries.Add(1)
		be.Counters.Retries.Add(1)
		if redispatch(p, be, a) {
			a.srv.Counters.Redispatches.Add(1)
			be.Counters.Redispatches.Add(1)
			be.Release(a.srv)
			avoid, a.srv = a.srv, nil
			a.redispatched = true
			continue
		}
		if ce == nil || !ce.Timeout {
			// "a turn-around timer of min("timeout connect", one second)
			// is applied before a retry occurs on the same server"
			d := time.Second
			if c := p.Timeouts.Connect; c > 0 && c < d {
				d = c
			}
			t := time.NewTimer(d)
			select {
			case <-t.C:
			case <-ctx.Done():
				t.Stop()
			}
		}
		// each attempt on the server is a session on it ("stot":
		// back_try_conn_req calls srv_inc_sess_ctr per connect_server);
		// the first was counted when it was assigned
		a.srv.Counters.Sessions.Add(1)
	}
}

// hashKey evaluates "balance hash <expr>" on the request, as binary
// (get_server_expr: sample_fetch_as_type(..., SMP_T_BIN)); no sample
// leaves lb.KeyFound false and the backend falls back to round robin.
func (s *session) hashKey(be *backend.Backend, lb *balance.Request, rt *ruleTxn) {
	w := s.st.rw
	if w == nil {
		return
	}
	r := w.byPx[be.Proxy]
	if r == nil || r.lbHash == nil {
		return
	}
	c := rt.c
	final := c.Final
	c.Final = true
	smp := c.TempSample()
	lb.KeyFound = r.lbHash.EvalAs(c, sample.Bin, smp)
	lb.Key = append(lb.Key[:0], smp.Str...)
	c.FreeSample()
	c.Final = final
}

// redispatch decides whether a retry goes to another server ("option
// redispatch [<interval>]"), as src/stream.c does: when the server is
// not running, on the retries the interval designates, and on every retry
// of a non-hashing algorithm while more than one server is usable.
func redispatch(p *proxy.Proxy, be *backend.Backend, a attempt) bool {
	if !p.Redispatch {
		return false
	}
	if st := a.srv.LB.State(); st != balance.Running && st != balance.Starting {
		return true
	}
	n := p.RedispatchAfter
	switch {
	case n > 0 && a.retries%n == 0:
		return true
	case n < 0 && p.Retries+1+n > 0 && a.retries%(p.Retries+1+n) == 0:
		return true
	}
	switch p.Balance.Algo {
	case proxy.BalanceRoundRobin, proxy.BalanceStaticRR, proxy.BalanceLeastConn, proxy.BalanceFirst, proxy.BalanceRandom:
		return be.LB.UsableServers() > 1
	}
	return false
}

// failAssign is http_return_srv_error for queue errors.
func failAssign(a attempt, err error) attempt {
	a.status = 503
	switch {
	case errors.Is(err, backend.ErrNoServer):
		a.term = stream.Term{Cause: stream.CauseServerAbort, Phase: stream.PhaseConnect}
	case errors.Is(err, backend.ErrQueueTimeout):
		a.term = stream.Term{Cause: stream.CauseServerTimeout, Phase: stream.PhaseQueue}
	case errors.Is(err, backend.ErrQueueFull):
		a.term = stream.Term{Cause: stream.CauseServerAbort, Phase: stream.PhaseQueue}
	case errors.Is(err, context.Canceled), errors.Is(err, context.DeadlineExceeded):
		a.term = stream.Term{Cause: stream.CauseClientAbort, Phase: stream.PhaseQueue}
	default:
		a.status = 500
		a.term = stream.Term{Cause: stream.CauseInternal, Phase: stream.PhaseQueue}
	}
	return a
}

// failConnect is http_return_srv_error for connection errors: 503 with
// "sC" for a timeout, "RC" when out of resources, "SC" otherwise.
func failConnect(a attempt, ce *server.ConnectError) attempt {
	a.status = 503
	switch {
	case ce != nil && ce.Timeout:
		a.term = stream.Term{Cause: stream.CauseServerTimeout, Phase: stream.PhaseConnect}
	case ce != nil && ce.Resource:
		a.term = stream.Term{Cause: stream.CauseResource, Phase: stream.PhaseConnect}
	default:
		a.term = stream.Term{Cause: stream.CauseServerAbort, Phase: stream.PhaseConnect}
	}
	return a
}

// reuse finds a connection to srv a request may use: the one this client
// connection kept under "http-reuse never", else an idle one of the
// server's pool.
func (h *httpState) reuse(srv *server.Server, mode proxy.HTTPReuse) *server.Conn {
	if c := h.private; c != nil {
		h.private = nil
		if c.Server() == srv {
			return c
		}
		c.Close()
	}
	return srv.TakeIdle(mode, h.first)
}

// h1Server reports a server an HTTP stream speaks HTTP/1 to: neither
// "proto h2" nor h2 offered in its "alpn".
func h1Server(srv *server.Server) bool {
	if srv.Cfg.Proto == "h2" {
		return false
	}
	return srv.Cfg.SSL == nil || !slices.Contains(srv.Cfg.SSL.ALPN, "h2")
}
