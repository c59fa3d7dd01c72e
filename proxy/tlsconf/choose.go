package tlsconf

import (
	"crypto/tls"
	"crypto/x509"
	"errors"
	"hakeep/proxy/certstore"
	"strings"
)

// sigKinds is what 2.6 reads of the ClientHello to choose between an
// RSA and an ECDSA certificate: the signature algorithms' signature
// bytes (rsa 1, ecdsa 3; none sent means RSA), ECDSA counting only when
// the client also offers a cipher authenticated by ECDSA (OpenSSL 3.0
// reports TLS 1.3 suites as "any", which 2.6.12 does not count).
func sigKinds(hello *tls.ClientHelloInfo) (hasRSA, hasECDSA bool) {
	if len(hello.SignatureSchemes) == 0 {
		return true, false
	}
	for _, s := range hello.SignatureSchemes {
		switch byte(s) {
		case 1:
			hasRSA = true
		case 3:
			hasECDSA = true
		}
	}
	if hasECDSA {
		hasECDSA = false
		ecdsa := ecdsaCiphers()
		for _, id := range hello.CipherSuites {
			if ecdsa[id] {
				hasECDSA = true
				break
			}
		}
	}
	return hasRSA, hasECDSA
}

// ecdsaCiphers are the suites OpenSSL knows as authenticated by ECDSA.
func ecdsaCiphers() map[uint16]bool {
	m := map[uint16]bool{}
	for _, c := range opensslCiphers() {
		if strings.Contains(" "+c.aliases+" ", " aECDSA ") {
			m[c.id] = true
		}
	}
	return m
}

// negotiatedVersion is the version the handshake will settle on: the
// highest the client offers within the range, 0 for none.
func negotiatedVersion(offered []uint16, v Versions) uint16 {
	var best uint16
	for _, o := range offered {
		if o >= v.Min && o <= v.Max && o <= tls.VersionTLS13 && o > best {
			best = o
		}
	}
	return best
}

// suiteProps are what OpenSSL checks of a suite against the handshake:
// its key exchange, its authentication, whether it needs TLS 1.2.
type suiteProps struct {
	ecdhe, ecdsa, tls12 bool
}

func goSuiteProps(id uint16) (suiteProps, bool) {
	for _, list := range [][]*tls.CipherSuite{tls.CipherSuites(), tls.InsecureCipherSuites()} {
		for _, s := range list {
			if s.ID != id {
				continue
			}
			p := suiteProps{ecdhe: strings.Contains(s.Name, "_ECDHE_"), ecdsa: strings.Contains(s.Name, "_ECDSA_"), tls12: true}
			for _, v := range s.SupportedVersions {
				if v < tls.VersionTLS12 {
					p.tls12 = false
				}
			}
			return p, true
		}
	}
	return suiteProps{}, false
}

// chooseSuite is OpenSSL's ssl3_choose_cipher() with HAProxy's
// SSL_OP_CIPHER_SERVER_PREFERENCE: the first suite of the server's
// order (the client's with "prefer-client-ciphers") the client offers
// that fits the certificate, the version and the curves. 0 when none
// does: crypto/tls then fails the handshake as OpenSSL would.
func chooseSuite(s *settings, kind certstore.KeyType, hello *tls.ClientHelloInfo, v uint16) uint16 {
	ours := map[uint16]bool{}
	for _, id := range s.suites {
		ours[id] = true
	}
	offered := map[uint16]bool{}
	for _, id := range hello.CipherSuites {
		offered[id] = true
	}
	order := s.suites
	if s.preferClient {
		order = hello.CipherSuites
	}
	ecdheOK := mutualCurve(s.curves, hello.SupportedCurves) &&
		(len(hello.SupportedPoints) == 0 || strings.IndexByte(string(hello.SupportedPoints), 0) >= 0)
	for _, id := range order {
		if !ours[id] || !offered[id] {
			continue
		}
		p, ok := goSuiteProps(id)
		if !ok {
			continue
		}
		if p.ecdsa != (kind == certstore.KeyECDSA) || p.ecdhe && !ecdheOK || p.tls12 && v < tls.VersionTLS12 {
			continue
		}
		return id
	}
	return 0
}

// mutualCurve tells whether the client shares a curve with the line's
// list (crypto/tls's defaults when none is set).
func mutualCurve(ours, theirs []tls.CurveID) bool {
	if len(ours) == 0 {
		ours = defaultCurves()
	}
	for _, a := range ours {
		for _, b := range theirs {
			if a == b {
				return true
			}
		}
	}
	return false
}

// selectALPN is SSL_select_next_proto() as 2.6 calls it: the first
// protocol of the server's list the client offers, skipping those the
// engine does not serve; "" (no ALPN, the handshake goes on) when none
// matches.
func selectALPN(server, client []string, serve func(string) bool) string {
	for _, s := range server {
		if serve != nil && !serve(s) {
			continue
		}
		for _, c := range client {
			if s == c {
				return s
			}
		}
	}
	return ""
}

// checkPeer verifies the client's chain, records the result, and fails
// the handshake on an error not ignored.
func (st *State) checkPeer(v *verifier, raw [][]byte) error {
	var certs []*x509.Certificate
	for _, r := range raw {
		c, err := x509.ParseCertificate(r)
		if err != nil {
			return err
		}
		certs = append(certs, c)
	}
	r := v.verify(certs)
	st.mu.Lock()
	st.VerifyResult = r
	st.mu.Unlock()
	if r.Failed {
		return errors.New("tls: client certificate verification failed: " + VerifyErrorString(r.Err))
	}
	return nil
}
