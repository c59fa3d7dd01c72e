package certstore

import (
	"bytes"
	"crypto"
	"crypto/ecdsa"
	"crypto/ed25519"
	"crypto/rsa"
	"crypto/tls"
	"crypto/x509"
	"encoding/binary"
	"encoding/pem"
	"errors"
	"fmt"
)

// Data is the content of one store entry (2.6's ckch_data): a
// certificate with its chain and key, and what the side files add.
// Data is immutable once built: a change makes a new one.
type Data struct {
	Cert  *x509.Certificate
	Chain []*x509.Certificate
	Key   crypto.Signer
	// OCSP is the DER OCSP response of the ".ocsp" file, stapled when
	// it is valid for the certificate.
	OCSP []byte
	// Issuer is the ".issuer" certificate, used to check the OCSP
	// response when the chain does not hold the issuer.
	Issuer *x509.Certificate
	// SCTL is the ".sctl" file: a SignedCertificateTimestampList.
	SCTL []byte

	tls *tls.Certificate
}

// KeyType is a certificate's public key algorithm as HAProxy's SNI
// selection sees it (TLSEXT_signature_*).
type KeyType uint8

const (
	KeyOther KeyType = iota // DSA, Ed25519: HAProxy's "anonymous" kind
	KeyRSA
	KeyECDSA
)

// KeyType is the certificate's key type.
func (d *Data) KeyType() KeyType {
	if d == nil || d.Cert == nil {
		return KeyOther
	}
	switch d.Cert.PublicKey.(type) {
	case *rsa.PublicKey:
		return KeyRSA
	case *ecdsa.PublicKey:
		return KeyECDSA
	}
	return KeyOther
}

// TLS is the certificate as crypto/tls serves it: the chain, the key,
// the stapled OCSP response and the SCTs.
func (d *Data) TLS() *tls.Certificate { return d.tls }

// clone copies d for an edit: the slices are shared, Data being
// immutable.
func (d *Data) clone() *Data {
	if d == nil {
		return &Data{}
	}
	c := *d
	c.tls = nil
	return &c
}

// loadPEM is ssl_sock_load_pem_into_ckch(): the certificates and the
// key of a PEM text into d. The first certificate is the leaf, the next
// ones its chain; a key in the text replaces d's, none keeps it (it may
// come from a ".key" file). name is the file's name for messages.
func (d *Data) loadPEM(name string, text []byte) error {
	var certs []*x509.Certificate
	var key crypto.Signer
	rest := text
	for {
		var b *pem.Block
		b, rest = pem.Decode(rest)
		if b == nil {
			break
		}
		switch b.Type {
		case "CERTIFICATE", "TRUSTED CERTIFICATE":
			c, err := x509.ParseCertificate(b.Bytes)
			if err != nil {
				return fmt.Errorf("unable to load certificate from file '%s'.\n", name)
			}
			certs = append(certs, c)
		case "PRIVATE KEY", "RSA PRIVATE KEY", "EC PRIVATE KEY":
			if key != nil {
				continue
			}
			k, err := parseKey(b)
			if err != nil {
				return fmt.Errorf("unable to load private key from file '%s'.\n", name)
			}
			key = k
		case "ENCRYPTED PRIVATE KEY":
			return fmt.Errorf("unable to load private key from file '%s': encrypted keys need a passphrase, which hakeep does not read.\n", name)
		}
	}
	if len(certs) == 0 {
		return fmt.Errorf("unable to load certificate from file '%s'.\n", name)
	}
	d.Cert, d.Chain = certs[0], certs[1:]
	if key != nil {
		d.Key = key
	}
	d.tls = nil
	return nil
}

// loadKey is ssl_sock_load_key_into_ckch(): a ".key" file's key.
func (d *Data) loadKey(name string, text []byte) error {
	rest := text
	for {
		var b *pem.Block
		b, rest = pem.Decode(rest)
		if b == nil {
			return fmt.Errorf("unable to load private key from file '%s'.\n", name)
		}
		switch b.Type {
		case "PRIVATE KEY", "RSA PRIVATE KEY", "EC PRIVATE KEY":
			k, err := parseKey(b)
			if err != nil {
				return fmt.Errorf("unable to load private key from file '%s'.\n", name)
			}
			d.Key, d.tls = k, nil
			return nil
		}
	}
}

// loadIssuer is ssl_sock_load_issuer_file_into_ckch(): the issuer of
// the certificate, for OCSP.
func (d *Data) loadIssuer(name string, text []byte) error {
	b, _ := pem.Decode(text)
	if b == nil {
		return fmt.Errorf("'%s' cannot be read or parsed.\n", name)
	}
	c, err := x509.ParseCertificate(b.Bytes)
	if err != nil {
		return fmt.Errorf("'%s' cannot be read or parsed.\n", name)
	}
	if d.Cert != nil && d.Cert.CheckSignatureFrom(c) != nil {
		return fmt.Errorf("issuer certificate in '%s' does not match the certificate.\n", name)
	}
	d.Issuer, d.tls = c, nil
	return nil
}

// loadSCTL checks a ".sctl" file: a list of SignedCertificateTimestamps
// (RFC 6962 section 3.3), each with a two-byte length.
func (d *Data) loadSCTL(name string, raw []byte) error {
	if _, err := splitSCTL(raw); err != nil {
		return fmt.Errorf("'%s' is present but cannot be read or parsed'.\n", name)
	}
	d.SCTL, d.tls = raw, nil
	return nil
}

// splitSCTL cuts a SignedCertificateTimestampList into its SCTs.
func splitSCTL(raw []byte) ([][]byte, error) {
	if len(raw) < 2 || int(binary.BigEndian.Uint16(raw)) != len(raw)-2 {
		return nil, errors.New("bad list length")
	}
	var out [][]byte
	for p := raw[2:]; len(p) > 0; {
		if len(p) < 2 {
			return nil, errors.New("truncated")
		}
		n := int(binary.BigEndian.Uint16(p))
		if n == 0 || len(p) < 2+n {
			return nil, errors.New("truncated")
		}
		out = append(out, p[2:2+n])
		p = p[2+n:]
	}
	return out, nil
}

func parseKey(b *pem.Block) (crypto.Signer, error) {
	var k any
	var err error
	switch b.Type {
	case "RSA PRIVATE KEY":
		k, err = x509.ParsePKCS1PrivateKey(b.Bytes)
	case "EC PRIVATE KEY":
		k, err = x509.ParseECPrivateKey(b.Bytes)
	default:
		k, err = x509.ParsePKCS8PrivateKey(b.Bytes)
	}
	if err != nil {
		return nil, err
	}
	switch s := k.(type) {
	case *rsa.PrivateKey:
		return s, nil
	case *ecdsa.PrivateKey:
		return s, nil
	case ed25519.PrivateKey:
		return s, nil
	}
	return nil, errors.New("unsupported key type")
}

// KeyMatches is X509_check_private_key(): the key is the certificate's.
func (d *Data) KeyMatches() bool {
	if d.Cert == nil || d.Key == nil {
		return false
	}
	type equaler interface{ Equal(crypto.PublicKey) bool }
	pub, ok := d.Key.Public().(equaler)
	return ok && pub.Equal(d.Cert.PublicKey)
}

// build makes the crypto/tls certificate: the leaf and its chain, the
// key, the OCSP response when it is good for the certificate now, and
// the SCTs. warn receives the reason an OCSP response is left out.
func (d *Data) build(ocspCheck func(d *Data) error, warn func(string)) error {
	if d.Cert == nil {
		return errors.New("no certificate")
	}
	if !d.KeyMatches() {
		return errors.New("inconsistencies between private key and certificate")
	}
	tc := &tls.Certificate{PrivateKey: d.Key, Leaf: d.Cert}
	tc.Certificate = append(tc.Certificate, d.Cert.Raw)
	for _, c := range d.Chain {
		tc.Certificate = append(tc.Certificate, c.Raw)
	}
	if len(d.OCSP) > 0 && ocspCheck != nil {
		if err := ocspCheck(d); err != nil {
			if warn != nil {
				warn(err.Error())
			}
		} else {
			tc.OCSPStaple = d.OCSP
		}
	}
	if len(d.SCTL) > 0 {
		tc.SignedCertificateTimestamps, _ = splitSCTL(d.SCTL)
	}
	d.tls = tc
	return nil
}

// IssuerOf is the certificate that issued d's: the first of the chain,
// else the ".issuer" file's (ssl_sock_load_ocsp()).
func (d *Data) IssuerOf() *x509.Certificate {
	for _, c := range d.Chain {
		if bytes.Equal(c.RawSubject, d.Cert.RawIssuer) && d.Cert.CheckSignatureFrom(c) == nil {
			return c
		}
	}
	return d.Issuer
}

// Generated wraps a certificate made at run time (not in the store) as
// Data.
func Generated(c *x509.Certificate, key crypto.Signer, tc *tls.Certificate) *Data {
	return &Data{Cert: c, Key: key, tls: tc}
}
