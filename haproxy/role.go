package main

import (
	"os"
	"os/exec"
	"strconv"
	"strings"
	"syscall"

	"golang.org/x/sys/unix"

	"hakeep/haproxy/limits"
	"hakeep/haproxy/listenfds"
	"hakeep/haproxy/mworker"
)

// A process started by another haproxy process learns its role and the
// descriptors it inherits from its environment. These variables are
// hakeep's own; the process removes them at once so that nothing it
// starts in turn (external checks, programs) sees them.
const (
	envRole = "HAKEEP_ROLE"
	// envIPC is a worker's end of the socketpair to its master.
	envIPC = "HAKEEP_IPC"
	// envReady is the pipe on which a daemon tells the command that
	// started it that it serves.
	envReady = "HAKEEP_READY"
	// envLimits is the master's limits.Result: the worker runs with
	// the limits the master computed and set.
	envLimits = "HAKEEP_LIMITS"
)

type role string

const (
	roleNone role = ""
	// roleWorker is a master's worker.
	roleWorker role = "worker"
	// roleDaemon is the detached process of -D (a master with -W).
	roleDaemon role = "daemon"
)

func (c *cli) roleOf() role {
	v, _ := c.lookupEnv(envRole)
	return role(v)
}

// inheritedFD takes a descriptor named by a variable and marks it
// close-on-exec; -1 when the variable is not set.
func inheritedFD(lookup func(string) (string, bool), name string) int {
	v, ok := lookup(name)
	if !ok {
		return -1
	}
	fd, err := strconv.Atoi(v)
	if err != nil || fd < 0 {
		return -1
	}
	unix.CloseOnExec(fd)
	return fd
}

// internalVars are the variables processes pass each other; users'
// own HAKEEP_ variables (HAKEEP_CPUPROFILE) go through.
func internalVars() []string {
	return []string{envRole, envIPC, envReady, envLimits, listenfds.EnvVar, mworker.EnvState}
}

// childEnv is the environment for a process in role r: this process'
// own without the internal variables, plus extra.
func childEnv(r role, extra ...string) []string {
	env := withoutVars(os.Environ(), internalVars()...)
	return append(append(env, envRole+"="+string(r)), extra...)
}

// spawnSelf starts this executable again (the image running now, as
// fork() would run it) with argv and env, files from descriptor 3 on,
// and this process' stdio.
func spawnSelf(argv, env []string, files []*os.File, setsid bool) (*exec.Cmd, error) {
	cmd := &exec.Cmd{
		Path:        selfPath(),
		Args:        argv,
		Env:         env,
		ExtraFiles:  files,
		Stdin:       os.Stdin,
		Stdout:      os.Stdout,
		Stderr:      os.Stderr,
		SysProcAttr: &syscall.SysProcAttr{Setsid: setsid},
	}
	return cmd, cmd.Start()
}

func dup3(oldfd, newfd int) error { return unix.Dup3(oldfd, newfd, 0) }

// encodeLimits and decodeLimits carry a limits.Result to a worker.
func encodeLimits(r limits.Result) string {
	return strconv.Itoa(r.MaxConn) + "," + strconv.Itoa(r.MaxSock) + "," + strconv.Itoa(r.NoFile) + "," + strconv.Itoa(r.MaxPipes)
}

func decodeLimits(v string) (limits.Result, bool) {
	var r limits.Result
	f := strings.Split(v, ",")
	if len(f) != 4 {
		return r, false
	}
	n := make([]int, 4)
	for i, s := range f {
		x, err := strconv.Atoi(s)
		if err != nil {
			return r, false
		}
		n[i] = x
	}
	r.MaxConn, r.MaxSock, r.NoFile, r.MaxPipes = n[0], n[1], n[2], n[3]
	return r, true
}

// selfPath is the file this process runs. Its own name, rather than
// /proc/self/exe, keeps the process name that ps and pgrep show; when
// the file was replaced since (a package upgrade), /proc/self/exe still
// reaches the image running now.
func selfPath() string {
	p, err := os.Executable()
	if err != nil || strings.HasSuffix(p, " (deleted)") {
		return "/proc/self/exe"
	}
	return p
}
