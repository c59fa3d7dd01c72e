package config

import (
	"os"
	"path/filepath"
	"testing"

	"hakeep/parser"
)

// FuzzLoad checks that no input makes the decoder panic, and that its
// exit status is one keepalived -t can give. Seeds: every test
// configuration.
func FuzzLoad(f *testing.F) {
	for _, pat := range []string{"../../testdata/keepalived/*.conf", "testdata/*.conf", "../../testdata/parser/keepalived/*.conf"} {
		files, _ := filepath.Glob(pat)
		for _, file := range files {
			if b, err := os.ReadFile(file); err == nil {
				f.Add(b)
			}
		}
	}
	host := newFakeHost()
	f.Fuzz(func(t *testing.T, src []byte) {
		res := LoadSource("fuzz.conf", src, Options{ConfigTest: true, Host: host,
			Parser: parser.KeepalivedOptions{ConfigID: "lb1", ReadFile: func(string) ([]byte, error) { return nil, os.ErrNotExist }}})
		switch res.TestExit {
		case 0, 2, 4, 5, 6:
		default:
			t.Fatalf("exit %d", res.TestExit)
		}
	})
}
