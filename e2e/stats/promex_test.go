package stats_e2e

import (
	"io"
	"net/http"
	"sort"
	"strings"
	"testing"

	dto "github.com/prometheus/client_model/go"
	"github.com/prometheus/common/expfmt"
	"github.com/prometheus/common/model"
)

// promConfig exposes the exporter beside HTTP and TCP proxies with
// checks off, backups, a tracked server and per-listener statistics.
const promConfig = `global
    stats socket {sock} level admin

defaults
    mode http
    timeout connect 2s
    timeout client 5s
    timeout server 5s

frontend prom
    bind 127.0.0.1:{prom}
    http-request use-service prometheus-exporter if { path /metrics }

frontend fe
    bind 127.0.0.1:{fe}
    option socket-stats
    default_backend be

backend be
    balance roundrobin
    cookie SRV insert
    server web1 127.0.0.1:{web1} cookie w1
    server web2 127.0.0.1:{web2} maxconn 10 maxqueue 5
    server bk 127.0.0.1:{web1} backup

listen tcp_l
    mode tcp
    bind 127.0.0.1:{tcp}
    server t1 127.0.0.1:{web1}
`

// scrape fetches the exporter with a query and parses it with
// Prometheus' own text parser.
func scrape(t *testing.T, port, query string) (map[string]*dto.MetricFamily, string) {
	t.Helper()
	resp, err := http.Get("http://127.0.0.1:" + port + "/metrics" + query)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != 200 {
		t.Fatalf("GET /metrics%s: %s", query, resp.Status)
	}
	if ct := resp.Header.Get("Content-Type"); ct != "text/plain; version=0.0.4" {
		t.Errorf("content-type %q", ct)
	}
	p := expfmt.NewTextParser(model.UTF8Validation)
	fams, err := p.TextToMetricFamilies(strings.NewReader(string(body)))
	if err != nil {
		t.Fatalf("the exporter's output does not parse: %v", err)
	}
	return fams, string(body)
}

// familyOrder lists the families in the order of their HELP lines.
func familyOrder(body string) []string {
	var out []string
	for _, l := range strings.Split(body, "\n") {
		if strings.HasPrefix(l, "# HELP ") {
			out = append(out, strings.Fields(l)[2])
		}
	}
	return out
}

// seriesKeys are a family's series as "name{label=value,...}", sorted,
// values of time-dependent families left out.
func seriesKeys(mf *dto.MetricFamily) []string {
	var out []string
	for _, m := range mf.Metric {
		var ls []string
		for _, l := range m.Label {
			ls = append(ls, l.GetName()+"="+l.GetValue())
		}
		out = append(out, "{"+strings.Join(ls, ",")+"}")
	}
	sort.Strings(out)
	return out
}

// TestE2EPrometheusExporter scrapes use-service prometheus-exporter on
// the real haproxy and ours, scope by scope, and compares the families:
// names and order, types, help texts, label names, and the series (label
// values). Both outputs must parse with expfmt.
func TestE2EPrometheusExporter(t *testing.T) {
	real := realBinary(t)
	ours := oursBinary(t)
	o1, o2 := startOrigin(t, "web1"), startOrigin(t, "web2")
	fixed := map[string]string{"web1": o1.port(), "web2": o2.port()}
	start := func(name, bin string) map[string]string {
		cfg, ports := fillPorts(t, promConfig, fixed, "prom", "fe", "tcp")
		startProc(t, name, bin, cfg)
		get(t, ports["fe"], "/")
		return ports
	}
	rp, op := start("haproxy 2.6", real), start("hakeep", ours)

	families, series := 0, 0
	for _, scope := range []string{"global", "frontend", "listener", "backend", "server"} {
		q := "?scope=" + scope
		rf, rb := scrape(t, rp["prom"], q)
		of, ob := scrape(t, op["prom"], q)
		if r, o := familyOrder(rb), familyOrder(ob); strings.Join(r, " ") != strings.Join(o, " ") {
			t.Errorf("scope %s: families differ:\nreal: %v\nours: %v", scope, r, o)
		}
		for name, r := range rf {
			o := of[name]
			if o == nil {
				continue
			}
			families++
			if r.GetHelp() != o.GetHelp() {
				t.Errorf("%s: help %q, ours %q", name, r.GetHelp(), o.GetHelp())
			}
			if r.GetType() != o.GetType() {
				t.Errorf("%s: type %v, ours %v", name, r.GetType(), o.GetType())
			}
			rk, ok := seriesKeys(r), seriesKeys(o)
			if name == "haproxy_process_build_info" {
				// the version differs by design; the label is the same
				rk, ok = []string{"version"}, []string{"version"}
				if len(o.Metric) != 1 || len(o.Metric[0].Label) != 1 || o.Metric[0].Label[0].GetName() != "version" {
					t.Errorf("build_info: %v", o.Metric)
				}
			}
			series += len(rk)
			if strings.Join(rk, " ") != strings.Join(ok, " ") {
				t.Errorf("%s: series differ:\nreal: %v\nours: %v", name, rk, ok)
			}
		}
	}
	t.Logf("%d families and %d series compared", families, series)

	// the whole output parses too, and "scope=" alone selects nothing
	scrape(t, op["prom"], "")
	_, empty := scrape(t, op["prom"], "?scope=")
	if empty != "" {
		t.Errorf("scope= gave %q", empty)
	}
	for _, p := range []map[string]string{rp, op} {
		resp, err := http.Get("http://127.0.0.1:" + p["prom"] + "/metrics?scope=none")
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != 400 {
			t.Errorf("scope=none: %d, want 400 as 2.6.12 answers", resp.StatusCode)
		}
	}
}
