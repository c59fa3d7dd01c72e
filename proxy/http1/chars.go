package http1

// Character classes of HAProxy 2.6's http_char_classes[] (src/http.c),
// kept as 128-bit masks in constants so lookups need no table in memory.
// Bytes 128..255 belong to no class.

const (
	// tchar (RFC 9110 5.6.2): "!#$%&'*+-.^_`|~", DIGIT, ALPHA.
	tokenLo uint64 = 1<<'!' | 1<<'#' | 1<<'$' | 1<<'%' | 1<<'&' | 1<<'\'' |
		1<<'*' | 1<<'+' | 1<<'-' | 1<<'.' |
		1<<'0' | 1<<'1' | 1<<'2' | 1<<'3' | 1<<'4' | 1<<'5' | 1<<'6' | 1<<'7' | 1<<'8' | 1<<'9'
	tokenHi uint64 = (1<<26-1)<<('A'-64) | 1<<('^'-64) | 1<<('_'-64) | 1<<('`'-64) |
		(1<<26-1)<<('a'-64) | 1<<('|'-64) | 1<<('~'-64)

	// HTTP_FLG_VER in 2.6: only the bytes of "HTTP/" and digits and '.'.
	// "http/1.1" or "XTTP/1.1" fail in the request line itself, whatever
	// accept-invalid-http-request says (recorded: version-lower,
	// version-letters, accept-version-lower).
	verLo uint64 = 1<<'.' | 1<<'/' |
		1<<'0' | 1<<'1' | 1<<'2' | 1<<'3' | 1<<'4' | 1<<'5' | 1<<'6' | 1<<'7' | 1<<'8' | 1<<'9'
	verHi uint64 = 1<<('H'-64) | 1<<('P'-64) | 1<<('T'-64)
)

func inMask(c byte, lo, hi uint64) bool {
	if c < 64 {
		return lo>>c&1 != 0
	}
	if c < 128 {
		return hi>>(c-64)&1 != 0
	}
	return false
}

// isToken reports whether c may appear in a method or a header name.
func isToken(c byte) bool { return inMask(c, tokenLo, tokenHi) }

// isVerChar reports whether c may appear in an HTTP version.
func isVerChar(c byte) bool { return inMask(c, verLo, verHi) }

// isSPHT is HTTP_IS_SPHT: space or horizontal tab.
func isSPHT(c byte) bool { return c == ' ' || c == '\t' }

// isCRLF is HTTP_IS_CRLF.
func isCRLF(c byte) bool { return c == '\r' || c == '\n' }

// isLWS is HTTP_IS_LWS: space, tab, CR or LF.
func isLWS(c byte) bool { return c == ' ' || c == '\t' || c == '\r' || c == '\n' }

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

// lower folds ASCII upper case only, as HAProxy's tolower() in the C
// locale does.
func lower(c byte) byte {
	if c >= 'A' && c <= 'Z' {
		return c + 'a' - 'A'
	}
	return c
}

// equalFold compares a with the lower-case ASCII b, case-insensitively.
func equalFold(a []byte, b string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := 0; i < len(a); i++ {
		if lower(a[i]) != b[i] {
			return false
		}
	}
	return true
}

// equalFoldBytes compares a and b case-insensitively (ASCII).
func equalFoldBytes(a, b []byte) bool {
	if len(a) != len(b) {
		return false
	}
	for i := 0; i < len(a); i++ {
		if lower(a[i]) != lower(b[i]) {
			return false
		}
	}
	return true
}

// hexVal is hex2i(): the value of a hex digit, or -1.
func hexVal(c byte) int {
	switch {
	case c >= '0' && c <= '9':
		return int(c - '0')
	case c >= 'a' && c <= 'f':
		return int(c-'a') + 10
	case c >= 'A' && c <= 'F':
		return int(c-'A') + 10
	}
	return -1
}
