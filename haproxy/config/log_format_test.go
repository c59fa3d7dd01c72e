package config

import (
	"os"
	"path/filepath"
	"testing"
)

// "format local" is a valid log format, on a log line and in a ring
// (haproxy 2.6.12 accepts both; only an unknown name is refused).
func TestLogFormatLocal(t *testing.T) {
	dir := t.TempDir()
	f := filepath.Join(dir, "h.cfg")
	cfg := "global\n  log 127.0.0.1:514 format local local0\nring r\n  format local\nfrontend fe\n  bind 127.0.0.1:8080\n"
	if err := os.WriteFile(f, []byte(cfg), 0o644); err != nil {
		t.Fatal(err)
	}
	res := Load([]string{f}, Options{})
	if res.Config == nil {
		t.Fatalf("refused: %v", res.Messages)
	}
	if got := res.Config.Global.Logs[0].Format; got != "local" {
		t.Errorf("log format %q, want local", got)
	}
	if got := res.Config.Rings[0].Format; got != "local" {
		t.Errorf("ring format %q, want local", got)
	}
}
