// Package daemon is keepalived's running mode (core/main.c, keepalived(8)):
// it loads the configuration, detaches unless told not to, writes the
// pidfiles, runs the VRRP engine and the checker side, tells systemd how
// it goes (sd_notify), and acts on keepalived's signals: SIGHUP reloads,
// SIGTERM/SIGINT stop, SIGUSR1/SIGUSR2/the JSON and STATS_CLEAR signals
// write keepalived's dump files.
//
// keepalived runs a parent process and one child per subsystem; hakeep
// runs one process that plays all of them: every pidfile holds its pid,
// every signal sent to any of them does what it would do, and each
// subsystem logs under its keepalived process name (Keepalived,
// Keepalived_vrrp, Keepalived_healthcheckers).
package daemon

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"os"
	"os/signal"
	"strings"
	"sync"
	"syscall"
	"time"

	"hakeep/keepalived/config"
	"hakeep/keepalived/kalog"
)

// Version is the keepalived release hakeep behaves as, as its log and
// -v print it.
const Version = "Keepalived v2.2.7 (01/16,2022)"

// Exit statuses (core/main.h).
const (
	exitOK       = 0
	exitFatal    = 1
	exitNoConfig = 6
)

// Options are the command line options running mode acts on.
type Options struct {
	// Args is the command line as given, program first ("Command line:"
	// log line, re-execution when detaching).
	Args       []string
	ConfigFile string
	Load       config.Options
	// OnlyVRRP is -P, OnlyCheck -C, All --all.
	OnlyVRRP, OnlyCheck, All bool
	// LogConsole is -l, LogDetail -D, NoSyslog -G; Facility the syslog
	// facility of -S (0: LOG_DAEMON).
	LogConsole, LogDetail, NoSyslog bool
	Facility                        int
	// DontFork is -n; Detached says this process is the background one a
	// start without -n started.
	DontFork, Detached bool
	// ReleaseVIPs is -X, DontReleaseVRRP -V, DontReleaseIPVS -I.
	ReleaseVIPs, DontReleaseVRRP, DontReleaseIPVS bool
	// PIDFile is -p, VRRPPIDFile -r, CheckersPIDFile -c, BFDPIDFile -b.
	PIDFile, VRRPPIDFile, CheckersPIDFile, BFDPIDFile string
}

// Deps are the daemon's collaborators; zero values are the real ones.
type Deps struct {
	// Stderr receives the console log (-l); nil is os.Stderr.
	Stderr io.Writer
	// Syslog is the syslog socket; "" is /dev/log.
	Syslog string
	// Checkers builds the checker side; nil: this build has none.
	Checkers NewCheckers
	// DumpDir is where the dump files go; "" is /tmp.
	DumpDir string
	// Signals, when set, replaces the process's signal delivery (tests).
	Signals <-chan os.Signal
}

// Run is keepalived without -t; it returns the exit status.
func Run(o Options, d Deps) int {
	if d.Stderr == nil {
		d.Stderr = os.Stderr
	}
	if d.Syslog == "" {
		d.Syslog = "/dev/log"
	}
	if d.DumpDir == "" {
		d.DumpDir = "/tmp"
	}
	lo := kalog.Options{Syslog: d.Syslog, Facility: o.Facility, Detail: o.LogDetail, PID: os.Getpid()}
	if o.LogConsole {
		lo.Console = d.Stderr
	}
	if o.NoSyslog {
		lo.Syslog = ""
	}
	sink := kalog.New(lo)
	defer sink.Close()
	p := &process{o: o, d: d, sink: sink, log: sink.Logger("Keepalived"), pid: os.Getpid()}
	return p.run()
}

// process is one running keepalived.
type process struct {
	o    Options
	d    Deps
	sink *kalog.Sink
	log  *slog.Logger
	pid  int

	cfg      *config.Config
	pids     PIDFiles
	written  []string
	sd       *notifier
	vrrp     *vrrpSide
	checkers Checkers
	cancel   context.CancelFunc
	wg       sync.WaitGroup
	vrrpLog  *slog.Logger
	checkLog *slog.Logger
}

func (p *process) run() int {
	// Catch the signals first: one that comes while the configuration is
	// read waits instead of killing the process (SIGUSR1/2 would).
	sigs := p.d.Signals
	if sigs == nil {
		ch := make(chan os.Signal, 8)
		signal.Notify(ch, handledSignals()...)
		defer signal.Stop(ch)
		sigs = ch
	}
	if !p.o.Detached {
		p.log.Info("Starting " + Version)
		p.log.Info("Running on " + uname() + " (built for Linux 5.19.11)")
		var quoted []string
		for _, a := range p.o.Args {
			quoted = append(quoted, "'"+a+"'")
		}
		p.log.Info("Command line: " + strings.Join(quoted, " "))
	}
	res := config.Load(p.o.ConfigFile, p.o.Load)
	if res.NoConfig {
		p.logMessages(res, config.ReadingParent)
		p.log.Info("Stopped " + Version)
		return exitNoConfig
	}
	if !p.o.Detached {
		p.log.Info("Configuration file " + p.o.ConfigFile)
		p.logMessages(res, config.ReadingParent)
	}
	if !p.o.DontFork && !p.o.Detached {
		if err := detach(p.o.Args); err != nil {
			p.log.Error(err.Error())
			return exitFatal
		}
		return exitOK
	}
	p.cfg = res.Config
	p.pids = pidFiles(p.o.PIDFile, p.o.VRRPPIDFile, p.o.CheckersPIDFile, p.o.BFDPIDFile, p.cfg.Global.UsePIDDir)
	if running(p.pids.Main, p.pid) {
		p.log.Info("daemon is already running")
		return exitOK
	}

	p.sd = newNotifier(p.pid)
	p.sd.hello()
	if err := p.writePID(p.pids.Main); err != nil {
		p.log.Error(err.Error())
		return exitFatal
	}
	ctx, cancel := context.WithCancel(context.Background())
	p.cancel = cancel
	defer cancel()
	if err := p.start(ctx, res); err != nil {
		p.log.Error(err.Error())
		p.stop()
		p.removePIDs()
		return exitFatal
	}
	if p.vrrp == nil && p.checkers == nil {
		// Nothing to run: keepalived says so and waits for signals
		// (core/main.c start_keepalived).
		p.log.Info("Warning - keepalived has no configuration to run")
	} else {
		p.log.Info("Startup complete")
	}
	p.sd.ready()
	for s := range sigs {
		switch actionOf(s) {
		case actStop:
			p.log.Info("Stopping")
			p.sd.stopping()
			p.stop()
			p.removePIDs()
			p.log.Info("Stopped " + Version)
			return exitOK
		case actReload:
			p.reload(ctx)
		case actData:
			p.dumpData()
		case actStats:
			p.dumpStats(false)
		case actStatsClear:
			p.dumpStats(true)
		case actJSON:
			p.dumpJSON()
		}
	}
	return exitOK
}

// runsVRRP and runsCheckers say which of keepalived's children would run
// (core/main.c start_keepalived): a subsystem with configuration, or all
// with --all, as -P and -C select.
func (p *process) runsVRRP(cfg *config.Config) bool {
	return !p.o.OnlyCheck && (len(cfg.VRRP.Instances) > 0 || p.o.All)
}

func (p *process) runsCheckers(cfg *config.Config) bool {
	return !p.o.OnlyVRRP && (len(cfg.LVS.VirtualServers) > 0 || p.o.All)
}

// start starts the subsystems.
func (p *process) start(ctx context.Context, res *config.Result) error {
	cfg := res.Config
	p.vrrpLog = p.sink.Logger("Keepalived_vrrp")
	p.checkLog = p.sink.Logger("Keepalived_healthcheckers")
	if cfg.Global.MaxAutoPriority == nil {
		p.log.Info("NOTICE: setting config option max_auto_priority should result in better keepalived performance")
	}
	if p.runsVRRP(cfg) {
		if err := p.writePID(p.pids.VRRP); err != nil {
			return err
		}
		p.log.Info(fmt.Sprintf("Starting VRRP child process, pid=%d", p.pid))
		p.logMessages(res, config.ReadingVRRP)
		v, err := newVRRPSide(cfg, p.o, p.vrrpLog)
		if err != nil {
			return err
		}
		p.vrrp = v
		p.wg.Add(1)
		go func() {
			defer p.wg.Done()
			if err := v.run(ctx); err != nil {
				p.vrrpLog.Error(err.Error())
			}
		}()
	}
	if p.runsCheckers(cfg) {
		if p.d.Checkers == nil {
			p.log.Warn("hakeep: this build has no checker side - virtual_server configuration ignored")
			return nil
		}
		if err := p.writePID(p.pids.Checkers); err != nil {
			return err
		}
		p.log.Info(fmt.Sprintf("Starting Healthcheck child process, pid=%d", p.pid))
		p.logMessages(res, config.ReadingChecker)
		c, err := p.d.Checkers(cfg, CheckerEnv{Log: p.checkLog, DontReleaseIPVS: p.o.DontReleaseIPVS})
		if err != nil {
			return err
		}
		p.checkers = c
		p.wg.Add(1)
		go func() {
			defer p.wg.Done()
			if err := c.Run(ctx); err != nil {
				p.checkLog.Error(err.Error())
			}
		}()
	}
	return nil
}

// stop stops the subsystems and waits for them (vrrp_daemon.c
// vrrp_shutdown: masters send priority 0 and release their addresses,
// STOP is reported, the notify scripts get their second).
func (p *process) stop() {
	p.cancel()
	p.wg.Wait()
	if p.vrrp != nil {
		ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
		p.vrrp.close(ctx)
		cancel()
		p.vrrpLog.Info("Stopped")
	}
	if p.checkers != nil {
		p.checkLog.Info("Stopped")
	}
}

// reload is SIGHUP (core/main.c reload_config, vrrp_daemon.c
// reload_vrrp_thread): the configuration is read again and each
// subsystem applies what changed. A configuration that cannot be read
// leaves everything as it is.
func (p *process) reload(ctx context.Context) {
	p.log.Info("Reloading ...")
	p.sd.reloading()
	p.sd.ready()
	res := config.Load(p.o.ConfigFile, p.o.Load)
	if res.NoConfig {
		p.logMessages(res, config.ReadingParent)
		return
	}
	p.log.Info("Configuration file " + p.o.ConfigFile)
	p.logMessages(res, config.ReadingParent)
	cfg := res.Config
	if p.vrrp != nil {
		p.vrrpLog.Info("Reloading")
		p.logMessages(res, config.ReadingVRRP)
		if err := p.vrrp.reload(ctx, cfg); err != nil {
			p.vrrpLog.Error("reload: " + err.Error())
		}
	}
	if p.checkers != nil {
		p.checkLog.Info("Reloading")
		p.logMessages(res, config.ReadingChecker)
		if err := p.checkers.Reload(ctx, cfg); err != nil {
			p.checkLog.Error("reload: " + err.Error())
		}
	}
	p.cfg = cfg
	p.log.Info("Reload complete")
}

// logMessages logs the configuration messages of one reading under its
// process's name, as keepalived's processes log them while reading.
func (p *process) logMessages(res *config.Result, r config.Reading) {
	log := p.log
	switch r {
	case config.ReadingVRRP:
		log = p.vrrpLog
	case config.ReadingChecker:
		log = p.checkLog
	}
	for _, m := range res.Messages {
		if m.Reading == r || r == config.ReadingParent && m.Reading == config.ReadingNone {
			log.Info(m.String())
		}
	}
}

func (p *process) writePID(path string) error {
	if err := writePID(path, p.pid); err != nil {
		return err
	}
	p.written = append(p.written, path)
	return nil
}

func (p *process) removePIDs() {
	for _, f := range p.written {
		os.Remove(f)
	}
	p.written = nil
}

// uname is "Linux RELEASE VERSION" as keepalived's startup line prints it.
func uname() string {
	var u syscall.Utsname
	if syscall.Uname(&u) != nil {
		return "Linux"
	}
	str := func(b []int8) string {
		var s []byte
		for _, c := range b {
			if c == 0 {
				break
			}
			s = append(s, byte(c))
		}
		return string(s)
	}
	return str(u.Sysname[:]) + " " + str(u.Release[:]) + " " + str(u.Version[:])
}
