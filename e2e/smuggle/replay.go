package smuggle

import (
	"os"
	"strings"
	"testing"
)

// RunBinary starts bin (the real haproxy or ours: anything taking
// `-db -f cfg`) on a fresh Plan of cases and returns what each case got.
func RunBinary(t testing.TB, bin string, cases []Case) []Outcome {
	t.Helper()
	p := NewPlan(t, cases, DefaultTiming())
	StartProxy(t, bin, p)
	return p.Run(t, 8)
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
