package worker

import (
	"fmt"
	"os"
	"strconv"

	"golang.org/x/sys/unix"

	"hakeep/proxy"
)

// CPUSet is the CPUs the process may run on according to "cpu-map"
// (configuration.txt section 3.1): the lines for process 1 or "all",
// whatever their thread part. Goroutines are not threads, so a map per
// thread cannot be honoured one by one; the process gets their union.
// ok is false without any applicable line.
func CPUSet(maps []proxy.CPUMap) (set unix.CPUSet, ok bool) {
	for _, m := range maps {
		if m.Process != "" && m.Process != "1" && m.Process != "all" && m.Process != "1-1" {
			continue
		}
		for _, c := range m.CPUs {
			set.Set(c)
			ok = true
		}
	}
	return set, ok
}

// Pin binds every thread of the process to set: threads created later
// inherit the mask of the thread creating them, so pinning the existing
// ones pins the process (sched_setaffinity(2) is per thread on Linux).
func Pin(set unix.CPUSet) error {
	tasks, err := os.ReadDir("/proc/self/task")
	if err != nil {
		return err
	}
	for _, t := range tasks {
		tid, err := strconv.Atoi(t.Name())
		if err != nil {
			continue
		}
		if err := unix.SchedSetaffinity(tid, &set); err != nil {
			return fmt.Errorf("cpu-map: %w", err)
		}
	}
	return nil
}
