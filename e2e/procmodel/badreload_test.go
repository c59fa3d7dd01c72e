package procmodel

import (
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"
)

// badReload starts bin -Ws, reloads it with a broken configuration,
// checks the old worker keeps serving and the master stays, then reloads
// with a good one. It returns the master's lines from the broken reload.
func badReload(t *testing.T, bin string) []string {
	dir := tempDir(t)
	be := backend(t)
	port := freePort(t)
	addr := "127.0.0.1:" + strconv.Itoa(port)
	cfg := filepath.Join(dir, "haproxy.cfg")
	good := "defaults\n    mode http\n    timeout connect 5s\n    timeout client 30s\n    timeout server 30s\n" +
		"frontend fe\n    bind " + addr + "\n    default_backend be\n" +
		"backend be\n    server s1 " + be + "\n"
	writeFile(t, cfg, good)
	sock := filepath.Join(dir, "master.sock")
	n := newNotifyListener(t, dir)
	p := start(t, []string{"NOTIFY_SOCKET=" + n.path}, bin, "-Ws", "-f", cfg, "-S", sock)
	ready := n.until(t, "READY=1", 15*time.Second)
	master := mainPID(ready[len(ready)-1])
	waitServing(t, addr, 10*time.Second)
	first := workersOf(cli(t, sock, "show proc"))

	writeFile(t, cfg, good+"    bogus keyword\n")
	mark := len(p.out.String())
	syscall.Kill(master, syscall.SIGUSR2)
	msgs := n.until(t, "READY=1", 15*time.Second)
	if strings.Join(msgs, "|") != "RELOADING=1|RELOADING=1|READY=1\nMAINPID="+strconv.Itoa(master) {
		t.Errorf("notifications of a failed reload: %q", msgs)
	}
	if code, _, err := get("http://" + addr + "/"); err != nil || code != 200 {
		t.Fatalf("the old worker stopped serving: %d %v", code, err)
	}
	sp := cli(t, sock, "show proc")
	if !strings.Contains(sp, "[failed: 1]") || workersOf(sp) != first {
		t.Errorf("after a failed reload:\n%s", sp)
	}
	if !alive(master) {
		t.Fatal("the master left")
	}
	broken := strings.Split(strings.TrimSpace(p.out.String()[mark:]), "\n")

	writeFile(t, cfg, good)
	syscall.Kill(master, syscall.SIGUSR2)
	n.until(t, "READY=1", 15*time.Second)
	waitServing(t, addr, 10*time.Second)
	sp = cli(t, sock, "show proc")
	if !strings.Contains(sp, "[failed: 0]") || workersOf(sp) == first {
		t.Errorf("after the next good reload:\n%s", sp)
	}
	syscall.Kill(master, syscall.SIGTERM)
	p.wait(t, 15*time.Second)
	return broken
}

var (
	pidRE  = regexp.MustCompile(`\(\d+\)`)
	verRE  = regexp.MustCompile(`haproxy version is \S+`)
	pathRE = regexp.MustCompile(`path to executable is \S+`)
)

func normLines(lines []string, dir string) []string {
	var out []string
	for _, l := range lines {
		l = pidRE.ReplaceAllString(l, "(PID)")
		l = verRE.ReplaceAllString(l, "haproxy version is V")
		l = pathRE.ReplaceAllString(l, "path to executable is P")
		if dir != "" {
			l = strings.ReplaceAll(l, dir, "DIR")
		}
		out = append(out, l)
	}
	return out
}

// TestE2EBrokenReload: a reload with a broken configuration keeps the
// old worker serving and the master waiting, with 2.6's messages; the
// next good reload works.
func TestE2EBrokenReload(t *testing.T) {
	ours, real := binaries(t)
	var got [2][]string
	for i, bin := range []string{ours, real} {
		t.Run([]string{"hakeep", "haproxy-2.6"}[i], func(t *testing.T) { got[i] = badReload(t, bin) })
	}
	if got[0] == nil || got[1] == nil {
		return
	}
	// the temporary directories differ: compare from the file's name
	base := func(ls []string) []string {
		var out []string
		for _, l := range normLines(ls, "") {
			out = append(out, regexp.MustCompile(`/tmp/pm\d+/`).ReplaceAllString(l, "DIR/"))
		}
		return out
	}
	a, b := base(got[0]), base(got[1])
	var rows [][3]string
	for i := 0; i < max(len(a), len(b)); i++ {
		r := [3]string{"line " + strconv.Itoa(i+1), "", ""}
		if i < len(a) {
			r[1] = a[i]
		}
		if i < len(b) {
			r[2] = b[i]
		}
		rows = append(rows, r)
	}
	sideBySide(t, "the master's messages for a broken reload", rows)
	// 2.6's old worker reports its proxies stopping only after the next
	// reload; up to "Loading failure!" the lines must be the same
	cut := func(ls []string) string {
		for i, l := range ls {
			if strings.Contains(l, "Loading failure!") {
				return strings.Join(ls[:i+1], "\n")
			}
		}
		return strings.Join(ls, "\n")
	}
	if cut(a) != cut(b) {
		t.Errorf("messages differ:\nours:\n%s\n2.6:\n%s", cut(a), cut(b))
	}
}
