package wire

import (
	"bytes"
	"testing"
)

// FuzzDecode feeds arbitrary bytes to both decoders and the receive
// checks; whatever decodes must re-encode to the same message bytes
// (when its checksum was right).
func FuzzDecode(f *testing.F) {
	for _, gc := range goldenCases {
		ads := goldenAdverts(f, gc.file)
		for _, g := range ads[:1] {
			f.Add(g.ip, g.v6)
		}
	}
	f.Add([]byte{0x21, 1, 100, 0, 0, 1, 0xdd, 0xfd, 0, 0, 0, 0, 0, 0, 0, 0}, false)
	f.Fuzz(func(t *testing.T, b []byte, v6 bool) {
		var p Packet
		e4 := Expect{Version: 2, VRID: 51, Interval: 1, CheckAddrs: true}
		e6 := Expect{Version: 3, VRID: 51, IPv6: true, CheckAddrs: true}
		if v6 {
			e6.ReceiveIPv6(b, src6, grp6, 255, &p)
			if DecodeIPv6(b, src6, grp6, 255, &p) != nil {
				return
			}
		} else {
			e4.ReceiveIPv4(b, &p)
			if DecodeIPv4(b, &p) != nil {
				return
			}
		}
		a := p.Advert
		if a.Type != TypeAdvert || (a.Version == 3 && b[len(b)-len(p.msg)+4]&0xf0 != 0) {
			return // reserved bits are not kept
		}
		if !VerifyChecksum(p.Message(), a.Version, p.Src, p.Dst) {
			return
		}
		out, err := AppendAdvert(nil, &a, p.Src, p.Dst)
		if err != nil {
			t.Fatalf("re-encode: %v", err)
		}
		if !bytes.Equal(out, p.Message()) {
			t.Fatalf("round trip\n got %x\nwant %x", out, p.Message())
		}
	})
}
