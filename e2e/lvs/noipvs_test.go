package lvs_e2e

import (
	"bytes"
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"hakeep/e2e/harness"
)

// netns makes a network namespace with an eth0 (one end of a veth pair)
// holding addr, and removes it when the test ends.
func netns(t *testing.T, addr string) string {
	t.Helper()
	ipCmd := harness.NeedCmd(t, "ip")
	name := fmt.Sprintf("hklvs%d", os.Getpid())
	peer := fmt.Sprintf("hkl%dp", os.Getpid()%100000)
	run := func(args ...string) {
		t.Helper()
		if out, err := exec.Command(ipCmd, args...).CombinedOutput(); err != nil {
			t.Fatalf("ip %v: %v\n%s", args, err, out)
		}
	}
	run("netns", "add", name)
	t.Cleanup(func() { exec.Command(ipCmd, "netns", "del", name).Run() })
	run("link", "add", peer, "type", "veth", "peer", "name", "eth0", "netns", name)
	t.Cleanup(func() { exec.Command(ipCmd, "link", "del", peer).Run() })
	run("-n", name, "link", "set", "lo", "up")
	run("-n", name, "addr", "add", addr, "dev", "eth0")
	run("-n", name, "link", "set", "eth0", "up")
	run("link", "set", peer, "up")
	return name
}

// ipvsMissing says whether this host's kernel has no IPVS, as the test
// needs.
func ipvsMissing() bool {
	b, err := os.ReadFile("/proc/net/ip_vs")
	return err != nil || len(b) == 0
}

// TestE2ENoIPVS: on a kernel without IPVS (this host's), keepalived with
// the LVS-DR seed starts, runs its VRRP instance and its checkers, logs
// the absence of IPVS once in keepalived 2.2.7's words, and stops cleanly
// on SIGTERM. (keepalived 2.2.7 itself stops at once there, which is the
// difference hakeep makes on purpose.)
func TestE2ENoIPVS(t *testing.T) {
	harness.NeedRoot(t)
	harness.Need(t, ipvsMissing(), "this kernel has IPVS; the test is about running without it")
	ours := staticKeepalived(t)
	real := harness.NeedCmd(t, "keepalived")
	seed, err := os.ReadFile(filepath.Join(harness.SharedDir(t), "seeds", "keepalived-lvs-dr-master.conf"))
	if err != nil {
		t.Fatal(err)
	}
	conf := strings.ReplaceAll(string(seed), "192.168.88.", "10.88.0.")
	dir := t.TempDir()
	cfgFile := filepath.Join(dir, "keepalived.conf")
	if err := os.WriteFile(cfgFile, []byte(conf), 0o644); err != nil {
		t.Fatal(err)
	}
	ns := netns(t, "10.88.0.1/24")
	if out, err := exec.Command("ip", "-n", ns, "addr", "add", "10.88.0.83/24", "dev", "eth0").CombinedOutput(); err != nil {
		t.Fatalf("%v\n%s", err, out)
	}

	// keepalived 2.2.7's words for the missing IPVS.
	realOut, _ := exec.Command("ip", "netns", "exec", ns, real, "-n", "-l", "-D", "-f", cfgFile,
		"-p", filepath.Join(dir, "r.pid"), "-c", filepath.Join(dir, "rc.pid"), "-r", filepath.Join(dir, "rv.pid")).CombinedOutput()
	var want string
	for _, l := range lines(realOut) {
		if strings.Contains(l, "IPVS: Can't initialize ipvs") {
			want = l
		}
	}
	if want == "" {
		t.Fatalf("keepalived 2.2.7 did not say IPVS is missing:\n%s", realOut)
	}

	// One real server answers (10.88.0.83, an address of the namespace
	// with a listener), the other does not exist.
	ln := listenIn(t, ns, "10.88.0.83:80")
	defer ln.Close()
	var out bytes.Buffer
	cmd := exec.Command("ip", "netns", "exec", ns, ours, "-n", "-l", "-D", "-f", cfgFile,
		"-p", filepath.Join(dir, "k.pid"), "-c", filepath.Join(dir, "c.pid"), "-r", filepath.Join(dir, "v.pid"))
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	// The checkers of the seed run every 5 s after up to 5 s of warmup;
	// VRRP becomes MASTER after three adverts.
	deadline := time.Now().Add(40 * time.Second)
	need := []string{"Entering MASTER STATE", "TCP connection to [10.88.0.83]:tcp:80 success.", "TCP_CHECK on service [10.88.0.84]:tcp:80 failed."}
	for time.Now().Before(deadline) {
		s := out.String()
		all := true
		for _, n := range need {
			all = all && strings.Contains(s, n)
		}
		if all {
			break
		}
		select {
		case err := <-done:
			t.Fatalf("keepalived exited: %v\n%s", err, out.String())
		case <-time.After(500 * time.Millisecond):
		}
	}
	if err := cmd.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	select {
	case err := <-done:
		if err != nil {
			t.Errorf("exit after SIGTERM: %v", err)
		}
	case <-time.After(15 * time.Second):
		cmd.Process.Kill()
		t.Fatalf("still running 15 s after SIGTERM:\n%s", out.String())
	}
	log := lines(out.Bytes())
	for _, n := range need {
		if !contains(log, n) {
			t.Errorf("log lacks %q", n)
		}
	}
	count := 0
	for _, l := range log {
		if l == want {
			count++
		}
	}
	if count != 1 {
		t.Errorf("%q logged %d times, want once", want, count)
	}
	t.Logf("log:\n%s", out.String())
}

// lines are log lines without keepalived -l's timestamp.
func lines(b []byte) []string {
	var out []string
	for _, l := range strings.Split(string(b), "\n") {
		if len(l) > 26 && l[24] == ':' && l[25] == ' ' {
			l = l[26:]
		}
		out = append(out, l)
	}
	return out
}

func contains(ls []string, sub string) bool {
	for _, l := range ls {
		if strings.Contains(l, sub) {
			return true
		}
	}
	return false
}

// listenIn listens on addr inside network namespace ns, accepting and
// closing connections.
func listenIn(t *testing.T, ns, addr string) net.Listener {
	t.Helper()
	ln, err := listenInNetns(ns, addr)
	if err != nil {
		t.Fatalf("listening on %s in %s: %v", addr, ns, err)
	}
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			c.Close()
		}
	}()
	return ln
}

// TestE2EHASuspendFollowsVRRP: with ha_suspend, a virtual server's
// checkers wait while its address is not local, and start once the VRRP
// instance holding that address becomes MASTER and adds it (keepalived.conf(5)
// ha_suspend). Runs on this host, in a namespace, without IPVS.
func TestE2EHASuspendFollowsVRRP(t *testing.T) {
	harness.NeedRoot(t)
	ours := staticKeepalived(t)
	conf := `vrrp_instance VI_1 {
    state BACKUP
    interface eth0
    virtual_router_id 61
    priority 100
    advert_int 1
    virtual_ipaddress {
        10.89.0.100/24
    }
}
virtual_server 10.89.0.100 80 {
    delay_loop 1
    warmup 0
    ha_suspend
    lb_algo rr
    protocol TCP
    real_server 10.89.0.1 80 {
        TCP_CHECK {
            connect_timeout 1
        }
    }
}
`
	dir := t.TempDir()
	cfgFile := filepath.Join(dir, "keepalived.conf")
	if err := os.WriteFile(cfgFile, []byte(conf), 0o644); err != nil {
		t.Fatal(err)
	}
	ns := netns(t, "10.89.0.1/24")
	ln := listenIn(t, ns, "10.89.0.1:80")
	defer ln.Close()
	var out bytes.Buffer
	cmd := exec.Command("ip", "netns", "exec", ns, ours, "-n", "-l", "-f", cfgFile,
		"-p", filepath.Join(dir, "k.pid"), "-c", filepath.Join(dir, "c.pid"), "-r", filepath.Join(dir, "v.pid"))
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	const success = "TCP connection to [10.89.0.1]:tcp:80 success."
	for deadline := time.Now().Add(30 * time.Second); time.Now().Before(deadline) && !strings.Contains(out.String(), success); {
		select {
		case err := <-done:
			t.Fatalf("keepalived exited: %v\n%s", err, out.String())
		case <-time.After(250 * time.Millisecond):
		}
	}
	cmd.Process.Signal(syscall.SIGTERM)
	select {
	case <-done:
	case <-time.After(15 * time.Second):
		cmd.Process.Kill()
		t.Fatal("still running 15 s after SIGTERM")
	}
	// The order that matters: suspended, MASTER, activated, checked.
	want := []string{
		"Deactivating healthchecker for service [10.89.0.1]:tcp:80 for VS [10.89.0.100]:tcp:80",
		"(VI_1) Entering MASTER STATE",
		"Activating healthchecker for service [10.89.0.1]:tcp:80 for VS [10.89.0.100]:tcp:80",
		success,
	}
	i := 0
	for _, l := range lines(out.Bytes()) {
		if i < len(want) && l == want[i] {
			i++
		}
	}
	if i != len(want) {
		t.Errorf("log lacks, in order, %q:\n%s", want[i:], out.String())
	}
}
