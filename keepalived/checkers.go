package main

import "hakeep/keepalived/daemon"

// newCheckers is where the checker side (virtual servers, real servers,
// health checks, IPVS) plugs into the daemon: it returns the constructor
// the daemon calls when the configuration has virtual servers. This
// build has none yet, which the daemon logs when virtual_server is
// configured.
func newCheckers() daemon.NewCheckers { return nil }
