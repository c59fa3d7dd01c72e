package proxyproto

import (
	"bytes"
	"encoding/binary"
	"errors"
	"net/netip"
	"testing"
)

func TestParseV1(t *testing.T) {
	cases := []struct {
		in       string
		err      error
		src, dst string
		n        int
	}{
		{in: "PROXY TCP4 1.2.3.4 5.6.7.8 1111 2222\r\nGET", src: "1.2.3.4:1111", dst: "5.6.7.8:2222", n: 38},
		{in: "PROXY TCP6 ::1 2001:db8::2 1 65535\r\n", src: "[::1]:1", dst: "[2001:db8::2]:65535", n: 36},
		{in: "PROXY TCP6 ::ffff:1.2.3.4 ::1 1 2\r\n", src: "[::ffff:1.2.3.4]:1", dst: "[::1]:2", n: 35},
		{in: "PROXY UNKNOWN\r\nrest", n: 15},
		// inetaddr_host_lim_ret's lanes: a short address fills the high
		// bytes, a long group keeps its last three digits
		{in: "PROXY TCP4 10.1.2 1.2.3.4 1 2\r\n", src: "10.1.2.0:1", dst: "1.2.3.4:2", n: 31},
		{in: "PROXY TCP4 1234.0.0.1 1.2.3.4 1 2\r\n", src: "234.0.0.1:1", dst: "1.2.3.4:2", n: 35},
		// read_uint: an empty port is 0, a large one keeps 16 bits
		{in: "PROXY TCP4 1.2.3.4 1.2.3.4  70000\r\n", src: "1.2.3.4:0", dst: "1.2.3.4:4464", n: 35},
		// extra TCP6 fields after the ports end the port field
		{in: "PROXY TCP6 ::1 ::2 1 2 junk\r\n", src: "[::1]:1", dst: "[::2]:2", n: 29},

		{in: "PROXY", err: ErrTruncated},
		{in: "PROXY TC", err: ErrTruncated},
		{in: "PROXY TCP4 1.2.3.4 5.6.7.8 1111 2222", err: ErrTruncated},
		{in: "PROXY TCP4 1.2.3.4 5.6.7.8 1111 2222\r", err: ErrTruncated},
		{in: "PROXY TCP6 ::1 ::2 1 2", err: ErrTruncated},
		{in: "PROXY UNKNO", err: ErrTruncated},
		{in: "PROXY TCP4 1.2.3.4  5.6.7.8 1 2\r\n", err: ErrBadHeader},
		{in: "PROXY TCP4 1.2.3.4 5.6.7.8 1x 2\r\n", err: ErrBadHeader},
		{in: "PROXY TCP4 1.2.3.4 5.6.7.8 1 2\n\r", err: ErrBadHeader},
		{in: "PROXY TCP6 ::1 ::2 1x 2\r\n", err: ErrBadHeader},
		{in: "PROXY TCP6 1.2.3.4 ::2 1 2\r\n", err: ErrBadHeader},
		{in: "PROXY TCP6 fe80::1%eth0 ::2 1 2\r\n", err: ErrBadHeader},
		{in: "PROXY TCP6 ::1 ::2 1\r\n", err: ErrBadHeader},
		{in: "PROXY TCP6 ::1 ::2 1 2\rX", err: ErrBadHeader},
		{in: "PROXY UDP4 1.2.3.4 5.6.7.8 1 2\r\n", err: ErrBadProto},
		{in: "PROXY UNKNOWN 1.2.3.4 5.6.7.8 1 2\r\n", err: ErrBadProto},
		{in: "GET / HTTP/1.1\r\n\r\n", err: ErrNotHeader},
		{in: "", err: ErrEmpty},
	}
	for _, c := range cases {
		h, n, err := Parse([]byte(c.in))
		if !errors.Is(err, c.err) {
			t.Errorf("Parse(%q) error %v, want %v", c.in, err, c.err)
			continue
		}
		if err != nil {
			continue
		}
		if n != c.n {
			t.Errorf("Parse(%q) length %d, want %d", c.in, n, c.n)
		}
		if got := addrString(h.Src); got != c.src {
			t.Errorf("Parse(%q) src %q, want %q", c.in, got, c.src)
		}
		if got := addrString(h.Dst); got != c.dst {
			t.Errorf("Parse(%q) dst %q, want %q", c.in, got, c.dst)
		}
	}
}

func addrString(a netip.AddrPort) string {
	if !a.IsValid() {
		return ""
	}
	return a.String()
}

func TestV2RoundTrip(t *testing.T) {
	src := netip.MustParseAddrPort("192.0.2.1:40000")
	dst := netip.MustParseAddrPort("198.51.100.2:443")
	src6 := netip.MustParseAddrPort("[2001:db8::1]:40000")
	cases := []struct {
		name     string
		src, dst netip.AddrPort
		o        V2Options
		cmd      Command
	}{
		{"ipv4", src, dst, V2Options{}, CmdProxy},
		{"ipv6-mixed", src6, dst, V2Options{}, CmdProxy},
		{"tlvs", src, dst, V2Options{CRC32C: true, Authority: []byte("example.com"), UniqueID: []byte("abc")}, CmdProxy},
		{"local", netip.AddrPort{}, dst, V2Options{}, CmdLocal},
	}
	for _, c := range cases {
		b := AppendV2([]byte("x"), c.src, c.dst, c.o)[1:]
		b = append(b, "GET /"...)
		h, n, err := Parse(b)
		if err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		if n != len(b)-5 {
			t.Errorf("%s: length %d, want %d", c.name, n, len(b)-5)
		}
		if h.Version != 2 || h.Command != c.cmd {
			t.Errorf("%s: version %d command %d", c.name, h.Version, h.Command)
		}
		if c.cmd == CmdProxy {
			wantSrc, wantDst := c.src, c.dst
			if c.src.Addr().Is6() {
				wantDst = netip.AddrPortFrom(as16(c.dst.Addr()), c.dst.Port())
			}
			if h.Src != wantSrc || h.Dst != wantDst {
				t.Errorf("%s: %v -> %v, want %v -> %v", c.name, h.Src, h.Dst, wantSrc, wantDst)
			}
		}
		if !bytes.Equal(h.Authority, c.o.Authority) || !bytes.Equal(h.UniqueID, c.o.UniqueID) {
			t.Errorf("%s: TLVs %q %q", c.name, h.Authority, h.UniqueID)
		}
	}
}

func TestParseV2Errors(t *testing.T) {
	src := netip.MustParseAddrPort("192.0.2.1:1")
	dst := netip.MustParseAddrPort("192.0.2.2:2")
	good := AppendV2(nil, src, dst, V2Options{CRC32C: true})
	mod := func(f func(b []byte) []byte) []byte {
		return f(append([]byte(nil), good...))
	}
	cases := []struct {
		name string
		b    []byte
		err  error
	}{
		{"short", good[:15], ErrTruncated},
		{"cut", good[:len(good)-1], ErrTruncated},
		{"signature", mod(func(b []byte) []byte { b[3] = 'x'; return b }), ErrNotHeader},
		{"version", mod(func(b []byte) []byte { b[12] = 0x11; return b }), ErrNotHeader},
		{"command", mod(func(b []byte) []byte { b[12] = 0x22; return b }), ErrBadHeader},
		{"crc", mod(func(b []byte) []byte { b[16] ^= 1; return b }), ErrBadHeader},
		{"short-inet", mod(func(b []byte) []byte {
			binary.BigEndian.PutUint16(b[14:], 8)
			return b[:24]
		}), ErrBadHeader},
		{"tlv-overflow", mod(func(b []byte) []byte {
			b[len(b)-6] = 9 // CRC TLV length 0x0009 runs past the end
			return b
		}), ErrBadHeader},
		// another family keeps the socket's addresses, and HAProxy
		// reads TLVs from offset 0, which fails
		{"unix", mod(func(b []byte) []byte { b[13] = 0x31; return b }), ErrBadHeader},
	}
	for _, c := range cases {
		if _, _, err := Parse(c.b); !errors.Is(err, c.err) {
			t.Errorf("%s: error %v, want %v", c.name, err, c.err)
		}
	}
	// LOCAL ignores whatever follows the fixed part
	local := mod(func(b []byte) []byte { b[12] = 0x20; b[16] ^= 1; return b })
	if h, n, err := Parse(local); err != nil || h.Command != CmdLocal || n != len(good) {
		t.Errorf("local: %+v %d %v", h, n, err)
	}
}

func TestAppendV1(t *testing.T) {
	cases := []struct{ src, dst, want string }{
		{"1.2.3.4:5", "6.7.8.9:10", "PROXY TCP4 1.2.3.4 6.7.8.9 5 10\r\n"},
		{"[::1]:5", "6.7.8.9:10", "PROXY TCP6 ::1 ::ffff:6.7.8.9 5 10\r\n"},
		{"", "6.7.8.9:10", "PROXY UNKNOWN\r\n"},
	}
	for _, c := range cases {
		var s netip.AddrPort
		if c.src != "" {
			s = netip.MustParseAddrPort(c.src)
		}
		got := string(AppendV1(nil, s, netip.MustParseAddrPort(c.dst)))
		if got != c.want {
			t.Errorf("AppendV1(%s, %s) = %q, want %q", c.src, c.dst, got, c.want)
		}
		if c.src != "" {
			if h, _, err := Parse([]byte(got)); err != nil || h.Src.Port() != s.Port() {
				t.Errorf("Parse(AppendV1) = %+v, %v", h, err)
			}
		}
	}
}

func FuzzParse(f *testing.F) {
	f.Add([]byte("PROXY TCP4 1.2.3.4 5.6.7.8 1111 2222\r\n"))
	f.Add([]byte("PROXY TCP6 ::1 ::2 1 2\r\n"))
	f.Add(AppendV2(nil, netip.MustParseAddrPort("1.2.3.4:1"), netip.MustParseAddrPort("1.2.3.4:2"), V2Options{CRC32C: true, Authority: []byte("a")}))
	f.Fuzz(func(t *testing.T, b []byte) {
		h, n, err := Parse(b)
		if err != nil {
			return
		}
		if n <= 0 || n > len(b) {
			t.Fatalf("length %d out of %d", n, len(b))
		}
		if h.Version != 1 && h.Version != 2 {
			t.Fatalf("version %d", h.Version)
		}
	})
}
