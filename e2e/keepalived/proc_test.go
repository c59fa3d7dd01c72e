package keepalived_e2e

import (
	"bytes"
	"fmt"
	"io"
	"net"
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

// realKeepalived is Debian's binary.
const realKeepalived = "/usr/sbin/keepalived"

// ours is hakeep's keepalived, built once per test process
// (HAKEEP_KEEPALIVED names a prebuilt one instead, for working on these
// tests while another part of the tree does not build).
func ours(t testing.TB) string {
	if p := os.Getenv("HAKEEP_KEEPALIVED"); p != "" {
		return p
	}
	return filepath.Join(harness.Binaries(t), "keepalived")
}

// box is one keepalived's world: a network namespace and a private mount
// namespace where a test directory is mounted on /media and its run/ and
// tmp/ on /run and /tmp, so that pidfiles and dump files stay the test's
// own.
type box struct {
	t      *testing.T
	ns     string
	dir    string      // mounted on /media
	syslog *syncBuffer // what its /dev/log received, once listened to
}

func newBox(t *testing.T, ns string) *box {
	dir := t.TempDir()
	for _, d := range []string{"run", "tmp"} {
		if err := os.MkdirAll(filepath.Join(dir, d), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	return &box{t: t, ns: ns, dir: dir}
}

// path is where a file of the box is seen from outside.
func (b *box) path(name string) string { return filepath.Join(b.dir, name) }

// write puts a file in the box; inside it is /media/name.
func (b *box) write(name, content string, mode os.FileMode) string {
	if err := os.WriteFile(b.path(name), []byte(content), mode); err != nil {
		b.t.Fatal(err)
	}
	return "/media/" + name
}

// command runs argv inside the box. With pidns the box also gets its own
// PID namespace (and /proc), where bash is pid 1 and reaps orphans. With
// syslog its /dev/log is the box's log.sock (a tmpfs /dev with the
// usual devices bound into it).
func (b *box) command(pidns, syslog bool, script string) *exec.Cmd {
	setup := "set -e; mount --make-rprivate /; mount --bind " + b.dir + " /media; " +
		"mount --bind /media/run /run; mount --bind /media/tmp /tmp; " +
		"if [ -d /media/etc-keepalived ]; then mount --bind /media/etc-keepalived /etc/keepalived; fi; "
	if syslog {
		setup += "mkdir -p /media/dev; mount --rbind /dev /media/dev; mount -t tmpfs tmpfs /dev; " +
			"for d in null zero urandom random tty full; do touch /dev/$d; mount --bind /media/dev/$d /dev/$d; done; " +
			"touch /dev/log; mount --bind /media/log.sock /dev/log; "
	}
	setup += "set +e; "
	args := []string{"netns", "exec", b.ns, "unshare", "-m"}
	if pidns {
		args = append(args, "-p", "-f", "--mount-proc")
	}
	args = append(args, "bash", "-c", setup+script)
	cmd := exec.Command("ip", args...)
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	cmd.Dir = "/"
	return cmd
}

// ka is a running keepalived (ours or the real one).
type ka struct {
	t     *testing.T
	label string
	box   *box
	cmd   *exec.Cmd
	log   *syncBuffer
	done  chan struct{}
	err   error
	pid   int // the keepalived (parent) process
}

type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// kaOpts are how to start a keepalived.
type kaOpts struct {
	bin  string   // binary outside the box; "" is the real one
	args []string // before -f; default -n -l -D
	env  []string
	// before runs in the box's shell first (with pidns, in the same PID
	// namespace: "haproxy -f ... -D").
	before string
	pidns  bool
	stdout io.Writer
	// exec, when set, is the shell command line that starts keepalived
	// instead of bin and args (the binary is still copied to
	// /media/keepalived).
	exec string
	// syslog gives the box a /dev/log whose messages go to the log,
	// one per line as received.
	syslog bool
}

// syslog listens on path (the box's /dev/log) and appends each message
// to the log.
func (k *ka) syslog(path string) {
	c, err := net.ListenUnixgram("unixgram", &net.UnixAddr{Name: path, Net: "unixgram"})
	if err != nil {
		k.t.Fatal(err)
	}
	k.t.Cleanup(func() { c.Close() })
	go func() {
		buf := make([]byte, 4096)
		for {
			n, err := c.Read(buf)
			if err != nil {
				return
			}
			k.log.Write(append(buf[:n:n], '\n'))
		}
	}()
}

// startKA starts keepalived on conf (written to the box as k.conf).
func startKA(t *testing.T, label string, b *box, conf string, o kaOpts) *ka {
	t.Helper()
	cf := b.write("k.conf", conf, 0o644)
	bin := realKeepalived
	if o.bin != "" {
		bin = "/media/keepalived"
		if _, err := os.Stat(b.path("keepalived")); err != nil {
			data, err := os.ReadFile(o.bin)
			if err != nil {
				t.Fatal(err)
			}
			b.write("keepalived", string(data), 0o755)
		}
	}
	args := o.args
	if args == nil {
		args = []string{"-n", "-l", "-D"}
	}
	script := ""
	if o.before != "" {
		script += o.before + "\n"
	}
	quoted := []string{bin}
	for _, a := range append(append([]string(nil), args...), "-f", cf) {
		quoted = append(quoted, "'"+a+"'")
	}
	switch {
	case o.exec != "":
		// A command line of the test's own (a unit's ExecStart).
		script += "exec " + o.exec
	case o.pidns:
		script += strings.Join(quoted, " ") + " & wait"
	default:
		script += "exec " + strings.Join(quoted, " ")
	}
	k := &ka{t: t, label: label, box: b, log: &syncBuffer{}, done: make(chan struct{})}
	if o.syslog {
		if b.syslog == nil {
			b.syslog = k.log
			k.syslog(b.path("log.sock"))
		} else {
			// One /dev/log per box: a second keepalived in it shares the
			// first one's log.
			k.log = b.syslog
		}
	}
	k.cmd = b.command(o.pidns, o.syslog, script)
	k.cmd.Env = append(os.Environ(), o.env...)
	k.cmd.Stderr = k.log
	k.cmd.Stdout = k.log
	if o.stdout != nil {
		k.cmd.Stdout = o.stdout
	}
	if err := k.cmd.Start(); err != nil {
		t.Fatal(err)
	}
	go func() { k.err = k.cmd.Wait(); close(k.done) }()
	t.Cleanup(func() {
		k.kill()
		if t.Failed() || testing.Verbose() {
			t.Logf("%s log:\n%s", label, k.log)
		}
	})
	k.pid = k.cmd.Process.Pid
	if o.pidns {
		// The box's keepalived is a descendant of unshare and bash.
		deadline := time.Now().Add(10 * time.Second)
		for k.pid = descendant(k.cmd.Process.Pid, "keepalived"); k.pid == 0; k.pid = descendant(k.cmd.Process.Pid, "keepalived") {
			if time.Now().After(deadline) {
				t.Fatalf("%s: no keepalived process", label)
			}
			time.Sleep(20 * time.Millisecond)
		}
	}
	return k
}

// descendant finds a process named comm below root.
func descendant(root int, comm string) int {
	queue := []int{root}
	for len(queue) > 0 {
		p := queue[0]
		queue = queue[1:]
		if b, err := os.ReadFile(fmt.Sprintf("/proc/%d/comm", p)); err == nil && strings.TrimSpace(string(b)) == comm {
			return p
		}
		b, err := os.ReadFile(fmt.Sprintf("/proc/%d/task/%d/children", p, p))
		if err != nil {
			continue
		}
		for _, f := range strings.Fields(string(b)) {
			if n, err := strconv.Atoi(f); err == nil {
				queue = append(queue, n)
			}
		}
	}
	return 0
}

// signal sends sig to the keepalived parent.
func (k *ka) signal(sig syscall.Signal) {
	syscall.Kill(k.pid, sig)
}

// kill ends the box at once (every process of its group: SIGKILL of the
// whole keepalived, children included).
func (k *ka) kill() {
	select {
	case <-k.done:
		return
	default:
	}
	syscall.Kill(-k.cmd.Process.Pid, syscall.SIGKILL)
	<-k.done
}

// stop sends SIGTERM and waits for the exit.
func (k *ka) stop(limit time.Duration) error {
	k.signal(syscall.SIGTERM)
	select {
	case <-k.done:
		return k.err
	case <-time.After(limit):
		k.t.Fatalf("%s did not stop within %v", k.label, limit)
	}
	return nil
}

func (k *ka) exited() bool {
	select {
	case <-k.done:
		return true
	default:
		return false
	}
}

// logged reports whether the log has a line containing s.
func (k *ka) logged(s string) bool { return strings.Contains(k.log.String(), s) }

// count is how many log lines contain s.
func (k *ka) count(s string) int { return strings.Count(k.log.String(), s) }

// comm is the command name of process pid ("" when there is none).
func comm(pid int) string {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/comm", pid))
	if err != nil {
		return ""
	}
	return strings.TrimSpace(string(b))
}
