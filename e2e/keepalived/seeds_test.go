package keepalived_e2e

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

// seed reads a configuration from /work/shared/seeds and maps what the
// tutorial wrote onto the lab: addresses into the lab's subnet, script
// paths into the box.
func seed(t *testing.T, name string, repl ...string) string {
	b, err := os.ReadFile(filepath.Join(harness.SharedDir(t), "seeds", name))
	harness.Need(t, err == nil, "seed "+name+" not found")
	return strings.NewReplacer(repl...).Replace(string(b))
}

// oursHAProxy is hakeep's haproxy (HAKEEP_HAPROXY names a prebuilt one).
func oursHAProxy(t *testing.T) string {
	if p := os.Getenv("HAKEEP_HAPROXY"); p != "" {
		return p
	}
	return filepath.Join(harness.Binaries(t), "haproxy")
}

// serveLocal answers on 127.0.0.1:port in ns with name (the web server
// behind a host's haproxy).
func serveLocal(t *testing.T, ns, name string, port int) {
	var l net.Listener
	inNS(t, ns, func() {
		var err error
		l, err = net.Listen("tcp4", "127.0.0.1:"+strconv.Itoa(port))
		if err != nil {
			t.Fatal(err)
		}
	})
	t.Cleanup(func() { l.Close() })
	go func() {
		for {
			c, err := l.Accept()
			if err != nil {
				return
			}
			c.Write([]byte(name + "\n"))
			c.Close()
		}
	}()
}

// TestE2EKeepalivedSeedHAProxy is the tutorial's pair of load balancers
// (keepalived-haproxy-master/backup.conf): hakeep's haproxy on each
// host, tracked by "killall -0 haproxy" with weight 21 in each host's own
// PID namespace, so that the script sees that host's haproxy only.
// Stopping haproxy on the master moves the VIP to the backup, whose
// haproxy then serves the clients.
func TestE2EKeepalivedSeedHAProxy(t *testing.T) {
	needLab(t)
	harness.NeedCmd(t, "killall")
	bin, hap := ours(t), oursHAProxy(t)
	l := newLab(t)
	const seedVIP = "10.77.0.10"
	port, backend := freePort(), freePort()
	serveLocal(t, l.a, "LB1", backend)
	serveLocal(t, l.b, "LB2", backend)
	hcfg := fmt.Sprintf("global\n\tmaxconn 100\ndefaults\n\tmode tcp\n\ttimeout connect 1s\n\ttimeout client 5s\n"+
		"\ttimeout server 5s\nlisten lb\n\tbind 0.0.0.0:%d\n\tserver web 127.0.0.1:%d\n", port, backend)
	start := func(ns, conf string) (*box, *ka) {
		b := newBox(t, ns)
		b.write("haproxy.cfg", hcfg, 0o644)
		data, err := os.ReadFile(hap)
		if err != nil {
			t.Fatal(err)
		}
		b.write("haproxy", string(data), 0o755)
		k := startKA(t, ns, b, conf, kaOpts{bin: bin, pidns: true,
			before: "/media/haproxy -db -f /media/haproxy.cfg >/media/haproxy.log 2>&1 &"})
		return b, k
	}
	repl := []string{"192.168.66.10", seedVIP}
	_, kMaster := start(l.a, seed(t, "keepalived-haproxy-master.conf", repl...))
	waitFor(t, 30*time.Second, "the master's VIP", func() bool { return hasAddr(t, l.a, seedVIP) })
	start(l.b, seed(t, "keepalived-haproxy-backup.conf", repl...))
	cl := client{t, l.c}
	waitFor(t, 10*time.Second, "LB1 serving through the VIP", func() bool { return cl.ask(seedVIP, port, time.Second) == "LB1" })
	// Both scripts succeed: 121 against 101, the VIP stays.
	time.Sleep(6 * time.Second)
	if hasAddr(t, l.b, seedVIP) || !hasAddr(t, l.a, seedVIP) {
		t.Fatal("the VIP moved while both haproxies run")
	}
	if !kMaster.logged("(HAProxy_HA) Changing effective priority from 100 to 121") {
		t.Error("the master's priority did not include the script's weight")
	}

	// Stop haproxy on the master: its priority falls to 100, below the
	// backup's 101, which takes the VIP (after its down timer: 3 × 2s).
	hp := descendant(kMaster.cmd.Process.Pid, "haproxy")
	if hp == 0 {
		t.Fatal("no haproxy on the master")
	}
	syscall.Kill(hp, syscall.SIGKILL)
	waitFor(t, 30*time.Second, "the VIP on the backup", func() bool { return hasAddr(t, l.b, seedVIP) && !hasAddr(t, l.a, seedVIP) })
	waitFor(t, 10*time.Second, "LB2 serving through the VIP", func() bool { return cl.ask(seedVIP, port, time.Second) == "LB2" })
	if !kMaster.logged("VRRP_Script(check_haproxy) failed") {
		t.Error("the master did not log its script failing")
	}
}

// nginxConf is an nginx serving name on port with everything under dir.
func nginxConf(dir, name string, port int) string {
	return fmt.Sprintf(`daemon on;
pid %[1]s/nginx.pid;
error_log %[1]s/nginx.err;
events { worker_connections 64; }
http {
	access_log off;
	client_body_temp_path %[1]s/body;
	proxy_temp_path %[1]s/proxy;
	fastcgi_temp_path %[1]s/fastcgi;
	uwsgi_temp_path %[1]s/uwsgi;
	scgi_temp_path %[1]s/scgi;
	server {
		listen %[3]d;
		location / { return 200 "%[2]s\n"; }
	}
}
`, dir, name, port)
}

// nginx runs one nginx in a namespace.
type nginx struct {
	t        *testing.T
	ns, conf string
	pidfile  string
}

func newNginx(t *testing.T, ns, name string, port int) *nginx {
	dir := t.TempDir()
	n := &nginx{t: t, ns: ns, conf: filepath.Join(dir, "nginx.conf"), pidfile: filepath.Join(dir, "nginx.pid")}
	if err := os.WriteFile(n.conf, []byte(nginxConf(dir, name, port)), 0o644); err != nil {
		t.Fatal(err)
	}
	n.start()
	t.Cleanup(n.stop)
	return n
}

func (n *nginx) start() {
	if out, err := exec.Command("ip", "netns", "exec", n.ns, "nginx", "-c", n.conf).CombinedOutput(); err != nil {
		n.t.Fatalf("nginx: %v\n%s", err, out)
	}
}

func (n *nginx) stop() {
	b, err := os.ReadFile(n.pidfile)
	if err != nil {
		return
	}
	pid, _ := strconv.Atoi(strings.TrimSpace(string(b)))
	// A pidfile left by an nginx that has gone may name another process.
	if pid > 0 && comm(pid) == "nginx" {
		syscall.Kill(pid, syscall.SIGTERM)
		for end := time.Now().Add(5 * time.Second); time.Now().Before(end); time.Sleep(20 * time.Millisecond) {
			if syscall.Kill(pid, 0) != nil {
				return
			}
		}
	}
}

// TestE2EKeepalivedSeedWeb is the tutorial's two web servers with VRRP
// directly on them (keepalived-web-master/backup.conf, vrrp_strict):
// chk_nginx (check_nginx.sh, weight 0) tracks nginx on Web1. Stopping
// nginx there puts Web1 in FAULT and the VIP moves to Web2; starting it
// brings the VIP back to Web1, which preempts with its higher priority.
func TestE2EKeepalivedSeedWeb(t *testing.T) {
	needLab(t)
	harness.NeedCmd(t, "nginx")
	harness.NeedCmd(t, "ss")
	bin := ours(t)
	l := newLab(t)
	const seedVIP = "10.77.0.90"
	check, err := os.ReadFile(filepath.Join(harness.SharedDir(t), "seeds", "check_nginx.sh"))
	harness.Need(t, err == nil, "seed check_nginx.sh not found")
	// check_nginx.sh runs "ss -anltpu", which reads every process's file
	// descriptors: on a loaded test machine that takes seconds, beyond
	// the script's default timeout (its interval, 2s), with the real
	// keepalived as with ours. The test gives it 10s.
	repl := []string{"192.168.88.90", seedVIP, "/etc/keepalived/check_nginx.sh", "/media/check_nginx.sh",
		"interval 2\n", "interval 2\n    timeout 10\n"}
	port := freePort()
	web1 := newNginx(t, l.a, "Web1", port)
	newNginx(t, l.b, "Web2", port)

	b1 := newBox(t, l.a)
	b1.write("check_nginx.sh", string(check), 0o755)
	k1 := startKA(t, "Web1", b1, seed(t, "keepalived-web-master.conf", repl...), kaOpts{bin: bin})
	waitFor(t, 20*time.Second, "Web1's VIP", func() bool { return hasAddr(t, l.a, seedVIP) })
	startKA(t, "Web2", newBox(t, l.b), seed(t, "keepalived-web-backup.conf", repl...), kaOpts{bin: bin})
	onlyOnAddr(t, l, l.a, seedVIP, 10*time.Second, 3*time.Second)
	// vrrp_strict without accept mode: keepalived would drop traffic to
	// the VIP with firewall rules; hakeep says so and installs none.
	if !k1.logged("(VI_1) no accept mode: keepalived would add 'drop' rules for ip daddr { 10.77.0.90 }") {
		t.Error("no log of the firewall rules keepalived would have added")
	}
	if !k1.logged("(VI_1) Strict mode does not support authentication. Ignoring.") {
		t.Error("strict mode's authentication warning not logged")
	}
	if got := httpGet(t, l.c, seedVIP, port); !strings.Contains(got, "Web1") {
		t.Fatalf("the VIP served %q, want Web1", got)
	}

	web1.stop()
	waitFor(t, 20*time.Second, "the VIP on Web2", func() bool { return hasAddr(t, l.b, seedVIP) && !hasAddr(t, l.a, seedVIP) })
	if !k1.logged("(VI_1) Entering FAULT STATE") {
		t.Error("Web1 did not enter FAULT")
	}
	waitFor(t, 10*time.Second, "Web2 serving", func() bool { return strings.Contains(httpGet(t, l.c, seedVIP, port), "Web2") })

	web1.start()
	waitFor(t, 20*time.Second, "the VIP back on Web1", func() bool { return hasAddr(t, l.a, seedVIP) && !hasAddr(t, l.b, seedVIP) })
	waitFor(t, 10*time.Second, "Web1 serving", func() bool { return strings.Contains(httpGet(t, l.c, seedVIP, port), "Web1") })
}

// httpGet asks for / and returns the answer's body ("" on failure).
func httpGet(t *testing.T, ns, addr string, port int) string {
	var body string
	inNS(t, ns, func() {
		c, err := net.DialTimeout("tcp4", net.JoinHostPort(addr, strconv.Itoa(port)), time.Second)
		if err != nil {
			return
		}
		defer c.Close()
		c.SetDeadline(time.Now().Add(2 * time.Second))
		fmt.Fprintf(c, "GET / HTTP/1.0\r\nHost: x\r\n\r\n")
		b := make([]byte, 4096)
		n, _ := c.Read(b)
		body = string(b[:n])
	})
	return body
}

// TestE2EKeepalivedSeedCheckScript is keepalived-check-script.conf: its
// vrrp_script has weight -10, lowering the master's priority from 100 to
// 90 while the script fails, so that a backup of priority 95 takes the
// VIP.
//
// As written ("pidof apache2") the script always fails on Debian, with
// the real keepalived as with ours: keepalived resolves pidof to its
// real path, /usr/sbin/killall5, and runs it under that name, which
// makes it killall5 rather than pidof (observed with 2.2.7). The test
// checks that first, then runs the same configuration with the check
// behind a script of its own, to see the weight follow apache2 (a
// stand-in process of that name in the host's own PID namespace).
func TestE2EKeepalivedSeedCheckScript(t *testing.T) {
	needLab(t)
	harness.NeedCmd(t, "pidof")
	bin := ours(t)
	const seedVIP = "10.77.0.100"
	sleep, err := os.ReadFile("/bin/sleep")
	if err != nil {
		t.Fatal(err)
	}
	// The backup is the same configuration without the script (the
	// tutorial's second server does not run the web server checked).
	backupOf := func(conf string) string {
		conf = strings.Replace(strings.Replace(conf, "state MASTER", "state BACKUP", 1), "priority 100", "priority 95", 1)
		i := strings.Index(conf, "    track_script {")
		j := strings.Index(conf[i:], "    }\n")
		return conf[:i] + conf[i+j+len("    }\n"):]
	}
	run := func(t *testing.T, conf string) (*lab, *ka) {
		l := newLab(t)
		b1 := newBox(t, l.a)
		b1.write("apache2", string(sleep), 0o755)
		b1.write("check_apache2.sh", "#!/bin/sh\nexec pidof apache2\n", 0o755)
		k1 := startKA(t, "master", b1, conf, kaOpts{bin: bin, pidns: true, before: "/media/apache2 1000 &\nsleep 0.2"})
		waitFor(t, 20*time.Second, "the master's VIP", func() bool { return hasAddr(t, l.a, seedVIP) })
		startKA(t, "backup", newBox(t, l.b), backupOf(conf), kaOpts{bin: bin, pidns: true})
		return l, k1
	}
	t.Run("as written", func(t *testing.T) {
		l, k1 := run(t, seed(t, "keepalived-check-script.conf", "192.168.1.100", seedVIP))
		onlyOnAddr(t, l, l.b, seedVIP, 20*time.Second, time.Second)
		for _, want := range []string{"VRRP_Script(check_http) failed (exited with status 1)",
			"(VI_1) Changing effective priority from 100 to 90"} {
			if !k1.logged(want) {
				t.Errorf("no %q in the master's log", want)
			}
		}
	})
	t.Run("weight follows the script", func(t *testing.T) {
		l, k1 := run(t, seed(t, "keepalived-check-script.conf", "192.168.1.100", seedVIP,
			`"pidof apache2"`, "/media/check_apache2.sh"))
		onlyOnAddr(t, l, l.a, seedVIP, 10*time.Second, 4*time.Second)
		if k1.logged("Changing effective priority") {
			t.Fatal("the master's priority moved while apache2 runs")
		}
		ap := descendant(k1.cmd.Process.Pid, "apache2")
		if ap == 0 {
			t.Fatal("no apache2 stand-in")
		}
		syscall.Kill(ap, syscall.SIGKILL)
		onlyOnAddr(t, l, l.b, seedVIP, 20*time.Second, time.Second)
		if !k1.logged("(VI_1) Changing effective priority from 100 to 90") {
			t.Error("the master's priority did not drop by 10")
		}
	})
}
