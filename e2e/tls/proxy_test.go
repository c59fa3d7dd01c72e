package tlse2e

import (
	"bytes"
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
)

// freePorts asks the kernel for n distinct free loopback ports: all are
// held until the last is found, so none comes twice.
func freePorts(t testing.TB, n int) []int {
	t.Helper()
	var ports []int
	for i := 0; i < n; i++ {
		l, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			t.Fatal(err)
		}
		defer l.Close()
		ports = append(ports, l.Addr().(*net.TCPAddr).Port)
	}
	return ports
}

// proxy is one running haproxy, ours or the real one.
type proxy struct {
	name  string
	cmd   *exec.Cmd
	ports map[string]int
	sock  string
	out   *bytes.Buffer
	mu    sync.Mutex
}

// startProxy writes cfg (its {{port:name}}, {{sock}} and {{dir}}
// placeholders filled) and runs bin on it in the foreground until the
// test ends, waiting for every port to accept.
func startProxy(t *testing.T, name, bin, dir, cfg string, names []string) *proxy {
	t.Helper()
	p := &proxy{name: name, ports: map[string]int{}, out: &bytes.Buffer{}}
	p.sock = filepath.Join(dir, name+".sock")
	ports := freePorts(t, len(names))
	for i, n := range names {
		p.ports[n] = ports[i]
		cfg = strings.ReplaceAll(cfg, "{{port:"+n+"}}", fmt.Sprint(p.ports[n]))
	}
	cfg = strings.ReplaceAll(cfg, "{{sock}}", p.sock)
	cfg = strings.ReplaceAll(cfg, "{{dir}}", dir)
	if i := strings.Index(cfg, "{{"); i >= 0 {
		t.Fatalf("unfilled placeholder in configuration: %.40s", cfg[i:])
	}
	file := filepath.Join(dir, name+".cfg")
	if err := os.WriteFile(file, []byte(cfg), 0o600); err != nil {
		t.Fatal(err)
	}
	p.cmd = exec.Command(bin, "-db", "-f", file)
	p.cmd.Dir = dir
	p.cmd.Stdout, p.cmd.Stderr = p, p
	if err := p.cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		p.cmd.Process.Kill()
		p.cmd.Wait()
	})
	deadline := time.Now().Add(15 * time.Second)
	for _, n := range names {
		for {
			c, err := net.DialTimeout("tcp", p.addr(n), time.Second)
			if err == nil {
				c.Close()
				break
			}
			if time.Now().After(deadline) {
				t.Fatalf("%s: port %s never accepted: %v\n%s", name, n, err, p.output())
			}
			time.Sleep(20 * time.Millisecond)
		}
	}
	return p
}

func (p *proxy) Write(b []byte) (int, error) {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.out.Write(b)
}

func (p *proxy) output() string {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.out.String()
}

func (p *proxy) addr(name string) string { return fmt.Sprintf("127.0.0.1:%d", p.ports[name]) }

// cli runs a Runtime API command (with its payload, if any) and returns
// the answer.
func (p *proxy) cli(t *testing.T, cmd, payload string) string {
	t.Helper()
	c, err := net.Dial("unix", p.sock)
	if err != nil {
		t.Fatalf("%s: stats socket: %v", p.name, err)
	}
	defer c.Close()
	line := cmd
	if payload != "" {
		line += " <<\n" + payload
		if !strings.HasSuffix(payload, "\n") {
			line += "\n"
		}
	}
	c.Write([]byte(line + "\n"))
	c.SetDeadline(time.Now().Add(10 * time.Second))
	var buf bytes.Buffer
	b := make([]byte, 4096)
	for {
		n, err := c.Read(b)
		buf.Write(b[:n])
		if err != nil {
			break
		}
	}
	return buf.String()
}
