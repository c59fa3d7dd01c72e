package announce

import (
	"bytes"
	"encoding/binary"
	"net"
	"net/netip"
	"path/filepath"
	"testing"

	"hakeep/vrrp/internal/pcapfile"
)

var mac = net.HardwareAddr{2, 0, 0, 0, 0x77, 1}

func TestGoldenFrames(t *testing.T) {
	var arps, nas int
	for _, name := range []string{"v2-ipv4-none", "v3-ipv4", "v3-ipv6"} {
		f, err := pcapfile.Read(filepath.Join("..", "testdata", "golden", name+".pcap"))
		if err != nil {
			t.Fatal(err)
		}
		for i, fr := range f.Frames {
			d := fr.Data
			switch binary.BigEndian.Uint16(d[12:]) {
			case EtherTypeARP:
				ip := netip.AddrFrom4([4]byte(d[28:32]))
				if got := AppendGARP(nil, mac, ip); !bytes.Equal(got, d) {
					t.Fatalf("%s frame %d: GARP for %s\n got %x\nwant %x", name, i, ip, got, d)
				}
				arps++
			case EtherTypeIPv6:
				if d[14+6] != 58 || d[14+40] != 136 {
					continue
				}
				ip := netip.AddrFrom16([16]byte(d[14+40+8 : 14+40+24]))
				if got := AppendNA(nil, mac, ip, false); !bytes.Equal(got, d) {
					t.Fatalf("%s frame %d: NA for %s\n got %x\nwant %x", name, i, ip, got, d)
				}
				nas++
			}
		}
	}
	if arps < 6 || nas < 6 {
		t.Fatalf("compared %d GARPs and %d NAs", arps, nas)
	}
}
