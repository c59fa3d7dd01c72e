package lvs_e2e

import (
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"hakeep/e2e/harness"
	"hakeep/e2e/vm"
)

// reloadBefore and reloadAfter: the reload keeps 10.67.0.1:80 with one
// real server changed in weight, one removed and one added (a live one
// kept with its state), changes 10.67.0.2's scheduler and persistence,
// drops 10.67.0.3, adds 10.67.0.4, and moves an entry out of a group.
const reloadBefore = `virtual_server_group G {
    10.67.1.1 80
    10.67.1.2 80
}
virtual_server 10.67.0.1 80 {
    delay_loop 2
    warmup 0
    lb_algo wrr
    lb_kind NAT
    protocol TCP
    real_server 10.57.0.1 80 {
        weight 1
        TCP_CHECK {
            connect_timeout 1
        }
    }
    real_server 10.57.0.2 80 {
        weight 2
        TCP_CHECK {
            connect_timeout 1
        }
    }
    real_server 10.57.0.3 80 {
        weight 3
    }
}
virtual_server 10.67.0.2 80 {
    lb_algo rr
    lb_kind DR
    protocol TCP
    real_server 10.57.0.4 80 {
    }
}
virtual_server 10.67.0.3 80 {
    lb_algo rr
    protocol TCP
    real_server 10.57.0.5 80 {
    }
}
virtual_server group G {
    lb_algo rr
    lb_kind DR
    protocol TCP
    real_server 10.57.0.6 80 {
    }
}
`

const reloadAfter = `virtual_server_group G {
    10.67.1.1 80
    10.67.1.3 80
}
virtual_server 10.67.0.1 80 {
    delay_loop 2
    warmup 0
    lb_algo wrr
    lb_kind NAT
    protocol TCP
    real_server 10.57.0.1 80 {
        weight 5
        TCP_CHECK {
            connect_timeout 1
        }
    }
    real_server 10.57.0.3 80 {
        weight 3
    }
    real_server 10.57.0.7 80 {
        weight 7
    }
}
virtual_server 10.67.0.2 80 {
    lb_algo wlc
    lb_kind DR
    protocol TCP
    persistence_timeout 50
    real_server 10.57.0.4 80 {
    }
}
virtual_server 10.67.0.4 80 {
    lb_algo rr
    protocol TCP
    real_server 10.57.0.8 80 {
    }
}
virtual_server group G {
    lb_algo rr
    lb_kind DR
    protocol TCP
    real_server 10.57.0.6 80 {
    }
}
`

// reloadLine keeps the log lines a reload writes about servers.
func reloadLines(log []string) []string {
	var out []string
	for _, l := range log {
		if checkerLine.MatchString(l) || strings.Contains(l, "Virtual Server") || strings.Contains(l, "no longer exist") ||
			strings.Contains(l, "in group") || strings.Contains(l, "weight") {
			out = append(out, l)
		}
	}
	return out
}

// TestE2ELVSReload: keepalived 2.2.7 and hakeep's, started with -I, are
// reloaded (SIGHUP) from one configuration to another and then stopped
// (SIGTERM); IPVS holds the same tables after the start and after the
// reload, both leave IPVS programmed when stopped under -I, and they log
// the same lines about what the reload added, changed and removed.
func TestE2ELVSReload(t *testing.T) {
	harness.NeedRoot(t)
	harness.NeedCmd(t, "keepalived")
	type result struct {
		before, after, stopped string
		log                    []string
	}
	base := guestFiles(t)
	run := func(k impl, r *result) error {
		g := bootGuest(t, base, vm.File{Guest: "/etc/keepalived/keepalived.conf", Data: []byte(reloadBefore)})
		defer g.close()
		// 10.57.0.1 answers its checks, 10.57.0.2 does not.
		g.sh("ip addr add 10.57.0.1/24 dev eth0\nmkdir -p /www && echo ok >/www/index.html\nhttpd -p 10.57.0.1:80 -h /www")
		g.start(k, "-I")
		if g.err == nil {
			time.Sleep(8 * time.Second)
		}
		r.before = canonicalList(g.sh("ipvsadm -Ln"))
		g.sh("cat >/etc/keepalived/keepalived.conf <<'EOF'\n" + reloadAfter + "EOF\nkill -HUP $(cat /run/keepalived/job.pid)")
		if g.err == nil {
			time.Sleep(8 * time.Second)
		}
		r.after = canonicalList(g.sh("ipvsadm -Ln"))
		r.log = reloadLines(g.logLines())
		g.stop()
		r.stopped = canonicalList(g.sh("ipvsadm -Ln"))
		if g.err != nil {
			return fmt.Errorf("%s: %w", k.name, g.err)
		}
		return nil
	}
	var ref, got result
	if err := errors.Join(inParallel(func() error { return run(impls()[0], &ref) }, func() error { return run(impls()[1], &got) })...); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct{ what, ref, got string }{
		{"after the start", ref.before, got.before},
		{"after the reload", ref.after, got.after},
		{"after SIGTERM with -I", ref.stopped, got.stopped},
		{"log", strings.Join(ref.log, "\n"), strings.Join(got.log, "\n")},
	} {
		if c.ref != c.got {
			t.Errorf("%s:\nkeepalived 2.2.7:\n%s\nhakeep:\n%s", c.what, c.ref, c.got)
		} else {
			t.Logf("%s:\n%s", c.what, c.ref)
		}
	}
}
