package check

import (
	"context"
	"time"
)

// slowstartSecs is "slowstart" as 2.6 keeps it: whole seconds, rounded up
// (srv_parse_slowstart()).
func (s *Server) slowstartSecs() int64 {
	return int64((s.slowstart + time.Second - 1) / time.Second)
}

// startWarmup runs server_warmup() for a server that came up with a
// slowstart: every max(1 s, slowstart/20) it checks whether the slowstart
// is over, and then the server turns RUNNING, which 2.6 announces as a
// second "is UP" line. It needs the checks to be running (Run).
func (s *Server) startWarmup() {
	ctx := s.w.ctx
	if ctx == nil || s.warming {
		return
	}
	s.warming = true
	step := max(time.Second, s.slowstart/20)
	s.w.tasks.Add(1)
	go func() {
		defer s.w.tasks.Done()
		for {
			t := s.w.clock.NewTimer(step)
			select {
			case <-ctx.Done():
				t.Stop()
				return
			case <-t.C():
			}
			s.w.mu.Lock()
			if s.warmupTick() {
				s.w.mu.Unlock()
				continue
			}
			s.warming = false
			s.w.mu.Unlock()
			return
		}
	}()
}

// warmupTick is server_recalc_eweight(s, 1) from the warmup task: it
// reports whether the server still warms up.
func (s *Server) warmupTick() bool {
	if s.nextAdmin&admMaint != 0 || s.nextState != StateStarting {
		return false
	}
	now := s.now()
	if now < s.lastChange || now >= s.lastChange+s.slowstartSecs() {
		s.nextState = StateRunning
		s.updateStatus()
		return false
	}
	return true
}

// runContext records the context of Run for the tasks started later.
func (w *world) runContext(ctx context.Context) {
	w.mu.Lock()
	w.ctx = ctx
	w.mu.Unlock()
}
