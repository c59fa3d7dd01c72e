package config

import (
	"fmt"
	"sort"
	"strings"

	"hakeep/proxy"
)

// Syslog names (src/log.c): facilities, levels and header formats.
func logFacilities() []string {
	return []string{
		"kern", "user", "mail", "daemon", "auth", "syslog", "lpr", "news",
		"uucp", "cron", "auth2", "ftp", "ntp", "audit", "alert", "cron2",
		"local0", "local1", "local2", "local3", "local4", "local5", "local6", "local7",
	}
}

func logLevels() []string {
	return []string{"emerg", "alert", "crit", "err", "warning", "notice", "info", "debug"}
}

func logFormats() []string {
	return []string{"local", "rfc3164", "rfc5424", "priority", "short", "timed", "iso", "raw"}
}

func indexOf(list []string, s string) int {
	for i, v := range list {
		if v == s {
			return i
		}
	}
	return -1
}

// logLevel is get_log_level(): -1 when unknown.
func logLevel(s string) int { return indexOf(logLevels(), s) }

// syslogPort is SYSLOG_PORT, used when a log address has none.
const syslogPort = 514

// parseLogTarget is parse_logsrv() (src/log.c) for a "log" line: "no log",
// "log global", or "log <address> [len <n>] [format <f>] [sample <r>:<n>]
// <facility> [<level> [<minlevel>]]" (configuration.txt section 4.2,
// "log"). It returns the updated list, or 2.6's message.
func (l *loader) parseLogTarget(ln *line, cur []proxy.LogTarget, inGlobal bool) ([]proxy.LogTarget, string, bool) {
	if ln.kwm == kwmNo {
		if ln.arg(1) != "" {
			return cur, "'no log' does not expect arguments", false
		}
		return nil, "", true
	}
	if ln.arg(1) != "" && ln.arg(2) == "" && ln.arg(1) == "global" {
		if inGlobal {
			return cur, "'global' is not supported for a global syslog server", false
		}
		// The global targets known at this line are copied, once
		// (2.6 copies global.logsrvs as it stands, skipping those
		// already copied).
		for _, g := range l.cfg.Global.Logs {
			dup := false
			for _, c := range cur {
				dup = dup || sameLogTarget(c, g)
			}
			if !dup {
				cur = append(cur, g)
			}
		}
		return cur, "", true
	}
	if ln.arg(1) == "" || ln.arg(2) == "" {
		or := "or global"
		if inGlobal {
			or = ""
		}
		return cur, fmt.Sprintf("expects <address> and <facility> %s as arguments", or), false
	}
	addr := ln.arg(1)
	switch addr {
	case "stdout":
		addr = "fd@1"
	case "stderr":
		addr = "fd@2"
	}
	t := proxy.LogTarget{MaxLen: 1024, Level: 7}
	c := 2
	if ln.arg(c) == "len" {
		n := atoi(ln.arg(c + 1))
		if n < 80 || n > 65535 {
			return cur, fmt.Sprintf("invalid log length '%s', must be between 80 and 65535", ln.arg(c+1)), false
		}
		t.MaxLen = n
		c += 2
	}
	if ln.arg(c) == "format" {
		// "local" is valid: 2.6 searches every name but LOG_FORMAT_UNSPEC's
		f := indexOf(logFormats(), ln.arg(c+1))
		if f < 0 {
			return cur, fmt.Sprintf("unknown log format '%s'", ln.arg(c+1)), false
		}
		t.Format = logFormats()[f]
		c += 2
	}
	if ln.arg(c) == "sample" {
		s, msg := parseLogSample(ln.arg(c + 1))
		if msg != "" {
			return cur, msg, false
		}
		t.Sample = s
		c += 2
	}
	t.Facility = indexOf(logFacilities(), ln.arg(c))
	if t.Facility < 0 {
		return cur, fmt.Sprintf("unknown log facility '%s'", ln.arg(c)), false
	}
	c++
	if ln.arg(c) != "" {
		if t.Level = logLevel(ln.arg(c)); t.Level < 0 {
			return cur, fmt.Sprintf("unknown optional log level '%s'", ln.arg(c)), false
		}
		c++
	}
	if ln.arg(c) != "" {
		if t.MinLevel = logLevel(ln.arg(c)); t.MinLevel < 0 {
			return cur, fmt.Sprintf("unknown optional minimum log level '%s'", ln.arg(c)), false
		}
		c++
	}
	if ln.arg(c) != "" {
		return cur, fmt.Sprintf("cannot handle unexpected argument '%s'", ln.arg(c)), false
	}
	if strings.HasPrefix(addr, "ring@") {
		t.Ring = addr[5:]
		return append(cur, t), "", true
	}
	r, msg := l.parseAddress(addr, "", paResolve|paPortOK|paRawFD|paDgram|paStream|paDefaultDgram, false)
	if msg != "" {
		return cur, strings.TrimRight(msg, "\n"), false
	}
	t.Addr = r.addr
	if t.Addr.Family == proxy.FamilyInet && t.Addr.PortLow == 0 {
		t.Addr.PortLow, t.Addr.PortHigh, t.Addr.Port, t.Addr.PortOffset = syslogPort, syslogPort, syslogPort, false
	}
	t.Addr.PortOffset = false
	t.Stream = !r.dgramXprt && r.addr.Family != proxy.FamilyFD
	return append(cur, t), "", true
}

// sameLogTarget reports whether two targets are the same line's.
func sameLogTarget(a, b proxy.LogTarget) bool {
	return a.Addr == b.Addr && a.Ring == b.Ring && a.Facility == b.Facility &&
		a.Level == b.Level && a.MinLevel == b.MinLevel && a.MaxLen == b.MaxLen &&
		a.Format == b.Format && a.Sample == b.Sample
}

// parseLogSample reads "<ranges>:<size>" (get_logsrv_smp_range()).
func parseLogSample(arg string) (*proxy.LogSample, string) {
	ranges, size, ok := strings.Cut(arg, ":")
	if !ok {
		return nil, "Missing sample size"
	}
	s := &proxy.LogSample{}
	maxHigh := 0
	for p := ranges; p != ""; {
		item, rest, _ := strings.Cut(p, ",")
		lo, hi := 0, 0
		a, b, dash := strings.Cut(item, "-")
		lo = readUint(a)
		if lo == 0 || !isDigits(a) {
			return nil, fmt.Sprintf("wrong sample range '%s'", p)
		}
		hi = lo
		if dash {
			hi = readUint(b)
			if hi == 0 || hi <= lo || !isDigits(b) {
				return nil, fmt.Sprintf("wrong sample range '%s'", p)
			}
		}
		for _, r := range s.Ranges {
			if lo >= r.Low && lo <= r.High || hi >= r.Low && hi <= r.High {
				return nil, "ranges are overlapping"
			}
		}
		s.Ranges = append(s.Ranges, proxy.LogSampleRange{Low: lo, High: hi})
		if hi > maxHigh {
			maxHigh = hi
		}
		p = rest
	}
	if len(s.Ranges) == 0 {
		return nil, "no sampling ranges given"
	}
	n := readUint(size)
	if n == 0 || !isDigits(size) {
		return nil, fmt.Sprintf("wrong sample size '%s' for sample range '%s'", size, arg)
	}
	if n < maxHigh {
		return nil, fmt.Sprintf("sample size %d should be greater or equal to %d the maximum of the high ranges limits", n, maxHigh)
	}
	s.Size = n
	sort.Slice(s.Ranges, func(i, j int) bool { return s.Ranges[i].Low < s.Ranges[j].Low })
	return s, ""
}

func isDigits(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

func readUint(s string) int {
	v := 0
	for i := 0; i < len(s) && s[i] >= '0' && s[i] <= '9'; i++ {
		v = v*10 + int(s[i]-'0')
	}
	return v
}
