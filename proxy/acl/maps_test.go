package acl

import (
	"fmt"
	"net/netip"
	"os"
	"path/filepath"
	"testing"

	"hakeep/proxy/sample"
)

func TestLoadMap(t *testing.T) {
	dir := t.TempDir()
	write := func(name, body string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	m1 := write("m1.map", "a 1\nb x\n")
	m2 := write("m2.map", "# c\n  k1   v 1  \nk2\n\n  \nk3 v3\n")
	m3 := write("m3.map", "10.0.0.0/8 a\nzz b\n")
	m4 := write("m4.map", "10.0.0.0/8 a\n10.1.0.0/16 b\n")
	c, _ := testContext(t)
	reg := c.Registry
	// Texts from haproxy 2.6.12 (invalid args in converter 'X' : <text>).
	cases := []struct{ conv, file, err string }{
		{"map_str", m1, ""},
		{"map_str_int", m1, "unable to parse 'x' at line 2 of file '" + m1 + "'"},
		{"map_int", m1, "'a' is not a number at line 1 of file '" + m1 + "'"},
		{"map_ip", m3, "'zz' is not a valid IPv4 or IPv6 address at line 2 of file '" + m3 + "'"},
		{"map_str", m2, ""},
		{"map_reg", m3, ""},
		{"map_str_ip", m1, "unable to parse '1' at line 1 of file '" + m1 + "'"},
		{"map_str", "/nonexist", "failed to open pattern file </nonexist>"},
	}
	for _, tc := range cases {
		_, err := c.Env.LoadMap(reg.Converter(tc.conv), tc.file, c.Context)
		got := ""
		if err != nil {
			got = err.Error()
		}
		if got != tc.err {
			t.Errorf("%s(%s): got %q want %q", tc.conv, tc.file, got, tc.err)
		}
	}
	m, err := c.Env.LoadMap(reg.Converter("map_str"), m2, c.Context)
	if err != nil {
		t.Fatal(err)
	}
	if v, ok := m.(*Map).LookupString([]byte("k1")); !ok || v.Str != "v 1" {
		t.Errorf("k1: %+v", v)
	}
	if v, ok := m.(*Map).LookupString([]byte("k2")); !ok || v.Str != "" {
		t.Errorf("k2: %+v", v)
	}
	ip, err := c.Env.LoadMap(reg.Converter("map_ip"), m4, c.Context)
	if err != nil {
		t.Fatal(err)
	}
	if v, ok := ip.(*Map).LookupIP(netip.MustParseAddr("10.1.2.3")); !ok || v.Str != "b" {
		t.Errorf("ip: %+v", v)
	}
	// The converter path goes through the context's loader.
	sc := c.Context.With(sample.ArgHRQ)
	if _, _, err := sc.ParseExpr([]string{"var(txn.y),map_int(" + m1 + ")"}, 0); err == nil ||
		err.Error() != "invalid args in converter 'map_int' : 'a' is not a number at line 1 of file '"+m1+"'" {
		t.Errorf("converter: %v", err)
	}
	// The same file cannot be both one and two columns.
	if _, err := Declare([]string{"x", "path", "-f", m1}, c); err == nil {
		t.Error("m1 reused as one column file")
	}
}

func TestMapKinds(t *testing.T) {
	pairs := [][2]string{{"example.com", "dom"}, {"/api", "beg"}}
	m, err := NewMap(MatchDom, sample.Str, pairs[:1])
	if err != nil {
		t.Fatal(err)
	}
	if v, ok := m.LookupString([]byte("www.example.com")); !ok || v.Str != "dom" {
		t.Error("map_dom")
	}
	m, _ = NewMap(MatchBeg, sample.Str, pairs[1:])
	if v, ok := m.LookupString([]byte("/api/x")); !ok || v.Str != "beg" {
		t.Error("map_beg")
	}
	m, _ = NewMap(MatchInt, sample.SInt, [][2]string{{"1:10", "5"}})
	if v, ok := m.LookupInt(7); !ok || v.Int != 5 {
		t.Error("map_int_int")
	}
	if _, err := NewMap(MatchStr, sample.SInt, [][2]string{{"a", "1x"}}); err == nil {
		t.Error("bad int value accepted")
	}
	_ = fmt.Sprint
}
