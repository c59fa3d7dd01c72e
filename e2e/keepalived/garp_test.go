package keepalived_e2e

import (
	"encoding/binary"
	"errors"
	"fmt"
	"net"
	"net/netip"
	"runtime"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/vishvananda/netns"
	"golang.org/x/net/ipv4"
	"golang.org/x/sys/unix"

	"hakeep/vrrp/wire"
)

// announcement is one gratuitous ARP or unsolicited neighbour
// advertisement seen on the LAN.
type announcement struct {
	at     time.Time
	target netip.Addr
}

// announceSniffer reads every frame on the client's eth0 and keeps the
// gratuitous ARPs (sender = target) and the neighbour advertisements.
type announceSniffer struct {
	mu   sync.Mutex
	seen []announcement
}

func htons(v uint16) uint16 { return v<<8 | v>>8 }

func sniffAnnouncements(t *testing.T, ns string) *announceSniffer {
	s := &announceSniffer{}
	ready := make(chan error, 1)
	var fd int
	go func() {
		runtime.LockOSThread() // never unlocked: the thread ends with the goroutine
		h, err := netns.GetFromName(ns)
		if err != nil {
			ready <- err
			return
		}
		defer h.Close()
		if err := netns.Set(h); err != nil {
			ready <- err
			return
		}
		fd, err = unix.Socket(unix.AF_PACKET, unix.SOCK_RAW, int(htons(unix.ETH_P_ALL)))
		if err != nil {
			ready <- err
			return
		}
		ifi, err := net.InterfaceByName("eth0")
		if err == nil {
			err = unix.Bind(fd, &unix.SockaddrLinklayer{Protocol: htons(unix.ETH_P_ALL), Ifindex: ifi.Index})
		}
		if err == nil {
			// The kernel's receive time: the reader may be scheduled late
			// on a loaded machine and read frames back to back.
			err = unix.SetsockoptInt(fd, unix.SOL_SOCKET, unix.SO_TIMESTAMPNS, 1)
		}
		ready <- err
		buf, oob := make([]byte, 2048), make([]byte, 128)
		for {
			n, oobn, _, _, err := unix.Recvmsg(fd, buf, oob, 0)
			if err != nil {
				return
			}
			at := time.Now()
			if cms, err := unix.ParseSocketControlMessage(oob[:oobn]); err == nil {
				for _, m := range cms {
					if m.Header.Level == unix.SOL_SOCKET && m.Header.Type == unix.SCM_TIMESTAMPNS && len(m.Data) >= 16 {
						at = time.Unix(int64(binary.NativeEndian.Uint64(m.Data[0:8])), int64(binary.NativeEndian.Uint64(m.Data[8:16])))
					}
				}
			}
			if a, ok := parseAnnouncement(buf[:n]); ok {
				a.at = at
				s.mu.Lock()
				s.seen = append(s.seen, a)
				s.mu.Unlock()
			}
		}
	}()
	if err := <-ready; err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { unix.Close(fd) })
	return s
}

// parseAnnouncement reads an Ethernet frame: a gratuitous ARP (RFC 5227
// §3: sender and target protocol address the same) or an ICMPv6
// neighbour advertisement (RFC 4861 §4.4).
func parseAnnouncement(b []byte) (announcement, bool) {
	if len(b) < 14 {
		return announcement{}, false
	}
	switch binary.BigEndian.Uint16(b[12:14]) {
	case unix.ETH_P_ARP:
		if len(b) < 42 {
			return announcement{}, false
		}
		spa, tpa := netip.AddrFrom4([4]byte(b[28:32])), netip.AddrFrom4([4]byte(b[38:42]))
		return announcement{target: tpa}, spa == tpa
	case unix.ETH_P_IPV6:
		if len(b) < 78 || b[20] != unix.IPPROTO_ICMPV6 || b[54] != 136 {
			return announcement{}, false
		}
		return announcement{target: netip.AddrFrom16([16]byte(b[62:78]))}, true
	}
	return announcement{}, false
}

func (s *announceSniffer) got() []announcement {
	s.mu.Lock()
	defer s.mu.Unlock()
	return slices.Clone(s.seen)
}

// garpConf sets keepalived's announcement knobs (keepalived.conf(5)
// vrrp_garp_master_delay, _repeat, _refresh, _refresh_repeat,
// vrrp_garp_interval, vrrp_gna_interval) for an IPv4 instance with two
// addresses and a VRRPv3 IPv6 instance whose own overrides (garp_*)
// differ.
var garpConf = `global_defs {
	router_id garp-test
	vrrp_garp_master_delay 2
	vrrp_garp_master_repeat 2
	vrrp_garp_master_refresh 3
	vrrp_garp_master_refresh_repeat 1
	vrrp_garp_interval 0.05
	vrrp_gna_interval 0.1
	vrrp_garp_lower_prio_repeat 2
	vrrp_garp_lower_prio_delay 1
}
vrrp_instance V4 {
	interface eth0
	state MASTER
	virtual_router_id 75
	priority 100
	advert_int 1
	virtual_ipaddress {
		10.77.0.100/24
		10.77.0.101/24
	}
}
vrrp_instance V6 {
	interface eth0
	state MASTER
	version 3
	virtual_router_id 76
	priority 100
	advert_int 1
	garp_master_delay 1
	garp_master_repeat 3
	garp_master_refresh 0
	virtual_ipaddress {
		fd00:77::100/64
	}
}
`

// burst is a run of announcements for one family, each less than 400 ms
// after the one before.
type burst struct {
	start   time.Duration // since the family's first announcement
	count   int
	targets string
	minGap  time.Duration
}

func bursts(all []announcement, v6 bool) []burst {
	var out []burst
	var first, last time.Time
	for _, a := range all {
		if a.target.Is6() != v6 {
			continue
		}
		if first.IsZero() {
			first = a.at
		}
		if len(out) == 0 || a.at.Sub(last) > 400*time.Millisecond {
			out = append(out, burst{start: a.at.Sub(first), minGap: time.Hour})
		} else if g := a.at.Sub(last); g < out[len(out)-1].minGap {
			out[len(out)-1].minGap = g
		}
		b := &out[len(out)-1]
		b.count++
		if !strings.Contains(b.targets, a.target.String()) {
			b.targets = strings.TrimSpace(b.targets + " " + a.target.String())
		}
		last = a.at
	}
	return out
}

// sameBursts reports whether two burst lists have the same starts (to
// the half second) and addresses, and sizes within one announcement: the
// size of 2.2.7's own bursts varies by one between runs (seen for
// garp_master_repeat 3: 2 NAs in one run, 3 in the next).
func sameBursts(a, b []burst) bool {
	if len(a) != len(b) {
		return false
	}
	half := func(d time.Duration) time.Duration {
		return (d + 250*time.Millisecond).Truncate(500 * time.Millisecond)
	}
	for i := range a {
		if half(a[i].start) != half(b[i].start) || a[i].targets != b[i].targets || a[i].count-b[i].count > 1 || b[i].count-a[i].count > 1 {
			return false
		}
	}
	return true
}

// shape is a burst list with times rounded to the half second.
func shape(bs []burst) string {
	var s []string
	for _, b := range bs {
		s = append(s, fmt.Sprintf("%.1fs×%d[%s]", (b.start+250*time.Millisecond).Truncate(500*time.Millisecond).Seconds(), b.count, b.targets))
	}
	return strings.Join(s, " ")
}

// garpScenario returns the announcements of a new master over 7.5 s,
// then those that follow one lower priority advert (VRRPv2, priority 50,
// the instance's addresses) sent from the client.
func garpScenario(t *testing.T, bin, conf string, window time.Duration) (master, lower []announcement) {
	l := newLab(t)
	sn := sniffAnnouncements(t, l.c)
	k := startKA(t, "garp", newBox(t, l.a), conf, kaOpts{bin: bin})
	waitFor(t, 20*time.Second, "the first announcement", func() bool { return len(sn.got()) > 0 })
	time.Sleep(window)
	master = sn.got()
	a := wire.Advert{Version: 2, Type: wire.TypeAdvert, VRID: 75, Priority: 50,
		Addrs: []netip.Addr{netip.MustParseAddr("10.77.0.100"), netip.MustParseAddr("10.77.0.101")}}
	a.SetInterval(time.Second)
	pkt, err := wire.AppendIPv4(nil, &a, &wire.IPv4Options{Src: netip.MustParseAddr(addrC),
		Dst: netip.MustParseAddr("224.0.0.18"), TOS: wire.TOSNetControl, TTL: 255, ID: 1})
	if err != nil {
		t.Fatal(err)
	}
	sendAdvert(t, l.c, pkt)
	time.Sleep(2500 * time.Millisecond)
	lower = sn.got()[len(master):]
	if err := k.stop(10 * time.Second); err != nil {
		t.Fatalf("exit: %v", err)
	}
	return master, lower
}

// sendAdvert sends one VRRP message (pkt is its IPv4 datagram) from ns to
// 224.0.0.18 with TTL 255.
func sendAdvert(t *testing.T, ns string, pkt []byte) {
	inNS(t, ns, func() {
		c, err := net.ListenPacket("ip4:112", "0.0.0.0")
		if err != nil {
			t.Fatal(err)
		}
		defer c.Close()
		pc := ipv4.NewPacketConn(c)
		ifi, err := net.InterfaceByName("eth0")
		if err == nil {
			err = errors.Join(pc.SetMulticastInterface(ifi), pc.SetMulticastTTL(255), pc.SetTOS(0xc0))
		}
		if err == nil {
			_, err = c.WriteTo(pkt[20:], &net.IPAddr{IP: net.IPv4(224, 0, 0, 18)})
		}
		if err != nil {
			t.Fatal(err)
		}
	})
}

// TestE2EKeepalivedAnnouncements compares the gratuitous ARPs and
// unsolicited neighbour advertisements of a new master, hakeep's and
// 2.2.7's, for the same global and per-instance announcement settings:
// the bursts (at becoming master, after the master delay, at each
// refresh), their size, their addresses, and the pacing within them
// (vrrp_garp_interval, vrrp_gna_interval), then what one lower priority
// advert reaching the master brings (vrrp_garp_lower_prio_repeat,
// vrrp_garp_lower_prio_delay).
func TestE2EKeepalivedAnnouncements(t *testing.T) {
	needLab(t)
	bin := ours(t)
	var o, r, ol, rl []announcement
	t.Run("side", func(t *testing.T) {
		t.Run("ours", func(t *testing.T) { t.Parallel(); o, ol = garpScenario(t, bin, garpConf, 7500*time.Millisecond) })
		t.Run("real", func(t *testing.T) { t.Parallel(); r, rl = garpScenario(t, "", garpConf, 7500*time.Millisecond) })
	})
	if len(o) == 0 || len(r) == 0 {
		t.Fatal("a side did not finish")
	}
	// A lower priority advert reaching the master: vrrp_garp_lower_prio_repeat
	// announcements at once and again after vrrp_garp_lower_prio_delay.
	if !sameBursts(bursts(ol, false), bursts(rl, false)) || len(rl) == 0 {
		t.Errorf("after a lower priority advert:\nours %s\nreal %s", shape(bursts(ol, false)), shape(bursts(rl, false)))
	}
	t.Logf("after a lower priority advert:\nours %s\nreal %s", shape(bursts(ol, false)), shape(bursts(rl, false)))
	for _, v6 := range []bool{false, true} {
		fam, gap := "IPv4 gratuitous ARP", 50*time.Millisecond
		if v6 {
			fam, gap = "IPv6 neighbour advertisements", 100*time.Millisecond
		}
		ob, rb := bursts(o, v6), bursts(r, v6)
		if !sameBursts(ob, rb) {
			t.Errorf("%s bursts differ:\nours %s\nreal %s", fam, shape(ob), shape(rb))
		}
		for _, b := range ob {
			// Pacing: no two announcements closer than the interval
			// (a little less for timer slack).
			if b.count > 1 && b.minGap < gap*8/10 {
				t.Errorf("%s: ours sent two %v apart, want at least %v", fam, b.minGap, gap)
			}
		}
		t.Logf("%s:\nours %s\nreal %s", fam, shape(ob), shape(rb))
	}
}

// minGARPConf is vrrp_min_garp: one announcement per address, no second
// burst, no refresh, one after a lower priority advert.
var minGARPConf = `global_defs {
	router_id min-garp-test
	vrrp_min_garp
	vrrp_garp_interval 0.05
}
vrrp_instance V4 {
	interface eth0
	state MASTER
	virtual_router_id 75
	priority 100
	advert_int 1
	virtual_ipaddress {
		10.77.0.100/24
		10.77.0.101/24
	}
}
`

// TestE2EKeepalivedMinGARP compares vrrp_min_garp's announcements,
// hakeep's and 2.2.7's: at becoming master, over the next 6 s (the
// default master delay is 5 s) and after a lower priority advert.
func TestE2EKeepalivedMinGARP(t *testing.T) {
	needLab(t)
	bin := ours(t)
	var o, r, ol, rl []announcement
	t.Run("side", func(t *testing.T) {
		t.Run("ours", func(t *testing.T) { t.Parallel(); o, ol = garpScenario(t, bin, minGARPConf, 6*time.Second) })
		t.Run("real", func(t *testing.T) { t.Parallel(); r, rl = garpScenario(t, "", minGARPConf, 6*time.Second) })
	})
	if len(o) == 0 || len(r) == 0 {
		t.Fatal("a side did not finish")
	}
	if !sameBursts(bursts(o, false), bursts(r, false)) || !sameBursts(bursts(ol, false), bursts(rl, false)) {
		t.Errorf("ours %s, then %s\nreal %s, then %s", shape(bursts(o, false)), shape(bursts(ol, false)),
			shape(bursts(r, false)), shape(bursts(rl, false)))
	}
	t.Logf("ours %s, then %s\nreal %s, then %s", shape(bursts(o, false)), shape(bursts(ol, false)),
		shape(bursts(r, false)), shape(bursts(rl, false)))
}
