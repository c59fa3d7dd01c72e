package parser

import "strings"

// HAProxyVersion is the HAProxy release whose behaviour hakeep emulates;
// `.if version_atleast()` compares against it when CondEnv.Version is
// empty.
const HAProxyVersion = "2.6.12"

// hakeep has no OpenSSL: TLS is Go's crypto/tls. The `.if` predicates
// openssl_version_atleast(), openssl_version_before() and
// ssllib_name_startswith() (backported into Debian's 2.6.12) therefore
// answer as Debian 12's haproxy does, which runs on Debian's OpenSSL 3.0
// package: that is what configurations written for that system test for
// (".if !ssllib_name_startswith(AWS-LC)", ".if openssl_version_atleast(1.1.1)").
const (
	// emulatedSSLLibName is OpenSSL_version(OPENSSL_VERSION) on Debian 12.
	emulatedSSLLibName = "OpenSSL 3.0.19 27 Jan 2026"
	// emulatedOpenSSLNumber is OpenSSL_version_num() for 3.0.19. OpenSSL 3
	// encodes the patch level in bits 4-11 while HAProxy parses "3.0.1"
	// into bits 12-19 (the 1.x layout), so the real 2.6.12 finds
	// openssl_version_atleast(3.0.1) false; we answer the same.
	emulatedOpenSSLNumber uint32 = 0x30000130
)

// splitVersion parses an HAProxy version string into 7 numbers the way
// split_version() in src/haproxy.c does:
// <a>[.<b>[.<c>[.<d>]]][-{dev,pre,rc}<f>][-*][-<g>]. It reports false
// where HAProxy's returns 0.
func splitVersion(v string) ([7]uint64, bool) {
	var val [7]uint64
	val[4] = 3
	if v == "" {
		return val, false
	}
	p := v
	for k := 0; k < 4; k++ {
		n, rest := strtoul10(p)
		val[k] = n
		if rest == "" {
			return val, true
		}
		switch {
		case rest[0] == '-':
			return splitVersionTag(rest[1:], val)
		case rest[0] == '.' && k < 3:
			p = rest[1:]
		default:
			return val, false
		}
	}
	return val, false
}

func splitVersionTag(p string, val [7]uint64) ([7]uint64, bool) {
	if p != "" && p[0] >= '0' && p[0] <= '9' {
		return splitVersionCommit(p, val)
	}
	switch {
	case strings.HasPrefix(p, "dev"):
		val[4], p = 1, p[3:]
	case strings.HasPrefix(p, "rc"):
		val[4], p = 2, p[2:]
	case strings.HasPrefix(p, "pre"):
		val[4], p = 2, p[3:]
	default:
		return splitVersionCommit(p, val)
	}
	n, rest := strtoul10(p)
	val[5] = n
	if rest == "" {
		return val, true
	}
	if rest[0] != '-' {
		return val, false
	}
	return splitVersionCommit(rest[1:], val)
}

func splitVersionCommit(p string, val [7]uint64) ([7]uint64, bool) {
	if i := strings.LastIndexByte(p, '-'); i >= 0 {
		s := p[i+1:]
		if s == "" {
			return val, false
		}
		n, rest := strtoul10(s)
		if rest == "" {
			val[6] = n
		}
		return val, true
	}
	n, rest := strtoul10(p)
	if rest == "" {
		val[6] = n
	}
	return val, true
}

// strtoul10 reads leading decimal digits the way strtol(p, &end, 10)
// does for the inputs versions contain, returning what follows.
func strtoul10(p string) (uint64, string) {
	i := 0
	for i < len(p) && (p[i] == ' ' || p[i] == '\t') {
		i++
	}
	neg := false
	if i < len(p) && (p[i] == '+' || p[i] == '-') {
		neg = p[i] == '-'
		i++
	}
	start := i
	var n uint64
	for i < len(p) && p[i] >= '0' && p[i] <= '9' {
		n = n*10 + uint64(p[i]-'0')
		i++
	}
	if i == start {
		return 0, p
	}
	if neg {
		n = -n
	}
	return uint32Of(n), p[i:]
}

// uint32Of keeps what HAProxy's unsigned int array would hold.
func uint32Of(n uint64) uint64 { return n & 0xffffffff }

// compareVersion is compare_current_version(): -1 when v is older than
// current, 0 when equal, 1 when newer, -2/-3 when current/v do not parse.
func compareVersion(current, v string) int {
	loc, ok := splitVersion(current)
	if !ok {
		return -2
	}
	mod, ok := splitVersion(v)
	if !ok {
		return -3
	}
	for i := range loc {
		switch {
		case mod[i] < loc[i]:
			return -1
		case mod[i] > loc[i]:
			return 1
		}
	}
	return 0
}

// parseOpenSSLVersion is openssl_version_parser() (src/ssl_utils.c):
// "M.N.F[letters|-betaN|-other]" into OpenSSL's MNNFFPPS layout, 0 when
// it does not parse.
func parseOpenSSLVersion(v string) uint32 {
	if v == "" {
		return 0
	}
	major, rest := strtoul10(v)
	if rest == "" || rest[0] != '.' || major > 0xf {
		return 0
	}
	minor, rest2 := strtoul10(rest[1:])
	if rest2 == "" || rest2[0] != '.' || minor > 0xff {
		return 0
	}
	fix, p := strtoul10(rest2[1:])
	if fix > 0xff {
		return 0
	}
	var patch, status uint64
	switch {
	case p == "":
		status = 0xf
	case p[0] == '-':
		if q := p[1:]; strings.HasPrefix(q, "beta") {
			status, _ = strtoul10(q[4:])
			if status > 14 {
				return 0
			}
		}
	default:
		patch = 1
		for i := 0; i < len(p); i++ {
			patch += uint64(int64(p[i]&^0x20) - 'A')
		}
		status = 0xf
	}
	return uint32(major&0xf)<<28 | uint32(minor&0xff)<<20 | uint32(fix&0xff)<<12 | uint32(patch&0xff)<<4 | uint32(status&0xf)
}

// compareOpenSSLVersion is openssl_compare_current_version(): like
// compareVersion, and -3 when v does not parse.
func compareOpenSSLVersion(v string) int {
	mod := parseOpenSSLVersion(v)
	switch {
	case mod == 0:
		return -3
	case mod < emulatedOpenSSLNumber:
		return -1
	case mod > emulatedOpenSSLNumber:
		return 1
	}
	return 0
}

// sslLibNameStartsWith is openssl_compare_current_name() == 0: a
// case-sensitive prefix test on the library's name (2.6.12 answers
// ssllib_name_startswith(openssl) false).
func sslLibNameStartsWith(prefix string) bool {
	return strings.HasPrefix(emulatedSSLLibName, prefix)
}
