package tlse2e

import (
	"bufio"
	"crypto/tls"
	"crypto/x509/pkix"
	"fmt"
	"net"
	"os"
	"os/exec"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"hakeep/e2e/harness"
)

// TestBenchTLS measures TLS through the real HAProxy and ours, side by
// side, the same configuration answering from the frontend: full
// handshakes per second (RSA-2048 and ECDSA P-256 certificates, TLS 1.3
// and TLS 1.2, a Go client making one request per connection), resumed
// handshakes per second (TLS 1.3 tickets), HTTPS keep-alive requests per
// second (wrk) and HTTP/2 over TLS with 100 concurrent streams (h2load).
// Every scenario alternates between the proxies (real, ours, real,
// ours...); the ratio reported is the median of the ratios of adjacent
// turns. HAKEEP_BENCH=1 runs it; HAKEEP_BENCH_ROUNDS (3) and
// HAKEEP_BENCH_SECONDS (3) size it. It reports, it does not judge: no
// figure makes it fail.
func TestBenchTLS(t *testing.T) {
	if os.Getenv("HAKEEP_BENCH") != "1" {
		t.Skip("benchmarks run with HAKEEP_BENCH=1")
	}
	real := harness.NeedCmd(t, "haproxy")
	wrk := harness.NeedCmd(t, "wrk")
	h2load := harness.NeedCmd(t, "h2load")
	ours := os.Getenv("HAKEEP_OURS")
	if ours == "" {
		ours = harness.Binaries(t) + "/haproxy"
	}
	rounds := benchEnv("HAKEEP_BENCH_ROUNDS", 3)
	dur := time.Duration(benchEnv("HAKEEP_BENCH_SECONDS", 3)) * time.Second
	p := newPKI(t)
	p.leaf("rsa", leafOpts{subject: pkix.Name{CommonName: "rsa.test"}, dns: []string{"rsa.test"}})
	p.leaf("ecdsa", leafOpts{ecdsa: true, subject: pkix.Name{CommonName: "ecdsa.test"}, dns: []string{"ecdsa.test"}})
	cfg := `global
  maxconn 5000

defaults
  mode http
  timeout client 10s
  timeout server 10s
  timeout connect 5s

frontend rsa
  bind 127.0.0.1:{{port:rsa}} ssl crt {{dir}}/rsa.pem alpn h2,http/1.1
  http-request return status 200 content-type text/plain string hello

frontend ecdsa
  bind 127.0.0.1:{{port:ecdsa}} ssl crt {{dir}}/ecdsa.pem alpn h2,http/1.1
  http-request return status 200 content-type text/plain string hello
`
	names := []string{"rsa", "ecdsa"}
	sides := []*proxy{
		startProxy(t, "haproxy", real, p.dir, cfg, names),
		startProxy(t, "hakeep", ours, p.dir, cfg, names),
	}
	type scenario struct {
		name string
		run  func(px *proxy) (float64, error)
	}
	hs := func(fe string, v uint16, resume bool) func(px *proxy) (float64, error) {
		return func(px *proxy) (float64, error) { return handshakeRate(px.addr(fe), v, resume, 8, dur) }
	}
	scenarios := []scenario{
		{"full_handshake_rsa2048_tls13_conn_s", hs("rsa", tls.VersionTLS13, false)},
		{"full_handshake_rsa2048_tls12_conn_s", hs("rsa", tls.VersionTLS12, false)},
		{"full_handshake_ecdsa_p256_tls13_conn_s", hs("ecdsa", tls.VersionTLS13, false)},
		{"full_handshake_ecdsa_p256_tls12_conn_s", hs("ecdsa", tls.VersionTLS12, false)},
		{"resumed_handshake_ecdsa_tls13_conn_s", hs("ecdsa", tls.VersionTLS13, true)},
		{"https_keepalive_ecdsa_req_s", func(px *proxy) (float64, error) {
			out, err := exec.Command(wrk, "-t", "2", "-c", "50", "-d", fmt.Sprint(int(dur.Seconds()))+"s", "https://"+px.addr("ecdsa")+"/").CombinedOutput()
			return wrkRate(string(out), err)
		}},
		{"h2_tls_1conn_100streams_req_s", func(px *proxy) (float64, error) {
			n := 20000
			out, err := exec.Command(h2load, "-n", strconv.Itoa(n), "-c", "1", "-m", "100", "https://"+px.addr("ecdsa")+"/").CombinedOutput()
			return h2loadTLSRate(string(out), err, n)
		}},
	}
	res := map[string]map[string][]float64{"real": {}, "ours": {}}
	for r := 0; r < rounds; r++ {
		for _, sc := range scenarios {
			for i, px := range sides {
				side := []string{"real", "ours"}[i]
				rate, err := sc.run(px)
				if err != nil {
					t.Errorf("%s %s: %v", side, sc.name, err)
					continue
				}
				res[side][sc.name] = append(res[side][sc.name], rate)
			}
		}
	}
	fmt.Print(benchReport(res))
}

// handshakeRate runs workers that each connect, handshake (resuming
// the previous session when resume is set), send one request and read
// its answer until the server closes, for d; it returns connections per
// second. Resumed runs must resume every connection but each worker's
// first.
func handshakeRate(addr string, v uint16, resume bool, workers int, d time.Duration) (float64, error) {
	var done, resumed atomic.Int64
	var firstErr atomic.Value
	var wg sync.WaitGroup
	stop := time.Now().Add(d)
	start := time.Now()
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			cfg := &tls.Config{InsecureSkipVerify: true, MinVersion: v, MaxVersion: v, NextProtos: []string{"http/1.1"}}
			if resume {
				cfg.ClientSessionCache = tls.NewLRUClientSessionCache(1)
			}
			buf := make([]byte, 4096)
			for time.Now().Before(stop) {
				r, err := oneConnection(addr, cfg, buf)
				if err != nil {
					firstErr.CompareAndSwap(nil, err)
					return
				}
				done.Add(1)
				if r {
					resumed.Add(1)
				}
			}
		}()
	}
	wg.Wait()
	if err, _ := firstErr.Load().(error); err != nil {
		return 0, err
	}
	if n, r := done.Load(), resumed.Load(); (resume && r < n-int64(workers)) || (!resume && r > 0) {
		return 0, fmt.Errorf("%d of %d connections resumed", r, n)
	}
	return float64(done.Load()) / time.Since(start).Seconds(), nil
}

// oneConnection is one connection of handshakeRate; it tells whether
// the session was resumed.
func oneConnection(addr string, cfg *tls.Config, buf []byte) (bool, error) {
	raw, err := net.DialTimeout("tcp", addr, 5*time.Second)
	if err != nil {
		return false, err
	}
	defer raw.Close()
	raw.SetDeadline(time.Now().Add(10 * time.Second))
	c := tls.Client(raw, cfg)
	if _, err := c.Write([]byte("GET / HTTP/1.1\r\nHost: bench\r\nConnection: close\r\n\r\n")); err != nil {
		return false, err
	}
	r := bufio.NewReader(c)
	line, err := r.ReadString('\n')
	if err != nil || !strings.HasPrefix(line, "HTTP/1.1 200") {
		return false, fmt.Errorf("answer %q: %v", line, err)
	}
	for {
		if _, err := r.Read(buf); err != nil {
			break
		}
	}
	return c.ConnectionState().DidResume, nil
}

// wrkRate reads wrk's request rate.
func wrkRate(out string, err error) (float64, error) {
	if err != nil {
		return 0, fmt.Errorf("wrk: %v\n%s", err, out)
	}
	if strings.Contains(out, "Non-2xx") || strings.Contains(out, "Socket errors") {
		return 0, fmt.Errorf("wrk saw errors:\n%s", out)
	}
	m := regexp.MustCompile(`Requests/sec:\s+([0-9.]+)`).FindStringSubmatch(out)
	if m == nil {
		return 0, fmt.Errorf("no rate in wrk's output:\n%s", out)
	}
	return strconv.ParseFloat(m[1], 64)
}

// h2loadTLSRate reads h2load's request rate, checking that every
// request succeeded over h2.
func h2loadTLSRate(out string, err error, n int) (float64, error) {
	if err != nil {
		return 0, fmt.Errorf("h2load: %v\n%s", err, out)
	}
	if !strings.Contains(out, "Application protocol: h2") {
		return 0, fmt.Errorf("h2load did not negotiate h2:\n%s", out)
	}
	m := regexp.MustCompile(`finished in [^,]+, ([0-9.]+) req/s`).FindStringSubmatch(out)
	ok := regexp.MustCompile(`requests: \d+ total, \d+ started, \d+ done, (\d+) succeeded`).FindStringSubmatch(out)
	if m == nil || ok == nil || ok[1] != strconv.Itoa(n) {
		return 0, fmt.Errorf("not every request succeeded:\n%s", out)
	}
	return strconv.ParseFloat(m[1], 64)
}

func benchEnv(name string, def int) int {
	if v, err := strconv.Atoi(os.Getenv(name)); err == nil && v > 0 {
		return v
	}
	return def
}

// benchReport prints medians and the median of the paired ratios (ours
// over real: above 1 is better).
func benchReport(res map[string]map[string][]float64) string {
	var names []string
	for k := range res["real"] {
		names = append(names, k)
	}
	sort.Strings(names)
	var b strings.Builder
	fmt.Fprintf(&b, "\n%-40s %12s %12s %8s %s\n", "metric", "real (med)", "ours (med)", "ratio", "paired ratios")
	for _, n := range names {
		rv, ov := res["real"][n], res["ours"][n]
		var ratios []float64
		var each []string
		for i := range rv {
			if i >= len(ov) || rv[i] == 0 {
				continue
			}
			ratios = append(ratios, ov[i]/rv[i])
			each = append(each, fmt.Sprintf("%.2f", ov[i]/rv[i]))
		}
		fmt.Fprintf(&b, "%-40s %12.1f %12.1f %8.2f %s\n", n, benchMedian(rv), benchMedian(ov), benchMedian(ratios), strings.Join(each, " "))
	}
	b.WriteString("(ratio = ours/real, the median of the ratios of adjacent turns; >= 1 means ours is faster)\n")
	return b.String()
}

func benchMedian(v []float64) float64 {
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
