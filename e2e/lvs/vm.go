// Package lvs_e2e runs hakeep's keepalived and Debian's keepalived 2.2.7
// in a VM with IPVS (hakeep/e2e/vm) on the same configurations and
// compares what they leave in IPVS and what they log, and runs the
// checker side without IPVS on this host.
package lvs_e2e

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"hakeep/e2e/harness"
	"hakeep/e2e/vm"
)

// ours is where hakeep's keepalived goes in the guest; Debian's is at its
// own path, /usr/sbin/keepalived.
const ours = "/usr/sbin/hakeep-keepalived"

var (
	staticOnce sync.Once
	staticBin  string
	staticErr  error
	staticOut  []byte
)

// staticKeepalived builds hakeep's keepalived without cgo, so that it
// runs in the guest without libraries.
func staticKeepalived(t *testing.T) string {
	t.Helper()
	staticOnce.Do(func() {
		dir, err := os.MkdirTemp("", "hakeep-lvs-")
		if err != nil {
			staticErr = err
			return
		}
		staticBin = filepath.Join(dir, "keepalived")
		cmd := exec.Command("go", "build", "-o", staticBin, "./keepalived")
		cmd.Dir = harness.RepoRoot(t)
		cmd.Env = append(cmd.Environ(), "CGO_ENABLED=0")
		staticOut, staticErr = cmd.CombinedOutput()
	})
	if staticErr != nil {
		t.Fatalf("building keepalived: %v\n%s", staticErr, staticOut)
	}
	return staticBin
}

// impl is one keepalived: Debian's or hakeep's.
type impl struct {
	name string
	bin  string
}

func impls() []impl {
	return []impl{{"keepalived 2.2.7", "/usr/sbin/keepalived"}, {"hakeep", ours}}
}

// boot starts a VM with ipvsadm, both keepalived binaries and files.
func boot(t *testing.T, files ...vm.File) *vm.Machine {
	t.Helper()
	harness.NeedRoot(t)
	real := harness.NeedCmd(t, "keepalived")
	all := append([]vm.File{
		{Host: harness.NeedCmd(t, "ipvsadm")},
		{Host: real, Guest: "/usr/sbin/keepalived"},
		{Host: staticKeepalived(t), Guest: ours},
	}, files...)
	m, err := vm.Boot(t, vm.Options{Files: all, Modules: append(vm.DefaultModules(), "ip_vs_pe_sip", "veth")})
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("VM booted in %v", m.BootTime())
	return m
}

// start runs keepalived in the guest in the foreground of a background
// job, logging to /tmp/keepalived.log as keepalived -l writes it.
func start(t *testing.T, m *vm.Machine, k impl, args string) {
	t.Helper()
	m.MustRun(t, fmt.Sprintf("mkdir -p /run/keepalived; %s -n -l -D %s -f /etc/keepalived/keepalived.conf "+
		"-p /run/keepalived/k.pid -c /run/keepalived/c.pid -r /run/keepalived/v.pid -b /run/keepalived/b.pid "+
		">/tmp/keepalived.log 2>&1 & echo $! >/run/keepalived/job.pid", k.bin, args))
}

// stop sends SIGTERM and waits for keepalived to exit.
func stop(t *testing.T, m *vm.Machine) {
	t.Helper()
	r, err := m.Run(context.Background(), `pid=$(cat /run/keepalived/job.pid); kill -TERM $pid
for i in $(seq 100); do kill -0 $pid 2>/dev/null || exit 0; usleep 100000; done; echo still running; exit 1`)
	if err != nil || r.Code != 0 {
		t.Fatalf("stopping keepalived: %v %s", err, r.Output)
	}
}

// logLines returns keepalived's log, without the timestamps.
func logLines(t *testing.T, m *vm.Machine) []string {
	t.Helper()
	var out []string
	for _, l := range strings.Split(m.MustRun(t, "cat /tmp/keepalived.log"), "\n") {
		// "Sat Nov 21 21:54:09 2026: message"
		if len(l) > 26 && l[24] == ':' && l[25] == ' ' {
			l = l[26:]
		}
		if l != "" {
			out = append(out, l)
		}
	}
	return out
}

// waitFor polls until cond holds or d passes.
func waitFor(d time.Duration, cond func() bool) bool {
	for end := time.Now().Add(d); ; time.Sleep(250 * time.Millisecond) {
		if cond() {
			return true
		}
		if time.Now().After(end) {
			return false
		}
	}
}
