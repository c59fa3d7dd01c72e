package checks_e2e

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"sync"
	"time"
)

// record is what one implementation did in a scenario.
type record struct {
	stderr    []string
	log       []string
	stats     []snapshot
	intervals map[string][]int
	requests  map[string][]string
	accepts   map[string]int
	notes     []string
}

type snapshot struct {
	label string
	// lines are "backend/server col=value ..." in column order.
	lines []string
}

// statColumns are the "show stat" columns the checks own.
var statColumns = []string{"status", "uweight", "chkfail", "chkdown", "check_status", "check_code", "check_desc",
	"last_chk", "check_rise", "check_fall", "check_health", "agent_status", "agent_code", "agent_desc",
	"last_agt", "agent_rise", "agent_fall", "agent_health", "hanafail", "tracked"}

// impl is one implementation under test.
type impl interface {
	// start runs the configuration at cfgPath; stop ends it and returns
	// its stderr and log lines.
	start(cfgPath string) error
	stats(servers []string) (map[string]map[string]string, error)
	// current is the stderr lines so far.
	current() []string
	// command runs a runtime API command and returns its answer.
	command(cmd string) (string, error)
	stop() (stderr, log []string)
}

// env is a running scenario.
type env struct {
	s     *scenario
	im    impl
	fakes map[string]*fake
	rec   *record
	err   error
	// dir is the run's directory ({tmp} in the configuration).
	dir string
}

func (e *env) wait(d time.Duration) { time.Sleep(d) }

// waitServed waits for the n-th connection (from 0) to a fake, then lets
// the check's result settle.
func (e *env) waitServed(name string, n int) {
	if !e.fakes[name].waitServed(n, 10*time.Second) && e.err == nil {
		e.err = fmt.Errorf("%s: connection %d never came", name, n)
	}
	time.Sleep(150 * time.Millisecond)
}

// waitLine waits for a stderr line containing text and returns when it
// was seen.
func (e *env) waitLine(text string, limit time.Duration) time.Time {
	deadline := time.Now().Add(limit)
	for time.Now().Before(deadline) {
		for _, l := range e.im.current() {
			if strings.Contains(l, text) {
				return time.Now()
			}
		}
		time.Sleep(20 * time.Millisecond)
	}
	if e.err == nil {
		e.err = fmt.Errorf("no line %q within %v", text, limit)
	}
	return time.Now()
}

// cli runs a runtime API command and records its answer.
func (e *env) cli(cmd string) {
	out, err := e.im.command(cmd)
	if err != nil {
		e.fail("%s: %v", cmd, err)
		return
	}
	e.note("cli "+cmd, strings.TrimRight(out, "\n"))
	time.Sleep(50 * time.Millisecond)
}

// note records a free-form finding ("## note <key>").
func (e *env) note(key, value string) {
	e.rec.notes = append(e.rec.notes, key+"\x00"+value)
}

// fail records a scenario failure.
func (e *env) fail(format string, args ...any) {
	if e.err == nil {
		e.err = fmt.Errorf(format, args...)
	}
}

func (e *env) snap(label string) {
	st, err := e.im.stats(e.s.servers)
	if err != nil {
		if e.err == nil {
			e.err = err
		}
		return
	}
	sn := snapshot{label: label}
	for _, srv := range e.s.servers {
		f := st[srv]
		var b strings.Builder
		b.WriteString(srv)
		for _, c := range statColumns {
			v := f[c]
			if c == "check_status" || c == "agent_status" {
				v = strings.TrimPrefix(v, "* ")
			}
			fmt.Fprintf(&b, " %s=%q", c, v)
		}
		sn.lines = append(sn.lines, b.String())
	}
	e.rec.stats = append(e.rec.stats, sn)
}

// play runs scenario s through im against fresh fake servers.
func play(s *scenario, im impl, dir string, extra map[string]string) (*record, error) {
	e := &env{s: s, im: im, fakes: map[string]*fake{}, rec: &record{intervals: map[string][]int{},
		requests: map[string][]string{}, accepts: map[string]int{}}}
	repl := []string{}
	for _, fd := range s.fakes {
		f, err := newFake(fd.name, fd.kind, fd.script)
		if err != nil {
			return nil, err
		}
		defer f.close()
		e.fakes[fd.name] = f
		repl = append(repl, "{"+fd.name+"}", f.addr(), "{"+fd.name+".port}", fmt.Sprint(f.port))
	}
	for k, v := range extra {
		repl = append(repl, "{"+k+"}", v)
	}
	repl = append(repl, "{tmp}", dir)
	if s.setup != nil {
		if err := s.setup(dir); err != nil {
			return nil, err
		}
	}
	e.dir = dir
	cfg := strings.NewReplacer(repl...).Replace(s.config())
	path := filepath.Join(dir, "haproxy.cfg")
	if err := os.WriteFile(path, []byte(cfg), 0o644); err != nil {
		return nil, err
	}
	if err := im.start(path); err != nil {
		return nil, err
	}
	s.run(e)
	e.rec.stderr, e.rec.log = im.stop()
	// ports differ from run to run: messages name them by fake
	var ports []string
	for _, fd := range s.fakes {
		ports = append(ports, fmt.Sprint(e.fakes[fd.name].port), "{"+fd.name+".port}")
	}
	pr := strings.NewReplacer(ports...)
	for _, lines := range [][]string{e.rec.stderr, e.rec.log} {
		for i := range lines {
			lines[i] = pr.Replace(lines[i])
		}
	}
	for _, sn := range e.rec.stats {
		for i := range sn.lines {
			sn.lines[i] = pr.Replace(sn.lines[i])
		}
	}
	for _, fd := range s.fakes {
		f := e.fakes[fd.name]
		if fd.timing {
			e.rec.intervals[fd.name] = f.intervals()
		}
		if fd.requests {
			f.mu.Lock()
			for _, r := range f.requests {
				// ports differ from run to run
				r = strings.ReplaceAll(r, fmt.Sprint(f.port), "{"+fd.name+".port}")
				r = proxySrcPort.ReplaceAllString(r, "${1}SRCPORT ")
				e.rec.requests[fd.name] = append(e.rec.requests[fd.name], fmt.Sprintf("%q", r))
			}
			f.mu.Unlock()
		}
		if fd.countAccepts {
			f.mu.Lock()
			e.rec.accepts[fd.name] = len(f.times)
			f.mu.Unlock()
		}
	}
	return e.rec, e.err
}

var (
	// proxySrcPort is the check's own port in a PROXY v1 line.
	proxySrcPort = regexp.MustCompile(`(PROXY TCP[46] \S+ \S+ )\d+ `)
	pidRe        = regexp.MustCompile(`^(\[[A-Z]+\] +)\(\d+\) : `)
	durationRe   = regexp.MustCompile(`check duration: \d+ms`)
)

// normalize masks what differs between runs: process ids and durations.
func normalize(lines []string) []string {
	var out []string
	for _, l := range lines {
		l = pidRe.ReplaceAllString(l, "${1}(PID) : ")
		l = durationRe.ReplaceAllString(l, "check duration: Nms")
		out = append(out, l)
	}
	return out
}

// keepStderr drops the start-up notices and configuration warnings the
// real haproxy prints: what is compared is what the checks print.
func keepStderr(l string) bool {
	return l != "" && !strings.Contains(l, "[NOTICE]") && !strings.Contains(l, ": config : ") &&
		!strings.Contains(l, "parsing [") && !strings.Contains(l, "Proxy ") && !strings.Contains(l, "haproxy version")
}

// format renders a record as the golden file's text.
func (r *record) format() string {
	var b strings.Builder
	b.WriteString("## stderr\n")
	for _, l := range normalize(r.stderr) {
		b.WriteString(l + "\n")
	}
	b.WriteString("## log\n")
	for _, l := range normalize(r.log) {
		b.WriteString(l + "\n")
	}
	for _, s := range r.stats {
		b.WriteString("## stat " + s.label + "\n")
		for _, l := range s.lines {
			b.WriteString(l + "\n")
		}
	}
	names := make([]string, 0, len(r.intervals))
	for n := range r.intervals {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		fmt.Fprintf(&b, "## intervals %s\n%s\n", n, strings.Trim(fmt.Sprint(r.intervals[n]), "[]"))
	}
	for _, n := range r.notes {
		k, v, _ := strings.Cut(n, "\x00")
		fmt.Fprintf(&b, "## note %s\n%s\n", k, v)
	}
	names = names[:0]
	for n := range r.requests {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		fmt.Fprintf(&b, "## requests %s\n%s\n", n, strings.Join(r.requests[n], "\n"))
	}
	names = names[:0]
	for n := range r.accepts {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		fmt.Fprintf(&b, "## accepts %s\n%d\n", n, r.accepts[n])
	}
	return b.String()
}

// sections splits a golden text into its "## " sections.
func sections(text string) map[string][]string {
	out := map[string][]string{}
	var cur string
	for _, l := range strings.Split(strings.TrimSuffix(text, "\n"), "\n") {
		if strings.HasPrefix(l, "## ") {
			cur = l[3:]
			out[cur] = nil
			continue
		}
		out[cur] = append(out[cur], l)
	}
	return out
}

// lockedLines collects lines from several goroutines.
type lockedLines struct {
	mu    sync.Mutex
	lines []string
}

func (l *lockedLines) add(s string) {
	l.mu.Lock()
	l.lines = append(l.lines, s)
	l.mu.Unlock()
}

func (l *lockedLines) get() []string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return append([]string(nil), l.lines...)
}
