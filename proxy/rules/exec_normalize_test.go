package rules

import "testing"

// TestNormalizeExamples runs the examples of configuration.txt 4.2
// "http-request normalize-uri" through the normalizers.
func TestNormalizeExamples(t *testing.T) {
	for _, c := range []struct {
		norm, opt, in, want string
		bad                 bool
	}{
		{"path-strip-dot", "", "/.", "/", false},
		{"path-strip-dot", "", "/./bar/", "/bar/", false},
		{"path-strip-dot", "", "/a/./a", "/a/a", false},
		{"path-strip-dot", "", "/.well-known/", "/.well-known/", false},
		{"path-strip-dotdot", "", "/foo/../", "/", false},
		{"path-strip-dotdot", "", "/foo/../bar/", "/bar/", false},
		{"path-strip-dotdot", "", "/foo/bar/../", "/foo/", false},
		{"path-strip-dotdot", "", "/../bar/", "/../bar/", false},
		{"path-strip-dotdot", "", "/bar/../../", "/../", false},
		{"path-strip-dotdot", "", "/foo//../", "/foo/", false},
		{"path-strip-dotdot", "", "/foo/%2E%2E/", "/foo/%2E%2E/", false},
		{"path-strip-dotdot", "", "/a/../b/c?x=/../", "/b/c?x=/../", false},
		{"path-strip-dotdot", "full", "/../bar/", "/bar/", false},
		{"path-strip-dotdot", "full", "/bar/../../", "/", false},
		{"path-merge-slashes", "", "//", "/", false},
		{"path-merge-slashes", "", "/foo//bar", "/foo/bar", false},
		{"percent-decode-unreserved", "", "/%61dmin", "/admin", false},
		{"percent-decode-unreserved", "", "/foo%3Fbar=baz", "/foo%3Fbar=baz", false},
		{"percent-decode-unreserved", "", "/%%36%36", "/%66", false},
		{"percent-decode-unreserved", "", "/%ZZ", "/%ZZ", false},
		{"percent-decode-unreserved", "strict", "/%%36%36", "", true},
		{"percent-decode-unreserved", "strict", "/%ZZ", "", true},
		{"percent-to-uppercase", "", "/%6f", "/%6F", false},
		{"percent-to-uppercase", "", "/%zz", "/%zz", false},
		{"percent-to-uppercase", "strict", "/%zz", "", true},
		{"query-sort-by-name", "", "/?c=3&a=1&b=2", "/?a=1&b=2&c=3", false},
		{"query-sort-by-name", "", "/?aaa=3&a=1&aa=2", "/?a=1&aa=2&aaa=3", false},
		{"query-sort-by-name", "", "/?a=3&b=4&a=1&b=5&a=2", "/?a=3&a=1&a=2&b=4&b=5", false},
		{"fragment-encode", "", "/#foo", "/%23foo", false},
		{"fragment-strip", "", "/#foo", "/", false},
	} {
		m := &fakeMsg{uri: []byte(c.in)}
		tx := &Txn{Req: m}
		v := tx.normalizeURI(&Normalize{Normalizer: c.norm, Option: c.opt})
		if c.bad {
			if v != BadReq {
				t.Errorf("%s %s %q: %v, want badreq", c.norm, c.opt, c.in, v)
			}
			continue
		}
		if v != Continue || string(m.uri) != c.want {
			t.Errorf("%s %s %q: %v %q, want %q", c.norm, c.opt, c.in, v, m.uri, c.want)
		}
	}
}
