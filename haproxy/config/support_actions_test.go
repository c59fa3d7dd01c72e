package config

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestActionNotRunWarns: an action the engine does not run gives
// hakeep's notice (not one of 2.6's warnings); one it runs gives none.
func TestActionNotRunWarns(t *testing.T) {
	f := filepath.Join(t.TempDir(), "a.cfg")
	cfg := "defaults\n    mode http\n    timeout connect 5s\n    timeout client 5s\n    timeout server 5s\n" +
		"listen fe\n    bind 127.0.0.1:8080\n    http-request set-timeout server 5s\n" +
		"    http-request set-header x-a b\n    http-request set-nice 10\n    server s1 127.0.0.1:8081\n"
	if err := os.WriteFile(f, []byte(cfg), 0o644); err != nil {
		t.Fatal(err)
	}
	r := Load([]string{f}, corpusOptions())
	if r.Config == nil {
		t.Fatalf("refused: %+v", r.Messages)
	}
	var notes []string
	for _, m := range r.Messages {
		if m.Hakeep {
			notes = append(notes, m.Text)
		}
	}
	if len(notes) != 1 || !strings.Contains(notes[0], "a.cfg:8] : 'http-request set-timeout' is not supported by hakeep yet") {
		t.Errorf("notes %q, want one for set-timeout on line 8 (set-nice has no effect, set-header runs)", notes)
	}
}
