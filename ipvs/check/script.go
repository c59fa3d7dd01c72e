package check

import (
	"context"
	"errors"
	"os"
	"os/exec"
	"syscall"
	"time"
)

// Script is a MISC_CHECK program: its words (the first resolved to the
// program), the user and group it runs as, and how long it may run.
type Script struct {
	Args     []string
	UID, GID uint32
	Timeout  time.Duration
}

// ScriptResult is how a script ended.
type ScriptResult struct {
	Exited bool
	Code   int
	Signal syscall.Signal
	// TimedOut: it was killed for running past its timeout.
	TimedOut bool
	// Err is set when it could not be started; keepalived's child then
	// exits 0, which passes the check.
	Err error
}

// killGrace is how long a script has to die after SIGTERM before SIGKILL,
// and after SIGKILL before keepalived gives up on it.
const killGrace = 2 * time.Second

// RunScript runs s in a process group of its own (so that what it starts
// dies with it), as misc_check_thread() does, and waits for it. Past its
// timeout the group gets SIGTERM, then SIGKILL two seconds later.
func RunScript(ctx context.Context, s Script) ScriptResult {
	if len(s.Args) == 0 {
		return ScriptResult{Exited: true, Err: errors.New("no program")}
	}
	cmd := exec.Command(s.Args[0], s.Args[1:]...)
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true, Pdeathsig: syscall.SIGTERM}
	if int(s.UID) != os.Geteuid() || int(s.GID) != os.Getegid() {
		cmd.SysProcAttr.Credential = &syscall.Credential{Uid: s.UID, Gid: s.GID}
	}
	if err := cmd.Start(); err != nil {
		return ScriptResult{Exited: true, Err: err}
	}
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	timeout := s.Timeout
	if timeout <= 0 {
		timeout = time.Hour
	}
	pid := cmd.Process.Pid
	timer := time.NewTimer(timeout)
	defer timer.Stop()
	killed := 0
	for {
		select {
		case err := <-done:
			return result(cmd, err, killed > 0)
		case <-ctx.Done():
			_ = syscall.Kill(-pid, syscall.SIGKILL)
			<-done
			return ScriptResult{TimedOut: true, Signal: syscall.SIGKILL}
		case <-timer.C:
			sig := syscall.SIGTERM
			if killed > 0 {
				sig = syscall.SIGKILL
			}
			_ = syscall.Kill(-pid, sig)
			killed++
			timer.Reset(killGrace)
		}
	}
}

// result reads the wait status.
func result(cmd *exec.Cmd, err error, killed bool) ScriptResult {
	ws, ok := cmd.ProcessState.Sys().(syscall.WaitStatus)
	if !ok {
		return ScriptResult{Exited: true, Code: 1, Err: err}
	}
	switch {
	case ws.Exited():
		return ScriptResult{Exited: true, Code: ws.ExitStatus()}
	case ws.Signaled():
		sig := ws.Signal()
		// A script killed by keepalived's own SIGTERM or SIGKILL timed
		// out; any other signal is a failure.
		return ScriptResult{Signal: sig, TimedOut: killed && (sig == syscall.SIGTERM || sig == syscall.SIGKILL)}
	}
	return ScriptResult{Exited: true, Code: 1}
}
