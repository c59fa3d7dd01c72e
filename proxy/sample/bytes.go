package sample

import "unsafe"

// unsafeBytes views s as a byte slice. Samples built on it are marked
// Const: converters copy before they write, so the string is never
// changed. This is how configuration strings (names, str() constants)
// become samples without an allocation per request.
func unsafeBytes(s string) []byte {
	return unsafe.Slice(unsafe.StringData(s), len(s))
}

// unsafeString views b as a string for a lookup that does not keep it.
func unsafeString(b []byte) string {
	if len(b) == 0 {
		return ""
	}
	return unsafe.String(&b[0], len(b))
}

// UnsafeString views b as a string for a use that does not outlive b
// (lookups, a replacement template read once).
func UnsafeString(b []byte) string { return unsafeString(b) }

// UnsafeBytes views a configuration string as bytes that nobody writes.
func UnsafeBytes(s string) []byte { return unsafeBytes(s) }
