package main

import (
	"fmt"

	"hakeep/keepalived/config"
)

// exitNoConfig is KEEPALIVED_EXIT_NO_CONFIG (core/main.h): keepalived's
// status when it cannot read its configuration.
const exitNoConfig = 6

// runDaemon is keepalived without -t. It checks the configuration as -t
// does, printing keepalived's messages, then stops with status 1: the
// engines that would run it (vrrp/, ipvs/, BFD) are not wired in yet.
// keepalived itself logs these messages to syslog; hakeep has no logger
// yet, so they go to stderr, which systemd's journal keeps.
func (c *cmdline) runDaemon(o Options) int {
	res := config.Load(o.ConfigFile, c.loadOptions(o))
	printMessages(c.stderr, res)
	if res.NoConfig {
		return exitNoConfig
	}
	fmt.Fprintln(c.stderr, "hakeep: keepalived engines (VRRP, IPVS, BFD) are not implemented yet; configuration checked, exiting")
	return 1
}
