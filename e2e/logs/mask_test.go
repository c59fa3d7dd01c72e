package logs

import (
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// masker hides what differs between two runs of the same script: dates,
// the process id, client ports and timer values (a timer that is -1, a
// phase never reached, stays visible).
type masker struct {
	known map[int]bool // ports of the layout, kept
	pid   string
}

var (
	reLegacyTime = regexp.MustCompile(`^(<\d+>)?[A-Z][a-z]{2} [ 0-9]\d \d{2}:\d{2}:\d{2} `)
	reISOTime    = regexp.MustCompile(`\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}[+-]\d{2}:\d{2}`)
	// the process's own tag (log-tag hklog); forwarded messages keep
	// theirs
	reTagPID  = regexp.MustCompile(`^([^ ]*(?: [^ ]+)? hklog)\[\d+\]: `)
	re5424PID = regexp.MustCompile(`^(<\d+>1 ISOTIME \S+ \S+ )\d+ `)
	// dates, whole or cut by a target's "len"
	reDate     = regexp.MustCompile(`\d{2}/[A-Z][a-z]{2}/\d{0,4}(:\d{0,2}){0,3}(\.\d{0,3})?( [+-]\d{4})?`)
	reAddrPort = regexp.MustCompile(`(\d+\.\d+\.\d+\.\d+):(\d+)`)
	// httplog, httpslog and tcplog: "ci:cp [date] ft b/s TIMERS ..."
	reSlashTimers = regexp.MustCompile(`^(.*?\S+:\S+ \[DATE\] \S+ \S+ )([-+0-9/]+)( .*)?$`)
	// httplog clf: `... "" "" cp ms "ft" "b" "s" TR Tw Tc Tr Ta ...`
	reCLF = regexp.MustCompile(`^(.* "" "" )(\S+) (\d+) ("[^"]*" "[^"]*" "[^"]*" )(-?\d+ -?\d+ -?\d+ -?\d+ \+?-?\d+)( .*)?$`)
	// custom formats put their timers in T[...]
	reBracketTimers = regexp.MustCompile(`T\[([-+0-9/]*)\]`)
)

func (m *masker) mask(s string) string {
	nl := strings.HasSuffix(s, "\n")
	s = strings.TrimSuffix(s, "\n")
	s = reLegacyTime.ReplaceAllString(s, "${1}TIME ")
	s = reISOTime.ReplaceAllString(s, "ISOTIME")
	s = reTagPID.ReplaceAllString(s, "${1}[PID]: ")
	s = re5424PID.ReplaceAllString(s, "${1}PID ")
	s = reDate.ReplaceAllString(s, "DATE")
	s = reAddrPort.ReplaceAllStringFunc(s, func(ap string) string {
		i := strings.LastIndexByte(ap, ':')
		if p, _ := strconv.Atoi(ap[i+1:]); m.known[p] {
			return ap
		}
		return ap[:i] + ":PORT"
	})
	if g := reCLF.FindStringSubmatch(s); g != nil {
		s = g[1] + "PORT MS " + g[4] + maskTimers(g[5], " ") + g[6]
	} else if g := reSlashTimers.FindStringSubmatch(s); g != nil {
		s = g[1] + maskTimers(g[2], "/") + g[3]
	}
	s = reBracketTimers.ReplaceAllStringFunc(s, func(b string) string {
		return "T[" + maskTimers(b[2:len(b)-1], "/") + "]"
	})
	if m.pid != "" {
		s = strings.ReplaceAll(s, m.pid, "PID")
	}
	if nl {
		s += "\n"
	}
	return s
}

// maskTimers keeps -1 and a leading '+' of each value, and hides the
// others.
func maskTimers(s, sep string) string {
	parts := strings.Split(s, sep)
	for i, p := range parts {
		plus := strings.HasPrefix(p, "+")
		switch {
		case p == "-1":
		case plus:
			parts[i] = "+T"
		default:
			parts[i] = "T"
		}
	}
	return strings.Join(parts, sep)
}

func TestMasker(t *testing.T) {
	m := &masker{known: map[int]bool{18080: true}, pid: "4242"}
	for in, want := range map[string]string{
		`<134>Nov 21 20:59:26 hklog[4242]: 127.0.0.1:45544 [21/Nov/2026:20:59:26.765] fe be/s1 0/0/1/2/+3 200 73 - - ---- 1/1/0/0/0 0/0 "GET / HTTP/1.1"` + "\n": `<134>TIME hklog[PID]: 127.0.0.1:PORT [DATE] fe be/s1 T/T/T/T/+T 200 73 - - ---- 1/1/0/0/0 0/0 "GET / HTTP/1.1"` + "\n",
		`<142>1 2026-11-21T20:59:26.766074+00:00 - hklog 4242 - - 127.0.0.1:1 [21/Nov/2026:20:59:26.765] f b/s -1/-1/0/-1/5 503`:                                 `<142>1 ISOTIME - hklog PID - - 127.0.0.1:PORT [DATE] f b/s -1/-1/T/-1/T 503`,
		`127.0.0.1 - - [21/Nov/2026:21:07:02 +0000] "GET /a?b HTTP/1.1" 200 118 "" "" 46808 625 "f_clf" "be" "s1" 0 -1 0 1 1 ---- 1 1 0 0 0 0 0 "" ""`:           `127.0.0.1 - - [DATE] "GET /a?b HTTP/1.1" 200 118 "" "" PORT MS "f_clf" "be" "s1" T -1 T T T ---- 1 1 0 0 0 0 0 "" ""`,
		`<6>Connect from 127.0.0.1:5555 to 127.0.0.1:18080 (fe/HTTP)`:                                                                                            `<6>Connect from 127.0.0.1:PORT to 127.0.0.1:18080 (fe/HTTP)`,
		`x T[0/12/-1/+7] y`: `x T[T/T/-1/+T] y`,
		`<142>1 2026-11-21T20:59:26.766074+00:00 - hklog 4242 - - 127.0.0.1:1 [21/Nov/2026:2`: `<142>1 ISOTIME - hklog PID - - 127.0.0.1:PORT [DATE`,
		`127.0.0.1:1 [21/Nov/2026:21:30:`:    `127.0.0.1:PORT [DATE`,
		`127.0.0.1:1 [21/Nov/2026:21:30:05.`: `127.0.0.1:PORT [DATE`,
	} {
		if got := m.mask(in); got != want {
			t.Errorf("mask(%q)\n got %q\nwant %q", in, got, want)
		}
	}
}
