package main

import "hakeep/keepalived/daemon"

// newCheckers is where the checker side (virtual servers, real servers,
// health checks, IPVS) plugs into the daemon: it returns the constructor
// the daemon calls when the configuration has virtual servers.
func newCheckers() daemon.NewCheckers { return newLVSSide }
