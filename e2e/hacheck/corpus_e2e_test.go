package hacheck

import (
	"bufio"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"

	"hakeep/e2e/harness"
)

// corpusCase is one line of haproxy.expect.tsv: a file and what Debian's
// haproxy 2.6.12 said about it (../shared/corpus/README.md).
type corpusCase struct {
	file string
	want verdict
}

func readExpect(t *testing.T, path string) []corpusCase {
	f, err := os.Open(path)
	harness.Need(t, err == nil, "corpus missing: "+path)
	defer f.Close()
	var out []corpusCase
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for first := true; sc.Scan(); first = false {
		if first {
			continue
		}
		cols := strings.SplitN(sc.Text(), "\t", 3)
		if len(cols) < 2 {
			continue
		}
		exit, _ := strconv.Atoi(cols[1])
		c := corpusCase{file: cols[0], want: verdict{exit: exit}}
		if len(cols) == 3 {
			c.want.firstAlert = cols[2]
		}
		out = append(out, c)
	}
	return out
}

// TestE2ECorpusAgreement runs hakeep's `haproxy -c -f FILE` on every
// configuration of the shared corpus, from inside its folder as the
// recorded run was, and compares exit statuses and, for refused
// configurations, the place of the first alert. The known differences
// are documented in docs/COMPAT-haproxy-differences.md.
func TestE2ECorpusAgreement(t *testing.T) {
	corpus := filepath.Join(harness.SharedDir(t), "corpus")
	cases := readExpect(t, filepath.Join(corpus, "haproxy.expect.tsv"))
	dir := filepath.Join(corpus, "haproxy")
	bin := ourHAProxy(t)
	netns := isolated(t)
	if !netns {
		t.Log("not root: name lookups are not isolated in a network namespace")
	}
	got := make([]verdict, len(cases))
	var wg sync.WaitGroup
	next := make(chan int)
	for w := 0; w < 2; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				got[i] = check(t, bin, dir, cases[i].file, netns)
			}
		}()
	}
	for i := range cases {
		next <- i
	}
	close(next)
	wg.Wait()
	pass, fail := 0, 0
	for i, c := range cases {
		if sameVerdict(c.want, got[i]) {
			pass++
			continue
		}
		fail++
		t.Logf("%s: want %d %q\n\tgot  %d %q", c.file, c.want.exit, c.want.firstAlert, got[i].exit, got[i].firstAlert)
	}
	pct := 100 * float64(pass) / float64(len(cases))
	fmt.Printf("corpus agreement %.1f%% (%d files)\n%d passed, %d failed\n", pct, len(cases), pass, fail)
	if pct < 98 {
		t.Errorf("corpus agreement %.1f%% is below 98%%", pct)
	}
}
