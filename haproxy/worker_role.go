package main

import (
	"net"
	"os"
	"strings"

	"golang.org/x/sys/unix"

	"hakeep/haproxy/config"
	"hakeep/haproxy/listenfds"
	"hakeep/parser"
)

// runWorker is a master's worker: it serves on the sockets the master
// bound and passed, and talks to the master over their socketpair. Its
// limits are the master's, inherited.
func (c *cli) runWorker(opts *Options, res *config.Result) int {
	sigs := notifySignals()
	ipcFD := inheritedFD(c.lookupEnv, envIPC)
	desc, _ := c.lookupEnv(listenfds.EnvVar)
	lim, ok := decodeLimits(c.lookupEnvOrEmpty(envLimits))
	for _, k := range []string{envRole, envIPC, listenfds.EnvVar, envLimits} {
		os.Unsetenv(k)
	}
	set, err := listenfds.Decode(desc)
	if err != nil || ipcFD < 0 || !ok {
		c.rep.emit(parser.SevAlert, "worker started without its master's sockets")
		return 1
	}
	for _, so := range set.Sockets {
		// nothing this worker starts may inherit the sockets
		unix.CloseOnExec(int(so.File.Fd()))
	}
	f := os.NewFile(uintptr(ipcFD), "ipc")
	conn, err := net.FileConn(f)
	f.Close()
	ipc, ok := conn.(*net.UnixConn)
	if err != nil || !ok {
		c.rep.emit(parser.SevAlert, "worker started without its master's socketpair")
		return 1
	}
	cfg := res.Config
	// HAPROXY_CLI names the worker's CLI sockets (configuration.txt
	// section 2.3)
	var clis []string
	for _, so := range set.Sockets {
		if so.Stats {
			clis = append(clis, strings.Replace(so.Key, "unix:", "unix@", 1))
		}
	}
	clis = append(clis, "sockpair@"+itoaPID(ipcFD))
	os.Setenv("HAPROXY_CLI", strings.Join(clis, ";"))

	daemon := (opts.Daemon || cfg.Global.Daemon && !opts.Foreground && !opts.Debug) && !opts.Systemd
	if daemon {
		stdioQuiet()
	}
	return c.serveSockets(opts, cfg, set, lim, ipc, sigs, nil)
}
