package tlsconf

import (
	"crypto/tls"
	"os/exec"
	"strings"
	"testing"
)

// opensslList runs "openssl ciphers -tls1_2 spec" and returns the TLS
// 1.2-and-earlier ciphers it lists, or ok false when openssl refuses the
// string.
func opensslList(t *testing.T, spec string) ([]string, bool) {
	t.Helper()
	out, err := exec.Command("openssl", "ciphers", "-tls1_2", spec).Output()
	if err != nil {
		return nil, false
	}
	var names []string
	for _, n := range strings.Split(strings.TrimSpace(string(out)), ":") {
		if !strings.HasPrefix(n, "TLS_") {
			names = append(names, n)
		}
	}
	return names, true
}

func needOpenSSL(t *testing.T) {
	t.Helper()
	if _, err := exec.LookPath("openssl"); err != nil {
		t.Skip("openssl not installed: the reference is not available")
	}
}

// TestCiphersMatchOpenSSL evaluates cipher strings as the openssl
// command does: same ciphers, same order, same refusals.
func TestCiphersMatchOpenSSL(t *testing.T) {
	needOpenSSL(t)
	specs := []string{
		"DEFAULT",
		"DEFAULT:!RSA",
		"HIGH:!aNULL:!MD5",
		"ECDHE+AESGCM:ECDHE+CHACHA20:!aNULL",
		"ECDHE-ECDSA-AES128-GCM-SHA256:ECDHE-RSA-AES128-GCM-SHA256:ECDHE-ECDSA-AES256-GCM-SHA384:ECDHE-RSA-AES256-GCM-SHA384:ECDHE-ECDSA-CHACHA20-POLY1305:ECDHE-RSA-CHACHA20-POLY1305:DHE-RSA-AES128-GCM-SHA256:DHE-RSA-AES256-GCM-SHA384",
		"ALL:-AES128:AES128",
		"AES:+AES256:@STRENGTH",
		"kRSA:!aNULL",
		"ECDHE+AES256:!SHA1",
		"ALL:@STRENGTH:+kRSA",
		"HIGH:!kRSA:!aNULL:@SECLEVEL=2",
		"TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256:AES128-SHA",
		"NOSUCH",
		"NOSUCH:AES256-SHA",
		"TLSv1.2+ECDHE",
		"SSLv3:!DHE",
		"ECDHE-RSA-AES128-SHA,ECDHE-RSA-AES256-SHA AES128-SHA;AES256-SHA",
		"!ALL:ECDHE-RSA-AES128-SHA",
		"CHACHA20:AESGCM:-ECDSA:ECDSA",
		"RC4:3DES",
		"HIGH:%x",
	}
	for _, spec := range specs {
		want, ok := opensslList(t, spec)
		got, _, err := evalCiphers(spec)
		if !ok {
			if err == nil {
				t.Errorf("%q: openssl refuses it, we select %d ciphers", spec, len(got))
			}
			continue
		}
		if err != nil {
			t.Errorf("%q: %v, openssl selects %v", spec, err, want)
			continue
		}
		var names []string
		for _, c := range got {
			names = append(names, c.name)
		}
		if strings.Join(names, ":") != strings.Join(want, ":") {
			t.Errorf("%q:\n got %v\nwant %v", spec, names, want)
		}
	}
}

// TestCipherTableMatchesOpenSSL checks the generated table: the same
// ciphers as OpenSSL, and for every alias the same members in the same
// order.
func TestCipherTableMatchesOpenSSL(t *testing.T) {
	needOpenSSL(t)
	all, _ := opensslList(t, "ALL:COMPLEMENTOFALL:@SECLEVEL=0")
	table := opensslCiphers()
	if len(all) != len(table) {
		t.Fatalf("openssl lists %d ciphers, the table %d", len(all), len(table))
	}
	aliases := map[string]bool{}
	for _, c := range table {
		for _, a := range strings.Fields(c.aliases) {
			aliases[a] = true
		}
	}
	for a := range aliases {
		want, _ := opensslList(t, a+":@SECLEVEL=0")
		var got []string
		for _, c := range table {
			if strings.Contains(" "+c.aliases+" ", " "+a+" ") {
				got = append(got, c.name)
			}
		}
		if strings.Join(got, ":") != strings.Join(want, ":") {
			t.Errorf("alias %s:\n got %v\nwant %v", a, got, want)
		}
	}
}

func TestParseCiphersMapsOntoGo(t *testing.T) {
	// Debian's default ssl-default-bind-ciphers (Mozilla intermediate)
	cl, err := ParseCiphers("ECDHE-ECDSA-AES128-GCM-SHA256:ECDHE-RSA-AES128-GCM-SHA256:ECDHE-ECDSA-AES256-GCM-SHA384:ECDHE-RSA-AES256-GCM-SHA384:ECDHE-ECDSA-CHACHA20-POLY1305:ECDHE-RSA-CHACHA20-POLY1305:DHE-RSA-AES128-GCM-SHA256:DHE-RSA-AES256-GCM-SHA384")
	if err != nil {
		t.Fatal(err)
	}
	want := []uint16{tls.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256, tls.TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256,
		tls.TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384, tls.TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384,
		tls.TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256, tls.TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256}
	if len(cl.Suites) != len(want) {
		t.Fatalf("suites %x, want %x", cl.Suites, want)
	}
	for i := range want {
		if cl.Suites[i] != want[i] {
			t.Fatalf("suites %x, want %x", cl.Suites, want)
		}
	}
	if strings.Join(cl.Unsupported, ",") != "DHE-RSA-AES128-GCM-SHA256,DHE-RSA-AES256-GCM-SHA384" {
		t.Errorf("unsupported %v", cl.Unsupported)
	}
	// anonymous and PSK ciphers are never negotiated: not reported
	cl, err = ParseCiphers("ADH:PSK:AES128-SHA")
	if err != nil || len(cl.Unsupported) != 0 || len(cl.Suites) != 1 {
		t.Errorf("ADH:PSK:AES128-SHA: %v %v %v", cl, cl.Unsupported, err)
	}
	if _, err := ParseCiphers("NOSUCH"); err == nil {
		t.Error("a string selecting nothing must be refused")
	}
}
