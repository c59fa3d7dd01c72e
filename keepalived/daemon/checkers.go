package daemon

import (
	"context"
	"io"
	"log/slog"

	"hakeep/keepalived/config"
)

// Checkers is keepalived's checker side: the virtual servers, their real
// servers and health checks, programmed into IPVS (keepalived's
// Keepalived_healthcheckers process). The daemon starts it when the
// configuration has virtual servers (or with --all) and not -P.
type Checkers interface {
	// Run runs until ctx ends, then releases what it programmed unless
	// told not to (-I); it returns nil on a clean stop.
	Run(ctx context.Context) error
	// Reload applies a new configuration (SIGHUP) to a running checker
	// side, changing only what changed.
	Reload(ctx context.Context, cfg *config.Config) error
	// WriteData appends the checker part of /tmp/keepalived.data
	// (SIGUSR1).
	WriteData(w io.Writer)
}

// CheckerEnv is what the checker side gets from the daemon.
type CheckerEnv struct {
	// Log carries keepalived's Keepalived_healthcheckers messages; Debug
	// records are the -D ones.
	Log *slog.Logger
	// DontReleaseIPVS is -I (--dont-release-ipvs).
	DontReleaseIPVS bool
	// Notify receives checker notifications for notify_fifo and
	// lvs_notify_fifo lines and email; nil discards them.
	Notify func(line string)
}

// NewCheckers builds the checker side for a configuration. A nil
// NewCheckers means this build has none: a configuration with virtual
// servers then runs its VRRP side only, with a warning.
type NewCheckers func(cfg *config.Config, env CheckerEnv) (Checkers, error)
