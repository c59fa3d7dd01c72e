package lvs_e2e

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"

	"hakeep/e2e/harness"
	"hakeep/e2e/vm"
	"hakeep/keepalived/config"
	"hakeep/keepalived/lvsmap"
)

// diffCase is one configuration both keepalived run.
type diffCase struct {
	name string
	conf []byte
	// setup runs in the guest before keepalived starts (addresses, back
	// ends).
	setup string
}

// snapshot is what a keepalived left in IPVS.
type snapshot struct {
	list, persistent, timeout, afterStop string
}

// settle is how long the checkers of conf take to reach their first
// verdicts: the bootstrap second, the warmup, and every retry of a
// failing checker with its timeout, plus a margin.
func settle(t *testing.T, conf []byte) time.Duration {
	t.Helper()
	res := config.LoadSource("keepalived.conf", conf, config.Options{})
	if res.Config == nil {
		return 10 * time.Second
	}
	m := lvsmap.Map(res.Config)
	longest := time.Duration(0)
	for _, vs := range m.Config.VirtualServers {
		for _, rs := range vs.RealServers {
			for _, ck := range rs.Checkers {
				d := time.Second + ck.Warmup + time.Duration(ck.Retry+2)*(ck.DelayBeforeRetry+ck.Conn.Timeout)
				longest = max(longest, d)
			}
		}
	}
	return min(max(longest+3*time.Second, 6*time.Second), 120*time.Second)
}

// canonicalList sorts the service blocks of ipvsadm -Ln, whose order is
// the kernel's hash table's (seeded at boot); destinations keep their
// order, which is the order keepalived added them in.
func canonicalList(out string) string {
	lines := strings.Split(strings.TrimRight(out, "\n"), "\n")
	var head []string
	var blocks []string
	for _, l := range lines {
		switch {
		case strings.HasPrefix(l, "  ->") && len(blocks) > 0:
			blocks[len(blocks)-1] += "\n" + l
		case strings.HasPrefix(l, "TCP") || strings.HasPrefix(l, "UDP") || strings.HasPrefix(l, "SCTP") || strings.HasPrefix(l, "FWM"):
			blocks = append(blocks, l)
		default:
			head = append(head, l)
		}
	}
	sort.Strings(blocks)
	return strings.Join(append(head, blocks...), "\n")
}

// run runs k on c in a fresh VM and takes the snapshot.
func run(t *testing.T, base []vm.File, c diffCase, k impl, wait time.Duration) (snapshot, []string, error) {
	g := bootGuest(t, base, vm.File{Guest: "/etc/keepalived/keepalived.conf", Data: c.conf})
	defer g.close()
	if c.setup != "" {
		g.sh(c.setup)
	}
	// Both run their checker side only (-C): the comparison is about
	// IPVS, and hakeep's VRRP side does not start in this guest (its
	// kernel lacks what the VRRP engine's netlink set-up asks for).
	args := ""
	if regexp.MustCompile(`(?m)^\s*vrrp_instance\s`).Match(c.conf) {
		args = "-C"
	}
	g.start(k, args)
	if g.err == nil {
		time.Sleep(wait)
	}
	s := snapshot{
		list:       canonicalList(g.sh("ipvsadm -Ln")),
		persistent: g.sh("ipvsadm -Ln --persistent-conn --sort"),
		timeout:    g.sh("ipvsadm -Ln --timeout"),
	}
	logs := g.logLines()
	g.stop()
	s.afterStop = canonicalList(g.sh("ipvsadm -Ln"))
	if g.err != nil {
		return s, logs, fmt.Errorf("%s, %s: %w", c.name, k.name, g.err)
	}
	return s, logs, nil
}

// Timers capped for the VM runs: what IPVS holds once the checkers have
// reached their verdicts does not depend on how long they took, and
// keepalived's defaults (delay_loop 60 s, a warmup of up to the delay
// loop) would have each run wait minutes. The cap applies to both
// keepalived alike; the checkers' timing itself is what
// TestE2ELVSCheckerScenario compares.
var timerCaps = map[string]float64{
	"delay_loop": 2, "warmup": 1, "delay_before_retry": 1, "connect_timeout": 1, "misc_timeout": 3,
}

var (
	timerLine = regexp.MustCompile(`(?m)^(\s*(delay_loop|warmup|delay_before_retry|connect_timeout|misc_timeout)\s+)([0-9]+(?:\.[0-9]+)?)([ \t]*(?:[#!].*)?)$`)
	vsOpen    = regexp.MustCompile(`(?m)^(\s*virtual_server\s+[^{\n]*\{[ \t]*)$`)
)

// quicken caps the timers of conf (timerCaps), giving each
// virtual_server a delay_loop of 2 s in front of its own: a later
// delay_loop in the block overrides it, as keepalived reads the last one.
func quicken(conf []byte) []byte {
	conf = timerLine.ReplaceAllFunc(conf, func(l []byte) []byte {
		m := timerLine.FindSubmatch(l)
		v, err := strconv.ParseFloat(string(m[3]), 64)
		limit := timerCaps[string(m[2])]
		if err != nil || v <= limit {
			return l
		}
		return []byte(string(m[1]) + strconv.FormatFloat(limit, 'f', -1, 64) + string(m[4]))
	})
	return vsOpen.ReplaceAll(conf, []byte("$1\n    delay_loop 2"))
}

// lvsConfigs are the configurations under testdata/keepalived (and its
// lvs/ folder) with virtual servers.
func lvsConfigs(t *testing.T) []diffCase {
	root := harness.RepoRoot(t)
	var out []diffCase
	for _, pat := range []string{"testdata/keepalived/*.conf", "testdata/keepalived/lvs/*.conf"} {
		files, _ := filepath.Glob(filepath.Join(root, pat))
		for _, f := range files {
			b, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			if !regexp.MustCompile(`(?m)^\s*virtual_server\s`).Match(b) {
				continue
			}
			rel, _ := filepath.Rel(filepath.Join(root, "testdata/keepalived"), f)
			out = append(out, diffCase{name: rel, conf: b, setup: setupFor(b)})
		}
	}
	return out
}

// setupFor reads "# setup: <sh>" lines from a configuration: what the
// guest needs before keepalived starts.
func setupFor(conf []byte) string {
	var sh []string
	for _, m := range regexp.MustCompile(`(?m)^# setup: (.*)$`).FindAllSubmatch(conf, -1) {
		sh = append(sh, string(m[1]))
	}
	return strings.Join(sh, "\n")
}

// seedCases are the shared LVS-DR seeds with 192.168.88.0/24 moved to
// 10.88.0.0/24 inside the VM: the real servers are addresses of its
// dummy eth0, .83 with a web server, .84 with none.
func seedCases(t *testing.T) []diffCase {
	var out []diffCase
	for _, name := range []string{"keepalived-lvs-dr-master.conf", "keepalived-lvs-dr-backup.conf"} {
		b, err := os.ReadFile(filepath.Join(harness.SharedDir(t), "seeds", name))
		if err != nil {
			t.Fatal(err)
		}
		b = []byte(strings.ReplaceAll(string(b), "192.168.88.", "10.88.0."))
		out = append(out, diffCase{name: "seeds/" + name, conf: b, setup: "ip addr add 10.88.0.83/24 dev eth0\n" +
			"ip addr add 10.88.0.84/24 dev eth0\nmkdir -p /www && echo ok >/www/index.html\nhttpd -p 10.88.0.83:80 -h /www"})
	}
	return out
}

// TestE2ELVSDifferential: for every configuration with virtual servers,
// Debian's keepalived 2.2.7 and hakeep's, each on a fresh boot, leave the
// same IPVS table once their checkers have settled (ipvsadm -Ln,
// --persistent-conn --sort, --timeout), and the same (empty) one once
// stopped with SIGTERM.
func TestE2ELVSDifferential(t *testing.T) {
	harness.NeedRoot(t)
	harness.NeedCmd(t, "keepalived")
	cases := append(lvsConfigs(t), seedCases(t)...)
	if f := os.Getenv("LVS_CASE"); f != "" {
		var kept []diffCase
		for _, c := range cases {
			if strings.Contains(c.name, f) {
				kept = append(kept, c)
			}
		}
		cases = kept
	}
	base := guestFiles(t)
	type result struct {
		snap snapshot
		log  []string
	}
	res := make([][2]result, len(cases))
	var jobs []func() error
	for i, c := range cases {
		c.conf = quicken(c.conf)
		wait := settle(t, c.conf)
		for j, k := range impls() {
			jobs = append(jobs, func() error {
				var err error
				res[i][j].snap, res[i][j].log, err = run(t, base, c, k, wait)
				return err
			})
		}
	}
	errs := inParallel(jobs...)
	same, differ := 0, 0
	for i, c := range cases {
		ok := t.Run(c.name, func(t *testing.T) {
			if err := errors.Join(errs[2*i], errs[2*i+1]); err != nil {
				t.Fatal(err)
			}
			ref, got := res[i][0].snap, res[i][1].snap
			t.Logf("waited %v for the checkers; keepalived 2.2.7's table:\n%s", settle(t, quicken(c.conf)), ref.list)
			for _, f := range []struct{ what, ref, got string }{
				{"ipvsadm -Ln", ref.list, got.list},
				{"ipvsadm -Ln --persistent-conn --sort", ref.persistent, got.persistent},
				{"ipvsadm -Ln --timeout", ref.timeout, got.timeout},
				{"ipvsadm -Ln after SIGTERM", ref.afterStop, got.afterStop},
			} {
				if f.ref != f.got {
					t.Errorf("%s:\nkeepalived 2.2.7:\n%s\nhakeep:\n%s", f.what, f.ref, f.got)
				}
			}
			if t.Failed() {
				t.Logf("keepalived 2.2.7 log:\n%s\nhakeep log:\n%s", strings.Join(res[i][0].log, "\n"), strings.Join(res[i][1].log, "\n"))
			}
		})
		if ok {
			same++
		} else {
			differ++
		}
	}
	t.Logf("%d passed, %d failed", same, differ)
}
