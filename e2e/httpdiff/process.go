package httpdiff

import (
	"bufio"
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"sync"
	"time"
)

// process is a running haproxy (the real one or ours) in the foreground.
type process struct {
	cmd    *exec.Cmd
	out    lockedBuffer
	exited chan struct{}
	err    error
}

// startProcess runs `bin -db -f cfg` and waits until every listener of
// the layout is bound. Readiness is read from /proc/net/tcp{,6} rather
// than probed with a connection, which would be a session of its own
// (counters, stick tables, TCP back ends).
func startProcess(bin, cfg string, env []string, l *layout) (*process, error) {
	p := &process{exited: make(chan struct{})}
	p.cmd = exec.Command(bin, "-db", "-f", cfg)
	p.cmd.Dir = l.dir
	p.cmd.Env = append(os.Environ(), env...)
	p.cmd.Stdout = &p.out
	p.cmd.Stderr = &p.out
	if err := p.cmd.Start(); err != nil {
		return nil, err
	}
	go func() { p.err = p.cmd.Wait(); close(p.exited) }()
	// Generous: on a loaded machine haproxy alone has been seen to take
	// seconds to start.
	deadline := time.Now().Add(30 * time.Second)
	for {
		select {
		case <-p.exited:
			return nil, fmt.Errorf("exited during start-up (%v):\n%s", p.err, p.tail())
		default:
		}
		if listening(l, p.cmd.Process.Pid) {
			return p, nil
		}
		if time.Now().After(deadline) {
			p.stop()
			return nil, fmt.Errorf("listeners not bound after 30s:\n%s", p.tail())
		}
		time.Sleep(5 * time.Millisecond)
	}
}

// stop kills the process: nothing of a run is observed after its script.
func (p *process) stop() {
	p.cmd.Process.Kill()
	<-p.exited
}

// tail is the end of the process's output, for error messages.
func (p *process) tail() string {
	s := p.out.String()
	if len(s) > 2000 {
		s = "..." + s[len(s)-2000:]
	}
	return s
}

// listening reports whether every port and socket of the layout has a
// listener held by process pid (another process may listen on the same
// port on another address: a back end of this test, or anything else).
func listening(l *layout, pid int) bool {
	bound := map[int]bool{}
	own := socketsOf(strconv.Itoa(pid))
	for _, f := range []string{"/proc/net/tcp", "/proc/net/tcp6"} {
		listeningPorts(f, own, bound)
	}
	for p := range l.listen {
		if !bound[p] {
			return false
		}
	}
	for _, path := range l.socks {
		if fi, err := os.Stat(path); err != nil || fi.Mode()&os.ModeSocket == 0 {
			return false
		}
	}
	return true
}

// socketsOf lists the socket inodes process pid holds.
func socketsOf(pid string) map[string]bool {
	own := map[string]bool{}
	dir := "/proc/" + pid + "/fd/"
	fds, _ := os.ReadDir(dir)
	for _, fd := range fds {
		link, err := os.Readlink(dir + fd.Name())
		if err == nil && strings.HasPrefix(link, "socket:[") {
			own[strings.TrimSuffix(strings.TrimPrefix(link, "socket:["), "]")] = true
		}
	}
	return own
}

// listeningPorts adds the local ports in state LISTEN (0A) of a
// /proc/net/tcp table held by the sockets in only (by inode).
func listeningPorts(file string, only map[string]bool, into map[int]bool) {
	data, err := os.ReadFile(file)
	if err != nil {
		return
	}
	sc := bufio.NewScanner(bytes.NewReader(data))
	for sc.Scan() {
		f := strings.Fields(sc.Text())
		if len(f) < 10 || f[3] != "0A" || !only[f[9]] {
			continue
		}
		i := strings.LastIndexByte(f[1], ':')
		if i < 0 {
			continue
		}
		if port, err := strconv.ParseUint(f[1][i+1:], 16, 16); err == nil {
			into[int(port)] = true
		}
	}
}

// lockedBuffer collects a child's output while the harness reads it.
type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (b *lockedBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.b.Write(p)
}

func (b *lockedBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.b.String()
}
