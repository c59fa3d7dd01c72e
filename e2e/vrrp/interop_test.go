// Package vrrp_e2e runs hakeep's VRRP engine against the real keepalived
// 2.2.7 in network namespaces the test creates.
package vrrp_e2e

import (
	"bytes"
	"context"
	"fmt"
	"log/slog"
	"net/netip"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/vishvananda/netns"

	"hakeep/e2e/harness"
	"hakeep/vrrp"
	"hakeep/vrrp/fsm"
	"hakeep/vrrp/kernel"
	"hakeep/vrrp/wire"
)

// lan is three namespaces: a bridge, the real keepalived's host (ka,
// 10.99.0.1) and ours (hk, 10.99.0.2), each host with eth0 on the bridge.
type lan struct {
	br, ka, hk string
}

func run(t *testing.T, args ...string) string {
	t.Helper()
	out, err := exec.Command(args[0], args[1:]...).CombinedOutput()
	if err != nil {
		t.Fatalf("%s: %v\n%s", strings.Join(args, " "), err, out)
	}
	return string(out)
}

func newLAN(t *testing.T) *lan {
	tag := fmt.Sprintf("%d-%d", os.Getpid(), time.Now().UnixNano()%100000)
	l := &lan{br: "hkv-br-" + tag, ka: "hkv-ka-" + tag, hk: "hkv-hk-" + tag}
	for _, ns := range []string{l.br, l.ka, l.hk} {
		run(t, "ip", "netns", "add", ns)
		t.Cleanup(func() { exec.Command("ip", "netns", "del", ns).Run() })
		run(t, "ip", "-n", ns, "link", "set", "lo", "up")
	}
	run(t, "ip", "-n", l.br, "link", "add", "br0", "type", "bridge")
	run(t, "ip", "-n", l.br, "link", "set", "br0", "up")
	for i, host := range []string{l.ka, l.hk} {
		port := fmt.Sprintf("p%d", i)
		run(t, "ip", "-n", l.br, "link", "add", port, "type", "veth", "peer", "name", "eth0", "netns", host)
		run(t, "ip", "-n", l.br, "link", "set", port, "master", "br0", "up")
		run(t, "ip", "-n", host, "addr", "add", fmt.Sprintf("10.99.0.%d/24", i+1), "dev", "eth0")
		run(t, "ip", "-n", host, "link", "set", "eth0", "up")
	}
	return l
}

// hasVIP reports whether ns holds the address on eth0.
func hasVIP(t *testing.T, ns, vip string) bool {
	out := run(t, "ip", "-n", ns, "-o", "addr", "show", "dev", "eth0")
	return strings.Contains(out, " "+vip+"/")
}

type scenario struct {
	name     string
	version  uint8
	auth     string // password, "" for none
	authType string // "PASS" (default with a password) or "AH"
	ipv6     bool
	unicast  bool // IPv4 only: unicast_src_ip / unicast_peer
}

func (s scenario) vip() string {
	if s.ipv6 {
		return "fd00:99::100"
	}
	return "10.99.0.100"
}

func (s scenario) prefix() string {
	if s.ipv6 {
		return s.vip() + "/64"
	}
	return s.vip() + "/24"
}

func (s scenario) keepalivedConf(prio int) string {
	var b strings.Builder
	fmt.Fprintf(&b, "global_defs {\n\trouter_id ka\n\tvrrp_garp_master_delay 1\n}\n")
	fmt.Fprintf(&b, "vrrp_instance VI_1 {\n\tinterface eth0\n\tstate BACKUP\n\tvirtual_router_id 42\n\tpriority %d\n", prio)
	fmt.Fprintf(&b, "\tversion %d\n\tadvert_int 1\n", s.version)
	if s.unicast {
		b.WriteString("\tunicast_src_ip 10.99.0.1\n\tunicast_peer {\n\t\t10.99.0.2\n\t}\n")
	}
	if s.auth != "" {
		at := s.authType
		if at == "" {
			at = "PASS"
		}
		fmt.Fprintf(&b, "\tauthentication {\n\t\tauth_type %s\n\t\tauth_pass %s\n\t}\n", at, s.auth)
	}
	fmt.Fprintf(&b, "\tvirtual_ipaddress {\n\t\t%s\n\t}\n}\n", s.prefix())
	return b.String()
}

func (s scenario) engineConfig(prio uint8) vrrp.Config {
	ic := vrrp.InstanceConfig{Name: "VI_1", Interface: "eth0", VRID: 42, Version: s.version, Priority: prio,
		AdvertInt: time.Second, VIPs: []vrrp.VIP{{Prefix: netip.MustParsePrefix(s.prefix())}}}
	if s.unicast {
		ic.UnicastSrc = netip.MustParseAddr("10.99.0.2")
		ic.UnicastPeers = []vrrp.Peer{{Addr: netip.MustParseAddr("10.99.0.1")}}
	}
	if s.auth != "" {
		ic.Auth = vrrp.Auth{Type: wire.AuthSimple, Password: s.auth}
		if s.authType == "AH" {
			ic.Auth.Type = wire.AuthAH
		}
	}
	return vrrp.Config{Global: vrrp.GlobalConfig{GARP: vrrp.GARPConfig{MasterDelay: time.Second}},
		Instances: []vrrp.InstanceConfig{ic}}
}

// keepalived is a running real keepalived.
type keepalived struct {
	cmd *exec.Cmd
	log *bytes.Buffer
}

func startKeepalived(t *testing.T, l *lan, conf string) *keepalived {
	t.Helper()
	dir := t.TempDir()
	cf := filepath.Join(dir, "keepalived.conf")
	if err := os.WriteFile(cf, []byte(conf), 0o600); err != nil {
		t.Fatal(err)
	}
	k := &keepalived{log: &bytes.Buffer{}}
	k.cmd = exec.Command("ip", "netns", "exec", l.ka, "keepalived", "-n", "-l", "-P", "-D", "-f", cf,
		"-p", filepath.Join(dir, "ka.pid"), "-r", filepath.Join(dir, "vrrp.pid"))
	k.cmd.Stdout, k.cmd.Stderr = k.log, k.log
	// Its own process group, so SIGKILL reaches the VRRP child too.
	k.cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	if err := k.cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { k.kill(); t.Logf("keepalived log:\n%s", k.log) })
	return k
}

func (k *keepalived) kill() {
	if k.cmd.ProcessState == nil {
		syscall.Kill(-k.cmd.Process.Pid, syscall.SIGKILL)
		k.cmd.Wait()
	}
}

type engine struct {
	e      *vrrp.Engine
	cancel context.CancelFunc
	done   chan error
}

type logWriter struct{ t *testing.T }

func (w logWriter) Write(p []byte) (int, error) {
	w.t.Log(strings.TrimSpace(string(p)))
	return len(p), nil
}

func startEngine(t *testing.T, l *lan, cfg vrrp.Config) *engine {
	t.Helper()
	h, err := netns.GetFromName(l.hk)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { h.Close() })
	n, err := vrrp.NewLinuxNet(kernel.NS{Handle: h})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(n.Close)
	log := slog.New(slog.NewTextHandler(logWriter{t}, &slog.HandlerOptions{Level: slog.LevelInfo}))
	e := &engine{e: vrrp.NewEngine(cfg, vrrp.Deps{Net: n, Log: log}), done: make(chan error, 1)}
	var ctx context.Context
	ctx, e.cancel = context.WithCancel(context.Background())
	go func() { e.done <- e.e.Run(ctx) }()
	t.Cleanup(e.stop)
	return e
}

func (e *engine) stop() {
	if e.cancel != nil {
		e.cancel()
		<-e.done
		e.cancel = nil
	}
}

func (e *engine) status(t *testing.T) vrrp.InstanceStatus {
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
	defer cancel()
	s := e.e.Snapshot(ctx).Instances
	if len(s) != 1 {
		t.Fatalf("engine snapshot: %v", s)
	}
	return s[0]
}

// waitFor polls cond for up to limit (generous: the protocol needs 3-4 s
// per election with advert_int 1).
func waitFor(t *testing.T, limit time.Duration, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(limit)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out after %v waiting for %s", limit, what)
		}
		time.Sleep(100 * time.Millisecond)
	}
}

func TestE2EVRRPInterop(t *testing.T) {
	harness.NeedRoot(t)
	harness.NeedCmd(t, "keepalived")
	harness.NeedCmd(t, "ip")
	for _, sc := range []scenario{
		{name: "v2", version: 2},
		{name: "v2-pass", version: 2, auth: "s3cr3t"},
		{name: "v2-ah", version: 2, auth: "ahkey", authType: "AH"},
		{name: "v3", version: 3},
		{name: "v3-ipv6", version: 3, ipv6: true},
		{name: "v2-unicast", version: 2, unicast: true},
		{name: "v3-unicast", version: 3, unicast: true},
	} {
		t.Run(sc.name, func(t *testing.T) {
			vip := sc.vip()
			l := newLAN(t)

			// keepalived (150) wins against us (100). Ours starts once
			// keepalived is master: both start as BACKUP, and on a loaded
			// machine keepalived's start (or IPv6 DAD on its link-local
			// source) can take longer than the 0.2 s between the two
			// master down intervals, making ours master for a moment.
			ka := startKeepalived(t, l, sc.keepalivedConf(150))
			waitFor(t, 15*time.Second, "keepalived MASTER with the VIP", func() bool { return hasVIP(t, l.ka, vip) })
			hk := startEngine(t, l, sc.engineConfig(100))
			waitFor(t, 10*time.Second, "our engine BACKUP hearing adverts", func() bool {
				s := hk.status(t)
				return s.State == fsm.Backup && s.Stats.AdvertRcvd >= 3
			})
			if hasVIP(t, l.hk, vip) {
				t.Fatal("both hold the VIP")
			}
			s := hk.status(t)
			if s.Stats.AuthFailure+s.Stats.AuthMismatch+s.Stats.PacketLenErr+s.Stats.ChecksumErr+s.Stats.AddrListErr+s.Stats.AdvertIntErr != 0 {
				t.Fatalf("receive errors: %+v", s.Stats)
			}
			if m, p := s.Master, s.MasterPriority; (!sc.ipv6 && m != netip.MustParseAddr("10.99.0.1")) || p != 150 {
				t.Fatalf("master %v priority %d", m, p)
			}

			// SIGKILL the real master: we take over after the down timer.
			killed := time.Now()
			ka.kill()
			waitFor(t, 10*time.Second, "our engine MASTER with the VIP", func() bool {
				return hk.status(t).State == fsm.Master && hasVIP(t, l.hk, vip)
			})
			t.Logf("took over %v after SIGKILL", time.Since(killed).Round(100*time.Millisecond))

			// keepalived comes back with the higher priority and preempts us.
			run(t, "ip", "-n", l.ka, "addr", "del", sc.prefix(), "dev", "eth0")
			startKeepalived(t, l, sc.keepalivedConf(150))
			waitFor(t, 15*time.Second, "keepalived preempting", func() bool {
				return hasVIP(t, l.ka, vip) && hk.status(t).State == fsm.Backup && !hasVIP(t, l.hk, vip)
			})
			if s := hk.status(t); s.Stats.BecameMaster != 1 || s.Stats.ReleasedMaster != 1 {
				t.Fatalf("transitions: %+v", s.Stats)
			}
			hk.stop()
		})
	}
}

func TestE2EVRRPEngineMasterHandsOver(t *testing.T) {
	harness.NeedRoot(t)
	harness.NeedCmd(t, "keepalived")
	harness.NeedCmd(t, "ip")
	for _, sc := range []scenario{{name: "v2-pass", version: 2, auth: "pw"}, {name: "v3", version: 3}, {name: "v3-ipv6", version: 3, ipv6: true}} {
		t.Run(sc.name, func(t *testing.T) {
			vip := sc.vip()
			l := newLAN(t)
			// We (200) win against keepalived (100).
			hk := startEngine(t, l, sc.engineConfig(200))
			ka := startKeepalived(t, l, sc.keepalivedConf(100))
			waitFor(t, 15*time.Second, "our engine MASTER with the VIP", func() bool {
				return hk.status(t).State == fsm.Master && hasVIP(t, l.hk, vip)
			})
			// keepalived stays backup: no VIP for several advert intervals.
			time.Sleep(5 * time.Second)
			if hasVIP(t, l.ka, vip) {
				t.Fatalf("keepalived took the VIP from a higher priority master:\n%s", ka.log)
			}
			// Our shutdown sends priority 0: keepalived takes over within
			// the skew time, well before a down timer would run out.
			stopped := time.Now()
			hk.stop()
			if hasVIP(t, l.hk, vip) {
				t.Fatal("VIP left behind on shutdown")
			}
			waitFor(t, 10*time.Second, "keepalived MASTER", func() bool { return hasVIP(t, l.ka, vip) })
			took := time.Since(stopped)
			t.Logf("keepalived took over %v after our shutdown", took.Round(10*time.Millisecond))
			if !strings.Contains(ka.log.String(), "Backup received priority 0 advertisement") {
				t.Fatalf("keepalived did not see our priority 0 advert:\n%s", ka.log)
			}
		})
	}
}
