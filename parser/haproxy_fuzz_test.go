package parser

import (
	"os"
	"path/filepath"
	"testing"
)

// FuzzParseHAProxy checks that no input makes the parser panic, and that
// printing what it parsed reads back as the same configuration.
func FuzzParseHAProxy(f *testing.F) {
	for _, pattern := range []string{"*.cfg", "*.d/*.cfg"} {
		files, _ := filepath.Glob(filepath.Join(haGoldenDir, pattern))
		for _, file := range files {
			if src, err := os.ReadFile(file); err == nil {
				f.Add(src)
			}
		}
	}
	for _, s := range []string{
		"",
		"\n",
		"global",
		"global\n\tmaxconn 10\nfrontend fe\n\tbind :80\n",
		"a \"\" b \"\"\n",
		"\"${LIST[*]}\" x \"${SPACED[*]}\"\n",
		".if 1\n.if 0\n.else\nglobal\n.endif\n.endif\n",
		".if (((1\n",
		"[scope]\nglobal\n",
		"x\x00y\nz\n",
		"x\r\ny\rz\n",
		"\\x4\n\"${X-\n'\n",
		"\"\\$\\x41\\\\\"\n",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		checkHAProxyRoundTrip(t, "fuzz.cfg", src)
	})
}
