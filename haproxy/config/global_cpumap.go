package config

import (
	"fmt"
	"math/bits"
	"strings"

	"hakeep/proxy"
)

// longBits is LONGBITS on the 64-bit build; cpuSetSize is ha_cpuset_size()
// with glibc's cpu_set_t (1024 CPUs).
const (
	longBits   = 64
	cpuSetSize = 1024
)

// parseProcessNumber is parse_process_number(): "all", "odd", "even", a
// number or a range from 1 to max, optionally prefixed by "auto:".
func parseProcessNumber(arg string, max int, allowAuto bool) (set uint64, auto bool, err string) {
	if allowAuto && strings.HasPrefix(arg, "auto:") {
		arg, auto = arg[5:], true
	}
	switch arg {
	case "all":
		set = ^uint64(0)
	case "odd":
		set = ^uint64(0) / 3
	case "even":
		set = (^uint64(0) / 3) << 1
	default:
		dash := -1
		for i := 0; i < len(arg); i++ {
			if arg[i] == '-' && dash < 0 {
				dash = i
			} else if arg[i] < '0' || arg[i] > '9' {
				return 0, auto, fmt.Sprintf("'%s' is not a valid number/range.", arg)
			}
		}
		low := str2uic(arg)
		high := low
		if dash >= 0 {
			if dash+1 == len(arg) {
				high = uint(max)
			} else {
				high = str2uic(arg[dash+1:])
			}
		}
		if high < low {
			low, high = high, low
		}
		if low < 1 || low > uint(max) || high > uint(max) {
			return 0, auto, fmt.Sprintf("'%s' is not a valid number/range. It supports numbers from 1 to %d.\n", arg, max)
		}
		for ; low <= high; low++ {
			set |= 1 << (low - 1)
		}
	}
	set &= ^uint64(0) >> (longBits - max)
	return set, auto, ""
}

// str2uic reads leading decimal digits as an unsigned int.
func str2uic(s string) uint {
	var v uint
	for i := 0; i < len(s) && s[i] >= '0' && s[i] <= '9'; i++ {
		v = v*10 + uint(s[i]-'0')
	}
	return uint(uint32(v))
}

// parseCPUSet is parse_cpu_set() without commas: each word a CPU number or
// range.
func parseCPUSet(words []string) ([]int, string) {
	var cpus []int
	seen := map[int]bool{}
	for _, arg := range words {
		if arg == "" || arg[0] < '0' || arg[0] > '9' {
			return nil, fmt.Sprintf("'%s' is not a CPU range.", arg)
		}
		low := str2uic(arg)
		high := low
		if i := strings.IndexByte(arg, '-'); i >= 0 {
			if i+1 < len(arg) {
				high = str2uic(arg[i+1:])
			} else {
				high = cpuSetSize - 1
			}
		}
		if high < low {
			low, high = high, low
		}
		if high >= cpuSetSize {
			return nil, fmt.Sprintf("supports CPU numbers from 0 to %d.", cpuSetSize-1)
		}
		for c := int(low); c <= int(high); c++ {
			if !seen[c] {
				seen[c] = true
				cpus = append(cpus, c)
			}
		}
	}
	return cpus, ""
}

func globalCPUMap(p *globalParser, ln *line) errCode {
	if ln.arg(1) == "" || ln.arg(2) == "" {
		p.l.alert(ln, "%s expects a process number  ('all', 'odd', 'even', a number from 1 to %d or a range),  followed by a list of CPU ranges with numbers from 0 to %d.", ln.arg(0), longBits, longBits-1)
		return errFatalAlert
	}
	spec := ln.arg(1)
	procPart, threadPart, hasSlash := strings.Cut(spec, "/")
	proc, auto, msg := parseProcessNumber(procPart, longBits, true)
	if msg != "" {
		p.l.alert(ln, "%s : %s", ln.arg(0), msg)
		return errFatalAlert
	}
	var thread uint64
	if hasSlash {
		thread, _, msg = parseProcessNumber(threadPart, longBits, false)
		if msg != "" {
			p.l.alert(ln, "%s : %s", ln.arg(0), msg)
			return errFatalAlert
		}
	}
	cpus, msg := parseCPUSet(ln.from(2))
	if msg != "" {
		p.l.alert(ln, "%s : %s", ln.arg(0), msg)
		return errFatalAlert
	}
	if auto && bits.OnesCount64(proc) != len(cpus) && bits.OnesCount64(thread) != len(cpus) {
		p.l.alert(ln, "%s : PROC/THREAD range and CPU sets must have the same size to be automatically bound", ln.arg(0))
		return errFatalAlert
	}
	p.g.CPUMap = append(p.g.CPUMap, proxy.CPUMap{Auto: auto, Process: procPart, Threads: threadPart, CPUs: cpus})
	return 0
}
