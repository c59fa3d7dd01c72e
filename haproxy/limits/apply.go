package limits

import (
	"fmt"
	"syscall"
)

// RLimit reads and sets RLIMIT_NOFILE; the process' own by default,
// replaced in tests.
type RLimit interface {
	Get() (cur, max int, err error)
	Set(cur, max int) error
}

// Process is the process' own RLIMIT_NOFILE.
type Process struct{}

// Get returns the current limits, an infinite maximum counting as the
// current value as HAProxy counts it.
func (Process) Get() (int, int, error) {
	var l syscall.Rlimit
	if err := syscall.Getrlimit(syscall.RLIMIT_NOFILE, &l); err != nil {
		return 0, 0, err
	}
	cur, mx := clamp(l.Cur), clamp(l.Max)
	if l.Max == ^uint64(0) {
		mx = cur
	}
	return cur, mx, nil
}

// Set sets both limits.
func (Process) Set(cur, max int) error {
	return syscall.Setrlimit(syscall.RLIMIT_NOFILE, &syscall.Rlimit{Cur: uint64(cur), Max: uint64(max)})
}

func clamp(v uint64) int {
	if v > 1<<31-1 {
		return 1<<31 - 1
	}
	return int(v)
}

// Outcome of Apply: messages to print and whether they stop the start.
type Outcome struct {
	// Alerts and Warnings are HAProxy's texts (without the prefix), in
	// the order 2.6 prints them: warnings come first.
	Alerts, Warnings []string
	// Fatal is set when the process must exit with status 1.
	Fatal bool
	// NoFile is global.rlimit_nofile afterwards ("Ulimit-n" in "show
	// info"): the limit asked for, or the one obtained when it could
	// not be raised.
	NoFile int
}

// Apply raises RLIMIT_NOFILE to r.NoFile as 2.6.12 does: it never lowers
// a limit (raise_rlim_nofile()), never goes above "fd-hard-limit", a
// failure stops the start under "strict-limits" (the default) and is a
// warning otherwise; then the limit in force is checked against
// r.MaxSock. prog is argv[0], which 2.6 puts in these messages.
func Apply(rl RLimit, r Result, in Inputs, strict bool, prog string) Outcome {
	o := Outcome{NoFile: r.NoFile}
	capped := func(v int) int {
		if in.FDHardLimit > 0 && v > in.FDHardLimit {
			return in.FDHardLimit
		}
		return v
	}
	if r.NoFile > 0 {
		want := r.NoFile
		wantMax := max(in.BootMax, want)
		err := raise(rl, want, wantMax)
		if (in.FDHardLimit > 0 && want > in.FDHardLimit) || err != nil {
			cur, mx, _ := rl.Get()
			if strict {
				o.Alerts = append(o.Alerts, fmt.Sprintf("[%s.main()] Cannot raise FD limit to %d, limit is %d.", prog, want, capped(cur)))
				o.Fatal = true
				return o
			}
			// try to set it to the max possible at least
			if raise(rl, capped(mx), mx) == nil {
				cur, _, _ = rl.Get()
			}
			o.Warnings = append(o.Warnings, fmt.Sprintf("[%s.main()] Cannot raise FD limit to %d, limit is %d.", prog, want, cur))
			o.NoFile = cur
		}
	}
	cur, _, err := rl.Get()
	if err == nil && cur < r.MaxSock {
		// 2.6 alerts in both cases; only strict-limits stops
		o.Alerts = append(o.Alerts, fmt.Sprintf("[%s.main()] FD limit (%d) too low for maxconn=%d/maxsock=%d. Please raise 'ulimit-n' to %d or more to avoid any trouble.", prog, cur, r.MaxConn, r.MaxSock, r.MaxSock))
		o.Fatal = strict
	}
	return o
}

// raise is raise_rlim_nofile(): it only ever raises.
func raise(rl RLimit, cur, max int) error {
	c, m, err := rl.Get()
	if err != nil {
		return err
	}
	if m < max || c < cur {
		return rl.Set(cur, max)
	}
	return nil
}
