package procmodel

import (
	"bufio"
	"os"
	"os/exec"
	"regexp"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"hakeep/e2e/harness"
)

const unitPath = "/lib/systemd/system/haproxy.service"

// unit is what the test needs of a systemd service file
// (systemd.service(5), systemd.exec(5)).
type unit struct {
	env        map[string]string
	execStart  string
	execReload []string
	success    []int
}

func readUnit(t *testing.T, path string) *unit {
	t.Helper()
	f, err := os.Open(path)
	harness.Need(t, err == nil, path+" not installed (Debian's haproxy package)")
	defer f.Close()
	u := &unit{env: map[string]string{}}
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		k, v, ok := strings.Cut(line, "=")
		if !ok || strings.HasPrefix(line, "#") {
			continue
		}
		switch k {
		case "Environment":
			for _, w := range unitWords(v) {
				name, val, _ := strings.Cut(w, "=")
				u.env[name] = val
			}
		case "ExecStart":
			u.execStart = v
		case "ExecReload":
			u.execReload = append(u.execReload, v)
		case "SuccessExitStatus":
			for _, w := range strings.Fields(v) {
				n, _ := strconv.Atoi(w)
				u.success = append(u.success, n)
			}
		}
	}
	if u.execStart == "" {
		t.Fatalf("%s has no ExecStart", path)
	}
	return u
}

// unitWords splits a value into words, double quotes grouping.
func unitWords(s string) []string {
	var out []string
	var cur strings.Builder
	in, quoted := false, false
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == '"':
			quoted = !quoted
			in = true
		case (c == ' ' || c == '\t') && !quoted:
			if in {
				out = append(out, cur.String())
				cur.Reset()
				in = false
			}
		default:
			cur.WriteByte(c)
			in = true
		}
	}
	if in {
		out = append(out, cur.String())
	}
	return out
}

// command expands a command line as systemd does: a word that is a
// lone "$VAR" becomes the value's words, "${VAR}" is replaced in place.
func (u *unit) command(line string, env map[string]string) []string {
	braceVar := regexp.MustCompile(`\$\{([A-Za-z_][A-Za-z0-9_]*)\}`)
	line = strings.TrimLeft(line, "-@!+:")
	var argv []string
	for _, w := range unitWords(line) {
		if name, ok := strings.CutPrefix(w, "$"); ok && !strings.HasPrefix(name, "{") {
			argv = append(argv, strings.Fields(env[name])...)
			continue
		}
		argv = append(argv, braceVar.ReplaceAllStringFunc(w, func(m string) string {
			return env[braceVar.FindStringSubmatch(m)[1]]
		}))
	}
	return argv
}

// unitRun is what one binary did under the unit's command lines.
type unitRun struct {
	messages []string
	exit     int
	showProc string
}

// runUnit plays systemd for Type=notify: ExecStart under a notification
// socket, both ExecReload lines, then the stop (KillMode=mixed: SIGTERM
// to the main process).
func runUnit(t *testing.T, u *unit, bin string) unitRun {
	dir := tempDir(t)
	be := backend(t)
	port := freePort(t)
	cfgText := "global\n    log stdout local0\n" +
		"defaults\n    mode http\n    timeout connect 5s\n    timeout client 30s\n    timeout server 30s\n" +
		"frontend fe\n    bind 127.0.0.1:" + strconv.Itoa(port) + "\n    default_backend be\n" +
		"backend be\n    server s1 " + be + "\n"
	// the unit's own values, with its paths moved under the test's
	// directory
	env := map[string]string{}
	for k, v := range u.env {
		env[k] = strings.NewReplacer("/etc/haproxy/", dir+"/", "/run/", dir+"/").Replace(v)
	}
	writeFile(t, env["CONFIG"], cfgText)
	n := newNotifyListener(t, dir)
	argv := u.command(u.execStart, env)
	if argv[0] != "/usr/sbin/haproxy" {
		t.Fatalf("ExecStart runs %q", argv[0])
	}
	argv[0] = bin
	t.Logf("ExecStart: %s", strings.Join(argv, " "))
	p := start(t, []string{"NOTIFY_SOCKET=" + n.path}, argv...)

	var r unitRun
	r.messages = n.until(t, "READY=1", 15*time.Second)
	pid := mainPID(r.messages[len(r.messages)-1])
	if pid != p.cmd.Process.Pid {
		t.Errorf("MAINPID=%d, the unit's process is %d", pid, p.cmd.Process.Pid)
	}
	addr := "127.0.0.1:" + strconv.Itoa(port)
	waitServing(t, addr, 10*time.Second)
	sock := ""
	for i, a := range argv {
		if a == "-S" && i+1 < len(argv) {
			sock = strings.Split(argv[i+1], ",")[0]
		}
	}
	before := cli(t, sock, "show proc")

	env["MAINPID"] = strconv.Itoa(pid)
	for _, line := range u.execReload {
		rargv := u.command(line, env)
		if rargv[0] == "/usr/sbin/haproxy" {
			rargv[0] = bin
		}
		t.Logf("ExecReload: %s", strings.Join(rargv, " "))
		out, err := exec.Command(rargv[0], rargv[1:]...).CombinedOutput()
		if err != nil {
			t.Fatalf("%s: %v\n%s", strings.Join(rargv, " "), err, out)
		}
	}
	r.messages = append(r.messages, n.until(t, "READY=1", 15*time.Second)...)
	waitServing(t, addr, 10*time.Second)
	r.showProc = cli(t, sock, "show proc")
	if workersOf(before) == workersOf(r.showProc) || workersOf(r.showProc) == "" {
		t.Errorf("the reload did not replace the worker:\n%s\n%s", before, r.showProc)
	}

	syscall.Kill(pid, syscall.SIGTERM)
	r.exit = p.wait(t, 15*time.Second)
	for m := range n.ch {
		r.messages = append(r.messages, m)
		if m == "STOPPING=1" {
			break
		}
	}
	return r
}

// workersOf is the PIDs of "show proc"'s current workers.
func workersOf(showProc string) string {
	var pids []string
	in := false
	for _, l := range strings.Split(showProc, "\n") {
		switch {
		case l == "# workers":
			in = true
		case strings.HasPrefix(l, "#"):
			in = false
		case in && l != "":
			pids = append(pids, strings.Fields(l)[0])
		}
	}
	return strings.Join(pids, ",")
}

// TestE2EUnitFile runs Debian's haproxy.service command lines with our
// binary in place of /usr/sbin/haproxy, then with the real one.
func TestE2EUnitFile(t *testing.T) {
	ours, real := binaries(t)
	harness.NeedCmd(t, "kill")
	u := readUnit(t, unitPath)
	var runs [2]unitRun
	for i, bin := range []string{ours, real} {
		t.Run([]string{"hakeep", "haproxy-2.6"}[i], func(t *testing.T) { runs[i] = runUnit(t, u, bin) })
	}
	norm := func(ms []string) []string {
		var out []string
		for _, m := range ms {
			out = append(out, regexp.MustCompile(`MAINPID=\d+`).ReplaceAllString(m, "MAINPID=<pid>"))
		}
		return out
	}
	a, b := norm(runs[0].messages), norm(runs[1].messages)
	rows := [][3]string{}
	for i := 0; i < max(len(a), len(b)); i++ {
		row := [3]string{"sd_notify " + strconv.Itoa(i+1), "-", "-"}
		if i < len(a) {
			row[1] = strconv.Quote(a[i])
		}
		if i < len(b) {
			row[2] = strconv.Quote(b[i])
		}
		rows = append(rows, row)
	}
	rows = append(rows, [3]string{"exit status after SIGTERM", strconv.Itoa(runs[0].exit), strconv.Itoa(runs[1].exit)})
	sideBySide(t, "Debian's haproxy.service (Type=notify) under a NOTIFY_SOCKET listener", rows)
	t.Logf("show proc after the reload (ours):\n%s", runs[0].showProc)
	t.Logf("show proc after the reload (haproxy 2.6):\n%s", runs[1].showProc)

	if strings.Join(a, "|") != strings.Join(b, "|") {
		t.Errorf("notifications differ from 2.6's:\nours %q\n2.6  %q", a, b)
	}
	ok := false
	for _, s := range append([]int{0}, u.success...) {
		if runs[0].exit == s {
			ok = true
		}
	}
	if !ok {
		t.Errorf("exit status %d after SIGTERM; the unit accepts 0 and %v", runs[0].exit, u.success)
	}
	if !strings.Contains(runs[0].showProc, "master          1 [failed: 0]") {
		t.Errorf("show proc after one reload:\n%s", runs[0].showProc)
	}
}
