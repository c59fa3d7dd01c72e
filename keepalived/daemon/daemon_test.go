package daemon

import (
	"bytes"
	"net"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"hakeep/keepalived/config"
)

func TestPIDFileDefaults(t *testing.T) {
	got := pidFiles("", "", "", "", false)
	want := PIDFiles{Main: "/run/keepalived.pid", VRRP: "/run/vrrp.pid", Checkers: "/run/checkers.pid", BFD: "/run/bfd.pid"}
	if got != want {
		t.Errorf("defaults %+v, want %+v", got, want)
	}
	got = pidFiles("/x/k.pid", "", "/x/c.pid", "", true)
	want = PIDFiles{Main: "/x/k.pid", VRRP: "/run/keepalived/vrrp.pid", Checkers: "/x/c.pid", BFD: "/run/keepalived/bfd.pid"}
	if got != want {
		t.Errorf("use_pid_dir %+v, want %+v", got, want)
	}
}

func TestPIDFileWriteAndRunning(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "sub", "k.pid")
	if err := writePID(p, 4242); err != nil {
		t.Fatal(err)
	}
	if b, _ := os.ReadFile(p); string(b) != "4242\n" {
		t.Fatalf("pidfile %q", b)
	}
	// Our own pid is not "another daemon"; a live one is; a stale one
	// (a pid that cannot exist) is not.
	writePID(p, os.Getpid())
	if running(p, os.Getpid()) {
		t.Error("own pid counted as running")
	}
	if !running(p, os.Getpid()+1) {
		t.Error("live pid not counted as running")
	}
	writePID(p, 1<<30)
	if running(p, os.Getpid()) {
		t.Error("stale pidfile counted as running")
	}
	os.WriteFile(p, []byte("junk\n"), 0o644)
	if running(p, os.Getpid()) {
		t.Error("junk pidfile counted as running")
	}
}

func TestSignalActions(t *testing.T) {
	for sig, want := range map[os.Signal]action{
		syscall.SIGTERM: actStop, syscall.SIGINT: actStop, syscall.SIGHUP: actReload, syscall.SIGUSR1: actData,
		syscall.SIGUSR2: actStats, syscall.Signal(36): actJSON, syscall.Signal(63): actStatsClear,
		syscall.SIGPIPE: actNone,
	} {
		if got := actionOf(sig); got != want {
			t.Errorf("%v: %v, want %v", sig, got, want)
		}
	}
	// Every handled signal does something.
	for _, s := range handledSignals() {
		if actionOf(s) == actNone {
			t.Errorf("%v handled but does nothing", s)
		}
	}
}

// notifySocket listens as systemd does on NOTIFY_SOCKET and records the
// messages.
type notifySocket struct {
	mu   sync.Mutex
	msgs []string
	c    *net.UnixConn
}

func listenNotify(t *testing.T) *notifySocket {
	path := filepath.Join(t.TempDir(), "notify")
	c, err := net.ListenUnixgram("unixgram", &net.UnixAddr{Name: path, Net: "unixgram"})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { c.Close() })
	t.Setenv("NOTIFY_SOCKET", path)
	n := &notifySocket{c: c}
	go func() {
		buf := make([]byte, 512)
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

func (n *notifySocket) got() []string {
	n.mu.Lock()
	defer n.mu.Unlock()
	return append([]string(nil), n.msgs...)
}

func waitUntil(t *testing.T, what string, cond func() bool) {
	t.Helper()
	for end := time.Now().Add(10 * time.Second); !cond(); time.Sleep(10 * time.Millisecond) {
		if time.Now().After(end) {
			t.Fatalf("timed out waiting for %s", what)
		}
	}
}

// TestRunSignals runs the daemon on a configuration without VRRP
// instances (no kernel needed) and drives it with signals: pidfile,
// sd_notify sequence, reload, parent data dump, stop.
func TestRunSignals(t *testing.T) {
	dir := t.TempDir()
	conf := filepath.Join(dir, "k.conf")
	os.WriteFile(conf, []byte("global_defs {\n\trouter_id unit\n}\n"), 0o644)
	ns := listenNotify(t)
	sigs := make(chan os.Signal)
	var console bytes.Buffer
	var mu sync.Mutex
	done := make(chan int, 1)
	o := Options{Args: []string{"keepalived", "-n", "-l"}, ConfigFile: conf, Load: config.Options{}, DontFork: true,
		LogConsole: true, NoSyslog: true, PIDFile: filepath.Join(dir, "k.pid")}
	go func() {
		done <- Run(o, Deps{Stderr: lockedWriter{&mu, &console}, Signals: sigs, DumpDir: dir})
	}()
	waitUntil(t, "READY=1", func() bool { return len(ns.got()) >= 2 })
	if b, err := os.ReadFile(o.PIDFile); err != nil || strings.TrimSpace(string(b)) == "" {
		t.Fatalf("pidfile: %q %v", b, err)
	}
	if os.Getenv("NOTIFY_SOCKET") != "" {
		t.Error("NOTIFY_SOCKET left for scripts to inherit")
	}
	sigs <- syscall.SIGHUP
	sigs <- syscall.SIGUSR1
	sigs <- syscall.SIGTERM
	select {
	case code := <-done:
		if code != 0 {
			t.Fatalf("exit %d", code)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("no exit after SIGTERM")
	}
	pid := os.Getpid()
	want := []string{"", "READY=1\nMAINPID=" + itoa(pid), "RELOADING=1", "READY=1\nMAINPID=" + itoa(pid), "STOPPING=1"}
	waitUntil(t, "STOPPING=1", func() bool { return len(ns.got()) >= len(want) })
	if got := ns.got(); strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("sd_notify %q, want %q", got, want)
	}
	if _, err := os.Stat(o.PIDFile); !os.IsNotExist(err) {
		t.Error("pidfile left behind")
	}
	data, err := os.ReadFile(filepath.Join(dir, "keepalived_parent.data"))
	if err != nil || !strings.HasPrefix(string(data), "------< Global definitions >------\n") ||
		!strings.Contains(string(data), " Router ID = unit\n") {
		t.Errorf("parent data: %v\n%s", err, data)
	}
	mu.Lock()
	log := console.String()
	mu.Unlock()
	var lines []string
	for _, l := range strings.Split(strings.TrimSpace(log), "\n") {
		if _, msg, ok := strings.Cut(l, ": "); ok {
			lines = append(lines, msg)
		}
	}
	for _, w := range []string{"Starting Keepalived v2.2.7 (01/16,2022)", "Command line: 'keepalived' '-n' '-l'",
		"Configuration file " + conf, "Warning - keepalived has no configuration to run", "Reloading ...", "Reload complete",
		"Printing parent data for process(" + itoa(pid) + ") on signal", "Stopping", "Stopped Keepalived v2.2.7 (01/16,2022)"} {
		found := false
		for _, l := range lines {
			if l == w {
				found = true
			}
		}
		if !found {
			t.Errorf("log has no %q:\n%s", w, log)
		}
	}
}

func TestAlreadyRunning(t *testing.T) {
	dir := t.TempDir()
	conf := filepath.Join(dir, "k.conf")
	os.WriteFile(conf, []byte("global_defs {\n}\n"), 0o644)
	pidfile := filepath.Join(dir, "k.pid")
	// pid 1 is alive: another keepalived.
	writePID(pidfile, 1)
	var console bytes.Buffer
	code := Run(Options{ConfigFile: conf, DontFork: true, LogConsole: true, NoSyslog: true, PIDFile: pidfile},
		Deps{Stderr: &console, Signals: make(chan os.Signal)})
	if code != 0 || !strings.Contains(console.String(), ": daemon is already running\n") {
		t.Fatalf("exit %d\n%s", code, console.String())
	}
}

func TestNoConfig(t *testing.T) {
	var console bytes.Buffer
	code := Run(Options{ConfigFile: filepath.Join(t.TempDir(), "none.conf"), DontFork: true, LogConsole: true, NoSyslog: true},
		Deps{Stderr: &console, Signals: make(chan os.Signal)})
	if code != exitNoConfig || !strings.HasSuffix(console.String(), ": Stopped Keepalived v2.2.7 (01/16,2022)\n") {
		t.Fatalf("exit %d\n%s", code, console.String())
	}
}

type lockedWriter struct {
	mu *sync.Mutex
	w  *bytes.Buffer
}

func (l lockedWriter) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.w.Write(p)
}

func itoa(n int) string { return strconv.Itoa(n) }
