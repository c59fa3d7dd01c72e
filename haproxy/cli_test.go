package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"hakeep/haproxy/config"
	"hakeep/parser"
	"hakeep/proxy"
)

// testCLI runs the command in memory with a fixed pid, an environment of
// its own and a fake decoder returning res.
type testCLI struct {
	cli
	out, err bytes.Buffer
	env      map[string]string
	loaded   []string
}

func newTestCLI(t *testing.T, res *config.Result, args ...string) *testCLI {
	t.Helper()
	tc := &testCLI{env: map[string]string{}}
	tc.cli = cli{
		argv:     append([]string{"haproxy"}, args...),
		pid:      42,
		exe:      "/usr/sbin/haproxy",
		hostname: "host1",
		lookupEnv: func(k string) (string, bool) {
			v, ok := tc.env[k]
			return v, ok
		},
		setenv: func(k, v string) error { tc.env[k] = v; return nil },
		chdir: func(dir string) error {
			return &os.PathError{Op: "chdir", Path: dir, Err: syscall.ENOENT}
		},
		load: func(files []string, _ config.Options) *config.Result {
			tc.loaded = files
			return res
		},
	}
	tc.stdout, tc.stderr = &tc.out, &tc.err
	return tc
}

// cfgFile is an existing configuration file to name on the command line.
func cfgFile(t *testing.T) string {
	t.Helper()
	f := filepath.Join(t.TempDir(), "haproxy.cfg")
	if err := os.WriteFile(f, []byte("global\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	return f
}

func msg(sev parser.Severity, text string) config.Message {
	return config.Message{Severity: sev, Text: text}
}

const notices = "[NOTICE]   (42) : haproxy version is " + haproxyVersion + "\n" +
	"[NOTICE]   (42) : path to executable is /usr/sbin/haproxy\n"

func TestCheckOutput(t *testing.T) {
	valid := &proxy.Config{}
	warn := msg(parser.SevWarning, "config : parsing [a.cfg:2]: 'w'.")
	diag := msg(parser.SevDiag, "config : parsing [a.cfg:3]: 'd'.")
	note := msg(parser.SevNotice, "config : parsing [a.cfg:4]: 'n'.")
	fatal := []config.Message{
		msg(parser.SevAlert, "config : parsing [a.cfg:2] : unknown keyword 'bogus' in 'global' section"),
		msg(parser.SevAlert, "config : Error(s) found in configuration file : a.cfg"),
		msg(parser.SevAlert, "config : Fatal errors found in configuration."),
	}
	tests := []struct {
		name     string
		res      *config.Result
		flags    string
		status   int
		out, err string
	}{
		{"valid", &config.Result{Config: valid}, "", 0, "Configuration file is valid\n", ""},
		{"valid quiet", &config.Result{Config: valid}, "-q", 0, "", ""},
		{"valid quiet verbose", &config.Result{Config: valid}, "-q -V", 0, "Configuration file is valid\n", ""},
		{"no listener", &config.Result{Config: valid, NoListener: true}, "", 2,
			"Configuration file has no error but will not start (no listener) => exit(2).\n", ""},
		{"notice only", &config.Result{Config: valid, Messages: []config.Message{note}}, "", 0,
			"Configuration file is valid\n", "[NOTICE]   (42) : config : parsing [a.cfg:4]: 'n'.\n"},
		{"warning", &config.Result{Config: valid, Messages: []config.Message{note, warn}}, "", 0,
			"Warnings were found.\nConfiguration file is valid\n",
			"[NOTICE]   (42) : config : parsing [a.cfg:4]: 'n'.\n" + notices + "[WARNING]  (42) : config : parsing [a.cfg:2]: 'w'.\n"},
		{"warning quiet", &config.Result{Config: valid, Messages: []config.Message{warn}}, "-q", 0, "", ""},
		{"warning zero-warning", &config.Result{Config: valid, NoListener: true, Messages: []config.Message{warn}}, "-dW", 1, "",
			notices + "[WARNING]  (42) : config : parsing [a.cfg:2]: 'w'.\n" +
				"[ALERT]    (42) : config : Some warnings were found and 'zero-warning' is set. Aborting.\n"},
		{"warning zero-warning quiet", &config.Result{Config: valid, Messages: []config.Message{warn}}, "-q -dW", 1, "", ""},
		{"diag hidden", &config.Result{Config: valid, Messages: []config.Message{diag}}, "", 0, "Configuration file is valid\n", ""},
		{"diag shown", &config.Result{Config: valid, Messages: []config.Message{diag}}, "-dD", 0, "Configuration file is valid\n",
			"[DIAG]     (42) : config : parsing [a.cfg:3]: 'd'.\n"},
		{"diag shown in quiet mode", &config.Result{Config: valid, Messages: []config.Message{diag}}, "-dD -q", 0, "",
			"[DIAG]     (42) : config : parsing [a.cfg:3]: 'd'.\n"},
		{"errors", &config.Result{Messages: fatal}, "", 1, "",
			notices + "[ALERT]    (42) : config : parsing [a.cfg:2] : unknown keyword 'bogus' in 'global' section\n" +
				"[ALERT]    (42) : config : Error(s) found in configuration file : a.cfg\n" +
				"[ALERT]    (42) : config : Fatal errors found in configuration.\n"},
		{"errors quiet", &config.Result{Messages: fatal}, "-q", 1, "", ""},
		// a global "quiet" silences what follows it, alerts included
		{"global quiet", &config.Result{Config: valid, Messages: []config.Message{warn}, Quiet: true}, "", 0, "", ""},
		{"global quiet verbose", &config.Result{Config: valid, Messages: []config.Message{warn}, Quiet: true}, "-V", 0,
			"Warnings were found.\nConfiguration file is valid\n", notices + "[WARNING]  (42) : config : parsing [a.cfg:2]: 'w'.\n"},
		{"global quiet after an alert", &config.Result{Messages: fatal, Quiet: true, QuietFrom: 1}, "", 1, "",
			notices + "[ALERT]    (42) : config : parsing [a.cfg:2] : unknown keyword 'bogus' in 'global' section\n"},
		{"debian reload", &config.Result{Config: valid}, "-Ws -c -q -S /run/haproxy-master.sock", 0, "", ""},
		{"master-worker listens", &config.Result{Config: valid, NoListener: true}, "-W", 0, "Configuration file is valid\n", ""},
		{"master CLI without -W", &config.Result{Config: valid}, "-S /tmp/m.sock -S /tmp/n.sock", 0, "Warnings were found.\nConfiguration file is valid\n",
			notices + "[WARNING]  (42) : config : a master CLI socket was defined, but master-worker mode (-W) is not enabled.\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := cfgFile(t)
			args := append([]string{"-c", "-f", f}, strings.Fields(tt.flags)...)
			tc := newTestCLI(t, tt.res, args...)
			if got := tc.run(); got != tt.status {
				t.Errorf("exit status %d, want %d", got, tt.status)
			}
			if tc.out.String() != tt.out {
				t.Errorf("stdout:\n%s\nwant:\n%s", tc.out.String(), tt.out)
			}
			if tc.err.String() != tt.err {
				t.Errorf("stderr:\n%s\nwant:\n%s", tc.err.String(), tt.err)
			}
			if len(tc.loaded) != 1 || tc.loaded[0] != f {
				t.Errorf("loaded %q", tc.loaded)
			}
		})
	}
}

func TestCheckEnvironment(t *testing.T) {
	tc := newTestCLI(t, &config.Result{Config: &proxy.Config{}}, "-c", "-f", cfgFile(t))
	tc.run()
	if tc.env["HAPROXY_LOCALPEER"] != "host1" || tc.env["HAPROXY_STARTUP_VERSION"] != haproxyVersion {
		t.Errorf("environment %v", tc.env)
	}
	tc = newTestCLI(t, &config.Result{Config: &proxy.Config{}}, "-L", "peer9", "-c", "-f", cfgFile(t))
	tc.env["HAPROXY_STARTUP_VERSION"] = "2.6.11"
	tc.run()
	if tc.env["HAPROXY_LOCALPEER"] != "peer9" || tc.env["HAPROXY_STARTUP_VERSION"] != "2.6.11" {
		t.Errorf("environment %v", tc.env)
	}
}

func TestRunErrors(t *testing.T) {
	tests := []struct {
		args   string
		status int
		err    string // substring of stderr
		out    string // prefix of stdout
	}{
		{"-Z", 1, "Usage : haproxy [-f <cfgfile|cfgdir>]*", "HAProxy version " + haproxyVersion},
		{"", 1, "Usage : haproxy", "HAProxy version"},
		{"-c", 1, "Usage : haproxy", "HAProxy version"},
		{"-N 7 -Z", 1, "maximum # of connections (7)\n", "HAProxy version"},
		{"-c -f /nonexistent/x.cfg", 1, notices + "[ALERT]    (42) : config : Cannot open configuration file/directory /nonexistent/x.cfg : No such file or directory\n", ""},
		{"-c -f", 1, notices + "[ALERT]    (42) : failed to copy argv.\n", ""},
		{"-x", 1, notices + "[ALERT]    (42) : Unix socket path expected with the -x flag\n\nUsage : haproxy", "HAProxy version"},
		{"-sf abc -c", 1, "[ALERT]    (42) : -sf option: some bytes unconsumed in PID list {abc}\n", ""},
		{"-dMfoo", 1, "[ALERT]    (42) : -dM: unknown pool debugging feature <foo>\n", ""},
		{"-dMhelp", 0, "", "-dM alone enables memory poisonning"},
		{"-C /nonexistent -cc 1", 1, notices + "[ALERT]    (42) : Could not change to directory /nonexistent : No such file or directory\n", ""},
		{"-x a -x b -v", 0, notices + "[WARNING]  (42) : -x option already set, overwriting the value\n", "HAProxy version"},
	}
	for _, tt := range tests {
		tc := newTestCLI(t, nil, strings.Fields(tt.args)...)
		if got := tc.run(); got != tt.status {
			t.Errorf("%q: exit status %d, want %d", tt.args, got, tt.status)
		}
		if !strings.Contains(tc.err.String(), tt.err) {
			t.Errorf("%q: stderr %q, want it to contain %q", tt.args, tc.err.String(), tt.err)
		}
		if !strings.HasPrefix(tc.out.String(), tt.out) {
			t.Errorf("%q: stdout %q, want it to start with %q", tt.args, tc.out.String(), tt.out)
		}
	}
}

// -cc: 0 true, 1 false, 2 error, as 2.6.12 answers.
func TestCheckCondition(t *testing.T) {
	tests := []struct {
		cond   string
		status int
		err    string
	}{
		{"1", 0, ""},
		{"0", 1, ""},
		{"", 1, ""},
		{"feature(OPENSSL) && feature(THREAD) && !feature(LUA) && !feature(QUIC)", 0, ""},
		{"version_atleast(2.6.12) && version_before(2.6.13)", 0, ""},
		{`streq("$HAPROXY_LOCALPEER",host1) && defined(HAPROXY_STARTUP_VERSION)`, 0, ""},
		{"openssl_version_atleast(1.1.1) && !ssllib_name_startswith(AWS-LC)", 0, ""},
		{"openssl_version_atleast(x)", 2, ""},
		{"foo", 2, notices + "[ALERT]    (42) : config : Failed to evaluate condition: unparsable conditional expression 'foo'\n"},
		{"'a", 2, notices + "[ALERT]    (42) : config : Syntax Error in condition: Unmatched quote.\n"},
	}
	for _, tt := range tests {
		tc := newTestCLI(t, nil, "-cc", tt.cond)
		if got := tc.run(); got != tt.status {
			t.Errorf("-cc %q: exit status %d, want %d", tt.cond, got, tt.status)
		}
		if tc.err.String() != tt.err {
			t.Errorf("-cc %q: stderr %q, want %q", tt.cond, tc.err.String(), tt.err)
		}
	}
}

func TestVersionOutput(t *testing.T) {
	tc := newTestCLI(t, nil, "-v")
	if tc.run() != 0 {
		t.Fatal("-v must exit 0")
	}
	first := strings.SplitN(tc.out.String(), "\n", 2)[0]
	if first != "HAProxy version "+haproxyVersion+" "+hakeepDate+" - https://haproxy.org/" || !strings.HasPrefix(haproxyVersion, "2.6.12-") {
		t.Errorf("first line %q", first)
	}
	if !strings.Contains(tc.out.String(), "hakeep") {
		t.Error("-v must say it is hakeep")
	}
	tc = newTestCLI(t, nil, "-vv")
	tc.run()
	out := tc.out.String()
	for _, want := range []string{"\nFeature list : -51DEGREES +ACCEPT4 ", " +OPENSSL ", " -LUA ", " -QUIC ", " +THREAD ", " +LINUX_SPLICE ", " +PROMEX ",
		"\nDefault settings :\n  bufsize = 16384, maxrewrite = 1024, maxpollevents = 200\n",
		"\nAvailable multiplexer protocols :\n", "         h1 : mode=HTTP", "         h2 : mode=HTTP", "       none : mode=TCP",
		"\nAvailable services : prometheus-exporter\n"} {
		if !strings.Contains(out, want) {
			t.Errorf("-vv lacks %q", want)
		}
	}
}

// The feature list of -vv and what .if feature() answers come from one
// table.
func TestFeaturesOneSource(t *testing.T) {
	env := condEnv()
	for _, w := range strings.Fields(featureList()) {
		on := w[0] == '+'
		got, err := parser.EvalHAProxyCond([]string{"feature(" + w[1:] + ")"}, env)
		if err != nil || got != on {
			t.Errorf("feature(%s) = %v, %v; -vv says %s", w[1:], got, err, w)
		}
	}
}
