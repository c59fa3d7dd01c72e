package tlsconf

import (
	"bytes"
	"crypto/x509"
	"encoding/pem"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"
)

// OpenSSL's X509_V_ERR_* codes, which ssl_c_err, ssl_c_ca_err,
// ssl_c_verify and "ca-ignore-err"/"crt-ignore-err" speak.
const (
	VerifyOK                       = 0
	ErrUnableToGetIssuerCert       = 2
	ErrUnableToGetCRL              = 3
	ErrCertSignatureFailure        = 7
	ErrCRLSignatureFailure         = 8
	ErrCertNotYetValid             = 9
	ErrCertHasExpired              = 10
	ErrCRLNotYetValid              = 11
	ErrCRLHasExpired               = 12
	ErrDepthZeroSelfSignedCert     = 18
	ErrSelfSignedCertInChain       = 19
	ErrUnableToGetIssuerCertLocal  = 20
	ErrUnableToVerifyLeafSignature = 21
	ErrCertRevoked                 = 23
	ErrInvalidCA                   = 24
	ErrInvalidPurpose              = 26
)

// ignoreSet is "ca-ignore-err" or "crt-ignore-err": "all", or error
// codes from 1 to 127.
type ignoreSet struct {
	all   bool
	codes [2]uint64
}

func parseIgnore(spec string) ignoreSet {
	var s ignoreSet
	if spec == "" {
		return s
	}
	if spec == "all" {
		s.all = true
		return s
	}
	for _, w := range strings.Split(spec, ",") {
		if n, err := strconv.Atoi(w); err == nil && n > 0 && n < 128 {
			s.codes[n/64] |= 1 << (n % 64)
		}
	}
	return s
}

func (s ignoreSet) has(code int) bool {
	return s.all || code > 0 && code < 128 && s.codes[code/64]&(1<<(code%64)) != 0
}

// VerifyResult is what checking a client certificate found, as
// ssl_sock_bind_verifycbk() records it.
type VerifyResult struct {
	// Err is the last error met (SSL_get_verify_result()), 0 when
	// none.
	Err int
	// CAErr and CAErrDepth are the first error met above the leaf;
	// CrtErr the first met on the leaf.
	CAErr, CAErrDepth, CrtErr int
	// Failed is set when an error was not ignored: the handshake
	// fails.
	Failed bool
	// Chain is the chain built, leaf first.
	Chain []*x509.Certificate
}

// verifier checks client certificates the way OpenSSL does for a bind
// line with "verify optional|required": the chain up to a self-signed
// certificate of "ca-file" or "ca-verify-file" (OpenSSL's store, without
// partial chains), the "ssl client" purpose, the CRLs of "crl-file"
// for every certificate when there is one, then signatures and dates
// from the root down.
type verifier struct {
	mode string
	// store holds the certificates of ca-file and ca-verify-file.
	store []*x509.Certificate
	// caCerts are the ca-file certificates whose subjects the
	// CertificateRequest lists (none with "no-ca-names").
	caCerts []*x509.Certificate
	crls    []*x509.RevocationList
	ignCA   ignoreSet
	ignCrt  ignoreSet
	now     func() time.Time
}

// loadCAs is ssl_store_load_locations_file(): a PEM file of
// certificates (CRLs in it are kept apart), or a directory whose .pem,
// .crt, .cer and .crl files are read, dot files left out. "@system-ca"
// is the system's store.
func loadCAs(path string) ([]*x509.Certificate, []*x509.RevocationList, error) {
	if path == "@system-ca" {
		return nil, nil, errors.New("'@system-ca' is not supported: name the CA file")
	}
	st, err := os.Stat(path)
	if err != nil {
		return nil, nil, err
	}
	files := []string{path}
	if st.IsDir() {
		des, err := os.ReadDir(path)
		if err != nil {
			return nil, nil, err
		}
		files = files[:0]
		for _, de := range des {
			n := de.Name()
			switch filepath.Ext(n) {
			case ".pem", ".crt", ".cer", ".crl":
				if !strings.HasPrefix(n, ".") {
					files = append(files, filepath.Join(path, n))
				}
			}
		}
	}
	var certs []*x509.Certificate
	var crls []*x509.RevocationList
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			return nil, nil, err
		}
		for {
			var b *pem.Block
			b, data = pem.Decode(data)
			if b == nil {
				break
			}
			switch b.Type {
			case "CERTIFICATE", "TRUSTED CERTIFICATE":
				c, err := x509.ParseCertificate(b.Bytes)
				if err != nil {
					return nil, nil, fmt.Errorf("'%s': %w", f, err)
				}
				certs = append(certs, c)
			case "X509 CRL":
				l, err := parseCRL(b.Bytes)
				if err != nil {
					return nil, nil, fmt.Errorf("'%s': %w", f, err)
				}
				crls = append(crls, l)
			}
		}
	}
	if len(certs) == 0 && len(crls) == 0 {
		return nil, nil, fmt.Errorf("no certificate or crl found in '%s'", path)
	}
	return certs, crls, nil
}

// verify checks a client chain as sent (leaf first).
func (v *verifier) verify(sent []*x509.Certificate) VerifyResult {
	r := VerifyResult{}
	if len(sent) == 0 {
		return r
	}
	now := time.Now()
	if v.now != nil {
		now = v.now()
	}
	stop := false
	// report is the verify callback: records the error and tells
	// whether verification goes on
	report := func(depth, code int) bool {
		r.Err = code
		if depth > 0 {
			if r.CAErr == 0 {
				r.CAErr, r.CAErrDepth = code, depth
			}
			if v.ignCA.has(code) {
				return true
			}
		} else {
			if r.CrtErr == 0 {
				r.CrtErr = code
			}
			if v.ignCrt.has(code) {
				return true
			}
		}
		r.Failed, stop = true, true
		return false
	}
	chain, trusted := v.buildChain(sent)
	r.Chain = chain
	top := chain[len(chain)-1]
	if !trusted {
		selfSigned := isSelfSigned(top)
		code := ErrUnableToGetIssuerCertLocal
		switch {
		case selfSigned && len(chain) == 1:
			code = ErrDepthZeroSelfSignedCert
		case selfSigned:
			code = ErrSelfSignedCertInChain
		}
		if !report(len(chain)-1, code) {
			return r
		}
	}
	// check_chain_extensions(): CAs must be CAs, the leaf fit for
	// client authentication
	for i, c := range chain {
		if i > 0 && !c.IsCA && !(i == len(chain)-1 && !trusted) {
			if !report(i, ErrInvalidCA) {
				return r
			}
		}
	}
	if !clientPurpose(chain[0]) {
		if !report(0, ErrInvalidPurpose) {
			return r
		}
	}
	// check_revocation() with CRL_CHECK_ALL
	if len(v.crls) > 0 {
		for i, c := range chain {
			var issuer *x509.Certificate
			if i+1 < len(chain) {
				issuer = chain[i+1]
			} else if isSelfSigned(c) {
				issuer = c
			}
			if code := v.crlCheck(c, issuer, now); code != VerifyOK {
				if !report(i, code) {
					return r
				}
			}
		}
	}
	// internal_verify(): from the top down, signatures then dates; a
	// lone leaf without its issuer cannot have its signature checked
	if !trusted && !isSelfSigned(top) && len(chain) == 1 {
		if !report(0, ErrUnableToVerifyLeafSignature) {
			return r
		}
	}
	for i := len(chain) - 1; i >= 0 && !stop; i-- {
		c := chain[i]
		if i+1 < len(chain) {
			if c.CheckSignatureFrom(chain[i+1]) != nil && !report(i, ErrCertSignatureFailure) {
				return r
			}
		}
		switch {
		case now.Before(c.NotBefore):
			if !report(i, ErrCertNotYetValid) {
				return r
			}
		case now.After(c.NotAfter):
			if !report(i, ErrCertHasExpired) {
				return r
			}
		}
	}
	return r
}

// buildChain follows issuers from the leaf through the certificates
// sent and the store; trusted tells it ends at a self-signed store
// certificate.
func (v *verifier) buildChain(sent []*x509.Certificate) ([]*x509.Certificate, bool) {
	chain := []*x509.Certificate{sent[0]}
	for len(chain) < 32 {
		c := chain[len(chain)-1]
		if inStore := v.inStore(c); inStore && isSelfSigned(c) {
			return chain, true
		}
		if isSelfSigned(c) {
			return chain, false
		}
		// trusted certificates first, as X509_STORE lookups do
		iss := findIssuer(c, v.store)
		if iss == nil {
			iss = findIssuer(c, sent[1:])
		}
		if iss == nil {
			return chain, false
		}
		chain = append(chain, iss)
	}
	return chain, false
}

func (v *verifier) inStore(c *x509.Certificate) bool {
	for _, s := range v.store {
		if bytes.Equal(s.Raw, c.Raw) {
			return true
		}
	}
	return false
}

// findIssuer is check_issued() over a pool: the subject names the
// issuer and, when both say, the key identifiers match; a candidate
// whose signature checks is preferred.
func findIssuer(c *x509.Certificate, pool []*x509.Certificate) *x509.Certificate {
	var named *x509.Certificate
	for _, p := range pool {
		if !bytes.Equal(p.RawSubject, c.RawIssuer) {
			continue
		}
		if len(c.AuthorityKeyId) > 0 && len(p.SubjectKeyId) > 0 && !bytes.Equal(c.AuthorityKeyId, p.SubjectKeyId) {
			continue
		}
		if c.CheckSignatureFrom(p) == nil {
			return p
		}
		if named == nil {
			named = p
		}
	}
	return named
}

func isSelfSigned(c *x509.Certificate) bool {
	return bytes.Equal(c.RawSubject, c.RawIssuer) && c.CheckSignatureFrom(c) == nil
}

// clientPurpose is check_purpose_ssl_client(): an extended key usage,
// when there is one, allows client authentication; a key usage, when
// there is one, allows signatures or key agreement.
func clientPurpose(c *x509.Certificate) bool {
	if len(c.ExtKeyUsage) > 0 || len(c.UnknownExtKeyUsage) > 0 {
		ok := false
		for _, u := range c.ExtKeyUsage {
			if u == x509.ExtKeyUsageClientAuth || u == x509.ExtKeyUsageAny {
				ok = true
			}
		}
		if !ok {
			return false
		}
	}
	if c.KeyUsage != 0 && c.KeyUsage&(x509.KeyUsageDigitalSignature|x509.KeyUsageKeyAgreement) == 0 {
		return false
	}
	return true
}

// crlCheck is check_cert() for one certificate: a CRL of its issuer,
// current, listing it or not.
func (v *verifier) crlCheck(c, issuer *x509.Certificate, now time.Time) int {
	if issuer == nil {
		return ErrUnableToGetCRL
	}
	var found *x509.RevocationList
	for _, l := range v.crls {
		if bytes.Equal(l.RawIssuer, issuer.RawSubject) && l.CheckSignatureFrom(issuer) == nil {
			found = l
			break
		}
	}
	if found == nil {
		return ErrUnableToGetCRL
	}
	if now.Before(found.ThisUpdate) {
		return ErrCRLNotYetValid
	}
	if !found.NextUpdate.IsZero() && now.After(found.NextUpdate) {
		return ErrCRLHasExpired
	}
	for _, e := range found.RevokedCertificateEntries {
		if e.SerialNumber.Cmp(c.SerialNumber) == 0 {
			return ErrCertRevoked
		}
	}
	return VerifyOK
}

// VerifyErrorString is X509_verify_cert_error_string() for the codes
// the checks produce.
func VerifyErrorString(code int) string {
	switch code {
	case VerifyOK:
		return "ok"
	case ErrUnableToGetIssuerCert:
		return "unable to get issuer certificate"
	case ErrUnableToGetCRL:
		return "unable to get certificate CRL"
	case ErrCertSignatureFailure:
		return "certificate signature failure"
	case ErrCRLSignatureFailure:
		return "CRL signature failure"
	case ErrCertNotYetValid:
		return "certificate is not yet valid"
	case ErrCertHasExpired:
		return "certificate has expired"
	case ErrCRLNotYetValid:
		return "CRL is not yet valid"
	case ErrCRLHasExpired:
		return "CRL has expired"
	case ErrDepthZeroSelfSignedCert:
		return "self-signed certificate"
	case ErrSelfSignedCertInChain:
		return "self-signed certificate in certificate chain"
	case ErrUnableToGetIssuerCertLocal:
		return "unable to get local issuer certificate"
	case ErrUnableToVerifyLeafSignature:
		return "unable to verify the first certificate"
	case ErrCertRevoked:
		return "certificate revoked"
	case ErrInvalidCA:
		return "invalid CA certificate"
	case ErrInvalidPurpose:
		return "unsupported certificate purpose"
	}
	return "error number " + strconv.Itoa(code)
}
