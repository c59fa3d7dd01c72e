package engine

import (
	"context"
	"errors"

	"hakeep/proxy"
	"hakeep/proxy/backend"
	"hakeep/proxy/http1"
	"hakeep/proxy/server"
	"hakeep/proxy/stream"
)

// transaction forwards one request whose head is in h.req to a server and
// its response back, and reports whether the client connection goes on.
func (s *session) transaction(h *httpState) bool {
	e, st, fe := s.e, s.st, s.fe
	req := h.req
	rec := &s.rec
	now := e.deps.Now()
	rec.TR = stream.Millis(now.Sub(rec.Start))
	rec.HTTP = true
	fe.counters.Requests.Add(1)
	if e.deps.Traffic != nil {
		rec.RequestLine = append(rec.RequestLine[:0], req.Bytes(req.MethodText)...)
		rec.RequestLine = append(rec.RequestLine, ' ')
		rec.RequestLine = append(rec.RequestLine, req.Bytes(req.URI)...)
		rec.RequestLine = append(rec.RequestLine, ' ')
		rec.RequestLine = append(rec.RequestLine, req.Bytes(req.Version)...)
		s.captureRequest(h)
	}
	h.inOff = req.Len
	// http-request rules, redirects and use_backend (rules_http.go); the
	// stream ends with the transaction (rules_stream.go)
	defer s.endStream(h)
	be, fin, keep := s.requestRules(h)
	if fin {
		return keep
	}
	h.x = http1.Exchange{Front: connMode(fe.px.HTTPConn)}
	if be != nil {
		h.x.Back = connMode(be.Proxy.HTTPConn)
		h.x.PretendKeepAlive = be.Proxy.Options.HTTPPretendKeepalive
	}
	h.x.Request(req)
	if e.stopping.Load() {
		// a stopping frontend closes kept-alive connections after the
		// response (mux_h1.c, h1_set_cli_conn_mode)
		h.x.Client = http1.WantClose
	}

	// "monitor-uri": the proxy answers 200 itself (section 4.2)
	if m := fe.px.MonitorURI; m != "" && string(req.Bytes(req.URI)) == m {
		rec.Term.Set(stream.CauseLocal, stream.PhaseRequest)
		return s.reply(h, nil, 200, false)
	}
	if be == nil {
		rec.Term.Set(stream.CauseProxy, stream.PhaseRequest)
		return s.reply(h, nil, 503, false)
	}
	rec.Backend = be.Name()
	rec.Server = "<NOSRV>"
	be.Counters.Sessions.Add(1)
	be.Counters.Requests.Add(1)

	// Hook point: http-request rules of the frontend then of the
	// backend (proxy/rules) run here, on h.req, before anything is
	// forwarded.
	s.forwardFor(h, be)
	s.originalTo(h, be)

	// the head and the body bytes that came with it go out together; a
	// broken body in that first batch is refused before any server is
	// involved
	buffer := fe.px.Options.HTTPBufferRequest || be.Proxy.Options.HTTPBufferRequest
	if buffer && req.Flags&http1.FlagVer11 != 0 && req.ExpectContinue() && req.Body() != http1.BodyNone {
		// waiting for the body, the proxy answers the interim response
		// itself and the server sees no Expect (http_handle_expect_hdr)
		if !s.writeClient(h, []byte("HTTP/1.1 100 Continue\r\n\r\n")) {
			return false
		}
		req.Del("expect")
	}
	caSrv := serverCase(st, be.Proxy)
	out := h.outBuf(st)
	out = appendRequestHead(out, req, be, h.x.RequestOut(req), caSrv)
	h.reqDec.Reset(req.Body(), uint64(req.ContentLength), false)
	out, used, ended, err := frameBody(&h.reqDec, (*h.in)[h.inOff:h.inLen], out, caSrv)
	h.inOff += used
	if err == nil && buffer && !ended {
		out, ended, err = s.bufferBody(h, be, out, caSrv)
	}
	*h.out = out
	if err != nil {
		fe.counters.ErrReq.Add(1)
		rec.Term.Set(stream.CauseProxy, stream.PhaseRequest)
		if errors.Is(err, errClientGone) {
			rec.Term.Set(stream.CauseClientAbort, stream.PhaseRequest)
			return false
		}
		s.refuse(h, 400)
		return false
	}

	if s.h2StreamFailed() {
		// the client's stream failed before the request could go (an
		// RST_STREAM, a content-length its DATA did not match): the
		// stream ends as a client error, no server involved
		return s.abortTxn(h, be, stream.CauseClientAbort, stream.PhaseRequest)
	}
	h.lb.Src = s.src.Addr()
	h.lb.URI = req.Bytes(req.URI)
	h.lb.Post = req.Method == http1.MethodPost
	h.lb.Body = (*h.in)[req.Len:h.inOff]
	h.lb.Headers = h
	tq := e.deps.Now()
	// "option abortonclose" (section 4.2) drops nothing here: 2.6's H1
	// mux no longer reads a client whose request it has whole, so a
	// client that half-closes or resets while its request waits in a
	// queue is still served (recorded: e2e/httpdiff
	// abortonclose-half-close-in-queue, abortonclose-reset-in-queue)
	a := s.connect(e.ctx, be, &h.lb, h, h.rt)
	rec.Tw = stream.Millis(a.wait)
	rec.Retries, rec.Redispatched = a.retries, a.redispatched
	if a.srv != nil {
		rec.Server = a.srv.Name()
	}
	if a.redirect != "" {
		return s.serverRedirect(h, be, a.srv, a.redirect)
	}
	if a.conn == nil {
		rec.Term = a.term
		return s.reply(h, be, a.status, false)
	}
	rec.Tc = stream.Millis(a.connect)
	h.srv, h.conn, h.be = a.srv, a.conn, be
	s.track(a.conn)
	h.noteServerConn()
	rec.ServerAddr = a.srv.Target(s.dst)
	if a.conn.Uses > 0 {
		be.Counters.ConnReuse.Add(1)
		a.srv.Counters.ConnReuse.Add(1)
	}

	// send the request; a reused connection the server closed while idle
	// is replaced once by a fresh one
	sent := *h.out
	if !s.sendRequest(h, be, sent) {
		rec.Term.Set(stream.CauseServerAbort, stream.PhaseConnect)
		be.Counters.ErrConn.Add(1)
		h.srv.Counters.ErrConn.Add(1)
		h.dropServer(s, be)
		return s.reply(h, be, 503, false)
	}
	tSent := e.deps.Now()
	if !ended {
		s.startPump(h, be, caSrv)
	}
	return s.response(h, be, sent, tq, tSent)
}

// sendRequest writes the request bytes to the transaction's server
// connection, with the PROXY header in front on a new one.
func (s *session) sendRequest(h *httpState, be *backend.Backend, b []byte) bool {
	for attempt := 0; ; attempt++ {
		c := h.conn
		w := b
		if len(c.Preamble) > 0 {
			w = prepend(h, c.Preamble, b)
			c.Preamble = nil
		}
		extendWrite(c, &c.WriteBy, s.e.deps.Now(), be.Proxy.Timeouts.Server)
		if _, err := c.Write(w); err == nil {
			h.srv.Counters.BytesIn.Add(int64(len(b)))
			return true
		}
		if c.Uses == 0 || attempt > 0 {
			return false
		}
		if !s.redial(h, be) {
			return false
		}
	}
}

// prepend puts p in front of b, in place when the buffer has room.
func prepend(h *httpState, p, b []byte) []byte {
	n := len(b) + len(p)
	if cap(b) >= n {
		b = b[:n]
		copy(b[len(p):], b[:n-len(p)])
		copy(b, p)
		*h.out = b
		return b
	}
	return append(append([]byte(nil), p...), b...)
}

// redial replaces a dead reused server connection by a new one to the
// same server.
func (s *session) redial(h *httpState, be *backend.Backend) bool {
	h.conn.Close()
	h.conn = nil
	c, err := h.srv.Dial(context.Background(), server.Client{Src: s.src, Dst: s.dst, Authority: s.authority})
	if err != nil {
		return false
	}
	h.conn = c
	s.track(c)
	return true
}

// dropServer closes the transaction's server connection and frees its
// slot.
func (h *httpState) dropServer(s *session, be *backend.Backend) {
	if h.conn != nil {
		s.untrack()
		h.conn.Close()
		h.conn = nil
	}
	if h.srv != nil {
		be.Release(h.srv)
		h.srv = nil
	}
}

// releaseServer frees what a transaction interrupted by the end of the
// connection still holds.
func (h *httpState) releaseServer(s *session) {
	if h.pump != nil {
		<-h.pump.done
		h.pump = nil
	}
	if h.srv != nil && h.be != nil {
		h.dropServer(s, h.be)
	}
}

// outBuf is the output buffer, emptied.
func (h *httpState) outBuf(st *state) []byte {
	if h.out == nil {
		h.out = st.bufs.get()
	}
	return (*h.out)[:0]
}

// forwardFor adds "X-Forwarded-For" ("option forwardfor", section 4.2):
// the backend's settings win over the frontend's; clients in the
// "except" network and, with "if-none", requests that carry the header
// already are left alone.
func (s *session) forwardFor(h *httpState, be *backend.Backend) {
	ff := be.Proxy.ForwardFor
	if ff == nil {
		ff = s.fe.px.ForwardFor
	}
	if ff == nil || !s.src.IsValid() {
		return
	}
	a := s.src.Addr()
	if ff.Except.IsValid() && ff.Except.Contains(a.Unmap()) {
		return
	}
	name := ff.Header
	if name == "" {
		name = "x-forwarded-for"
	}
	if ff.IfNone && h.req.Find(lowerName(h, name), 0) >= 0 {
		return
	}
	v := a.AppendTo(h.scratch[:0])
	h.req.Add(name, v)
}

// originalTo adds "X-Original-To" ("option originalto", section 4.2),
// after X-Forwarded-For as http_process_request() does: the address the
// client connected to, IPv4 only in 2.6, unless it is in the frontend's
// or the backend's "except" network; the backend's header name wins.
func (s *session) originalTo(h *httpState, be *backend.Backend) {
	fo, bo := s.fe.px.OriginalTo, be.Proxy.OriginalTo
	if fo == nil && bo == nil || !s.dst.IsValid() {
		return
	}
	a := s.dst.Addr().Unmap()
	if !a.Is4() {
		return
	}
	name := ""
	for _, o := range []*proxy.OriginalTo{bo, fo} {
		if o == nil {
			continue
		}
		if o.Except.IsValid() && o.Except.Contains(a) {
			return
		}
		if name == "" {
			name = o.Header
		}
	}
	if name == "" {
		name = "x-original-to"
	}
	h.req.Add(name, a.AppendTo(h.scratch[:0]))
}

// lowerName lower-cases a configured header name for Head.Find, without
// allocating for the usual lower-case names.
func lowerName(h *httpState, name string) string {
	for i := 0; i < len(name); i++ {
		if c := name[i]; 'A' <= c && c <= 'Z' {
			b := make([]byte, len(name))
			for j := 0; j < len(name); j++ {
				c := name[j]
				if 'A' <= c && c <= 'Z' {
					c += 'a' - 'A'
				}
				b[j] = c
			}
			return string(b)
		}
	}
	return name
}

// connMode is the codec's view of a proxy's HTTP connection mode.
func connMode(m proxy.HTTPConnMode) http1.Mode {
	switch m {
	case proxy.HTTPServerClose:
		return http1.ModeServerClose
	case proxy.HTTPClose:
		return http1.ModeClose
	}
	return http1.ModeKeepAlive
}

// serverCase and clientCase are the h1-case-adjust table when the proxy
// asks for it ("option h1-case-adjust-bogus-server/-client").
func serverCase(st *state, p *proxy.Proxy) http1.CaseAdjust {
	if p.Options.H1CaseAdjustBogusServer {
		return st.caseAdjust
	}
	return nil
}

func clientCase(st *state, p *proxy.Proxy) http1.CaseAdjust {
	if p.Options.H1CaseAdjustBogusClient {
		return st.caseAdjust
	}
	return nil
}
