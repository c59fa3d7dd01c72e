package kacheck

import (
	"bytes"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"os/exec"
	"syscall"
	"testing"
	"time"
)

// netns is a network namespace made for one test: lo up and one veth
// interface inside for each name asked for, the other ends left down in
// the host namespace under unique names.
type netns struct {
	name    string
	outside []string
}

// defaultIfs are the interfaces the corpus verdicts were taken with
// (../shared/corpus/README.md).
func defaultIfs() []string { return []string{"eth0", "eth1", "eth2", "eth3"} }

func randomTag(t testing.TB) string {
	b := make([]byte, 3)
	if _, err := rand.Read(b); err != nil {
		t.Fatal(err)
	}
	return hex.EncodeToString(b)
}

func ip(args ...string) error {
	out, err := exec.Command("ip", args...).CombinedOutput()
	if err != nil {
		return fmt.Errorf("ip %v: %v: %s", args, err, bytes.TrimSpace(out))
	}
	return nil
}

// newNetns creates the namespace; t.Cleanup removes it and the outer
// veth ends.
func newNetns(t testing.TB, ifnames []string) *netns {
	t.Helper()
	tag := randomTag(t)
	n := &netns{name: "hkka-" + tag}
	if err := ip("netns", "add", n.name); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		for _, o := range n.outside {
			ip("link", "del", o)
		}
		if err := ip("netns", "del", n.name); err != nil {
			t.Error(err)
		}
	})
	for i, name := range ifnames {
		// 15 bytes at most: "hk" + 6 hex + "v" + index.
		outer := fmt.Sprintf("hk%sv%d", tag, i)
		if err := ip("link", "add", outer, "type", "veth", "peer", "name", name, "netns", n.name); err != nil {
			t.Fatal(err)
		}
		n.outside = append(n.outside, outer)
	}
	if err := ip("-n", n.name, "link", "set", "lo", "up"); err != nil {
		t.Fatal(err)
	}
	return n
}

// runTimeout bounds one `keepalived -t`.
const runTimeout = 60 * time.Second

// run runs bin with args inside the namespace from dir and returns its
// stderr and exit status.
func (n *netns) run(t testing.TB, dir, bin string, args ...string) (stderr string, code int) {
	t.Helper()
	cmd := exec.Command("ip", append([]string{"netns", "exec", n.name, bin}, args...)...)
	cmd.Dir = dir
	var errb bytes.Buffer
	cmd.Stderr = &errb
	cmd.WaitDelay = time.Second
	done := make(chan error, 1)
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	go func() { done <- cmd.Wait() }()
	var err error
	select {
	case err = <-done:
	case <-time.After(runTimeout):
		cmd.Process.Kill()
		<-done
		t.Fatalf("%s %v: no answer in %v", bin, args, runTimeout)
	}
	var ee *exec.ExitError
	switch {
	case err == nil:
	case errors.As(err, &ee) && ee.Exited():
		code = ee.ExitCode()
	case errors.As(err, &ee):
		// Killed by a signal: the shell's 128+N (keepalived 2.2.7
		// crashes on some inputs).
		ws, ok := ee.Sys().(syscall.WaitStatus)
		if !ok || !ws.Signaled() {
			t.Fatalf("%s %v: %v", bin, args, err)
		}
		code = 128 + int(ws.Signal())
	default:
		t.Fatalf("%s %v: %v", bin, args, err)
	}
	return errb.String(), code
}
