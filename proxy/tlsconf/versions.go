package tlsconf

import (
	"crypto/tls"
	"fmt"
)

// Versions is a protocol range in crypto/tls's constants.
type Versions struct {
	Min, Max uint16
}

// confVersion is methodVersions[]: HAProxy's protocol numbering (1
// SSLv3 .. 5 TLSv1.3), 0 for unset.
func confVersion(name string) int {
	switch name {
	case "SSLv3":
		return 1
	case "TLSv1.0":
		return 2
	case "TLSv1.1":
		return 3
	case "TLSv1.2":
		return 4
	case "TLSv1.3":
		return 5
	}
	return 0
}

func confName(v int) string {
	return [...]string{"", "SSLv3", "TLSv1.0", "TLSv1.1", "TLSv1.2", "TLSv1.3"}[v]
}

// goVersion maps HAProxy's numbering onto crypto/tls's.
func goVersion(v int) uint16 {
	return [...]uint16{0, tls.VersionSSL30, tls.VersionTLS10, tls.VersionTLS11, tls.VersionTLS12, tls.VersionTLS13}[v]
}

// versionFilter is 2.6's tls_version_filter: the "no-*" flags and the
// bounds "ssl-min-ver", "ssl-max-ver" and "force-*" set.
type versionFilter struct {
	no       [6]bool
	min, max int
	// server is a server line's filter (ssl_sock_prepare_srv_ctx()):
	// no default minimum, warnings in the server's context (srvCtx)
	// and naming srvProxy ("backend 'be'") and srvName.
	server                    bool
	srvCtx, srvProxy, srvName string
}

// addOptions applies ssl-default-*-options words and a line's own
// keywords (no-sslv3, force-tlsv12, ssl-min-ver TLSv1.2...): flags add
// up, bounds already set are kept (the line's come first).
func (f *versionFilter) add(noVersions []string, force, min, max string) {
	for _, n := range noVersions {
		switch n {
		case "no-sslv3":
			f.no[1] = true
		case "no-tlsv10":
			f.no[2] = true
		case "no-tlsv11":
			f.no[3] = true
		case "no-tlsv12":
			f.no[4] = true
		case "no-tlsv13":
			f.no[5] = true
		}
	}
	if v := confVersion(force); v > 0 && f.min == 0 && f.max == 0 {
		f.min, f.max = v, v
	}
	if v := confVersion(min); v > 0 && f.min == 0 {
		f.min = v
	}
	if v := confVersion(max); v > 0 && f.max == 0 {
		f.max = v
	}
}

// parseDefaultOptions splits ssl-default-bind-options (or -server-)
// into its version words.
func (f *versionFilter) addDefaults(opts []string) {
	var no []string
	force, min, max := "", "", ""
	for _, o := range opts {
		switch {
		case len(o) > 6 && o[:6] == "force-":
			force = forceName(o)
		case len(o) > 12 && o[:12] == "ssl-min-ver ":
			min = o[12:]
		case len(o) > 12 && o[:12] == "ssl-max-ver ":
			max = o[12:]
		default:
			no = append(no, o)
		}
	}
	f.add(no, force, min, max)
}

// forceName is the version a "force-*" keyword names.
func forceName(kw string) string {
	switch kw {
	case "force-sslv3":
		return "SSLv3"
	case "force-tlsv10":
		return "TLSv1.0"
	case "force-tlsv11":
		return "TLSv1.1"
	case "force-tlsv12":
		return "TLSv1.2"
	case "force-tlsv13":
		return "TLSv1.3"
	}
	return kw
}

// resolve is ssl_sock_prepare_ctx()'s computation of the protocol range:
// "no-*" flags are ignored when bounds are set (warning), the minimum
// defaults to TLSv1.2, and the range is the versions enabled from the
// lowest to the highest. OpenSSL 3.0 has no SSLv3 (built without it), and
// neither has crypto/tls. warn receives 2.6's warnings, what names the
// line ("bind '<addr>' at [file:line]").
func (f versionFilter) resolve(head, what string, warn func(string)) (Versions, error) {
	flags := f.no
	anyNo := false
	for _, n := range f.no {
		anyNo = anyNo || n
	}
	if anyNo && (f.min != 0 || f.max != 0) {
		if f.server {
			warn(fmt.Sprintf("%sno-sslv3/no-tlsv1x are ignored for this server. Use only 'ssl-min-ver' and 'ssl-max-ver' to fix.", f.srvCtx))
		} else {
			warn(fmt.Sprintf("%s: no-sslv3/no-tlsv1x are ignored for %s. Use only 'ssl-min-ver' and 'ssl-max-ver' to fix.", head, what))
		}
		flags = [6]bool{}
	}
	min, max := f.min, f.max
	if min == 0 && !f.server {
		if max == 0 || max >= 4 {
			min = 4
		} else {
			warn(fmt.Sprintf("%s: Ambiguous configuration for %s: the ssl-min-ver value is not configured and the ssl-max-ver value is lower than the default ssl-min-ver value (%s). Setting the ssl-min-ver to %s. Use 'ssl-min-ver' to fix this.", head, what, confName(4), confName(max)))
			min = max
		}
	}
	for i := 1; i < min; i++ {
		flags[i] = true
	}
	if max > 0 {
		for i := max + 1; i <= 5; i++ {
			flags[i] = true
		}
	}
	// SSLv3 is not in the library
	flags[1] = true
	lo, hi, hole := 0, 0, 0
	for i := 1; i <= 5; i++ {
		if !flags[i] {
			if lo != 0 {
				if hole != 0 {
					if f.server {
						warn(fmt.Sprintf("%s%s: SSL/TLS versions range not contiguous for server '%s'. Hole find for %s. Use only 'ssl-min-ver' and 'ssl-max-ver' to fix.", f.srvCtx, f.srvProxy, f.srvName, confName(hole)))
					} else {
						warn(fmt.Sprintf("%s: SSL/TLS versions range not contiguous for %s. Hole find for %s. Use only 'ssl-min-ver' and 'ssl-max-ver' to fix.", head, what, confName(hole)))
					}
					hole = 0
				}
				hi = i
			} else {
				lo, hi = i, i
			}
		} else if lo != 0 {
			hole = i
		}
	}
	if lo == 0 {
		return Versions{}, fmt.Errorf("%s: all SSL/TLS versions are disabled for %s.", head, what)
	}
	return Versions{Min: goVersion(lo), Max: goVersion(hi)}, nil
}
