// Package worker is the process that serves: the only process in the
// foreground and daemon modes, a child of the master in master-worker
// mode (management.txt section 4). It runs the proxy engine on the
// listening sockets it was given, answers HAProxy's signals (SIGUSR1
// soft stop after "grace", SIGTTOU/SIGTTIN pause and resume, SIGQUIT
// memory dump, SIGHUP state dump; SIGTERM and SIGINT keep their default
// action and kill it, as they kill 2.6), serves the CLI sessions its
// master opens over their socketpair and the stats sockets' "_getsocks",
// and leaves when its master is gone.
package worker

import (
	"context"
	"net"
	"os"
	"sync/atomic"
	"syscall"
	"time"

	"hakeep/haproxy/listenfds"
	"hakeep/haproxy/mworker"
)

// Engine is what a worker runs; proxy/engine.Engine is one.
type Engine interface {
	// Run serves until ctx ends (hard stop) or a soft stop has drained.
	Run(ctx context.Context) error
	SoftStop()
	Pause()
	Resume()
}

// Reporter prints messages with HAProxy's severities.
type Reporter interface {
	Notice(msg string)
	Warning(msg string)
	Alert(msg string)
}

// Worker is one serving process.
type Worker struct {
	Engine Engine
	// Sockets are the listening sockets: offered to a next process by
	// "_getsocks", and the stats sockets served here.
	Sockets *listenfds.Set
	// KeepSockets keeps Sockets open for a next process' "_getsocks"
	// (a master's worker, or "expose-fd listeners" on a stats socket):
	// a soft stop then leaves the sockets to whoever took them, as 2.6
	// does under socket transfer. Otherwise they are closed once the
	// engine and the stats sessions hold their own, and a soft stop
	// closes them for good: new connections are refused.
	KeepSockets bool
	// IPC is the socketpair to the master (master-worker mode), nil
	// otherwise.
	IPC *net.UnixConn
	// Signals delivers the signals of HandledSignals.
	Signals <-chan os.Signal
	// Commands runs the Runtime API commands of CLI sessions; nil
	// knows none.
	Commands Commands
	Report   Reporter
	// Grace is "grace": how long listeners keep accepting after
	// SIGUSR1 ("hard-stop-after" is the engine's: it enforces it and
	// says when it strikes, as 2.6 does).
	Grace time.Duration
	// StatsTimeout is the global "stats timeout": how long a stats
	// socket session may stay idle (management.txt; 10 s when zero).
	StatsTimeout time.Duration
	// Ready is called once the worker serves (the daemon's parent
	// waits for it); may be nil.
	Ready func()
	// Exit ends the process at once with a status, when the master is
	// gone (os.Exit, replaced in tests).
	Exit func(code int)

	// statsSockets is set when stats sockets are served, cliConns
	// counts their sessions: the "GLOBAL" frontend of 2.6.
	statsSockets atomic.Bool
	cliConns     atomic.Int64
}

// GlobalConns is the cumulated connections of 2.6's "GLOBAL" frontend
// (the stats sockets), and whether a soft stop stops it: only without a
// master, whose socket pair keeps it running (measured on 2.6.12: "Proxy
// GLOBAL stopped" is printed by a foreground or daemon process with a
// stats socket, not by a master's worker).
func (w *Worker) GlobalConns() (int64, bool) {
	return w.cliConns.Load(), w.statsSockets.Load() && w.IPC == nil
}

// hasGlobal reports whether the process has a "GLOBAL" frontend to pause
// and resume: stats sockets or a master's socket pair.
func (w *Worker) hasGlobal() bool { return w.statsSockets.Load() || w.IPC != nil }

// HandledSignals are the signals a worker acts on.
func HandledSignals() []os.Signal {
	return []os.Signal{syscall.SIGUSR1, syscall.SIGTTOU, syscall.SIGTTIN, syscall.SIGQUIT, syscall.SIGHUP}
}

// Run serves until the engine stops and returns the exit status: 0 after
// a soft stop, 1 when the engine failed.
func (w *Worker) Run(ctx context.Context) int {
	if w.Exit == nil {
		w.Exit = os.Exit
	}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	runErr := make(chan error, 1)
	go func() { runErr <- w.Engine.Run(ctx) }()
	statsCtx, stopStats := context.WithCancel(ctx)
	defer stopStats()
	w.serveStats(statsCtx)
	if !w.KeepSockets && w.Sockets != nil {
		w.Sockets.Close()
		w.Sockets = nil
	}
	if w.IPC != nil {
		go w.readIPC(ctx)
		w.IPC.WriteMsgUnix([]byte(mworker.MsgReady), nil, nil)
	}
	if w.Ready != nil {
		w.Ready()
	}
	var stopping bool
	for {
		select {
		case err := <-runErr:
			if err != nil {
				w.Report.Alert(err.Error())
				return 1
			}
			return 0
		case s := <-w.Signals:
			switch s {
			case syscall.SIGUSR1:
				if stopping {
					continue
				}
				stopping = true
				w.softStop(stopStats)
			case syscall.SIGTTOU:
				// the engine says which frontends paused; 2.6 then
				// pauses GLOBAL, the CLI's
				w.Engine.Pause()
				if w.hasGlobal() {
					w.Report.Warning("Paused frontend GLOBAL.")
				}
			case syscall.SIGTTIN:
				w.Engine.Resume()
				if w.hasGlobal() {
					w.Report.Warning("Resumed frontend GLOBAL.")
				}
			case syscall.SIGQUIT:
				dumpPools(os.Stderr)
			case syscall.SIGHUP:
				// sig_dump_state(): the per-server lines need the
				// engine's live states, which it does not expose yet
				w.Report.Warning("SIGHUP received, dumping servers states.")
			}
		}
	}
}

// softStop waits "grace" while listeners still accept (configuration.txt
// section 3.1), then stops the engine softly and the stats sockets. When
// the sockets go on serving in the next process, closing ours leaves the
// connections still queued to it, and the engine serves every connection
// it accepted before.
func (w *Worker) softStop(stopStats func()) {
	stop := func() {
		stopStats()
		w.Engine.SoftStop()
	}
	if w.Grace <= 0 {
		stop()
		return
	}
	time.AfterFunc(w.Grace, stop)
}
