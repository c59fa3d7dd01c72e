package mworker

import (
	"errors"
	"reflect"
	"strconv"
	"strings"
	"testing"

	"golang.org/x/sys/unix"
)

func TestReexecArgv(t *testing.T) {
	x := &Exec{Argv0: "/usr/sbin/haproxy", Args: []string{"-W", "-f", "/tmp/pm/ha2.cfg", "-p", "/tmp/pm/ha.pid", "-S", "/tmp/pm/master.sock"}}
	procs := []*Proc{{Kind: KindWorker, PID: 22447, IPC: 3}}
	// the reload of 2.6.12, as strace showed it
	want := []string{"/usr/sbin/haproxy", "-sf", "22447", "-x", "sockpair@3", "-W", "-f", "/tmp/pm/ha2.cfg", "-p", "/tmp/pm/ha.pid", "-S", "/tmp/pm/master.sock"}
	if got := x.Argv(procs, false); !reflect.DeepEqual(got, want) {
		t.Errorf("reload argv %q", got)
	}
	// and its wait mode
	if got := x.Argv(procs, true); !reflect.DeepEqual(got, append([]string{"/usr/sbin/haproxy"}, x.Args...)) {
		t.Errorf("wait argv %q", got)
	}
	// old workers are finished too; the current one gives the sockets
	procs = []*Proc{{Kind: KindWorker, PID: 10, Reloads: 2, IPC: 4, Leaving: true}, {Kind: KindWorker, PID: 11, Reloads: 1, IPC: 5}}
	if got := strings.Join(x.Argv(procs, false)[:6], " "); got != "/usr/sbin/haproxy -sf 10 11 -x sockpair@5" {
		t.Errorf("argv %q", got)
	}
	if got := x.Argv(nil, false); len(got) != 1+len(x.Args) {
		t.Errorf("no children: %q", got)
	}
}

func TestReexecEnvAndFDs(t *testing.T) {
	fds, err := unix.Socketpair(unix.AF_UNIX, unix.SOCK_SEQPACKET|unix.SOCK_CLOEXEC, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer unix.Close(fds[0])
	defer unix.Close(fds[1])
	var gotEnv []string
	var cloexecAtExec int
	x := &Exec{
		Argv0:   "/bin/true",
		Environ: func() []string { return []string{"PATH=/bin", EnvProcesses + "=stale", EnvWaitOnly + "=1"} },
		Syscall: func(path string, argv, env []string) error {
			gotEnv = env
			cloexecAtExec, _ = unix.FcntlInt(uintptr(fds[0]), unix.F_GETFD, 0)
			return errors.New("not this time")
		},
	}
	self := &Proc{Kind: KindMaster, PID: 1, IPC: -1, Version: "(null)"}
	procs := []*Proc{{Kind: KindWorker, PID: 2, IPC: fds[0]}}
	st := NewState()
	if err := x.Run(self, procs, st, false); err == nil || err.Error() != "not this time" {
		t.Fatalf("err %v", err)
	}
	if cloexecAtExec&unix.FD_CLOEXEC != 0 {
		t.Error("the worker's socketpair would be closed by the exec")
	}
	if v, _ := unix.FcntlInt(uintptr(fds[0]), unix.F_GETFD, 0); v&unix.FD_CLOEXEC == 0 {
		t.Error("close-on-exec not restored after a failed exec")
	}
	want := []string{"PATH=/bin", EnvReexec + "=1",
		EnvProcesses + "=|type=m;fd=-1;pid=1;reloads=0;failedreloads=0;timestamp=0;id=;version=(null)|type=w;fd=" + strconv.Itoa(fds[0]) + ";pid=2;reloads=0;failedreloads=0;timestamp=0;id=;version=",
		EnvState + "=" + st.Encode()}
	if !reflect.DeepEqual(gotEnv, want) {
		t.Errorf("env %q\nwant %q", gotEnv, want)
	}
}
