package checks_e2e

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"hakeep/e2e/harness"
)

// TestE2EChecksBinary plays every scenario through hakeep's haproxy
// binary as through the real one: the configuration run by the engine,
// the runtime API commands through its stats socket, the "show stat"
// check and agent columns read there, the notifications on its stderr
// and its syslog lines, compared with the records of 2.6.12 that
// TestE2EChecks checks proxy/check against.
func TestE2EChecksBinary(t *testing.T) {
	harness.NeedRoot(t)
	bin := filepath.Join(harness.Binaries(t), "haproxy")
	dir := filepath.Join(harness.RepoRoot(t), "e2e", "checks", "testdata")
	results := make(chan bool, len(scenarios()))
	play1 := func(t *testing.T, s *scenario) {
		defer func() { results <- !t.Failed() }()
		retry(t, func() []string { return runBinary(t, bin, dir, s) })
	}
	t.Run("group", func(t *testing.T) {
		for _, s := range scenarios() {
			if !s.timed {
				t.Run(s.name, func(t *testing.T) { t.Parallel(); play1(t, s) })
			}
		}
	})
	for _, s := range scenarios() {
		if s.timed {
			t.Run(s.name, func(t *testing.T) { play1(t, s) })
		}
	}
	close(results)
	passed, failed := 0, 0
	for ok := range results {
		if ok {
			passed++
		} else {
			failed++
		}
	}
	t.Logf("%d passed, %d failed", passed, failed)
}

// runBinary plays s through hakeep's binary and returns how it differs
// from the record of 2.6.12.
func runBinary(t *testing.T, bin, dir string, s *scenario) []string {
	h := &realHAProxy{bin: bin, dir: t.TempDir()}
	syslog, err := h.listenSyslog()
	if err != nil {
		return []string{err.Error()}
	}
	rec, err := play(s, h, h.dir, map[string]string{"sock": h.sock(), "syslog": syslog})
	if err != nil {
		return []string{fmt.Sprintf("hakeep: %v", err)}
	}
	path := filepath.Join(dir, s.name+".golden")
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run TestE2EChecks with -update to record it)", err)
	}
	if d := diff(string(want), rec.format()); d != "" {
		return []string{fmt.Sprintf("hakeep's binary differs from the real haproxy (%s):\n%s", path, d)}
	}
	return nil
}
