package wire

import (
	"bytes"
	"encoding/binary"
	"net/netip"
	"path/filepath"
	"testing"

	"hakeep/vrrp/internal/pcapfile"
)

// goldenCase describes how keepalived was configured for each capture
// (see ../testdata/capture.sh).
type goldenCase struct {
	file     string
	version  uint8
	v6       bool
	auth     AuthType
	password string
	interval uint16
	unicast  bool
	adverts  int // at least this many adverts, the last with priority 0 unless unicast
}

var goldenCases = []goldenCase{
	{file: "v2-ipv4-none", version: 2, interval: 1, adverts: 4},
	{file: "v2-ipv4-pass", version: 2, auth: AuthSimple, password: "secret12", interval: 1, adverts: 4},
	{file: "v2-ipv4-ah", version: 2, auth: AuthAH, password: "secret", interval: 1, adverts: 4},
	{file: "v2-ipv4-ah-unicast", version: 2, auth: AuthAH, password: "secret", interval: 1, unicast: true, adverts: 3},
	{file: "v2-ipv4-unicast", version: 2, interval: 1, unicast: true, adverts: 3},
	{file: "v3-ipv4", version: 3, interval: 50, adverts: 3},
	{file: "v3-ipv4-unicast", version: 3, interval: 100, unicast: true, adverts: 3},
	{file: "v3-ipv6", version: 3, v6: true, interval: 50, adverts: 3},
	{file: "v3-ipv6-unicast", version: 3, v6: true, interval: 100, unicast: true, adverts: 3},
}

// goldenAdverts returns the VRRP datagrams of a capture: whole IPv4
// datagrams, or for IPv6 the VRRP payload with its addresses and hop limit.
type goldenAdvert struct {
	ip       []byte // IPv4 datagram or VRRP payload (IPv6)
	src, dst netip.Addr
	hopLimit uint8
	v6       bool
}

func goldenAdverts(t testing.TB, name string) []goldenAdvert {
	t.Helper()
	f, err := pcapfile.Read(filepath.Join("..", "testdata", "golden", name+".pcap"))
	if err != nil {
		t.Fatal(err)
	}
	if f.LinkType != pcapfile.LinkEthernet {
		t.Fatalf("link type %d", f.LinkType)
	}
	var out []goldenAdvert
	for _, fr := range f.Frames {
		d := fr.Data
		if len(d) < 14 {
			continue
		}
		et, p := binary.BigEndian.Uint16(d[12:]), d[14:]
		switch {
		case et == 0x0800 && len(p) >= 20 && (p[9] == Protocol || p[9] == ProtocolAH):
			n := int(binary.BigEndian.Uint16(p[2:]))
			out = append(out, goldenAdvert{ip: p[:n]})
		case et == 0x86dd && len(p) >= 40 && p[6] == Protocol:
			n := int(binary.BigEndian.Uint16(p[4:]))
			out = append(out, goldenAdvert{ip: p[40 : 40+n], v6: true, hopLimit: p[7],
				src: netip.AddrFrom16([16]byte(p[8:24])), dst: netip.AddrFrom16([16]byte(p[24:40]))})
		}
	}
	return out
}

func key(s string) (k [AuthLen]byte) {
	copy(k[:], s)
	return k
}

func TestGoldenRoundTrip(t *testing.T) {
	for _, gc := range goldenCases {
		t.Run(gc.file, func(t *testing.T) {
			ads := goldenAdverts(t, gc.file)
			if len(ads) < gc.adverts {
				t.Fatalf("%d adverts in capture, want at least %d", len(ads), gc.adverts)
			}
			var p Packet
			for i, g := range ads {
				var err error
				if g.v6 {
					err = DecodeIPv6(g.ip, g.src, g.dst, g.hopLimit, &p)
				} else {
					err = DecodeIPv4(g.ip, &p)
				}
				if err != nil {
					t.Fatalf("advert %d: %v", i, err)
				}
				a := &p.Advert
				if a.Version != gc.version || a.VRID != 51 || a.Interval != gc.interval || len(a.Addrs) != 2 {
					t.Fatalf("advert %d: decoded %+v", i, a)
				}
				if gc.version == 2 && a.AuthType != gc.auth {
					t.Fatalf("advert %d: auth type %v, want %v", i, a.AuthType, gc.auth)
				}
				if p := a.Priority; p != 100 && !(p == 0 && i == len(ads)-1) {
					t.Fatalf("advert %d: priority %d", i, p)
				}
				if !VerifyChecksum(p.Message(), a.Version, p.Src, p.Dst) {
					t.Fatalf("advert %d: checksum %#04x does not verify", i, a.Checksum)
				}
				var out []byte
				if g.v6 {
					out, err = AppendAdvert(nil, a, g.src, g.dst)
				} else {
					o := IPv4Options{Src: p.IP.Src, Dst: p.IP.Dst, TOS: p.IP.TOS, TTL: p.IP.TTL, ID: p.IP.ID, Unicast: gc.unicast}
					if p.HasAH {
						k := key(gc.password)
						o.Key, o.Seq = &k, p.AH.Seq
					}
					out, err = AppendIPv4(nil, a, &o)
				}
				if err != nil {
					t.Fatalf("advert %d: encode: %v", i, err)
				}
				if !bytes.Equal(out, g.ip) {
					t.Fatalf("advert %d: re-encoded differs\n got %x\nwant %x", i, out, g.ip)
				}
			}
		})
	}
}

func TestGoldenReceiveChecks(t *testing.T) {
	for _, gc := range goldenCases {
		t.Run(gc.file, func(t *testing.T) {
			ads := goldenAdverts(t, gc.file)
			var p Packet
			e := Expect{Version: gc.version, VRID: 51, IPv6: gc.v6, AuthType: gc.auth, AuthData: key(gc.password),
				Interval: gc.interval, Unicast: gc.unicast, CheckAddrs: true}
			if gc.version == 3 {
				e.AuthType, e.AuthData = AuthNone, [8]byte{}
			}
			if gc.v6 {
				e.Addrs = []netip.Addr{netip.MustParseAddr("fe80::100"), netip.MustParseAddr("fd00:77::100")}
			} else {
				e.Addrs = []netip.Addr{netip.MustParseAddr("10.77.0.101"), netip.MustParseAddr("10.77.0.100")}
			}
			for i, g := range ads {
				var r Reason
				if g.v6 {
					r = e.ReceiveIPv6(g.ip, g.src, g.dst, g.hopLimit, &p)
				} else {
					r = e.ReceiveIPv4(g.ip, &p)
				}
				if r != Accept {
					t.Fatalf("advert %d: dropped: %v", i, r)
				}
			}
			if gc.auth == AuthAH {
				// Replaying the first advert must now fail the sequence check.
				if r := e.ReceiveIPv4(ads[0].ip, &p); r != DropAuthFailure {
					t.Fatalf("replayed AH advert: %v, want %v", r, DropAuthFailure)
				}
			}
		})
	}
}
