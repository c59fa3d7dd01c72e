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

	"hakeep/e2e/harness"
	"hakeep/e2e/vm"
)

// ours is where hakeep's keepalived goes in the guest; Debian's is at its
// own path, /usr/sbin/keepalived.
const ours = "/usr/sbin/hakeep-keepalived"

// vmSlots is how many VMs the tests of this package run at once. Each
// keepalived runs on its own fresh boot; a guest spends most of its life
// waiting for checkers (idle under TCG), so the two keepalived of a
// comparison, and several comparisons, run side by side.
const vmSlots = 4

// builds holds the static binaries built for the guests, by package.
var builds struct {
	sync.Mutex
	bin map[string]string
}

// staticBuild builds the command at pkg (relative to the repository)
// without cgo, so that it runs in the guest without libraries, once per
// test process.
func staticBuild(t *testing.T, pkg string) string {
	t.Helper()
	builds.Lock()
	defer builds.Unlock()
	if bin, ok := builds.bin[pkg]; ok {
		return bin
	}
	dir, err := os.MkdirTemp("", "hakeep-lvs-")
	if err != nil {
		t.Fatal(err)
	}
	bin := filepath.Join(dir, filepath.Base(pkg))
	cmd := exec.Command("go", "build", "-o", bin, pkg)
	cmd.Dir = harness.RepoRoot(t)
	cmd.Env = append(cmd.Environ(), "CGO_ENABLED=0")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("building %s: %v\n%s", pkg, err, out)
	}
	if builds.bin == nil {
		builds.bin = map[string]string{}
	}
	builds.bin[pkg] = bin
	return bin
}

// staticKeepalived is hakeep's keepalived, built for the guest.
func staticKeepalived(t *testing.T) string { return staticBuild(t, "./keepalived") }

// impl is one keepalived: Debian's or hakeep's.
type impl struct {
	name string
	bin  string
}

func impls() []impl {
	return []impl{{"keepalived 2.2.7", "/usr/sbin/keepalived"}, {"hakeep", ours}}
}

// guestFiles checks the prerequisites of a boot (in the test's own
// goroutine: a missing one skips or fails the test) and returns what
// every guest holds: ipvsadm and both keepalived binaries.
func guestFiles(t *testing.T) []vm.File {
	t.Helper()
	harness.NeedRoot(t)
	harness.NeedCmd(t, "qemu-system-x86_64")
	return []vm.File{
		{Host: harness.NeedCmd(t, "ipvsadm")},
		{Host: harness.NeedCmd(t, "keepalived"), Guest: "/usr/sbin/keepalived"},
		{Host: staticKeepalived(t), Guest: ours},
	}
}

// guest is a booted VM whose commands stop at the first failure: its
// methods may run in goroutines of their own, where t.Fatal is not
// allowed, and the caller reports err once they are done.
type guest struct {
	m   *vm.Machine
	err error
}

// bootGuest boots a VM with base (from guestFiles) and files, trying
// twice. It is safe to call from any goroutine once guestFiles has run.
func bootGuest(t *testing.T, base []vm.File, files ...vm.File) *guest {
	opts := vm.Options{Files: append(append([]vm.File(nil), base...), files...),
		Modules: append(vm.DefaultModules(), "ip_vs_pe_sip", "veth")}
	m, err := vm.Boot(t, opts)
	if err != nil {
		// A guest starved of CPU by a loaded host can miss the boot
		// deadline; a second boot tells that from a broken one.
		t.Logf("booting again after: %v", err)
		m, err = vm.Boot(t, opts)
	}
	if err != nil {
		return &guest{err: fmt.Errorf("booting: %w", err)}
	}
	t.Logf("VM booted in %v", m.BootTime())
	return &guest{m: m}
}

// close shuts the VM down at once (the test's clean-up would only at its
// end, and a test boots many); its console stays for the failure log.
func (g *guest) close() {
	if g.m != nil {
		g.m.Close()
	}
}

// sh runs script and returns its output; once a script has failed (exit
// status other than 0, broken channel) it runs nothing more.
func (g *guest) sh(script string) string {
	r, ok := g.try(script)
	if ok && r.Code != 0 {
		g.err = fmt.Errorf("%q exited %d in the VM:\n%s", script, r.Code, r.Output)
		return ""
	}
	return string(r.Output)
}

// try runs script whatever its exit status; ok is false after a failure.
func (g *guest) try(script string) (vm.Result, bool) {
	if g.err != nil {
		return vm.Result{}, false
	}
	r, err := g.m.Run(context.Background(), script)
	if err != nil {
		g.err = fmt.Errorf("running %q in the VM: %w", script, err)
		return vm.Result{}, false
	}
	return r, true
}

// start runs keepalived in the guest in the foreground of a background
// job, logging to /tmp/keepalived.log as keepalived -l writes it.
func (g *guest) start(k impl, args string) {
	g.sh(fmt.Sprintf("mkdir -p /run/keepalived; %s -n -l -D %s -f /etc/keepalived/keepalived.conf "+
		"-p /run/keepalived/k.pid -c /run/keepalived/c.pid -r /run/keepalived/v.pid -b /run/keepalived/b.pid "+
		">/tmp/keepalived.log 2>&1 & echo $! >/run/keepalived/job.pid", k.bin, args))
}

// stop sends SIGTERM and waits for keepalived to exit.
func (g *guest) stop() {
	g.sh(`pid=$(cat /run/keepalived/job.pid); kill -TERM $pid
for i in $(seq 100); do kill -0 $pid 2>/dev/null || exit 0; usleep 100000; done; echo still running; exit 1`)
}

// logLines returns keepalived's log, without the timestamps.
func (g *guest) logLines() []string {
	var out []string
	for _, l := range strings.Split(g.sh("cat /tmp/keepalived.log"), "\n") {
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

// inParallel runs jobs, at most vmSlots at a time, and returns each
// one's error.
func inParallel(jobs ...func() error) []error {
	sem := make(chan struct{}, vmSlots)
	errs := make([]error, len(jobs))
	var wg sync.WaitGroup
	for i, job := range jobs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			sem <- struct{}{}
			defer func() { <-sem }()
			errs[i] = job()
		}()
	}
	wg.Wait()
	return errs
}
