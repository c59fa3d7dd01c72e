package stats_e2e

import (
	"bytes"
	"fmt"
	"io"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"hakeep/e2e/harness"
)

// proc is one haproxy (the real one or ours) in the foreground with a
// stats socket.
type proc struct {
	name string
	dir  string
	cmd  *exec.Cmd
	mu   sync.Mutex
	out  bytes.Buffer
}

func (p *proc) Write(b []byte) (int, error) {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.out.Write(b)
}

func (p *proc) output() string {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.out.String()
}

func (p *proc) sock() string { return filepath.Join(p.dir, "stats.sock") }

// realBinary is the installed HAProxy 2.6, or a skip.
func realBinary(t *testing.T) string {
	t.Helper()
	bin := harness.NeedCmd(t, "haproxy")
	out, _ := exec.Command(bin, "-v").Output()
	harness.Need(t, bytes.Contains(out, []byte("version 2.6.")), "the installed haproxy is not 2.6")
	return bin
}

// oursBinary is our haproxy, built once.
func oursBinary(t *testing.T) string {
	t.Helper()
	return filepath.Join(harness.Binaries(t), "haproxy")
}

// startProc writes cfg (with {sock} replaced by the process' stats
// socket) and runs bin on it until the test ends.
func startProc(t *testing.T, name, bin, cfg string) *proc {
	t.Helper()
	p := &proc{name: name, dir: t.TempDir()}
	cfg = strings.ReplaceAll(cfg, "{sock}", p.sock())
	path := filepath.Join(p.dir, "haproxy.cfg")
	if err := os.WriteFile(path, []byte(cfg), 0o644); err != nil {
		t.Fatal(err)
	}
	p.cmd = exec.Command(bin, "-db", "-f", path)
	p.cmd.Dir = p.dir
	p.cmd.Stdout, p.cmd.Stderr = p, p
	if err := p.cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		p.cmd.Process.Kill()
		p.cmd.Wait()
	})
	deadline := time.Now().Add(10 * time.Second)
	for {
		if _, err := p.cli("show info"); err == nil {
			return p
		}
		if time.Now().After(deadline) {
			t.Fatalf("%s did not come up:\n%s", name, p.output())
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// cli sends one command line to the stats socket and returns the whole
// answer, as "echo cmd | socat - unix:sock" does.
func (p *proc) cli(line string) (string, error) {
	c, err := net.DialTimeout("unix", p.sock(), 2*time.Second)
	if err != nil {
		return "", err
	}
	defer c.Close()
	c.SetDeadline(time.Now().Add(10 * time.Second))
	if _, err := io.WriteString(c, line+"\n"); err != nil {
		return "", err
	}
	b, err := io.ReadAll(c)
	return string(b), err
}

// mustCLI is cli failing the test on a socket error.
func (p *proc) mustCLI(t *testing.T, line string) string {
	t.Helper()
	s, err := p.cli(line)
	if err != nil {
		t.Fatalf("%s: %q: %v", p.name, line, err)
	}
	return s
}

// freePort asks the kernel for a free TCP port on loopback.
func freePort(t *testing.T) int {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port
}

// ports fills {name} placeholders of a template with free ports, except
// the ones given.
func fillPorts(t *testing.T, tmpl string, fixed map[string]string, names ...string) (string, map[string]string) {
	t.Helper()
	m := map[string]string{}
	for k, v := range fixed {
		m[k] = v
	}
	for _, n := range names {
		if _, ok := m[n]; !ok {
			m[n] = fmt.Sprint(freePort(t))
		}
	}
	out := tmpl
	for k, v := range m {
		out = strings.ReplaceAll(out, "{"+k+"}", v)
	}
	return out, m
}
