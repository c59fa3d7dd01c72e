package kernel

import (
	"fmt"
	"net/netip"
	"os"
	"os/exec"
	"testing"
	"time"

	"github.com/vishvananda/netns"
)

// testNS creates two namespaces joined by a veth pair, v0 (10.66.0.1)
// in the first and v1 (10.66.0.2) in the second, or skips when not root.
// They are removed when the test ends.
func testNS(t *testing.T) (NS, NS) {
	t.Helper()
	if os.Geteuid() != 0 {
		t.Skip("needs root for a network namespace")
	}
	tag := fmt.Sprintf("%d-%d", os.Getpid(), time.Now().UnixNano()%100000)
	a, b := "hkk-a-"+tag, "hkk-b-"+tag
	for _, args := range [][]string{
		{"netns", "add", a},
		{"netns", "add", b},
		{"-n", a, "link", "add", "v0", "type", "veth", "peer", "name", "v1", "netns", b},
		{"-n", a, "link", "set", "v0", "up"},
		{"-n", b, "link", "set", "v1", "up"},
		{"-n", a, "addr", "add", "10.66.0.1/24", "dev", "v0"},
		{"-n", b, "addr", "add", "10.66.0.2/24", "dev", "v1"},
	} {
		if out, err := exec.Command("ip", args...).CombinedOutput(); err != nil {
			t.Fatalf("ip %v: %v\n%s", args, err, out)
		}
	}
	var out []NS
	for _, name := range []string{a, b} {
		t.Cleanup(func() { exec.Command("ip", "netns", "del", name).Run() })
		h, err := netns.GetFromName(name)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { h.Close() })
		out = append(out, NS{Handle: h})
	}
	return out[0], out[1]
}

func TestAddrsIdempotent(t *testing.T) {
	ns, _ := testNS(t)
	a, err := NewAddrs(ns)
	if err != nil {
		t.Fatal(err)
	}
	defer a.Close()
	for _, vip := range []Address{
		{Prefix: netip.MustParsePrefix("10.66.0.100/24"), Dev: "v0", Label: "v0:vip"},
		{Prefix: netip.MustParsePrefix("fd00:66::100/64"), Dev: "v0"},
	} {
		for range 2 {
			if err := a.Add(vip); err != nil {
				t.Fatalf("add %s: %v", vip, err)
			}
		}
		if ok, err := a.Has(vip); !ok || err != nil {
			t.Fatalf("%s not present: %v", vip, err)
		}
		for range 2 {
			if err := a.Del(vip); err != nil {
				t.Fatalf("del %s: %v", vip, err)
			}
		}
		if ok, _ := a.Has(vip); ok {
			t.Fatalf("%s still present", vip)
		}
	}
	if err := a.Add(Address{Prefix: netip.MustParsePrefix("10.66.0.9/32"), Dev: "nope"}); err == nil {
		t.Fatal("added to a missing device")
	}
}

func TestConnLoopback(t *testing.T) {
	ns, peer := testNS(t)
	l, err := LinkByName(ns, "v0")
	if err != nil {
		t.Fatal(err)
	}
	if l.IPv4 != netip.MustParseAddr("10.66.0.1") || len(l.MAC) != 6 {
		t.Fatalf("link %+v", l)
	}
	group := netip.MustParseAddr("224.0.0.18")
	tx, err := Open(SocketConfig{Interface: "v0", Group: group, NS: ns})
	if err != nil {
		t.Fatal(err)
	}
	defer tx.Close()
	rx, err := Open(SocketConfig{Interface: "v1", Group: group, NS: peer})
	if err != nil {
		t.Fatal(err)
	}
	defer rx.Close()
	// A minimal VRRPv2 datagram: the receiver gets it with its IP header.
	d := []byte{0x45, 0xc0, 0, 28, 0, 1, 0, 0, 255, 112, 0, 0, 10, 66, 0, 1, 224, 0, 0, 18,
		0x21, 1, 100, 0, 0, 1, 0xdd, 0xfd}
	if err := tx.Write(d, group); err != nil {
		t.Fatal(err)
	}
	got := make(chan Received, 1)
	buf := make([]byte, 1500)
	go func() {
		r, err := rx.Read(buf)
		if err == nil {
			got <- r
		}
	}()
	select {
	case r := <-got:
		if r.N != len(d) || buf[8] != 255 || buf[20] != 0x21 {
			t.Fatalf("read %d bytes: %x", r.N, buf[:r.N])
		}
	case <-time.After(5 * time.Second):
		t.Fatal("nothing received")
	}
}
