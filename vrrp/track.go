package vrrp

import (
	"context"
	"errors"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"time"
)

// scriptResult is one run of a vrrp_script.
type scriptResult struct {
	name string
	ok   bool
}

// scriptState is a vrrp_script's state with keepalived's rise/fall
// hysteresis (vrrp_track.c): rise consecutive successes to become good,
// fall consecutive failures to become bad.
type scriptState struct {
	cfg    ScriptConfig
	good   bool
	streak int // consecutive results against the current state
}

func newScriptState(cfg ScriptConfig) *scriptState {
	return &scriptState{cfg: cfg, good: !cfg.InitFail}
}

// record applies one result and reports whether the state changed.
func (s *scriptState) record(ok bool) bool {
	if ok == s.good {
		s.streak = 0
		return false
	}
	s.streak++
	need := s.cfg.Fall
	if ok {
		need = s.cfg.Rise
	}
	if need <= 0 {
		need = 1
	}
	if s.streak < need {
		return false
	}
	s.good, s.streak = ok, 0
	return true
}

// runScript runs a vrrp_script every interval until ctx ends, each run
// bounded by its timeout (a timed-out run is a failure, as in keepalived).
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
		rctx, cancel := context.WithTimeout(ctx, timeout)
		err := exec.CommandContext(rctx, sc.Command[0], sc.Command[1:]...).Run()
		cancel()
		if ctx.Err() != nil {
			return
		}
		select {
		case out <- scriptResult{name: sc.Name, ok: err == nil}:
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

// weighted is how a tracked object with weight w moves the priority when
// it is good or bad (keepalived.conf(5) track_script/track_interface): a
// positive weight is added while good, a negative one while bad; reverse
// reverses the direction of the adjustment (weight 10 reverse: -10 while
// good; weight -10 reverse: +10 while bad). Weight 0 means FAULT while bad.
func weighted(w int, reverse, good bool) (delta int, fault bool) {
	switch {
	case w == 0:
		return 0, !good
	case reverse:
		w = -w
		if w > 0 && !good || w < 0 && good {
			return w, false
		}
	case w > 0 && good, w < 0 && !good:
		return w, false
	}
	return 0, false
}

// readTrackFile reads the integer a track_file holds; a missing or
// unreadable file counts as 0.
func readTrackFile(path string) int {
	b, err := os.ReadFile(path)
	if err != nil {
		return 0
	}
	f := strings.Fields(string(b))
	if len(f) == 0 {
		return 0
	}
	v, err := strconv.Atoi(f[0])
	if err != nil {
		return 0
	}
	return v
}

// fileWeight applies a track_file value: with weight 0, non-zero means
// FAULT; otherwise value × weight (negated by reverse) is added.
func fileWeight(tf TrackFile) (delta int, fault bool) {
	v := readTrackFile(tf.Path)
	if tf.Weight == 0 {
		return 0, v != 0
	}
	d := v * tf.Weight
	if tf.Reverse {
		d = -d
	}
	return d, false
}

var errNoCommand = errors.New("vrrp_script has no command")
