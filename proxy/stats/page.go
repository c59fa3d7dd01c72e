package stats

import (
	"strconv"
	"strings"
	"time"
)

// PageConfig is a proxy's "stats" settings (configuration.txt section
// 4.2, "stats ...") as the page uses them.
type PageConfig struct {
	// URI is the prefix that serves the page ("stats uri").
	URI     string
	Refresh time.Duration
	// HideVersion, ShowLegends, ShowModules, ShowNode and ShowDesc are
	// the "stats hide-version", "show-legends", "show-modules",
	// "show-node" and "show-desc" switches; Node and Desc their values,
	// already defaulted to the global node and description.
	HideVersion, ShowLegends, ShowModules bool
	ShowNode, ShowDesc                    bool
	Node, Desc                            string
	// Scope are the "stats scope" proxy names ("." is the proxy serving
	// the page); empty shows every proxy.
	Scope []string
}

// PageRequest is one request to a stats URI.
type PageRequest struct {
	Method string
	// URI is the request's URI as received.
	URI string
	// Admin is set when a "stats admin" condition held.
	Admin bool
	// Body is the POST body, whole.
	Body []byte
	// Self is the proxy serving the page, for the "." scope.
	Self string
}

// PageSource is what the page reports and acts on: the engine.
type PageSource interface {
	StatsProxies() []*Proxy
	// StatsProcess is the process' "show info" description.
	StatsProcess() *Process
	// BackendRef resolves the form's "b" value, "#<id>" or a name, to a
	// backend's name.
	BackendRef(ref string) (string, bool)
	// ServerAction applies a page action to a server: found tells it
	// exists, altered that the action applied (stats_process_http_post()).
	ServerAction(backend, server, action string) (found, altered bool)
}

// Response is a stats page answer, to send as an HTTP/1.1 message.
type Response struct {
	Status  int
	Reason  string
	Headers [][2]string
	Body    []byte
	// Chunked sends the body with chunked transfer encoding.
	Chunked bool
}

// page is one stats request being answered (the stats applet's context).
type page struct {
	cfg     PageConfig
	req     PageRequest
	src     PageSource
	fl      pageFlags
	format  string // "html", "csv", "typed", "json", "json-schema"
	st      string // the ";st=" status code to report
	scope   string
	proxies []*Proxy
	proc    *Process
	descs   map[string]string
}

// ServePage answers a request to the stats URI (http_handle_stats(),
// http_stats_io_handler()).
func ServePage(cfg PageConfig, req PageRequest, src PageSource) Response {
	pg := &page{cfg: cfg, req: req, src: src, format: "html"}
	pg.parseURI()
	switch req.Method {
	case "GET", "HEAD":
	case "POST":
		if !pg.fl.admin {
			// a POST without admin rights is refused with a redirect
			return pg.redirect("DENY")
		}
		return pg.redirect(pg.post())
	default:
		return pg.redirect("IVAL")
	}
	pg.proxies = src.StatsProxies()
	pg.descs = map[string]string{}
	for _, px := range pg.proxies {
		pg.descs[px.Name] = px.Desc
	}
	pg.proc = src.StatsProcess()
	resp := Response{Status: 200, Reason: "OK", Chunked: true}
	ctype := "text/html"
	switch pg.format {
	case "json", "json-schema":
		ctype = "application/json"
	case "csv", "typed":
		ctype = "text/plain"
	}
	resp.Headers = [][2]string{{"cache-control", "no-cache"}, {"content-type", ctype}}
	if cfg.Refresh > 0 && !pg.fl.noRefresh {
		resp.Headers = append(resp.Headers, [2]string{"refresh", strconv.Itoa(int(cfg.Refresh / time.Second))})
	}
	if req.Method == "HEAD" {
		return resp
	}
	var b strings.Builder
	switch pg.format {
	case "html":
		if err := pg.writeHTML(&b); err != nil {
			return Response{Status: 500, Reason: "Internal Server Error"}
		}
	case "json-schema":
		b.WriteString(jsonSchema + "\n")
	default:
		b.WriteString(pg.export())
	}
	resp.Body = []byte(b.String())
	return resp
}

// parseURI reads the options after the stats prefix: ";up",
// ";norefresh", ";csv", ";typed", ";json", ";json-schema", ";st=XXXX"
// and "scope=".
func (pg *page) parseURI() {
	rest := pg.req.URI
	if i := strings.Index(rest, pg.cfg.URI); i >= 0 {
		rest = rest[i+len(pg.cfg.URI):]
	}
	pg.fl = pageFlags{admin: pg.req.Admin, legends: pg.cfg.ShowLegends, modules: pg.cfg.ShowModules}
	pg.fl.hideDown = strings.Contains(rest, ";up")
	pg.fl.noRefresh = pg.cfg.Refresh > 0 && strings.Contains(rest, ";norefresh")
	if strings.Contains(rest, ";csv") {
		pg.format = "csv"
	}
	if strings.Contains(rest, ";typed") {
		pg.format = "typed"
	}
	if strings.Contains(rest, ";json") {
		pg.format = "json"
	}
	if strings.Contains(rest, ";json-schema") {
		pg.format = "json-schema"
	}
	if i := strings.Index(rest, ";st="); i >= 0 {
		code := rest[i+4:]
		pg.st = "UNKN"
		for _, c := range statusCodes() {
			if strings.HasPrefix(code, c) {
				pg.st = c
			}
		}
	}
	if i := strings.Index(rest, "scope="); i >= 0 {
		v := rest[i+len("scope="):]
		if j := strings.IndexAny(v, "&;"); j >= 0 {
			v = v[:j]
		}
		// STAT_SCOPE_TXT_MAXLEN
		if len(v) > 20 {
			v = v[:20]
		}
		pg.scope = v
	}
}

func (pg *page) upTxt() string {
	if pg.fl.hideDown {
		return ";up"
	}
	return ""
}

func (pg *page) noRefreshTxt() string {
	if pg.fl.noRefresh {
		return ";norefresh"
	}
	return ""
}

// scopeTxt is the scope carried over in links ("?scope=...").
func (pg *page) scopeTxt() string {
	if pg.scope == "" {
		return ""
	}
	return "?scope=" + pg.scope
}

func (pg *page) node() string { return pg.cfg.Node }
func (pg *page) desc() string { return pg.cfg.Desc }

// shown applies "stats scope" and the page's scope (a case-insensitive
// part of the name).
func (pg *page) shown(px *Proxy) bool {
	if len(pg.cfg.Scope) > 0 {
		ok := false
		for _, s := range pg.cfg.Scope {
			if s == px.Name || (s == "." && px.Name == pg.req.Self) {
				ok = true
			}
		}
		if !ok {
			return false
		}
	}
	return pg.scope == "" || strings.Contains(strings.ToLower(px.Name), strings.ToLower(pg.scope))
}

func (pg *page) rowFlags() Flags {
	return Flags{Legends: pg.fl.legends, HideDown: pg.fl.hideDown}
}

// export is the ";csv", ";typed" and ";json" forms.
func (pg *page) export() string {
	var b []byte
	var rows []*Row
	for _, px := range pg.proxies {
		if pg.shown(px) {
			rows = append(rows, ProxyRows(px, Selection{IID: -1, SID: -1}, pg.rowFlags())...)
		}
	}
	switch pg.format {
	case "json":
		b = append(b, '[')
		for i, r := range rows {
			b = AppendJSON(b, r, i == 0)
		}
		b = append(b, "]\n"...)
	case "typed":
		for _, r := range rows {
			b = AppendTyped(b, r, false)
		}
	default:
		b = AppendCSVHeader(b)
		for _, r := range rows {
			b = AppendCSV(b, r)
		}
	}
	return string(b)
}

// redirect answers a POST with a 303 to the page and its status code
// (stats_send_http_redirect()), so that reloading does not post again.
func (pg *page) redirect(code string) Response {
	loc := pg.cfg.URI + ";st=" + code + pg.upTxt() + pg.noRefreshTxt() + pg.scopeTxt()
	return Response{Status: 303, Reason: "See Other", Headers: [][2]string{{"cache-control", "no-cache"},
		{"content-type", "text/plain"}, {"content-length", "0"}, {"location", loc}}}
}
