package check

import (
	"os"
	"path/filepath"
	"testing"
)

func TestTrackFile(t *testing.T) {
	dir := t.TempDir()
	if v, ok := TrackFile(filepath.Join(dir, "missing")); v != 0 || !ok {
		t.Errorf("missing file: %d %v", v, ok)
	}
	for in, want := range map[string]int64{
		"":            0,
		"5\n":         5,
		"  -7 junk":   -7,
		"0x10":        16,
		"010":         8,
		"abc":         0,
		"2147483648":  2147483648,
		"-2147483648": -2147483648,
	} {
		p := filepath.Join(dir, "f")
		if err := os.WriteFile(p, []byte(in), 0o644); err != nil {
			t.Fatal(err)
		}
		if v, ok := TrackFile(p); v != want || !ok {
			t.Errorf("%q: %d %v, want %d", in, v, ok, want)
		}
	}
	for _, in := range []string{"2147483649", "-2147483649", "99999999999999999999"} {
		p := filepath.Join(dir, "f")
		os.WriteFile(p, []byte(in), 0o644)
		if _, ok := TrackFile(p); ok {
			t.Errorf("%q accepted", in)
		}
	}
}
