package engine

import (
	"errors"
	"io"
	"time"

	"hakeep/proxy"
	"hakeep/proxy/backend"
	"hakeep/proxy/h2"
	"hakeep/proxy/http1"
	"hakeep/proxy/stream"
)

// response reads the server's answer to the request sent (sent holds its
// bytes, for a replay on a fresh connection) and forwards it, interim
// responses included, then ends the transaction.
func (s *session) response(h *httpState, be *backend.Backend, sent []byte, tq, tSent time.Time) bool {
	e, st, fe := s.e, s.st, s.fe
	req, resp := h.req, h.resp
	rec := &s.rec
	srvTO := h.serverTimeout(be)
	if h.sin == nil {
		h.sin = st.bufs.get()
	}
	h.sinOff, h.sinLen = 0, 0
	h.respP.Reset()
	h.respP.AcceptInvalid = be.Proxy.Options.AcceptInvalidHTTPResponse
	defer h.clearRetries()
	var failed attempt // a retry that found no server
	got := 0           // response bytes received from the server
	for {
		if h.sinLen > h.sinOff {
			done, err := h.respP.ParseResponse((*h.sin)[h.sinOff:h.sinLen], resp, req)
			if err == nil && done && wsNoAccept(h, resp) {
				err = errWSNoAccept
			}
			if err != nil {
				// an invalid response: 502, the server is dropped
				be.Counters.ErrResp.Add(1)
				h.srv.Counters.ErrResp.Add(1)
				switch s.retryL7(h, be, sent, proxy.RetryJunkResponse, &failed) {
				case retrySent:
					got = 0
					continue
				case retryFailed:
					return s.failResponse(h, be, failed.status, false)
				}
				rec.Term.Set(stream.CauseProxy, stream.PhaseHeaders)
				return s.failResponse(h, be, 502, false)
			}
			if done {
				if !resp.Interim() {
					switch s.retryL7(h, be, sent, retryStatus(resp.Status), &failed) {
					case retrySent:
						got = 0
						continue
					case retryFailed:
						return s.failResponse(h, be, failed.status, false)
					}
					break
				}
				// 100 Continue and the like go to the client at once
				out := resp.AppendHead(h.outBuf(st), http1.ConnNone, clientCase(st, fe.px))
				if !s.writeClient(h, out) {
					return s.abortTxn(h, be, stream.CauseClientAbort, stream.PhaseHeaders)
				}
				h.sinOff += resp.Len
				h.respP.Reset()
				continue
			}
		}
		if h.sinLen == len(*h.sin) {
			if h.sinOff == 0 {
				be.Counters.ErrResp.Add(1)
				rec.Term.Set(stream.CauseProxy, stream.PhaseHeaders)
				return s.failResponse(h, be, 502, false)
			}
			n := copy(*h.sin, (*h.sin)[h.sinOff:h.sinLen])
			h.sinOff, h.sinLen = 0, n
			h.respP.Reset()
			continue
		}
		extendRead(h.conn, &h.conn.ReadBy, e.deps.Now(), srvTO)
		n, err := h.conn.Read((*h.sin)[h.sinLen:])
		h.sinLen += n
		got += n
		if err != nil {
			if k := s.killedBy(); k != 0 {
				// a stream killed while it waits for its response is
				// answered 502 (stream_shutdown(), then the response
				// analyser's server error)
				rec.Term.Set(k, stream.PhaseHeaders)
				return s.failResponse(h, be, 502, true)
			}
			if h.pump.aborted() {
				return s.abortTxn(h, be, stream.CauseClientAbort, stream.PhaseData)
			}
			if isTimeout(err) {
				// "timeout server" before the response: the server
				// connection is reset (SI_FL_NOLINGER) and the client
				// gets a 504 on a connection that stays alive, as
				// 2.6.12 does (e2e/httpdiff timeout-server)
				be.Counters.ErrResp.Add(1)
				h.srv.Counters.ErrResp.Add(1)
				h.conn.NoLinger()
				if got == 0 {
					switch s.retryL7(h, be, sent, proxy.RetryResponseTimeout, &failed) {
					case retrySent:
						continue
					case retryFailed:
						return s.failResponse(h, be, failed.status, false)
					}
				}
				rec.Term.Set(stream.CauseServerTimeout, stream.PhaseHeaders)
				return s.failResponse(h, be, 504, false)
			}
			if got == 0 && h.conn.Uses > 0 && h.pump == nil {
				// the server closed an idle connection as we reused
				// it: once more on a fresh one
				if s.redial(h, be) && s.sendRequest(h, be, sent) {
					h.conn.Uses = 0
					continue
				}
			}
			// a kept-alive request (TX_NOT_FIRST) whose server resets
			// before answering, or closes once no retry took it,
			// closes the client connection without a word so that
			// the client retries (http_wait_for_response(),
			// abort_keep_alive)
			reset := !errors.Is(err, io.EOF)
			if got == 0 && !h.first && reset {
				return s.abortKeepAlive(h, be)
			}
			be.Counters.ErrResp.Add(1)
			h.srv.Counters.ErrResp.Add(1)
			if got == 0 {
				switch s.retryL7(h, be, sent, proxy.RetryEmptyResponse, &failed) {
				case retrySent:
					continue
				case retryFailed:
					return s.failResponse(h, be, failed.status, false)
				}
				if !h.first {
					return s.abortKeepAlive(h, be)
				}
			}
			rec.Term.Set(stream.CauseServerAbort, stream.PhaseHeaders)
			return s.failResponse(h, be, 502, false)
		}
	}
	now := e.deps.Now()
	rec.Tr = stream.Millis(now.Sub(tSent))
	h.x.Response(req, resp)
	s.captureResponse(h)
	// http-response and http-after-response rules (rules_http.go)
	if fin, keep := s.responseRules(h, be); fin {
		return keep
	}
	s.logAtResponse(h)
	tunnel := http1.Tunnel(req, resp)
	kind := resp.Body()
	if tunnel {
		kind = http1.BodyNone
	}
	h.respDec.Reset(kind, uint64(resp.ContentLength), true)
	caCli := clientCase(st, fe.px)
	// the head and the body bytes that came with it are checked before
	// anything is sent: a broken body there is a 502 (recorded:
	// bad-chunk)
	if e.stopping.Load() {
		// a frontend stopping meanwhile closes the connection after
		// this response (mux_h1.c, h1_set_cli_conn_mode, output side)
		h.x.Client = http1.WantClose
	}
	conn := h.x.ResponseOut(req, resp)
	out := resp.AppendHead(h.outBuf(st), conn, caCli)
	out = appendWebSocketAccept(out, req, resp)
	// trailers after a body of known length go from an HTTP/2 server
	// to an HTTP/2 client beside the response (proxy/h2, trailers.go)
	h2.LinkTrailers(s.conn, h.conn.Conn)
	body := (*h.sin)[h.sinOff+resp.Len : h.sinLen]
	out, used, _, err := frameBody(&h.respDec, body, out, caCli)
	*h.out = out
	if err != nil {
		be.Counters.ErrResp.Add(1)
		rec.Term.Set(stream.CauseProxy, stream.PhaseHeaders)
		return s.failResponse(h, be, 502, false)
	}
	h.sinOff += resp.Len + used
	rec.Status = resp.Status
	fe.counters.Responses.Count(resp.Status)
	be.Counters.Responses.Count(resp.Status)
	h.srv.Counters.Responses.Count(resp.Status)
	if !s.writeClient(h, out) {
		return s.abortTxn(h, be, stream.CauseClientAbort, stream.PhaseData)
	}
	if tunnel {
		return s.tunnel(h, be)
	}
	if !s.responseBody(h, be, caCli) {
		return false
	}
	rec.Ta = stream.Millis(e.deps.Now().Sub(rec.Start))
	return s.endTransaction(h, be)
}

// responseBody forwards the rest of the response body.
func (s *session) responseBody(h *httpState, be *backend.Backend, ca http1.CaseAdjust) bool {
	e := s.e
	srvTO := h.serverTimeout(be)
	d := &h.respDec
	for !d.Done() {
		if h.sinOff < h.sinLen {
			in := (*h.sin)[h.sinOff:h.sinLen]
			if d.Kind() == http1.BodyChunked {
				out, used, _, err := frameBody(d, in, h.outBuf(s.st), ca)
				*h.out = out
				if err != nil {
					// too late for a 502: both sides are cut
					return s.abortTxn(h, be, stream.CauseProxy, stream.PhaseData)
				}
				h.sinOff += used
				if len(out) > 0 && !s.writeClient(h, out) {
					return s.abortTxn(h, be, stream.CauseClientAbort, stream.PhaseData)
				}
			} else {
				p, _ := d.Next(in)
				h.sinOff += p.N
				if len(p.Data) > 0 && !s.writeClient(h, p.Data) {
					return s.abortTxn(h, be, stream.CauseClientAbort, stream.PhaseData)
				}
			}
			continue
		}
		h.sinOff, h.sinLen = 0, 0
		extendRead(h.conn, &h.conn.ReadBy, e.deps.Now(), srvTO)
		n, err := h.conn.Read(*h.sin)
		h.sinLen = n
		if err != nil {
			if n > 0 {
				continue
			}
			if k := s.killedBy(); k != 0 {
				return s.abortTxn(h, be, k, stream.PhaseData)
			}
			if errors.Is(err, io.EOF) {
				if d.CloseInput() {
					// the end of a close-delimited body
					h.x.Server = http1.WantClose
					continue
				}
				// truncated: the client cannot tell, it is closed too
				// (recorded: cl-short)
				return s.abortTxn(h, be, stream.CauseServerAbort, stream.PhaseData)
			}
			if isTimeout(err) {
				return s.abortTxn(h, be, stream.CauseServerTimeout, stream.PhaseData)
			}
			return s.abortTxn(h, be, stream.CauseServerAbort, stream.PhaseData)
		}
	}
	return true
}

// writeClient sends b to the client within "timeout client".
func (s *session) writeClient(h *httpState, b []byte) bool {
	extendWrite(s.conn, &s.wrBy, s.e.deps.Now(), s.fe.px.Timeouts.Client)
	n, err := s.conn.Write(b)
	s.rec.BytesOut += int64(n)
	if h.srv != nil {
		h.srv.Counters.BytesOut.Add(int64(n))
	}
	return err == nil
}

// endTransaction keeps or closes the server connection as the exchange
// decided, frees the server's slot, logs, and tells whether the client
// connection goes on.
func (s *session) endTransaction(h *httpState, be *backend.Backend) bool {
	respEarly := false
	if h.pump != nil {
		// the response ended before the request body: the rest of the
		// body still goes to the server, which is then closed
		respEarly = !h.pump.finished()
		<-h.pump.done
		if h.pump.aborted() {
			h.pump = nil
			return s.abortTxn(h, be, stream.CauseClientAbort, stream.PhaseData)
		}
		h.pump = nil
	}
	keep := h.x.Server == http1.WantKeepAlive && h.sinOff == h.sinLen && !respEarly
	if s.untrack() != 0 {
		// a killed session's connection may be interrupted: never kept
		keep = false
	}
	c, srv := h.conn, h.srv
	h.conn, h.srv, h.be = nil, nil, nil
	be.Release(srv)
	if keep {
		c.Uses++
		switch {
		case be.Proxy.HTTPReuse == proxy.ReuseNever || srv.Cfg.SendProxy || srv.Cfg.SendProxyV2:
			// a connection that carried a PROXY header speaks for
			// its client: private to the session whatever
			// "http-reuse" says (CO_FL_PRIVATE)
			h.private = c
		case !srv.PutIdle(c, srv.Counters.Cur.Load(), !h.first):
			c.Close()
		}
	} else {
		c.Close()
	}
	s.st.bufs.put(h.sin)
	h.sin = nil
	s.logHTTP(h)
	return h.x.Client == http1.WantKeepAlive
}

// abortTxn cuts both connections in the middle of a transaction.
func (s *session) abortTxn(h *httpState, be *backend.Backend, c stream.Cause, p stream.Phase) bool {
	s.rec.Term.Set(c, p)
	switch c {
	case stream.CauseClientAbort, stream.CauseClientTimeout:
		be.Counters.CliAborts.Add(1)
		if h.srv != nil {
			h.srv.Counters.CliAborts.Add(1)
		}
	case stream.CauseServerAbort, stream.CauseServerTimeout:
		be.Counters.SrvAborts.Add(1)
		if h.srv != nil {
			h.srv.Counters.SrvAborts.Add(1)
		}
	}
	if h.conn != nil {
		// wake a pump blocked on either side
		h.conn.SetDeadline(past())
		h.conn.ReadBy, h.conn.WriteBy = past(), past()
	}
	if h.pump != nil {
		s.conn.SetReadDeadline(past())
		<-h.pump.done
		s.rdBy = past()
		h.pump = nil
	}
	h.dropServer(s, be)
	s.logHTTP(h)
	return false
}

// abortKeepAlive ends a kept-alive client connection whose request the
// server dropped before answering: no response, no log line (the
// abort_keep_alive of http_wait_for_response() clears logwait).
func (s *session) abortKeepAlive(h *httpState, be *backend.Backend) bool {
	if h.pump != nil {
		s.conn.SetReadDeadline(past())
		<-h.pump.done
		s.rdBy = past()
		h.pump = nil
	}
	h.dropServer(s, be)
	return false
}

// failResponse answers the client for a server that failed before its
// response head (502, 504), dropping the server connection.
func (s *session) failResponse(h *httpState, be *backend.Backend, status int, closeClient bool) bool {
	if h.pump != nil {
		s.conn.SetReadDeadline(past())
		<-h.pump.done
		s.rdBy = past()
		if !h.pump.finished() {
			closeClient = true
		}
		h.pump = nil
	}
	h.dropServer(s, be)
	return s.reply(h, be, status, closeClient)
}
