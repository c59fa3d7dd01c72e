package tlse2e

import (
	"crypto"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/rsa"
	"crypto/sha1"
	"crypto/sha256"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/asn1"
	"encoding/hex"
	"encoding/pem"
	"math/big"
	"os"
	"path/filepath"
	"testing"
	"time"
)

// pki is the certificates a run uses, written into dir: a CA for the
// servers' certificates, one for clients, RSA-2048 and ECDSA P-256
// leaves with exact and wildcard names. Certificates are known by label
// (the file name) and fingerprint.
type pki struct {
	t      *testing.T
	dir    string
	serial int64
	cas    map[string]*issuer
	// byFP names a certificate by its SHA-256 fingerprint.
	byFP map[string]string
	pems map[string][]byte
}

type issuer struct {
	cert *x509.Certificate
	key  crypto.Signer
}

func newPKI(t *testing.T) *pki {
	p := &pki{t: t, dir: t.TempDir(), serial: 100, cas: map[string]*issuer{}, byFP: map[string]string{}, pems: map[string][]byte{}}
	p.ca("ca", "hakeep test CA")
	p.ca("clientca", "hakeep client CA")
	p.ca("rogue", "rogue CA")
	return p
}

func (p *pki) path(name string) string { return filepath.Join(p.dir, name) }

func (p *pki) write(name string, data []byte) {
	if err := os.WriteFile(p.path(name), data, 0o600); err != nil {
		p.t.Fatal(err)
	}
}

func certPEM(der []byte) []byte {
	return pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der})
}

func keyPEM(k crypto.Signer) []byte {
	der, _ := x509.MarshalPKCS8PrivateKey(k)
	return pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Bytes: der})
}

// ca makes a self-signed CA, written as <name>.crt (and its key as
// <name>.pem with the certificate, for ca-sign-file).
func (p *pki) ca(name, cn string) {
	key, _ := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	p.serial++
	tmpl := &x509.Certificate{SerialNumber: big.NewInt(p.serial),
		Subject:   pkix.Name{Country: []string{"FR"}, Organization: []string{"hakeep tests"}, CommonName: cn},
		NotBefore: time.Now().Add(-time.Hour), NotAfter: time.Now().Add(48 * time.Hour),
		IsCA: true, BasicConstraintsValid: true, KeyUsage: x509.KeyUsageCertSign | x509.KeyUsageCRLSign | x509.KeyUsageDigitalSignature}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, key.Public(), key)
	if err != nil {
		p.t.Fatal(err)
	}
	c, _ := x509.ParseCertificate(der)
	p.cas[name] = &issuer{cert: c, key: key}
	p.write(name+".crt", certPEM(der))
	p.write(name+".pem", append(certPEM(der), keyPEM(key)...))
}

// leafOpts are a leaf certificate's particulars.
type leafOpts struct {
	ecdsa    bool
	subject  pkix.Name
	dns      []string
	client   bool
	issuer   string
	notAfter time.Time
}

// leaf makes a certificate signed by o.issuer ("ca" by default) and
// writes <label>.pem (certificate then key).
func (p *pki) leaf(label string, o leafOpts) *x509.Certificate {
	var key crypto.Signer
	if o.ecdsa {
		key, _ = ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	} else {
		key, _ = rsa.GenerateKey(rand.Reader, 2048)
	}
	if o.issuer == "" {
		o.issuer = "ca"
	}
	if o.notAfter.IsZero() {
		o.notAfter = time.Now().Add(24 * time.Hour)
	}
	iss := p.cas[o.issuer]
	p.serial++
	tmpl := &x509.Certificate{SerialNumber: new(big.Int).Lsh(big.NewInt(p.serial), 64), Subject: o.subject, DNSNames: o.dns,
		NotBefore: time.Now().Add(-2 * time.Hour), NotAfter: o.notAfter,
		KeyUsage:    x509.KeyUsageDigitalSignature | x509.KeyUsageKeyEncipherment,
		ExtKeyUsage: []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth}}
	if o.client {
		tmpl.ExtKeyUsage = []x509.ExtKeyUsage{x509.ExtKeyUsageClientAuth}
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, iss.cert, key.Public(), iss.key)
	if err != nil {
		p.t.Fatal(err)
	}
	c, _ := x509.ParseCertificate(der)
	data := append(certPEM(der), keyPEM(key)...)
	p.pems[label] = data
	p.write(label+".pem", data)
	p.byFP[fingerprint(der)] = label
	return c
}

func fingerprint(der []byte) string {
	s := sha256.Sum256(der)
	return hex.EncodeToString(s[:8])
}

// label names a certificate seen on the wire.
func (p *pki) label(der []byte) string {
	if l, ok := p.byFP[fingerprint(der)]; ok {
		return l
	}
	c, err := x509.ParseCertificate(der)
	if err != nil {
		return "?"
	}
	// generated certificates: their name
	return "generated:" + c.Subject.CommonName
}

// crl writes a CRL of issuer revoking certs.
func (p *pki) crl(name, issuerName string, revoked ...*x509.Certificate) {
	iss := p.cas[issuerName]
	var entries []x509.RevocationListEntry
	for _, c := range revoked {
		entries = append(entries, x509.RevocationListEntry{SerialNumber: c.SerialNumber, RevocationTime: time.Now().Add(-time.Minute)})
	}
	der, err := x509.CreateRevocationList(rand.Reader, &x509.RevocationList{Number: big.NewInt(1),
		ThisUpdate: time.Now().Add(-time.Hour), NextUpdate: time.Now().Add(24 * time.Hour),
		RevokedCertificateEntries: entries}, iss.cert, iss.key)
	if err != nil {
		p.t.Fatal(err)
	}
	p.write(name, pem.EncodeToMemory(&pem.Block{Type: "X509 CRL", Bytes: der}))
}

// ocsp writes <label>.pem.ocsp: a successful OCSP response (RFC 6960)
// saying "good" for the certificate, signed by its CA, valid a day.
func (p *pki) ocsp(label string, c *x509.Certificate) {
	iss := p.cas["ca"]
	var spki struct {
		Algorithm pkix.AlgorithmIdentifier
		PublicKey asn1.BitString
	}
	asn1.Unmarshal(iss.cert.RawSubjectPublicKeyInfo, &spki)
	nh := sha1.Sum(iss.cert.RawSubject)
	kh := sha1.Sum(spki.PublicKey.RightAlign())
	type certID struct {
		HashAlgorithm  pkix.AlgorithmIdentifier
		IssuerNameHash []byte
		IssuerKeyHash  []byte
		SerialNumber   *big.Int
	}
	type singleResponse struct {
		CertID     certID
		Good       asn1.RawValue
		ThisUpdate time.Time `asn1:"generalized"`
		NextUpdate time.Time `asn1:"generalized,explicit,tag:0"`
	}
	type responseData struct {
		ResponderKeyHash []byte    `asn1:"explicit,tag:2"`
		ProducedAt       time.Time `asn1:"generalized"`
		Responses        []singleResponse
	}
	now := time.Now().UTC().Truncate(time.Second)
	rd := responseData{ResponderKeyHash: kh[:], ProducedAt: now, Responses: []singleResponse{{
		CertID: certID{HashAlgorithm: pkix.AlgorithmIdentifier{Algorithm: asn1.ObjectIdentifier{1, 3, 14, 3, 2, 26}, Parameters: asn1.NullRawValue},
			IssuerNameHash: nh[:], IssuerKeyHash: kh[:], SerialNumber: c.SerialNumber},
		Good:       asn1.RawValue{Class: asn1.ClassContextSpecific, Tag: 0},
		ThisUpdate: now.Add(-time.Hour), NextUpdate: now.Add(24 * time.Hour)}}}
	tbs, err := asn1.Marshal(rd)
	if err != nil {
		p.t.Fatal(err)
	}
	h := sha256.Sum256(tbs)
	sig, err := iss.key.Sign(rand.Reader, h[:], crypto.SHA256)
	if err != nil {
		p.t.Fatal(err)
	}
	basic, _ := asn1.Marshal(struct {
		TBS       asn1.RawValue
		Algorithm pkix.AlgorithmIdentifier
		Signature asn1.BitString
	}{asn1.RawValue{FullBytes: tbs}, pkix.AlgorithmIdentifier{Algorithm: asn1.ObjectIdentifier{1, 2, 840, 10045, 4, 3, 2}},
		asn1.BitString{Bytes: sig, BitLength: 8 * len(sig)}})
	resp, _ := asn1.Marshal(struct {
		Status asn1.Enumerated
		Bytes  struct {
			Type     asn1.ObjectIdentifier
			Response []byte
		} `asn1:"explicit,tag:0"`
	}{0, struct {
		Type     asn1.ObjectIdentifier
		Response []byte
	}{asn1.ObjectIdentifier{1, 3, 6, 1, 5, 5, 7, 48, 1, 1}, basic}})
	p.write(label+".pem.ocsp", resp)
}
