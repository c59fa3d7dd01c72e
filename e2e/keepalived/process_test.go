package keepalived_e2e

import (
	"os"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"golang.org/x/sys/unix"
)

// pidOf reads a pidfile of the box ("" when absent).
func pidOf(b *box, name string) string {
	data, err := os.ReadFile(b.path("run/" + name))
	if err != nil {
		return ""
	}
	return strings.TrimSpace(string(data))
}

// runFiles lists the box's /run.
func runFiles(b *box) []string {
	ents, _ := os.ReadDir(b.path("run"))
	var out []string
	for _, e := range ents {
		out = append(out, e.Name())
	}
	slices.Sort(out)
	return out
}

// TestE2EKeepalivedDaemonMode starts hakeep's keepalived without -n, as
// a sysvinit script would: the command returns 0 at once, the daemon
// runs in its own session with its pid in /run/keepalived.pid and
// /run/vrrp.pid, a second start says "daemon is already running" and
// exits 0, and SIGTERM to the pidfile's process stops it, releasing the
// VIP and the pidfiles. The real keepalived does the same in the same
// way (checked first).
func TestE2EKeepalivedDaemonMode(t *testing.T) {
	needLab(t)
	bin := ours(t)
	for _, c := range []struct{ name, bin string }{{"real", ""}, {"ours", bin}} {
		t.Run(c.name, func(t *testing.T) {
			l := newLab(t)
			bx := newBox(t, l.a)
			p := pair{version: 2, advert: "1", vrid: 93}
			k := startKA(t, c.name, bx, p.conf("A", addrA, addrB, 150, ""), kaOpts{bin: c.bin, args: []string{}, syslog: true})
			select {
			case <-k.done:
				if k.err != nil {
					t.Fatalf("the starting command: %v", k.err)
				}
			case <-time.After(10 * time.Second):
				t.Fatal("the starting command did not return")
			}
			waitFor(t, 10*time.Second, "the pidfiles", func() bool { return pidOf(bx, "keepalived.pid") != "" && pidOf(bx, "vrrp.pid") != "" })
			pid, _ := strconv.Atoi(pidOf(bx, "keepalived.pid"))
			// Only while it is still this daemon: on a busy machine its
			// pid may be another process's once it has exited.
			t.Cleanup(func() {
				if comm(pid) == "keepalived" {
					syscall.Kill(pid, syscall.SIGKILL)
				}
			})
			if sid, err := unix.Getsid(pid); err != nil || sid != pid {
				t.Errorf("the daemon (%d) is not a session leader: sid %d, %v", pid, sid, err)
			}
			waitFor(t, 20*time.Second, "MASTER", func() bool { return hasAddr(t, l.a, vip) })

			again := startKA(t, c.name+" again", bx, p.conf("A", addrA, addrB, 150, ""), kaOpts{bin: c.bin, args: []string{}, syslog: true})
			select {
			case <-again.done:
				if again.err != nil {
					t.Errorf("second start: %v", again.err)
				}
			case <-time.After(10 * time.Second):
				t.Fatal("the second start did not return")
			}
			waitFor(t, 5*time.Second, "daemon is already running", func() bool { return again.logged("daemon is already running") })

			syscall.Kill(pid, syscall.SIGTERM)
			waitFor(t, 10*time.Second, "the daemon's exit", func() bool { return syscall.Kill(pid, 0) != nil })
			if hasAddr(t, l.a, vip) {
				t.Error("VIP left after SIGTERM")
			}
			if f := runFiles(bx); slices.Contains(f, "keepalived.pid") || slices.Contains(f, "vrrp.pid") {
				t.Errorf("pidfiles left: %v", f)
			}
		})
	}
}

// TestE2EKeepalivedSubsystems compares which pidfiles and addresses
// hakeep's keepalived and the real one leave with -P (VRRP only), -C
// (checkers only: no VRRP instance runs) and -p/-r (named pidfiles).
func TestE2EKeepalivedSubsystems(t *testing.T) {
	needLab(t)
	bin := ours(t)
	for _, c := range []struct {
		name string
		args []string
		vip  bool
	}{
		{"-P", []string{"-n", "-P"}, true},
		{"-C", []string{"-n", "-C"}, false},
		{"-p -r", []string{"-n", "-p", "/run/main.pid", "-r", "/run/v.pid"}, true},
	} {
		t.Run(c.name, func(t *testing.T) {
			var files [2][]string
			for i, b := range []string{"", bin} {
				l := newLab(t)
				bx := newBox(t, l.a)
				p := pair{version: 2, advert: "1", vrid: 94}
				k := startKA(t, "run", bx, p.conf("A", addrA, addrB, 150, ""), kaOpts{bin: b, args: c.args, syslog: true})
				waitFor(t, 10*time.Second, "the start", func() bool {
					return k.logged("Startup complete") || k.logged("Warning - keepalived has no configuration to run")
				})
				time.Sleep(5 * time.Second)
				if hasAddr(t, l.a, vip) != c.vip {
					t.Errorf("impl %d: VIP present %v, want %v", i, !c.vip, c.vip)
				}
				files[i] = runFiles(bx)
				if err := k.stop(10 * time.Second); err != nil {
					t.Errorf("exit: %v", err)
				}
			}
			if strings.Join(files[0], " ") != strings.Join(files[1], " ") {
				t.Errorf("/run: real %v, ours %v", files[0], files[1])
			}
		})
	}
}

// dumpMasks hide what differs between two runs of the same
// configuration: times, sockets, the lab's MAC and link-local addresses.
var dumpMasks = []*regexp.Regexp{
	regexp.MustCompile(`\d{10}\.\d{1,6}( \([^)]*\))?`),
	regexp.MustCompile(`fd_in \d+, fd_out \d+`),
	regexp.MustCompile(`fd_in \d+ fd_out = \d+`),
	regexp.MustCompile(`([0-9a-f]{2}:){5}[0-9a-f]{2}`),
	regexp.MustCompile(`fe80::[0-9a-f:]+`),
	regexp.MustCompile(`"(advert_sent|advert_rcvd)":\d+`),
	regexp.MustCompile(`(?m)^ {4}Sent: \d+$`),
	regexp.MustCompile(`Last checked .*`),
}

func maskDump(s string) string {
	for _, re := range dumpMasks {
		s = re.ReplaceAllString(s, "<masked>")
	}
	return s
}

// TestE2EKeepalivedDumps writes the SIGUSR1, SIGUSR2 and JSON dumps of
// hakeep's keepalived and of the real one for the same configuration and
// state, and compares them line by line (times, socket numbers, MAC and
// link-local addresses, and counters that depend on timing masked).
// keepalived shares one socket between instances of an interface;
// hakeep gives each instance its own, which only shows when several
// instances share an interface (not here).
func TestE2EKeepalivedDumps(t *testing.T) {
	needLab(t)
	bin := ours(t)
	conf := `global_defs {
	router_id dumps
	vrrp_garp_master_delay 2
}
vrrp_script chk {
	script "/bin/true"
	interval 1
	weight 10
}
vrrp_instance VI_1 {
	interface eth0
	state MASTER
	virtual_router_id 95
	priority 150
	advert_int 1
	authentication {
		auth_type PASS
		auth_pass secret
	}
	virtual_ipaddress {
		10.77.0.100/24
		10.77.0.101 label eth0:v
	}
	track_script {
		chk
	}
	notify "/bin/echo"
}
`
	files := []string{"keepalived.data", "keepalived_parent.data", "keepalived.stats", "keepalived.json"}
	var out [2]map[string]string
	for i, b := range []string{"", bin} {
		l := newLab(t)
		bx := newBox(t, l.a)
		k := startKA(t, "dumps", bx, conf, kaOpts{bin: b, args: []string{"-n", "-l"}})
		waitFor(t, 20*time.Second, "MASTER", func() bool { return hasAddr(t, l.a, vip) })
		time.Sleep(2 * time.Second)
		k.signal(syscall.SIGUSR1)
		k.signal(syscall.SIGUSR2)
		k.signal(syscall.Signal(36))
		out[i] = map[string]string{}
		waitFor(t, 10*time.Second, "the dump files", func() bool {
			for _, f := range files {
				data, err := os.ReadFile(bx.path("tmp/" + f))
				if err != nil || len(data) == 0 {
					return false
				}
				out[i][f] = string(data)
			}
			return true
		})
		time.Sleep(500 * time.Millisecond)
		for _, f := range files {
			data, _ := os.ReadFile(bx.path("tmp/" + f))
			out[i][f] = string(data)
		}
		k.stop(10 * time.Second)
	}
	for _, f := range files {
		real, ours := strings.Split(maskDump(out[0][f]), "\n"), strings.Split(maskDump(out[1][f]), "\n")
		for j := 0; j < len(real) || j < len(ours); j++ {
			var r, o string
			if j < len(real) {
				r = real[j]
			}
			if j < len(ours) {
				o = ours[j]
			}
			if r != o {
				t.Errorf("%s line %d\nreal %q\nours %q", f, j+1, r, o)
				break
			}
		}
	}
}
