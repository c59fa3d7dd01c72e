package main

import (
	"bytes"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

func runArgs(args ...string) (stdout, stderr string, code int) {
	var o, e bytes.Buffer
	code = run(append([]string{"keepalived"}, args...), &o, &e)
	return o.String(), e.String(), code
}

func TestVersion(t *testing.T) {
	out, errs, code := runArgs("-v")
	first, _, _ := strings.Cut(errs, "\n")
	// Tools read the second word of the first line (keepalived writes
	// its version to stderr).
	if code != 0 || out != "" || strings.Fields(first)[1] != "v2.2.7" || !strings.Contains(first, "hakeep") {
		t.Errorf("-v: exit %d, stdout %q, first line %q", code, out, first)
	}
}

func TestHelp(t *testing.T) {
	_, errs, code := runArgs("--help")
	if code != 0 || !strings.HasPrefix(errs, "Usage: keepalived [OPTION...]\n  -f, --use-file=FILE") {
		t.Errorf("--help: exit %d, %q", code, errs)
	}
	for _, o := range optionSpecs() {
		if !strings.Contains(errs, "--"+o.long) && o.long != "config-fd" && o.long != "log-file" {
			t.Errorf("--help does not mention --%s", o.long)
		}
	}
}

func TestSignum(t *testing.T) {
	for name, want := range map[string]string{"STOP": "15\n", "RELOAD": "1\n", "DATA": "10\n", "STATS": "12\n",
		"STATS_CLEAR": "63\n", "JSON": "36\n"} {
		out, _, code := runArgs("--signum=" + name)
		if code != 0 || out != want {
			t.Errorf("--signum=%s: %q exit %d, want %q", name, out, code, want)
		}
	}
	out, errs, code := runArgs("--signum", "TDATA")
	if code != 1 || out != "" || errs != "Unknown sigfunc TDATA\n" {
		t.Errorf("--signum TDATA: %q %q exit %d", out, errs, code)
	}
}

func TestBadOptions(t *testing.T) {
	for _, c := range []struct {
		args   []string
		stderr string
		stdout string
		code   int
	}{
		{[]string{"-Z", "-Y"}, "Unknown option -Z\nUnknown option -Y\n", "", 1},
		{[]string{"--use-file="}, "Missing parameter for option --use-file\n", "", 1},
		{[]string{"-lDf"}, "Missing parameter for option -f\n", "", 1},
		{[]string{"--d"}, "Unknown option --d\n", "", 1},
		{[]string{"--dont-fork=x"}, "Unknown option --dont-fork=x\n", "", 1},
		{[]string{"-g", "-t", "-f", "/nonexistent"}, "-g requires configure option --enable-log-file\n", "", 1},
		{[]string{"--flush-log-file"}, "Unknown option --flush-log-file\n", "", 1},
		{[]string{"-Z", "-v"}, "Unknown option -Z\nKeepalived v2.2.7", "", 0},
		{[]string{"-t", "-f", "/nonexistent", "a", "b"}, "Config files missing '/nonexistent'.\n", "Unexpected argument(s): a b \n", 0},
		{[]string{"-u", "abc", "-t", "-f", "/nonexistent"}, "Invalid --umask option abcConfig files missing '/nonexistent'.\n", "", 0},
		{[]string{"-S", "9", "-t", "-f", "/nonexistent"}, "Invalid log facility '9'\nConfig files missing '/nonexistent'.\n", "", 5},
		{[]string{"-t", "-S", "user", "-f", "/nonexistent"}, "invalid number 'user'\nConfig files missing '/nonexistent'.\n", "", 5},
		{[]string{"-e", "-t", "-f", "/nonexistent"}, "Config files missing '/nonexistent'.\n", "", 4},
	} {
		out, errs, code := runArgs(c.args...)
		if code != c.code || out != c.stdout || !strings.HasPrefix(errs, c.stderr) {
			t.Errorf("%q: exit %d, stdout %q, stderr %q; want %d, %q, %q", c.args, code, out, errs, c.code, c.stdout, c.stderr)
		}
	}
}

func TestScanArgs(t *testing.T) {
	events, operands := scanArgs([]string{"-lDnf", "a.conf", "x", "-tlog", "--vers", "--config-id=lb1", "-g", "--", "-v"})
	var got []string
	for _, e := range events {
		s := e.name
		if e.hasValue {
			s += "=" + e.value
		}
		got = append(got, s)
	}
	want := []string{"log-console", "log-detail", "dont-fork", "use-file=a.conf", "config-test=log", "version", "config-id=lb1", "log-file"}
	if !reflect.DeepEqual(got, want) || !reflect.DeepEqual(operands, []string{"x", "-v"}) {
		t.Errorf("events %q operands %q", got, operands)
	}
}

func TestParseOptions(t *testing.T) {
	events, _ := scanArgs([]string{"-f", "k.conf", "-DD", "-t", "-M", "-i", "lb2", "-s", "blue", "--config-fd", "7x", "-P"})
	o := parseOptions(events)
	if o.ConfigFile != "k.conf" || o.LogDetail != 2 || !o.ConfigTest || o.ConfigTestLog != "" ||
		!o.DontFork || !o.DontRespawn || !o.NoSyslog || !o.CoreDump || o.CoreDumpPattern == nil || *o.CoreDumpPattern != "" ||
		o.ConfigID != "lb2" || o.Namespace != "blue" ||
		o.ConfigFD != 7 || !o.OnlyVRRP {
		t.Errorf("%+v", o)
	}
	if o := parseOptions(nil); o.ConfigFile != defaultConfigFile || o.ConfigFD != -1 || o.ConfigTest {
		t.Errorf("defaults: %+v", o)
	}
}

func TestConfigTestLogFile(t *testing.T) {
	dir := t.TempDir()
	conf := filepath.Join(dir, "k.conf")
	if err := os.WriteFile(conf, []byte("foo\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	log := filepath.Join(dir, "t.log")
	_, errs, code := runArgs("--config-test="+log, "-f", conf)
	b, err := os.ReadFile(log)
	if err != nil {
		t.Fatal(err)
	}
	if code != 5 || errs != "" || !strings.HasPrefix(string(b), "(Line 1) Unknown keyword 'foo'\n") {
		t.Errorf("exit %d, stderr %q, log %q", code, errs, b)
	}
}

// TestRunningModeNoConfig: without a configuration keepalived stops at
// once with KEEPALIVED_EXIT_NO_CONFIG (the daemon itself is tested in
// keepalived/daemon and e2e/keepalived).
func TestRunningModeNoConfig(t *testing.T) {
	dir := t.TempDir()
	if _, _, code := runArgs("-n", "-f", filepath.Join(dir, "missing.conf")); code != exitNoConfig {
		t.Errorf("missing configuration: exit %d, want %d", code, exitNoConfig)
	}
}
