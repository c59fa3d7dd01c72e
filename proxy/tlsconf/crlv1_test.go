package tlsconf

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/sha256"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/asn1"
	"math/big"
	"testing"
	"time"
)

// v1CRL builds a version 1 CRL (no version field, no extensions) signed
// by key, as `openssl ca -gencrl` writes without crl extensions.
func v1CRL(t *testing.T, ca *x509.Certificate, key *ecdsa.PrivateKey, revoked int64, now time.Time) []byte {
	t.Helper()
	alg := pkix.AlgorithmIdentifier{Algorithm: asn1.ObjectIdentifier{1, 2, 840, 10045, 4, 3, 2}}
	type entry struct {
		Serial *big.Int
		When   time.Time `asn1:"utc"`
	}
	tbs, err := asn1.Marshal(struct {
		Alg        pkix.AlgorithmIdentifier
		Issuer     asn1.RawValue
		This, Next time.Time `asn1:"utc"`
		Revoked    []entry
	}{alg, asn1.RawValue{FullBytes: ca.RawSubject}, now.Add(-time.Hour), now.Add(time.Hour),
		[]entry{{big.NewInt(revoked), now.Add(-time.Minute)}}})
	if err != nil {
		t.Fatal(err)
	}
	sum := sha256.Sum256(tbs)
	sig, err := ecdsa.SignASN1(rand.Reader, key, sum[:])
	if err != nil {
		t.Fatal(err)
	}
	der, err := asn1.Marshal(struct {
		TBS asn1.RawValue
		Alg pkix.AlgorithmIdentifier
		Sig asn1.BitString
	}{asn1.RawValue{FullBytes: tbs}, alg, asn1.BitString{Bytes: sig, BitLength: 8 * len(sig)}})
	if err != nil {
		t.Fatal(err)
	}
	return der
}

func TestParseCRLVersion1(t *testing.T) {
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	now := time.Now()
	tmpl := &x509.Certificate{SerialNumber: big.NewInt(1), Subject: pkix.Name{CommonName: "v1 CRL CA"},
		NotBefore: now.Add(-time.Hour), NotAfter: now.Add(time.Hour), IsCA: true, BasicConstraintsValid: true,
		KeyUsage: x509.KeyUsageCertSign | x509.KeyUsageCRLSign}
	caDER, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		t.Fatal(err)
	}
	ca, err := x509.ParseCertificate(caDER)
	if err != nil {
		t.Fatal(err)
	}
	der := v1CRL(t, ca, key, 42, now)
	if _, err := x509.ParseRevocationList(der); err == nil {
		t.Fatal("crypto/x509 now reads v1 CRLs: parseCRL's fallback can go")
	}
	l, err := parseCRL(der)
	if err != nil {
		t.Fatalf("parseCRL: %v", err)
	}
	if err := l.CheckSignatureFrom(ca); err != nil {
		t.Errorf("signature over the original TBS: %v", err)
	}
	if len(l.RevokedCertificateEntries) != 1 || l.RevokedCertificateEntries[0].SerialNumber.Int64() != 42 {
		t.Errorf("revoked entries %+v, want serial 42", l.RevokedCertificateEntries)
	}
	// a tampered list must not verify
	bad := append([]byte(nil), der...)
	bad[len(bad)/3] ^= 0x01
	if l, err := parseCRL(bad); err == nil && l.CheckSignatureFrom(ca) == nil {
		t.Error("a tampered v1 CRL verified")
	}
	if _, err := parseCRL([]byte{0x30, 0x03, 0x02, 0x01, 0x05}); err == nil {
		t.Error("garbage parsed as a CRL")
	}
}
