package http1

import (
	"strings"
	"testing"
)

func TestCharClasses(t *testing.T) {
	const tchar = "!#$%&'*+-.^_`|~0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
	const ver = "HTP/.0123456789"
	if len(charClasses) != 256 {
		t.Fatalf("table has %d entries", len(charClasses))
	}
	for c := 0; c < 256; c++ {
		b := byte(c)
		if got, want := isToken(b), strings.IndexByte(tchar, b) >= 0; got != want {
			t.Errorf("isToken(%#x) = %v", c, got)
		}
		if got, want := isVerChar(b), strings.IndexByte(ver, b) >= 0; got != want {
			t.Errorf("isVerChar(%#x) = %v", c, got)
		}
	}
}
