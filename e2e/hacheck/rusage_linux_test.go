package hacheck

import (
	"os"
	"syscall"
)

// maxRSS is the child's peak resident set size in KiB (wait4's
// ru_maxrss).
func maxRSS(ps *os.ProcessState) int64 {
	if ru, ok := ps.SysUsage().(*syscall.Rusage); ok {
		return ru.Maxrss
	}
	return 0
}
