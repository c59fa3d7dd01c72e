// Package harness holds what every end-to-end test needs: prerequisite
// checks that skip (or fail under HAKEEP_E2E_REQUIRED=1), and the binaries
// under test built once per test process.
package harness

import (
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"sync"
	"testing"
)

// Required reports whether a missing prerequisite must fail the test
// instead of skipping it (.ci/run sets HAKEEP_E2E_REQUIRED=1).
func Required() bool { return os.Getenv("HAKEEP_E2E_REQUIRED") == "1" }

// Need skips the test with reason when ok is false, or fails it when
// prerequisites are required.
func Need(t testing.TB, ok bool, reason string) {
	t.Helper()
	if ok {
		return
	}
	if Required() {
		t.Fatalf("prerequisite missing (HAKEEP_E2E_REQUIRED=1): %s", reason)
	}
	t.Skipf("skipping: %s", reason)
}

// NeedRoot requires uid 0 (network namespaces, qemu, privileged ports).
func NeedRoot(t testing.TB) {
	t.Helper()
	Need(t, os.Geteuid() == 0, "needs root")
}

// NeedCmd requires an executable on PATH and returns its path.
func NeedCmd(t testing.TB, name string) string {
	t.Helper()
	p, err := exec.LookPath(name)
	Need(t, err == nil, name+" not installed (run `make deps` as root)")
	return p
}

// RepoRoot is the module root (the directory holding go.mod).
func RepoRoot(t testing.TB) string {
	t.Helper()
	_, file, _, ok := runtime.Caller(0)
	if !ok {
		t.Fatal("cannot locate the repository")
	}
	return filepath.Clean(filepath.Join(filepath.Dir(file), "..", ".."))
}

// SharedDir is ../shared beside the repository (seeds and corpus).
func SharedDir(t testing.TB) string {
	t.Helper()
	if d := os.Getenv("HAKEEP_SHARED"); d != "" {
		return d
	}
	return filepath.Join(RepoRoot(t), "..", "shared")
}

var (
	buildOnce sync.Once
	buildDir  string
	buildErr  error
	buildOut  []byte
)

// Binaries builds ./haproxy and ./keepalived once per test process and
// returns the directory holding them (haproxy, keepalived).
func Binaries(t testing.TB) string {
	t.Helper()
	root := RepoRoot(t)
	buildOnce.Do(func() {
		buildDir, buildErr = os.MkdirTemp("", "hakeep-bin-")
		if buildErr != nil {
			return
		}
		cmd := exec.Command("go", "build", "-o", buildDir+"/", "./haproxy", "./keepalived")
		cmd.Dir = root
		buildOut, buildErr = cmd.CombinedOutput()
	})
	if buildErr != nil {
		t.Fatalf("building binaries: %v\n%s", buildErr, buildOut)
	}
	return buildDir
}
