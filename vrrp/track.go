package vrrp

import (
	"context"
	"errors"
	"fmt"
	"os/exec"
	"syscall"
	"time"
)

// scriptResult is one run of a vrrp_script.
type scriptResult struct {
	name     string
	status   int  // exit status, or the signal number when signaled
	signaled bool // killed by a signal
	timedOut bool
	err      error // could not start
}

func (r scriptResult) ok() bool { return r.err == nil && !r.timedOut && !r.signaled && r.status == 0 }

// scriptState is a vrrp_script's state with keepalived's rise/fall
// counter (vrrp_scheduler.c vrrp_script_child_thread): result runs from 0
// to rise+fall-1 and the script is good from rise up. The first result
// after start decides at once, whatever rise and fall say (observed on
// 2.2.7: a failing script with fall 2 is "failed" after its first run).
type scriptState struct {
	cfg    ScriptConfig
	init   bool // no result yet
	good   bool
	result int
	last   int // last exit status, for "now returning"
}

func newScriptState(cfg ScriptConfig) *scriptState {
	if cfg.Rise <= 0 {
		cfg.Rise = 1
	}
	if cfg.Fall <= 0 {
		cfg.Fall = 1
	}
	s := &scriptState{cfg: cfg, init: true}
	if cfg.InitFail {
		// init_fail: known bad from the start; one success is not enough.
		s.init, s.good, s.result = false, false, 0
	}
	return s
}

// record applies one result and reports whether the state changed
// (including leaving the initial unknown state).
func (s *scriptState) record(ok bool) bool {
	top := s.cfg.Rise + s.cfg.Fall - 1
	if s.init {
		s.init, s.good = false, ok
		if ok {
			s.result = top
		} else {
			s.result = 0
		}
		return true
	}
	if ok {
		switch {
		case s.result < s.cfg.Rise-1:
			s.result++
		case s.result != top:
			changed := s.result < s.cfg.Rise
			s.result = top
			if changed {
				s.good = true
				return true
			}
		}
		return false
	}
	switch {
	case s.result > s.cfg.Rise:
		s.result--
	case s.result != 0:
		changed := s.result >= s.cfg.Rise
		s.result = 0
		if changed {
			s.good = false
			return true
		}
	}
	return false
}

// describe is how keepalived logs a script's new state: "succeeded",
// "failed (exited with status 1)", "failed (due to signal 9)",
// "timed_out".
func (r scriptResult) describe() string {
	switch {
	case r.ok():
		return "succeeded"
	case r.timedOut:
		return "timed_out"
	case r.err != nil:
		return "failed (" + r.err.Error() + ")"
	case r.signaled:
		return fmt.Sprintf("failed (due to signal %d)", r.status)
	}
	return fmt.Sprintf("failed (exited with status %d)", r.status)
}

// runScript runs a vrrp_script every interval until ctx ends, each run
// bounded by its timeout; a run that times out is killed with its process
// group and counts as a failure, as in keepalived.
func runScript(ctx context.Context, sc ScriptConfig, out chan<- scriptResult) {
	interval := sc.Interval
	if interval <= 0 {
		interval = time.Second
	}
	timeout := sc.Timeout
	if timeout <= 0 {
		timeout = interval
	}
	t := time.NewTicker(interval)
	defer t.Stop()
	for {
		r := runOnce(ctx, sc, timeout)
		if ctx.Err() != nil {
			return
		}
		select {
		case out <- r:
		case <-ctx.Done():
			return
		}
		select {
		case <-t.C:
		case <-ctx.Done():
			return
		}
	}
}

func runOnce(ctx context.Context, sc ScriptConfig, timeout time.Duration) scriptResult {
	r := scriptResult{name: sc.Name}
	rctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	cmd, err := startScript(rctx, sc.Script)
	if err != nil {
		r.err = err
		return r
	}
	err = cmd.Wait()
	if rctx.Err() == context.DeadlineExceeded {
		r.timedOut = true
		return r
	}
	var ee *exec.ExitError
	if errors.As(err, &ee) {
		if ws, ok := ee.Sys().(syscall.WaitStatus); ok && ws.Signaled() {
			r.signaled, r.status = true, int(ws.Signal())
			return r
		}
		r.status = ee.ExitCode()
	}
	return r
}

// weighted is how a tracked object moves the priority (vrrp_track.c
// process_script_update_priority, initialise_*_tracking_priorities):
// with weight 0 the instance faults while the object is down, or while
// it is up with reverse; otherwise a positive weight counts while the
// object is up and a negative one while it is down, and reverse negates
// what counts (weight 10 reverse: -10 while up; weight -10 reverse: +10
// while down).
func weighted(w int, reverse, up bool) (delta int, fault bool) {
	if w == 0 {
		return 0, up == reverse
	}
	mult := 1
	if reverse {
		mult = -1
	}
	if up == (w > 0) {
		return w * mult, false
	}
	return 0, false
}
