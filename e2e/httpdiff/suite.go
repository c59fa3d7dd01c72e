package httpdiff

import (
	"errors"
	"fmt"
	"os"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"
)

// Suite runs cases through the real haproxy and ours, a few at a time.
type Suite struct {
	Real, Ours string
	// Show logs every real recording (HAKEEP_HTTPDIFF_SHOW=1), to write
	// a case's Want lines.
	Show bool
	run  runner
	sem  chan struct{}
}

// NewSuite runs at most parallel cases at once (each case runs its
// proxies one after the other: under load, side by side was slower).
func NewSuite(real, ours string, parallel int) *Suite {
	if parallel < 1 {
		parallel = 1
	}
	return &Suite{Real: real, Ours: ours, run: runner{pool: newPortPool()}, sem: make(chan struct{}, parallel)}
}

// Diff runs every case through both proxies and requires identical
// recordings; it logs "N passed, N failed" and the failures' names.
func (s *Suite) Diff(t *testing.T, cases []*Case) {
	s.each(t, cases, s.diffCase)
}

// SelfCheck runs every case twice through the real haproxy and requires
// identical recordings containing the case's Want lines.
func (s *Suite) SelfCheck(t *testing.T, cases []*Case) {
	s.each(t, cases, s.selfCheckCase)
}

func (s *Suite) diffCase(t *testing.T, c *Case) error {
	real, errReal := s.run.run(s.Real, c)
	if errReal != nil {
		return fmt.Errorf("the case is broken, the real haproxy failed: %w", errReal)
	}
	s.show(t, real)
	if miss := missingWants(c, real); len(miss) > 0 {
		return fmt.Errorf("the case is broken, the real haproxy's recording lacks:\n\t%s", strings.Join(miss, "\n\t"))
	}
	ours, errOurs := s.run.run(s.Ours, c)
	if errOurs != nil {
		var se *startError
		if errors.As(errOurs, &se) {
			return fmt.Errorf("our haproxy did not run: %w", errOurs)
		}
		return fmt.Errorf("our haproxy: %w", errOurs)
	}
	if d := diff("real", real, "ours", ours); d != "" {
		return fmt.Errorf("recordings differ:\n%s", d)
	}
	return nil
}

func (s *Suite) selfCheckCase(t *testing.T, c *Case) error {
	a, err := s.run.run(s.Real, c)
	if err != nil {
		return fmt.Errorf("first run: %w", err)
	}
	s.show(t, a)
	if miss := missingWants(c, a); len(miss) > 0 {
		return fmt.Errorf("the recording lacks the case's Want lines:\n\t%s\nrecording:\n%s",
			strings.Join(miss, "\n\t"), a.Short())
	}
	b, err := s.run.run(s.Real, c)
	if err != nil {
		return fmt.Errorf("second run: %w", err)
	}
	if d := diff("run1", a, "run2", b); d != "" {
		return fmt.Errorf("not deterministic, two runs of the real haproxy differ:\n%s", d)
	}
	return nil
}

func (s *Suite) show(t *testing.T, r *Recording) {
	if s.Show {
		t.Logf("real haproxy recorded:\n%s", r.Short())
	}
}

// each runs check on every case in a subtest of its own. The checks run
// in a pool of len(s.sem) goroutines queued by the subtests themselves,
// so that -run selects what runs and the pool, not -parallel, sets the
// concurrency.
func (s *Suite) each(t *testing.T, cases []*Case, check func(*testing.T, *Case) error) {
	var mu sync.Mutex
	passed := 0
	var failed []string
	type took struct {
		name string
		d    time.Duration
	}
	var times []took
	start := time.Now()
	t.Cleanup(func() {
		sort.Strings(failed)
		t.Logf("%d passed, %d failed in %v", passed, len(failed), time.Since(start).Round(time.Second))
		if len(failed) > 0 {
			t.Logf("failed: %s", strings.Join(failed, " "))
		}
		// The slowest cases, to keep the suite's time in check.
		sort.Slice(times, func(i, j int) bool { return times[i].d > times[j].d })
		var slow []string
		for i := 0; i < len(times) && i < 8; i++ {
			slow = append(slow, fmt.Sprintf("%s %v", times[i].name, times[i].d.Round(10*time.Millisecond)))
		}
		t.Logf("slowest: %s", strings.Join(slow, ", "))
		// Also on stdout, so that the count shows without -v.
		fmt.Fprintf(os.Stdout, "%s: %d passed, %d failed\n", t.Name(), passed, len(failed))
	})
	seen := map[string]bool{}
	for _, c := range cases {
		if seen[c.Name] {
			t.Fatalf("two cases are named %q", c.Name)
		}
		seen[c.Name] = true
		t.Run(c.Name, func(t *testing.T) {
			done := make(chan error, 1)
			go func() {
				s.sem <- struct{}{}
				defer func() { <-s.sem }()
				began := time.Now()
				err := check(t, c)
				mu.Lock()
				times = append(times, took{c.Name, time.Since(began)})
				mu.Unlock()
				done <- err
			}()
			t.Parallel()
			err := <-done
			mu.Lock()
			if err != nil {
				failed = append(failed, c.Name)
			} else {
				passed++
			}
			mu.Unlock()
			if err != nil {
				t.Error(err)
			}
		})
	}
}
