package mworker

import (
	"context"
	"errors"
	"fmt"
	"net"
	"os"
	"sync"
	"syscall"
	"time"

	"hakeep/haproxy/sdnotify"
)

// Master is a master process in its wait mode (mworker_loop() of 2.6): it
// serves the master CLI, relays signals to its children, reloads, and
// exits once the last child has.
type Master struct {
	// Self is the master's own entry: PID, reloads, start time.
	Self *Proc
	// Procs are the children: workers and programs.
	Procs []*Proc
	State State
	// Version is what "show proc" and "show version" print.
	Version string
	Report  Reporter
	Notify  *sdnotify.Notifier
	// Signals delivers the signals the master handles (see Signals()).
	Signals <-chan os.Signal
	// CLI are the master CLI listeners with their sessions' level.
	CLI []CLIListener
	// Reexec replaces the process image to reload with the process list
	// given; it only returns when that failed.
	Reexec func(self *Proc, procs []*Proc) error
	// Detach is called once the command that started a daemon was told
	// it serves: the daemon leaves the terminal then (may be nil).
	Detach func()
	// Now and Kill are the clock and kill(2), replaced in tests.
	Now  func() time.Time
	Kill func(pid int, sig syscall.Signal) error

	mu       sync.Mutex // guards Self and Procs for the CLI sessions
	exitCode int
	events   chan event
}

// CLIListener is one master CLI socket.
type CLIListener struct {
	Listener net.Listener
	Level    Level
}

type event struct {
	ready  int  // a worker's PID: it serves
	reload bool // the CLI asked for a reload
}

// HandledSignals are the signals a waiting master acts on
// (mworker_loop()).
func HandledSignals() []os.Signal {
	return []os.Signal{
		syscall.SIGCHLD, syscall.SIGUSR1, syscall.SIGUSR2, syscall.SIGHUP,
		syscall.SIGTERM, syscall.SIGINT, syscall.SIGTTIN, syscall.SIGTTOU,
	}
}

// Run waits until every child has exited and returns the master's exit
// status (0, or the status of the first current child that failed).
func (m *Master) Run(ctx context.Context) int {
	m.exitCode = -1
	m.events = make(chan event, 16)
	if m.Now == nil {
		m.Now = time.Now
	}
	if m.Kill == nil {
		m.Kill = syscall.Kill
	}
	for _, p := range m.Procs {
		if p.Kind == KindWorker && p.IPC >= 0 {
			go m.readIPC(ctx, p.PID, p.IPC)
		}
	}
	for _, l := range m.CLI {
		go m.serveCLI(ctx, l)
	}
	// children may have exited while the image was replaced
	if code, done := m.reap(); done {
		return code
	}
	if m.State.Pending == 0 {
		m.announceReady()
	}
	for {
		select {
		case <-ctx.Done():
			return 0
		case s := <-m.Signals:
			sig, _ := s.(syscall.Signal)
			switch sig {
			case syscall.SIGCHLD:
				if code, done := m.reap(); done {
					return code
				}
			case syscall.SIGUSR2, syscall.SIGHUP:
				m.reload()
			case syscall.SIGTERM, syscall.SIGINT, syscall.SIGUSR1:
				m.stop(sig)
			case syscall.SIGTTIN, syscall.SIGTTOU:
				m.killChildren(sig)
			}
		case ev := <-m.events:
			switch {
			case ev.reload:
				m.reload()
			case ev.ready != 0:
				m.workerReady(ev.ready)
			}
		}
	}
}

// announceReady tells systemd, and the command that started a daemon,
// that the service runs.
func (m *Master) announceReady() {
	m.Notify.Notify(sdnotify.Ready(m.Self.PID))
	if m.State.ReadyFD >= 0 {
		f := os.NewFile(uintptr(m.State.ReadyFD), "ready")
		f.Write([]byte("READY\n"))
		f.Close()
		m.State.ReadyFD = -1
		if m.Detach != nil {
			m.Detach()
		}
	}
}

// workerReady completes a start or a reload once the new worker serves:
// the processes it replaces are told to finish (-sf) or to terminate
// (-st), those past mworker-max-reloads are terminated, and readiness is
// announced.
func (m *Master) workerReady(pid int) {
	if pid != m.State.Pending {
		return
	}
	m.State.Pending = 0
	for _, old := range m.State.OldPIDs {
		m.Kill(old, m.State.OldSig())
	}
	m.State.OldPIDs = nil
	if max := m.State.MaxReloads; max >= 0 {
		m.mu.Lock()
		for _, p := range m.Procs {
			if p.Kind == KindWorker && p.PID > 0 && p.Reloads > max {
				m.Kill(p.PID, syscall.SIGTERM)
			}
		}
		m.mu.Unlock()
	}
	m.announceReady()
}

// reload is mworker_reload(): every process has lived through one more
// reload, then the master re-executes itself with the same arguments.
func (m *Master) reload() {
	m.Report.Notice("Reloading HAProxy")
	m.mu.Lock()
	m.Self.Reloads++
	for _, p := range m.Procs {
		p.Reloads++
	}
	procs := append([]*Proc(nil), m.Procs...)
	m.mu.Unlock()
	if err := m.Reexec(m.Self, procs); err != nil {
		m.Report.Warning(fmt.Sprintf("Failed to reexecute the master process [%d]: %s", m.Self.PID, err))
	}
}

// stop is mworker_catch_sigterm(): the children get the same signal.
func (m *Master) stop(sig syscall.Signal) {
	if m.State.Systemd {
		m.Notify.Notify(sdnotify.Stopping)
	}
	m.Report.Warning("Exiting Master process...")
	m.killChildren(sig)
}

func (m *Master) killChildren(sig syscall.Signal) {
	m.mu.Lock()
	defer m.mu.Unlock()
	for _, p := range Children(m.Procs) {
		m.Kill(p.PID, sig)
	}
}

// reap is mworker_catch_sigchld(): it collects every child that exited
// and reports it; done is set when no child is left, with the master's
// exit status.
func (m *Master) reap() (code int, done bool) {
	for {
		var ws syscall.WaitStatus
		pid, err := syscall.Wait4(-1, &ws, syscall.WNOHANG, nil)
		if errors.Is(err, syscall.EINTR) {
			continue
		}
		if pid > 0 {
			m.childExited(pid, ExitCode(ws))
			continue
		}
		if errors.Is(err, syscall.ECHILD) {
			code := max(m.exitCode, 0)
			m.Report.Warning(fmt.Sprintf("All workers exited. Exiting... (%d)", code))
			return code, true
		}
		return 0, false
	}
}

func (m *Master) childExited(pid, status int) {
	m.mu.Lock()
	var child *Proc
	for i, p := range m.Procs {
		if p.PID == pid {
			child = p
			m.Procs = append(m.Procs[:i:i], m.Procs[i+1:]...)
			break
		}
	}
	m.mu.Unlock()
	if child == nil {
		m.Report.Warning(fmt.Sprintf("Process %d exited with code %d (%s)", pid, status, exitText(status)))
		return
	}
	if child.IPC >= 0 {
		syscall.Close(child.IPC)
		child.IPC = -1
	}
	if child.Leaving {
		switch child.Kind {
		case KindWorker:
			m.Report.Warning(fmt.Sprintf("Former worker (%d) exited with code %d (%s)", pid, status, exitText(status)))
		case KindProgram:
			m.Report.Warning(fmt.Sprintf("Former program '%s' (%d) exited with code %d (%s)", child.ID, pid, status, exitText(status)))
		}
		return
	}
	switch {
	case child.Kind == KindWorker && status < 128:
		m.Report.Warning(fmt.Sprintf("Current worker (%d) exited with code %d (Exit)", pid, status))
	case child.Kind == KindWorker:
		m.Report.Alert(fmt.Sprintf("Current worker (%d) exited with code %d (%s)", pid, status, exitText(status)))
	case child.Kind == KindProgram:
		m.Report.Alert(fmt.Sprintf("Current program '%s' (%d) exited with code %d (%s)", child.ID, pid, status, exitText(status)))
	}
	// 0 and SIGTERM are normal ends; SIGINT is too, but it is reported
	if status != 0 && status != 130 && status != 143 && !m.State.NoExitOnFailure {
		m.Report.Alert("exit-on-failure: killing every processes with SIGTERM")
		m.killChildren(syscall.SIGTERM)
	}
	if m.exitCode < 0 && status != 0 && status != 143 {
		m.exitCode = status
	}
}
