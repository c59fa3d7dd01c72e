package main

import (
	"context"
	"io"

	"hakeep/ipvs/lvs"
	"hakeep/keepalived/config"
	"hakeep/keepalived/daemon"
	"hakeep/keepalived/lvsmap"
)

// lvsSide is keepalived's checker process (Keepalived_healthcheckers):
// IPVS programmed from the virtual_server blocks and kept in step with
// the real servers' checkers. The daemon starts it through newCheckers
// when the configuration has virtual servers and -P is not given.
type lvsSide struct {
	eng    *lvs.Engine
	env    daemon.CheckerEnv
	notify *lvsNotifier
}

var _ daemon.Checkers = (*lvsSide)(nil)

// newLVSSide is the daemon's NewCheckers: it maps cfg for the engine and
// logs what the engine does not run.
func newLVSSide(cfg *config.Config, env daemon.CheckerEnv) (daemon.Checkers, error) {
	m := lvsmap.Map(cfg)
	for _, s := range m.Skipped {
		env.Log.Warn("hakeep: not supported, ignored: " + s)
	}
	n := newLVSNotifier(cfg, env)
	eng := lvs.New(&m.Config, lvs.Deps{Log: env.Log, Notifier: n, DontRelease: env.DontReleaseIPVS})
	return &lvsSide{eng: eng, env: env, notify: n}, nil
}

// Run runs the checker side until ctx is done; IPVS is then cleared
// unless -I.
func (s *lvsSide) Run(ctx context.Context) error {
	defer s.notify.wait()
	return s.eng.Run(ctx)
}

// Reload hands the checker side a new configuration (SIGHUP): only what
// changed is added to or removed from IPVS.
func (s *lvsSide) Reload(ctx context.Context, cfg *config.Config) error {
	m := lvsmap.Map(cfg)
	for _, sk := range m.Skipped {
		s.env.Log.Warn("hakeep: not supported, ignored: " + sk)
	}
	s.notify.reconfigure(cfg)
	return s.eng.Reload(ctx, &m.Config)
}

// WriteData is the checker part of SIGUSR1's /tmp/keepalived.data, which
// hakeep does not write yet.
func (s *lvsSide) WriteData(io.Writer) {}
