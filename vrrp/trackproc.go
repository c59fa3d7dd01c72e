package vrrp

import (
	"bytes"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"
)

// procState is a vrrp_track_process: how many matching processes run,
// and whether that makes a quorum, with keepalived's fork and terminate
// delays (track_process.c). keepalived learns of processes from the
// kernel's process connector, which only works in the initial network
// namespace; hakeep reads /proc at every tracking round instead.
type procState struct {
	cfg    ProcessConfig
	count  int
	quorum bool
	// since is when the count last crossed the quorum, for the delays.
	since   time.Time
	pending bool
}

func newProcState(cfg ProcessConfig) *procState {
	if cfg.Quorum <= 0 {
		cfg.Quorum = 1
	}
	if cfg.QuorumMax <= 0 {
		cfg.QuorumMax = int(^uint(0) >> 1)
	}
	return &procState{cfg: cfg}
}

// scanProcesses counts the matching processes of every tracked process
// and reports whether a quorum changed. now is zero at start, when
// quorum is taken as found without delay.
func (cur *run) scanProcesses(now time.Time) bool {
	counts := map[string]int{}
	entries, _ := os.ReadDir("/proc")
	for _, e := range entries {
		name := e.Name()
		if name[0] < '1' || name[0] > '9' {
			continue
		}
		p := readProc(filepath.Join("/proc", name))
		if p.zombie {
			continue
		}
		for n, ps := range cur.procs {
			if ps.matches(p) {
				counts[n]++
			}
		}
	}
	changed := false
	for n, ps := range cur.procs {
		if ps.update(counts[n], now) {
			changed = true
		}
	}
	return changed
}

// update applies a new count and reports whether the quorum changed.
func (ps *procState) update(n int, now time.Time) bool {
	ps.count = n
	q := n >= ps.cfg.Quorum && n <= ps.cfg.QuorumMax
	if q == ps.quorum {
		ps.pending = false
		return false
	}
	delay := ps.cfg.Delay
	if q && ps.cfg.ForkDelay > 0 {
		delay = ps.cfg.ForkDelay
	}
	if !q && ps.cfg.TerminateDelay > 0 {
		delay = ps.cfg.TerminateDelay
	}
	if !now.IsZero() && delay > 0 {
		if !ps.pending {
			ps.pending, ps.since = true, now
			return false
		}
		if now.Sub(ps.since) < delay {
			return false
		}
	}
	ps.pending = false
	ps.quorum = q
	return true
}

// proc is what matching needs of one process.
type proc struct {
	comm   string
	argv   []string
	zombie bool
}

func readProc(dir string) proc {
	var p proc
	if b, err := os.ReadFile(filepath.Join(dir, "stat")); err == nil {
		// pid (comm) state ...: comm may hold spaces and parentheses.
		if i, j := bytes.IndexByte(b, '('), bytes.LastIndexByte(b, ')'); i >= 0 && j > i {
			p.comm = string(b[i+1 : j])
			if j+2 < len(b) {
				p.zombie = b[j+2] == 'Z'
			}
		}
	}
	if b, err := os.ReadFile(filepath.Join(dir, "cmdline")); err == nil && len(b) > 0 {
		p.argv = strings.Split(strings.TrimSuffix(string(b), "\x00"), "\x00")
	}
	return p
}

// matches is keepalived's exact match: the process name (Name: in
// /proc/PID/status, its comm) unless parameters or full_command are
// given, then the command line, with param_match deciding how the
// parameters compare.
func (ps *procState) matches(p proc) bool {
	c := ps.cfg
	if !c.FullCommand && len(c.Params) == 0 && c.ParamMatch == "" {
		return p.comm == c.Process
	}
	if len(p.argv) == 0 {
		return false
	}
	if c.FullCommand {
		if p.argv[0] != c.Process {
			return false
		}
	} else if p.comm != c.Process && filepath.Base(p.argv[0]) != c.Process {
		return false
	}
	args := p.argv[1:]
	switch c.ParamMatch {
	case "initial":
		// The first parameters match exactly, the last may be longer.
		if len(args) < len(c.Params) {
			return false
		}
		for i, want := range c.Params {
			if i == len(c.Params)-1 {
				return strings.HasPrefix(args[i], want)
			}
			if args[i] != want {
				return false
			}
		}
		return true
	case "partial":
		return len(args) >= len(c.Params) && slices.Equal(args[:len(c.Params)], c.Params)
	}
	return slices.Equal(args, c.Params)
}
