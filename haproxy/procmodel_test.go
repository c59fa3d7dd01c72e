package main

import (
	"os"
	"testing"

	"golang.org/x/sys/unix"

	"hakeep/haproxy/limits"
	"hakeep/proxy"
)

// The global section's environment edits apply in order, as 2.6 applies
// them while reading the file (configuration.txt section 3.1).
func TestApplyEnvOps(t *testing.T) {
	for _, k := range []string{"PM_A", "PM_B", "PM_C", "PM_KEEP"} {
		k := k
		old, had := os.LookupEnv(k)
		t.Cleanup(func() {
			if had {
				os.Setenv(k, old)
			} else {
				os.Unsetenv(k)
			}
		})
		os.Unsetenv(k)
	}
	os.Setenv("PM_B", "before")
	applyEnvOps([]proxy.EnvOp{
		{Op: "setenv", Name: "PM_A", Value: "1"},
		{Op: "presetenv", Name: "PM_B", Value: "ignored"},
		{Op: "presetenv", Name: "PM_C", Value: "3"},
		{Op: "setenv", Name: "PM_A", Value: "2"},
		{Op: "unsetenv", Names: []string{"PM_C"}},
	})
	if v := os.Getenv("PM_A"); v != "2" {
		t.Errorf("PM_A=%q", v)
	}
	if v := os.Getenv("PM_B"); v != "before" {
		t.Errorf("presetenv overwrote PM_B: %q", v)
	}
	if _, ok := os.LookupEnv("PM_C"); ok {
		t.Error("PM_C not unset")
	}
	env := os.Environ()
	t.Cleanup(func() {
		for _, kv := range env {
			for i := 0; i < len(kv); i++ {
				if kv[i] == '=' {
					os.Setenv(kv[:i], kv[i+1:])
					break
				}
			}
		}
	})
	os.Setenv("PM_KEEP", "k")
	applyEnvOps([]proxy.EnvOp{{Op: "resetenv", Names: []string{"PM_KEEP"}}})
	if os.Getenv("PM_KEEP") != "k" || os.Getenv("PM_A") != "" || os.Getenv("PATH") != "" {
		t.Errorf("resetenv kept %q", os.Environ())
	}
}

func TestMasterCLIAddr(t *testing.T) {
	cases := map[string]string{
		"/run/haproxy-master.sock": "unix@/run/haproxy-master.sock",
		"unix@/tmp/m.sock":         "unix@/tmp/m.sock",
		"abns@master":              "abns@master",
		"ipv4@127.0.0.1:9999":      "ipv4@127.0.0.1:9999",
		"127.0.0.1:9999":           "ipv4@127.0.0.1:9999",
		"ipv6@[::1]:9999":          "ipv6@[::1]:9999",
		"fd@7":                     "fd@7",
		":9999":                    "ipv4@0.0.0.0:9999",
	}
	for in, want := range cases {
		a, err := masterCLIAddr(in)
		if err != nil {
			t.Errorf("%q: %v", in, err)
			continue
		}
		if got := cliName(a); got != want {
			t.Errorf("%q: %q, want %q", in, got, want)
		}
	}
	for _, bad := range []string{"127.0.0.1", "127.0.0.1:x", "fd@x", "nohost:80"} {
		if _, err := masterCLIAddr(bad); err == nil {
			t.Errorf("%q: no error", bad)
		}
	}
}

func TestBindMasterCLI(t *testing.T) {
	path := t.TempDir() + "/m.sock"
	s, err := bindMasterCLI(path+",mode,600,level,operator", os.Getpid())
	if err != nil {
		t.Fatal(err)
	}
	defer unix.Close(s.FD)
	if s.Level != "operator" || s.Name != "unix@"+path {
		t.Errorf("%+v", s)
	}
	st, err := os.Stat(path)
	if err != nil || st.Mode().Perm() != 0o600 || st.Mode()&os.ModeSocket == 0 {
		t.Errorf("socket file %v %v", st, err)
	}
	if _, err := bindMasterCLI(path+"2,bogus,1", os.Getpid()); err == nil {
		t.Error("an unknown keyword must fail")
	}
	if _, err := bindMasterCLI(path+"3,level,root", os.Getpid()); err == nil {
		t.Error("a bad level must fail")
	}
}

func TestLimitsCarried(t *testing.T) {
	r := limits.Result{MaxConn: 9985, MaxSock: 19999, NoFile: 19999, MaxPipes: 0}
	got, ok := decodeLimits(encodeLimits(r))
	if !ok || got != r {
		t.Errorf("%+v %v", got, ok)
	}
	if _, ok := decodeLimits("1,2"); ok {
		t.Error("a short value must fail")
	}
}

func TestReexecArgsKeepsParameters(t *testing.T) {
	// parameters that start with '-' belong to their option
	got := reexecArgs([]string{"haproxy", "-S", "-weird", "-sf", "1", "-W"})
	if len(got) != 3 || got[0] != "-S" || got[1] != "-weird" || got[2] != "-W" {
		t.Errorf("%q", got)
	}
}
