package hexpr

import (
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"hakeep/e2e/harness"
	"hakeep/proxy/sample"
)

var alertPrefix = regexp.MustCompile(`^\[ALERT\]\s+\(\d+\) : (config : )?`)

// runHAProxy checks the configuration with the real haproxy and returns
// whether it was accepted and its alerts (prefix removed).
func runHAProxy(t *testing.T, bin, cfg string) (bool, []string) {
	t.Helper()
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "t.cfg"), []byte(cfg), 0o644); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(bin, "-c", "-f", "t.cfg")
	cmd.Dir = dir
	out, err := cmd.CombinedOutput()
	code := 0
	if ee, ok := err.(*exec.ExitError); ok {
		code = ee.ExitCode()
		if code < 0 { // haproxy 2.6 crashes on a few invalid lines
			code = 139
		}
	} else if err != nil {
		t.Fatal(err)
	}
	var alerts []string
	for _, l := range strings.Split(string(out), "\n") {
		if !alertPrefix.MatchString(l) {
			continue
		}
		l = alertPrefix.ReplaceAllString(l, "")
		if strings.HasPrefix(l, "Error(s) found in configuration file") || strings.HasPrefix(l, "Fatal errors found") {
			continue
		}
		alerts = append(alerts, l)
	}
	return code == 0 || code == 2, alerts
}

// TestE2EDifferentialRules runs every line of testdata/cases.txt through
// haproxy -c and through our parsers: verdicts must agree, and for
// rejects the first alert must be the same text.
func TestE2EDifferentialRules(t *testing.T) {
	bin := harness.NeedCmd(t, "haproxy")
	data, err := os.ReadFile("testdata/cases.txt")
	if err != nil {
		t.Fatal(err)
	}
	cases := parseCases(string(data))
	reg := sample.NewRegistry()
	pass, fail := 0, 0
	var golden []string
	for _, dc := range cases {
		cfg, nums := dc.build()
		okRef, ref := runHAProxy(t, bin, cfg)
		if okRef {
			golden = append(golden, "ok")
		} else {
			golden = append(golden, ref[0])
		}
		ours := runOurs(dc, nums, reg)
		okOurs := len(ours) == 0
		good := okRef == okOurs
		if good && !okRef {
			// A message may span lines; haproxy's first line is compared.
			mine, _, _ := strings.Cut(ours[0], "\n")
			good = ref[0] == mine
		}
		if good {
			pass++
			continue
		}
		fail++
		t.Errorf("case %q:\n haproxy: ok=%v %q\n ours:    ok=%v %q", dc.src, okRef, first(ref), okOurs, first(ours))
	}
	t.Logf("%d passed, %d failed", pass, fail)
	if os.Getenv("HAKEEP_UPDATE_GOLDEN") == "1" {
		if err := os.WriteFile("testdata/cases.golden", []byte(strings.Join(golden, "\n")+"\n"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// TestDifferentialGolden replays the cases against haproxy 2.6.12's
// recorded verdicts (testdata/cases.golden, written by the E2E test with
// HAKEEP_UPDATE_GOLDEN=1), so that machines without haproxy check them
// too.
func TestDifferentialGolden(t *testing.T) {
	data, err := os.ReadFile("testdata/cases.txt")
	if err != nil {
		t.Fatal(err)
	}
	gold, err := os.ReadFile("testdata/cases.golden")
	if err != nil {
		t.Fatal(err)
	}
	cases := parseCases(string(data))
	want := strings.Split(strings.TrimSuffix(string(gold), "\n"), "\n")
	if len(want) != len(cases) {
		t.Fatalf("%d cases but %d golden lines: regenerate with HAKEEP_UPDATE_GOLDEN=1", len(cases), len(want))
	}
	reg := sample.NewRegistry()
	pass, fail := 0, 0
	for i, dc := range cases {
		_, nums := dc.build()
		ours := runOurs(dc, nums, reg)
		got := "ok"
		if len(ours) > 0 {
			got, _, _ = strings.Cut(ours[0], "\n")
		}
		if got != want[i] {
			fail++
			t.Errorf("case %q:\n want %q\n got  %q", dc.src, want[i], got)
			continue
		}
		pass++
	}
	t.Logf("%d passed, %d failed", pass, fail)
}

func first(s []string) string {
	if len(s) == 0 {
		return ""
	}
	return s[0]
}
