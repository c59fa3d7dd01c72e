package main

import (
	"bytes"
	"os"
	"strconv"
	"strings"

	"hakeep/haproxy/config"
	"hakeep/haproxy/mworker"
	"hakeep/parser"
)

// The process model of HAProxy 2.6 (management.txt section 4,
// configuration.txt section 3.1): one process in the foreground; one
// detached process with -D; a master and its workers with -W, -Ws or
// "master-worker". Go cannot fork, so where 2.6 forks the program starts
// itself again with the child's role in its environment (role.go); the
// master re-executes itself like 2.6's.

// startProcess is the running mode: load the configuration as 2.6 does at
// start-up, then run in the mode the command line and the global section
// ask for.
func (c *cli) startProcess(opts *Options, files []string) int {
	role := c.roleOf()
	var res *config.Result
	var status int
	if role != roleNone {
		// the parent printed the configuration's messages already;
		// they only matter here if the files changed in between
		var buf bytes.Buffer
		w := c.rep.w
		c.rep.w = &buf
		res, status = c.loadConfig(opts, files)
		c.rep.w = w
		if status != 0 {
			c.stderr.Write(buf.Bytes())
			return status
		}
	} else {
		res, status = c.loadConfig(opts, files)
		if status != 0 {
			return status
		}
	}
	cfg := res.Config
	// the files read, for what the process starts (configuration.txt
	// section 2.3)
	os.Setenv("HAPROXY_CFGFILES", strings.Join(files, ";"))
	if role == roleWorker {
		return c.runWorker(opts, res)
	}
	_, reexec := c.lookupEnv(mworker.EnvReexec)
	masterWorker := opts.MasterWorker || cfg.Global.MasterWorker || reexec
	// -d and -db keep the process in the foreground, -D wins over the
	// configuration (init() of 2.6)
	daemon := (opts.Daemon || cfg.Global.Daemon && !opts.Foreground && !opts.Debug) && !opts.Systemd
	if opts.Debug && opts.Daemon {
		c.rep.emit(parser.SevWarning, "<debug> mode incompatible with <quiet> and <daemon>. Keeping <debug> only.")
		daemon = false
	}
	if daemon && role != roleDaemon && !reexec {
		return c.daemonize()
	}
	if masterWorker {
		return c.runMaster(opts, res, daemon)
	}
	return c.runStandalone(opts, res, daemon)
}

// loadingFailed is reexec_on_failure(): a master that re-executed itself
// to reload and could not load the new configuration goes on waiting for
// its workers, which keep serving the old one.
func (c *cli) loadingFailed(opts *Options) int {
	c.rep.emit(parser.SevWarning, "Loading failure!")
	st, err := mworker.DecodeState(c.lookupEnvOrEmpty(mworker.EnvState))
	if err != nil {
		c.rep.emit(parser.SevAlert, err.Error())
		return 1
	}
	procs := mworker.Decode(c.lookupEnvOrEmpty(mworker.EnvProcesses))
	self := mworker.Find(procs, c.pid)
	if self == nil {
		self = &mworker.Proc{Kind: mworker.KindMaster, PID: c.pid, IPC: -1, Version: "(null)"}
	} else {
		procs = removeProc(procs, self)
	}
	self.FailedReloads++
	st.Pending, st.OldPIDs = 0, nil
	x := c.masterExec(opts, st)
	err = x.Run(self, procs, st, true)
	c.rep.emit(parser.SevWarning, "Failed to reexecute the master process ["+strconv.Itoa(c.pid)+"]: "+errnoText(err))
	return 1
}

func removeProc(list []*mworker.Proc, p *mworker.Proc) []*mworker.Proc {
	var out []*mworker.Proc
	for _, q := range list {
		if q != p {
			out = append(out, q)
		}
	}
	return out
}

// masterExec is how this master re-executes itself.
func (c *cli) masterExec(opts *Options, st mworker.State) *mworker.Exec {
	return &mworker.Exec{
		Argv0:   c.argv[0],
		Args:    reexecArgs(c.argv),
		Notify:  c.notifier(),
		Systemd: st.Systemd,
	}
}

// lookupEnvOrEmpty is a variable's value, "" when unset.
func (c *cli) lookupEnvOrEmpty(name string) string {
	v, _ := c.lookupEnv(name)
	return v
}

// stdioQuiet points stdin, stdout and stderr to /dev/null, as a daemon
// detaches from its terminal (stdio_quiet()).
func stdioQuiet() {
	null, err := os.OpenFile(os.DevNull, os.O_RDWR, 0)
	if err != nil {
		return
	}
	defer null.Close()
	for fd := 0; fd <= 2; fd++ {
		dup3(int(null.Fd()), fd)
	}
}
