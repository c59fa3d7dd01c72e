package dataplane

import (
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"

	"hakeep/e2e/harness"
)

// TestBenchDataplane measures the real HAProxy and ours with the same
// configuration in front of the same nginx back ends, in turns (real,
// ours, real, ours...), and prints ours/real ratios: HTTP keep-alive
// requests per second and latency, a new connection per request, TCP
// throughput, and the memory of 10,000 idle client connections. Figures
// move with the machine's load; only ratios measured in the same run
// mean anything. HAKEEP_BENCH=1 runs it; HAKEEP_BENCH_ROUNDS (2) and
// HAKEEP_BENCH_SECONDS (5) size it; HAKEEP_OURS names a binary to
// measure instead of building one.
func TestBenchDataplane(t *testing.T) {
	if os.Getenv("HAKEEP_BENCH") != "1" {
		t.Skip("benchmarks run with HAKEEP_BENCH=1")
	}
	wrk := harness.NeedCmd(t, "wrk")
	real := harness.NeedCmd(t, "haproxy")
	if _, err := os.Stat("/usr/sbin/haproxy"); err == nil {
		real = "/usr/sbin/haproxy"
	}
	// HAKEEP_OURS names a prebuilt binary of ours to measure instead
	ours := os.Getenv("HAKEEP_OURS")
	if ours == "" {
		ours = filepath.Join(harness.Binaries(t), "haproxy")
	}
	rounds := envInt("HAKEEP_BENCH_ROUNDS", 2)
	secs := envInt("HAKEEP_BENCH_SECONDS", 5)

	s1, s2 := freeAddr(t, "127.0.0.2"), freeAddr(t, "127.0.0.3")
	startNginx(t, []nginxSite{{"Web1", s1}, {"Web2", s2}})
	fe, tcpfe := freeAddr(t, "127.0.0.1"), freeAddr(t, "127.0.0.1")
	// "no strict-limits": the real HAProxy wants two descriptors per
	// connection and the limit here is 20000; it then runs with what it
	// gets, which idle client connections (one descriptor) fit in.
	cfg := writeConfig(t, fmt.Sprintf(`global
    maxconn 10100
    no strict-limits

defaults
    mode http
    timeout connect 5s
    timeout client 60s
    timeout server 60s

frontend http
    bind %s
    default_backend web

frontend tcp
    mode tcp
    bind %s
    default_backend big

backend web
    balance roundrobin
    server s1 %s
    server s2 %s

backend big
    mode tcp
    server s1 %s
`, fe, tcpfe, s1, s2, s1))

	bins := []struct{ name, path string }{{"real", real}, {"ours", ours}}
	res := map[string]map[string][]float64{"real": {}, "ours": {}}
	for r := 0; r < rounds; r++ {
		for _, b := range bins {
			m := measure(t, b.path, cfg, wrk, fe, tcpfe, secs)
			for k, v := range m {
				res[b.name][k] = append(res[b.name][k], v)
			}
			t.Logf("round %d %s: %s", r+1, b.name, formatMetrics(m))
		}
	}
	report(t, res)
}

// A metric is higher-is-better unless listed here.
var lowerIsBetter = map[string]bool{"ka_p50_ms": true, "ka_p99_ms": true, "idle_rss_kb": true, "idle_kb_per_conn": true, "ka_idle_kb_per_conn": true}

func report(t *testing.T, res map[string]map[string][]float64) {
	var names []string
	for k := range res["real"] {
		names = append(names, k)
	}
	sort.Strings(names)
	var b strings.Builder
	fmt.Fprintf(&b, "\n%-22s %14s %14s %8s\n", "metric (median)", "real", "ours", "ratio")
	for _, n := range names {
		r, o := median(res["real"][n]), median(res["ours"][n])
		ratio := 0.0
		switch {
		case lowerIsBetter[n] && o > 0:
			ratio = r / o
		case r > 0:
			ratio = o / r
		}
		fmt.Fprintf(&b, "%-22s %14.2f %14.2f %8.2f\n", n, r, o, ratio)
	}
	b.WriteString("(ratio >= 1 means ours is better: ours/real for rates, real/ours for latency and memory)\n")
	t.Log(b.String())
}

func median(v []float64) float64 {
	if len(v) == 0 {
		return 0
	}
	s := append([]float64(nil), v...)
	sort.Float64s(s)
	if len(s)%2 == 1 {
		return s[len(s)/2]
	}
	return (s[len(s)/2-1] + s[len(s)/2]) / 2
}

func formatMetrics(m map[string]float64) string {
	var keys []string
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	var parts []string
	for _, k := range keys {
		parts = append(parts, fmt.Sprintf("%s=%.2f", k, m[k]))
	}
	return strings.Join(parts, " ")
}

// measure runs every scenario against one proxy binary.
func measure(t *testing.T, bin, cfg, wrk, fe, tcpfe string, secs int) map[string]float64 {
	m := map[string]float64{}
	// idle connections first, in a fresh process
	p := startProxy(t, bin, cfg, fe, tcpfe)
	time.Sleep(300 * time.Millisecond)
	base := p.rssKB("VmRSS")
	conns := openIdle(t, fe, 10000)
	time.Sleep(2 * time.Second)
	idle := p.rssKB("VmRSS")
	m["idle_rss_kb"] = float64(idle)
	m["idle_kb_per_conn"] = float64(idle-base) / float64(len(conns))
	// one request on each, then idle again (keep-alive)
	kaIdle := requestEach(t, conns)
	time.Sleep(2 * time.Second)
	m["ka_idle_kb_per_conn"] = float64(p.rssKB("VmRSS")-base) / float64(kaIdle)
	for _, c := range conns {
		c.Close()
	}
	p.stop()

	p = startProxy(t, bin, cfg, fe, tcpfe)
	run(t, wrk, "-t2", "-c64", "-d1s", "http://"+fe+"/") // warm up
	out := run(t, wrk, "-t2", "-c64", fmt.Sprintf("-d%ds", secs), "--latency", "http://"+fe+"/")
	m["ka_req_s"] = wrkRate(out)
	m["ka_p50_ms"] = wrkPercentile(out, "50%")
	m["ka_p99_ms"] = wrkPercentile(out, "99%")
	out = run(t, wrk, "-t2", "-c64", fmt.Sprintf("-d%ds", secs), "-H", "Connection: close", "http://"+fe+"/")
	m["close_req_s"] = wrkRate(out)
	out = run(t, wrk, "-t1", "-c4", fmt.Sprintf("-d%ds", secs), "http://"+tcpfe+"/big")
	m["tcp_MB_s"] = wrkTransfer(out) / (1 << 20)
	p.stop()
	return m
}

func run(t *testing.T, name string, args ...string) string {
	t.Helper()
	out, err := exec.Command(name, args...).CombinedOutput()
	if err != nil {
		t.Fatalf("%s %v: %v\n%s", name, args, err, out)
	}
	if strings.Contains(string(out), "Non-2xx") || strings.Contains(string(out), "Socket errors") {
		t.Logf("%s %v:\n%s", name, args, out)
	}
	return string(out)
}

func wrkRate(out string) float64 {
	m := regexp.MustCompile(`Requests/sec:\s+([0-9.]+)`).FindStringSubmatch(out)
	if m == nil {
		return 0
	}
	v, _ := strconv.ParseFloat(m[1], 64)
	return v
}

// wrkTransfer is "Transfer/sec" in bytes.
func wrkTransfer(out string) float64 {
	m := regexp.MustCompile(`Transfer/sec:\s+([0-9.]+)([KMG]?B)`).FindStringSubmatch(out)
	if m == nil {
		return 0
	}
	v, _ := strconv.ParseFloat(m[1], 64)
	switch m[2] {
	case "KB":
		v *= 1 << 10
	case "MB":
		v *= 1 << 20
	case "GB":
		v *= 1 << 30
	}
	return v
}

// wrkPercentile reads a line of --latency's distribution, in ms.
func wrkPercentile(out, p string) float64 {
	m := regexp.MustCompile(regexp.QuoteMeta(p) + `\s+([0-9.]+)(us|ms|s)`).FindStringSubmatch(out)
	if m == nil {
		return 0
	}
	v, _ := strconv.ParseFloat(m[1], 64)
	switch m[2] {
	case "us":
		v /= 1000
	case "s":
		v *= 1000
	}
	return v
}

// openIdle opens n connections to addr and sends nothing.
func openIdle(t *testing.T, addr string, n int) []net.Conn {
	t.Helper()
	conns := make([]net.Conn, 0, n)
	for i := 0; i < n; i++ {
		c, err := net.DialTimeout("tcp", addr, 5*time.Second)
		if err != nil {
			t.Fatalf("idle connection %d: %v", i, err)
		}
		conns = append(conns, c)
	}
	return conns
}

// requestEach sends one keep-alive request on every connection and reads
// its response, 200 connections at a time; it returns how many succeeded.
func requestEach(t *testing.T, conns []net.Conn) int {
	t.Helper()
	ok := make(chan bool, len(conns))
	sem := make(chan struct{}, 200)
	for _, c := range conns {
		sem <- struct{}{}
		go func(c net.Conn) {
			defer func() { <-sem }()
			c.SetDeadline(time.Now().Add(10 * time.Second))
			if _, err := c.Write([]byte("GET / HTTP/1.1\r\nHost: bench\r\n\r\n")); err != nil {
				ok <- false
				return
			}
			buf := make([]byte, 4096)
			got := ""
			for !strings.Contains(got, "Web") {
				n, err := c.Read(buf)
				if err != nil {
					ok <- false
					return
				}
				got += string(buf[:n])
			}
			c.SetDeadline(time.Time{})
			ok <- true
		}(c)
	}
	n := 0
	for range conns {
		if <-ok {
			n++
		}
	}
	if n < len(conns) {
		t.Logf("%d of %d keep-alive requests failed", len(conns)-n, len(conns))
	}
	return n
}

func envInt(name string, def int) int {
	if v, err := strconv.Atoi(os.Getenv(name)); err == nil && v > 0 {
		return v
	}
	return def
}
