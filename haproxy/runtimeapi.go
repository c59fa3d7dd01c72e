package main

import (
	"io"
	"runtime"
	"syscall"
	"time"

	"hakeep/haproxy/limits"
	"hakeep/haproxy/mworker"
	"hakeep/proxy"
	"hakeep/proxy/acl"
	runtimeapi "hakeep/proxy/cli"
	"hakeep/proxy/engine"
	"hakeep/proxy/stats"
	"hakeep/proxy/tlsconf"
)

// runtimeCommands is the worker's Runtime API (proxy/cli) over the
// engine, under the worker's CLI sessions (haproxy/worker.Commands).
type runtimeCommands struct {
	api *runtimeapi.API
}

func (r runtimeCommands) Exec(args []string, payload string, level mworker.Level, out io.Writer) {
	r.api.Exec(args, payload, runtimeapi.Level(level), out)
}

// newRuntimeAPI builds the Runtime API of a serving process started at
// start with limits lim.
func (c *cli) newRuntimeAPI(e *engine.Engine, cfg *proxy.Config, lim limits.Result, start time.Time) *runtimeapi.API {
	opt := runtimeapi.Options{Process: c.processInfo(cfg, lim, start)}
	opt.Patterns, _ = cfg.Patterns.(*acl.Env)
	if rt, ok := cfg.TLS.(*tlsconf.Runtime); ok {
		opt.Certs = rt.Store
	}
	return runtimeapi.New(e.Runtime(), opt)
}

// processInfo fills what the process knows of "show info" and of the
// stats page's header (stats_fill_info()).
func (c *cli) processInfo(cfg *proxy.Config, lim limits.Result, start time.Time) func(*stats.Process) {
	g := &cfg.Global
	return func(p *stats.Process) {
		p.Name = "HAProxy"
		p.Version = haproxyVersion
		p.ReleaseDate = hakeepDate
		p.BuildInfo = haproxyVersion
		p.Nbthread = nbThread(g)
		p.PID = c.pid
		p.Start = start
		p.Node = c.hostname
		var rl syscall.Rlimit
		if syscall.Getrlimit(syscall.RLIMIT_NOFILE, &rl) == nil {
			p.UlimitN = int(rl.Cur)
		}
		p.Maxsock = lim.MaxSock
		if p.Maxsock == 0 {
			p.Maxsock = p.UlimitN
		}
		p.HardMaxconn = lim.MaxConn
		// Go's heap stands for 2.6's memory pools
		var ms runtime.MemStats
		runtime.ReadMemStats(&ms)
		p.PoolAlloc, p.PoolUsed = ms.HeapSys, ms.HeapAlloc
		p.Tasks = runtime.NumGoroutine()
		p.IdlePct = idlePercent(start, p.Nbthread)
	}
}

// idlePercent is the share of the process' threads' time not spent on
// the CPU since start, measured from getrusage (2.6 measures it over the
// last second per thread; a process-wide average is what Go can tell).
func idlePercent(start time.Time, threads int) int {
	var ru syscall.Rusage
	if syscall.Getrusage(syscall.RUSAGE_SELF, &ru) != nil || threads <= 0 {
		return 100
	}
	cpu := time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
	wall := time.Since(start) * time.Duration(threads)
	if wall <= 0 {
		return 100
	}
	busy := int(100 * cpu / wall)
	return max(0, min(100, 100-busy))
}
