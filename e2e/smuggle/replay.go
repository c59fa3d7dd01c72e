package smuggle

import (
	"errors"
	"os"
	"strings"
	"testing"
)

// RunBinary starts bin (the real haproxy or ours: anything taking
// `-db -f cfg`) on a fresh Plan of cases and returns what each case got.
// A frontend port taken by another process between its reservation and
// the proxy's bind costs a retry on other ports, not a failed test.
func RunBinary(t testing.TB, bin string, cases []Case) []Outcome {
	t.Helper()
	for attempt := 1; ; attempt++ {
		p := NewPlan(t, cases, DefaultTiming())
		err := startProxy(t, bin, p)
		var be errBind
		if errors.As(err, &be) && attempt < 3 {
			t.Logf("retrying on other ports: %v", err)
			continue
		}
		if err != nil {
			t.Fatal(err)
		}
		return p.Run(t, 8)
	}
}

// CompareGolden checks outcomes against the golden files under dir,
// reporting each difference through t, and returns the counts.
func CompareGolden(t testing.TB, dir string, cases []Case, got []Outcome) (passed, failed int) {
	t.Helper()
	for i, c := range cases {
		data, err := os.ReadFile(GoldenPath(dir, c))
		if err != nil {
			t.Errorf("%s/%s: %v (record it with -update)", c.Kind, c.Name, err)
			failed++
			continue
		}
		g, err := DecodeGolden(data)
		if err != nil {
			t.Errorf("%s/%s: %v", c.Kind, c.Name, err)
			failed++
			continue
		}
		if !SameCase(g.Case, c) {
			t.Errorf("%s/%s: the table changed since the golden file was recorded (record it with -update)", c.Kind, c.Name)
			failed++
			continue
		}
		if d := Diff(g.Outcome, got[i]); len(d) > 0 {
			t.Errorf("%s/%s (%s): differs from HAProxy 2.6:\n%s", c.Kind, c.Name, c.Note, strings.Join(d, "\n"))
			failed++
			continue
		}
		passed++
	}
	return passed, failed
}
