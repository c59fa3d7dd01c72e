package engine

import (
	"strconv"
	"time"
	"unsafe"

	"hakeep/proxy"
	"hakeep/proxy/backend"
	"hakeep/proxy/http1"
	"hakeep/proxy/log/capture"
	"hakeep/proxy/logformat"
	"hakeep/proxy/rules"
	"hakeep/proxy/sample"
	"hakeep/proxy/server"
	"hakeep/proxy/stream"
)

// The rules layer in the HTTP transaction, in HAProxy 2.6's analyser
// order (http_wait_for_request, http_process_req_common for the
// frontend, process_switching_rules, http_process_req_common for the
// backend; http_process_res_common for the backend then the frontend,
// then the http-after-response rules).

// ruleTxn is the rules layer's state of one client connection, pooled
// with its httpState.
type ruleTxn struct {
	c        *sample.Ctx
	t        rules.Txn
	req, res headMsg
	pages    pagesView
	name     []byte
	// uid is the transaction's unique id once made (nil before), from
	// uidFmt into uidBuf; uniq is its stream number (%rt).
	uid, uidBuf []byte
	uidFmt      *logformat.Format
	uidBusy     bool
	uniq        int64
	gone        goneReq
	// direct is the server persistence chose for the request, ck what
	// its cookie said.
	direct        *server.Server
	ck            cookieState
	ignorePersist bool
	stores        []stickKey
	// caps are the frontend's header captures (rules_capture.go).
	caps capture.Set
	// live is set while a stream uses the state (rules_stream.go);
	// reqWire and reqHTX are the request head's size as received and
	// as 2.6 counts it, resHTX the response head's.
	live            bool
	reqWire, reqHTX int64
	resHTX          int64
	scratch         []byte
	// sess and hs are the stream the transaction is on, for the rules
	// that wait for more of it (wait-for-body, rules_body.go).
	sess *session
	hs   *httpState
}

// goneReq is the request during the response: its method only.
type goneReq struct{ method []byte }

func (g *goneReq) Method() []byte           { return g.method }
func (g *goneReq) URI() []byte              { return nil }
func (g *goneReq) Version() []byte          { return nil }
func (g *goneReq) Status() int              { return 0 }
func (g *goneReq) Reason() []byte           { return nil }
func (g *goneReq) NumHeaders() int          { return 0 }
func (g *goneReq) Header(int) (n, v []byte) { return nil, nil }
func (g *goneReq) Body() []byte             { return nil }

// UniqueID implements sample.Txn: the unique id is made the first time
// it is asked for (stream_generate_unique_id() from the unique-id fetch,
// from http_process_request() for unique-id-header, or from the log).
func (rt *ruleTxn) UniqueID() []byte {
	if rt.uid == nil && rt.uidFmt != nil && !rt.uidBusy {
		rt.uidBusy = true
		rt.uidBuf = rt.uidFmt.Eval(rt.c, rt, logformat.ModeLog, rt.uidBuf[:0])
		rt.uidBusy = false
		rt.uid = rt.uidBuf
		if rt.uid == nil {
			rt.uid = []byte{}
		}
	}
	return rt.uid
}

// MadeUniqueID is the unique id if it was made, nil otherwise: %ID in a
// rule's log-format prints s->unique_id as it is.
func (rt *ruleTxn) MadeUniqueID() []byte { return rt.uid }

// AppendAlias implements logformat.Source for the variables the
// transaction knows.
func (rt *ruleTxn) AppendAlias(dst []byte, a logformat.Alias, n *logformat.Node) ([]byte, bool) {
	if a == logformat.RequestCounter {
		if n.Flags&logformat.Hex != 0 {
			return logformat.AppendHex4(dst, rt.uniq), true
		}
		return strconv.AppendInt(dst, rt.uniq, 10), true
	}
	return dst, false
}

// ruleTxn returns the transaction's rules state, made on first use and
// pooled with the httpState; what outlives the stream is the session's
// (rules_session.go).
func (h *httpState) ruleTxn(s *session) *ruleTxn {
	if h.rt == nil {
		h.rt = newRuleTxn(s.st.limits.BufSize)
	}
	return h.rt
}

func newRuleTxn(bufSize int) *ruleTxn {
	rt := &ruleTxn{c: sample.NewCtx(bufSize)}
	rt.t.C = rt.c
	rt.t.Pages = &rt.pages
	rt.t.Src = rt
	return rt
}

// begin prepares the rules state for a new request.
func (rt *ruleTxn) begin(s *session, h *httpState) {
	w := s.st.rw
	c := rt.c
	rt.t.EndTxn()
	rt.useSession(s)
	c.Vars.BeginTxn()
	c.Vars.Proc = w.proc
	c.Env = w
	c.Now = s.e.deps.Now()
	c.Src, c.Dst = s.src, s.dst
	c.TLS, c.ServerTLS = s.tlsInfo(), nil
	c.Frontend = w.byPx[s.fe.px].view
	c.Backend, c.Server, c.Res = c.Frontend, nil, nil
	c.Dir, c.Final = sample.DirReq, true
	c.FirstReq = h.first
	c.Stopping = s.e.stopping.Load()
	rt.req = headMsg{h: h.req, body: (*h.in)[h.req.Len:h.inLen], dec: rt.req.dec[:0]}
	c.Req = &rt.req
	rt.t.Req = &rt.req
	rt.sess, rt.hs = s, h
	rt.t.Body = rt
	rt.t.Res = nil
	rt.t.Reset()
	fr := w.byPx[s.fe.px]
	rt.t.Captures.Lens = fr.capLens
	rt.caps.Reset(fr.caps)
	rt.caps.Request(&rt.req)
	rt.live = true
	rt.reqWire, rt.reqHTX, rt.resHTX = int64(h.req.Len), htxSize(h.req), 0
	rt.pages = pagesView{s: s}
	c.Txn = rt
	rt.uniq = w.reqCount.Add(1) - 1
	rt.uid, rt.uidFmt = nil, w.byPx[s.fe.px].uniqueID
}

// requestRules runs the request side up to the choice of a backend. It
// returns the backend, or fin with keep when the rules answered (keep:
// the client connection goes on).
func (s *session) requestRules(h *httpState) (be *backend.Backend, fin, keep bool) {
	fe := s.fe
	w := s.st.rw
	fe.counters.ReqRate.Add(s.e.deps.Now().UnixMilli(), 1)
	if w == nil || !w.active {
		be := fe.backendFor()
		h.enterBackend(s, be)
		return be, false, false
	}
	rt := h.ruleTxn(s)
	rt.begin(s, h)
	c := rt.c
	req := h.req
	// the exchange as transaction sets it, for the answers given here
	h.x = http1.Exchange{Front: connMode(fe.px.HTTPConn)}
	h.x.Request(req)
	if s.e.stopping.Load() {
		h.x.Client = http1.WantClose
	}

	fr := w.byPx[fe.px]
	rt.t.ProxyName = fe.px.Name
	// "monitor-uri": 200, or 503 when a "monitor fail" condition holds
	// (configuration.txt 4.2 "monitor fail", http_wait_for_request)
	if m := fe.px.MonitorURI; m != "" && string(req.Bytes(req.URI)) == m {
		status := 200
		for _, cd := range fr.monitor {
			if cd.Test(c) {
				status = 503
				break
			}
		}
		s.rec.Term.Set(stream.CauseLocal, stream.PhaseRequest)
		return nil, true, s.replyRaw(h, nil, rt, rt.pages.ErrorPage(status), status)
	}
	// the frontend's tcp-request content rules (the connection and
	// session ones ran at accept: rules_session.go)
	if v := rt.t.RunTCP(fr.tcpCont); v == rules.Abort {
		return nil, true, s.tcpAbort(h, rt)
	}
	rt.t.CountHTTPReq()
	v := rt.t.RunHTTP(fr.req)
	s.sendEarlyHints(h, rt)
	if v != rules.Continue && v != rules.Stop {
		return nil, true, s.ruleVerdict(h, nil, rt, v)
	}
	if fin, keep := s.serveStats(h, rt, fe.px, nil); fin {
		return nil, true, keep
	}
	if v := rt.runRedirects(fr.redirect); v != rules.Continue {
		return nil, true, s.ruleVerdict(h, nil, rt, v)
	}
	be = rt.route(w, fr, s.fe)
	if be == nil {
		return nil, false, false
	}
	c.Backend = w.proxies[be.Name()]
	h.enterBackend(s, be)
	rt.pages.be = be
	defer rt.uniqueIDHeader(fe.px.UniqueIDHeader)
	if be.Proxy != fe.px {
		br := w.byPx[be.Proxy]
		rt.t.ProxyName = be.Proxy.Name
		if v := rt.t.RunTCP(br.tcpCont); v == rules.Abort {
			return nil, true, s.tcpAbort(h, rt)
		}
		v := rt.t.RunHTTP(br.req)
		s.sendEarlyHints(h, rt)
		if v != rules.Continue && v != rules.Stop {
			return nil, true, s.ruleVerdict(h, be, rt, v)
		}
		if fin, keep := s.serveStats(h, rt, be.Proxy, be); fin {
			return nil, true, keep
		}
		if v := rt.runRedirects(br.redirect); v != rules.Continue {
			return nil, true, s.ruleVerdict(h, be, rt, v)
		}
	}
	// set-src and set-dst change what follows (forwardfor, logs,
	// source hashing)
	s.src, s.dst = c.Src, c.Dst
	// use-server, then the persistence cookie, then stick rules
	// (AN_REQ_SRV_RULES, AN_REQ_HTTP_INNER, AN_REQ_STICKING_RULES)
	force, _ := persistRules(c, be.Proxy)
	rt.direct = nil
	rt.useServer(be, force)
	rt.clientCookie(w, be, req)
	rt.stickRules(w, be, force)
	return be, false, false
}

// sendEarlyHints writes the 103 Early Hints response early-hint rules
// gathered (http_action_early_hint sends it as soon as the rules that
// build it are done).
func (s *session) sendEarlyHints(h *httpState, rt *ruleTxn) {
	eh := rt.t.EarlyHints
	if len(eh) == 0 {
		return
	}
	b := append(rt.scratch[:0], "HTTP/1.1 103 Early Hints\r\n"...)
	b = append(b, eh...)
	b = append(b, "\r\n"...)
	rt.scratch = b
	rt.t.EarlyHints = eh[:0]
	s.writeClient(h, b)
}

// uniqueIDHeader adds "unique-id-header" to the request.
func (rt *ruleTxn) uniqueIDHeader(name string) {
	if name != "" && rt.UniqueID() != nil {
		rt.req.h.Add(name, rt.uid)
	}
}

// runRedirects runs "redirect" rules: the first that applies answers.
func (rt *ruleTxn) runRedirects(list []*rules.Rule) rules.Verdict {
	for _, r := range list {
		if r.Cond != nil && !r.Cond.Test(rt.c) {
			continue
		}
		return rt.t.RunHTTP([]*rules.Rule{r})
	}
	return rules.Continue
}

// route is process_switching_rules: the first use_backend whose
// condition holds (a dynamic name that names no backend ends the search),
// else default_backend (the section itself for a listen).
func (rt *ruleTxn) route(w *ruleWorld, fr *pxRules, fe *frontend) *backend.Backend {
	for i := range fr.routes {
		r := &fr.routes[i]
		if r.cond != nil && !r.cond.Test(rt.c) {
			continue
		}
		if r.name == nil {
			return r.be
		}
		rt.name = r.name.Eval(rt.c, nil, logformat.ModeRule, rt.name[:0])
		if be := w.backendByName(rt.name); be != nil {
			return be
		}
		break
	}
	return fe.def
}

// tcpAbort closes the connection a tcp-request rule rejected, without
// an answer.
func (s *session) tcpAbort(h *httpState, rt *ruleTxn) bool {
	s.fe.counters.DeniedReq.Add(1)
	s.rec.Term.Set(stream.CauseProxy, stream.PhaseRequest)
	if rt.t.Silent {
		s.silentDrop()
	}
	s.logHTTP(h)
	return false
}

// ruleVerdict answers as a final request action decided.
func (s *session) ruleVerdict(h *httpState, be *backend.Backend, rt *ruleTxn, v rules.Verdict) bool {
	rec := &s.rec
	switch v {
	case rules.Deny:
		s.fe.counters.DeniedReq.Add(1)
		if be != nil {
			be.Counters.DeniedReq.Add(1)
		}
		s.countHTTPErr(rt, 403)
		if rt.t.Tarpit {
			// "timeout tarpit", which defaults to "timeout connect"
			// (configuration.txt 4.2 "timeout tarpit")
			px := s.fe.px
			if be != nil {
				px = be.Proxy
			}
			d := px.Timeouts.Tarpit
			if d == 0 {
				d = px.Timeouts.Connect
			}
			time.Sleep(d)
			rec.Term.Set(stream.CauseProxy, stream.PhaseTarpit)
		} else {
			rec.Term.Set(stream.CauseProxy, stream.PhaseRequest)
		}
		return s.replyRaw(h, be, rt, rt.t.Reply, rt.t.Status)
	case rules.Done:
		rec.Term.Set(stream.CauseLocal, stream.PhaseRequest)
		if rt.t.Reply == nil {
			// use-service (service_applet.go)
			return s.serveService(h, be, rt)
		}
		return s.replyRaw(h, be, rt, rt.t.Reply, rt.t.Status)
	case rules.Abort:
		s.fe.counters.DeniedReq.Add(1)
		rec.Term.Set(stream.CauseProxy, stream.PhaseRequest)
		if rt.t.Silent {
			s.silentDrop()
		}
		s.logHTTP(h)
		return false
	case rules.BadReq:
		rec.Term.Set(stream.CauseProxy, stream.PhaseRequest)
		return s.reply(h, be, 400, true)
	}
	s.fe.counters.InternalErr.Add(1)
	rec.Term.Set(stream.CauseInternal, stream.PhaseRequest)
	return s.reply(h, be, 500, false)
}

// replyRaw answers with a message the rules built, through the same
// path as the proxy's own error pages, after the http-after-response
// rules.
func (s *session) replyRaw(h *httpState, be *backend.Backend, rt *ruleTxn, page []byte, status int) bool {
	st, fe := s.st, s.fe
	if h.sin == nil {
		h.sin = st.bufs.get()
	}
	if len(page) == 0 {
		// an empty errorfile: the connection is closed without an
		// answer (http_reply_and_close() with an empty message)
		s.rec.Status = status
		s.logHTTP(h)
		return false
	}
	src := append((*h.sin)[:0], page...)
	resp := h.resp
	if err := http1.ParseErrorPage(src, resp); err != nil {
		return s.reply(h, be, status, false)
	}
	closeClient := false
	if !h.reqDec.Done() && h.pump == nil {
		closeClient = true
	}
	rt.afterRules(s, h, be, src[resp.Len:])
	conn := h.x.ResponseOut(h.req, resp)
	out := resp.AppendHead(h.outBuf(st), conn, clientCase(st, fe.px))
	if h.req.Method != http1.MethodHead {
		out = append(out, src[resp.Len:]...)
	}
	*h.out = out
	s.rec.Status = resp.Status
	fe.counters.Responses.Count(resp.Status)
	if be != nil {
		be.Counters.Responses.Count(resp.Status)
	}
	ok := s.writeClient(h, out)
	s.rec.Ta = stream.Millis(s.e.deps.Now().Sub(s.rec.Start))
	s.logHTTP(h)
	return ok && !closeClient && h.x.Client == http1.WantKeepAlive
}

// afterRules runs the http-after-response rules of the backend then the
// frontend on a response head.
func (rt *ruleTxn) afterRules(s *session, h *httpState, be *backend.Backend, body []byte) {
	w := s.st.rw
	rt.res = headMsg{h: h.resp, body: body}
	rt.c.Res, rt.t.Res = &rt.res, &rt.res
	rt.c.Dir = sample.DirRes
	if be != nil && be.Proxy != s.fe.px {
		rt.t.RunHTTP(w.byPx[be.Proxy].after)
	}
	rt.t.RunHTTP(w.byPx[s.fe.px].after)
}

// responseRules runs http-response rules (backend, then frontend) and
// http-after-response rules on the server's response head. fin tells
// that the rules answered instead, keep whether the client stays.
func (s *session) responseRules(h *httpState, be *backend.Backend) (fin, keep bool) {
	w := s.st.rw
	if w == nil || !w.active || h.rt == nil {
		return false, false
	}
	rt := h.rt
	c := rt.c
	rt.res = headMsg{h: h.resp}
	c.Res, rt.t.Res = &rt.res, &rt.res
	// the request was forwarded: only its method is left
	// (smp_prefetch_htx finds an empty request channel)
	rt.gone = goneReq{method: h.req.Bytes(h.req.MethodText)}
	c.Req = &rt.gone
	c.Dir = sample.DirRes
	c.Vars.BeginResponse()
	rt.caps.Response(&rt.res)
	rt.resHTX = htxSize(h.resp)
	if h.srv != nil {
		c.Server = w.server(h.srv)
	}
	if h.conn != nil {
		// the ssl_bc_* fetches (configuration.txt section 7.3.4)
		c.ServerTLS = serverTLSInfo(h.conn.Conn)
	}
	s.countHTTPErr(rt, h.resp.Status)
	var v rules.Verdict
	if be.Proxy != s.fe.px {
		rt.t.ProxyName = be.Proxy.Name
		v = rt.t.RunHTTP(w.byPx[be.Proxy].res)
	}
	if v == rules.Continue || v == rules.Stop {
		rt.t.ProxyName = s.fe.px.Name
		v = rt.t.RunHTTP(w.byPx[s.fe.px].res)
	}
	switch v {
	case rules.Continue, rules.Stop:
	case rules.Deny, rules.Done:
		if v == rules.Deny {
			s.fe.counters.DeniedResp.Add(1)
			be.Counters.DeniedResp.Add(1)
			s.rec.Term.Set(stream.CauseProxy, stream.PhaseHeaders)
		} else {
			s.rec.Term.Set(stream.CauseLocal, stream.PhaseHeaders)
		}
		h.dropServer(s, be)
		return true, s.replyRaw(h, be, rt, rt.t.Reply, rt.t.Status)
	case rules.Abort:
		h.dropServer(s, be)
		s.rec.Term.Set(stream.CauseProxy, stream.PhaseHeaders)
		s.logHTTP(h)
		return true, false
	default:
		h.dropServer(s, be)
		s.rec.Term.Set(stream.CauseInternal, stream.PhaseHeaders)
		return true, s.reply(h, be, 500, false)
	}
	rt.serverCookies(s, be, h)
	rt.storeResponse(w, be, h.srv)
	if be.Proxy != s.fe.px {
		rt.t.RunHTTP(w.byPx[be.Proxy].after)
	}
	rt.t.RunHTTP(w.byPx[s.fe.px].after)
	return false, false
}

// countHTTPErr counts a 4xx answer in the tracked counters' http_err
// and a 5xx (but 501 and 505) in http_fail (stream_inc_http_err_ctr,
// stream_inc_http_fail_ctr).
func (s *session) countHTTPErr(rt *ruleTxn, status int) {
	var cnt, rate sample.StickData
	switch {
	case status >= 400 && status < 500:
		cnt, rate = sample.DataHTTPErrCnt, sample.DataHTTPErrRate
	case status >= 500 && status < 600 && status != 501 && status != 505:
		cnt, rate = sample.DataHTTPFailCnt, sample.DataHTTPFailRate
	default:
		return
	}
	c := rt.c
	now := c.NowMs()
	for i := range c.Track {
		e := c.Track[i].Entry
		if e == nil {
			e = c.SessTracked(i).Entry
		}
		if e != nil {
			e.Add(cnt, 0, 1, now)
			e.Add(rate, 0, 1, now)
		}
	}
}

// pagesView finds the error messages of the proxies of a transaction.
type pagesView struct {
	s  *session
	be *backend.Backend
}

// ErrorPage implements rules.Pages.
func (p *pagesView) ErrorPage(status int) []byte {
	page := p.s.errorPage(p.be, status)
	if page == "" {
		return []byte{} // an empty errorfile: close without answer
	}
	return unsafe.Slice(unsafe.StringData(page), len(page))
}

// ErrorReply implements rules.ReplyPages: the http-error reply of the
// backend, else of the frontend, that is built per request.
func (p *pagesView) ErrorReply(status int) *rules.Reply {
	for _, px := range [...]*proxy.Proxy{p.pxOf(), p.s.fe.px} {
		if px == nil {
			continue
		}
		if ef := px.ErrorFiles[status]; ef != nil {
			if rp, ok := ef.Reply.(*rules.Reply); ok && ef.Raw == nil && ef.Location == "" {
				return rp
			}
			return nil
		}
	}
	return nil
}

func (p *pagesView) pxOf() *proxy.Proxy {
	if p.be == nil {
		return nil
	}
	return p.be.Proxy
}

// SectionPage implements rules.Pages.
func (p *pagesView) SectionPage(section string, status int) []byte {
	for _, he := range p.s.st.cfg.HTTPErrors {
		if he.Name != section {
			continue
		}
		if ef := he.Files[status]; ef != nil && ef.Raw != nil {
			return ef.Raw
		}
	}
	return nil
}
