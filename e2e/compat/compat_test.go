// Package compat generates docs/COMPAT.md from the keyword tables of both
// decoders and fails when the committed file says something else: the
// compatibility matrix can never drift from what the code does.
package compat

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"hakeep/e2e/harness"
	haconfig "hakeep/haproxy/config"
	kaconfig "hakeep/keepalived/config"
)

var update = flag.Bool("update", false, "rewrite docs/COMPAT.md")

// row is one keyword of either tool.
type row struct{ section, keyword, status, note string }

func TestCompatDocUpToDate(t *testing.T) {
	root := harness.RepoRoot(t)
	var ha, ka []row
	for _, d := range haconfig.KeywordDocs() {
		ha = append(ha, row{d.Section, d.Keyword, d.Status, d.Note})
	}
	for _, d := range kaconfig.KeywordDocs() {
		ka = append(ka, row{d.Section, d.Keyword, d.Status, d.Note})
	}
	if len(ha) == 0 || len(ka) == 0 {
		t.Fatalf("empty keyword table: haproxy %d, keepalived %d", len(ha), len(ka))
	}
	var b bytes.Buffer
	b.WriteString(`# Compatibility

Generated from the decoders' keyword tables by ` + "`make compat`" + ` (the test
` + "`e2e/compat`" + ` fails when this file and the code disagree). Do not edit by hand.

Every keyword that HAProxy 2.6 and keepalived 2.2.7 know is listed with what
hakeep does with it:

- **implemented**: it does in hakeep what it does in the reference tool;
- **accepted, no effect**: it is checked like the reference tool checks it and
  changes nothing anyone can observe (it tunes internals hakeep does not have);
- **not yet**: it is checked like the reference tool checks it, but hakeep
  does not run it yet; ` + "`haproxy -c`" + ` and ` + "`keepalived -t`" + ` say so for every use.

`)
	summary(&b, "haproxy", ha)
	summary(&b, "keepalived", ka)
	for _, f := range []string{"COMPAT-haproxy-differences.md", "COMPAT-keepalived-differences.md"} {
		if extra, err := os.ReadFile(filepath.Join(root, "docs", f)); err == nil {
			b.WriteString("\n")
			b.Write(bytes.TrimSpace(extra))
			b.WriteString("\n")
		}
	}
	table(&b, "HAProxy 2.6 keywords", ha)
	table(&b, "keepalived 2.2.7 keywords", ka)

	path := filepath.Join(root, "docs", "COMPAT.md")
	if *update {
		if err := os.WriteFile(path, b.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	old, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run `make compat`)", err)
	}
	if !bytes.Equal(old, b.Bytes()) {
		t.Fatalf("docs/COMPAT.md is out of date with the keyword tables: run `make compat`")
	}
}

func summary(b *bytes.Buffer, tool string, rows []row) {
	count := map[string]int{}
	for _, r := range rows {
		count[r.status]++
	}
	var st []string
	for s := range count {
		st = append(st, s)
	}
	sort.Strings(st)
	fmt.Fprintf(b, "- `%s`: %d keywords:", tool, len(rows))
	for i, s := range st {
		sep := ","
		if i == 0 {
			sep = ""
		}
		fmt.Fprintf(b, "%s %d %s", sep, count[s], s)
	}
	b.WriteString(".\n")
}

func table(b *bytes.Buffer, title string, rows []row) {
	fmt.Fprintf(b, "\n## %s\n", title)
	section := "\x00"
	for _, r := range rows {
		if r.section != section {
			section = r.section
			fmt.Fprintf(b, "\n### %s\n\n| keyword | status | note |\n|---|---|---|\n", section)
		}
		fmt.Fprintf(b, "| `%s` | %s | %s |\n", esc(r.keyword), r.status, esc(r.note))
	}
}

func esc(s string) string { return strings.ReplaceAll(s, "|", `\|`) }
