package engine

import (
	"hakeep/proxy/check"
)

// buildChecks prepares the health checks of st's backends (proxy/check):
// they share st's configuration, drive st's balance state, and start and
// stop with st's backends, so a swapped configuration checks its own
// servers (configuration.txt section 5.2, "check").
func (e *Engine) buildChecks(st *state) error {
	opt, err := e.checkOptions(st, check.Options{Stderr: e.deps.CheckStderr, PID: e.deps.PID})
	if err != nil {
		return err
	}
	m, err := check.New(st.cfg, opt)
	if err != nil {
		return err
	}
	check.Attach(m, st.backends)
	if e.deps.CheckLog != nil {
		for _, b := range m.Backends() {
			b.SetLogger(e.deps.CheckLog(b.Name()))
		}
	}
	st.checks = m
	return nil
}

// Checks is the health-check manager of the configuration in force, for
// the stats and the Runtime API.
func (e *Engine) Checks() *check.Manager { return e.state.Load().checks }
