package main

import (
	"context"
	"os"
	"os/signal"
	"strconv"
	"strings"
	"syscall"
	"time"

	"golang.org/x/sys/unix"

	"hakeep/haproxy/config"
	"hakeep/haproxy/limits"
	"hakeep/haproxy/listenfds"
	"hakeep/haproxy/mworker"
	"hakeep/parser"
)

// runMaster is a master loading its configuration: at start-up, and after
// each reload, when it re-executed itself. It binds the listening sockets
// (taking the current worker's with -x sockpair@N), starts a worker on
// them, then re-executes itself in its wait mode, where it stays until
// the next reload (main() and mworker_reexec_waitmode() of 2.6). Any
// failure here during a reload sends the master back to waiting with
// its old workers (loadingFailed).
func (c *cli) runMaster(opts *Options, res *config.Result, daemon bool) int {
	cfg := res.Config
	_, reexec := c.lookupEnv(mworker.EnvReexec)
	var st mworker.State
	var self *mworker.Proc
	var procs []*mworker.Proc
	if reexec {
		var err error
		st, err = mworker.DecodeState(c.lookupEnvOrEmpty(mworker.EnvState))
		if err != nil {
			c.rep.emit(parser.SevAlert, err.Error())
			return 1
		}
		procs = mworker.Decode(c.lookupEnvOrEmpty(mworker.EnvProcesses))
		if self = mworker.Find(procs, c.pid); self != nil {
			procs = removeProc(procs, self)
		}
	} else {
		st = mworker.NewState()
		st.BootCur, st.BootMax = bootLimits()
		st.Systemd = opts.Systemd
		if daemon {
			if f := c.readyPipe(); f != nil {
				// a bare descriptor: it must live through
				// re-executions, not be collected with an os.File
				st.ReadyFD, _ = unix.FcntlInt(f.Fd(), unix.F_DUPFD_CLOEXEC, 3)
				f.Close()
			}
		}
	}
	if self == nil {
		self = &mworker.Proc{Kind: mworker.KindMaster, PID: c.pid, Timestamp: time.Now().Unix(), IPC: -1, Version: "(null)"}
	}
	for _, fd := range mworker.KeptFDs(procs, st) {
		unix.CloseOnExec(fd)
	}
	os.Unsetenv(envRole)
	os.Setenv("HAPROXY_MWORKER", "1")

	bs := listenfds.Bindings(cfg, 0)
	lim, status := c.setLimits(opts, cfg, len(bs), st.BootCur, st.BootMax)
	if status != 0 {
		return status
	}
	bs = listenfds.Bindings(cfg, lim.MaxConn)
	old, _ := c.oldSockets(opts, false)
	set, status := c.bindAll(opts, cfg, bs, old)
	if status != 0 {
		return status
	}
	defer set.Close()
	if !reexec && opts.Quietly() && !daemon {
		// -q: nothing more on the terminal (main() of 2.6)
		stdioQuiet()
	}
	if !reexec {
		var names []string
		for _, spec := range opts.MasterCLI {
			s, err := bindMasterCLI(spec, c.pid)
			if err != nil {
				c.rep.emit(parser.SevAlert, err.Error())
				c.rep.emit(parser.SevAlert, "Can't create the master's CLI.")
				return 1
			}
			st.CLI = append(st.CLI, s)
			names = append(names, s.Name)
		}
		if len(names) > 0 {
			os.Setenv("HAPROXY_MASTER_CLI", strings.Join(names, ";"))
		}
	}
	if path := c.pidFile(opts, cfg); path != "" {
		if s := c.writePIDFile(path, c.pid); s != 0 {
			return s
		}
	}
	st.MaxReloads = -1
	if cfg.Global.MworkerMaxReloads > 0 {
		st.MaxReloads = cfg.Global.MworkerMaxReloads
	}
	st.NoExitOnFailure = cfg.Global.MasterWorkerNoExitOnFailure
	applyEnvOps(cfg.Global.Env)

	w, status := c.startWorker(set, lim)
	if status != 0 {
		return status
	}
	procs = append(procs, w)
	if daemon {
		// a daemon's master leaves the terminal once its worker runs,
		// before it says so (main() of 2.6)
		stdioQuiet()
	}
	c.rep.emit(parser.SevNotice, "Loading success.")
	self.FailedReloads = 0
	st.Pending = w.PID
	st.OldPIDs, st.OldSignal = opts.OldPIDs, int(opts.OldPIDsSignal)
	if len(st.OldPIDs) > 0 && st.OldSignal == 0 {
		st.OldSignal = int(syscall.SIGUSR1)
	}
	set.Close()

	// the wait mode starts from a fresh image, as 2.6's does to give
	// the configuration's memory back
	err := c.masterExec(opts, st).Run(self, procs, st, true)
	c.rep.emit(parser.SevWarning, "Failed to reexecute the master process ["+strconv.Itoa(c.pid)+"]: "+errnoText(err))
	// waiting in this image is still better than leaving the worker
	sigs := make(chan os.Signal, 16)
	signal.Notify(sigs, mworker.HandledSignals()...)
	return c.masterLoop(opts, self, procs, st, sigs)
}

// startWorker starts a worker on the set: one end of a new socketpair and
// the sockets as its extra files, its role in its environment.
func (c *cli) startWorker(set *listenfds.Set, lim limits.Result) (*mworker.Proc, int) {
	mEnd, wEnd, err := mworker.NewIPC()
	if err != nil {
		c.rep.emit(parser.SevAlert, "["+c.argv[0]+".main()] Cannot fork.")
		return nil, 1
	}
	wf := os.NewFile(uintptr(wEnd), "ipc")
	defer wf.Close()
	env := childEnv(roleWorker,
		envIPC+"=3",
		listenfds.EnvVar+"="+set.Encode(4),
		envLimits+"="+encodeLimits(lim))
	env = withoutVars(env, mworker.EnvProcesses, mworker.EnvReexec, mworker.EnvWaitOnly)
	cmd, err := spawnSelf(c.argv, env, append([]*os.File{wf}, set.Files()...), false)
	if err != nil {
		unix.Close(mEnd)
		c.rep.emit(parser.SevAlert, "["+c.argv[0]+".main()] Cannot fork.")
		return nil, 1
	}
	pid := cmd.Process.Pid
	// the master reaps its children itself (wait4), in this image or
	// the next
	cmd.Process.Release()
	c.rep.emit(parser.SevNotice, "New worker ("+strconv.Itoa(pid)+") forked")
	return &mworker.Proc{Kind: mworker.KindWorker, PID: pid, Timestamp: time.Now().Unix(), Version: haproxyVersion, IPC: mEnd}, 0
}

// withoutVars drops variables from an environment.
func withoutVars(env []string, names ...string) []string {
	var out []string
outer:
	for _, kv := range env {
		k, _, _ := strings.Cut(kv, "=")
		for _, n := range names {
			if k == n {
				continue outer
			}
		}
		out = append(out, kv)
	}
	return out
}

// masterWait is the master's wait mode (HAPROXY_MWORKER_WAIT_ONLY): no
// configuration is read; the process list and the state come from the
// environment the previous image left.
func (c *cli) masterWait(opts *Options) int {
	sigs := make(chan os.Signal, 16)
	signal.Notify(sigs, mworker.HandledSignals()...)
	st, err := mworker.DecodeState(c.lookupEnvOrEmpty(mworker.EnvState))
	if err != nil {
		c.rep.emit(parser.SevAlert, err.Error())
		return 1
	}
	procs := mworker.Decode(c.lookupEnvOrEmpty(mworker.EnvProcesses))
	self := mworker.Find(procs, c.pid)
	if self == nil {
		c.rep.emit(parser.SevWarning, "The master internals are corrupted or it was started with a too old version (< 1.9). Please restart the master process.")
		self = &mworker.Proc{Kind: mworker.KindMaster, PID: c.pid, IPC: -1, Version: "(null)"}
	} else {
		procs = removeProc(procs, self)
	}
	for _, k := range []string{mworker.EnvProcesses, mworker.EnvState, mworker.EnvWaitOnly} {
		os.Unsetenv(k)
	}
	for _, fd := range mworker.KeptFDs(procs, st) {
		unix.CloseOnExec(fd)
	}
	return c.masterLoop(opts, self, procs, st, sigs)
}

// masterLoop runs the waiting master.
func (c *cli) masterLoop(opts *Options, self *mworker.Proc, procs []*mworker.Proc, st mworker.State, sigs chan os.Signal) int {
	m := &mworker.Master{
		Self:    self,
		Procs:   procs,
		State:   st,
		Version: haproxyVersion,
		Report:  msgs{c.rep},
		Signals: sigs,
		CLI:     cliListeners(st.CLI),
		Detach:  stdioQuiet,
	}
	if st.Systemd {
		m.Notify = c.notifier()
	}
	m.Reexec = func(self *mworker.Proc, procs []*mworker.Proc) error {
		return c.masterExec(opts, m.State).Run(self, procs, m.State, false)
	}
	return m.Run(context.Background())
}
