// Command haproxy is hakeep's drop-in replacement for the haproxy binary
// of HAProxy 2.6: same command line (management.txt section 3), same
// configuration files, same messages and exit statuses.
package main

import (
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"

	"hakeep/haproxy/config"
	"hakeep/haproxy/mworker"
	"hakeep/parser"
)

func main() {
	host, _ := os.Hostname()
	c := &cli{
		argv:      os.Args,
		stdout:    os.Stdout,
		stderr:    os.Stderr,
		pid:       os.Getpid(),
		exe:       execPath(os.Args[0]),
		hostname:  host,
		lookupEnv: os.LookupEnv,
		setenv:    os.Setenv,
		chdir:     os.Chdir,
		load:      config.Load,
	}
	os.Exit(c.run())
}

// execPath is the name haproxy was executed by, which HAProxy prints as
// "path to executable" (getauxval(AT_EXECFN)): a name found in $PATH
// shows as the path the shell ran.
func execPath(argv0 string) string {
	if strings.Contains(argv0, "/") {
		return argv0
	}
	if p, err := exec.LookPath(argv0); err == nil {
		return p
	}
	return argv0
}

// cli is one run of the command, with the process around it as
// dependencies so that tests can run it in memory.
type cli struct {
	argv           []string
	stdout, stderr io.Writer
	pid            int
	exe            string
	hostname       string
	lookupEnv      func(string) (string, bool)
	setenv         func(key, value string) error
	chdir          func(dir string) error
	load           func(files []string, opts config.Options) *config.Result

	rep *reporter
}

// run is init() of src/haproxy.c up to the point where the proxy starts,
// and returns the exit status.
func (c *cli) run() int {
	c.rep = &reporter{w: c.stderr, pid: c.pid, exe: c.exe}
	ar := normalizeArgs(c.argv)
	for _, w := range ar.warnings {
		c.rep.emit(parser.SevWarning, w)
	}
	if ar.stop != nil {
		if ar.stop.alert != "" {
			c.rep.emit(parser.SevAlert, ar.stop.alert)
		}
		if ar.stop.usage {
			return c.usage(ar.maxpconn)
		}
		return ar.stop.status
	}
	opts, err := parseOptions(ar.canon)
	if err != nil {
		c.rep.emit(parser.SevAlert, "hakeep: internal error reading the command line: "+err.Error())
		return 1
	}
	switch {
	case opts.BuildOptions:
		printVersion(c.stdout)
		printBuildOptions(c.stdout)
		return 0
	case opts.Version:
		printVersion(c.stdout)
		return 0
	case len(opts.MemoryDebug) > 0:
		if help, _ := checkMemoryDebug(opts.MemoryDebug[len(opts.MemoryDebug)-1]); help {
			printMemoryDebugHelp(c.stdout)
			return 0
		}
	}
	c.rep.quiet = opts.Quietly()
	c.rep.diag = opts.Diag

	// the environment HAProxy sets before reading anything
	// (configuration.txt section 2.3)
	peer := c.hostname
	if opts.HasLocalPeer {
		peer = opts.LocalPeer
	}
	c.setenv("HAPROXY_LOCALPEER", peer)
	if _, ok := c.lookupEnv("HAPROXY_STARTUP_VERSION"); !ok {
		c.setenv("HAPROXY_STARTUP_VERSION", haproxyVersion)
	}
	if opts.ChangeDir != "" {
		if err := c.chdir(opts.ChangeDir); err != nil {
			c.rep.emit(parser.SevAlert, "Could not change to directory "+opts.ChangeDir+" : "+errnoText(err))
			return 1
		}
	}
	if opts.HasCondition {
		return c.evalCondition(opts.Condition)
	}
	// a master in its wait mode reads no configuration (init() of 2.6)
	if _, ok := c.lookupEnv(mworker.EnvWaitOnly); ok && !opts.Check {
		return c.masterWait(opts)
	}
	files, d := parser.ExpandHAProxyPaths(opts.Files)
	if d != nil {
		c.rep.emit(parser.SevAlert, "config : "+d.Msg)
		return 1
	}
	if len(files) == 0 {
		return c.usage(opts.MaxPConn)
	}
	if opts.Check {
		return c.check(opts, files)
	}
	r := c.roleOf()
	status := c.startProcess(opts, files)
	if _, reexec := c.lookupEnv(mworker.EnvReexec); reexec && r == roleNone && status != 0 {
		return c.loadingFailed(opts)
	}
	return status
}

// usage prints the version on stdout and the usage on stderr, and gives
// HAProxy's exit status for it.
func (c *cli) usage(maxpconn int64) int {
	printVersion(c.stdout)
	printUsage(c.stderr, filepath.Base(c.argv[0]), maxpconn)
	return 1
}
