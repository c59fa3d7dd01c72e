package kacheck

import (
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"hakeep/e2e/harness"
	"hakeep/keepalived/config"
)

// mutantCount is how many damaged configurations the mutant test makes.
const mutantCount = 500

// mutate damages a configuration a little, as a typing or editing slip
// would: a line dropped, doubled or cut off with the rest of the file, a
// word replaced by an odd value or by another keyword, a brace lost, a
// word added.
func mutate(rng *rand.Rand, src string, keywords []string) string {
	values := []string{"0", "-1", "256", "65536", "4294967296", "abc", "1.5", "0x10", "255", "1",
		"{", "}", `"x`, "10.0.0.1", "eth9", "eth1", "2001:db8::1/64", "300.1.1.1/24"}
	lines := strings.Split(src, "\n")
	for n := 1 + rng.IntN(3); n > 0 && len(lines) > 0; n-- {
		k := rng.IntN(len(lines))
		words := strings.Fields(lines[k])
		switch rng.IntN(7) {
		case 0:
			lines = append(lines[:k], lines[k+1:]...)
		case 1:
			if len(words) > 0 {
				words[rng.IntN(len(words))] = values[rng.IntN(len(values))]
				lines[k] = "    " + strings.Join(words, " ")
			}
		case 2:
			lines = append(lines[:k+1], lines[k:]...)
		case 3:
			lines[k] = strings.Replace(lines[k], []string{"{", "}"}[rng.IntN(2)], "", 1)
		case 4:
			if len(words) > 0 {
				words[rng.IntN(len(words))] = keywords[rng.IntN(len(keywords))]
				lines[k] = "    " + strings.Join(words, " ")
			}
		case 5:
			lines = lines[:k]
		case 6:
			if len(words) > 0 {
				lines[k] = "    " + strings.Join(append(words, values[rng.IntN(len(values))]), " ")
			}
		}
	}
	return strings.Join(lines, "\n") + "\n"
}

// TestE2EKeepalivedMutants damages hakeep's test configurations, the
// seeds and the corpus at random (a fixed seed: the same mutants each
// run) and requires hakeep's keepalived -t to print what keepalived
// 2.2.7's prints, in the same namespace, and exit alike. Mutants that
// crash keepalived 2.2.7 are counted and left out.
func TestE2EKeepalivedMutants(t *testing.T) {
	harness.NeedRoot(t)
	harness.NeedCmd(t, "ip")
	real := realKeepalived(t)
	ours := filepath.Join(harness.Binaries(t), "keepalived")

	testdata := filepath.Join(harness.RepoRoot(t), "testdata", "keepalived")
	var sources []string
	for _, pat := range []string{
		filepath.Join(testdata, "*.conf"),
		filepath.Join(harness.SharedDir(t), "seeds", "keepalived-*.conf"),
		filepath.Join(harness.SharedDir(t), "corpus", "keepalived", "keepalived-*"),
	} {
		m, err := filepath.Glob(pat)
		if err != nil {
			t.Fatal(err)
		}
		sources = append(sources, m...)
	}
	var keywords []string
	for _, d := range config.KeywordDocs() {
		keywords = append(keywords, d.Keyword)
	}

	// Mutants live beside a copy of testdata's include files.
	dir := copyDir(t, testdata)
	rng := rand.New(rand.NewPCG(2207, 1))
	var names []string
	for i := 0; i < mutantCount; i++ {
		src, err := os.ReadFile(sources[rng.IntN(len(sources))])
		if err != nil {
			t.Fatal(err)
		}
		name := fmt.Sprintf("mutant-%03d.conf", i)
		if err := os.WriteFile(filepath.Join(dir, name), []byte(mutate(rng, string(src), keywords)), 0o644); err != nil {
			t.Fatal(err)
		}
		names = append(names, name)
	}

	ns := newNetns(t, defaultIfs())
	pass, fail, crashed := 0, 0, 0
	for _, name := range names {
		realErr, realCode := ns.run(t, dir, real, "-t", "-f", name)
		if realCode == 139 || realCode == 134 {
			crashed++
			continue
		}
		ourErr, ourCode := ns.run(t, dir, ours, "-t", "-f", name)
		rl := keepalivedLines(realErr)
		r, o := strings.Join(rl, "\n"), strings.Join(normalise(rl, keepalivedLines(ourErr)), "\n")
		if r == o && realCode == ourCode {
			pass++
			continue
		}
		fail++
		src, _ := os.ReadFile(filepath.Join(dir, name))
		t.Errorf("%s: keepalived 2.2.7 exit %d, hakeep exit %d\n--- input\n%s--- keepalived 2.2.7\n%s\n--- hakeep\n%s",
			name, realCode, ourCode, src, r, o)
	}
	t.Logf("%d mutants crashed keepalived 2.2.7 and were left out", crashed)
	fmt.Printf("kacheck mutants: %d passed, %d failed\n", pass, fail)
}
