package main

import (
	"os"
	"strconv"
	"strings"

	"hakeep/keepalived/daemon"
	"hakeep/keepalived/kalog"
)

// runEngines is keepalived's running mode: the daemon with the options
// it acts on.
func (c *cmdline) runEngines(o Options) int {
	return daemon.Run(daemon.Options{
		Args:            os.Args,
		ConfigFile:      o.ConfigFile,
		Load:            c.loadOptions(o),
		OnlyVRRP:        o.OnlyVRRP,
		OnlyCheck:       o.OnlyCheck,
		All:             o.All,
		LogConsole:      o.LogConsole,
		LogDetail:       o.LogDetail > 0,
		NoSyslog:        o.NoSyslog,
		Facility:        facility(o.LogFacility),
		DontFork:        o.DontFork,
		Detached:        daemon.Detached(),
		ReleaseVIPs:     o.ReleaseVIPs,
		DontReleaseVRRP: o.DontReleaseVRRP,
		DontReleaseIPVS: o.DontReleaseIPVS,
		PIDFile:         o.PIDFile,
		VRRPPIDFile:     o.VRRPPIDFile,
		CheckersPIDFile: o.CheckersPIDFile,
		BFDPIDFile:      o.BFDPIDFile,
	}, daemon.Deps{Stderr: c.stderr, Checkers: newCheckers()})
}

// facility is -S as a syslog facility: 0-7 and local0-7 are LOG_LOCAL0-7,
// user LOG_USER, daemon (and anything keepalived refused) LOG_DAEMON.
func facility(s string) int {
	n, err := strconv.Atoi(strings.TrimPrefix(s, "local"))
	switch {
	case s == "user":
		return kalog.FacilityUser
	case err == nil && n >= 0 && n <= 7:
		return kalog.FacilityLocal0 + n
	}
	return kalog.FacilityDaemon
}
