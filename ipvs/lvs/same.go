package lvs

import (
	"bytes"
	"slices"
)

// sameCheck is the checkers' compare functions: a reload keeps the state
// of a checker whose test is unchanged. FILE_CHECKs are never carried
// over.
func sameCheck(a, b *Checker) bool {
	if a.Type != b.Type {
		return false
	}
	switch a.Type {
	case FileCheck:
		return false
	case MiscCheck:
		return a.Misc.Dynamic == b.Misc.Dynamic && sameScript(&a.Misc.Script, &b.Misc.Script)
	case HTTPGet, SSLGet:
		return a.Conn == b.Conn && sameHTTP(a.HTTP, b.HTTP)
	case DNSCheck:
		return a.Conn == b.Conn && *a.DNS == *b.DNS
	case SMTPCheck:
		return a.Conn == b.Conn && a.SMTP.HeloName == b.SMTP.HeloName
	}
	return a.Conn == b.Conn
}

func sameScript(a, b *Script) bool {
	return slices.Equal(a.Args, b.Args) && a.UID == b.UID && a.GID == b.GID
}

// sameHTTP is compare_http_check()'s comparison of the urls.
func sameHTTP(a, b *HTTPConfig) bool {
	if len(a.URLs) != len(b.URLs) || a.VirtualHost != b.VirtualHost {
		return false
	}
	for i, u := range a.URLs {
		v := b.URLs[i]
		if u.Path != v.Path || !bytes.Equal(u.Digest, v.Digest) || !slices.Equal(u.Status, v.Status) || u.VirtualHost != v.VirtualHost {
			return false
		}
		if (u.Regex == nil) != (v.Regex == nil) {
			return false
		}
		if u.Regex != nil && (u.Regex.String() != v.Regex.String() || u.RegexNoMatch != v.RegexNoMatch ||
			u.RegexMinOffset != v.RegexMinOffset || u.RegexMaxOffset != v.RegexMaxOffset) {
			return false
		}
	}
	return true
}
