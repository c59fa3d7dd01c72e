package kacheck

import (
	"bufio"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"hakeep/e2e/harness"
)

// corpusCase is one line of keepalived.expect.tsv: a file and what
// Debian's keepalived 2.2.7 said about it (../shared/corpus/README.md).
type corpusCase struct {
	file string
	want verdict
}

func readExpect(t *testing.T, path string) []corpusCase {
	t.Helper()
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
		exit, err := strconv.Atoi(cols[1])
		if err != nil {
			t.Fatalf("%s: bad exit status %q", path, cols[1])
		}
		c := corpusCase{file: cols[0], want: verdict{exit: exit}}
		if len(cols) == 3 {
			c.want.first = cols[2]
		}
		out = append(out, c)
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

// TestE2EKeepalivedCorpus runs hakeep's `keepalived -t -f FILE` on every
// configuration of the shared corpus, from inside its folder and in a
// namespace with the interfaces the recorded run had, and compares the
// exit status and the place of the first message with keepalived 2.2.7's.
// The corpus is read in place: it is not ours to copy.
func TestE2EKeepalivedCorpus(t *testing.T) {
	harness.NeedRoot(t)
	harness.NeedCmd(t, "ip")
	corpus := filepath.Join(harness.SharedDir(t), "corpus")
	cases := readExpect(t, filepath.Join(corpus, "keepalived.expect.tsv"))
	dir := filepath.Join(corpus, "keepalived")
	bin := filepath.Join(harness.Binaries(t), "keepalived")
	ns := newNetns(t, defaultIfs())

	pass, fail, sameText := 0, 0, 0
	for _, c := range cases {
		stderr, code := ns.run(t, dir, bin, "-t", "-f", c.file)
		got := verdictOf(stderr, code)
		if got.first == c.want.first {
			sameText++
		}
		if got.agrees(c.want) {
			pass++
			continue
		}
		fail++
		t.Errorf("%s:\n  keepalived 2.2.7: exit %d, %s: %q\n  hakeep:           exit %d, %s: %q",
			c.file, c.want.exit, placeOf(c.want.first), c.want.first, got.exit, placeOf(got.first), got.first)
	}
	total := pass + fail
	if total == 0 {
		t.Fatal("the corpus lists no configuration")
	}
	t.Logf("agreement %.1f%% (%d/%d); first line identical in %d/%d", 100*float64(pass)/float64(total), pass, total, sameText, total)
	fmt.Printf("kacheck corpus: %d passed, %d failed\n", pass, fail)
}
