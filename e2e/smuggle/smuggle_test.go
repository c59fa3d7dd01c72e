package smuggle

import (
	"flag"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"hakeep/e2e/harness"
)

var (
	update = flag.Bool("update", false, "rewrite testdata/ from the real haproxy")
	only   = flag.String("cases", "", "run only the cases whose kind/name matches this regexp")
)

// selected filters cases by -cases.
func selected(t *testing.T, cases []Case) []Case {
	t.Helper()
	if *only == "" {
		return cases
	}
	re, err := regexp.Compile(*only)
	if err != nil {
		t.Fatalf("-cases: %v", err)
	}
	var out []Case
	for _, c := range cases {
		if re.MatchString(string(c.Kind) + "/" + c.Name) {
			out = append(out, c)
		}
	}
	return out
}

// realHAProxy is the reference binary: /usr/sbin/haproxy unless
// HAKEEP_REAL_HAPROXY names another, and it must be a 2.6.
func realHAProxy(t *testing.T) string {
	t.Helper()
	bin := os.Getenv("HAKEEP_REAL_HAPROXY")
	if bin == "" {
		bin = "/usr/sbin/haproxy"
	}
	out, err := exec.Command(bin, "-v").CombinedOutput()
	harness.Need(t, err == nil, bin+" not runnable (run `make deps` as root)")
	harness.Need(t, strings.Contains(string(out), "HAProxy version 2.6."),
		bin+" is not HAProxy 2.6: "+firstLine(out))
	return bin
}

// TestE2ESmuggleRealHAProxy replays every case through the real HAProxy
// and checks the golden files still hold. With -update it runs the table
// twice, refuses to record a case whose two runs differ, and rewrites
// testdata/.
func TestE2ESmuggleRealHAProxy(t *testing.T) {
	bin := realHAProxy(t)
	cases := selected(t, AllCases())
	dir := TestdataDir()
	got := RunBinary(t, bin, cases)

	if *update {
		again := RunBinary(t, bin, cases)
		unstable := 0
		for i, c := range cases {
			if d := Diff(got[i], again[i]); len(d) > 0 {
				unstable++
				t.Errorf("%s/%s differs between two runs, not recorded:\n%s", c.Kind, c.Name, strings.Join(d, "\n"))
			}
		}
		if unstable > 0 {
			t.FailNow()
		}
		for _, k := range []Kind{Request, Response, Error} {
			if *only == "" {
				// A full run drops the files of cases no longer in the tables.
				old, _ := filepath.Glob(filepath.Join(dir, string(k), "*.golden"))
				for _, f := range old {
					os.Remove(f)
				}
			}
			if err := os.MkdirAll(filepath.Join(dir, string(k)), 0o755); err != nil {
				t.Fatal(err)
			}
		}
		for i, c := range cases {
			if err := os.WriteFile(GoldenPath(dir, c), EncodeGolden(c, got[i]), 0o644); err != nil {
				t.Fatal(err)
			}
		}
		t.Logf("recorded %d cases", len(cases))
		return
	}

	passed, failed := CompareGolden(t, dir, cases, got)
	t.Logf("%d passed, %d failed", passed, failed)
}

// TestE2ESmuggleBinary replays the tables through our haproxy (or the
// binary named by HAKEEP_SMUGGLE_BINARY) and requires the real HAProxy's
// recorded outcome for every case: the acceptance test of the HTTP/1
// data path.
func TestE2ESmuggleBinary(t *testing.T) {
	bin := os.Getenv("HAKEEP_SMUGGLE_BINARY")
	if bin == "" {
		bin = filepath.Join(harness.Binaries(t), "haproxy")
	}
	cases := selected(t, AllCases())
	got := RunBinary(t, bin, cases)
	passed, failed := CompareGolden(t, TestdataDir(), cases, got)
	t.Logf("%s: %d passed, %d failed", bin, passed, failed)
}

// TestCaseTables checks the tables themselves: enough cases, unique
// names, known variants, and that every case survives the golden format.
func TestCaseTables(t *testing.T) {
	counts := map[Kind]int{}
	seen := map[string]bool{}
	for _, c := range AllCases() {
		counts[c.Kind]++
		key := string(c.Kind) + "/" + c.Name
		if seen[key] {
			t.Errorf("duplicate case %s", key)
		}
		seen[key] = true
		if !c.Variant.known() {
			t.Errorf("%s: unknown variant %q", key, c.Variant)
		}
		o := Outcome{Client: []byte("x\x00\xff"), ClientClosed: true, Server: []ServerConn{{Bytes: []byte("\r\n"), Closed: ClosedProxy}}}
		g, err := DecodeGolden(EncodeGolden(c, o))
		if err != nil {
			t.Errorf("%s: %v", key, err)
			continue
		}
		if !SameCase(g.Case, c) || len(Diff(o, g.Outcome)) > 0 {
			t.Errorf("%s: golden round trip lost something", key)
		}
	}
	if counts[Request] < 60 || counts[Response] < 15 {
		t.Errorf("tables too small: %d requests, %d responses", counts[Request], counts[Response])
	}
	t.Logf("%d request, %d response, %d error cases", counts[Request], counts[Response], counts[Error])
}
