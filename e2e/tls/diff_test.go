package tlse2e

import (
	"fmt"
	"io"
	"net"
	"os/exec"
	"regexp"
	"strings"
	"testing"
	"time"

	"hakeep/e2e/harness"
)

// run makes the case's connection to one proxy.
func (c tlsCase) run(p *pki, px *proxy) obs {
	addr := px.addr(c.fe)
	switch {
	case c.go_ != nil:
		g := *c.go_
		if c.warmFe != "" {
			g.warm = px.addr(c.warmFe)
		}
		return g.run(p, addr)
	case c.ossl != nil:
		return c.ossl.run(p, addr)
	}
	var o obs
	for i := 0; i < max(1, c.repeat); i++ {
		o = plainRequest(addr, c.plain)
	}
	return o
}

// plainRequest sends one HTTP/1.1 request in clear and reads the answer.
func plainRequest(addr, path string) obs {
	conn, err := net.DialTimeout("tcp", addr, 3*time.Second)
	if err != nil {
		return obs{Alert: err.Error()}
	}
	defer conn.Close()
	conn.SetDeadline(time.Now().Add(5 * time.Second))
	fmt.Fprintf(conn, "GET %s HTTP/1.1\r\nHost: test\r\nConnection: close\r\n\r\n", path)
	b, _ := io.ReadAll(conn)
	return obs{OK: true, Body: httpSummary(b)}
}

// same compares two observations: refusals alike (and their alerts when
// the case says), or everything negotiated and answered.
func (c tlsCase) same(a, b obs) bool {
	if c.known != "" {
		return strings.HasPrefix(a.Body, "HTTP/1.1 5") && strings.HasPrefix(b.Body, "HTTP/1.1 5")
	}
	if !a.OK || !b.OK {
		return a.OK == b.OK && (!c.alert || a.Alert == b.Alert)
	}
	if c.certOnly {
		return a.Cert == b.Cert
	}
	return a == b
}

// TestE2ETLSDifferential runs every case against HAProxy 2.6 and hakeep
// with the same configuration and certificates.
func TestE2ETLSDifferential(t *testing.T) {
	p := newPKI(t)
	cfg, names := fixture(p, map[string]string{})
	runDiff(t, p, cfg, names, cases())
}

// TestE2ETLSGlobals does the same with the ssl-default-* globals set, a
// certificate directory, the server side's fetches and check-sni.
func TestE2ETLSGlobals(t *testing.T) {
	p := newPKI(t)
	cfg, names := globalsFixture(p)
	runDiff(t, p, cfg, names, globalsCases())
}

// runDiff starts both proxies on cfg and compares every case.
func runDiff(t *testing.T, p *pki, cfg string, names []string, cases []tlsCase) {
	real := harness.NeedCmd(t, "haproxy")
	harness.NeedCmd(t, "openssl")
	bin := harness.Binaries(t) + "/haproxy"
	theirs := startProxy(t, "haproxy", real, p.dir, cfg, names)
	ours := startProxy(t, "hakeep", bin, p.dir, cfg, names)
	passed, failed := 0, 0
	// "haproxy -c" on the same file: exit status, warnings and alerts
	if a, b := checkConfig(real, p.dir, "haproxy.cfg"), checkConfig(bin, p.dir, "haproxy.cfg"); a != b {
		failed++
		t.Errorf("haproxy -c:\n  haproxy 2.6:\n%s\n  hakeep:\n%s", a, b)
	} else {
		passed++
	}
	for _, c := range cases {
		a, b := c.run(p, theirs), c.run(p, ours)
		if c.same(a, b) {
			passed++
			if c.known != "" {
				t.Logf("known difference, %s: %s\n  haproxy 2.6: %v\n  hakeep:      %v", c.name, c.known, a, b)
			}
			if testing.Verbose() {
				t.Logf("ok %s: %v", c.name, a)
			}
			continue
		}
		failed++
		t.Errorf("%s:\n  haproxy 2.6: %v\n  hakeep:      %v", c.name, a, b)
	}
	fmt.Printf("%d passed, %d failed\n", passed, failed)
	if failed > 0 {
		t.Logf("hakeep output:\n%s", ours.output())
	}
}

// checkConfig is "haproxy -c -f file" run in dir: the exit status and
// the warning and alert lines, without process ids, NOTICE lines and
// hakeep's own notices (docs/COMPAT-haproxy-differences.md: what
// crypto/tls does differently is said, naming it).
func checkConfig(bin, dir, file string) string {
	cmd := exec.Command(bin, "-c", "-f", file)
	cmd.Dir = dir
	out, err := cmd.CombinedOutput()
	var b strings.Builder
	fmt.Fprintf(&b, "exit: %v\n", err)
	pid := regexp.MustCompile(`^\[(\w+)\] *\(\d+\) : `)
	for _, l := range strings.Split(string(out), "\n") {
		if strings.Contains(l, "[NOTICE]") || strings.Contains(l, "crypto/tls") {
			continue
		}
		b.WriteString(pid.ReplaceAllString(l, "[$1] ") + "\n")
	}
	return b.String()
}
