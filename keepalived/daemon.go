package main

// exitNoConfig is KEEPALIVED_EXIT_NO_CONFIG (core/main.h): keepalived's
// status when it cannot read its configuration.
const exitNoConfig = 6

// runDaemon is keepalived without -t: keepalived/daemon runs the VRRP
// engine and the checker side under keepalived's process model, logging
// the configuration's messages to syslog (and with -l to the console) as
// keepalived does, not to stderr.
func (c *cmdline) runDaemon(o Options) int { return c.runEngines(o) }
