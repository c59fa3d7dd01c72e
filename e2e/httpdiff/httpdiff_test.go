package httpdiff

import (
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"hakeep/e2e/harness"
)

// newSuite finds the real haproxy (2.6 is the ground truth) and, when
// ours is wanted, builds it.
func newSuite(t *testing.T, withOurs bool) *Suite {
	t.Helper()
	real := harness.NeedCmd(t, "haproxy")
	out, err := exec.Command(real, "-v").Output()
	harness.Need(t, err == nil && strings.Contains(string(out), "version 2.6."),
		"the ground truth is HAProxy 2.6, "+real+" -v says: "+strings.SplitN(string(out), "\n", 2)[0])
	// HAKEEP_HTTPDIFF_OURS names a binary already built (to compare a
	// work in progress, or while another package breaks the build).
	ours := os.Getenv("HAKEEP_HTTPDIFF_OURS")
	if withOurs && ours == "" {
		ours = filepath.Join(harness.Binaries(t), "haproxy")
	}
	parallel := 6
	if v, err := strconv.Atoi(os.Getenv("HAKEEP_HTTPDIFF_PARALLEL")); err == nil {
		parallel = v
	}
	s := NewSuite(real, ours, parallel)
	s.Show = os.Getenv("HAKEEP_HTTPDIFF_SHOW") == "1"
	return s
}

// TestE2EHTTPDiffDataPlane is issue 3's acceptance test: the data-plane
// cases through the real haproxy and ours.
func TestE2EHTTPDiffDataPlane(t *testing.T) {
	s := newSuite(t, true)
	s.Diff(t, DataPlaneCases())
}

// TestE2EHTTPDiffRules is issue 4's acceptance test: fetches, matchers,
// converters, actions, cookies and stick tables.
func TestE2EHTTPDiffRules(t *testing.T) {
	s := newSuite(t, true)
	s.Diff(t, RulesCases())
}

// TestE2EHTTPDiffCatchesMutant proves the comparison end to end: "ours"
// is the real haproxy run on a configuration with one extra response
// header, and the diff must name that header.
func TestE2EHTTPDiffCatchesMutant(t *testing.T) {
	s := newSuite(t, false)
	mutant := filepath.Join(t.TempDir(), "mutant-haproxy")
	script := "#!/bin/sh\n# called as: mutant-haproxy -db -f CFG\n" +
		"sed 's/^frontend fe$/frontend fe\\n    http-response set-header X-Mutant 1/' \"$3\" > \"$3.mutant\"\n" +
		"exec " + s.Real + " \"$1\" \"$2\" \"$3.mutant\"\n"
	if err := os.WriteFile(mutant, []byte(script), 0o755); err != nil {
		t.Fatal(err)
	}
	s.Ours = mutant
	var c *Case
	for _, k := range DataPlaneCases() {
		if k.Name == "basic-get" {
			c = k
		}
	}
	err := s.diffCase(t, c)
	if err == nil || !strings.Contains(err.Error(), "x-mutant: 1") {
		t.Fatalf("the diff missed the mutant's header: %v", err)
	}
	s.Ours = s.Real
	if err := s.diffCase(t, c); err != nil {
		t.Fatalf("the real haproxy against itself: %v", err)
	}
}
