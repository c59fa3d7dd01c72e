package config

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestGlobalQuiet: the messages printed before a global "quiet" line are
// counted so that the CLI can print them and nothing after (2.6 sets
// MODE_QUIET while parsing).
func TestGlobalQuiet(t *testing.T) {
	dir := t.TempDir()
	write := func(name, text string) string {
		f := filepath.Join(dir, name)
		if err := os.WriteFile(f, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
		return f
	}
	after := write("after.cfg", "global\n    maxconn 100 100\n    quiet\n    tune.maxrewrite 1024 extra\n")
	r := Load([]string{after}, corpusOptions())
	if !r.Quiet || r.QuietFrom != 1 || len(r.Messages) < 2 {
		t.Fatalf("quiet after one alert: Quiet %v, QuietFrom %d, %d messages", r.Quiet, r.QuietFrom, len(r.Messages))
	}
	if !strings.Contains(r.Messages[0].Text, "'maxconn'") {
		t.Errorf("first message %q, want the maxconn alert", r.Messages[0].Text)
	}
	none := write("none.cfg", "global\n    maxconn 100\n")
	if r := Load([]string{none}, corpusOptions()); r.Quiet {
		t.Errorf("no quiet line: Quiet set")
	}
}
