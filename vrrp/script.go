package vrrp

import (
	"context"
	"errors"
	"log/slog"
	"os"
	"os/exec"
	"strings"
	"sync"
	"syscall"
	"time"
)

// command builds the process keepalived would start for s (lib/notify.c
// system_call): the script as its configured user and group, in its own
// process group so a timeout kills what it started too, and killed if
// we die.
func command(ctx context.Context, s Script) *exec.Cmd {
	var cmd *exec.Cmd
	if ctx != nil {
		cmd = exec.CommandContext(ctx, s.Args[0], s.Args[1:]...)
		cmd.Cancel = func() error { return syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL) }
	} else {
		cmd = exec.Command(s.Args[0], s.Args[1:]...)
	}
	attr := &syscall.SysProcAttr{Setpgid: true, Pdeathsig: syscall.SIGTERM}
	if uint32(os.Geteuid()) != s.UID || uint32(os.Getegid()) != s.GID {
		attr.Credential = &syscall.Credential{Uid: s.UID, Gid: s.GID, NoSetGroups: true}
	}
	cmd.SysProcAttr = attr
	return cmd
}

// startScript starts s. A file that is not an executable format runs
// through /bin/sh, as system() runs keepalived's non-executable scripts.
func startScript(ctx context.Context, s Script) (*exec.Cmd, error) {
	if len(s.Args) == 0 {
		return nil, errors.New("empty script")
	}
	cmd := command(ctx, s)
	err := cmd.Start()
	if errors.Is(err, syscall.ENOEXEC) {
		sh := s
		sh.Args = []string{"/bin/sh", "-c", strings.Join(s.Args, " ")}
		cmd = command(ctx, sh)
		err = cmd.Start()
	}
	return cmd, err
}

// ScriptNotifier runs notify scripts and writes the notify FIFOs
// (vrrp_notify.c). Scripts run detached, as keepalived forks them; a
// FIFO line is written before Notify returns, so lines keep the order
// of the transitions.
type ScriptNotifier struct {
	// FIFOs are notify_fifo and vrrp_notify_fifo, opened by the caller
	// (keepalived opens them once at start).
	FIFOs []*os.File
	Log   *slog.Logger
	// StopTimeout bounds the scripts run for STOP, which Wait waits for
	// (keepalived gives them a second, system_call_script with TIMER_HZ);
	// 0 means 1s.
	StopTimeout time.Duration

	wg sync.WaitGroup
}

// Notify runs the event's scripts and writes its FIFO line.
func (n *ScriptNotifier) Notify(e Event) {
	log := n.Log
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	if e.Type.IsState() || e.Type == EventMasterRxLowerPri {
		for _, s := range e.Commands() {
			n.run(e, s, log)
		}
	}
	if len(n.FIFOs) > 0 {
		line := e.FIFOLine()
		for _, f := range n.FIFOs {
			// A full FIFO (nobody reading) loses the line rather than
			// stopping the engine, as keepalived's write() on its
			// non-blocking descriptor does.
			f.WriteString(line)
		}
	}
}

func (n *ScriptNotifier) run(e Event, s Script, log *slog.Logger) {
	var ctx context.Context
	var cancel context.CancelFunc
	if e.Type == EventStop {
		t := n.StopTimeout
		if t <= 0 {
			t = time.Second
		}
		ctx, cancel = context.WithTimeout(context.Background(), t)
	}
	cmd, err := startScript(ctx, s)
	if err != nil {
		if cancel != nil {
			cancel()
		}
		log.Warn("Error exec-ing command '" + s.Args[0] + "', error: " + err.Error())
		return
	}
	n.wg.Add(1)
	go func() {
		defer n.wg.Done()
		cmd.Wait()
		if cancel != nil {
			cancel()
		}
	}()
}

// Wait waits for the scripts started so far to end (the STOP scripts at
// shutdown are bounded by StopTimeout; others are not waited for longer
// than ctx allows).
func (n *ScriptNotifier) Wait(ctx context.Context) {
	done := make(chan struct{})
	go func() { n.wg.Wait(); close(done) }()
	select {
	case <-done:
	case <-ctx.Done():
	}
}
