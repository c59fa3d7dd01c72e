package hacheck

import (
	"fmt"
	"path/filepath"
	"sort"
	"testing"

	"hakeep/e2e/harness"
)

// TestE2ELiveDifferential runs the installed haproxy 2.6 and hakeep's
// haproxy with -c on every configuration of testdata/haproxy (small files,
// each exercising one check) and on the seed configurations. For the
// testdata both must agree on the exit status and on the first alert's
// exact text; for the seeds, on the exit status and the first alert's
// place.
func TestE2ELiveDifferential(t *testing.T) {
	real := harness.NeedCmd(t, "haproxy")
	ours := ourHAProxy(t)
	netns := isolated(t)

	type set struct {
		dir    string
		files  []string
		strict bool
	}
	td := filepath.Join(harness.RepoRoot(t), "testdata", "haproxy")
	tdFiles, _ := filepath.Glob(filepath.Join(td, "*.cfg"))
	harness.Need(t, len(tdFiles) > 0, "no testdata/haproxy/*.cfg")
	seeds, _ := filepath.Glob(filepath.Join(harness.SharedDir(t), "seeds", "haproxy-*.cfg"))
	harness.Need(t, len(seeds) > 0, "no seeds in "+harness.SharedDir(t))
	sets := []set{{td, tdFiles, true}, {filepath.Dir(seeds[0]), seeds, false}}

	pass, fail := 0, 0
	for _, s := range sets {
		sort.Strings(s.files)
		for _, f := range s.files {
			name := filepath.Base(f)
			want := check(t, real, s.dir, name, netns)
			got := check(t, ours, s.dir, name, netns)
			ok := sameVerdict(want, got)
			if ok && s.strict {
				ok = want.firstAlert == got.firstAlert
			}
			if ok {
				pass++
				continue
			}
			fail++
			t.Errorf("%s:\n\treal  %d %q\n\thakeep %d %q", name, want.exit, want.firstAlert, got.exit, got.firstAlert)
		}
	}
	fmt.Printf("live differential: %d passed, %d failed\n", pass, fail)
}
