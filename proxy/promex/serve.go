package promex

import (
	"net/url"
	"strconv"
	"strings"

	"hakeep/proxy/stats"
)

// scope bits ("scope=" values).
const (
	scopeGlobal = 1 << iota
	scopeFrontend
	scopeListener
	scopeBackend
	scopeServer
	scopeAll = scopeGlobal | scopeFrontend | scopeListener | scopeBackend | scopeServer
)

// query is a scrape's options.
type query struct {
	scopes  int
	noMaint bool
}

// parseQuery is promex_parse_uri(): "scope=" may repeat; an empty scope
// selects nothing, "*" everything; "no-maint" hides servers in
// maintenance; "extra-counters" is accepted. Anything else is a 400.
func parseQuery(uri string) (query, bool) {
	q := query{scopes: scopeAll}
	_, qs, ok := strings.Cut(uri, "?")
	if !ok {
		return q, true
	}
	if i := strings.IndexByte(qs, '#'); i >= 0 {
		qs = qs[:i]
	}
	first := true
	for _, kv := range strings.Split(qs, "&") {
		if kv == "" {
			continue
		}
		k, v, hasValue := strings.Cut(kv, "=")
		key, err1 := url.QueryUnescape(k)
		val, err2 := url.QueryUnescape(v)
		if err1 != nil || err2 != nil {
			return q, false
		}
		switch key {
		case "scope":
			if first {
				// a scope given: only the ones given
				q.scopes, first = 0, false
			}
			switch {
			case !hasValue:
				return q, false
			case val == "":
				q.scopes = 0
			case val[0] == '*':
				q.scopes = scopeAll
			case val == "global":
				q.scopes |= scopeGlobal
			case val == "frontend":
				q.scopes |= scopeFrontend
			case val == "listener":
				q.scopes |= scopeListener
			case val == "backend":
				q.scopes |= scopeBackend
			case val == "server":
				q.scopes |= scopeServer
			default:
				return q, false
			}
		case "no-maint":
			q.noMaint = true
		}
	}
	return q, true
}

// Serve answers a scrape of uri. ok is false for a query 2.6 refuses
// with 400.
func Serve(uri string, proc *stats.Process, pxs []*stats.Proxy) (resp stats.Response, ok bool) {
	q, ok := parseQuery(uri)
	if !ok {
		return stats.Response{}, false
	}
	w := &writer{}
	if q.scopes&scopeGlobal != 0 {
		w.global(proc)
	}
	if q.scopes&scopeFrontend != 0 {
		w.proxies("frontend", frontendMetrics(), frontendObjects(pxs))
	}
	if q.scopes&scopeListener != 0 {
		w.proxies("listener", listenerMetrics(), listenerObjects(pxs))
	}
	if q.scopes&scopeBackend != 0 {
		w.proxies("backend", backendMetrics(), backendObjects(pxs))
	}
	if q.scopes&scopeServer != 0 {
		w.proxies("server", serverMetrics(), serverObjects(pxs, q.noMaint))
	}
	return stats.Response{Status: 200, Reason: "OK", Chunked: true, Body: w.b,
		Headers: [][2]string{{"cache-control", "no-cache"}, {"content-type", "text/plain; version=0.0.4"}}}, true
}

// writer renders families in the text exposition format.
type writer struct {
	b []byte
	// header is the family whose HELP and TYPE were written last.
	header string
}

func (w *writer) family(name string, typ metricType, help string) {
	if w.header == name {
		return
	}
	w.header = name
	w.b = append(w.b, "# HELP "+name+" "+help+"\n# TYPE "+name+" "+string(typ)+"\n"...)
}

// sample writes one series: labels as name/value pairs.
func (w *writer) sample(name string, labels []string, value string) {
	w.b = append(w.b, name...)
	if len(labels) > 0 {
		w.b = append(w.b, '{')
		for i := 0; i+1 < len(labels); i += 2 {
			if i > 0 {
				w.b = append(w.b, ',')
			}
			w.b = append(w.b, labels[i]...)
			w.b = append(w.b, `="`...)
			w.b = appendLabelValue(w.b, labels[i+1])
			w.b = append(w.b, '"')
		}
		w.b = append(w.b, '}')
	}
	w.b = append(w.b, ' ')
	w.b = append(w.b, value...)
	w.b = append(w.b, '\n')
}

// appendLabelValue escapes a label value (backslash, quote, newline).
func appendLabelValue(b []byte, s string) []byte {
	for i := 0; i < len(s); i++ {
		switch c := s[i]; c {
		case '\\', '"':
			b = append(b, '\\', c)
		case '\n':
			b = append(b, '\\', 'n')
		default:
			b = append(b, c)
		}
	}
	return b
}

// valueText prints a stats value as the exporter does: integers as they
// are, floats with six decimals, empty values as NaN.
func valueText(v stats.Value) string {
	switch v.Kind {
	case stats.Empty:
		return "NaN"
	case stats.S32, stats.S64:
		return strconv.FormatInt(v.Int(), 10)
	case stats.U32, stats.U64:
		return strconv.FormatUint(v.Uint(), 10)
	case stats.Flt:
		return strconv.FormatFloat(v.Float(), 'f', 6, 64)
	}
	return "NaN"
}

// global writes the haproxy_process_* families.
func (w *writer) global(p *stats.Process) {
	vals := stats.FillInfo(p, stats.InfoOptions{})
	for _, m := range globalMetrics() {
		name := "haproxy_process_" + m.name
		w.family(name, m.typ, m.info.Desc())
		v := vals[m.info]
		if m.info == stats.IBuildInfo {
			w.sample(name, []string{"version", v.Text()}, "1")
			continue
		}
		w.sample(name, nil, valueText(v))
	}
}
