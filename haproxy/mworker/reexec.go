package mworker

import (
	"os"
	"os/exec"
	"strconv"
	"strings"
	"syscall"

	"golang.org/x/sys/unix"

	"hakeep/haproxy/sdnotify"
)

// Exec is how a master re-executes itself (mworker_reexec() of 2.6): the
// same program, the same PID, a new image.
type Exec struct {
	// Argv0 is argv[0] as the master was started, looked up in $PATH
	// at each execution as execvp() does.
	Argv0 string
	// Args is the command line after argv[0] without -sf/-st and -x
	// (copy_argv()).
	Args   []string
	Notify *sdnotify.Notifier
	// Systemd is -Ws: systemd hears about each re-execution.
	Systemd bool
	// Environ is the environment to start from; os.Environ when nil.
	Environ func() []string
	// Syscall is execve(2), replaced in tests.
	Syscall func(path string, argv, env []string) error
}

// Argv is the command line of a re-execution. A reload names the
// processes the new master replaces (-sf) and the socketpair of the
// current worker to take the listening sockets from (-x sockpair@N)
// before the original arguments; the wait mode runs with the original
// arguments only.
func (x *Exec) Argv(procs []*Proc, waitOnly bool) []string {
	argv := []string{x.Argv0}
	if !waitOnly {
		if kids := Children(procs); len(kids) > 0 {
			argv = append(argv, "-sf")
			for _, p := range kids {
				argv = append(argv, strconv.Itoa(p.PID))
			}
		}
		if cur := Current(procs); cur != nil && cur.IPC >= 0 {
			argv = append(argv, "-x", "sockpair@"+strconv.Itoa(cur.IPC))
		}
	}
	return append(argv, x.Args...)
}

// Env is the environment of a re-execution: the process list, the state
// and the markers of 2.6, replacing any earlier ones.
func (x *Exec) Env(self *Proc, procs []*Proc, st State, waitOnly bool) []string {
	environ := os.Environ
	if x.Environ != nil {
		environ = x.Environ
	}
	var env []string
	for _, kv := range environ() {
		k, _, _ := strings.Cut(kv, "=")
		switch k {
		case EnvReexec, EnvWaitOnly, EnvProcesses, EnvState:
			continue
		}
		env = append(env, kv)
	}
	env = append(env, EnvReexec+"=1", EnvProcesses+"="+Encode(append([]*Proc{self}, procs...)), EnvState+"="+st.Encode())
	if waitOnly {
		env = append(env, EnvWaitOnly+"=1")
	}
	return env
}

// Run re-executes the master. It only returns when that failed, having
// put everything back as it was.
func (x *Exec) Run(self *Proc, procs []*Proc, st State, waitOnly bool) error {
	if x.Systemd {
		x.Notify.Notify(sdnotify.Reloading)
	}
	keep := KeptFDs(procs, st)
	for _, fd := range keep {
		unix.FcntlInt(uintptr(fd), unix.F_SETFD, 0)
	}
	restore := restoreLimits(st)
	path, err := exec.LookPath(x.Argv0)
	if err == nil {
		call := x.Syscall
		if call == nil {
			call = syscall.Exec
		}
		err = call(path, x.Argv(procs, waitOnly), x.Env(self, procs, st, waitOnly))
	}
	restore()
	for _, fd := range keep {
		unix.CloseOnExec(fd)
	}
	return err
}

// KeptFDs are the descriptors a master keeps across its re-executions:
// the socketpairs to its workers, its CLI sockets, the pipe to the
// command that started a daemon.
func KeptFDs(procs []*Proc, st State) []int {
	var fds []int
	for _, p := range procs {
		if p.IPC >= 0 {
			fds = append(fds, p.IPC)
		}
	}
	for _, c := range st.CLI {
		fds = append(fds, c.FD)
	}
	if st.ReadyFD >= 0 {
		fds = append(fds, st.ReadyFD)
	}
	return fds
}

// restoreLimits puts RLIMIT_NOFILE back to what the first master found
// ("restore the initial FD limits"), so that the new image computes its
// limits from the same start; the returned function undoes it.
func restoreLimits(st State) func() {
	var cur syscall.Rlimit
	if st.BootCur <= 0 || syscall.Getrlimit(syscall.RLIMIT_NOFILE, &cur) != nil {
		return func() {}
	}
	boot := syscall.Rlimit{Cur: uint64(st.BootCur), Max: uint64(st.BootMax)}
	if syscall.Setrlimit(syscall.RLIMIT_NOFILE, &boot) != nil {
		return func() {}
	}
	return func() { syscall.Setrlimit(syscall.RLIMIT_NOFILE, &cur) }
}
