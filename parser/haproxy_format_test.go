package parser

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// sameHAProxyTree compares what a parse means: names, values, and which
// lines belong to which section.
func sameHAProxyTree(a, b []*Directive) error {
	if len(a) != len(b) {
		return fmt.Errorf("%d directives, then %d", len(a), len(b))
	}
	for i := range a {
		x, y := a[i], b[i]
		if x.Name != y.Name || x.IsBlock() != y.IsBlock() || len(x.Args) != len(y.Args) {
			return fmt.Errorf("directive %d: %q %v %d args, then %q %v %d args", i, x.Name, x.IsBlock(), len(x.Args), y.Name, y.IsBlock(), len(y.Args))
		}
		for j := range x.Args {
			if x.Args[j].Value != y.Args[j].Value {
				return fmt.Errorf("%q arg %d: %q, then %q", x.Name, j, x.Args[j].Value, y.Args[j].Value)
			}
		}
		if err := sameHAProxyTree(x.Children, y.Children); err != nil {
			return fmt.Errorf("in %q: %w", x.Name, err)
		}
	}
	return nil
}

// checkHAProxyRoundTrip formats a parse and parses it again.
func checkHAProxyRoundTrip(t *testing.T, name string, src []byte) {
	t.Helper()
	opts := haTestOptions()
	ds, _ := ParseHAProxySource(name, src, opts)
	out := FormatHAProxy(ds)
	again, diags := ParseHAProxySource(name, out, opts)
	if err := sameHAProxyTree(ds, again); err != nil {
		t.Fatalf("%s: formatting changed the configuration: %v\nformatted:\n%s", name, err, out)
	}
	// only -dD's remark on section order may come back
	for _, d := range diags {
		if d.Severity != SevDiag {
			t.Fatalf("%s: formatted text has diagnostics: %v\nformatted:\n%s", name, d, out)
		}
	}
}

func TestFormatHAProxyRoundTrip(t *testing.T) {
	files, err := filepath.Glob(filepath.Join(haGoldenDir, "*.cfg"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no inputs: %v", err)
	}
	for _, f := range files {
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		checkHAProxyRoundTrip(t, f, src)
	}
}

func TestFormatHAProxyQuoting(t *testing.T) {
	tests := []struct{ value, want string }{
		{"plain", "plain"},
		{"", `""`},
		{"a b", "'a b'"},
		{"#", "'#'"},
		{"$HOME", "$HOME"},
		{`a\b`, `'a\b'`},
		{`it's`, `"it's"`},
		{`it's $x "q" \`, `"it's \$x \"q\" \\"`},
		{"l1\nl2", `"l1\nl2"`},
		{"cr\r", `"cr\r"`},
		{"tab\t", "'tab\t'"},
	}
	for _, tt := range tests {
		if got := quoteHAWord(tt.value, false); got != tt.want {
			t.Errorf("quoteHAWord(%q) = %s, want %s", tt.value, got, tt.want)
		}
	}
	if got := quoteHAWord("[scope]", true); got != "'[scope]'" {
		t.Errorf("a first word looking like a scope: %s", got)
	}
	out := string(FormatHAProxy([]*Directive{
		{Name: "global", Children: []*Directive{{Name: "maxconn", Args: []Arg{{Value: "10"}}}}},
		{Name: "frontend", Args: []Arg{{Value: "fe"}}, Children: []*Directive{}},
	}))
	want := "global\n    maxconn 10\n\nfrontend fe\n"
	if out != want {
		t.Errorf("FormatHAProxy = %q, want %q", out, want)
	}
	if !strings.HasSuffix(out, "\n") {
		t.Error("no final LF")
	}
}
