// Package procmodel tests haproxy's process model end to end, ours and
// Debian's haproxy 2.6 side by side: the stock systemd unit's command
// lines, reloads under load, broken reloads, the daemon mode and its
// soft and hard stops, privileges and chroot (management.txt section 4).
package procmodel

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"hakeep/e2e/harness"
)

// binaries returns ours and the real haproxy.
func binaries(t *testing.T) (ours, real string) {
	t.Helper()
	real = harness.NeedCmd(t, "haproxy")
	return filepath.Join(harness.Binaries(t), "haproxy"), real
}

// tempDir is a short directory name: unix socket paths must fit in 108
// bytes, which t.TempDir's names (after the test's) may not.
func tempDir(t testing.TB) string {
	t.Helper()
	d, err := os.MkdirTemp("", "pm")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.RemoveAll(d) })
	return d
}

func freePort(t testing.TB) int {
	t.Helper()
	l, err := net.Listen("tcp4", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port
}

// backend is an HTTP server on loopback: "/" answers at once, "/slow"
// after 2 s, "/hang" never (until the client leaves).
func backend(t testing.TB) string {
	t.Helper()
	l, err := net.Listen("tcp4", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	mux := http.NewServeMux()
	mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) { io.WriteString(w, "ok\n") })
	mux.HandleFunc("/slow", func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-time.After(2 * time.Second):
			io.WriteString(w, "slow\n")
		case <-r.Context().Done():
		}
	})
	mux.HandleFunc("/hang", func(w http.ResponseWriter, r *http.Request) { <-r.Context().Done() })
	srv := &http.Server{Handler: mux}
	go srv.Serve(l)
	t.Cleanup(func() { srv.Close() })
	return l.Addr().String()
}

func writeFile(t testing.TB, path, text string) {
	t.Helper()
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
}

// syncBuf collects a process' output.
type syncBuf struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuf) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuf) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// proc is a process the test started.
type proc struct {
	cmd    *exec.Cmd
	out    *syncBuf
	exited chan struct{}
	err    error
}

// start runs argv with env added to the test's environment. The process
// is killed with the test if still there.
func start(t testing.TB, env []string, argv ...string) *proc {
	t.Helper()
	p := &proc{cmd: exec.Command(argv[0], argv[1:]...), out: &syncBuf{}, exited: make(chan struct{})}
	p.cmd.Env = append(os.Environ(), env...)
	p.cmd.Stdout, p.cmd.Stderr = p.out, p.out
	if err := p.cmd.Start(); err != nil {
		t.Fatal(err)
	}
	go func() { p.err = p.cmd.Wait(); close(p.exited) }()
	t.Cleanup(func() {
		select {
		case <-p.exited:
		default:
			p.cmd.Process.Kill()
			<-p.exited
		}
	})
	return p
}

// wait returns the exit status (-N for a signal), failing after d.
func (p *proc) wait(t testing.TB, d time.Duration) int {
	t.Helper()
	select {
	case <-p.exited:
	case <-time.After(d):
		t.Fatalf("%s did not exit within %v\n%s", p.cmd.Path, d, p.out.String())
	}
	ws := p.cmd.ProcessState.Sys().(syscall.WaitStatus)
	if ws.Signaled() {
		return -int(ws.Signal())
	}
	return ws.ExitStatus()
}

// notifyListener is a NOTIFY_SOCKET as systemd provides it; each
// datagram is one message.
type notifyListener struct {
	path string
	conn *net.UnixConn
	ch   chan string
}

func newNotifyListener(t testing.TB, dir string) *notifyListener {
	t.Helper()
	n := &notifyListener{path: filepath.Join(dir, "notify"), ch: make(chan string, 64)}
	c, err := net.ListenUnixgram("unixgram", &net.UnixAddr{Name: n.path, Net: "unixgram"})
	if err != nil {
		t.Fatal(err)
	}
	n.conn = c
	t.Cleanup(func() { c.Close() })
	go func() {
		buf := make([]byte, 4096)
		for {
			k, err := c.Read(buf)
			if err != nil {
				close(n.ch)
				return
			}
			n.ch <- string(buf[:k])
		}
	}()
	return n
}

// next returns the next message, failing after d.
func (n *notifyListener) next(t testing.TB, d time.Duration) string {
	t.Helper()
	select {
	case m, ok := <-n.ch:
		if !ok {
			t.Fatal("notification socket closed")
		}
		return m
	case <-time.After(d):
		t.Fatalf("no notification within %v", d)
	}
	return ""
}

// until collects messages up to and including one starting with prefix.
func (n *notifyListener) until(t testing.TB, prefix string, d time.Duration) []string {
	t.Helper()
	var got []string
	deadline := time.Now().Add(d)
	for {
		m := n.next(t, time.Until(deadline))
		got = append(got, m)
		if strings.HasPrefix(m, prefix) {
			return got
		}
	}
}

// mainPID reads MAINPID from a READY message.
func mainPID(msg string) int {
	for _, l := range strings.Split(msg, "\n") {
		if v, ok := strings.CutPrefix(l, "MAINPID="); ok {
			n, _ := strconv.Atoi(v)
			return n
		}
	}
	return 0
}

// cli sends one command to a CLI socket and returns the answer.
func cli(t testing.TB, path, cmd string) string {
	t.Helper()
	c, err := net.DialTimeout("unix", path, 5*time.Second)
	if err != nil {
		t.Fatalf("connecting to %s: %v", path, err)
	}
	defer c.Close()
	c.SetDeadline(time.Now().Add(10 * time.Second))
	io.WriteString(c, cmd+"\n")
	c.(*net.UnixConn).CloseWrite()
	b, _ := io.ReadAll(c)
	return string(b)
}

// get fetches a URL on a fresh connection.
func get(url string) (int, string, error) {
	c := &http.Client{Timeout: 10 * time.Second, Transport: &http.Transport{DisableKeepAlives: true}}
	r, err := c.Get(url)
	if err != nil {
		return 0, "", err
	}
	defer r.Body.Close()
	b, err := io.ReadAll(r.Body)
	return r.StatusCode, string(b), err
}

// waitServing polls until addr answers 200.
func waitServing(t testing.TB, addr string, d time.Duration) {
	t.Helper()
	deadline := time.Now().Add(d)
	for {
		if code, _, err := get("http://" + addr + "/"); err == nil && code == 200 {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("%s does not serve", addr)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// alive reports whether pid runs (a zombie no longer does: nothing reaps
// orphans in some containers).
func alive(pid int) bool {
	b, err := os.ReadFile("/proc/" + strconv.Itoa(pid) + "/stat")
	if err != nil {
		return false
	}
	s := string(b)
	i := strings.LastIndexByte(s, ')')
	return i < 0 || i+2 >= len(s) || s[i+2] != 'Z'
}

// waitGone waits until pid no longer runs.
func waitGone(t testing.TB, pid int, d time.Duration) time.Duration {
	t.Helper()
	start := time.Now()
	for alive(pid) {
		if time.Since(start) > d {
			t.Fatalf("process %d still runs after %v", pid, d)
		}
		time.Sleep(20 * time.Millisecond)
	}
	return time.Since(start)
}

// readPID reads a pidfile.
func readPID(t testing.TB, path string) int {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("pidfile: %v", err)
	}
	n, err := strconv.Atoi(strings.TrimSpace(string(b)))
	if err != nil {
		t.Fatalf("pidfile %q: %v", b, err)
	}
	return n
}

// statusField reads a field of /proc/PID/status.
func statusField(pid int, field string) string {
	f, err := os.Open("/proc/" + strconv.Itoa(pid) + "/status")
	if err != nil {
		return ""
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if v, ok := strings.CutPrefix(sc.Text(), field+":"); ok {
			return strings.TrimSpace(v)
		}
	}
	return ""
}

// childrenOf lists the children of pid.
func childrenOf(pid int) []int {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/task/%d/children", pid, pid))
	if err != nil {
		return nil
	}
	var out []int
	for _, f := range strings.Fields(string(b)) {
		n, _ := strconv.Atoi(f)
		out = append(out, n)
	}
	return out
}

// killLater makes sure a daemon the test started is gone at the end.
func killLater(t testing.TB, pid func() int) {
	t.Cleanup(func() {
		if p := pid(); p > 0 && alive(p) {
			syscall.Kill(p, syscall.SIGKILL)
		}
	})
}

// sideBySide prints two columns of figures.
func sideBySide(t testing.TB, title string, rows [][3]string) {
	t.Helper()
	w0, w1 := 0, len("hakeep")
	for _, r := range rows {
		w0, w1 = max(w0, len(r[0])), max(w1, len(r[1]))
	}
	var b strings.Builder
	fmt.Fprintf(&b, "\n%s\n%-*s  %-*s  %s\n", title, w0, "", w1, "hakeep", "haproxy 2.6")
	for _, r := range rows {
		fmt.Fprintf(&b, "%-*s  %-*s  %s\n", w0, r[0], w1, r[1], r[2])
	}
	t.Log(b.String())
}
