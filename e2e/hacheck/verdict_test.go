package hacheck

import (
	"bytes"
	"errors"
	"os"
	"os/exec"
	"regexp"
	"strings"
	"testing"
	"time"

	"hakeep/e2e/harness"
)

// verdict is what `haproxy -c` said about a configuration.
type verdict struct {
	exit int
	// firstAlert is the first "[ALERT]" line without its pid, e.g.
	// "[ALERT] : config : parsing [a.cfg:3] : unknown keyword 'x' ...".
	firstAlert string
	stderr     string
	elapsed    time.Duration
	maxRSS     int64 // KiB
	// cpu is the user+system time of the process: on a shared machine
	// it varies less than the wall time.
	cpu time.Duration
}

// normalize removes the pid from a message line: "[ALERT] : ...".
func normalize(line string) string {
	pid := regexp.MustCompile(`^\[(ALERT|WARNING|NOTICE|DIAG)\]\s*\(\d+\) : `)
	if m := pid.FindStringSubmatch(line); m != nil {
		return "[" + m[1] + "] : " + line[len(m[0]):]
	}
	return line
}

// place is the first "file:line" a message names, or "".
func place(msg string) string {
	m := regexp.MustCompile(`\[([^\]\s]+):(\d+)\]`).FindStringSubmatch(msg)
	if m == nil {
		return ""
	}
	return m[1] + ":" + m[2]
}

// isolated runs commands in a network namespace of their own when root,
// so that the name lookups `haproxy -c` makes send nothing anywhere.
func isolated(t testing.TB) bool {
	if os.Geteuid() != 0 {
		return false
	}
	_, err := exec.LookPath("unshare")
	return err == nil
}

// check runs "<bin> -c -f <file>" in dir.
func check(t testing.TB, bin, dir, file string, netns bool) verdict {
	t.Helper()
	args := []string{bin, "-c", "-f", file}
	if netns {
		args = append([]string{"unshare", "--net", "--"}, args...)
	}
	cmd := exec.Command(args[0], args[1:]...)
	cmd.Dir = dir
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	start := time.Now()
	err := cmd.Run()
	v := verdict{elapsed: time.Since(start), stderr: stderr.String()}
	var ee *exec.ExitError
	switch {
	case err == nil:
	case errors.As(err, &ee):
		v.exit = ee.ExitCode()
	default:
		t.Fatalf("running %v: %v", args, err)
	}
	if cmd.ProcessState != nil {
		v.maxRSS = maxRSS(cmd.ProcessState)
		v.cpu = cmd.ProcessState.UserTime() + cmd.ProcessState.SystemTime()
	}
	for _, ln := range strings.Split(v.stderr, "\n") {
		if strings.HasPrefix(ln, "[ALERT]") {
			v.firstAlert = normalize(ln)
			break
		}
	}
	return v
}

// sameVerdict compares two verdicts the way the corpus records them: the
// exit status, and for a refused configuration the place its first alert
// names.
func sameVerdict(want, got verdict) bool {
	if want.exit != got.exit {
		return false
	}
	return want.exit != 1 || place(want.firstAlert) == place(got.firstAlert)
}

// ourHAProxy is hakeep's haproxy binary, built once per test process.
func ourHAProxy(t testing.TB) string {
	return harness.Binaries(t) + "/haproxy"
}
