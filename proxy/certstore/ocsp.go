package certstore

import (
	"bytes"
	"crypto/sha1"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/asn1"
	"encoding/hex"
	"errors"
	"fmt"
	"math/big"
	"time"
)

// certID is RFC 6960's CertID, the key 2.6 files OCSP responses under.
type certID struct {
	HashAlgorithm  pkix.AlgorithmIdentifier
	IssuerNameHash []byte
	IssuerKeyHash  []byte
	SerialNumber   *big.Int
}

// ocspKey is the "OCSP Response Key" of "show ssl cert": the DER CertID
// (SHA-1) of a certificate with an OCSP response and a known issuer, in
// lower-case hex; "" otherwise.
func ocspKey(d *Data) string {
	if len(d.OCSP) == 0 {
		return ""
	}
	iss := d.IssuerOf()
	if iss == nil {
		return ""
	}
	der, ok := certIDOf(d.Cert, iss)
	if !ok {
		return ""
	}
	return hex.EncodeToString(der)
}

// CheckOCSP is ssl_sock_load_ocsp_response()'s check of a ".ocsp" file:
// a successful basic response with a single response, for this
// certificate and its issuer, "good" or "revoked" (2.6 staples both),
// with a nextUpdate, valid at now within OpenSSL's 5 minutes of skew.
// Like 2.6 it does not check the responder's signature: clients do.
func CheckOCSP(d *Data, now time.Time) error {
	r, err := parseOCSP(d.OCSP)
	if err != nil {
		return err
	}
	if r.status != 0 {
		return errors.New("OCSP response status not successful")
	}
	if r.count > 1 {
		return fmt.Errorf("OCSP response ignored because contains multiple single responses (%d)", r.count)
	}
	if r.certStatus == 2 || r.count == 0 {
		return errors.New("OCSP single response: certificate status is unknown")
	}
	if r.nextUpdate.IsZero() {
		return errors.New("OCSP single response: missing nextupdate")
	}
	const skew = 5 * time.Minute
	if r.thisUpdate.After(now.Add(skew)) || r.nextUpdate.Before(now.Add(-skew)) {
		return errors.New("OCSP single response: no longer valid.")
	}
	if iss := d.IssuerOf(); iss != nil {
		want, ok := certIDOf(d.Cert, iss)
		if ok && !bytes.Equal(want, r.certID) {
			return errors.New("OCSP single response: Certificate ID does not match certificate and issuer")
		}
	}
	return nil
}

// ocspSummary is what CheckOCSP reads of a response.
type ocspSummary struct {
	status     int
	count      int
	certID     []byte
	certStatus int // 0 good, 1 revoked, 2 unknown
	thisUpdate time.Time
	nextUpdate time.Time
}

// parseOCSP reads an OCSPResponse (RFC 6960 section 4.2.1) down to its
// first SingleResponse.
func parseOCSP(der []byte) (*ocspSummary, error) {
	bad := errors.New("unable to parse the OCSP response")
	var resp struct {
		Status asn1.Enumerated
		Bytes  struct {
			Type     asn1.ObjectIdentifier
			Response []byte
		} `asn1:"explicit,tag:0,optional"`
	}
	if _, err := asn1.Unmarshal(der, &resp); err != nil {
		return nil, bad
	}
	r := &ocspSummary{status: int(resp.Status)}
	if r.status != 0 {
		return r, nil
	}
	var basic struct {
		TBS       asn1.RawValue
		Algorithm pkix.AlgorithmIdentifier
		Signature asn1.BitString
		Certs     asn1.RawValue `asn1:"explicit,tag:0,optional"`
	}
	if _, err := asn1.Unmarshal(resp.Bytes.Response, &basic); err != nil {
		return nil, bad
	}
	// ResponseData: version [0] optional, responderID, producedAt,
	// responses, extensions [1] optional
	rest := basic.TBS.Bytes
	var v asn1.RawValue
	if _, err := asn1.Unmarshal(rest, &v); err != nil {
		return nil, bad
	}
	if v.Class == asn1.ClassContextSpecific && v.Tag == 0 {
		rest = rest[len(v.FullBytes):]
	}
	var skip asn1.RawValue
	var err error
	for i := 0; i < 2; i++ { // responderID, producedAt
		if rest, err = asn1.Unmarshal(rest, &skip); err != nil {
			return nil, bad
		}
	}
	var responses []asn1.RawValue
	if _, err = asn1.Unmarshal(rest, &responses); err != nil {
		return nil, bad
	}
	r.count = len(responses)
	if r.count == 0 {
		return r, nil
	}
	// SingleResponse: certID, certStatus, thisUpdate, nextUpdate [0]
	sr := responses[0].Bytes
	var id, st asn1.RawValue
	if sr, err = asn1.Unmarshal(sr, &id); err != nil {
		return nil, bad
	}
	if sr, err = asn1.Unmarshal(sr, &st); err != nil {
		return nil, bad
	}
	r.certID, r.certStatus = id.FullBytes, st.Tag
	if sr, err = asn1.UnmarshalWithParams(sr, &r.thisUpdate, "generalized"); err != nil {
		return nil, bad
	}
	if len(sr) > 0 {
		var next asn1.RawValue
		if _, err := asn1.Unmarshal(sr, &next); err == nil && next.Class == asn1.ClassContextSpecific && next.Tag == 0 {
			asn1.UnmarshalWithParams(next.Bytes, &r.nextUpdate, "generalized")
		}
	}
	return r, nil
}

// certIDOf is the SHA-1 CertID of a certificate (OCSP_cert_to_id()).
func certIDOf(c, iss *x509.Certificate) ([]byte, bool) {
	var spki struct {
		Algorithm pkix.AlgorithmIdentifier
		PublicKey asn1.BitString
	}
	if _, err := asn1.Unmarshal(iss.RawSubjectPublicKeyInfo, &spki); err != nil {
		return nil, false
	}
	nh := sha1.Sum(iss.RawSubject)
	kh := sha1.Sum(spki.PublicKey.RightAlign())
	der, err := asn1.Marshal(certID{
		HashAlgorithm:  pkix.AlgorithmIdentifier{Algorithm: asn1.ObjectIdentifier{1, 3, 14, 3, 2, 26}, Parameters: asn1.NullRawValue},
		IssuerNameHash: nh[:], IssuerKeyHash: kh[:], SerialNumber: c.SerialNumber,
	})
	return der, err == nil
}
