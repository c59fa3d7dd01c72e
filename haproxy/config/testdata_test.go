package config

import (
	"bufio"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// TestTestdataRecorded loads every testdata/haproxy configuration and
// compares the verdict and the first alert's exact text with what the
// real haproxy 2.6.12 printed for it (expect-2.6.12.tsv, recorded on
// Debian 12; e2e/hacheck re-runs the real binary live).
func TestTestdataRecorded(t *testing.T) {
	dir, err := filepath.Abs(filepath.Join("..", "..", "testdata", "haproxy"))
	if err != nil {
		t.Fatal(err)
	}
	f, err := os.Open(filepath.Join(dir, "expect-2.6.12.tsv"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	t.Chdir(dir)
	sc := bufio.NewScanner(f)
	n := 0
	for sc.Scan() {
		if strings.HasPrefix(sc.Text(), "#") {
			continue
		}
		cols := strings.SplitN(sc.Text(), "\t", 3)
		if len(cols) != 3 {
			t.Fatalf("bad line %q", sc.Text())
		}
		wantExit, _ := strconv.Atoi(cols[1])
		n++
		r := Load([]string{cols[0]}, corpusOptions())
		exit, first := verdict(r)
		first, _, _ = strings.Cut(first, "\n")
		if exit != wantExit || first != cols[2] {
			t.Errorf("%s:\n\twant %d %q\n\tgot  %d %q", cols[0], wantExit, cols[2], exit, first)
		}
	}
	cfgs, _ := filepath.Glob("*.cfg")
	if n != len(cfgs) {
		t.Errorf("expect-2.6.12.tsv has %d entries for %d configurations: record the new ones", n, len(cfgs))
	}
}
