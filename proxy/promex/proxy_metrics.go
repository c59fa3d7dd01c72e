package promex

import (
	"strconv"

	"hakeep/proxy/stats"
)

// kind is how a family turns a stats field into series.
type kind uint8

const (
	kindPlain kind = iota
	// kindStatus: one series per state, 1 for the current one.
	kindStatus
	// kindCodes: hrsp_1xx..hrsp_other under one family, "code" label.
	kindCodes
	// kindSeconds: milliseconds shown in seconds.
	kindSeconds
	// kindCheck and kindCheckSeconds: only for servers whose check
	// runs; kindCheckStatus: one series per check status.
	kindCheck
	kindCheckSeconds
	kindCheckStatus
	// kindAggServer and kindAggCheck: a backend's servers counted per
	// state, or per check status.
	kindAggServer
	kindAggCheck
)

// proxyMetric is one family of a proxy-level scope.
type proxyMetric struct {
	name     string
	typ      metricType
	help     string
	field    stats.Field
	kind     kind
	httpOnly bool
}

// The state and code labels: promex_front_st (also the backends'),
// the listener's li_status_st, promex_srv_st, the check statuses that
// can fail, and the response classes.
func frontStates() []string  { return []string{"DOWN", "UP"} }
func listenStates() []string { return []string{"WAITING", "OPEN", "FULL"} }
func serverStates() []string { return []string{"DOWN", "UP", "MAINT", "DRAIN", "NOLB"} }
func checkStates() []string {
	return []string{"HANA", "SOCKERR", "L4OK", "L4TOUT", "L4CON", "L6OK", "L6TOUT", "L6RSP",
		"L7TOUT", "L7RSP", "L7OK", "L7OKC", "L7STS", "PROCERR", "PROCTOUT", "PROCOK"}
}
func codeLabels() []string { return []string{"1xx", "2xx", "3xx", "4xx", "5xx", "other"} }
func codeFields() []stats.Field {
	return []stats.Field{stats.FHrsp1xx, stats.FHrsp2xx, stats.FHrsp3xx, stats.FHrsp4xx, stats.FHrsp5xx, stats.FHrspOther}
}

// proxies writes a scope's families over its objects.
func (w *writer) proxies(scope string, metrics []proxyMetric, objs []object) {
	for _, m := range metrics {
		name := "haproxy_" + scope + "_" + m.name
		help := m.help
		if help == "" {
			help = m.field.Desc()
		}
		if m.kind == kindCodes {
			// the six classes are six fields of one family
			for i, f := range codeFields() {
				for _, o := range objs {
					if m.httpOnly && !o.http {
						continue
					}
					w.family(name, m.typ, help)
					w.sample(name, with(o.labels, "code", codeLabels()[i]), valueText(o.row.V[f]))
				}
			}
			continue
		}
		for _, o := range objs {
			if m.httpOnly && !o.http {
				continue
			}
			w.object(scope, name, help, m, o)
		}
	}
}

// with appends a label to a copy of labels.
func with(labels []string, name, value string) []string {
	out := make([]string, 0, len(labels)+2)
	return append(append(out, labels...), name, value)
}

// object writes one object's series of a family.
func (w *writer) object(scope, name, help string, m proxyMetric, o object) {
	v := o.row.V[m.field]
	switch m.kind {
	case kindStatus:
		states, cur := statusOf(scope, o)
		w.family(name, m.typ, help)
		for i, s := range states {
			w.sample(name, with(o.labels, "state", s), boolText(i == cur))
		}
	case kindSeconds:
		w.family(name, m.typ, help)
		w.sample(name, o.labels, seconds(v))
	case kindCheck, kindCheckSeconds, kindCheckStatus:
		if o.sv == nil || !o.sv.Check.Enabled || o.sv.Check.Paused {
			return
		}
		w.family(name, m.typ, help)
		switch m.kind {
		case kindCheck:
			w.sample(name, o.labels, strconv.Itoa(o.sv.Check.Code))
		case kindCheckSeconds:
			w.sample(name, o.labels, strconv.FormatFloat(float64(o.sv.Check.Duration)/1000, 'f', 6, 64))
		default:
			for _, s := range checkStates() {
				w.sample(name, with(o.labels, "state", s), boolText(s == o.sv.Check.Status))
			}
		}
	case kindAggServer:
		counts := make([]int, len(serverStates()))
		for _, sv := range o.px.Servers {
			counts[serverState(sv)]++
		}
		w.family(name, m.typ, help)
		for i, s := range serverStates() {
			w.sample(name, with(o.labels, "state", s), strconv.Itoa(counts[i]))
		}
	case kindAggCheck:
		w.family(name, m.typ, help)
		for _, s := range checkStates() {
			n := 0
			for _, sv := range o.px.Servers {
				if sv.Check.Enabled && !sv.Check.Paused && sv.Check.Status == s {
					n++
				}
			}
			w.sample(name, with(o.labels, "state", s), strconv.Itoa(n))
		}
	default:
		w.family(name, m.typ, help)
		w.sample(name, o.labels, valueText(v))
	}
}

func boolText(b bool) string {
	if b {
		return "1"
	}
	return "0"
}

// seconds is a millisecond field in seconds, "%f".
func seconds(v stats.Value) string {
	if v.IsEmpty() {
		return "NaN"
	}
	return strconv.FormatFloat(float64(v.Uint())/1000, 'f', 6, 64)
}

// statusOf is the states of an object's "status" family and the index
// of its current one.
func statusOf(scope string, o object) ([]string, int) {
	st := o.row.V[stats.FStatus].Text()
	switch scope {
	case "frontend":
		if st == "STOP" {
			return frontStates(), 0
		}
		return frontStates(), 1
	case "listener":
		switch st {
		case "WAITING":
			return listenStates(), 0
		case "FULL":
			return listenStates(), 2
		}
		return listenStates(), 1
	case "backend":
		if len(st) >= 2 && st[:2] == "UP" {
			return frontStates(), 1
		}
		return frontStates(), 0
	}
	return serverStates(), serverState(o.sv)
}

// serverState is promex_srv_status(): UP (or DRAIN) while running, NOLB
// while stopping, DOWN otherwise, and MAINT above all.
func serverState(sv *stats.Server) int {
	st := 0
	switch sv.State {
	case stats.SrvRunning, stats.SrvStarting:
		st = 1
		if sv.Admin&stats.AdminDrain != 0 {
			st = 3
		}
	case stats.SrvStopping:
		st = 4
	}
	if sv.Admin.InMaint() {
		st = 2
	}
	return st
}
