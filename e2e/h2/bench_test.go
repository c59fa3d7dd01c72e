package h2

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"testing"

	"hakeep/e2e/harness"
)

// TestBenchH2 measures HTTP/2 requests per second through the real
// HAProxy and ours, with h2load (Debian's nghttp2-client) keeping 100
// streams in flight: on one connection, and on four connections of 25,
// to an HTTP/1.1 nginx and to an h2c nginx. Both proxies run side by
// side and every scenario alternates between them (real, ours, real,
// ours...); the ratio reported is the median of the ratios of adjacent
// turns, with the proxies' CPU time per request. HAKEEP_BENCH=1 runs
// it; HAKEEP_BENCH_ROUNDS (5) and HAKEEP_BENCH_REQUESTS (50000) size it.
func TestBenchH2(t *testing.T) {
	if os.Getenv("HAKEEP_BENCH") != "1" {
		t.Skip("benchmarks run with HAKEEP_BENCH=1")
	}
	h2load := harness.NeedCmd(t, "h2load")
	real := realHAProxy(t)
	ours := os.Getenv("HAKEEP_OURS")
	if ours == "" {
		ours = filepath.Join(harness.Binaries(t), "haproxy")
	}
	rounds := envInt("HAKEEP_BENCH_ROUNDS", 5)
	n := envInt("HAKEEP_BENCH_REQUESTS", 50000)
	h1, h2c := freeAddr(t, "127.0.0.1"), freeAddr(t, "127.0.0.1")
	startNginx(t, h1, h2c)
	type side struct {
		name, bin, fe string
		p             *proxyProc
	}
	sides := []*side{{name: "real", bin: real}, {name: "ours", bin: ours}}
	for _, sd := range sides {
		sd.fe = freeAddr(t, "127.0.0.1")
		cfg := fmt.Sprintf(`global
    maxconn 5000

defaults
    mode http
    timeout client 10s
    timeout server 10s
    timeout connect 5s

frontend fe
    bind %s proto h2
    use_backend be_h2 if { path_beg /h2 }
    default_backend be_h1

backend be_h1
    server s1 %s

backend be_h2
    server s1 %s proto h2
`, sd.fe, h1, h2c)
		sd.p = startProxy(t, sd.bin, writeConfig(t, cfg), sd.fe)
		run(t, h2load, "-n", "5000", "-c", "1", "-m", "100", "http://"+sd.fe+"/") // warm up
	}
	scenarios := []struct {
		name string
		args []string
		path string
	}{
		{"h2_to_h1_1conn_100streams", []string{"-c", "1", "-m", "100"}, "/"},
		{"h2_to_h1_4conn_25streams", []string{"-c", "4", "-m", "25", "-t", "2"}, "/"},
		{"h2_to_h2_1conn_100streams", []string{"-c", "1", "-m", "100"}, "/h2"},
	}
	res := map[string]map[string][]float64{"real": {}, "ours": {}}
	for r := 0; r < rounds; r++ {
		for _, sc := range scenarios {
			for _, sd := range sides {
				c0 := sd.p.cpuTicks()
				args := append([]string{"-n", strconv.Itoa(n)}, sc.args...)
				out := run(t, h2load, append(args, "http://"+sd.fe+sc.path)...)
				rate, ok := h2loadRate(out, n)
				if !ok {
					t.Fatalf("%s %s: not every request succeeded:\n%s", sd.name, sc.name, out)
				}
				res[sd.name][sc.name+"_req_s"] = append(res[sd.name][sc.name+"_req_s"], rate)
				us := float64(sd.p.cpuTicks()-c0) * 10000 / float64(n)
				res[sd.name][sc.name+"_cpu_us_req"] = append(res[sd.name][sc.name+"_cpu_us_req"], us)
			}
		}
	}
	fmt.Print(report(res))
}

// run runs a command and returns its output.
func run(t *testing.T, bin string, args ...string) string {
	out, err := exec.Command(bin, args...).CombinedOutput()
	if err != nil {
		t.Fatalf("%s %v: %v\n%s", bin, args, err, out)
	}
	return string(out)
}

// h2loadRate reads the request rate, and whether all n succeeded.
func h2loadRate(out string, n int) (float64, bool) {
	m := regexp.MustCompile(`finished in [^,]+, ([0-9.]+) req/s`).FindStringSubmatch(out)
	ok := regexp.MustCompile(`requests: \d+ total, \d+ started, \d+ done, (\d+) succeeded`).FindStringSubmatch(out)
	if m == nil || ok == nil {
		return 0, false
	}
	r, _ := strconv.ParseFloat(m[1], 64)
	s, _ := strconv.Atoi(ok[1])
	return r, s == n
}

// envInt reads a positive integer from the environment.
func envInt(name string, def int) int {
	if v, err := strconv.Atoi(os.Getenv(name)); err == nil && v > 0 {
		return v
	}
	return def
}

// report prints medians and the median of the paired ratios (ours over
// real for rates, real over ours for CPU time: above 1 is better).
func report(res map[string]map[string][]float64) string {
	var names []string
	for k := range res["real"] {
		names = append(names, k)
	}
	sort.Strings(names)
	var b strings.Builder
	fmt.Fprintf(&b, "\n%-36s %12s %12s %8s %s\n", "metric", "real (med)", "ours (med)", "ratio", "paired ratios")
	for _, n := range names {
		rv, ov := res["real"][n], res["ours"][n]
		var ratios []float64
		var each []string
		for i := range rv {
			if i >= len(ov) || rv[i] == 0 || ov[i] == 0 {
				continue
			}
			r := ov[i] / rv[i]
			if strings.HasSuffix(n, "_cpu_us_req") {
				r = rv[i] / ov[i]
			}
			ratios = append(ratios, r)
			each = append(each, fmt.Sprintf("%.2f", r))
		}
		fmt.Fprintf(&b, "%-36s %12.2f %12.2f %8.2f %s\n", n, median(rv), median(ov), median(ratios), strings.Join(each, " "))
	}
	b.WriteString("(ratio >= 1 means ours is better: ours/real for rates, real/ours for CPU time per request;\n the ratio is the median of the ratios of adjacent turns)\n")
	return b.String()
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

// startNginx serves "hello" on h1 (HTTP/1.1) and on h2c (HTTP/2 with
// prior knowledge).
func startNginx(t *testing.T, h1, h2c string) {
	bin := harness.NeedCmd(t, "nginx")
	dir := t.TempDir()
	var b strings.Builder
	if os.Geteuid() == 0 {
		b.WriteString("user root;\n")
	}
	fmt.Fprintf(&b, "worker_processes 1;\npid %s/nginx.pid;\nerror_log %s/error.log;\n", dir, dir)
	b.WriteString("events { worker_connections 16384; }\nhttp {\n  access_log off;\n  keepalive_requests 1000000;\n  http2_max_requests 1000000;\n")
	fmt.Fprintf(&b, "  client_body_temp_path %s/body;\n  proxy_temp_path %s/proxy;\n  fastcgi_temp_path %s/fcgi;\n  uwsgi_temp_path %s/uwsgi;\n  scgi_temp_path %s/scgi;\n", dir, dir, dir, dir, dir)
	fmt.Fprintf(&b, "  server { listen %s; location / { return 200 \"hello\\n\"; } }\n", h1)
	fmt.Fprintf(&b, "  server { listen %s http2; location / { return 200 \"hello\\n\"; } }\n}\n", h2c)
	conf := filepath.Join(dir, "nginx.conf")
	if err := os.WriteFile(conf, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(bin, "-p", dir, "-c", conf, "-g", "daemon off;")
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		cmd.Process.Signal(os.Interrupt)
		cmd.Wait()
	})
	for _, a := range []string{h1, h2c} {
		waitListening(t, a)
	}
}
