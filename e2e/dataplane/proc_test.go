package dataplane

import (
	"bytes"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"sync"
	"syscall"
	"testing"
	"time"
)

// freeAddr returns host:port with a port the kernel just gave out on
// host (an address of 127.0.0.0/8).
func freeAddr(t testing.TB, host string) string {
	t.Helper()
	ln, err := net.Listen("tcp", host+":0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	return ln.Addr().String()
}

// proxyProc is a running haproxy (ours or the real one).
type proxyProc struct {
	cmd    *exec.Cmd
	out    *syncBuffer
	exited chan struct{}
	err    error
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

// writeConfig writes cfg into a fresh file of t's temporary directory.
func writeConfig(t testing.TB, cfg string) string {
	t.Helper()
	f, err := os.CreateTemp(t.TempDir(), "haproxy-*.cfg")
	if err != nil {
		t.Fatal(err)
	}
	f.WriteString(cfg)
	f.Close()
	return f.Name()
}

// startProxy runs `bin -db -f cfg` and waits for every address in wait
// to accept connections; the process is stopped with the test.
func startProxy(t testing.TB, bin, cfg string, wait ...string) *proxyProc {
	t.Helper()
	p := &proxyProc{cmd: exec.Command(bin, "-db", "-f", cfg), out: &syncBuffer{}, exited: make(chan struct{})}
	p.cmd.Stdout, p.cmd.Stderr = p.out, p.out
	if err := p.cmd.Start(); err != nil {
		t.Fatal(err)
	}
	go func() { p.err = p.cmd.Wait(); close(p.exited) }()
	t.Cleanup(p.stop)
	for _, a := range wait {
		deadline := time.Now().Add(10 * time.Second)
		for {
			select {
			case <-p.exited:
				t.Fatalf("%s exited: %v\n%s", filepath.Base(bin), p.err, p.out.String())
			default:
			}
			c, err := net.DialTimeout("tcp", a, time.Second)
			if err == nil {
				c.Close()
				break
			}
			if time.Now().After(deadline) {
				t.Fatalf("%s not listening on %s\n%s", bin, a, p.out.String())
			}
			time.Sleep(20 * time.Millisecond)
		}
	}
	return p
}

// signal sends sig to the process.
func (p *proxyProc) signal(sig syscall.Signal) { p.cmd.Process.Signal(sig) }

// wait waits for the process to exit and returns its status.
func (p *proxyProc) wait(t testing.TB, d time.Duration) error {
	t.Helper()
	select {
	case <-p.exited:
		return p.err
	case <-time.After(d):
		t.Fatalf("process did not exit within %v\n%s", d, p.out.String())
	}
	return nil
}

func (p *proxyProc) stop() {
	select {
	case <-p.exited:
		return
	default:
	}
	p.cmd.Process.Signal(syscall.SIGTERM)
	select {
	case <-p.exited:
	case <-time.After(5 * time.Second):
		p.cmd.Process.Kill()
		<-p.exited
	}
}

// rssKB reads a field of /proc/PID/status ("VmRSS", "VmHWM") in kB.
func (p *proxyProc) rssKB(field string) int {
	b, err := os.ReadFile("/proc/" + strconv.Itoa(p.cmd.Process.Pid) + "/status")
	if err != nil {
		return -1
	}
	for _, line := range bytes.Split(b, []byte("\n")) {
		if bytes.HasPrefix(line, []byte(field+":")) {
			f := bytes.Fields(line[len(field)+1:])
			if len(f) > 0 {
				n, _ := strconv.Atoi(string(f[0]))
				return n
			}
		}
	}
	return -1
}

// cpuTicks is the process' user and system CPU time in clock ticks
// (/proc/PID/stat, fields 14 and 15).
func (p *proxyProc) cpuTicks() int {
	b, err := os.ReadFile("/proc/" + strconv.Itoa(p.cmd.Process.Pid) + "/stat")
	if err != nil {
		return 0
	}
	// the command name may hold spaces: count from its closing paren
	i := bytes.LastIndexByte(b, ')')
	f := bytes.Fields(b[i+1:])
	if len(f) < 13 {
		return 0
	}
	u, _ := strconv.Atoi(string(f[11]))
	s, _ := strconv.Atoi(string(f[12]))
	return u + s
}
