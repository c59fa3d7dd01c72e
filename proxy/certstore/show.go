package certstore

import (
	"crypto/ecdsa"
	"crypto/rsa"
	"crypto/sha1"
	"crypto/x509"
	"encoding/asn1"
	"encoding/hex"
	"fmt"
	"strings"

	"hakeep/proxy/x509dn"
)

// ShowAll is "show ssl cert": the transaction in progress, then every
// entry in name order.
func (s *Store) ShowAll() string {
	var b strings.Builder
	s.mu.Lock()
	if s.tx.old != nil {
		b.WriteString("# transaction\n*" + s.tx.path + "\n")
	}
	s.mu.Unlock()
	b.WriteString("# filename\n")
	for _, n := range s.Names() {
		b.WriteString(n + "\n")
	}
	return b.String()
}

// Show is "show ssl cert <name>" (or "*<name>" for the transaction's
// content): 2.6's detail of the certificate.
func (s *Store) Show(name string) (string, error) {
	notFound := fmt.Errorf("Can't display the certificate: Not found or the certificate is a bundle!\n")
	s.mu.Lock()
	defer s.mu.Unlock()
	var d *Data
	status := "Unused"
	shown := name
	if strings.HasPrefix(name, "*") {
		p := strings.TrimPrefix(strings.TrimPrefix(name, "*"), "\\")
		if s.tx.old == nil || s.tx.path != p {
			return "", notFound
		}
		d, shown = s.tx.data, "*"+p
	} else {
		e, ok := s.entries[strings.TrimPrefix(name, "\\")]
		if !ok {
			return "", notFound
		}
		d, shown = e.Data(), e.path
		if e.refs > 0 {
			status = "Used"
		}
	}
	var b strings.Builder
	b.WriteString("Filename: " + shown + "\n")
	if d == nil || d.Cert == nil {
		b.WriteString("Status: Empty\nOCSP Response Key: \n")
		return b.String(), nil
	}
	b.WriteString("Status: " + status + "\n")
	c := d.Cert
	b.WriteString("Serial: " + strings.ToUpper(hex.EncodeToString(c.SerialNumber.Bytes())) + "\n")
	b.WriteString("notBefore: " + asn1Time(c) + "\n")
	b.WriteString("notAfter: " + c.NotAfter.UTC().Format("Jan _2 15:04:05 2006 GMT") + "\n")
	b.WriteString("Subject Alternative Name: " + sanOneline(c) + "\n")
	b.WriteString("Algorithm: " + KeyAlgo(c) + "\n")
	fp := sha1.Sum(c.Raw)
	b.WriteString("SHA1 FingerPrint: " + strings.ToUpper(hex.EncodeToString(fp[:])) + "\n")
	b.WriteString("Subject: " + oneline(c.RawSubject) + "\n")
	b.WriteString("Issuer: " + oneline(c.RawIssuer) + "\n")
	for _, ca := range d.Chain {
		b.WriteString("Chain Subject: " + oneline(ca.RawSubject) + "\n")
		b.WriteString("Chain Issuer: " + oneline(ca.RawIssuer) + "\n")
	}
	b.WriteString("OCSP Response Key: " + ocspKey(d) + "\n")
	return b.String(), nil
}

// asn1Time is ASN1_TIME_print() of notBefore.
func asn1Time(c *x509.Certificate) string {
	return c.NotBefore.UTC().Format("Jan _2 15:04:05 2006 GMT")
}

func oneline(raw []byte) string {
	n, err := x509dn.Parse(raw)
	if err != nil {
		return ""
	}
	return n.Oneline()
}

// KeyAlgo is cert_get_pkey_algo(): "RSA2048", "EC256".
func KeyAlgo(c *x509.Certificate) string {
	switch k := c.PublicKey.(type) {
	case *rsa.PublicKey:
		return fmt.Sprintf("RSA%d", k.N.BitLen())
	case *ecdsa.PublicKey:
		return fmt.Sprintf("EC%d", k.Curve.Params().BitSize)
	}
	return ""
}

// sanOneline is ssl_sock_get_san_oneline(): the DNS names of the
// subjectAltName extension, ", " between every name whatever its type
// (2.6 prints the separator before names it then leaves out).
func sanOneline(c *x509.Certificate) string {
	for _, ext := range c.Extensions {
		if !ext.Id.Equal(asn1.ObjectIdentifier{2, 5, 29, 17}) {
			continue
		}
		var seq asn1.RawValue
		if _, err := asn1.Unmarshal(ext.Value, &seq); err != nil {
			return ""
		}
		var b strings.Builder
		rest := seq.Bytes
		for i := 0; len(rest) > 0; i++ {
			var gn asn1.RawValue
			var err error
			if rest, err = asn1.Unmarshal(rest, &gn); err != nil {
				break
			}
			if i > 0 {
				b.WriteString(", ")
			}
			if gn.Class == asn1.ClassContextSpecific && gn.Tag == 2 {
				b.WriteString("DNS:" + string(gn.Bytes))
			}
		}
		return b.String()
	}
	return ""
}
