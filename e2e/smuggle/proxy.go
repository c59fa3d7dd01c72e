package smuggle

import (
	"bytes"
	"errors"
	"fmt"
	"net"
	"os/exec"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
)

// StartProxy runs `bin -db -f p.ConfigPath` (the real haproxy or ours),
// waits until every frontend accepts connections and stops the process
// when the test ends.
func StartProxy(t testing.TB, bin string, p *Plan) {
	t.Helper()
	if err := startProxy(t, bin, p); err != nil {
		t.Fatal(err)
	}
}

// errBind is a proxy that could not bind a frontend port another process
// took meanwhile: the plan is worth retrying with other ports.
type errBind struct{ msg string }

func (e errBind) Error() string { return e.msg }

func startProxy(t testing.TB, bin string, p *Plan) error {
	t.Helper()
	p.releasePorts()
	cmd := exec.Command(bin, "-db", "-f", p.ConfigPath)
	var out lockedBuffer
	cmd.Stdout = &out
	cmd.Stderr = &out
	if err := cmd.Start(); err != nil {
		t.Fatalf("starting %s: %v", bin, err)
	}
	exited := make(chan struct{})
	var waitErr error
	go func() { waitErr = cmd.Wait(); close(exited) }()
	t.Cleanup(func() {
		cmd.Process.Signal(syscall.SIGTERM)
		select {
		case <-exited:
		case <-time.After(5 * time.Second):
			cmd.Process.Kill()
			<-exited
		}
	})

	deadline := time.Now().Add(10 * time.Second)
	for _, addr := range p.Frontends {
		for {
			select {
			case <-exited:
				msg := bin + " exited: " + fmt.Sprint(waitErr) + "\n" + out.String()
				if strings.Contains(msg, "cannot bind socket") {
					return errBind{msg}
				}
				return errors.New(msg)
			default:
			}
			c, err := net.DialTimeout("tcp", addr, time.Second)
			if err == nil {
				c.Close()
				break
			}
			if time.Now().After(deadline) {
				return fmt.Errorf("%s: frontend %s not listening: %v\n%s", bin, addr, err, out.String())
			}
			time.Sleep(20 * time.Millisecond)
		}
	}
	return nil
}

// lockedBuffer collects a child's output while the test reads it.
type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}
