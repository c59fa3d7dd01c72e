package engine

import (
	"hakeep/proxy/backend"
	"hakeep/proxy/http1"
)

// appendRequestHead writes the request head for be's servers. A target
// an HTTP/2 client gave in pieces (:scheme, :authority, :path) is kept
// in absolute form for "proto h2" servers, whose mux sends its scheme
// and authority as such (h2s_bck_make_req_headers); HTTP/1 servers get
// its origin form.
func appendRequestHead(dst []byte, req *http1.Head, be *backend.Backend, conn http1.ConnValue, ca http1.CaseAdjust) []byte {
	if req.Flags&http1.FlagNormalizedURI != 0 && h2Backend(be) {
		req.Flags &^= http1.FlagNormalizedURI
		dst = req.AppendHead(dst, conn, ca)
		req.Flags |= http1.FlagNormalizedURI
		return dst
	}
	return req.AppendHead(dst, conn, ca)
}

// h2Backend reports a backend whose servers speak HTTP/2 ("proto h2").
func h2Backend(be *backend.Backend) bool {
	for _, srv := range be.Servers {
		if srv.Cfg.Proto != "h2" {
			return false
		}
	}
	return len(be.Servers) > 0
}
