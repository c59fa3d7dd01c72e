package engine

import (
	"hakeep/proxy/backend"
	"hakeep/proxy/http1"
	"hakeep/proxy/stream"
)

// reply answers the client from the proxy itself (a 503 without server,
// a 502 for a bad response, a 504 on timeout...), through the same path
// as a server's response: the page is parsed, then written as any head
// is (recorded: natural-503 and friends keep the connection alive, with
// lower-case names). An "errorfile" of the backend, else of the
// frontend, replaces the built-in page (configuration.txt section 4.2).
func (s *session) reply(h *httpState, be *backend.Backend, status int, closeClient bool) bool {
	st, fe := s.st, s.fe
	page := s.errorPage(be, status)
	if page == "" {
		// an empty errorfile: the connection is closed without an
		// answer (http_reply_and_close() with an empty message)
		s.rec.Status = status
		s.logHTTP(h)
		return false
	}
	if h.sin == nil {
		h.sin = st.bufs.get()
	}
	src := append((*h.sin)[:0], page...)
	resp := h.resp
	if err := http1.ParseErrorPage(src, resp); err != nil {
		s.refuse(h, status)
		return false
	}
	if !h.reqDec.Done() && h.pump == nil {
		// the rest of an unread body would be taken for a request
		closeClient = true
	}
	if rt := h.rt; rt != nil && rt.live && st.rw != nil && st.rw.active {
		// the proxy's own answers go through http-after-response too
		// (http_forward_proxy_resp -> http_eval_after_res_rules)
		rt.afterRules(s, h, be, src[resp.Len:])
	}
	if s.e.stopping.Load() {
		// a frontend stopping meanwhile closes the connection after
		// this answer (mux_h1.c, h1_set_cli_conn_mode, output side;
		// measured: the 502 of a hard stop says "connection: close")
		h.x.Client = http1.WantClose
	}
	conn := h.x.ResponseOut(h.req, resp)
	out := resp.AppendHead(h.outBuf(st), conn, clientCase(st, fe.px))
	out = append(out, src[resp.Len:]...)
	*h.out = out
	s.rec.Status = status
	fe.counters.Responses.Count(status)
	if be != nil {
		be.Counters.Responses.Count(status)
	}
	ok := s.writeClient(h, out)
	s.rec.Ta = stream.Millis(s.e.deps.Now().Sub(s.rec.Start))
	s.logHTTP(h)
	return ok && !closeClient && h.x.Client == http1.WantKeepAlive
}

// errorPage is the message to send for status.
func (s *session) errorPage(be *backend.Backend, status int) string {
	if be != nil {
		if page, ok := errorFilePage(be.Proxy.ErrorFiles[status]); ok {
			return page
		}
	}
	if page, ok := errorFilePage(s.fe.px.ErrorFiles[status]); ok {
		return page
	}
	page, ok := http1.ErrorPage(status)
	if !ok {
		page, _ = http1.ErrorPage(500)
	}
	return page
}

// logHTTP completes and hands over the transaction's record.
func (s *session) logHTTP(h *httpState) {
	if s.e.deps.Traffic == nil {
		return
	}
	rec := &s.rec
	rec.HTTP = true
	rec.Accept = s.accept
	rec.Frontend = s.fe.px.Name
	rec.Client, rec.FrontendAddr = s.src, s.dst
	if rec.Backend == "" {
		rec.Backend = s.fe.px.Name
	}
	if rec.Server == "" {
		rec.Server = "<NOSRV>"
	}
	s.e.logRecord(s, h)
}
