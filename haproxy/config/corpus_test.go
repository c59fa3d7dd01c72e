package config

import (
	"bufio"
	"fmt"
	"net/netip"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"hakeep/parser"
)

// The corpus of real configurations beside the repository, with the
// verdicts of Debian's haproxy 2.6.12 (../shared/corpus/README.md). It is
// third-party material: read in place, never copied.
func corpusDir() string {
	if d := os.Getenv("HAKEEP_SHARED"); d != "" {
		return filepath.Join(d, "corpus")
	}
	return filepath.Join("..", "..", "..", "shared", "corpus")
}

// corpusCase is one line of haproxy.expect.tsv.
type corpusCase struct {
	file       string
	exit       int
	firstAlert string
}

func readCorpus(t testing.TB) (string, []corpusCase) {
	dir, err := filepath.Abs(corpusDir())
	if err != nil {
		t.Fatal(err)
	}
	f, err := os.Open(filepath.Join(dir, "haproxy.expect.tsv"))
	if err != nil {
		t.Skipf("corpus not available: %v", err)
	}
	defer f.Close()
	var cases []corpusCase
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
		c := corpusCase{file: cols[0]}
		fmt.Sscanf(cols[1], "%d", &c.exit)
		if len(cols) == 3 {
			c.firstAlert = cols[2]
		}
		cases = append(cases, c)
	}
	return filepath.Join(dir, "haproxy"), cases
}

// alertPlace is the "file:line" an alert text names first, or "".
func alertPlace(text string) string {
	m := regexp.MustCompile(`\[([^\]\s]+):(\d+)\]`).FindStringSubmatch(text)
	if m == nil {
		return ""
	}
	return m[1] + ":" + m[2]
}

// hostsOnly resolves from /etc/hosts alone: tests send no DNS query.
func hostsOnly(host string) ([]netip.Addr, error) {
	data, _ := os.ReadFile("/etc/hosts")
	var out []netip.Addr
	for _, ln := range strings.Split(string(data), "\n") {
		if i := strings.IndexByte(ln, '#'); i >= 0 {
			ln = ln[:i]
		}
		f := strings.Fields(ln)
		if len(f) < 2 {
			continue
		}
		for _, n := range f[1:] {
			if strings.EqualFold(n, host) {
				if a, err := netip.ParseAddr(f[0]); err == nil {
					out = append(out, a)
				}
			}
		}
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("%s: not found", host)
	}
	return out, nil
}

// verdict is what `haproxy -c` would exit with, and its first alert.
func verdict(r *Result) (int, string) {
	first := ""
	for _, m := range r.Messages {
		if m.Severity == parser.SevAlert {
			first = m.Text
			break
		}
	}
	switch {
	case r.Config == nil:
		return 1, first
	case r.NoListener:
		return 2, first
	}
	return 0, first
}

// corpusOptions are the options the corpus runs use: the features of
// Debian's build for .if conditions, no DNS.
func corpusOptions() Options {
	return Options{
		Parser: parser.HAProxyOptions{Cond: parser.CondEnv{
			Version:  "2.6.12",
			Features: debianFeatures(),
		}},
		LookupHost: hostsOnly,
	}
}

// debianFeatures is the "Feature list" of Debian's haproxy -vv.
func debianFeatures() []string {
	return []string{"ACCEPT4", "BACKTRACE", "CPU_AFFINITY", "CRYPT_H", "DL", "EPOLL",
		"GETADDRINFO", "LIBCRYPT", "LINUX_SPLICE", "LINUX_TPROXY", "LUA", "NETFILTER", "NS",
		"OPENSSL", "OT", "PCRE2", "PCRE2_JIT", "POLL", "PRCTL", "PROMEX", "RT", "SLZ", "SYSTEMD",
		"TFO", "THREAD", "THREAD_DUMP", "TPROXY"}
}

// TestCorpusAgreement loads every corpus configuration and compares the
// verdict with 2.6.12's: the exit status, and for refused configurations
// the place of the first alert.
func TestCorpusAgreement(t *testing.T) {
	dir, cases := readCorpus(t)
	t.Chdir(dir)
	pass, fail := 0, 0
	var diffs []string
	for _, c := range cases {
		r := Load([]string{c.file}, corpusOptions())
		exit, first := verdict(r)
		ok := exit == c.exit
		if ok && exit == 1 {
			ok = alertPlace(first) == alertPlace(c.firstAlert)
		}
		if ok {
			pass++
			continue
		}
		fail++
		diffs = append(diffs, fmt.Sprintf("%s: want %d %q\n\tgot  %d %q", c.file, c.exit, c.firstAlert, exit, first))
	}
	for _, d := range diffs {
		t.Log(d)
	}
	pct := 100 * float64(pass) / float64(pass+fail)
	t.Logf("corpus agreement %.1f%%: %d passed, %d failed", pct, pass, fail)
	if pct < 98 {
		t.Errorf("corpus agreement %.1f%% is below 98%%", pct)
	}
}
