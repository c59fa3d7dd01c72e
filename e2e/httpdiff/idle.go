package httpdiff

import (
	"os"
	"strconv"
	"strings"
	"time"
)

// waitIdle waits until every thread of process pid has been asleep (not
// running, not waiting for a CPU) at samples consecutive looks `every`
// apart, at most max. A proxy asleep in its event loop has done what the
// last bytes it read asked for: a close that follows a response has been
// sent. This replaces waiting a fixed time, which is too short when other
// work loads the machine and too long when it does not.
func waitIdle(pid int, samples int, every, max time.Duration) {
	deadline := time.Now().Add(max)
	quiet := 0
	for quiet < samples && time.Now().Before(deadline) {
		if asleep(pid) {
			quiet++
		} else {
			quiet = 0
		}
		time.Sleep(every)
	}
}

// asleep reads the state of each thread in /proc/PID/task: R (running or
// runnable) means work is pending. A process that is gone is asleep.
func asleep(pid int) bool {
	dir := "/proc/" + strconv.Itoa(pid) + "/task"
	tasks, err := os.ReadDir(dir)
	if err != nil {
		return true
	}
	for _, t := range tasks {
		b, err := os.ReadFile(dir + "/" + t.Name() + "/stat")
		if err != nil {
			continue
		}
		s := string(b)
		i := strings.LastIndexByte(s, ')')
		if i < 0 || i+2 >= len(s) {
			continue
		}
		if s[i+2] == 'R' {
			return false
		}
	}
	return true
}
