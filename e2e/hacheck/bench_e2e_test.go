package hacheck

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"hakeep/e2e/harness"
)

// writeLargeConfig writes the configuration of the -c benchmark: 10,000
// backends of 5 servers each (50,000 servers), and 10 frontends routing
// to them with one use_backend rule per backend.
func writeLargeConfig(t *testing.T, path string) {
	const backends, servers, frontends = 10000, 5, 10
	var b strings.Builder
	b.WriteString("global\n    maxconn 100000\n\ndefaults\n    mode http\n    timeout connect 5s\n    timeout client 30s\n    timeout server 30s\n\n")
	per := backends / frontends
	for f := 0; f < frontends; f++ {
		fmt.Fprintf(&b, "frontend fe%d\n    bind 127.0.0.1:%d\n", f, 10000+f)
		for i := f * per; i < (f+1)*per; i++ {
			fmt.Fprintf(&b, "    use_backend be%d if { hdr(host) -i site%d.example.com }\n", i, i)
		}
		fmt.Fprintf(&b, "    default_backend be%d\n\n", f*per)
	}
	for i := 0; i < backends; i++ {
		fmt.Fprintf(&b, "backend be%d\n    balance roundrobin\n", i)
		for s := 0; s < servers; s++ {
			n := i*servers + s
			fmt.Fprintf(&b, "    server s%d 10.%d.%d.%d:80 check\n", s, (n>>16)&255, (n>>8)&255, n&255)
		}
		b.WriteString("\n")
	}
	if err := os.WriteFile(path, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestBenchCheckLarge times `haproxy -c` on a large configuration, the
// installed 2.6 and hakeep's in turns (A B A B, 3 rounds), and prints the
// wall time, CPU time and peak RSS (wait4's rusage) of each run and the ratios
// ours/real of the means. It is a measurement for the record, run by
// `make bench` (HAKEEP_BENCH=1): it fails only if a verdict is not
// "valid", never on the figures.
func TestBenchCheckLarge(t *testing.T) {
	if os.Getenv("HAKEEP_BENCH") != "1" {
		t.Skip("benchmark: set HAKEEP_BENCH=1 (make bench)")
	}
	real := harness.NeedCmd(t, "haproxy")
	ours := ourHAProxy(t)
	dir := t.TempDir()
	writeLargeConfig(t, filepath.Join(dir, "large.cfg"))

	const rounds = 3
	type total struct {
		wall, cpu time.Duration
		rss       int64
	}
	var sum [2]total
	names := [2]string{"real", "hakeep"}
	for r := 1; r <= rounds; r++ {
		for i, bin := range [2]string{real, ours} {
			v := check(t, bin, dir, "large.cfg", false)
			if v.exit != 0 {
				t.Fatalf("%s refused the configuration (exit %d): %s", names[i], v.exit, v.firstAlert)
			}
			fmt.Printf("round %d %-6s wall %6.3f s  cpu %6.3f s  maxrss %7.1f MB\n", r, names[i], v.elapsed.Seconds(), v.cpu.Seconds(), float64(v.maxRSS)/1024)
			sum[i].wall += v.elapsed
			sum[i].cpu += v.cpu
			sum[i].rss += v.maxRSS
		}
	}
	mean := func(i int) (float64, float64, float64) {
		return sum[i].wall.Seconds() / rounds, sum[i].cpu.Seconds() / rounds, float64(sum[i].rss) / rounds / 1024
	}
	rw, rc, rr := mean(0)
	ow, oc, or := mean(1)
	fmt.Printf("mean   real   wall %6.3f s  cpu %6.3f s  maxrss %7.1f MB\n", rw, rc, rr)
	fmt.Printf("mean   hakeep wall %6.3f s  cpu %6.3f s  maxrss %7.1f MB\n", ow, oc, or)
	fmt.Printf("ratio  hakeep/real  wall %.2f  cpu %.2f  maxrss %.2f\n", ow/rw, oc/rc, or/rr)
}
