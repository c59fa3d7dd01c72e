package dataplane

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"hakeep/e2e/harness"
)

// seedConfig reads a seed configuration and rewrites its addresses onto
// loopback ones; repl lists pairs of an address as written and its
// replacement, applied in order (longer addresses first).
func seedConfig(t *testing.T, name string, repl ...string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(harness.SharedDir(t), "seeds", name))
	harness.Need(t, err == nil, "seed "+name+" not found")
	s := string(b)
	for i := 0; i+1 < len(repl); i += 2 {
		from, to := repl[i], repl[i+1]
		if !strings.Contains(s, from) {
			t.Fatalf("%s has no %q", name, from)
		}
		s = strings.ReplaceAll(s, from, to)
	}
	return s
}

// alternation fetches url six times and returns the bodies.
func alternation(t *testing.T, url string) []string {
	var got []string
	for i := 0; i < 6; i++ {
		code, body := get(t, url)
		if code != 200 {
			t.Fatalf("request %d: status %d", i, code)
		}
		got = append(got, strings.TrimSpace(body))
	}
	return got
}

func checkAlternates(t *testing.T, got []string) {
	t.Helper()
	for i, g := range got {
		want := "Web1"
		if i%2 == 1 {
			want = "Web2"
		}
		if g != want {
			t.Fatalf("responses %v, want Web1 and Web2 alternating", got)
		}
	}
}

// TestE2ESeedMinimal is scenario 1 on haproxy-minimal.cfg: six requests
// alternate 1:1 between the two servers.
func TestE2ESeedMinimal(t *testing.T) {
	w1, w2 := newWebServer(t, "127.0.0.2", named("Web1")), newWebServer(t, "127.0.0.3", named("Web2"))
	fe := freeAddr(t, "127.0.0.1")
	cfg := seedConfig(t, "haproxy-minimal.cfg",
		"192.168.1.1:80", w1.Addr,
		"192.168.1.2:80", w2.Addr,
		"*:80", fe,
		// syslog goes to a loopback port where nothing listens
		"log 127.0.0.1 local0", "log "+freeAddr(t, "127.0.0.1")+" local0",
	)
	ours(t, cfg, fe)
	checkAlternates(t, alternation(t, "http://"+fe+"/"))
}

// TestE2ESeedListenStats is scenario 1 on haproxy-listen-stats.cfg.
func TestE2ESeedListenStats(t *testing.T) {
	w1, w2 := newWebServer(t, "127.0.0.2", named("Web1")), newWebServer(t, "127.0.0.3", named("Web2"))
	fe, stats := freeAddr(t, "127.0.0.1"), freeAddr(t, "127.0.0.1")
	cfg := seedConfig(t, "haproxy-listen-stats.cfg",
		"0.0.0.0:8080", stats,
		"0.0.0.0:80", fe,
		"192.168.88.78:80", w1.Addr,
		"192.168.88.79:80", w2.Addr,
	)
	ours(t, cfg, fe)
	checkAlternates(t, alternation(t, "http://"+fe+"/"))
}
