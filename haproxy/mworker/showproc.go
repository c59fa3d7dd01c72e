package mworker

import (
	"fmt"
	"strings"
	"time"
)

// ShowProc is the master CLI's "show proc" (management.txt section 9.4),
// formatted as cli_io_handler_show_proc() of 2.6.12: the master, the
// current workers, the old ones still finishing, then the programs.
func ShowProc(list []*Proc, self *Proc, masterVersion string, now time.Time) string {
	var b strings.Builder
	fmt.Fprintf(&b, "#%-14s %-15s %-15s %-15s %-15s\n", "<PID>", "<type>", "<reloads>", "<uptime>", "<version>")
	reloads := fmt.Sprintf("%d [failed: %d]", self.Reloads, self.FailedReloads)
	fmt.Fprintf(&b, "%-15d %-15s %-15s %-15s %-15s\n", self.PID, "master", reloads, uptime(now, self.Timestamp), masterVersion)

	line := func(p *Proc, typ, version string) {
		fmt.Fprintf(&b, "%-15d %-15s %-15d %-15s %-15s\n", p.PID, typ, p.Reloads, uptime(now, p.Timestamp), version)
	}
	b.WriteString("# workers\n")
	old := 0
	for _, p := range list {
		if p.Kind != KindWorker {
			continue
		}
		if p.Leaving {
			old++
			continue
		}
		line(p, "worker", p.Version)
	}
	if old > 0 {
		b.WriteString("# old workers\n")
		for _, p := range list {
			if p.Kind == KindWorker && p.Leaving {
				line(p, "worker", p.Version)
			}
		}
	}
	b.WriteString("# programs\n")
	old = 0
	for _, p := range list {
		if p.Kind != KindProgram {
			continue
		}
		if p.Leaving {
			old++
			continue
		}
		line(p, p.ID, "-")
	}
	if old > 0 {
		b.WriteString("# old programs\n")
		for _, p := range list {
			if p.Kind == KindProgram && p.Leaving {
				line(p, p.ID, "-")
			}
		}
	}
	return b.String()
}

// uptime is "%dd%02dh%02dm%02ds", never negative.
func uptime(now time.Time, since int64) string {
	up := max(now.Unix()-since, 0)
	return fmt.Sprintf("%dd%02dh%02dm%02ds", up/86400, up%86400/3600, up%3600/60, up%60)
}
