package main

import (
	"context"
	"log/slog"
	"os"
	"os/signal"
	"runtime/pprof"
	"strconv"
	"strings"
	"syscall"

	"hakeep/haproxy/config"
	"hakeep/parser"
	"hakeep/proxy/engine"
)

// serve is the running mode in the foreground (-db, -d, or a
// configuration without "daemon"): bind every listener, drop privileges,
// serve until a signal stops the process (management.txt section 4).
// Daemon and master-worker modes are the process model's; until it lands
// they run in the foreground with a warning.
func (c *cli) serve(opts *Options, res *config.Result) int {
	cfg := res.Config
	if res.NoListener {
		c.rep.emit(parser.SevAlert, "["+c.argv[0]+".main()] No enabled listener found (check for 'bind' directives) ! Exiting.")
		return 1
	}
	background := (opts.Daemon || cfg.Global.Daemon) && !opts.Foreground && !opts.Debug
	if background || opts.MasterWorker || opts.Systemd || cfg.Global.MasterWorker {
		c.rep.emit(parser.SevWarning, "hakeep "+hakeepVersion+": daemon and master-worker modes are not supported yet; staying in the foreground.")
	}
	e, err := engine.New(cfg, engine.Deps{
		Log:         slog.New(&reportHandler{rep: c.rep}),
		PID:         c.pid,
		NoReusePort: opts.DisableReusePort,
		MaxConn:     int(opts.MaxConn),
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
	pidfile := opts.PIDFile
	if pidfile == "" {
		pidfile = cfg.Global.PIDFile
	}
	if pidfile != "" {
		if err := os.WriteFile(pidfile, []byte(strconv.Itoa(c.pid)+"\n"), 0o644); err != nil {
			c.rep.emit(parser.SevAlert, "["+c.argv[0]+".main()] Cannot create pidfile "+pidfile)
			return 1
		}
	}
	if status := c.dropPrivileges(cfg.Global.UIDSet, cfg.Global.UID, cfg.Global.GIDSet, cfg.Global.GID); status != 0 {
		return status
	}

	if path := c.lookupEnvOr("HAKEEP_CPUPROFILE"); path != "" {
		// a CPU profile of the whole run, for "go tool pprof"
		if f, err := os.Create(path); err == nil {
			pprof.StartCPUProfile(f)
			defer func() { pprof.StopCPUProfile(); f.Close() }()
		}
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	sigs := make(chan os.Signal, 4)
	signal.Notify(sigs, syscall.SIGUSR1, syscall.SIGTERM, syscall.SIGINT, syscall.SIGTTOU, syscall.SIGTTIN, syscall.SIGHUP, syscall.SIGQUIT)
	defer signal.Stop(sigs)
	go func() {
		for s := range sigs {
			switch s {
			case syscall.SIGUSR1: // soft stop: finish what is in flight
				e.SoftStop()
			case syscall.SIGTERM, syscall.SIGINT: // hard stop
				cancel()
			case syscall.SIGTTOU:
				e.Pause()
			case syscall.SIGTTIN:
				e.Resume()
			}
		}
	}()
	if err := e.Run(ctx); err != nil {
		c.rep.emit(parser.SevAlert, err.Error())
		return 1
	}
	return 0
}

// lookupEnvOr is the variable's value, or "" when unset.
func (c *cli) lookupEnvOr(name string) string {
	v, _ := c.lookupEnv(name)
	return v
}

// dropPrivileges is the global "uid"/"user" and "gid"/"group" once the
// sockets are bound, as HAProxy does when started as root.
func (c *cli) dropPrivileges(uidSet bool, uid int, gidSet bool, gid int) int {
	if os.Geteuid() != 0 {
		return 0
	}
	if gidSet {
		if err := syscall.Setgroups(nil); err != nil {
			c.rep.emit(parser.SevAlert, "["+c.argv[0]+".main()] Failed to drop supplementary groups: "+errnoText(err))
			return 1
		}
		if err := syscall.Setgid(gid); err != nil {
			c.rep.emit(parser.SevAlert, "["+c.argv[0]+".main()] Cannot set gid "+strconv.Itoa(gid)+".")
			return 1
		}
	}
	if uidSet {
		if err := syscall.Setuid(uid); err != nil {
			c.rep.emit(parser.SevAlert, "["+c.argv[0]+".main()] Cannot set uid "+strconv.Itoa(uid)+".")
			return 1
		}
	}
	return 0
}

// reportHandler prints the engine's messages the way HAProxy prints its
// own: "[WARNING]  (pid) : text".
type reportHandler struct {
	rep *reporter
}

func (h *reportHandler) Enabled(_ context.Context, l slog.Level) bool { return l >= slog.LevelInfo }

func (h *reportHandler) Handle(_ context.Context, r slog.Record) error {
	sev := parser.SevNotice
	switch {
	case r.Level >= slog.LevelError:
		sev = parser.SevAlert
	case r.Level >= slog.LevelWarn:
		sev = parser.SevWarning
	}
	h.rep.emit(sev, r.Message)
	return nil
}

func (h *reportHandler) WithAttrs([]slog.Attr) slog.Handler { return h }
func (h *reportHandler) WithGroup(string) slog.Handler      { return h }
