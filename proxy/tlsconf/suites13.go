package tlsconf

import (
	"crypto/tls"
	"fmt"
	"strings"
)

// checkCiphersuites is SSL_CTX_set_ciphersuites() for "ciphersuites"
// (configuration.txt section 5.1): a ':' list of TLS 1.3 suites, names
// OpenSSL does not know skipped, none known an error. crypto/tls always
// negotiates TLS_AES_128_GCM_SHA256, TLS_AES_256_GCM_SHA384 and
// TLS_CHACHA20_POLY1305_SHA256 and cannot leave one out: a list that
// leaves one out is refused rather than silently widened; the CCM
// suites, which crypto/tls lacks, come back as unsupported.
func checkCiphersuites(spec string) (unsupported []string, err error) {
	known := map[string]uint16{
		"TLS_AES_128_GCM_SHA256":       tls.TLS_AES_128_GCM_SHA256,
		"TLS_AES_256_GCM_SHA384":       tls.TLS_AES_256_GCM_SHA384,
		"TLS_CHACHA20_POLY1305_SHA256": tls.TLS_CHACHA20_POLY1305_SHA256,
		"TLS_AES_128_CCM_SHA256":       0x1304,
		"TLS_AES_128_CCM_8_SHA256":     0x1305,
	}
	have := map[uint16]bool{}
	for _, n := range strings.Split(spec, ":") {
		if id, ok := known[n]; ok {
			have[id] = true
			if id == 0x1304 || id == 0x1305 {
				unsupported = append(unsupported, n)
			}
		}
	}
	if len(have) == 0 {
		return nil, fmt.Errorf("no TLS 1.3 cipher suite in '%s'", spec)
	}
	var missing []string
	for _, id := range []uint16{tls.TLS_AES_128_GCM_SHA256, tls.TLS_AES_256_GCM_SHA384, tls.TLS_CHACHA20_POLY1305_SHA256} {
		if !have[id] {
			missing = append(missing, tls.CipherSuiteName(id))
		}
	}
	if len(missing) > 0 {
		return unsupported, fmt.Errorf("ciphersuites '%s' leaves out %s, which crypto/tls always offers in TLS 1.3 (Go cannot restrict TLS 1.3 cipher suites): list all three suites, or disable TLS 1.3 with 'ssl-max-ver TLSv1.2'", spec, strings.Join(missing, ", "))
	}
	return unsupported, nil
}
