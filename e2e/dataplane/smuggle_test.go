package dataplane

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"hakeep/e2e/harness"
	"hakeep/e2e/smuggle"
)

// TestE2ESmuggleOurs replays every recorded case of e2e/smuggle through
// our haproxy and compares what each side got with what the real HAProxy
// 2.6.12 did.
func TestE2ESmuggleOurs(t *testing.T) {
	bin := filepath.Join(harness.Binaries(t), "haproxy")
	dir := smuggle.TestdataDir()
	// HAKEEP_CASES=regexp narrows the run to matching kind/name
	var only *regexp.Regexp
	if re := os.Getenv("HAKEEP_CASES"); re != "" {
		only = regexp.MustCompile(re)
	}
	var goldens []smuggle.Golden
	skipped := 0
	for _, k := range []smuggle.Kind{smuggle.Request, smuggle.Response, smuggle.Error} {
		all, err := smuggle.LoadGolden(dir, k)
		if err != nil {
			t.Fatal(err)
		}
		for _, g := range all {
			if only != nil && !only.MatchString(string(g.Case.Kind)+"/"+g.Case.Name) {
				continue
			}
			// HTTP/2 with prior knowledge needs the h2 mux
			if g.Case.Name == "h2-preface" {
				skipped++
				continue
			}
			goldens = append(goldens, g)
		}
	}
	if len(goldens) == 0 {
		t.Fatal("no golden case recorded")
	}
	cases := make([]smuggle.Case, len(goldens))
	for i, g := range goldens {
		cases[i] = g.Case
	}
	p := smuggle.NewPlan(t, cases, smuggle.DefaultTiming())
	smuggle.StartProxy(t, bin, p)
	got := p.Run(t, 8)
	passed, failed := 0, 0
	for i, g := range goldens {
		if d := smuggle.Diff(g.Outcome, got[i]); len(d) > 0 {
			failed++
			t.Errorf("%s/%s:\n%s", g.Case.Kind, g.Case.Name, strings.Join(d, "\n"))
			continue
		}
		passed++
	}
	t.Logf("%d passed, %d failed (%d skipped: h2-preface needs the h2 mux)", passed, failed, skipped)
}
