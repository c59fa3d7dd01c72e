package ipvs_e2e

import (
	"bytes"
	"encoding/hex"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"hakeep/e2e/harness"
	"hakeep/e2e/vm"
)

// goldenOps are the ipvsadm invocations whose netlink traffic is captured
// into ipvs/testdata/golden, in this order (each sees the state the ones
// before it left). The ipvs package's golden test replays each file
// against the client; keep names stable.
func goldenOps() []struct{ name, cmd string } {
	return []struct{ name, cmd string }{
		{"flush", "ipvsadm -C"},
		// Sync daemons first: the kernel refuses them once a service has a
		// destination of the other address family (err-daemon-mixed-af).
		{"daemon-start-master", "ipvsadm --start-daemon master --mcast-interface eth0 --syncid 7"},
		{"daemon-start-backup", "ipvsadm --start-daemon backup --mcast-interface eth0 --syncid 8 --sync-maxlen 1400 --mcast-group 224.0.0.81 --mcast-port 8848 --mcast-ttl 2"},
		{"daemon-list", "ipvsadm -L --daemon"},
		{"daemon-stop-master", "ipvsadm --stop-daemon master"},
		{"daemon-stop-backup", "ipvsadm --stop-daemon backup"},
		{"svc-add-tcp4-rr", "ipvsadm -A -t 10.0.0.1:80 -s rr"},
		{"svc-add-udp4-wrr", "ipvsadm -A -u 10.0.0.1:53 -s wrr"},
		{"svc-add-sctp4-lc", "ipvsadm -A --sctp-service 10.0.0.1:9999 -s lc"},
		{"svc-add-fwmark4-wlc", "ipvsadm -A -f 1 -s wlc"},
		{"svc-add-fwmark6-rr", "ipvsadm -A -f 2 -6 -s rr"},
		{"svc-add-tcp6-sh-flags", "ipvsadm -A -t [2001:db8::1]:443 -s sh -b sh-fallback,sh-port"},
		{"svc-add-persistent4", "ipvsadm -A -t 10.0.0.2:443 -s wlc -p 300 -M 255.255.255.0"},
		{"svc-add-persistent6", "ipvsadm -A -t [2001:db8::2]:443 -s rr -p 600 -M 64"},
		{"svc-add-ops", "ipvsadm -A -u 10.0.0.3:53 -s rr -o"},
		{"svc-add-mh-flags", "ipvsadm -A -t 10.0.0.4:80 -s mh -b mh-fallback,mh-port"},
		{"svc-add-pe-sip", "ipvsadm -A -u 10.0.0.5:5060 -s rr -p 60 --pe sip"},
		{"svc-edit", "ipvsadm -E -t 10.0.0.1:80 -s wrr -p 120"},
		{"dest-add-masq", "ipvsadm -a -t 10.0.0.1:80 -r 192.168.1.1:8080 -m -w 5"},
		{"dest-add-droute-thresholds", "ipvsadm -a -t 10.0.0.1:80 -r 192.168.1.2 -g -w 1 -x 100 -y 10"},
		{"dest-add-tunnel-ipip", "ipvsadm -a -t 10.0.0.1:80 -r 192.168.1.3 -i"},
		{"dest-add-tunnel-gue", "ipvsadm -a -t 10.0.0.1:80 -r 192.168.1.4 -i --tun-type gue --tun-port 6080 --tun-remcsum"},
		{"dest-add-tunnel-gre", "ipvsadm -a -t 10.0.0.1:80 -r 192.168.1.5 -i --tun-type gre --tun-csum"},
		{"dest-add-fwmark", "ipvsadm -a -f 1 -r 192.168.1.6 -g -w 3"},
		{"dest-add-tcp6", "ipvsadm -a -t [2001:db8::1]:443 -r [2001:db8::10]:8443 -m -w 2"},
		{"dest-add-mixed-af", "ipvsadm -a -f 2 -6 -r 192.168.1.7 -i"},
		{"err-daemon-mixed-af", "ipvsadm --start-daemon master --mcast-interface eth0 --syncid 9"},
		{"dest-add-local", "ipvsadm -a -t 10.0.0.4:80 -r 127.0.0.1:80 -m"},
		{"dest-edit-weight0", "ipvsadm -e -t 10.0.0.1:80 -r 192.168.1.1:8080 -m -w 0"},
		{"dest-del", "ipvsadm -d -t 10.0.0.1:80 -r 192.168.1.2"},
		{"svc-del", "ipvsadm -D -u 10.0.0.1:53"},
		{"err-svc-exists", "ipvsadm -A -t 10.0.0.1:80 -s rr"},
		{"err-svc-missing", "ipvsadm -D -t 10.9.9.9:80"},
		{"err-dest-exists", "ipvsadm -a -t 10.0.0.1:80 -r 192.168.1.1:8080 -m"},
		{"err-dest-missing", "ipvsadm -d -t 10.0.0.1:80 -r 192.168.1.99"},
		{"err-dest-no-svc", "ipvsadm -a -t 10.9.9.9:80 -r 192.168.1.1"},
		{"err-sched-unknown", "ipvsadm -A -t 10.0.0.9:80 -s nosuch"},
		{"timeout-set", "ipvsadm --set 900 120 300"},
		{"timeout-get", "ipvsadm -L --timeout"},
		{"list", "ipvsadm -Ln"},
		{"list-stats", "ipvsadm -Ln --stats --exact"},
		{"zero", "ipvsadm -Z"},
		{"flush-end", "ipvsadm -C"},
	}
}

// goldenDir is where ipvs's golden test reads the captures.
func goldenDir(t *testing.T) string {
	return filepath.Join(harness.RepoRoot(t), "ipvs", "testdata", "golden")
}

// testGoldenCapture runs goldenOps under strace in the VM. With
// HAKEEP_UPDATE_GOLDEN=1 it rewrites ipvs/testdata/golden; otherwise it
// checks that the messages ipvsadm sends today are the ones stored
// (sequence numbers, port ids and the dynamic family id masked), so a
// stale golden fails here rather than silently.
func testGoldenCapture(t *testing.T, m *vm.Machine) {
	update := os.Getenv("HAKEEP_UPDATE_GOLDEN") == "1"
	for i, op := range goldenOps() {
		script := "strace -f -xx -o /tmp/strace.out -e trace=sendmsg,recvmsg -e write=all -e read=all " +
			op.cmd + " >/tmp/stdout 2>/tmp/stderr; echo $?; cat /tmp/strace.out"
		out := m.MustRun(t, script)
		rc, trace, _ := strings.Cut(out, "\n")
		ex, err := parseStrace(trace)
		if err != nil {
			t.Fatalf("%s: %v", op.name, err)
		}
		if len(ex) == 0 {
			t.Fatalf("%s: no netlink traffic captured:\n%s", op.name, trace)
		}
		stdout := m.MustRun(t, "cat /tmp/stdout")
		stderr := m.MustRun(t, "cat /tmp/stderr")
		file := filepath.Join(goldenDir(t), fmt.Sprintf("%02d-%s.txt", i, op.name))
		text := renderGolden(op.cmd, rc, stdout, stderr, m.Kernel(), ex)
		if update {
			if err := os.WriteFile(file, []byte(text), 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		old, err := os.ReadFile(file)
		if err != nil {
			t.Errorf("%s: %v (HAKEEP_UPDATE_GOLDEN=1 writes it)", op.name, err)
			continue
		}
		if got, want := maskedSends(text), maskedSends(string(old)); got != want {
			t.Errorf("%s: ipvsadm now sends\n%s\nstored:\n%s", op.name, got, want)
		}
	}
}

// renderGolden writes one capture: comment lines, then one line per
// buffer, "send <hex>" or "recv <hex>", in the order they crossed the
// socket.
func renderGolden(cmd, rc, stdout, stderr, kernel string, ex []exchange) string {
	var b strings.Builder
	fmt.Fprintf(&b, "# cmd: %s\n# exit: %s\n# kernel: %s\n", cmd, rc, kernel)
	for _, l := range strings.Split(strings.TrimRight(stdout, "\n"), "\n") {
		if l != "" {
			fmt.Fprintf(&b, "# stdout: %s\n", l)
		}
	}
	for _, l := range strings.Split(strings.TrimRight(stderr, "\n"), "\n") {
		if l != "" {
			fmt.Fprintf(&b, "# stderr: %s\n", l)
		}
	}
	for _, e := range ex {
		dir := "recv"
		if e.send {
			dir = "send"
		}
		fmt.Fprintf(&b, "%s %s\n", dir, hex.EncodeToString(e.data))
	}
	return b.String()
}

// maskedSends keeps the send lines with each message's type (the family
// id, assigned at boot), sequence number and port id blanked.
func maskedSends(text string) string {
	var b strings.Builder
	for _, l := range strings.Split(text, "\n") {
		h, ok := strings.CutPrefix(l, "send ")
		if !ok {
			continue
		}
		data, err := hex.DecodeString(h)
		if err != nil || len(data) < 16 {
			b.WriteString("bad: " + l + "\n")
			continue
		}
		data = bytes.Clone(data)
		for _, i := range []int{4, 5, 8, 9, 10, 11, 12, 13, 14, 15} {
			data[i] = 0
		}
		b.WriteString(hex.EncodeToString(data) + "\n")
	}
	return b.String()
}
