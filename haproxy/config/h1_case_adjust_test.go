package config

import (
	"path/filepath"
	"reflect"
	"testing"
)

// TestH1CaseAdjustFile: the file's pairs join the h1-case-adjust table
// the engine writes header names with (blanks, CR and comments as
// cfg_h1_headers_case_adjust_postparser() skips them).
func TestH1CaseAdjustFile(t *testing.T) {
	t.Chdir(filepath.Join("..", "..", "testdata", "haproxy"))
	r := Load([]string{"valid-h1-case-adjust-file.cfg"}, corpusOptions())
	if r.Config == nil {
		t.Fatalf("refused: %+v", r.Messages)
	}
	want := map[string]string{"content-type": "Content-Type", "x-custom-id": "X-Custom-ID", "x-other": "X-Other"}
	if got := r.Config.Global.H1CaseAdjust; !reflect.DeepEqual(got, want) {
		t.Errorf("table %v, want %v", got, want)
	}
	for _, m := range r.Messages {
		if m.Hakeep {
			t.Errorf("unexpected notice %q", m.Text)
		}
	}
}

func TestCaseAdjustLine(t *testing.T) {
	for in, want := range map[string][2]string{
		"# comment":              {"", ""},
		"":                       {"", ""},
		"  x-a \t X-A \t":        {"x-a", "X-A"},
		"x-b\tX-B\r":             {"x-b", "X-B"},
		"lonely":                 {"lonely", ""},
		"x-c X-C and more words": {"x-c", "X-C and more words"},
	} {
		from, to := caseAdjustLine(in)
		if from != want[0] || to != want[1] {
			t.Errorf("%q: %q %q, want %q %q", in, from, to, want[0], want[1])
		}
	}
}
