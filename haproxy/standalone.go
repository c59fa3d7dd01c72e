package main

import (
	"os"
	"syscall"

	"hakeep/haproxy/config"
	"hakeep/haproxy/listenfds"
	"hakeep/parser"
)

// runStandalone is a process that serves by itself: in the foreground,
// or as the daemon of -D. It binds (or takes the old process' sockets
// with -x), writes the pidfile when it is a daemon, drops its
// privileges, serves, and tells the processes of -sf/-st to finish or to
// terminate once it does (main() of 2.6).
func (c *cli) runStandalone(opts *Options, res *config.Result, daemon bool) int {
	sigs := notifySignals()
	var ready *os.File
	if daemon {
		ready = c.readyPipe()
	}
	os.Unsetenv(envRole)
	cfg := res.Config
	applyEnvOps(cfg.Global.Env)

	bootCur, bootMax := bootLimits()
	bs := listenfds.Bindings(cfg, 0)
	lim, status := c.setLimits(opts, cfg, len(bs), bootCur, bootMax)
	if status != 0 {
		return status
	}
	bs = listenfds.Bindings(cfg, lim.MaxConn)
	old, status := c.oldSockets(opts, true)
	if status != 0 {
		return status
	}
	set, status := c.bindAll(opts, cfg, bs, old)
	if status != 0 {
		return status
	}
	if len(set.Sockets) == 0 || res.NoListener {
		c.rep.emit(parser.SevAlert, "["+c.argv[0]+".main()] No enabled listener found (check for 'bind' directives) ! Exiting.")
		return 1
	}
	// only a daemon (or a master) writes the pidfile in 2.6
	if path := c.pidFile(opts, cfg); daemon && path != "" {
		if st := c.writePIDFile(path, c.pid); st != 0 {
			return st
		}
	}
	if opts.Quietly() && !daemon {
		stdioQuiet()
	}
	return c.serveSockets(opts, cfg, set, lim, nil, sigs, func() {
		if len(opts.OldPIDs) > 0 {
			sig := opts.OldPIDsSignal
			if sig == 0 {
				sig = syscall.SIGUSR1
			}
			tellPIDs(opts.OldPIDs, sig)
		}
		if ready != nil {
			ready.Write([]byte("READY\n"))
			ready.Close()
			stdioQuiet()
		}
	})
}
