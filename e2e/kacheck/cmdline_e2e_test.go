package kacheck

import (
	"bytes"
	"errors"
	"fmt"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"hakeep/e2e/harness"
)

// runAs runs bin under the name keepalived from dir and returns what it
// wrote and its exit status.
func runAs(t *testing.T, dir, bin string, args ...string) (stdout, stderr string, code int) {
	t.Helper()
	cmd := exec.Command(bin)
	cmd.Args = append([]string{"keepalived"}, args...)
	cmd.Dir = dir
	var o, e bytes.Buffer
	cmd.Stdout, cmd.Stderr = &o, &e
	err := cmd.Run()
	var ee *exec.ExitError
	switch {
	case err == nil:
	case errors.As(err, &ee) && ee.Exited():
		code = ee.ExitCode()
	default:
		t.Fatalf("%s %q: %v", bin, args, err)
	}
	return o.String(), e.String(), code
}

// TestE2EKeepalivedCommandLine compares hakeep's command line with the
// installed keepalived 2.2.7's: what each prints on stdout and stderr and
// its exit status, for options that stop before any network work (help,
// --signum, bad options, -t on missing files). -v is compared on the
// version tools read, the second word of its first line.
func TestE2EKeepalivedCommandLine(t *testing.T) {
	real := realKeepalived(t)
	ours := filepath.Join(harness.Binaries(t), "keepalived")
	dir := t.TempDir()
	cases := [][]string{
		{"-h"}, {"--help"}, {"-x", "-h"},
		{"--signum=STOP"}, {"--signum=RELOAD"}, {"--signum=DATA"}, {"--signum=STATS"},
		{"--signum=STATS_CLEAR"}, {"--signum=JSON"}, {"--signum", "TDATA"}, {"--signum=stop"},
		{"-Z"}, {"-Z", "-Y", "--nope"}, {"--use-file="}, {"-f"}, {"-lDf"}, {"--d"}, {"--dont-fork=x"},
		{"--use-file", ""}, {"-g"}, {"--flush-log-file"}, {"--log-file=x"},
		{"-t", "-f", "missing.conf"}, {"-t", "-f", "missing.conf", "a", "b"}, {"-e", "-t", "-f", "missing.conf"},
		{"-t", "-S", "user", "-f", "missing.conf"}, {"-S", "9", "-t", "-f", "missing.conf"},
		{"-t", "-S", "local3x", "-f", "missing.conf"}, {"-S", "3", "-t", "-f", "missing.conf"},
		{"-u", "abc", "-t", "-f", "missing.conf"}, {"-u", "0777", "-t", "-f", "missing.conf"},
		{"-t", "-f", ""}, {"-t", "-f", "/"}, {"--hel"},
		{"-x", "-A", "sock", "-a", "-m", "-M", "-R", "-X", "-V", "-I", "-B", "-P", "-C", "-d", "-n", "-G", "-l",
			"-p", "p", "-r", "r", "-c", "c", "-b", "b", "-i", "id", "-s", "ns", "--all", "--config-fd", "3",
			"-t", "-f", "missing.conf"},
	}
	pass, fail := 0, 0
	for _, args := range cases {
		ro, re, rc := runAs(t, dir, real, args...)
		oo, oe, oc := runAs(t, dir, ours, args...)
		if ro == oo && re == oe && rc == oc {
			pass++
			continue
		}
		fail++
		t.Errorf("keepalived %q:\n  2.2.7:  exit %d, stdout %q, stderr %q\n  hakeep: exit %d, stdout %q, stderr %q",
			args, rc, ro, re, oc, oo, oe)
	}
	_, rv, _ := runAs(t, dir, real, "-v")
	_, ov, oc := runAs(t, dir, ours, "-v")
	rf, of := strings.Fields(rv), strings.Fields(ov)
	if oc != 0 || len(rf) < 2 || len(of) < 2 || rf[1] != of[1] || !strings.HasPrefix(ov, rf[0]+" "+rf[1]) {
		fail++
		t.Errorf("-v: 2.2.7 %q, hakeep %q", firstLine(rv), firstLine(ov))
	} else {
		pass++
	}
	fmt.Printf("kacheck command line: %d passed, %d failed\n", pass, fail)
}

func firstLine(s string) string {
	l, _, _ := strings.Cut(s, "\n")
	return l
}
