package keepalived_e2e

import (
	"bufio"
	"context"
	"net"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"hakeep/e2e/harness"
)

// unitFile is Debian's keepalived unit.
const unitFile = "/lib/systemd/system/keepalived.service"

// unitLine returns the value of key= in the unit's [Service] section.
func unitLine(t *testing.T, unit, key string) string {
	for _, l := range strings.Split(unit, "\n") {
		if v, ok := strings.CutPrefix(strings.TrimSpace(l), key+"="); ok {
			return v
		}
	}
	t.Fatalf("%s has no %s=", unitFile, key)
	return ""
}

// daemonArgs is $DAEMON_ARGS as systemd reads it from the unit's
// EnvironmentFile (absent: empty).
func daemonArgs(unit string) string {
	for _, l := range strings.Split(unit, "\n") {
		f, ok := strings.CutPrefix(strings.TrimSpace(l), "EnvironmentFile=")
		if !ok {
			continue
		}
		b, err := os.ReadFile(strings.TrimPrefix(f, "-"))
		if err != nil {
			continue
		}
		for _, e := range strings.Split(string(b), "\n") {
			if v, ok := strings.CutPrefix(strings.TrimSpace(e), "DAEMON_ARGS="); ok {
				return strings.Trim(v, `"'`)
			}
		}
	}
	return ""
}

// notifyListener is systemd's end of NOTIFY_SOCKET.
type notifyListener struct {
	mu   sync.Mutex
	msgs []string
	c    *net.UnixConn
}

func listenSDNotify(t *testing.T, path string) *notifyListener {
	c, err := net.ListenUnixgram("unixgram", &net.UnixAddr{Name: path, Net: "unixgram"})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { c.Close() })
	n := &notifyListener{c: c}
	go func() {
		buf := make([]byte, 1024)
		for {
			k, err := c.Read(buf)
			if err != nil {
				return
			}
			n.mu.Lock()
			n.msgs = append(n.msgs, string(buf[:k]))
			n.mu.Unlock()
		}
	}()
	return n
}

func (n *notifyListener) got() []string {
	n.mu.Lock()
	defer n.mu.Unlock()
	return append([]string(nil), n.msgs...)
}

// mainPID is the MAINPID of the last READY=1.
func (n *notifyListener) mainPID() int {
	pid := 0
	for _, m := range n.got() {
		if v, ok := strings.CutPrefix(m, "READY=1\nMAINPID="); ok {
			pid, _ = strconv.Atoi(v)
		}
	}
	return pid
}

// addrMonitor records `ip monitor address` in a namespace.
type addrMonitor struct {
	mu    sync.Mutex
	lines []string
	cmd   *exec.Cmd
}

func monitorAddrs(t *testing.T, ns string) *addrMonitor { return monitorObjects(t, ns, "address") }

// monitorObjects records `ip monitor OBJECT` (address, route, rule...).
func monitorObjects(t *testing.T, ns, object string) *addrMonitor {
	m := &addrMonitor{cmd: exec.Command("ip", "-n", ns, "monitor", object)}
	out, err := m.cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := m.cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { m.cmd.Process.Kill(); m.cmd.Wait() })
	go func() {
		s := bufio.NewScanner(out)
		for s.Scan() {
			m.mu.Lock()
			m.lines = append(m.lines, s.Text())
			m.mu.Unlock()
		}
	}()
	return m
}

func (m *addrMonitor) since(n int) []string {
	m.mu.Lock()
	defer m.mu.Unlock()
	return append([]string(nil), m.lines[n:]...)
}

func (m *addrMonitor) count() int {
	m.mu.Lock()
	defer m.mu.Unlock()
	return len(m.lines)
}

// TestE2EKeepalivedDebianUnit runs hakeep's keepalived as Debian's unit
// does: ExecStart read from the unit file, run verbatim (with
// $DAEMON_ARGS from its EnvironmentFile and the default configuration
// path, where the test's configuration is mounted), under a
// NOTIFY_SOCKET listener standing in for systemd, reloaded with the
// unit's ExecReload. A reload of the same configuration changes nothing
// (no state change, no address event); a changed priority changes only
// that.
func TestE2EKeepalivedDebianUnit(t *testing.T) {
	needLab(t)
	b, err := os.ReadFile(unitFile)
	harness.Need(t, err == nil, unitFile+" not found")
	unit := string(b)
	execStart := unitLine(t, unit, "ExecStart")
	execReload := unitLine(t, unit, "ExecReload")
	if unitLine(t, unit, "Type") != "notify" {
		t.Fatalf("%s is not Type=notify", unitFile)
	}
	bin := ours(t)
	l := newLab(t)
	p := pair{version: 2, advert: "1", auth: true, vrid: 71}
	bx := newBox(t, l.a)
	if err := os.MkdirAll(bx.path("etc-keepalived"), 0o755); err != nil {
		t.Fatal(err)
	}
	conf := p.conf("unit", addrA, addrB, 150, "")
	bx.write("etc-keepalived/keepalived.conf", conf, 0o644)
	sd := listenSDNotify(t, bx.path("notify.sock"))
	sn := sniff(t, l.c)

	// ExecStart as systemd runs it: $DAEMON_ARGS split on blanks, the
	// binary replaced by ours.
	cmdline := strings.Replace(strings.ReplaceAll(execStart, "$DAEMON_ARGS", daemonArgs(unit)),
		"/usr/sbin/keepalived", "/media/keepalived", 1)
	k := startKA(t, "unit", bx, "", kaOpts{bin: bin, exec: cmdline, syslog: true,
		env: []string{"NOTIFY_SOCKET=/media/notify.sock"}})
	waitFor(t, 20*time.Second, "READY=1", func() bool { return sd.mainPID() != 0 })
	if pid := sd.mainPID(); pid != k.pid {
		t.Fatalf("MAINPID=%d, the process is %d", pid, k.pid)
	}
	waitFor(t, 20*time.Second, "MASTER", func() bool { return hasAddr(t, l.a, vip) })
	startKA(t, "peer", newBox(t, l.b), p.conf("peer", addrB, addrA, 100, ""), kaOpts{})
	time.Sleep(4 * time.Second)
	if hasAddr(t, l.b, vip) {
		t.Fatal("the peer took the VIP")
	}

	mon := monitorAddrs(t, l.a)
	time.Sleep(500 * time.Millisecond)
	// systemctl reload: ExecReload with $MAINPID.
	reload := func() {
		argv := strings.Fields(strings.ReplaceAll(execReload, "$MAINPID", strconv.Itoa(sd.mainPID())))
		if out, err := exec.Command(argv[0], argv[1:]...).CombinedOutput(); err != nil {
			t.Fatalf("%s: %v\n%s", execReload, err, out)
		}
	}
	logBefore := k.log.String()
	mark := mon.count()
	reload()
	waitFor(t, 10*time.Second, "Reload complete", func() bool { return k.count("Reload complete") == 1 })
	time.Sleep(3 * time.Second)
	after := strings.TrimPrefix(k.log.String(), logBefore)
	if strings.Contains(after, "Entering") {
		t.Errorf("state change on an unchanged reload:\n%s", after)
	}
	if ev := mon.since(mark); len(ev) > 0 {
		t.Errorf("address events on an unchanged reload: %q", ev)
	}
	if !hasAddr(t, l.a, vip) || hasAddr(t, l.b, vip) {
		t.Fatal("the VIP moved on an unchanged reload")
	}

	// A changed priority: adverts carry it, nothing else moves.
	bx.write("etc-keepalived/keepalived.conf", strings.Replace(conf, "priority 150", "priority 140", 1), 0o644)
	logBefore, mark = k.log.String(), mon.count()
	reload()
	waitFor(t, 10*time.Second, "the second Reload complete", func() bool { return k.count("Reload complete") == 2 })
	sn.drain()
	waitFor(t, 5*time.Second, "adverts at priority 140", func() bool { return sn.next(t, addrA, 3*time.Second).priority == 140 })
	time.Sleep(2 * time.Second)
	after = strings.TrimPrefix(k.log.String(), logBefore)
	if strings.Contains(after, "Entering") {
		t.Errorf("state change when only the priority changed:\n%s", after)
	}
	if ev := mon.since(mark); len(ev) > 0 {
		t.Errorf("address events when only the priority changed: %q", ev)
	}

	// Lower than the peer: the peer preempts.
	bx.write("etc-keepalived/keepalived.conf", strings.Replace(conf, "priority 150", "priority 90", 1), 0o644)
	reload()
	onlyOn(t, l, l.b, 15*time.Second, time.Second)

	// systemctl stop: SIGTERM.
	k.signal(syscall.SIGTERM)
	select {
	case <-k.done:
	case <-time.After(10 * time.Second):
		t.Fatal("no exit after SIGTERM")
	}
	if k.err != nil {
		t.Errorf("exit: %v", k.err)
	}
	pid := strconv.Itoa(k.pid)
	want := []string{"", "READY=1\nMAINPID=" + pid, "RELOADING=1", "READY=1\nMAINPID=" + pid, "RELOADING=1",
		"READY=1\nMAINPID=" + pid, "RELOADING=1", "READY=1\nMAINPID=" + pid, "STOPPING=1"}
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	for ctx.Err() == nil && len(sd.got()) < len(want) {
		time.Sleep(20 * time.Millisecond)
	}
	if got := sd.got(); strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("sd_notify %q\nwant %q", got, want)
	}
}
