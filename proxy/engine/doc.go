// Package engine runs a proxy.Config: it opens the frontends' listeners,
// builds the backends, and serves every accepted connection on its own
// goroutine, in "mode tcp" (proxy/tcpproxy) or "mode http" (proxy/http1
// over the stream model). Its life cycle is HAProxy's (management.txt
// section 4): Open binds every listener and reports every failure; Run
// serves until its context ends (a hard stop) or SoftStop is called (stop
// accepting, finish what is in flight, then return); Pause and Resume
// stop and restart accepting; Swap installs a new configuration for new
// connections with a single atomic pointer swap.
//
// Listeners may come ready-made from the process model (sockets inherited
// across a reload or from systemd): Deps.Inherited hands them over by
// listener key.
package engine
