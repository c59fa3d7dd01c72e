package ratelimit

import (
	"bufio"
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"hakeep/e2e/harness"
)

// config is the rate limit: requests over the last period above limit
// are denied with a 429; the others get a 200 from the proxy itself.
func config(addr string, period string, limit int) string {
	return fmt.Sprintf(`global
    nbthread 1
defaults
    mode http
    timeout client 10s
    timeout server 10s
    timeout connect 5s
frontend fe
    bind %s
    stick-table type ip size 1k expire 60s store http_req_rate(%s)
    http-request track-sc0 src
    http-request deny deny_status 429 if { sc_http_req_rate(0) gt %d }
    http-request return status 200 content-type text/plain lf-string "%%[sc_http_req_rate(0)]"
`, addr, period, limit)
}

// freeAddr returns a free port on an address of 127.0.0.0/8 of its own
// (the pid and a counter pick it), so that suites running at the same
// time cannot take the port between the probe and haproxy's bind.
func freeAddr(t *testing.T, n int) string {
	t.Helper()
	ip := fmt.Sprintf("127.%d.%d.%d", 100+os.Getpid()%100, (os.Getpid()/100)%250+1, n+1)
	l, err := net.Listen("tcp", ip+":0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	return l.Addr().String()
}

// start runs a haproxy binary on a configuration until the test ends.
func start(t *testing.T, bin, cfg string, addr string) {
	t.Helper()
	f := filepath.Join(t.TempDir(), "h.cfg")
	if err := os.WriteFile(f, []byte(cfg), 0o644); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(bin, "-f", f)
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { cmd.Process.Kill(); cmd.Wait() })
	for i := 0; i < 100; i++ {
		if c, err := net.Dial("tcp", addr); err == nil {
			c.Close()
			return
		}
		time.Sleep(20 * time.Millisecond)
	}
	t.Fatalf("%s did not listen on %s", bin, addr)
}

// get sends one request on a new connection and returns the status code
// and body.
func get(addr string) string {
	c, err := net.Dial("tcp", addr)
	if err != nil {
		return "dial: " + err.Error()
	}
	defer c.Close()
	c.SetDeadline(time.Now().Add(5 * time.Second))
	fmt.Fprintf(c, "GET / HTTP/1.1\r\nHost: rl\r\nConnection: close\r\n\r\n")
	r := bufio.NewReader(c)
	line, err := r.ReadString('\n')
	if err != nil {
		return "read: " + err.Error()
	}
	status := strings.Fields(line)
	if len(status) < 2 {
		return "bad status line"
	}
	body := ""
	for {
		l, err := r.ReadString('\n')
		if err != nil || l == "\r\n" {
			break
		}
	}
	if status[1] == "200" {
		b := make([]byte, 16)
		n, _ := r.Read(b)
		body = "(" + string(b[:n]) + ")"
	}
	return status[1] + body
}

// schedule returns n request offsets: bursts of 10 requests, a 40th of
// a period apart, starting every 1.13 period, so that denial starts in
// each burst, and stops or holds as the previous period's weight decays
// across period boundaries. The spacing keeps every rate estimate at
// least 10 ms (2 s period) or 50 ms (10 s period) away from an integer
// boundary, so that the two proxies' clocks, read a few hundred
// microseconds apart, cannot round differently.
func schedule(period time.Duration, n int) []time.Duration {
	out := make([]time.Duration, n)
	for i := range out {
		g, k := i/10, i%10
		out[i] = period/20 + time.Duration(g)*period*113/100 + time.Duration(k)*period/40
	}
	return out
}

// run sends the schedule to both proxies at the same instants and
// returns their answers.
func run(t *testing.T, period time.Duration, n int, realAddr, oursAddr string) (real, ours []string) {
	real, ours = make([]string, n), make([]string, n)
	start := time.Now()
	for i, off := range schedule(period, n) {
		time.Sleep(time.Until(start.Add(off)))
		var wg sync.WaitGroup
		wg.Add(2)
		go func() { defer wg.Done(); real[i] = get(realAddr) }()
		go func() { defer wg.Done(); ours[i] = get(oursAddr) }()
		wg.Wait()
	}
	return real, ours
}

func testRate(t *testing.T, period string, d time.Duration, n, limit int) {
	realBin := harness.NeedCmd(t, "haproxy")
	// HAKEEP_RATELIMIT_OURS names a binary already built (to test a work
	// in progress, or while another package breaks the build)
	oursBin := os.Getenv("HAKEEP_RATELIMIT_OURS")
	if oursBin == "" {
		oursBin = filepath.Join(harness.Binaries(t), "haproxy")
	}
	ra, oa := freeAddr(t, 0), freeAddr(t, 1)
	start(t, realBin, config(ra, period, limit), ra)
	start(t, oursBin, config(oa, period, limit), oa)
	real, ours := run(t, d, n, ra, oa)
	agree, denied := 0, 0
	for i := range real {
		if strings.HasPrefix(real[i], "429") {
			denied++
		}
		// the deny decision must agree; the 200 bodies carry the rate
		// both computed
		if real[i] == ours[i] {
			agree++
		} else {
			t.Errorf("request %d: real %s, ours %s", i+1, real[i], ours[i])
		}
	}
	t.Logf("http_req_rate(%s) > %d: %d requests, real haproxy denied %d, %d/%d answers agree", period, limit, n, denied, agree, n)
	if denied == 0 || denied == n {
		t.Errorf("the sequence must cross the limit both ways (denied %d of %d)", denied, n)
	}
}

// TestE2ERateLimit2s runs 40 requests over about 7 s against a 2 s rate.
func TestE2ERateLimit2s(t *testing.T) { testRate(t, "2s", 2*time.Second, 40, 8) }

// TestE2ERateLimit10s runs 30 requests over about 25 s against a 10 s rate.
func TestE2ERateLimit10s(t *testing.T) { testRate(t, "10s", 10*time.Second, 30, 8) }
