package tlsconf

import (
	"crypto/tls"
	"encoding/binary"
	"slices"
	"sort"
	"strings"
)

// The TLS 1.3 suite as OpenSSL 3.0 chooses it with HAProxy's
// SSL_OP_CIPHER_SERVER_PREFERENCE: the first of the line's
// "ciphersuites" (OpenSSL's TLS_DEFAULT_CIPHERSUITES when none is set)
// the client offers, or the client's first with "prefer-client-ciphers".
// crypto/tls has its own fixed order and no setting for it, but it picks
// among the suites of the parsed ClientHello, which its
// GetConfigForClient callback sees: leaving there only the suite OpenSSL
// would choose makes crypto/tls choose it. The raw ClientHello (hashed
// into the transcript) is not touched. A second ClientHello after a
// HelloRetryRequest must repeat the first's suites, so nothing is left
// out when crypto/tls is going to ask for one.

// defaultSuites13 is OpenSSL 3.0's TLS_DEFAULT_CIPHERSUITES.
func defaultSuites13() []uint16 {
	return []uint16{tls.TLS_AES_256_GCM_SHA384, tls.TLS_CHACHA20_POLY1305_SHA256, tls.TLS_AES_128_GCM_SHA256}
}

// parseSuites13 is a "ciphersuites" list's order, the suites crypto/tls
// implements only.
func parseSuites13(spec string) []uint16 {
	var ids []uint16
	for _, n := range strings.Split(spec, ":") {
		for _, id := range defaultSuites13() {
			if tls.CipherSuiteName(id) == n && !slices.Contains(ids, id) {
				ids = append(ids, id)
			}
		}
	}
	return ids
}

func isSuite13(id uint16) bool { return id >= 0x1301 && id <= 0x1305 }

// chooseSuite13 is the suite OpenSSL would choose, 0 for none.
func chooseSuite13(s *settings, offered []uint16) uint16 {
	order := s.suites13
	if s.preferClient {
		order = offered
	}
	for _, id := range order {
		if slices.Contains(s.suites13, id) && slices.Contains(offered, id) {
			return id
		}
	}
	return 0
}

// steerSuite13 leaves in the parsed ClientHello's suites only the TLS
// 1.3 one OpenSSL would choose, when crypto/tls will not send a
// HelloRetryRequest.
func steerSuite13(s *settings, hello *tls.ClientHelloInfo, raw []byte) {
	want := chooseSuite13(s, hello.CipherSuites)
	if want == 0 {
		return
	}
	shares, ok := helloKeyShares(raw)
	if !ok || retryRequested(s.curves, hello.SupportedCurves, shares) {
		return
	}
	for i, id := range hello.CipherSuites {
		if isSuite13(id) && id != want {
			// TLS_NULL_WITH_NULL_NULL: never negotiated
			hello.CipherSuites[i] = 0
		}
	}
}

// retryRequested is crypto/tls's choice of a TLS 1.3 group
// (handshake_server_tls13.go): our groups the client supports, those it
// sent a key share for first, post-quantum ones before all; a
// HelloRetryRequest when the first has no key share.
func retryRequested(ours, theirs, shares []tls.CurveID) bool {
	var pref []tls.CurveID
	for _, g := range ours {
		if slices.Contains(theirs, g) {
			pref = append(pref, g)
		}
	}
	if len(pref) == 0 {
		return true
	}
	sort.SliceStable(pref, func(i, j int) bool {
		return slices.Contains(shares, pref[i]) && !slices.Contains(shares, pref[j])
	})
	sort.SliceStable(pref, func(i, j int) bool {
		return isPQGroup(pref[i]) && !isPQGroup(pref[j])
	})
	return !slices.Contains(shares, pref[0])
}

// isPQGroup tells the hybrid post-quantum groups (ML-KEM).
func isPQGroup(g tls.CurveID) bool { return g >= 0x11eb && g <= 0x11ed }

// helloKeyShares reads the key_share extension (RFC 8446 section 4.2.8)
// of a ClientHello whose first record holds it whole; ok is false
// otherwise.
func helloKeyShares(rec []byte) (groups []tls.CurveID, ok bool) {
	// record header, handshake header
	if len(rec) < 9 || rec[0] != 22 || rec[5] != 1 {
		return nil, false
	}
	rl := int(binary.BigEndian.Uint16(rec[3:5]))
	hl := int(rec[6])<<16 | int(rec[7])<<8 | int(rec[8])
	if len(rec) < 5+rl || hl+4 > rl {
		return nil, false
	}
	b := rec[9 : 9+hl]
	skip := func(n int) bool {
		if len(b) < n {
			return false
		}
		b = b[n:]
		return true
	}
	vec := func(lenBytes int) ([]byte, bool) {
		if len(b) < lenBytes {
			return nil, false
		}
		n := 0
		for i := 0; i < lenBytes; i++ {
			n = n<<8 | int(b[i])
		}
		if len(b) < lenBytes+n {
			return nil, false
		}
		v := b[lenBytes : lenBytes+n]
		b = b[lenBytes+n:]
		return v, true
	}
	if !skip(2 + 32) {
		return nil, false
	}
	for _, lb := range []int{1, 2, 1} {
		if _, ok := vec(lb); !ok {
			return nil, false
		}
	}
	exts, ok := vec(2)
	if !ok {
		return nil, false
	}
	for len(exts) >= 4 {
		typ := binary.BigEndian.Uint16(exts)
		n := int(binary.BigEndian.Uint16(exts[2:]))
		if len(exts) < 4+n {
			return nil, false
		}
		data := exts[4 : 4+n]
		exts = exts[4+n:]
		if typ != 51 {
			continue
		}
		if len(data) < 2 {
			return nil, false
		}
		list := data[2:]
		for len(list) >= 4 {
			g := binary.BigEndian.Uint16(list)
			kl := int(binary.BigEndian.Uint16(list[2:]))
			if len(list) < 4+kl {
				return nil, false
			}
			groups = append(groups, tls.CurveID(g))
			list = list[4+kl:]
		}
		return groups, true
	}
	// no key share: crypto/tls asks for one
	return nil, true
}
