package tlsconf

import (
	"crypto/tls"
	"fmt"
	"strings"
)

// parseCurves is SSL_CTX_set1_curves_list() for "curves" (a ':' list)
// and "ecdhe" (one name), mapped onto crypto/tls's groups. OpenSSL's
// names and aliases are accepted; a name OpenSSL does not know is an
// error, as it is for 2.6; groups crypto/tls lacks (X448, the
// finite-field ones, the Brainpool curves) come back as unsupported, and
// a list left with none is an error.
func parseCurves(spec string) (ids []tls.CurveID, unsupported []string, err error) {
	for _, n := range strings.Split(spec, ":") {
		switch n {
		case "X25519", "x25519":
			ids = append(ids, tls.X25519)
		case "P-256", "prime256v1", "secp256r1":
			ids = append(ids, tls.CurveP256)
		case "P-384", "secp384r1":
			ids = append(ids, tls.CurveP384)
		case "P-521", "secp521r1":
			ids = append(ids, tls.CurveP521)
		case "X448", "x448", "ffdhe2048", "ffdhe3072", "ffdhe4096", "ffdhe6144", "ffdhe8192",
			"brainpoolP256r1", "brainpoolP384r1", "brainpoolP512r1", "secp224r1", "P-224", "secp256k1",
			"secp192r1", "prime192v1", "P-192":
			unsupported = append(unsupported, n)
		default:
			return nil, nil, fmt.Errorf("unknown curve '%s'", n)
		}
	}
	if len(ids) == 0 {
		return nil, unsupported, fmt.Errorf("no curve of '%s' is implemented by crypto/tls (X25519, P-256, P-384, P-521)", spec)
	}
	return ids, unsupported, nil
}

// defaultCurves are the groups OpenSSL 3.0 offers when none is set
// (x25519, secp256r1, x448, secp521r1, secp384r1) that crypto/tls
// implements: 2.6 negotiates no post-quantum hybrid, neither do we
// unless "curves" asks for one.
func defaultCurves() []tls.CurveID {
	return []tls.CurveID{tls.X25519, tls.CurveP256, tls.CurveP521, tls.CurveP384}
}
