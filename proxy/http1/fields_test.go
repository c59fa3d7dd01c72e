package http1

import "testing"

func TestParseContentLength(t *testing.T) {
	tests := []struct {
		in    string
		seen  bool
		known uint64
		res   clResult
		n     uint64
		kept  string
	}{
		{"5", false, 0, clIndex, 5, "5"},
		{" 0005 ", false, 0, clIndex, 5, "0005"},
		{"5, 5,5", false, 0, clIndex, 5, "5"},
		{"5", true, 5, clSkip, 5, "5"},
		{"18446744073709551615", false, 0, clIndex, 1<<64 - 1, "18446744073709551615"},
		{"18446744073709551616", false, 0, clInvalid, 0, ""},
		{"5", true, 6, clInvalid, 0, ""},
		{"5, 6", false, 0, clInvalid, 0, ""},
		{"", false, 0, clInvalid, 0, ""},
		{"5,", false, 0, clInvalid, 0, ""},
		{",5", false, 0, clInvalid, 0, ""},
		{"+5", false, 0, clInvalid, 0, ""},
		{"5 5", false, 0, clInvalid, 0, ""},
		{"0x5", false, 0, clInvalid, 0, ""},
	}
	for _, tc := range tests {
		res, n, off, ln := parseContentLength([]byte(tc.in), tc.seen, tc.known)
		kept := ""
		if res != clInvalid {
			kept = tc.in[off : off+ln]
		}
		if res != tc.res || n != tc.n && res != clInvalid || kept != tc.kept {
			t.Errorf("%q: res %d n %d kept %q; want %d %d %q", tc.in, res, n, kept, tc.res, tc.n, tc.kept)
		}
	}
}

func TestParseTransferEncoding(t *testing.T) {
	tests := []struct {
		in       string
		response bool
		flags    Flags
		ok       bool
	}{
		{"chunked", false, FlagTransferEncoding | FlagTEChunked | FlagChunked, true},
		{"Chunked ", false, FlagTransferEncoding | FlagTEChunked | FlagChunked, true},
		{"gzip, chunked", false, FlagTransferEncoding | FlagTEChunked | FlagChunked | FlagTEOther, true},
		{",chunked", false, FlagTransferEncoding | FlagTEChunked | FlagChunked | FlagTEOther, true},
		{"chunked,", false, FlagTransferEncoding | FlagTEChunked | FlagChunked, true},
		{"identity", false, FlagTransferEncoding | FlagTEOther, true},
		{"chunked, gzip", false, FlagTransferEncoding | FlagTEChunked, false},
		{"chunked, gzip", true, FlagTransferEncoding | FlagTEChunked | FlagTEOther, true},
		{"chunked, chunked", true, FlagTransferEncoding | FlagTEChunked, false},
		{"", false, 0, false},
		{`"a,chunked"`, false, FlagTransferEncoding | FlagTEOther, true},
	}
	for _, tc := range tests {
		f, r := parseTransferEncoding([]byte(tc.in), 0, tc.response)
		if f != tc.flags || (r == teOK) != tc.ok {
			t.Errorf("%q (response %v): flags %#x ok %v; want %#x %v", tc.in, tc.response, f, r == teOK, tc.flags, tc.ok)
		}
	}
	// chunked twice across two lines
	f, _ := parseTransferEncoding([]byte("chunked"), 0, false)
	if _, r := parseTransferEncoding([]byte("chunked"), f, false); r != teInvalid {
		t.Error("a second chunked line must be refused")
	}
}

func TestCleanConnection(t *testing.T) {
	tests := []struct{ in, want string }{
		{"close", ""},
		{"keep-alive, Upgrade", "Upgrade"},
		{"Upgrade, close", "Upgrade"},
		{"X-A , close, X-B", "X-A ,X-B"},
		{"a, b", "a, b"},
		{"close, a, keep-alive, b", "a,b"},
		{`"x,close", close`, `"x,close"`},
	}
	for _, tc := range tests {
		v := []byte(tc.in)
		if got := string(cleanConnection(v)); got != tc.want {
			t.Errorf("%q: %q, want %q", tc.in, got, tc.want)
		}
	}
	f := parseConnection([]byte("Keep-Alive, UPGRADE, x"), 0)
	if f != FlagConnKeepAlive|FlagConnUpgrade {
		t.Errorf("flags %#x", f)
	}
}

func TestAuthority(t *testing.T) {
	hp := func(s string) string {
		h, p, ok := hostPort([]byte(s))
		if !ok {
			return "-"
		}
		return string(h) + "|" + string(p)
	}
	for in, want := range map[string]string{
		"a:80": "a|80", "a:": "-", ":80": "-", "80": "-", "[::1]:443": "[::1]|443", "[::1]": "-", "a": "-",
	} {
		if got := hp(in); got != want {
			t.Errorf("hostPort(%q) = %s, want %s", in, got, want)
		}
	}
	for in, want := range map[string]string{
		"http://u@a:80/x": "a:80", "a:443": "a:443", "a/b": "a", "https://a": "a",
	} {
		off, n, ok := uriAuthority([]byte(in))
		if !ok || in[off:off+n] != want {
			t.Errorf("uriAuthority(%q) = %q", in, in[off:off+n])
		}
	}
	if _, _, ok := uriAuthority([]byte("/x")); ok {
		t.Error("origin-form has no authority")
	}
	if !authorityMatchesHost([]byte("http"), []byte("a:80"), []byte("A")) ||
		authorityMatchesHost([]byte("http"), []byte("a:8080"), []byte("a")) ||
		authorityMatchesHost(nil, []byte("a:80"), []byte("a")) {
		t.Error("authorityMatchesHost")
	}
	if ok, n := connectAuthorityOK([]byte("a:443"), []byte("a:443"), true); !ok || n != 1 {
		t.Errorf("connect default port: %v %d", ok, n)
	}
	if ok, _ := connectAuthorityOK([]byte("a:8443"), []byte("a"), true); ok {
		t.Error("connect non-default port needs it in Host")
	}
}
