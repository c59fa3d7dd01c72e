package check

import (
	"context"
	"sync"
	"time"
)

// world is what every server and check of one configuration shares: the
// lock that serialises state changes (2.6 takes a per-server lock, but
// tracking crosses servers and backends, and one lock keeps the
// propagation order simple), the clock and the stderr notifier.
type world struct {
	mu    sync.Mutex
	clock Clock
	n     *notifier
	// starting is MODE_STARTING: some messages are not emitted while
	// the configuration is being applied.
	starting bool
	rand     func() uint32
	// spread is global "spread-checks" (percent).
	spread int
	// node is global "node" (the host name by default), for
	// "http-check send-state".
	node string
	// ctx is Run's: tasks started later (warmup) end with it, and Run
	// waits for them in tasks.
	ctx   context.Context
	tasks sync.WaitGroup
}

func (w *world) now() time.Time { return w.clock.Now() }

// jitter is the "spread-checks" random offset added to an interval:
// within +/- spread percent of d (src/check.c, process_chk_conn).
func (w *world) jitter(d time.Duration) time.Duration {
	if w.spread <= 0 {
		return 0
	}
	rv := int64(d/time.Millisecond) * int64(w.spread) / 100
	r := float64(w.rand()) / 4294967295.0
	rv -= int64(2 * float64(rv) * r)
	return time.Duration(rv) * time.Millisecond
}
