package main

import (
	"fmt"
	"io"

	"hakeep/keepalived/config"
)

// runDaemon is keepalived without -t. It checks the configuration as -t
// does, printing keepalived's messages, then stops with status 1: the
// engines that would run it (vrrp/, ipvs/, BFD) are not wired in yet.
// keepalived itself logs these messages to syslog; hakeep has no logger
// yet, so they go to stderr, which systemd's journal keeps.
func runDaemon(o Options, stderr io.Writer) int {
	res := config.Load(o.ConfigFile, loadOptions(o))
	printMessages(stderr, res)
	fmt.Fprintln(stderr, "hakeep: keepalived engines (VRRP, IPVS, BFD) are not implemented yet; configuration checked, exiting")
	return 1
}
