package main

import (
	"fmt"
	"io"
	"strconv"
	"syscall"

	"github.com/spf13/pflag"
)

// Options is the command line of HAProxy 2.6 once read (management.txt
// section 3, src/haproxy.c init()). Every field means what its flag means
// to HAProxy; the engines that act on most of them (daemon, master-worker,
// seamless reloads, the master CLI) read them from here.
type Options struct {
	// Version is -v: print the version and exit 0. BuildOptions is -vv:
	// also print the build options and features.
	Version, BuildOptions bool
	// Check is -c: validate the configuration and exit.
	Check bool
	// Condition is the argument of -cc, evaluated instead of anything
	// else; HasCondition says -cc was given.
	Condition    string
	HasCondition bool
	// Files are the configuration files and directories of every -f and
	// of the arguments after "--", in order.
	Files []string

	// Quiet is -q: print nothing but -dD's diagnostics. Verbose is -V and
	// overrides it.
	Quiet, Verbose bool
	// Debug is -d (and any -dX HAProxy does not know): foreground,
	// verbose, logs on stderr. Foreground is -db: only stay attached.
	Debug, Foreground bool
	// Daemon is -D. MasterWorker is -W or -Ws; Systemd is -Ws, which also
	// implies Foreground and reports readiness with sd_notify.
	Daemon, MasterWorker, Systemd bool
	// Diag is -dD: report suspicious configuration (DIAG messages).
	Diag bool
	// ZeroWarning is -dW: a warning makes the configuration fail.
	ZeroWarning bool

	// -de, -dp, -dS, -dG, -dR: disable epoll, poll, splice,
	// getaddrinfo() and SO_REUSEPORT.
	DisableEpoll, DisablePoll, DisableSplice, DisableGetaddrinfo, DisableReusePort bool
	// SSLVerifyNone is -dV: do not verify servers' certificates.
	SSLVerifyNone bool
	// ResolveDontFail is -dr: an unresolvable server address at start-up
	// is not an error.
	ResolveDontFail bool
	// DumpLibs is -dL: list the loaded object files after the checks.
	DumpLibs bool
	// DumpKeywords is the class list of -dK; HasDumpKeywords says it was
	// given.
	DumpKeywords    string
	HasDumpKeywords bool
	// MemoryDebug are the -dM arguments, in order. They tune HAProxy's
	// memory pools and have no effect on Go's allocator.
	MemoryDebug []string

	// OldPIDs are the processes of -sf/-st, told to finish (SIGUSR1, -sf)
	// or to terminate (SIGTERM, -st) once the new one is ready; the last
	// of the two flags chooses OldPIDsSignal for all of them.
	OldPIDs       []int
	OldPIDsSignal syscall.Signal
	// OldSocket is -x: the stats socket to fetch listening sockets from.
	OldSocket string
	// MasterCLI are the -S arguments ("<bind>[,<bind options>...]") in
	// the order HAProxy keeps them: the last given first.
	MasterCLI []string

	// ChangeDir is -C: the directory to enter before loading files.
	ChangeDir string
	// MaxConn is -n, MaxPConn -N (the default maxconn of proxies),
	// MemoryLimitMB -m; zero means not set, as for HAProxy's atol().
	MaxConn, MaxPConn, MemoryLimitMB int64
	// LocalPeer is -L, the local peer name (the host name otherwise);
	// HasLocalPeer says it was given.
	LocalPeer    string
	HasLocalPeer bool
	// PIDFile is -p.
	PIDFile string
}

// Quietly reports whether messages other than DIAG are to be hidden.
func (o *Options) Quietly() bool { return o.Quiet && !o.Verbose }

// parseOptions reads the canonical flags normalizeArgs produced. They
// are the long names below, one value per flag; anything else is a bug
// of the normaliser.
func parseOptions(canon []string) (*Options, error) {
	o := &Options{}
	fs := pflag.NewFlagSet("haproxy", pflag.ContinueOnError)
	fs.SetOutput(io.Discard)
	fs.SortFlags = false
	fs.BoolVar(&o.Version, "version", false, "-v")
	fs.BoolVar(&o.BuildOptions, "build-options", false, "-vv")
	fs.BoolVar(&o.Check, "check", false, "-c")
	cond := fs.String("check-condition", "", "-cc")
	fs.StringArrayVar(&o.Files, "file", nil, "-f, or after --")
	fs.BoolVar(&o.Quiet, "quiet", false, "-q")
	fs.BoolVar(&o.Verbose, "verbose", false, "-V")
	fs.BoolVar(&o.Debug, "debug", false, "-d")
	fs.BoolVar(&o.Foreground, "foreground", false, "-db")
	fs.BoolVar(&o.Daemon, "daemon", false, "-D")
	fs.BoolVar(&o.MasterWorker, "master-worker", false, "-W")
	fs.BoolVar(&o.Systemd, "systemd", false, "-Ws")
	fs.BoolVar(&o.Diag, "diag", false, "-dD")
	fs.BoolVar(&o.ZeroWarning, "zero-warning", false, "-dW")
	fs.BoolVar(&o.DisableEpoll, "disable-epoll", false, "-de")
	fs.BoolVar(&o.DisablePoll, "disable-poll", false, "-dp")
	fs.BoolVar(&o.DisableSplice, "disable-splice", false, "-dS")
	fs.BoolVar(&o.DisableGetaddrinfo, "disable-getaddrinfo", false, "-dG")
	fs.BoolVar(&o.DisableReusePort, "disable-reuseport", false, "-dR")
	fs.BoolVar(&o.SSLVerifyNone, "ssl-verify-none", false, "-dV")
	fs.BoolVar(&o.ResolveDontFail, "resolve-dontfail", false, "-dr")
	fs.BoolVar(&o.DumpLibs, "dump-libs", false, "-dL")
	dumpKw := fs.String("dump-keywords", "", "-dK")
	fs.StringArrayVar(&o.MemoryDebug, "memory-debug", nil, "-dM")
	pids := fs.StringArray("old-pid", nil, "-sf/-st PID")
	sig := fs.String("old-pids-signal", "", "finish (-sf) or terminate (-st)")
	fs.StringVar(&o.OldSocket, "old-socket", "", "-x")
	fs.StringArrayVar(&o.MasterCLI, "master-cli", nil, "-S")
	fs.StringVar(&o.ChangeDir, "chdir", "", "-C")
	fs.Int64Var(&o.MaxConn, "maxconn", 0, "-n")
	fs.Int64Var(&o.MaxPConn, "maxpconn", 0, "-N")
	fs.Int64Var(&o.MemoryLimitMB, "memory-limit", 0, "-m")
	fs.StringVar(&o.LocalPeer, "local-peer", "", "-L")
	fs.StringVar(&o.PIDFile, "pidfile", "", "-p")
	if err := fs.Parse(canon); err != nil {
		return nil, err
	}
	if fs.NArg() != 0 {
		return nil, fmt.Errorf("unexpected arguments %q", fs.Args())
	}
	o.Condition, o.HasCondition = *cond, fs.Changed("check-condition")
	o.DumpKeywords, o.HasDumpKeywords = *dumpKw, fs.Changed("dump-keywords")
	o.HasLocalPeer = fs.Changed("local-peer")
	for _, p := range *pids {
		n, err := strconv.Atoi(p)
		if err != nil {
			return nil, fmt.Errorf("bad pid %q: %w", p, err)
		}
		o.OldPIDs = append(o.OldPIDs, n)
	}
	switch *sig {
	case "finish":
		o.OldPIDsSignal = syscall.SIGUSR1
	case "terminate":
		o.OldPIDsSignal = syscall.SIGTERM
	}
	// -S arguments are pushed at the head of HAProxy's list
	for i, j := 0, len(o.MasterCLI)-1; i < j; i, j = i+1, j-1 {
		o.MasterCLI[i], o.MasterCLI[j] = o.MasterCLI[j], o.MasterCLI[i]
	}
	return o, nil
}
