package engine

import (
	"hakeep/proxy/backend"
	"hakeep/proxy/http1"
	"hakeep/proxy/sample"
	"hakeep/proxy/server"
	"hakeep/proxy/stream"
)

// redirectTo is the Location of a server's "redir <prefix>"
// (configuration.txt section 5.2) for the transaction's request: GET and
// HEAD requests (SF_REDIRECTABLE) with a path; "" when the request goes
// to the server.
func redirectTo(h *httpState, srv *server.Server) string {
	if h == nil || srv == nil || srv.Cfg.Redir == "" {
		return ""
	}
	req := h.req
	if req.Method != http1.MethodGet && req.Method != http1.MethodHead {
		return ""
	}
	path, ok := sample.HTTPPath(req.Bytes(req.URI))
	if !ok {
		return ""
	}
	return srv.Cfg.Redir + string(path)
}

// serverRedirect answers the client with the 302 of
// http_perform_server_redirect(): the server is chosen but never
// connected to, and the client connection closes.
func (s *session) serverRedirect(h *httpState, be *backend.Backend, srv *server.Server, location string) bool {
	st, fe := s.st, s.fe
	defer be.Release(srv)
	s.rec.Server = srv.Name()
	s.rec.Term.Set(stream.CauseLocal, stream.PhaseConnect)
	if h.sin == nil {
		h.sin = st.bufs.get()
	}
	src := append((*h.sin)[:0], "HTTP/1.1 302 Found\r\nCache-Control: no-cache\r\nConnection: close\r\nContent-length: 0\r\nLocation: "...)
	src = append(src, location...)
	src = append(src, "\r\n\r\n"...)
	*h.sin = src
	resp := h.resp
	if err := http1.ParseErrorPage(src, resp); err != nil {
		return s.reply(h, be, 500, true)
	}
	conn := h.x.ResponseOut(h.req, resp)
	out := resp.AppendHead(h.outBuf(st), conn, clientCase(st, fe.px))
	*h.out = out
	s.rec.Status = 302
	fe.counters.Responses.Count(302)
	be.Counters.Responses.Count(302)
	s.writeClient(h, out)
	s.rec.Ta = stream.Millis(s.e.deps.Now().Sub(s.rec.Start))
	s.logHTTP(h)
	return false
}
