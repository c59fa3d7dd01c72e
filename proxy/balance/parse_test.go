package balance

import (
	"strings"
	"testing"
)

func TestSetBalance(t *testing.T) {
	for _, tc := range []struct {
		line string
		want Spec
	}{
		{"", Spec{}},
		{"roundrobin", Spec{Algorithm: RoundRobin}},
		{"static-rr", Spec{Algorithm: StaticRR}},
		{"leastconn", Spec{Algorithm: LeastConn}},
		{"first", Spec{Algorithm: First}},
		{"source", Spec{Algorithm: Source}},
		{"random", Spec{Algorithm: Random, Draws: 2}},
		{"random(5)", Spec{Algorithm: Random, Draws: 5}},
		{"random(0x3)", Spec{Algorithm: Random, Draws: 3}},
		{"random()", Spec{Algorithm: Random, Draws: 2}},
		{"uri", Spec{Algorithm: URI}},
		{"uri len 10 depth 3 whole path-only", Spec{Algorithm: URI, URILen: 10, URIDepth: 3, URIWhole: true, URIPathOnly: true}},
		{"url_param userid", Spec{Algorithm: URLParam, Name: "userid"}},
		{"url_param session_id check_post", Spec{Algorithm: URLParam, Name: "session_id", CheckPost: true}},
		{"hdr(Host)", Spec{Algorithm: Header, Name: "Host"}},
		{"hdr(host) use_domain_only", Spec{Algorithm: Header, Name: "host", DomainOnly: true}},
		{"rdp-cookie", Spec{Algorithm: RDPCookie, Name: "mstshash"}},
		{"rdp-cookie(user)", Spec{Algorithm: RDPCookie, Name: "user"}},
		{"hash req.cookie(id)", Spec{Algorithm: Hash, Expr: "req.cookie(id)"}},
	} {
		var s Spec
		if err := s.SetBalance(strings.Fields(tc.line)); err != nil {
			t.Errorf("balance %s: %v", tc.line, err)
			continue
		}
		if s != tc.want {
			t.Errorf("balance %s = %+v, want %+v", tc.line, s, tc.want)
		}
	}
}

func TestSetBalanceErrors(t *testing.T) {
	for line, want := range map[string]string{
		"roundrobins":          "only supports 'roundrobin', 'static-rr', 'leastconn', 'source', 'uri', 'url_param', 'hdr(name)' and 'rdp-cookie(name)' options.",
		"random(0)":            "random : number of draws must be at least 1.",
		"random(3":             "random : missing closing parenthesis.",
		"random(3x)":           "random : unexpected character 'x' after argument.",
		"uri len 0":            "uri : 'len' expects a positive integer (got '0').",
		"uri depth":            "uri : 'depth' expects a positive integer (got '').",
		"uri full":             "uri only accepts parameters 'len', 'depth', 'path-only', and 'whole' (got 'full').",
		"url_param":            "url_param requires an URL parameter name.",
		"url_param id post":    "url_param only accepts 'check_post' modifier (got 'post').",
		"hdr()":                "hdr requires an http header field name.",
		"hdr(host) domain":     "hdr(host) only accepts 'use_domain_only' modifier (got 'domain').",
		"rdp-cookie()":         "rdp-cookie : missing cookie name.",
		"hash":                 "hash requires a sample expression.",
		"hash req.hdr(a) more": "hash takes no other argument (got 'more').",
	} {
		var s Spec
		err := s.SetBalance(strings.Fields(line))
		if err == nil || err.Error() != want {
			t.Errorf("balance %s: error %v, want %q", line, err, want)
		}
	}
}

// The balance and hash-type lines set independent parts, in any order.
func TestSetHashType(t *testing.T) {
	for _, tc := range []struct {
		line string
		want Spec
	}{
		{"map-based", Spec{Func: SDBM}},
		{"consistent", Spec{Consistent: true, Func: SDBM, Avalanche: true}},
		{"consistent sdbm", Spec{Consistent: true, Func: SDBM}},
		{"consistent djb2 avalanche", Spec{Consistent: true, Func: DJB2, Avalanche: true}},
		{"map-based wt6", Spec{Func: WT6}},
		{"map-based crc32 avalanche", Spec{Func: CRC32, Avalanche: true}},
	} {
		s := Spec{Algorithm: URI, URIWhole: true}
		if err := s.SetHashType(strings.Fields(tc.line)); err != nil {
			t.Errorf("hash-type %s: %v", tc.line, err)
			continue
		}
		tc.want.Algorithm, tc.want.URIWhole = URI, true
		if s != tc.want {
			t.Errorf("hash-type %s = %+v, want %+v", tc.line, s, tc.want)
		}
		if err := s.SetBalance([]string{"source"}); err != nil || s.Consistent != tc.want.Consistent || s.Func != tc.want.Func {
			t.Errorf("balance after hash-type %s lost the hash settings: %+v", tc.line, s)
		}
	}
	for line, want := range map[string]string{
		"":                      "'hash-type' only supports 'consistent' and 'map-based'.",
		"ring":                  "'hash-type' only supports 'consistent' and 'map-based'.",
		"consistent md5":        "'hash-type' only supports 'sdbm', 'djb2', 'crc32', or 'wt6' hash functions.",
		"consistent sdbm extra": "'hash-type' only supports 'avalanche' as a modifier for hash functions.",
	} {
		var s Spec
		if err := s.SetHashType(strings.Fields(line)); err == nil || err.Error() != want {
			t.Errorf("hash-type %q: error %v, want %q", line, err, want)
		}
	}
}
