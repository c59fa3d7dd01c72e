package http1

// Character classes of HAProxy 2.6's http_char_classes[] (src/http.c).
// Bytes 128..255 belong to no class.

// charClasses holds one byte per byte value: bit 0 for tchar (RFC 9110
// 5.6.2: "!#$%&'*+-.^_`|~", DIGIT, ALPHA), bit 1 for HAProxy 2.6's
// HTTP_FLG_VER, which only the bytes of "HTTP/", digits and '.' carry:
// "http/1.1" or "XTTP/1.1" fail in the request line itself, whatever
// accept-invalid-http-request says (recorded: version-lower,
// version-letters, accept-version-lower). A constant string: one load per
// byte, no table in writable memory. chars_test.go checks it.
const charClasses = "\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00" +
	"\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00" +
	"\x00\x01\x00\x01\x01\x01\x01\x01\x00\x00\x01\x01\x00\x01\x03\x02" +
	"\x03\x03\x03\x03\x03\x03\x03\x03\x03\x03\x00\x00\x00\x00\x00\x00" +
	"\x00\x01\x01\x01\x01\x01\x01\x01\x03\x01\x01\x01\x01\x01\x01\x01" +
	"\x03\x01\x01\x01\x03\x01\x01\x01\x01\x01\x01\x00\x00\x00\x01\x01" +
	"\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01" +
	"\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01\x00\x01\x00\x01\x00" +
	"\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00" +
	"\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00" +
	"\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00" +
	"\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00" +
	"\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00" +
	"\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00" +
	"\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00" +
	"\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00"

const (
	classToken = 1
	classVer   = 2
)

// isToken reports whether c may appear in a method or a header name.
func isToken(c byte) bool { return charClasses[c]&classToken != 0 }

// isVerChar reports whether c may appear in an HTTP version.
func isVerChar(c byte) bool { return charClasses[c]&classVer != 0 }

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
