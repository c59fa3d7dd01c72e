package stats

// Selection is what a dump covers (management.txt section 9.3, "show
// stat [{<iid>|<proxy>} <type> <sid>]").
type Selection struct {
	// Bound restricts the dump to a proxy (IID, -1 for all), to object
	// types (Types, bits 1 frontends, 2 backends, 4 servers, 8
	// listeners) and to a server (SID, -1 for all).
	Bound bool
	IID   int
	Types int
	SID   int
	// Scope keeps only the proxies whose name is listed ("stats scope"
	// and the page's "scope" parameter); empty keeps all.
	Scope []string
}

// Type bits of Selection.Types (1 << STATS_TYPE_*).
const (
	SelFrontend = 1 << TypeFrontend
	SelBackend  = 1 << TypeBackend
	SelServer   = 1 << TypeServer
	SelListener = 1 << TypeListener
)

func (s *Selection) wants(bit int) bool { return !s.Bound || s.Types&bit != 0 }

func (s *Selection) inScope(name string) bool {
	if len(s.Scope) == 0 {
		return true
	}
	for _, n := range s.Scope {
		if n == name {
			return true
		}
	}
	return false
}

// hidden reports whether "up" or "no-maint" leaves a server out
// (stats_dump_proxy_to_buffer()): "no-maint" hides servers in
// maintenance; "up" hides those and the DOWN ones that no check is
// bringing back.
func (sv *Server) hidden(fl Flags) bool {
	if fl.HideMaint && sv.Admin&AdminMaint != 0 {
		return true
	}
	if !fl.HideDown {
		return false
	}
	if sv.Admin&AdminMaint != 0 {
		return true
	}
	if sv.State != SrvStopped {
		return false
	}
	ref := sv.ref()
	chk, agt := &ref.Check, &ref.Agent
	return (!chk.Enabled && !agt.Enabled) || (agt.Enabled && agt.Health == 0) || (chk.Enabled && chk.Health == 0)
}

// ProxyRows are the rows of one proxy in 2.6's order: the frontend, its
// listeners, the servers, the backend.
func ProxyRows(px *Proxy, sel Selection, fl Flags) []*Row {
	var rows []*Row
	if sel.Bound && sel.IID != -1 && px.ID != sel.IID {
		return nil
	}
	if !sel.inScope(px.Name) {
		return nil
	}
	if px.Frontend != nil && sel.wants(SelFrontend) {
		rows = append(rows, FillFrontend(px.Frontend))
	}
	if sel.wants(SelListener) {
		for _, l := range px.Listeners {
			rows = append(rows, FillListener(px, l, fl))
		}
	}
	nbup, nbsrv := 0, 0
	for _, sv := range px.Servers {
		nbsrv++
		if sv.State != SrvStopped {
			nbup++
		}
	}
	if px.Backend != nil && sel.wants(SelServer) {
		for _, sv := range px.Servers {
			if sel.Bound && sel.SID != -1 && sv.ID != sel.SID {
				continue
			}
			if sv.hidden(fl) {
				continue
			}
			rows = append(rows, FillServer(sv, fl))
		}
	}
	if px.Backend != nil && sel.wants(SelBackend) {
		rows = append(rows, FillBackend(px.Backend, nbup, nbsrv, fl))
	}
	return rows
}

// Rows are the rows of every proxy.
func Rows(pxs []*Proxy, sel Selection, fl Flags) []*Row {
	var rows []*Row
	for _, px := range pxs {
		rows = append(rows, ProxyRows(px, sel, fl)...)
	}
	return rows
}
