package cli

import (
	"os"
	"strings"
)

// showBackend is "show backend": the backends' names.
func (a *API) showBackend(c *call) string {
	var b strings.Builder
	b.WriteString("# name\n")
	for _, n := range a.rt.BackendNames() {
		b.WriteString(n + "\n")
	}
	return b.String()
}

// frontendArg finds the frontend a command names in args[2].
func (a *API) frontendArg(name string) (Frontend, string) {
	if name == "" {
		return nil, "A frontend name is expected.\n"
	}
	fe := a.rt.Frontend(name)
	if fe == nil {
		return nil, "No such frontend.\n"
	}
	return fe, ""
}

// enableFrontend is "enable frontend <fe>" (cli_parse_enable_frontend()).
func (a *API) enableFrontend(c *call) string {
	if c.level < LevelAdmin {
		return permissionDenied
	}
	fe, msg := a.frontendArg(c.arg(2))
	if fe == nil {
		return msg
	}
	if fe.Stopped() {
		return "Frontend was previously shut down, cannot enable.\n"
	}
	if !fe.Resume() {
		return "All sockets are already enabled.\n"
	}
	return ""
}

// disableFrontend is "disable frontend <fe>".
func (a *API) disableFrontend(c *call) string {
	if c.level < LevelAdmin {
		return permissionDenied
	}
	fe, msg := a.frontendArg(c.arg(2))
	if fe == nil {
		return msg
	}
	if fe.Stopped() {
		return "Frontend was previously shut down, cannot disable.\n"
	}
	if !fe.Pause() {
		return "All sockets are already disabled.\n"
	}
	return ""
}

// shutdownFrontend is "shutdown frontend <fe>".
func (a *API) shutdownFrontend(c *call) string {
	if c.level < LevelAdmin {
		return permissionDenied
	}
	fe, msg := a.frontendArg(c.arg(2))
	if fe == nil {
		return msg
	}
	if !fe.Stop() {
		return "Frontend was already shut down.\n"
	}
	return ""
}

// setMaxconnFrontend is "set maxconn frontend <fe> <n>".
func (a *API) setMaxconnFrontend(c *call) string {
	if c.level < LevelAdmin {
		return permissionDenied
	}
	fe, msg := a.frontendArg(c.arg(3))
	if fe == nil {
		return msg
	}
	if c.arg(4) == "" {
		return "Integer value expected.\n"
	}
	v := atoi(c.arg(4))
	if v < 0 {
		return "Value out of range.\n"
	}
	fe.SetMaxConn(v)
	return ""
}

// setMaxconnGlobal is "set maxconn global <n>": 0 or less means the hard
// limit.
func (a *API) setMaxconnGlobal(c *call) string {
	if c.level < LevelAdmin {
		return permissionDenied
	}
	if c.arg(3) == "" {
		return "Expects an integer value.\n"
	}
	v := atoi(c.arg(3))
	if v > a.rt.HardMaxConn() {
		return "Value out of range.\n"
	}
	if v <= 0 {
		v = a.rt.HardMaxConn()
	}
	a.rt.SetMaxConn(v)
	return ""
}

const rateLimitUsage = "'set rate-limit' only supports :\n" +
	"   - 'connections global' to set the per-process maximum connection rate\n" +
	"   - 'sessions global' to set the per-process maximum session rate\n" +
	"   - 'ssl-sessions global' to set the per-process maximum SSL session rate\n" +
	"   - 'http-compression global' to set the per-process maximum compression speed in kB/s\n"

// setRateLimit is "set rate-limit <kind> global <n>".
func (a *API) setRateLimit(c *call) string {
	if c.level < LevelAdmin {
		return permissionDenied
	}
	kind := c.arg(2)
	switch kind {
	case "connections", "sessions", "ssl-sessions", "http-compression":
	default:
		return rateLimitUsage
	}
	if c.arg(3) != "global" {
		return rateLimitUsage
	}
	if c.arg(4) == "" {
		return "Expects an integer value.\n"
	}
	v := atoi(c.arg(4))
	if v < 0 {
		return "Value out of range.\n"
	}
	a.rt.SetRateLimit(kind, v)
	return ""
}

// clearCounters is "clear counters [all]": operators reset the maxima,
// admins everything.
func (a *API) clearCounters(c *call) string {
	all := c.arg(2) == "all"
	if c.level < LevelOperator || (all && c.level < LevelAdmin) {
		return permissionDenied
	}
	a.rt.ClearCounters(all)
	return ""
}

// showVersion is "show version": the process' version.
func (a *API) showVersion(c *call) string { return a.process().Version + "\n" }

// showEnv is "show env [<var>]": the process' environment, or one
// variable of it.
func (a *API) showEnv(c *call) string {
	if c.level < LevelOperator {
		return permissionDenied
	}
	var b strings.Builder
	for _, kv := range os.Environ() {
		if name, _, _ := strings.Cut(kv, "="); c.arg(2) == "" || name == c.arg(2) {
			b.WriteString(kv + "\n")
			if c.arg(2) != "" {
				return b.String()
			}
		}
	}
	if c.arg(2) != "" {
		return "Variable not found\n"
	}
	return b.String()
}
