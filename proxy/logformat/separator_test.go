package logformat

import (
	"testing"

	"hakeep/proxy/sample"
)

// Merged spaces are separators: never written first, nor twice in a row
// ("unique-id-format %{+X}o %fi" renders no leading space in 2.6.12).
func TestEvalSeparators(t *testing.T) {
	c := &sample.Context{Registry: sample.NewRegistry()}
	f, err := Parse("%{+X}o  %[str(a)]   x %[str(b)] ", Options{HTTP: true, MergeSpaces: true, Cap: sample.FeHrqHdr}, c)
	if err != nil {
		t.Fatal(err)
	}
	got := string(f.Eval(sample.NewCtx(0), nil, ModeLog, nil))
	if got != "a x b " {
		t.Errorf("got %q, want %q", got, "a x b ")
	}
}
