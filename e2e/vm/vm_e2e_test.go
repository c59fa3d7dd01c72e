package vm

import (
	"context"
	"strings"
	"testing"
	"time"
)

func TestE2EBoot(t *testing.T) {
	m, err := Boot(t, Options{Files: []File{{Host: "/usr/sbin/ipvsadm"}}})
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("kernel %s booted, command channel ready in %v", m.Kernel(), m.BootTime())

	if got := strings.TrimSpace(m.MustRun(t, "uname -r")); got != m.Kernel() {
		t.Errorf("uname -r = %q, want %q", got, m.Kernel())
	}
	// ip_vs and a scheduler are loaded, with their dependencies.
	mods := m.MustRun(t, "cat /proc/modules")
	for _, want := range []string{"ip_vs ", "ip_vs_rr ", "nf_conntrack ", "libcrc32c ", "dummy "} {
		if !strings.Contains(mods, want) {
			t.Errorf("/proc/modules lacks %q:\n%s", want, mods)
		}
	}
	if out := m.MustRun(t, "ip -o link show eth0"); !strings.Contains(out, "MULTICAST") || !strings.Contains(out, ",UP") {
		t.Errorf("eth0 is not up with multicast: %q", out)
	}
	// The guest has no network device but lo and the dummy eth0.
	if out := m.MustRun(t, "ls /sys/class/net | sort | tr '\\n' ' '"); out != "eth0 lo " {
		t.Errorf("network devices = %q, want only eth0 and lo", out)
	}

	// ipvsadm runs with its shared libraries and talks to the kernel.
	m.MustRun(t, "ipvsadm -A -t 10.0.0.1:80 -s rr && ipvsadm -a -t 10.0.0.1:80 -r 10.0.0.2:80 -m")
	out := m.MustRun(t, "ipvsadm -Ln")
	if !strings.Contains(out, "TCP  10.0.0.1:80 rr") || !strings.Contains(out, "-> 10.0.0.2:80") {
		t.Errorf("ipvsadm -Ln:\n%s", out)
	}

	// Exit status and exact bytes come back, stderr included.
	r, err := m.Run(context.Background(), "printf 'a\\001\\r\\nb'; echo err >&2; exit 3")
	if err != nil {
		t.Fatal(err)
	}
	if r.Code != 3 || string(r.Output) != "a\x01\r\nberr\n" {
		t.Errorf("got code %d output %q", r.Code, r.Output)
	}
	// A background process outlives its command and does not hold the reply.
	m.MustRun(t, "(sleep 1; echo late > /tmp/late) & echo started")
	time.Sleep(1500 * time.Millisecond)
	if out := m.MustRun(t, "cat /tmp/late"); out != "late\n" {
		t.Errorf("background output = %q", out)
	}
	// A command past its deadline is killed in the guest and the channel
	// stays usable.
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
	defer cancel()
	start := time.Now()
	r, err = m.Run(ctx, "sleep 30")
	if err != nil {
		t.Fatal(err)
	}
	if r.Code == 0 || time.Since(start) > 10*time.Second {
		t.Errorf("sleep 30 with a 2s deadline: code %d after %v", r.Code, time.Since(start))
	}
	if out := m.MustRun(t, "echo still here"); out != "still here\n" {
		t.Errorf("after a timeout: %q", out)
	}
}
