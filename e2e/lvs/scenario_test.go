package lvs_e2e

import (
	"context"
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
for a in 1 2 3 9; do $IP -n srv addr add 10.56.0.$a/24 dev s0; done
$IP -n srv link set s0 up
$IP -n srv link set lo up
$IP -n srv route add default via 10.56.0.254
$IP -n cl addr add 10.99.0.1/24 dev c0
$IP -n cl link set c0 up
$IP -n cl route add default via 10.99.0.254
for s in 1 2 3 9; do mkdir -p /www/$s; echo server-$s >/www/$s/index.html; done
`

// scenarioConf: three real servers of weights 1, 2 and 3 (the second
// with inhibit_on_failure, the third checked by HTTP_GET), quorum 2 with
// hysteresis 1, and a sorry server.
const scenarioConf = `global_defs {
    router_id scenario
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
`

// step is one change made to the back ends.
type step struct {
	what string
	sh   string
}

func serverUp(n int) string {
	return fmt.Sprintf("nsenter --net=/run/netns/srv httpd -f -p 10.56.0.%d:80 -h /www/%d & echo $! >/run/httpd-%d.pid", n, n, n)
}

func serverDown(n int) string { return fmt.Sprintf("kill $(cat /run/httpd-%d.pid)", n) }

func scenarioSteps() []step {
	return []step{
		{"all up", serverUp(1) + "\n" + serverUp(2) + "\n" + serverUp(3) + "\n" + serverUp(9)},
		{".1 stops: removed after its two retries", serverDown(1)},
		{".2 stops: weight 0 (inhibit_on_failure)", serverDown(2)},
		{".3 stops: quorum lost, sorry server in", serverDown(3)},
		{".1 back: weight 1 is below quorum+hysteresis, the sorry server stays", serverUp(1)},
		{".2 back: quorum gained, sorry server out", serverUp(2)},
		{".3 back", serverUp(3)},
	}
}

// phase is what one step led to.
type phase struct {
	table string
	// answers are which servers answered the client, sorted.
	answers string
}

// checkerLine keeps the log lines about the virtual and real servers.
var checkerLine = regexp.MustCompile(`service|quorum|sorry|healthchecker|Remote Web|TCP|HTTP|MD5|pool|Misc|SMTP|DNS|UDP|ICMP`)

// runScenario plays the steps against k and returns each phase and the
// checker log.
func runScenario(t *testing.T, k impl) ([]phase, []string) {
	t.Helper()
	harness.NeedCmd(t, "ip")
	m := boot(t, vm.File{Guest: "/etc/keepalived/keepalived.conf", Data: []byte(scenarioConf)},
		vm.File{Host: harness.NeedCmd(t, "ip"), Guest: "/usr/sbin/iproute-ip"})
	m.MustRun(t, scenarioNet)
	var phases []phase
	started := false
	for _, s := range scenarioSteps() {
		m.MustRun(t, s.sh)
		if !started {
			start(t, m, k, "")
			started = true
		}
		phases = append(phases, settleTable(t, m))
	}
	logs := logLines(t, m)
	stop(t, m)
	var out []string
	for _, l := range logs {
		if checkerLine.MatchString(l) {
			out = append(out, l)
		}
	}
	return phases, out
}

// settleTable waits at least 8 s after a step, then until ipvsadm -Ln has
// not changed for 4 s (at most 40 s), and asks the virtual server who
// answers.
func settleTable(t *testing.T, m *vm.Machine) phase {
	t.Helper()
	start := time.Now()
	var last string
	lastChange := time.Now()
	for time.Since(start) < 40*time.Second {
		cur := canonicalList(m.MustRun(t, "ipvsadm -Ln"))
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
	r, err := m.Run(context.Background(), `for i in $(seq 12); do
a=$(printf 'GET /index.html HTTP/1.0\r\n\r\n' | nsenter --net=/run/netns/cl nc -w 2 10.66.0.1 80 | tail -n 1)
echo "${a:-failed}"
done`)
	if err != nil {
		t.Fatal(err)
	}
	seen := map[string]bool{}
	for _, l := range strings.Fields(string(r.Output)) {
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
// and start again; keepalived 2.2.7 and hakeep's go through the same IPVS
// tables and log the same checker lines (a real server removed after
// exactly its retries, set to weight 0 under inhibit_on_failure, back when
// it recovers; quorum lost and gained with hysteresis; the sorry server in
// and out), and a client through IPVS NAT reaches only the live servers.
func TestE2ELVSCheckerScenario(t *testing.T) {
	harness.NeedRoot(t)
	harness.NeedCmd(t, "keepalived")
	refPhases, refLog := runScenario(t, impls()[0])
	gotPhases, gotLog := runScenario(t, impls()[1])
	steps := scenarioSteps()
	passed, failed := 0, 0
	for i := range steps {
		if refPhases[i] != gotPhases[i] {
			failed++
			t.Errorf("after %q:\nkeepalived 2.2.7:\n%s\nanswers: %s\nhakeep:\n%s\nanswers: %s", steps[i].what,
				refPhases[i].table, refPhases[i].answers, gotPhases[i].table, gotPhases[i].answers)
		} else {
			passed++
			t.Logf("after %q: answers %s\n%s", steps[i].what, refPhases[i].answers, refPhases[i].table)
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
