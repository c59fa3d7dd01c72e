package balance

import (
	"net/netip"
	"testing"
)

func TestURIKey(t *testing.T) {
	for _, tc := range []struct {
		spec Spec
		uri  string
		want string
	}{
		{Spec{}, "/a/b?c=1", "/a/b"},
		{Spec{URIWhole: true}, "/a/b?c=1", "/a/b?c=1"},
		{Spec{URILen: 3}, "/abcdef", "/ab"},
		{Spec{URIDepth: 2}, "/a/b/c/d", "/a/b"},
		{Spec{URIDepth: 1}, "/a/b", "/a"},
		{Spec{URIDepth: 2}, "/a?x=/y/z", "/a"},
		{Spec{URIDepth: 2, URIWhole: true}, "/a?x/y/z", "/a?x/y"},
		{Spec{}, "http://h/a?q", "http://h/a"},
		{Spec{URIDepth: 3}, "http://h/a/b", "http://h/a"},
		{Spec{URIPathOnly: true}, "http://user@h:80/a/b?q", "/a/b"},
		{Spec{URIPathOnly: true, URIWhole: true}, "https://h/a?q", "/a?q"},
		{Spec{URIPathOnly: true}, "http://h", ""},
		{Spec{URIPathOnly: true}, "h:443", ""},
		{Spec{URIPathOnly: true}, "*", ""},
		{Spec{URIPathOnly: true}, "/plain", "/plain"},
		{Spec{URIPathOnly: true}, "1http://h/x", ""},
	} {
		if got := string(uriKey([]byte(tc.uri), &tc.spec)); got != tc.want {
			t.Errorf("uriKey(%q, %+v) = %q, want %q", tc.uri, tc.spec, got, tc.want)
		}
	}
}

func TestParams(t *testing.T) {
	for _, tc := range []struct {
		uri, want string
		found     bool
	}{
		{"/p?id=42", "42", true},
		{"/p?a=1&id=42&b=2", "42", true},
		{"/p?id=", "", true},
		{"/p?id", "", false},
		{"/p?idx=1", "", false},
		{"/p?x=id=5", "", false},
		{"/p", "", false},
		{"/p?ID=1", "", false},
		{"/p?id=a&id=b", "a", true},
		{"/p?x&id=3", "3", true},
	} {
		got, found := queryParam([]byte(tc.uri), "id")
		if string(got) != tc.want || found != tc.found {
			t.Errorf("queryParam(%q) = %q, %v; want %q, %v", tc.uri, got, found, tc.want, tc.found)
		}
	}
	// In bodies only the value's first character is vetted (HAProxy 2.6).
	for _, tc := range []struct {
		body, want string
		found      bool
	}{
		{"id=abc&x=1", "abc", true},
		{"id= abc", "", true},
		{"id=\x01abc", "", false},
		{"id=a b\x01c&d", "a b\x01c", true},
		{"x=1", "", false},
	} {
		got, found := bodyParam([]byte(tc.body), "id")
		if string(got) != tc.want || found != tc.found {
			t.Errorf("bodyParam(%q) = %q, %v; want %q, %v", tc.body, got, found, tc.want, tc.found)
		}
	}
}

func TestHeaderValue(t *testing.T) {
	for in, want := range map[string]string{
		"  example.com  ":      "example.com",
		"a.com, b.com":         "a.com",
		`"x,y".com, z`:         `"x,y".com`,
		`"x\",y".com, z`:       `"x\",y".com`,
		", b":                  "",
		"\texample.com\t,next": "example.com",
	} {
		if got := string(firstValue([]byte(in))); got != want {
			t.Errorf("firstValue(%q) = %q, want %q", in, got, want)
		}
	}
	for in, want := range map[string]string{
		"www.example.com": "example",
		"example.com":     "example",
		"localhost":       "localhost",
		"a.b.c.d":         "c",
		".leading":        ".leading",
		"trailing.":       "trailing",
		"a..b":            "a.",
		"x.y":             "x",
	} {
		if got := string(domainOnly([]byte(in))); got != want {
			t.Errorf("domainOnly(%q) = %q, want %q", in, got, want)
		}
	}
}

// Source hashing XORs the address's 32-bit words; the golden cases only
// cover IPv4, so IPv6 is checked against the rule itself.
func TestSourceHash(t *testing.T) {
	b, err := New(Spec{Algorithm: Source}, []ServerConfig{{Name: "a", Weight: 1}, {Name: "b", Weight: 1}}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	for addr, want := range map[string]uint32{
		"127.0.0.1":                   0x7f000001,
		"10.1.2.3":                    0x0a010203,
		"::1":                         1,
		"2001:db8::ff00:42:8329":      0x20010db8 ^ 0 ^ 0x0000ff00 ^ 0x00428329,
		"::ffff:192.0.2.1":            0x0000ffff ^ 0xc0000201,
		"fe80::1:2:3:4":               0xfe800000 ^ 0 ^ 0x00010002 ^ 0x00030004,
		"ffff:ffff:ffff:ffff:0:0:0:0": 0,
	} {
		h, ok := b.hashOf(&Request{Src: netip.MustParseAddr(addr)})
		if !ok || h != want {
			t.Errorf("source hash of %s = %#x, %v; want %#x", addr, h, ok, want)
		}
	}
	if _, ok := b.hashOf(&Request{}); ok {
		t.Error("a request without a source address has a source hash")
	}
}

// FuzzRequestKey feeds arbitrary request targets, bodies and header values
// to the key extraction of every hash algorithm: no panic, and every key
// is a piece of its input.
func FuzzRequestKey(f *testing.F) {
	f.Add("/a/b?userid=1&x", "userid=2", "www.example.com")
	f.Add("http://h:80/p?q", "userid= x", " a..b , c")
	f.Add("*", "", `"q,"`)
	f.Fuzz(func(t *testing.T, uri, body, host string) {
		for _, sp := range []Spec{
			{URILen: 7, URIDepth: 2},
			{URIWhole: true, URIPathOnly: true},
			{URIDepth: 1, URIPathOnly: true},
		} {
			if k := uriKey([]byte(uri), &sp); !contains(uri, k) {
				t.Fatalf("uriKey(%q) = %q, not part of the input", uri, k)
			}
		}
		if v, ok := queryParam([]byte(uri), "userid"); ok && !contains(uri, v) {
			t.Fatalf("queryParam(%q) = %q", uri, v)
		}
		if v, ok := bodyParam([]byte(body), "userid"); ok && !contains(body, v) {
			t.Fatalf("bodyParam(%q) = %q", body, v)
		}
		if host == "" {
			return
		}
		v := firstValue([]byte(host))
		if !contains(host, v) {
			t.Fatalf("firstValue(%q) = %q", host, v)
		}
		if len(v) > 0 && !contains(host, domainOnly(v)) {
			t.Fatalf("domainOnly(%q) = %q", v, domainOnly(v))
		}
	})
}

func contains(s string, sub []byte) bool {
	for i := 0; i+len(sub) <= len(s); i++ {
		if s[i:i+len(sub)] == string(sub) {
			return true
		}
	}
	return false
}
