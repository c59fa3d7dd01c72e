package main

import (
	"context"
	"errors"
	"io"
	"log/slog"
	"net"
	"os"
	"os/signal"
	"runtime"
	"strings"
	"syscall"
	"time"

	"hakeep/haproxy/limits"
	"hakeep/haproxy/listenfds"
	"hakeep/haproxy/sockxfer"
	"hakeep/haproxy/worker"
	"hakeep/parser"
	"hakeep/proxy"
	"hakeep/proxy/check"
	"hakeep/proxy/engine"
	"hakeep/proxy/listener"
)

// oldSockets is -x: the listening sockets of the process being replaced,
// fetched over its stats socket (or a master's socketpair) with
// "_getsocks" (management.txt section 4). A failure is fatal unless a
// master reloads, which binds anew instead.
func (c *cli) oldSockets(opts *Options, fatal bool) ([]sockxfer.Socket, int) {
	if opts.OldSocket == "" || opts.OldSocket == "/dev/null" {
		return nil, 0
	}
	var socks []sockxfer.Socket
	conn, err := sockxfer.Dial(opts.OldSocket)
	if err == nil {
		socks, err = sockxfer.Receive(conn)
		conn.Close()
	}
	if err != nil {
		c.rep.emit(parser.SevWarning, upperFirst(err.Error()))
		c.rep.emit(parser.SevAlert, "Failed to get the sockets from the old process!")
		if fatal {
			return nil, 1
		}
	}
	return socks, 0
}

func upperFirst(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

// bindAll binds every listening socket, taking the old process' ones
// where it can. While ports are taken by processes about to be replaced
// (-sf/-st without -x), they are asked to pause (SIGTTOU) and the bind is
// retried every 10 ms for a second; if it still fails they are resumed
// (SIGTTIN) and the start fails (main() of 2.6).
func (c *cli) bindAll(opts *Options, cfg *proxy.Config, bs []listenfds.Binding, old []sockxfer.Socket) (*listenfds.Set, int) {
	o := listener.OpenOptions{
		NoReusePort: opts.DisableReusePort || cfg.Global.NoReusePort,
		UnixBind:    cfg.Global.UnixBind,
		PID:         c.pid,
	}
	paused := false
	for retry := 100; ; retry-- {
		set, warns, errs := listenfds.Open(bs, o, old)
		old = nil
		if len(errs) == 0 {
			for _, w := range warns {
				c.rep.emit(parser.SevWarning, w)
			}
			return set, 0
		}
		if retry > 0 && len(opts.OldPIDs) > 0 && retryable(errs) {
			set.Close()
			if !tellPIDs(opts.OldPIDs, syscall.SIGTTOU) {
				retry = 1
			}
			paused = true
			time.Sleep(10 * time.Millisecond)
			continue
		}
		set.Close()
		for _, err := range errs {
			c.rep.emit(parser.SevAlert, err.Error())
		}
		c.rep.emit(parser.SevAlert, "["+c.argv[0]+".main()] Some protocols failed to start their listeners! Exiting.")
		if paused {
			tellPIDs(opts.OldPIDs, syscall.SIGTTIN)
		}
		return nil, 1
	}
}

// retryable is a bind failure another process may release.
func retryable(errs []error) bool {
	for _, err := range errs {
		if !errors.Is(err, syscall.EADDRINUSE) && !strings.Contains(err.Error(), "Address already in use") {
			return false
		}
	}
	return true
}

// tellPIDs is tell_old_pids(): it reports whether any process got the
// signal.
func tellPIDs(pids []int, sig syscall.Signal) bool {
	ok := false
	for _, p := range pids {
		if syscall.Kill(p, sig) == nil {
			ok = true
		}
	}
	return ok
}

// writePIDFile is 2.6's pidfile: removed, created anew, the PID and a
// newline.
func (c *cli) writePIDFile(path string, pid int) int {
	os.Remove(path)
	if err := os.WriteFile(path, []byte(itoaPID(pid)+"\n"), 0o644); err != nil {
		c.rep.emit(parser.SevAlert, "["+c.argv[0]+".main()] Cannot create pidfile "+path)
		return 1
	}
	return 0
}

func (c *cli) pidFile(opts *Options, cfg *proxy.Config) string {
	if opts.PIDFile != "" {
		return opts.PIDFile
	}
	return cfg.Global.PIDFile
}

// serveSockets runs the engine on the bound sockets in this process:
// the foreground process, the daemon, a master's worker. ready is called
// once it serves; daemon detaches from the terminal then.
func (c *cli) serveSockets(opts *Options, cfg *proxy.Config, set *listenfds.Set, lim limits.Result, ipc *net.UnixConn, sigs <-chan os.Signal, ready func()) int {
	g := &cfg.Global
	runtime.GOMAXPROCS(nbThread(g))
	if cpus, ok := worker.CPUSet(g.CPUMap); ok {
		if err := worker.Pin(cpus); err != nil {
			c.rep.emit(parser.SevWarning, err.Error())
		}
	}
	lg, err := c.newTrafficLogger(cfg)
	if err != nil {
		c.rep.emit(parser.SevAlert, err.Error())
		return 1
	}
	start := time.Now()
	w := &worker.Worker{}
	e, err := engine.New(cfg, engine.Deps{
		StatsInfo:   c.processInfo(cfg, lim, start),
		Log:         slog.New(&reportHandler{rep: c.rep}),
		Traffic:     lg,
		CheckLog:    func(be string) check.Logger { return lg.Proxy(be) },
		CheckStderr: c.checkStderr(),
		ProxyLog:    proxyLog(lg),
		GlobalConns: w.GlobalConns,
		Inherited: func(key string) *os.File {
			if so := set.Lookup(key); so != nil {
				return so.File
			}
			return nil
		},
		PID:         c.pid,
		NoReusePort: opts.DisableReusePort,
		MaxConn:     lim.MaxConn,
		MaxPConn:    int(opts.MaxPConn),
	})
	if err != nil {
		c.rep.emit(parser.SevAlert, err.Error())
		return 1
	}
	if err := e.Open(); err != nil {
		for _, line := range strings.Split(err.Error(), "\n") {
			c.rep.emit(parser.SevAlert, line)
		}
		c.rep.emit(parser.SevAlert, "["+c.argv[0]+".main()] Some protocols failed to start their listeners! Exiting.")
		return 1
	}
	id := worker.Identity{Chroot: g.Chroot, UID: g.UID, GID: g.GID}
	if err := id.Apply(c.argv[0], func(w string) { c.rep.emit(parser.SevWarning, w) }); err != nil {
		c.rep.emit(parser.SevAlert, err.Error())
		return 1
	}
	// from now on the process runs: no more version notices
	// (MODE_STARTING is cleared)
	c.rep.shown = true
	defer c.startCPUProfile()()
	*w = worker.Worker{
		Engine:       loggedEngine{e, lg},
		Sockets:      set,
		IPC:          ipc,
		Signals:      sigs,
		Report:       msgs{c.rep},
		Grace:        g.Grace,
		StatsTimeout: g.Stats.Timeout,
		Ready:        ready,
		KeepSockets:  ipc != nil || exposesFDs(set),
		Commands:     runtimeCommands{c.newRuntimeAPI(e, cfg, lim, start)},
	}
	return w.Run(context.Background())
}

// exposesFDs reports whether a stats socket may hand the sockets over
// ("expose-fd listeners").
func exposesFDs(set *listenfds.Set) bool {
	for _, so := range set.Sockets {
		if so.Stats && so.ExposeFD == "listeners" {
			return true
		}
	}
	return false
}

// notifySignals subscribes to the signals a serving process acts on; the
// sooner, the fewer are lost while it starts.
func notifySignals() chan os.Signal {
	sigs := make(chan os.Signal, 8)
	signal.Notify(sigs, worker.HandledSignals()...)
	return sigs
}

func itoaPID(pid int) string {
	var b [20]byte
	i := len(b)
	for {
		i--
		b[i] = byte('0' + pid%10)
		pid /= 10
		if pid == 0 {
			return string(b[i:])
		}
	}
}

// checkStderr is where health-check notifications are printed besides the
// logs: stderr, as 2.6 prints them while it has a terminal, unless -q.
func (c *cli) checkStderr() io.Writer {
	if c.rep.quiet {
		return nil
	}
	return c.stderr
}
