package balance_e2e

import (
	"flag"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"
	"testing"

	"hakeep/e2e/harness"
	"hakeep/proxy/balance/golden"
)

var update = flag.Bool("update", false, "rewrite testdata/*.json from the real haproxy")

// TestE2EBalanceGolden runs every case through the real haproxy and
// checks that it still chooses what testdata/ records (or rewrites the
// records with -update). The same records are replayed through
// proxy/balance by its unit tests.
func TestE2EBalanceGolden(t *testing.T) {
	bin := harness.NeedCmd(t, "haproxy")
	out, err := exec.Command(bin, "-v").Output()
	harness.Need(t, err == nil && strings.Contains(string(out), "version 2.6."),
		"the ground truth is HAProxy 2.6, "+bin+" -v says: "+strings.SplitN(string(out), "\n", 2)[0])
	dir := filepath.Join(harness.RepoRoot(t), "e2e", "balance", "testdata")
	if *update {
		if err := os.MkdirAll(dir, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	passed, failed := 0, 0
	seen := map[string]bool{}
	for _, c := range cases() {
		if seen[c.Name] {
			t.Fatalf("duplicate case %q", c.Name)
		}
		seen[c.Name] = true
		ran := false
		ok := t.Run(c.Name, func(t *testing.T) {
			ran = true
			got, err := record(bin, t.TempDir(), c)
			if err != nil {
				t.Fatal(err)
			}
			path := filepath.Join(dir, c.Name+".json")
			if *update {
				if err := got.Save(path); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := golden.Load(path)
			if err != nil {
				t.Fatalf("%v (run with -update to record it)", err)
			}
			compare(t, want, got)
		})
		switch {
		case !ran:
		case ok:
			passed++
		default:
			failed++
		}
	}
	t.Logf("%d passed, %d failed", passed, failed)
}

// compare reports the steps where the real haproxy now differs from the
// record.
func compare(t *testing.T, want, got *golden.Case) {
	t.Helper()
	if !reflect.DeepEqual(withoutAnswers(want), withoutAnswers(got)) {
		t.Fatalf("the record was made for another version of the case: re-record with -update")
	}
	var diffs []string
	for i := range want.Steps {
		if want.Steps[i].Got != got.Steps[i].Got {
			diffs = append(diffs, stepString(i, &got.Steps[i])+": recorded "+want.Steps[i].Got+", haproxy now "+got.Steps[i].Got)
		}
	}
	if len(diffs) > 0 {
		t.Errorf("%d of %d steps differ:\n%s", len(diffs), len(want.Steps), strings.Join(diffs, "\n"))
	}
}

func stepString(i int, s *golden.Step) string {
	var b strings.Builder
	b.WriteString("step ")
	b.WriteString(strconv.Itoa(i))
	if s.Req != nil {
		b.WriteString(" " + s.Req.Method + " " + s.Req.URI + " from " + s.Req.Src)
	}
	return b.String()
}

// withoutAnswers is the case as written, without what the proxy chose.
func withoutAnswers(c *golden.Case) *golden.Case {
	out := *c
	out.Steps = append([]golden.Step(nil), c.Steps...)
	for i := range out.Steps {
		out.Steps[i].Got = ""
	}
	return &out
}
