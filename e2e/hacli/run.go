// Package hacli runs hakeep's haproxy and Debian's haproxy 2.6 with the
// same command lines and compares what a user or a harness sees: exit
// statuses, stdout, and stderr once pids and version strings are masked.
package hacli

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"

	"hakeep/e2e/harness"
)

// ourHAProxy is hakeep's haproxy from harness.Binaries. harness.Binaries
// builds ./keepalived too; until that command exists in the tree, the
// haproxy command is built alone here.
func ourHAProxy(t *testing.T) string {
	t.Helper()
	root := harness.RepoRoot(t)
	if m, _ := filepath.Glob(filepath.Join(root, "keepalived", "*.go")); len(m) > 0 {
		return filepath.Join(harness.Binaries(t), "haproxy")
	}
	soloOnce.Do(func() {
		soloDir, soloErr = os.MkdirTemp("", "hakeep-haproxy-")
		if soloErr != nil {
			return
		}
		cmd := exec.Command("go", "build", "-o", soloDir+"/", "./haproxy")
		cmd.Dir = root
		soloOut, soloErr = cmd.CombinedOutput()
	})
	if soloErr != nil {
		t.Fatalf("building haproxy: %v\n%s", soloErr, soloOut)
	}
	return filepath.Join(soloDir, "haproxy")
}

var (
	soloOnce sync.Once
	soloDir  string
	soloOut  []byte
	soloErr  error
)

// result is one run of a haproxy binary.
type result struct {
	status         int
	stdout, stderr string
}

// runHAProxy runs bin with args in dir under exactly env (nil: the test
// process's environment).
func runHAProxy(t *testing.T, bin, dir string, env []string, args ...string) result {
	t.Helper()
	cmd := exec.Command(bin, args...)
	cmd.Dir = dir
	if env != nil {
		cmd.Env = env
	}
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	err := cmd.Run()
	status := 0
	if err != nil {
		ee, ok := err.(*exec.ExitError)
		if !ok {
			t.Fatalf("running %s %q: %v", bin, args, err)
		}
		status = ee.ExitCode()
	}
	return result{status: status, stdout: out.String(), stderr: errb.String()}
}

var (
	pidRE     = regexp.MustCompile(`^(\[[A-Z]+\] +)\(\d+\) : `)
	versionRE = regexp.MustCompile(`haproxy version is \S+$`)
	exeRE     = regexp.MustCompile(`path to executable is \S+$`)
)

// mask hides what legitimately differs between the two binaries: pids,
// the version string and the executable's path.
func mask(s string) string {
	lines := strings.Split(s, "\n")
	for i, l := range lines {
		l = pidRE.ReplaceAllString(l, "${1}(PID) : ")
		l = versionRE.ReplaceAllString(l, "haproxy version is VERSION")
		l = exeRE.ReplaceAllString(l, "path to executable is EXE")
		lines[i] = l
	}
	return strings.Join(lines, "\n")
}

// versionLineRE is the first line of -v that harnesses parse.
var versionLineRE = regexp.MustCompile(`^HAProxy version (2\.6\.\d+)\S* \d{4}/\d{2}/\d{2} - https://haproxy\.org/$`)
