package lvs_e2e

import (
	"errors"
	"fmt"
	"regexp"
	"sort"
	"strings"
	"testing"
	"time"

	"hakeep/e2e/harness"
	"hakeep/e2e/vm"
)

// The scenario's network, all inside the VM: the real servers are
// addresses of a "srv" namespace, the client is in a "cl" namespace, the
// VM routes between them and holds the virtual address on lo.
const scenarioNet = `set -e
IP=/usr/sbin/iproute-ip
$IP netns add srv
$IP netns add cl
$IP link add s1 type veth peer name s0
$IP link set s0 netns srv
$IP link add c1 type veth peer name c0
$IP link set c0 netns cl
$IP addr add 10.56.0.254/24 dev s1
$IP addr add 10.99.0.254/24 dev c1
$IP link set s1 up
$IP link set c1 up
$IP addr add 10.66.0.1/32 dev lo
echo 1 >/proc/sys/net/ipv4/ip_forward
for a in 1 2 3 4 5 7 9; do $IP -n srv addr add 10.56.0.$a/24 dev s0; done
$IP -n srv link set s0 up
$IP -n srv link set lo up
$IP -n srv route add default via 10.56.0.254
$IP -n cl addr add 10.99.0.1/24 dev c0
$IP -n cl link set c0 up
$IP -n cl route add default via 10.99.0.254
for s in 1 2 3 4 9; do mkdir -p /www/$s; echo server-$s >/www/$s/index.html; done
echo 0 >/tmp/track-6
`

// scenarioConf: three real servers of weights 1, 2 and 3 (the second
// with inhibit_on_failure, the third checked by HTTP_GET), quorum 2 with
// hysteresis 1, and a sorry server; a second virtual server with an
// HTTPS real server checked by SSL_GET and one whose MISC_CHECK script
// exits with the code /tmp/misc-5 holds (misc_dynamic: 0 up, 1 down,
// 2..255 up with weight code-2), one following the track file
// /tmp/track-6 (FILE_CHECK: 0 up, else down) and one answering pings
// while its address is up (PING_CHECK).
const scenarioConf = `global_defs {
    router_id scenario
}
track_file t6 {
    file /tmp/track-6
}
virtual_server 10.66.0.1 80 {
    delay_loop 2
    warmup 0
    lb_algo rr
    lb_kind NAT
    protocol TCP
    quorum 2
    hysteresis 1
    sorry_server 10.56.0.9 80
    real_server 10.56.0.1 80 {
        weight 1
        TCP_CHECK {
            connect_timeout 1
            retry 2
            delay_before_retry 1
        }
    }
    real_server 10.56.0.2 80 {
        weight 2
        inhibit_on_failure
        TCP_CHECK {
            connect_timeout 1
            retry 1
            delay_before_retry 1
        }
    }
    real_server 10.56.0.3 80 {
        weight 3
        HTTP_GET {
            url {
                path /index.html
                digest d5761af51c599fae8d6e57c43c1eab54
                status_code 200
            }
            connect_timeout 1
            retry 1
            delay_before_retry 1
        }
    }
}
virtual_server 10.66.0.1 443 {
    delay_loop 2
    warmup 0
    lb_algo wrr
    lb_kind NAT
    protocol TCP
    real_server 10.56.0.4 443 {
        weight 4
        SSL_GET {
            url {
                path /index.html
                digest 98c9c304e3ebb0d084fb9f71730227e1
            }
            connect_timeout 1
            retry 1
            delay_before_retry 1
        }
    }
    real_server 10.56.0.5 443 {
        weight 5
        MISC_CHECK {
            misc_path "/bin/sh -c 'exit $(cat /tmp/misc-5)'"
            misc_timeout 2
            misc_dynamic
            retry 1
            delay_before_retry 1
        }
    }
    real_server 10.56.0.6 443 {
        weight 6
        FILE_CHECK {
            track_file t6
        }
    }
    real_server 10.56.0.7 443 {
        weight 7
        PING_CHECK {
            connect_timeout 1
            retry 1
            delay_before_retry 1
        }
    }
}
`

// step is one change made to the back ends.
type step struct {
	what string
	sh   string
	// answers are the servers a client reaches through the virtual
	// server once the checkers have seen the change.
	answers string
}

func serverUp(n int) string {
	if n == 4 {
		return "nsenter --net=/run/netns/srv tlsweb -addr 10.56.0.4:443 -dir /www/4 & echo $! >/run/httpd-4.pid"
	}
	return fmt.Sprintf("nsenter --net=/run/netns/srv httpd -f -p 10.56.0.%d:80 -h /www/%d & echo $! >/run/httpd-%d.pid", n, n, n)
}

func serverDown(n int) string { return fmt.Sprintf("kill $(cat /run/httpd-%d.pid)", n) }

// miscExit sets the exit code of .5's MISC_CHECK script.
func miscExit(code int) string { return fmt.Sprintf("echo %d >/tmp/misc-5", code) }

// trackFile sets .6's track file.
func trackFile(v int) string { return fmt.Sprintf("echo %d >/tmp/track-6", v) }

// pingable adds or removes .7's address.
func pingable(up bool) string {
	if up {
		return "/usr/sbin/iproute-ip -n srv addr add 10.56.0.7/24 dev s0"
	}
	return "/usr/sbin/iproute-ip -n srv addr del 10.56.0.7/24 dev s0"
}

// scenarioSteps change port 80's servers one at a time and, in the same
// steps, port 443's; answers are port 80's.
func scenarioSteps() []step {
	lines := func(l ...string) string { return strings.Join(l, "\n") }
	return []step{
		{"all up", lines(serverUp(1), serverUp(2), serverUp(3), serverUp(9), serverUp(4), miscExit(0)), "server-1 server-2 server-3"},
		{".1 stops: removed after its two retries; .5's script exits 9: weight 7; .6's track file 1: down",
			lines(serverDown(1), miscExit(9), trackFile(1)), "server-2 server-3"},
		{".2 stops: weight 0 (inhibit_on_failure); .4's HTTPS server stops (SSL_GET); .7 stops answering pings",
			lines(serverDown(2), serverDown(4), pingable(false)), "server-3"},
		{".3 stops: quorum lost, sorry server in; .5's script exits 1: down", lines(serverDown(3), miscExit(1)), "server-9"},
		{".1 back: weight 1 is below quorum+hysteresis, the sorry server stays; .4 back; .6's track file 0",
			lines(serverUp(1), serverUp(4), trackFile(0)), "server-9"},
		{".2 back: quorum gained, sorry server out; .5's script exits 0; .7 answers pings again",
			lines(serverUp(2), miscExit(0), pingable(true)), "server-1 server-2"},
		{".3 back", serverUp(3), "server-1 server-2 server-3"},
	}
}

// phase is what one step led to.
type phase struct {
	table string
	// answers are which servers answered the client, sorted.
	answers string
}

// checkerLine keeps the log lines about the virtual and real servers.
var checkerLine = regexp.MustCompile(`service|quorum|sorry|healthchecker|Remote Web|TCP|HTTP|SSL|MD5|pool|Misc|SMTP|DNS|UDP|ICMP`)

// runScenario plays the steps against k and returns each phase and the
// checker log.
func runScenario(t *testing.T, base []vm.File, k impl) ([]phase, []string, error) {
	g := bootGuest(t, base, vm.File{Guest: "/etc/keepalived/keepalived.conf", Data: []byte(scenarioConf)},
		vm.File{Host: harness.NeedCmd(t, "ip"), Guest: "/usr/sbin/iproute-ip"},
		vm.File{Host: staticBuild(t, "./e2e/lvs/internal/tlsweb"), Guest: "/usr/bin/tlsweb"})
	defer g.close()
	g.sh(scenarioNet)
	var phases []phase
	for i, s := range scenarioSteps() {
		g.sh(s.sh)
		if i == 0 {
			// Every back end listens before keepalived starts (tlsweb
			// makes its key first).
			g.sh(`for i in $(seq 150); do
[ $(nsenter --net=/run/netns/srv cat /proc/net/tcp | awk '$4 == "0A"' | wc -l) -ge 5 ] && exit 0
usleep 200000; done; echo the back ends do not listen; exit 1`)
			// The phases are about the checkers: the first starts once
			// keepalived has programmed IPVS.
			t0 := time.Now()
			g.start(k, "")
			for g.err == nil && time.Since(t0) < time.Minute && !strings.Contains(g.sh("ipvsadm -Ln"), "\nTCP ") {
				time.Sleep(250 * time.Millisecond)
			}
			t.Logf("%s: IPVS programmed %v after the start", k.name, time.Since(t0).Round(10*time.Millisecond))
		}
		phases = append(phases, settleTable(g))
	}
	logs := g.logLines()
	g.stop()
	if g.err != nil {
		return nil, nil, fmt.Errorf("%s: %w", k.name, g.err)
	}
	return phases, byServer(logs), nil
}

// withoutCounters drops the ActiveConn and InActConn columns of ipvsadm
// -Ln: the client's earlier connections linger there until their TCP
// timeouts expire, at times no step decides (who answers is compared
// instead).
func withoutCounters(out string) string {
	lines := strings.Split(out, "\n")
	for i, l := range lines {
		if f := strings.Fields(l); strings.HasPrefix(l, "  -> ") && len(f) == 6 {
			lines[i] = "  " + strings.Join(f[:4], " ")
		}
	}
	return strings.Join(lines, "\n")
}

// firstAddr is the first address in brackets of a log line, with the
// protocol and port that follow it.
var firstAddr = regexp.MustCompile(`\[(\[?[0-9a-f.:]+)\](:[a-z]+:[0-9]+)?`)

// byServer keeps the checker lines of log, grouped by the server they
// are about (the first address they name: a real server, else the
// virtual server), each group in its order. Two servers that change in
// the same step are checked independently, so the order of their lines
// between each other is a race; each one's own lines are not.
func byServer(log []string) []string {
	groups := map[string][]string{}
	for _, l := range log {
		if !checkerLine.MatchString(l) {
			continue
		}
		key := ""
		if m := firstAddr.FindStringSubmatch(l); m != nil {
			key = m[1] + m[2]
		}
		groups[key] = append(groups[key], l)
	}
	keys := make([]string, 0, len(groups))
	for k := range groups {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	var out []string
	for _, k := range keys {
		out = append(out, groups[k]...)
	}
	return out
}

// settleTable waits at least 8 s after a step, then until ipvsadm -Ln has
// not changed for 4 s (at most 40 s), and asks the virtual server who
// answers.
func settleTable(g *guest) phase {
	start := time.Now()
	var last string
	lastChange := time.Now()
	for g.err == nil && time.Since(start) < 40*time.Second {
		cur := canonicalList(withoutCounters(g.sh("ipvsadm -Ln")))
		if cur != last {
			last, lastChange = cur, time.Now()
		}
		if time.Since(start) >= 8*time.Second && time.Since(lastChange) >= 4*time.Second {
			break
		}
		time.Sleep(500 * time.Millisecond)
	}
	// Twelve requests: with rr, every live server of weight > 0 answers.
	// (busybox's static wget crashes in the guest; nc does the job.)
	out := g.sh(`for i in $(seq 12); do
a=$(printf 'GET /index.html HTTP/1.0\r\n\r\n' | nsenter --net=/run/netns/cl nc -w 2 10.66.0.1 80 | tail -n 1)
echo "${a:-failed}"
done`)
	seen := map[string]bool{}
	for _, l := range strings.Fields(out) {
		seen[l] = true
	}
	var answers []string
	for a := range seen {
		answers = append(answers, a)
	}
	sort.Strings(answers)
	return phase{table: last, answers: strings.Join(answers, " ")}
}

// TestE2ELVSCheckerScenario: back ends in a namespace inside the VM stop
// and start again; keepalived 2.2.7 and hakeep's, side by side on two
// boots, go through the same IPVS tables and log the same checker lines
// (a real server removed after exactly its retries, set to weight 0 under
// inhibit_on_failure, back when it recovers; quorum lost and gained with
// hysteresis; the sorry server in and out), and a client through IPVS NAT
// reaches only the live servers (each step's expected answers).
func TestE2ELVSCheckerScenario(t *testing.T) {
	base := guestFiles(t)
	harness.NeedCmd(t, "ip")
	staticBuild(t, "./e2e/lvs/internal/tlsweb")
	var ref, got []phase
	var refLog, gotLog []string
	err := errors.Join(inParallel(func() (err error) {
		ref, refLog, err = runScenario(t, base, impls()[0])
		return err
	}, func() (err error) {
		got, gotLog, err = runScenario(t, base, impls()[1])
		return err
	})...)
	if err != nil {
		t.Fatal(err)
	}
	steps := scenarioSteps()
	passed, failed := 0, 0
	for i, s := range steps {
		switch {
		case ref[i] != got[i]:
			failed++
			t.Errorf("after %q:\nkeepalived 2.2.7:\n%s\nanswers: %s\nhakeep:\n%s\nanswers: %s", s.what,
				ref[i].table, ref[i].answers, got[i].table, got[i].answers)
		case ref[i].answers != s.answers:
			failed++
			t.Errorf("after %q: both answered %q, want %q:\n%s", s.what, ref[i].answers, s.answers, ref[i].table)
		default:
			passed++
			t.Logf("after %q: answers %s\n%s", s.what, ref[i].answers, ref[i].table)
		}
	}
	if strings.Join(refLog, "\n") != strings.Join(gotLog, "\n") {
		failed++
		t.Errorf("checker log:\nkeepalived 2.2.7:\n  %s\nhakeep:\n  %s", strings.Join(refLog, "\n  "), strings.Join(gotLog, "\n  "))
	} else {
		passed++
		t.Logf("checker log:\n  %s", strings.Join(refLog, "\n  "))
	}
	t.Logf("%d passed, %d failed", passed, failed)
}
