package promex

import (
	"strings"
	"testing"

	"github.com/prometheus/common/expfmt"
	"github.com/prometheus/common/model"

	"hakeep/proxy/stats"
)

func testProxies() []*stats.Proxy {
	sv := &stats.Server{Proxy: "be", ProxyID: 3, Name: "web1", ID: 1, Mode: "http", MaxIdle: -1, Throttle: -1,
		State: stats.SrvRunning, Admin: stats.AdminDrain, EWeight: 1, UWeight: 1,
		C: stats.Counters{Rsp: [6]uint64{0, 0, 7, 0, 2, 0}, QTimeMax: 1500, LastSess: -1}}
	return []*stats.Proxy{
		{Name: "fe", ID: 2, Frontend: &stats.Frontend{Name: "fe", ID: 2, Mode: "http", Status: "OPEN", Limit: 100}},
		{Name: "be", ID: 3, Servers: []*stats.Server{sv}, Backend: &stats.Backend{Name: "be", ID: 3, Mode: "http",
			HasServers: true, TotWeight: 1, Act: 1, C: stats.Counters{LastSess: -1}}},
	}
}

// TestServeParses checks that the exposition parses and carries 2.6's
// shapes: per-state and per-code series, seconds, NaN for what a row
// leaves empty.
func TestServeParses(t *testing.T) {
	resp, ok := Serve("/metrics", &stats.Process{Name: "HAProxy", BuildInfo: "v", Nbthread: 1}, testProxies())
	if !ok || resp.Status != 200 {
		t.Fatalf("Serve: %v %d", ok, resp.Status)
	}
	body := string(resp.Body)
	p := expfmt.NewTextParser(model.UTF8Validation)
	if _, err := p.TextToMetricFamilies(strings.NewReader(body)); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		`haproxy_server_status{proxy="be",server="web1",state="DRAIN"} 1`,
		`haproxy_server_status{proxy="be",server="web1",state="UP"} 0`,
		`haproxy_server_http_responses_total{proxy="be",server="web1",code="2xx"} 7`,
		`haproxy_server_http_responses_total{proxy="be",server="web1",code="4xx"} 2`,
		`haproxy_server_max_queue_time_seconds{proxy="be",server="web1"} 1.500000`,
		`haproxy_server_limit_sessions{proxy="be",server="web1"} NaN`,
		`haproxy_frontend_status{proxy="fe",state="UP"} 1`,
		`haproxy_backend_agg_server_status{proxy="be",state="DRAIN"} 1`,
		`haproxy_process_build_info{version="v"} 1`,
		"# HELP haproxy_frontend_limit_sessions Frontend/listener/server's maxconn, backend's fullconn\n",
	} {
		if !strings.Contains(body, want) {
			t.Errorf("missing %q", want)
		}
	}
	if strings.Contains(body, "haproxy_server_check_status") {
		t.Error("check status of a server without check")
	}
}

// TestScopes checks the query's scopes as 2.6.12 reads them.
func TestScopes(t *testing.T) {
	for q, want := range map[string]int{
		"/metrics":                             scopeAll,
		"/metrics?scope=frontend":              scopeFrontend,
		"/metrics?scope=frontend&scope=server": scopeFrontend | scopeServer,
		"/metrics?scope=":                      0,
		"/metrics?scope=*":                     scopeAll,
		"/metrics?no-maint&scope=global":       scopeGlobal,
	} {
		got, ok := parseQuery(q)
		if !ok || got.scopes != want {
			t.Errorf("%s: %v %b, want %b", q, ok, got.scopes, want)
		}
	}
	for _, q := range []string{"/metrics?scope=none", "/metrics?scope"} {
		if _, ok := parseQuery(q); ok {
			t.Errorf("%s accepted; 2.6.12 answers 400", q)
		}
	}
}
