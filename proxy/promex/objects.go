package promex

import "hakeep/proxy/stats"

// object is one frontend, listener, backend or server: its labels and
// its stats row.
type object struct {
	labels []string
	row    *stats.Row
	http   bool
	// sv is the server, for its state and checks; px the proxy, for a
	// backend's servers.
	sv *stats.Server
	px *stats.Proxy
}

func frontendObjects(pxs []*stats.Proxy) []object {
	var out []object
	for _, px := range pxs {
		if px.Frontend == nil {
			continue
		}
		out = append(out, object{labels: []string{"proxy", px.Name}, row: stats.FillFrontend(px.Frontend),
			http: px.Frontend.Mode == "http", px: px})
	}
	return out
}

func listenerObjects(pxs []*stats.Proxy) []object {
	var out []object
	for _, px := range pxs {
		for _, l := range px.Listeners {
			out = append(out, object{labels: []string{"proxy", px.Name, "listener", l.Name},
				row: stats.FillListener(px, l, stats.Flags{}), px: px})
		}
	}
	return out
}

func backendObjects(pxs []*stats.Proxy) []object {
	var out []object
	for _, px := range pxs {
		if px.Backend == nil {
			continue
		}
		out = append(out, object{labels: []string{"proxy", px.Name}, row: stats.FillBackend(px.Backend, 0, 0, stats.Flags{}),
			http: px.Backend.Mode == "http", px: px})
	}
	return out
}

func serverObjects(pxs []*stats.Proxy, noMaint bool) []object {
	var out []object
	for _, px := range pxs {
		if px.Backend == nil {
			continue
		}
		for _, sv := range px.Servers {
			if noMaint && sv.Admin&stats.AdminMaint != 0 {
				continue
			}
			out = append(out, object{labels: []string{"proxy", px.Name, "server", sv.Name},
				row: stats.FillServer(sv, stats.Flags{}), http: sv.Mode == "http", sv: sv, px: px})
		}
	}
	return out
}
