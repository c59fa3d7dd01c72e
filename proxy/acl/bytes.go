package acl

import "unsafe"

// unsafeBytes views a configuration string as bytes for a sample or a
// lookup that never writes through it (samples built on it are Const).
func unsafeBytes(s string) []byte {
	return unsafe.Slice(unsafe.StringData(s), len(s))
}
