package backend

import (
	"context"
	"time"
)

// Run does the backend's periodic work until ctx ends: closing idle
// server connections past "pool-purge-delay" and advancing "slowstart"
// ramps (every max(1s, slowstart/20), as HAProxy's warmup task). It closes
// every idle connection when it returns.
func (b *Backend) Run(ctx context.Context) error {
	purge := time.Duration(0)
	warm := time.Duration(0)
	for _, s := range b.Servers {
		d := s.Cfg.PoolPurgeDelay
		if d <= 0 {
			d = 5 * time.Second
		}
		if purge == 0 || d < purge {
			purge = d
		}
		if ss := s.Cfg.SlowStart; ss > 0 {
			step := ss / 20
			if step < time.Second {
				step = time.Second
			}
			if warm == 0 || step < warm {
				warm = step
			}
		}
	}
	defer func() {
		for _, s := range b.List() {
			s.CloseIdle()
		}
	}()
	// a server added at run time ("add server") is purged and warmed
	// up too
	if purge == 0 {
		purge = 5 * time.Second
	}
	if warm == 0 {
		warm = time.Second
	}
	pt := time.NewTicker(purge)
	defer pt.Stop()
	var wc <-chan time.Time
	if warm > 0 {
		wt := time.NewTicker(warm)
		defer wt.Stop()
		wc = wt.C
	}
	for {
		select {
		case <-ctx.Done():
			return nil
		case <-pt.C:
			for _, s := range b.List() {
				s.Purge()
			}
		case <-wc:
			b.LB.Warmup()
			b.Kick()
		}
	}
}
