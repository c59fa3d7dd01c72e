package h2

import (
	"encoding/xml"
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"unicode/utf8"

	"hakeep/e2e/harness"
)

// h2specVersion is the h2spec release the conformance run builds from
// the Go module proxy.
const h2specVersion = "github.com/summerwind/h2spec/cmd/h2spec@v2.2.1+incompatible"

// buildH2spec installs h2spec into a temporary directory.
func buildH2spec(t *testing.T) string {
	goBin := harness.NeedCmd(t, "go")
	dir := t.TempDir()
	cmd := exec.Command(goBin, "install", h2specVersion)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "GOBIN="+dir, "GOFLAGS=")
	out, err := cmd.CombinedOutput()
	harness.Need(t, err == nil, fmt.Sprintf("h2spec cannot be built (%v): %s", err, out))
	return filepath.Join(dir, "h2spec")
}

// junit is the part of h2spec's JUnit report the comparison reads.
type junit struct {
	Suites []struct {
		Package string `xml:"package,attr"`
		Cases   []struct {
			Package string    `xml:"package,attr"`
			Name    string    `xml:"classname,attr"`
			Failure *struct{} `xml:"failure"`
			Error   *struct{} `xml:"error"`
			Skipped *struct{} `xml:"skipped"`
		} `xml:"testcase"`
	} `xml:"testsuite"`
}

// runH2spec runs every test, strict ones included, against addr and
// returns each case's verdict by name.
func runH2spec(t *testing.T, bin, addr string) map[string]string {
	host, port, _ := net.SplitHostPort(addr)
	report := filepath.Join(t.TempDir(), "report.xml")
	out, _ := exec.Command(bin, "-S", "-h", host, "-p", port, "-o", "3", "-j", report).CombinedOutput()
	b, err := os.ReadFile(report)
	if err != nil {
		t.Fatalf("h2spec wrote no report: %v\n%s", err, out)
	}
	var r junit
	if err := xml.Unmarshal(xmlChars(b), &r); err != nil {
		t.Fatalf("h2spec's report: %v\n%s", err, out)
	}
	res := map[string]string{}
	for _, s := range r.Suites {
		for i, c := range s.Cases {
			v := "passed"
			switch {
			case c.Skipped != nil:
				v = "skipped"
			case c.Failure != nil || c.Error != nil:
				v = "failed"
			}
			res[fmt.Sprintf("%s #%d %s", c.Package, i+1, c.Name)] = v
		}
	}
	return res
}

// xmlChars replaces the bytes XML 1.0 forbids (control characters but
// tab, CR and LF; invalid UTF-8) with '?': h2spec copies frame payloads
// such as GOAWAY debug data into its report's messages unescaped, and
// encoding/xml refuses the whole report for one NUL.
func xmlChars(b []byte) []byte {
	out := make([]byte, 0, len(b))
	for len(b) > 0 {
		r, n := utf8.DecodeRune(b)
		switch {
		case r == utf8.RuneError && n <= 1, r < 0x20 && r != '\t' && r != '\n' && r != '\r', r == 0xFFFE, r == 0xFFFF:
			out = append(out, '?')
		default:
			out = append(out, b[:n]...)
		}
		b = b[n:]
	}
	return out
}

// TestE2EH2Spec runs h2spec against the real HAProxy's h2 frontend and
// ours (prior knowledge): every case the real one passes must pass
// against ours.
func TestE2EH2Spec(t *testing.T) {
	bin := buildH2spec(t)
	real := realHAProxy(t)
	ours := filepath.Join(harness.Binaries(t), "haproxy")
	j := &journal{}
	be := rawH1(t, j)
	verdicts := map[string]map[string]string{}
	for _, sd := range []struct{ name, bin string }{{"real", real}, {"ours", ours}} {
		fe := freeAddr(t, "127.0.0.1")
		cfg := fmt.Sprintf(`defaults
    mode http
    timeout client 5s
    timeout server 5s
    timeout connect 2s

frontend fe
    bind %s proto h2
    default_backend be

backend be
    server s1 %s
`, fe, be)
		startProxy(t, sd.bin, writeConfig(t, cfg), fe)
		verdicts[sd.name] = runH2spec(t, bin, fe)
	}
	count := func(m map[string]string, v string) int {
		n := 0
		for _, x := range m {
			if x == v {
				n++
			}
		}
		return n
	}
	var names []string
	for n := range verdicts["real"] {
		names = append(names, n)
	}
	sort.Strings(names)
	var diffs []string
	worse := 0
	for _, n := range names {
		r, o := verdicts["real"][n], verdicts["ours"][n]
		if r != o {
			diffs = append(diffs, fmt.Sprintf("  %s: real %s, ours %s", n, r, o))
			if r == "passed" {
				worse++
			}
		}
	}
	fmt.Printf("h2spec: real %d passed, %d failed, %d skipped; ours %d passed, %d failed, %d skipped\n",
		count(verdicts["real"], "passed"), count(verdicts["real"], "failed"), count(verdicts["real"], "skipped"),
		count(verdicts["ours"], "passed"), count(verdicts["ours"], "failed"), count(verdicts["ours"], "skipped"))
	if len(diffs) > 0 {
		fmt.Printf("h2spec differences:\n%s\n", strings.Join(diffs, "\n"))
	}
	if len(verdicts["real"]) < 100 || len(verdicts["ours"]) != len(verdicts["real"]) {
		t.Errorf("h2spec ran %d cases against the real HAProxy and %d against ours", len(verdicts["real"]), len(verdicts["ours"]))
	}
	if worse > 0 {
		t.Errorf("%d h2spec cases pass against the real HAProxy and fail against ours", worse)
	}
}
