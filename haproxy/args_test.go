package main

import (
	"reflect"
	"strings"
	"syscall"
	"testing"
)

// Each case was run against Debian's haproxy 2.6.12.
func TestNormalizeArgs(t *testing.T) {
	tests := []struct {
		argv  string
		canon string // space-separated; "" for none
		stop  string // "usage", "alert:TEXT" or "" when it goes on
	}{
		{"-v", "--version", ""},
		{"-vfoo -Z", "--version", ""},
		{"-vv", "--build-options", ""},
		{"-Z -v", "", "usage"},
		{"-c -f a.cfg", "--check --file=a.cfg", ""},
		{"-cx -qx -Vx", "--check --quiet --verbose", ""},
		{"-f a -f b -- c d", "--file=a --file=b --file=c --file=d", ""},
		{"-ffoo bar", "--file=bar", ""},
		{"-Ws -f a -c -q -S /run/haproxy-master.sock", "--master-worker --foreground --systemd --file=a --check --quiet --master-cli=/run/haproxy-master.sock", ""},
		{"-W -Wfoo -D -db", "--master-worker --master-worker --daemon --foreground", ""},
		{"-d -dk -dv -dX", "--debug --debug --debug --debug", ""},
		{"-de -dp -dS -dG -dR -dV -dr -dL -dD -dW", "--disable-epoll --disable-poll --disable-splice --disable-getaddrinfo --disable-reuseport --ssl-verify-none --resolve-dontfail --dump-libs --diag --zero-warning", ""},
		{"-dM -dM0x41,no-merge -dKcfg,acl", "--memory-debug= --memory-debug=0x41,no-merge --dump-keywords=cfg,acl", ""},
		{"-dMhelp -Z", "--memory-debug=help", ""},
		{"-dMx", "--memory-debug=x", "alert:-dM: unknown pool debugging feature <x>"},
		{"-cc 1 -c", "--check-condition=1 --check", ""},
		{"-cc", "", "usage"},
		{"-cc -1", "--check-condition=-1", ""},
		{"-cc -f", "", "alert:failed to copy argv."},
		{"-c -f", "", "alert:failed to copy argv."},
		{"-v -S", "", "alert:failed to copy argv."},
		{"-x", "", "alert+usage:Unix socket path expected with the -x flag\n"},
		{"-x a -x b", "--old-socket=a --old-socket=b", ""},
		{"-sf 12 13 -st 14 -c", "--old-pids-signal=finish --old-pid=12 --old-pid=13 --old-pids-signal=terminate --old-pid=14 --check", ""},
		{"-sf -c", "--old-pids-signal=finish --check", ""},
		{"-sf abc", "--old-pids-signal=finish", "alert:-sf option: some bytes unconsumed in PID list {abc}"},
		{"-st 12abc", "--old-pids-signal=terminate", "alert:-st option: some bytes unconsumed in PID list {abc}"},
		{"-sf 99999999999999999999", "--old-pids-signal=finish", "alert:-sf option: failed to parse {99999999999999999999}: Numerical result out of range"},
		{"-sf 0", "--old-pids-signal=finish", "usage"},
		{"-s", "", "usage"},
		{"-n abc -m 12x -N -5 -L me -p x.pid -C /tmp", "--maxconn=0 --memory-limit=12 --maxpconn=-5 --local-peer=me --pidfile=x.pid --chdir=/tmp", ""},
		{"-Z foo", "", "usage"},
		{"a.cfg", "", "usage"},
		{"-", "", "usage"},
		{"-c -f a.cfg extra", "--check --file=a.cfg", "usage"},
	}
	for _, tt := range tests {
		argv := append([]string{"haproxy"}, strings.Fields(tt.argv)...)
		r := normalizeArgs(argv)
		if got := strings.Join(r.canon, " "); got != tt.canon {
			t.Errorf("%q: canon %q, want %q", tt.argv, got, tt.canon)
		}
		stop := ""
		if s := r.stop; s != nil {
			switch {
			case s.alert != "" && s.usage:
				stop = "alert+usage:" + s.alert
			case s.alert != "":
				stop = "alert:" + s.alert
			case s.usage:
				stop = "usage"
			}
			if s.alert != "" && !s.usage && s.status != 1 {
				t.Errorf("%q: exit status %d, want 1", tt.argv, s.status)
			}
		}
		if stop != tt.stop {
			t.Errorf("%q: stop %q, want %q", tt.argv, stop, tt.stop)
		}
	}
}

func TestNormalizeArgsWarnsTwiceGivenX(t *testing.T) {
	r := normalizeArgs([]string{"haproxy", "-x", "a", "-x", "b", "-v"})
	if !reflect.DeepEqual(r.warnings, []string{"-x option already set, overwriting the value"}) {
		t.Fatalf("warnings %q", r.warnings)
	}
}

func TestParseOptions(t *testing.T) {
	r := normalizeArgs(strings.Fields("haproxy -Ws -sf 12 -st 13 -S a -S b,level,admin -f x -n 9 -N 8abc -L peer -c -q -V -- y z"))
	if r.stop != nil {
		t.Fatalf("stopped: %+v", r.stop)
	}
	o, err := parseOptions(r.canon)
	if err != nil {
		t.Fatal(err)
	}
	want := &Options{
		Check: true, Files: []string{"x", "y", "z"},
		Quiet: true, Verbose: true,
		MasterWorker: true, Foreground: true, Systemd: true,
		OldPIDs: []int{12, 13}, OldPIDsSignal: syscall.SIGTERM,
		MasterCLI: []string{"b,level,admin", "a"},
		MaxConn:   9, MaxPConn: 8,
		LocalPeer: "peer", HasLocalPeer: true,
	}
	if !reflect.DeepEqual(o, want) {
		t.Fatalf("got  %+v\nwant %+v", o, want)
	}
	if o.Quietly() {
		t.Error("-V must undo -q")
	}
	if _, err := parseOptions([]string{"--no-such-flag"}); err == nil {
		t.Error("an unknown canonical flag must be an error")
	}
}

func TestAtol(t *testing.T) {
	for in, want := range map[string]int64{"12": 12, " 12x": 12, "-5": -5, "+7": 7, "abc": 0, "": 0} {
		if got := atol(in); got != want {
			t.Errorf("atol(%q) = %d, want %d", in, got, want)
		}
	}
}

func TestReexecArgs(t *testing.T) {
	cases := []struct{ in, want string }{
		// what 2.6.12's master re-executes after a reload
		{"haproxy -sf 22447 -x sockpair@3 -W -f /tmp/pm/ha2.cfg -p /tmp/pm/ha.pid -S /tmp/pm/master.sock",
			"-W -f /tmp/pm/ha2.cfg -p /tmp/pm/ha.pid -S /tmp/pm/master.sock"},
		{"haproxy -Ws -f cfg -st 1 2 3 -p pid", "-Ws -f cfg -p pid"},
		// parameters may start with '-'
		{"haproxy -f -odd.cfg -x -sock -db", "-f -odd.cfg -db"},
		{"haproxy -W -- a.cfg -sf 1", "-W -- a.cfg -sf 1"},
		{"haproxy -sx -W", "-W"},
	}
	for _, c := range cases {
		got := strings.Join(reexecArgs(strings.Fields(c.in)), " ")
		if got != c.want {
			t.Errorf("%q: %q, want %q", c.in, got, c.want)
		}
	}
}
