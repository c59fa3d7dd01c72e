package checks_e2e

import (
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"hakeep/e2e/harness"
)

// seedConfig rewrites the seed onto loopback: its addresses become the
// fakes', its log target the test's syslog listener, and the stats socket
// is added for "show stat". "daemon" goes (the test runs the foreground).
func seedConfig(text string) string {
	r := strings.NewReplacer(
		"    log /dev/log local0", "    log {syslog} local0 debug\n    stats socket {sock} level admin",
		"    daemon\n", "",
		"bind 0.0.0.0:8080", "bind 127.0.0.1:{st.port}",
		"bind 0.0.0.0:80", "bind 127.0.0.1:{fe.port}",
		"192.168.88.78:80", "{web1}",
		"192.168.88.79:80", "{web2}",
	)
	return r.Replace(text)
}

// TestE2ESeedListenStats is the first seed scenario with
// haproxy-listen-stats.cfg ("check inter 2000 rise 2 fall 5"): stop web1,
// it goes DOWN after exactly five failed checks; start it, it is UP after
// two checks. Both implementations run it side by side and are compared
// with testdata/seed-listen-stats.golden.
func TestE2ESeedListenStats(t *testing.T) {
	bin := needHAProxy26(t)
	b, err := os.ReadFile(filepath.Join(harness.SharedDir(t), "seeds", "haproxy-listen-stats.cfg"))
	harness.Need(t, err == nil, "seed haproxy-listen-stats.cfg not found")
	const inter, fall, rise = 2000 * time.Millisecond, 5, 2
	s := &scenario{
		name: "seed-listen-stats",
		raw:  seedConfig(string(b)),
		fakes: []fakeDef{{name: "web1", kind: "http", script: []string{"200"}}, {name: "web2", kind: "http", script: []string{"200"}},
			{name: "fe", kind: "refuse"}, {name: "st", kind: "refuse"}},
		servers: []string{"webservers/web1", "webservers/web2"},
	}
	s.run = func(e *env) {
		e.wait(2500 * time.Millisecond) // both checked at least once
		e.snap("both up")
		before := e.chkfail("webservers/web1")
		if err := e.fakes["web1"].stop(); err != nil {
			e.fail("stop web1: %v", err)
			return
		}
		stopped := time.Now()
		down := e.waitLine("Server webservers/web1 is DOWN", 2*fall*inter+5*time.Second)
		if d := down.Sub(stopped); d < (fall-1)*inter-100*time.Millisecond {
			e.fail("web1 DOWN %v after it stopped: before %d checks at %v", d, fall, inter)
		}
		if n := e.chkfail("webservers/web1") - before; n != fall {
			e.fail("web1 DOWN after %d failed checks, want %d", n, fall)
		}
		e.snap("web1 down")
		if err := e.fakes["web1"].start(); err != nil {
			e.fail("start web1: %v", err)
			return
		}
		started := time.Now()
		up := e.waitLine("Server webservers/web1 is UP", 2*rise*inter+5*time.Second)
		if d := up.Sub(started); d < (rise-1)*inter-100*time.Millisecond {
			e.fail("web1 UP %v after it started: before %d checks at %v", d, rise, inter)
		}
		e.snap("web1 up")
	}
	retry(t, func() []string {
		return runScenario(t, bin, filepath.Join(harness.RepoRoot(t), "e2e", "checks", "testdata"), s)
	})
}

// chkfail reads a server's failed check counter.
func (e *env) chkfail(server string) int {
	st, err := e.im.stats([]string{server})
	if err != nil {
		e.fail("stats: %v", err)
		return 0
	}
	n, _ := strconv.Atoi(st[server]["chkfail"])
	return n
}
