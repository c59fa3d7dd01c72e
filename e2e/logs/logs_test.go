package logs

import (
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"hakeep/e2e/harness"
)

// run is what one haproxy sent for each step of the script.
type run struct {
	pid   int
	steps [][]received
	err   error
}

// script is the sequence of steps: every HTTP frontend's, the TCP
// frontend's, then the soft stop.
func script(l *layout) (names []string, actions []func()) {
	for _, fe := range []string{"fe_default", "fe_http", "fe_clf", "fe_https", "fe_custom"} {
		for _, s := range httpSteps() {
			port, do := l.fe[fe], s.do
			names = append(names, fe+": "+s.name)
			actions = append(actions, func() { do(port) })
		}
	}
	for _, s := range tcpSteps() {
		port, do := l.fe["fe_tcp"], s.do
		names = append(names, "fe_tcp: "+s.name)
		actions = append(actions, func() { do(port) })
	}
	for _, s := range proxySteps() {
		port, do := l.fe["fe_proxy"], s.do
		names = append(names, "fe_proxy: "+s.name)
		actions = append(actions, func() { do(port) })
	}
	for _, s := range forwardSteps() {
		port, do := l.fwd, s.do
		names = append(names, "log-forward: "+s.name)
		actions = append(actions, func() { do(port) })
	}
	return names, actions
}

// runBinary runs the script through bin and collects what each step
// sent.
func runBinary(t *testing.T, bin string, l *layout, col *collector) run {
	dir := t.TempDir()
	cfg := filepath.Join(dir, "haproxy.cfg")
	if err := os.WriteFile(cfg, []byte(l.config()), 0o644); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(bin, "-db", "-f", cfg)
	cmd.Dir = dir
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	var stderr strings.Builder
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		return run{err: err}
	}
	outDone := make(chan struct{})
	go stdoutLines(col, stdout, outDone)
	exited := make(chan error, 1)
	go func() { <-outDone; exited <- cmd.Wait() }()
	defer func() {
		cmd.Process.Kill()
		select {
		case <-exited:
		case <-time.After(5 * time.Second):
		}
	}()
	if err := waitListening(l, exited); err != nil {
		return run{err: fmt.Errorf("%s: %v\n%s", bin, err, stderr.String())}
	}
	// the start-up is not part of the comparison
	time.Sleep(300 * time.Millisecond)
	col.take()
	r := run{pid: cmd.Process.Pid}
	_, actions := script(l)
	for _, a := range actions {
		a()
		time.Sleep(250 * time.Millisecond)
		r.steps = append(r.steps, col.take())
	}
	// the soft stop and what the proxies say then
	cmd.Process.Signal(syscall.SIGUSR1)
	select {
	case <-exited:
	case <-time.After(5 * time.Second):
		t.Logf("%s: still running 5s after SIGUSR1", bin)
	}
	time.Sleep(300 * time.Millisecond)
	r.steps = append(r.steps, col.take())
	return r
}

// waitListening waits until every frontend port accepts connections
// (probed through /proc/net/tcp: a connection would be logged).
func waitListening(l *layout, exited <-chan error) error {
	deadline := time.Now().Add(10 * time.Second)
	for time.Now().Before(deadline) {
		select {
		case err := <-exited:
			return fmt.Errorf("exited during start-up: %v", err)
		default:
		}
		ok := true
		for _, p := range l.fe {
			if !listeningPort(p) {
				ok = false
			}
		}
		if ok {
			return nil
		}
		time.Sleep(20 * time.Millisecond)
	}
	return fmt.Errorf("listeners not bound after 10s")
}

func listeningPort(port int) bool {
	data, err := os.ReadFile("/proc/net/tcp")
	if err != nil {
		return false
	}
	want := fmt.Sprintf(":%04X", port)
	for _, line := range strings.Split(string(data), "\n") {
		f := strings.Fields(line)
		if len(f) > 3 && strings.HasSuffix(f[1], want) && f[3] == "0A" {
			return true
		}
	}
	return false
}

// freeUDPPort asks the kernel for a UDP port nobody uses.
func freeUDPPort(t *testing.T) int {
	pc, err := net.ListenPacket("udp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer pc.Close()
	return pc.LocalAddr().(*net.UDPAddr).Port
}

// freePort asks the kernel for a port nobody uses.
func freePort(t *testing.T) int {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	return ln.Addr().(*net.TCPAddr).Port
}

func TestE2ELogs(t *testing.T) {
	realBin := harness.NeedCmd(t, "haproxy")
	ours := filepath.Join(harness.Binaries(t), "haproxy")
	col := &collector{}
	rcv := startReceivers(t, col)
	be := startBackend(t)
	l := &layout{fe: map[string]int{}, be: be.port(), down: freePort(t), udp: rcv.udpPort(),
		ring: rcv.ringPort(), unix: rcv.unixPath(), fwd: freeUDPPort(t)}
	for _, fe := range []string{"fe_default", "fe_http", "fe_clf", "fe_https", "fe_tcp", "fe_custom", "fe_proxy"} {
		l.fe[fe] = freePort(t)
	}
	names, _ := script(l)
	names = append(names, "soft stop")

	want := runBinary(t, realBin, l, col)
	if want.err != nil {
		t.Fatalf("real haproxy: %v", want.err)
	}
	got := runBinary(t, ours, l, col)
	if got.err != nil {
		t.Fatalf("our haproxy: %v", got.err)
	}
	mw := &masker{known: l.ports(), pid: strconv.Itoa(want.pid)}
	mg := &masker{known: l.ports(), pid: strconv.Itoa(got.pid)}
	passed, failed, knownN := 0, 0, 0
	for i, name := range names {
		var w, g []received
		if i < len(want.steps) {
			w = want.steps[i]
		}
		if i < len(got.steps) {
			g = got.steps[i]
		}
		p, f, k := compareStep(t, name, w, g, mw, mg)
		passed += p
		failed += f
		knownN += k
	}
	t.Logf("%d passed, %d failed (and %d with known engine differences)", passed, failed, knownN)
	fmt.Printf("e2e/logs: %d passed, %d failed (and %d with known engine differences)\n", passed, failed, knownN)
	if failed > 0 {
		t.Fail()
	}
}

// compareStep compares what each destination received during a step,
// line by line in arrival order, field by field after masking.
func compareStep(t *testing.T, name string, want, got []received, mw, mg *masker) (passed, failed, knownN int) {
	bySrc := func(rs []received, m *masker) map[string][]string {
		out := map[string][]string{}
		for _, r := range rs {
			out[r.src] = append(out[r.src], m.mask(r.msg))
		}
		return out
	}
	w, g := bySrc(want, mw), bySrc(got, mg)
	srcs := map[string]bool{}
	for s := range w {
		srcs[s] = true
	}
	for s := range g {
		srcs[s] = true
	}
	for _, src := range []string{"udp", "unix", "stdout", "ring"} {
		if !srcs[src] {
			continue
		}
		wl, gl := w[src], g[src]
		n := len(wl)
		if len(gl) > n {
			n = len(gl)
		}
		for i := 0; i < n; i++ {
			var a, b string
			if i < len(wl) {
				a = wl[i]
			}
			if i < len(gl) {
				b = gl[i]
			}
			if a == b {
				passed++
				t.Logf("%s, %s line %d: same: %q", name, src, i+1, a)
				continue
			}
			if why := explain(a, b); why != "" {
				knownN++
				t.Logf("%s, %s line %d: known difference: %s\n real %q\n ours %q", name, src, i+1, why, a, b)
				continue
			}
			failed++
			t.Errorf("%s, %s line %d:\n real %q\n ours %q%s", name, src, i+1, a, b, fieldDiff(a, b))
		}
	}
	return passed, failed, knownN
}

// fieldDiff names the first fields that differ.
func fieldDiff(a, b string) string {
	fa, fb := strings.Split(a, " "), strings.Split(b, " ")
	if len(fa) == 0 || len(fb) == 0 {
		return ""
	}
	var d []string
	for i := 0; i < len(fa) || i < len(fb); i++ {
		var x, y string
		if i < len(fa) {
			x = fa[i]
		}
		if i < len(fb) {
			y = fb[i]
		}
		if x != y {
			d = append(d, fmt.Sprintf("field %d: %q != %q", i+1, x, y))
			if len(d) == 4 {
				break
			}
		}
	}
	return "\n " + strings.Join(d, "; ")
}
