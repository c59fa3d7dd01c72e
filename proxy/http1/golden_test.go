package http1

import (
	"errors"
	"strings"
	"testing"

	"hakeep/e2e/smuggle"
)

// TestGoldenSmuggle replays every recorded exchange of e2e/smuggle
// through the codec (sim_test.go) and requires HAProxy 2.6's outcome:
// the bytes the client and the server got and who closed. Cases that
// depend on timers are reported, not replayed.
func TestGoldenSmuggle(t *testing.T) {
	dir := smuggle.TestdataDir()
	total, passed, skipped := 0, 0, 0
	for _, kind := range []smuggle.Kind{smuggle.Request, smuggle.Response, smuggle.Error} {
		gs, err := smuggle.LoadGolden(dir, kind)
		if err != nil {
			t.Fatal(err)
		}
		if len(gs) == 0 {
			t.Fatalf("no golden files for %s under %s", kind, dir)
		}
		for _, g := range gs {
			total++
			name := string(kind) + "/" + g.Case.Name
			got, err := simulate(g)
			var sk skip
			if errors.As(err, &sk) {
				if sk == skipH2 && g.Case.Name != "h2-preface" {
					t.Errorf("%s: unexpected HTTP/2 preface", name)
					continue
				}
				skipped++
				t.Logf("%s: not replayed: %v", name, sk)
				continue
			}
			if err != nil {
				t.Errorf("%s: %v", name, err)
				continue
			}
			if d := smuggle.Diff(g.Outcome, got); len(d) > 0 {
				t.Errorf("%s (%s):\n%s", name, g.Case.Note, strings.Join(d, "\n"))
				continue
			}
			passed++
		}
	}
	t.Logf("%d cases: %d match HAProxy 2.6, %d differ, %d not replayed", total, passed, total-passed-skipped, skipped)
}
