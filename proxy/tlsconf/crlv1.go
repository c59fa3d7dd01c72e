package tlsconf

import (
	"crypto/x509"
	"encoding/asn1"
	"errors"
)

// parseCRL is x509.ParseRevocationList, which refuses version 1 CRLs
// (RFC 5280 section 5.1.2.1: no version field, no extensions) that
// OpenSSL and so HAProxy 2.6 load: the reg-tests' crl-auth.pem is one.
// A v1 list is parsed with a version field inserted, then given back its
// own TBS bytes, so that CheckSignatureFrom checks the signature over
// what its issuer signed.
func parseCRL(der []byte) (*x509.RevocationList, error) {
	l, err := x509.ParseRevocationList(der)
	if err == nil {
		return l, nil
	}
	var outer struct {
		TBS, Alg, Sig asn1.RawValue
	}
	if rest, uerr := asn1.Unmarshal(der, &outer); uerr != nil || len(rest) > 0 {
		return nil, err
	}
	tbs := outer.TBS
	if tbs.Tag != asn1.TagSequence || len(tbs.Bytes) == 0 || tbs.Bytes[0] == asn1.TagInteger {
		// not a list without version: Go's own error stands
		return nil, err
	}
	v2 := append([]byte{asn1.TagInteger, 1, 1}, tbs.Bytes...)
	tbs2, merr := asn1.Marshal(asn1.RawValue{Class: asn1.ClassUniversal, Tag: asn1.TagSequence, IsCompound: true, Bytes: v2})
	if merr != nil {
		return nil, err
	}
	body := append(append(tbs2, outer.Alg.FullBytes...), outer.Sig.FullBytes...)
	full, merr := asn1.Marshal(asn1.RawValue{Class: asn1.ClassUniversal, Tag: asn1.TagSequence, IsCompound: true, Bytes: body})
	if merr != nil {
		return nil, err
	}
	l, err2 := x509.ParseRevocationList(full)
	if err2 != nil {
		return nil, errors.Join(err, err2)
	}
	if len(l.Extensions) > 0 {
		return nil, err
	}
	l.Raw, l.RawTBSRevocationList = der, tbs.FullBytes
	return l, nil
}
