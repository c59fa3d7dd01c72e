package worker

import (
	"context"
	"io"
	"net"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"golang.org/x/sys/unix"

	"hakeep/haproxy/listenfds"
	"hakeep/haproxy/mworker"
	"hakeep/haproxy/sockxfer"
)

type fakeEngine struct {
	mu     sync.Mutex
	calls  []string
	soft   chan struct{}
	once   sync.Once
	runErr error
}

func newFakeEngine() *fakeEngine { return &fakeEngine{soft: make(chan struct{})} }

func (e *fakeEngine) record(s string) {
	e.mu.Lock()
	e.calls = append(e.calls, s)
	e.mu.Unlock()
}

func (e *fakeEngine) Run(ctx context.Context) error {
	select {
	case <-e.soft:
	case <-ctx.Done():
	}
	return e.runErr
}
func (e *fakeEngine) SoftStop() { e.record("soft"); e.once.Do(func() { close(e.soft) }) }
func (e *fakeEngine) Pause()    { e.record("pause") }
func (e *fakeEngine) Resume()   { e.record("resume") }

func (e *fakeEngine) seen() string {
	e.mu.Lock()
	defer e.mu.Unlock()
	return strings.Join(e.calls, ",")
}

type lines struct {
	mu sync.Mutex
	l  []string
}

func (r *lines) add(s string)     { r.mu.Lock(); r.l = append(r.l, s); r.mu.Unlock() }
func (r *lines) Notice(s string)  { r.add("NOTICE " + s) }
func (r *lines) Warning(s string) { r.add("WARNING " + s) }
func (r *lines) Alert(s string)   { r.add("ALERT " + s) }

func TestSignals(t *testing.T) {
	e := newFakeEngine()
	sigs := make(chan os.Signal, 4)
	w := &Worker{Engine: e, Signals: sigs, Report: &lines{}}
	done := make(chan int, 1)
	go func() { done <- w.Run(context.Background()) }()
	sigs <- syscall.SIGTTOU
	sigs <- syscall.SIGTTIN
	sigs <- syscall.SIGUSR1
	select {
	case code := <-done:
		if code != 0 {
			t.Errorf("exit %d after a soft stop", code)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("no exit after SIGUSR1")
	}
	if got := e.seen(); got != "pause,resume,soft" {
		t.Errorf("engine calls %q", got)
	}
}

// A worker whose sockets live on in the next process stops softly at
// once: it must not pause them, which would make the shared sockets
// refuse connections in the next process too (a paused TCP socket stops
// listening); the engine serves what it accepted before closing its own
// descriptors.
func TestSoftStopHandsOver(t *testing.T) {
	e := newFakeEngine()
	sigs := make(chan os.Signal, 1)
	w := &Worker{Engine: e, Signals: sigs, Report: &lines{}, KeepSockets: true}
	done := make(chan int, 1)
	go func() { done <- w.Run(context.Background()) }()
	sigs <- syscall.SIGUSR1
	<-done
	if got := e.seen(); got != "soft" {
		t.Errorf("engine calls %q", got)
	}
}

// "grace": listeners keep accepting for the delay, then the soft stop
// proceeds.

func TestGrace(t *testing.T) {
	e := newFakeEngine()
	sigs := make(chan os.Signal, 4)
	rep := &lines{}
	w := &Worker{Engine: e, Signals: sigs, Report: rep, Grace: 300 * time.Millisecond}
	done := make(chan int, 1)
	start := time.Now()
	go func() { done <- w.Run(context.Background()) }()
	sigs <- syscall.SIGUSR1
	<-done
	if d := time.Since(start); d < 300*time.Millisecond {
		t.Errorf("soft stop after %v, before the grace delay", d)
	}
}

func socketpair(t *testing.T, typ int) (*net.UnixConn, *net.UnixConn) {
	t.Helper()
	fds, err := unix.Socketpair(unix.AF_UNIX, typ|unix.SOCK_CLOEXEC, 0)
	if err != nil {
		t.Fatal(err)
	}
	conn := func(fd int) *net.UnixConn {
		f := os.NewFile(uintptr(fd), "p")
		defer f.Close()
		c, err := net.FileConn(f)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { c.Close() })
		return c.(*net.UnixConn)
	}
	return conn(fds[0]), conn(fds[1])
}

func ask(t *testing.T, w *Worker, level mworker.Level, export bool, in string) string {
	t.Helper()
	a, b := socketpair(t, unix.SOCK_STREAM)
	done := make(chan struct{})
	go func() { w.session(b, level, export, 0); close(done) }()
	io.WriteString(a, in)
	a.CloseWrite()
	a.SetReadDeadline(time.Now().Add(5 * time.Second))
	out, _ := io.ReadAll(a)
	<-done
	return string(out)
}

// The answers of 2.6.12's worker CLI to the same input.
func TestSessionTranscripts(t *testing.T) {
	w := &Worker{Report: &lines{}}
	cases := []struct {
		level mworker.Level
		in    string
		want  string
	}{
		{mworker.LevelAdmin, "operator -\nshow cli level\n", "operator\n\n"},
		{mworker.LevelAdmin, "user\nshow cli level\n", "\nuser\n\n"},
		{mworker.LevelOperator, "show cli level\n", "operator\n\n"},
		{mworker.LevelUser, "operator\n", "Permission denied\n\n"},
		{mworker.LevelAdmin, "show cli level;show cli level\n", "admin\n\nadmin\n\n"},
		{mworker.LevelAdmin, "prompt\nshow cli level\n", "\n> admin\n\n> "},
		{mworker.LevelAdmin, "quit\nshow cli level\n", ""},
		{mworker.LevelAdmin, "help\n", "The following commands are valid at this level:\n" +
			"  help [<command>]                        : list matching or all commands\n" +
			"  prompt                                  : toggle interactive mode with prompt\n" +
			"  quit                                    : disconnect\n\n"},
	}
	for _, c := range cases {
		if got := ask(t, w, c.level, false, c.in); got != c.want {
			t.Errorf("%v %q:\ngot  %q\nwant %q", c.level, c.in, got, c.want)
		}
	}
}

// An idle session is closed after "stats timeout", as 2.6.12 closes a
// prompt session left idle.
func TestSessionIdleTimeout(t *testing.T) {
	w := &Worker{Report: &lines{}}
	a, b := socketpair(t, unix.SOCK_STREAM)
	done := make(chan struct{})
	start := time.Now()
	go func() { w.session(b, mworker.LevelAdmin, false, 100*time.Millisecond); close(done) }()
	io.WriteString(a, "prompt\n")
	a.SetReadDeadline(time.Now().Add(5 * time.Second))
	out, _ := io.ReadAll(a)
	<-done
	if string(out) != "\n> " {
		t.Errorf("answer %q", out)
	}
	if d := time.Since(start); d < 100*time.Millisecond || d > 4*time.Second {
		t.Errorf("closed after %v, want about 100ms", d)
	}
	if w.statsTimeout() != 10*time.Second {
		t.Errorf("default stats timeout %v", w.statsTimeout())
	}
}

type recordCommands struct{ got []string }

func (r *recordCommands) Exec(args []string, payload string, level mworker.Level, out io.Writer) {
	r.got = append(r.got, strings.Join(args, "|")+"#"+payload+"#"+level.String())
	io.WriteString(out, "done\n")
}

func TestSessionCommands(t *testing.T) {
	rc := &recordCommands{}
	w := &Worker{Report: &lines{}, Commands: rc}
	got := ask(t, w, mworker.LevelAdmin, false, "user -\nset var a\\ b <<\nx\ny\n\n")
	if got != "done\n\n" {
		t.Errorf("answer %q", got)
	}
	if len(rc.got) != 1 || rc.got[0] != "set|var|a b|<<#x\ny\n#user" {
		t.Errorf("commands %q", rc.got)
	}
}

// "_getsocks" hands the listening sockets over, only where allowed.
func TestSessionGetsocks(t *testing.T) {
	l, err := net.Listen("tcp4", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	f, _ := l.(*net.TCPListener).File()
	defer f.Close()
	l.Close()
	w := &Worker{Report: &lines{}, Sockets: &listenfds.Set{Sockets: []listenfds.Socket{{Key: "k", File: f, Interface: "lo"}}}}

	a, b := socketpair(t, unix.SOCK_STREAM)
	go w.session(b, mworker.LevelAdmin, true, 0)
	socks, err := sockxfer.Receive(a)
	if err != nil || len(socks) != 1 || socks[0].Interface != "lo" {
		t.Fatalf("socks %+v err %v", socks, err)
	}
	socks[0].File.Close()

	a, b = socketpair(t, unix.SOCK_STREAM)
	go w.session(b, mworker.LevelAdmin, false, 0)
	if _, err := sockxfer.Receive(a); err != sockxfer.ErrNoAnswer {
		t.Errorf("without expose-fd: %v", err)
	}
}

// A worker whose master is gone leaves at once with status 1; the
// master's sessions reach it over the socketpair.
func TestIPC(t *testing.T) {
	master, wend := socketpair(t, unix.SOCK_SEQPACKET)
	e := newFakeEngine()
	exited := make(chan int, 1)
	w := &Worker{Engine: e, IPC: wend, Signals: make(chan os.Signal), Report: &lines{}, Exit: func(c int) { exited <- c }}
	go w.Run(context.Background())
	buf := make([]byte, 16)
	n, _, _, _, err := master.ReadMsgUnix(buf, nil)
	if err != nil || string(buf[:n]) != mworker.MsgReady {
		t.Fatalf("ready message %q %v", buf[:n], err)
	}
	mf, _ := master.File()
	c, err := sockxfer.DialPair(int(mf.Fd()))
	mf.Close()
	if err != nil {
		t.Fatal(err)
	}
	io.WriteString(c, "show cli level\n")
	c.CloseWrite()
	out, _ := io.ReadAll(c)
	if string(out) != "admin\n\n" {
		t.Errorf("routed session: %q", out)
	}
	master.Close()
	select {
	case code := <-exited:
		if code != 1 {
			t.Errorf("exit %d", code)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("the worker outlived its master")
	}
}

func TestCPUSet(t *testing.T) {
	// the union of the process' maps; other processes' lines ignored
	set, ok := CPUSet(nil)
	if ok {
		t.Error("no cpu-map, no set")
	}
	_ = set
}

// With a stats socket, the CLI's "GLOBAL" frontend pauses and resumes
// after the engine's, and its sessions are counted for the soft stop's
// "Proxy GLOBAL stopped" (measured on 2.6.12 in the foreground).
func TestGlobalFrontend(t *testing.T) {
	path := filepath.Join(t.TempDir(), "stats.sock")
	ln, err := net.ListenUnix("unix", &net.UnixAddr{Name: path, Net: "unix"})
	if err != nil {
		t.Fatal(err)
	}
	ln.SetUnlinkOnClose(false)
	f, err := ln.File()
	if err != nil {
		t.Fatal(err)
	}
	ln.Close()
	e := newFakeEngine()
	sigs := make(chan os.Signal, 4)
	rep := &lines{}
	w := &Worker{Engine: e, Signals: sigs, Report: rep,
		Sockets: &listenfds.Set{Sockets: []listenfds.Socket{{Key: "unix:" + path, File: f, Stats: true}}}}
	done := make(chan int, 1)
	go func() { done <- w.Run(context.Background()) }()
	c, err := net.Dial("unix", path)
	if err != nil {
		t.Fatal(err)
	}
	c.Write([]byte("show info\n"))
	io.ReadAll(c)
	c.Close()
	sigs <- syscall.SIGTTOU
	sigs <- syscall.SIGTTIN
	for deadline := time.Now().Add(5 * time.Second); ; {
		rep.mu.Lock()
		n := len(rep.l)
		rep.mu.Unlock()
		if n >= 2 || time.Now().After(deadline) {
			break
		}
		time.Sleep(10 * time.Millisecond)
	}
	if n, ok := w.GlobalConns(); n != 1 || !ok {
		t.Errorf("GlobalConns = %d, %v; want 1, true", n, ok)
	}
	sigs <- syscall.SIGUSR1
	<-done
	want := "WARNING Paused frontend GLOBAL.|WARNING Resumed frontend GLOBAL."
	if got := strings.Join(rep.l, "|"); got != want {
		t.Errorf("messages %q, want %q", got, want)
	}
}
