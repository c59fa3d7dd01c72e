package acl

import (
	"fmt"
	"net/netip"
	"testing"
)

func mustPatterns(t testing.TB, m Method, icase bool, pats ...string) *Patterns {
	t.Helper()
	p := NewPatterns(m, icase)
	for _, s := range pats {
		if err := p.Add(s, nil); err != nil {
			t.Fatalf("add %q: %v", s, err)
		}
	}
	return p
}

func TestMatchString(t *testing.T) {
	cases := []struct {
		m     Method
		icase bool
		pats  []string
		in    string
		want  int // -1: no match
	}{
		{MatchStr, false, []string{"a", "b"}, "b", 1},
		{MatchStr, false, []string{"a", "b"}, "B", -1},
		{MatchStr, true, []string{"a", "b"}, "B", 1},
		{MatchBeg, false, []string{"/api", "/api/v1"}, "/api/v1/x", 1}, // longest prefix
		{MatchBeg, true, []string{"/API", "/api/v1"}, "/api/v1/x", 0},  // first in order
		{MatchBeg, false, []string{"/api"}, "/ap", -1},
		{MatchBeg, false, []string{""}, "x", 0},
		{MatchEnd, false, []string{".jpg", ".png"}, "/a.png", 1},
		{MatchEnd, true, []string{".JPG"}, "/a.jpg", 0},
		{MatchSub, false, []string{"zz", "dmi"}, "/admin", 1},
		{MatchSub, true, []string{"DMI"}, "/admin", 0},
		{MatchReg, false, []string{"^/a.*n$"}, "/admin", 0},
		{MatchReg, true, []string{"^/A"}, "/admin", 0},
		{MatchDom, false, []string{"example.com"}, "www.example.com", 0},
		{MatchDom, false, []string{"example.com"}, "www.example.com:80", 0},
		{MatchDom, false, []string{"example.com"}, "myexample.com", -1},
		{MatchDom, false, []string{".example.com."}, "example.com", 0},
		{MatchDom, false, []string{"www"}, "www.example.com", 0},
		{MatchDom, true, []string{"EXAMPLE"}, "www.example.com", 0},
		{MatchDom, false, []string{"b", "a"}, "a.b", 0},
		{MatchDir, false, []string{"img"}, "/static/img/a.png", 0},
		{MatchDir, false, []string{"img"}, "/static/imgs/a.png", -1},
		{MatchDir, false, []string{"static/img"}, "/static/img/a.png", 0},
		{MatchLen, false, []string{"3:5"}, "abcd", 0},
		{MatchLen, false, []string{"6:"}, "abcd", -1},
		{MatchBin, false, []string{"4142"}, "AB", 0},
		{MatchMeth, false, []string{"GET", "PROPFIND"}, "GET", 0},
		{MatchMeth, false, []string{"get"}, "GET", -1},
		{MatchMeth, true, []string{"propfind"}, "PROPFIND", 0},
		{MatchFound, false, nil, "", -1},
	}
	for _, tc := range cases {
		p := mustPatterns(t, tc.m, tc.icase, tc.pats...)
		idx, ok := p.MatchString([]byte(tc.in))
		if tc.m == MatchFound {
			if !ok {
				t.Errorf("found must match")
			}
			continue
		}
		if !ok {
			idx = -1
		}
		if idx != tc.want {
			t.Errorf("%v %v %q ~ %q: got %d want %d", tc.m, tc.icase, tc.pats, tc.in, idx, tc.want)
		}
	}
}

func TestMatchInt(t *testing.T) {
	p := mustPatterns(t, MatchInt, false, "80", "1000:2000", ":10", "60000:", "-5")
	for v, want := range map[int64]int{80: 0, 1500: 1, 3: 2, 65000: 3, 4: 2, 81: -1, 5000: -1} {
		idx, ok := p.MatchInt(v)
		if !ok {
			idx = -1
		}
		if idx != want {
			t.Errorf("%d: got %d want %d", v, idx, want)
		}
	}
	b := NewPatterns(MatchBool, false)
	if _, ok := b.MatchInt(0); ok {
		t.Error("bool 0 matched")
	}
	if _, ok := b.MatchInt(2); !ok {
		t.Error("bool 2 did not match")
	}
	v := mustPatterns(t, MatchVer, false, "3.1:3.3")
	if _, ok := v.MatchInt(3<<16 | 2); !ok {
		t.Error("3.2 in 3.1:3.3")
	}
}

func TestMatchIP(t *testing.T) {
	p := mustPatterns(t, MatchIP, false, "10.0.0.0/8", "10.1.0.0/16", "192.168.0.0/255.255.0.255", "2001:db8::/32", "::ffff:172.16.0.0/108")
	cases := map[string]int{
		"10.2.3.4":         0,
		"10.1.2.3":         1, // longest prefix
		"192.168.7.0":      2, // non-contiguous mask, list
		"192.168.7.1":      -1,
		"2001:db8::1":      3,
		"::ffff:10.1.0.1":  1, // mapped IPv6 sample tries IPv4 networks
		"2002:0a01:0001::": 1, // 6to4
		"172.16.0.1":       4, // IPv4 sample tries ::ffff: IPv6 networks
		"8.8.8.8":          -1,
	}
	for in, want := range cases {
		idx, ok := p.MatchIP(netip.MustParseAddr(in))
		if !ok {
			idx = -1
		}
		if idx != want {
			t.Errorf("%s: got %d want %d", in, idx, want)
		}
	}
}

func TestPatternErrors(t *testing.T) {
	// Texts from haproxy 2.6.12 (acl a <fetch> <pattern>).
	cases := []struct {
		m    Method
		pat  string
		want string
	}{
		{MatchInt, "x", "'x' is not a number"},
		{MatchInt, "80:70", "'80:70' is not a valid number range"},
		{MatchInt, ":", "':' is not a valid number range"},
		{MatchInt, "1:2:3", "'1:2:3' is not a valid number range"},
		{MatchInt, "0x10", "'0x10' is not a number"},
		{MatchInt, "+5", "'+5' is not a number"},
		{MatchInt, "99999999999999999999", "'99999999999999999999' is not a number"},
		{MatchInt, "-i", "'-i' is not a valid number range"},
		{MatchInt, "1-", ""},
		{MatchInt, "-5", ""},
		{MatchVer, "3.", "'3.' is not a dotted number"},
		{MatchVer, ".1", "'.1' is not a dotted number"},
		{MatchVer, "70000.0", "'70000.0' is not a dotted number"},
		{MatchVer, "3.1-3.2", ""},
		{MatchIP, "1.2.3.4/33", "'1.2.3.4/33' is not a valid IPv4 or IPv6 address"},
		{MatchIP, "::1/129", "'::1/129' is not a valid IPv4 or IPv6 address"},
		{MatchIP, "256.1.1.1", "'256.1.1.1' is not a valid IPv4 or IPv6 address"},
		{MatchIP, "fe80::1%eth0", "'fe80::1%eth0' is not a valid IPv4 or IPv6 address"},
		{MatchIP, "1.2.3.4/", "'1.2.3.4/' is not a valid IPv4 or IPv6 address"},
		{MatchIP, "1.2.3.4/255.0.255.0", ""},
		{MatchBin, "zz", "an hex digit is expected (found 'z')"},
		{MatchBin, "0", "an even number of hex digit is expected"},
		{MatchReg, "(", "regex '(' is invalid (error=missing closing parenthesis, erroffset=1)"},
	}
	for _, tc := range cases {
		err := NewPatterns(tc.m, false).Add(tc.pat, nil)
		got := ""
		if err != nil {
			got = err.Error()
		}
		if got != tc.want {
			t.Errorf("%v %q: got %q want %q", tc.m, tc.pat, got, tc.want)
		}
	}
}

func TestInetAton(t *testing.T) {
	for in, want := range map[string]string{"10": "0.0.0.10", "1.2.3": "1.2.0.3", "01.2.3.4": "1.2.3.4", "0x7f.1": "127.0.0.1"} {
		v, ok := inetAton(in)
		got := fmt.Sprintf("%d.%d.%d.%d", v>>24, v>>16&255, v>>8&255, v&255)
		if !ok || got != want {
			t.Errorf("%s: %s %v", in, got, ok)
		}
	}
}

func mustAddr(s string) netip.Addr { return netip.MustParseAddr(s) }
