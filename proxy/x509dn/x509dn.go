// Package x509dn formats X.509 distinguished names the way HAProxy 2.6
// prints them (src/ssl_utils.c): the "/C=FR/O=Org/CN=name" one-line form
// of ssl_c_s_dn and "show ssl cert", the RFC 2253 form of
// ssl_c_s_dn(,,rfc2253), and single entries by name and occurrence
// (configuration.txt section 7.3.4, "ssl_c_s_dn"). Values are the
// attributes' bytes as encoded, never re-encoded.
package x509dn

import (
	"encoding/asn1"
	"errors"
	"strconv"
	"strings"
)

// Attr is one attribute of a name: its type and its value's bytes.
type Attr struct {
	Type asn1.ObjectIdentifier
	// Tag is the value's ASN.1 universal tag (12 UTF8String, 19
	// PrintableString, 22 IA5String...).
	Tag   int
	Value []byte
	// DER is the whole encoded value, for values that are no string.
	DER []byte
	// Set is the index of the RDN the attribute belongs to: attributes
	// of one multi-valued RDN share it.
	Set int
}

// Name is a distinguished name as its attributes in encoding order.
type Name []Attr

type atv struct {
	Type  asn1.ObjectIdentifier
	Value asn1.RawValue
}

// Parse decodes a DER RDNSequence (x509.Certificate.RawSubject or
// RawIssuer).
func Parse(der []byte) (Name, error) {
	var sets []asn1.RawValue
	rest, err := asn1.Unmarshal(der, &sets)
	if err != nil {
		return nil, err
	}
	if len(rest) > 0 {
		return nil, errors.New("x509dn: trailing data after name")
	}
	var n Name
	for i, s := range sets {
		var attrs []atv
		if _, err := asn1.UnmarshalWithParams(s.FullBytes, &attrs, "set"); err != nil {
			return nil, err
		}
		for _, a := range attrs {
			n = append(n, Attr{Type: a.Type, Tag: a.Value.Tag, Value: a.Value.Bytes, DER: a.Value.FullBytes, Set: i})
		}
	}
	return n, nil
}

// ShortName is OBJ_nid2sn() for the attribute types of names, or the
// dotted OID when OpenSSL knows no name for it (i2t_ASN1_OBJECT()).
func ShortName(oid asn1.ObjectIdentifier) string {
	if n, ok := shortNames()[oid.String()]; ok {
		return n
	}
	return oid.String()
}

// shortNames are OpenSSL's short names of the usual name attributes.
func shortNames() map[string]string {
	return map[string]string{
		"2.5.4.3":                    "CN",
		"2.5.4.4":                    "SN",
		"2.5.4.5":                    "serialNumber",
		"2.5.4.6":                    "C",
		"2.5.4.7":                    "L",
		"2.5.4.8":                    "ST",
		"2.5.4.9":                    "street",
		"2.5.4.10":                   "O",
		"2.5.4.11":                   "OU",
		"2.5.4.12":                   "title",
		"2.5.4.13":                   "description",
		"2.5.4.15":                   "businessCategory",
		"2.5.4.17":                   "postalCode",
		"2.5.4.41":                   "name",
		"2.5.4.42":                   "GN",
		"2.5.4.43":                   "initials",
		"2.5.4.44":                   "generationQualifier",
		"2.5.4.45":                   "x500UniqueIdentifier",
		"2.5.4.46":                   "dnQualifier",
		"2.5.4.65":                   "pseudonym",
		"2.5.4.97":                   "organizationIdentifier",
		"1.2.840.113549.1.9.1":       "emailAddress",
		"0.9.2342.19200300.100.1.1":  "UID",
		"0.9.2342.19200300.100.1.25": "DC",
		"1.3.6.1.4.1.311.60.2.1.1":   "jurisdictionL",
		"1.3.6.1.4.1.311.60.2.1.2":   "jurisdictionST",
		"1.3.6.1.4.1.311.60.2.1.3":   "jurisdictionC",
	}
}

// Oneline is ssl_sock_get_dn_oneline(): "/type=value" for every
// attribute in order, values as encoded. An empty name gives "".
func (n Name) Oneline() string {
	var b strings.Builder
	for _, a := range n {
		b.WriteByte('/')
		b.WriteString(ShortName(a.Type))
		b.WriteByte('=')
		b.Write(a.Value)
	}
	return b.String()
}

// Entry is ssl_sock_get_dn_entry(): the value of the pos-th attribute
// whose short name is name (case-insensitive), counting from the first
// when pos > 0 and from the last when pos < 0. ok is false when there is
// none.
func (n Name) Entry(name string, pos int) (value []byte, ok bool) {
	cur := 0
	for i := range n {
		j := i
		if pos < 0 {
			j = len(n) - 1 - i
		}
		if !strings.EqualFold(ShortName(n[j].Type), name) {
			continue
		}
		if pos < 0 {
			cur--
		} else {
			cur++
		}
		if cur == pos {
			return n[j].Value, true
		}
	}
	return nil, false
}

// RFC2253 is X509_NAME_print_ex(XN_FLAG_RFC2253): the RDNs from last to
// first separated by ',', the attributes of one RDN by '+', short names,
// values escaped as RFC 2253 asks (and bytes outside ASCII as \XX), and
// values that are no string dumped as '#' and their DER in hex.
func (n Name) RFC2253() string {
	var b strings.Builder
	for i := len(n) - 1; i >= 0; i-- {
		a := n[i]
		if i < len(n)-1 {
			if n[i+1].Set == a.Set {
				b.WriteByte('+')
			} else {
				b.WriteByte(',')
			}
		}
		b.WriteString(ShortName(a.Type))
		b.WriteByte('=')
		if !stringTag(a.Tag) {
			b.WriteByte('#')
			for _, c := range a.DER {
				b.WriteString(hex2(c))
			}
			continue
		}
		writeEscaped(&b, a)
	}
	return b.String()
}

// stringTag tells the string types ASN1_STRFLGS_DUMP_UNKNOWN prints as
// text.
func stringTag(tag int) bool {
	switch tag {
	case asn1.TagUTF8String, asn1.TagPrintableString, asn1.TagIA5String, asn1.TagT61String,
		asn1.TagBMPString, 28 /* UniversalString */, 26 /* VisibleString */, asn1.TagNumericString, 27 /* GeneralString */ :
		return true
	}
	return false
}

// writeEscaped is do_esc_char() with ESC_2253, ESC_CTRL and ESC_MSB
// over the value converted to UTF-8.
func writeEscaped(b *strings.Builder, a Attr) {
	v := utf8Value(a)
	for i := 0; i < len(v); i++ {
		c := v[i]
		switch {
		case c >= 0x80 || c < 0x20 || c == 0x7f:
			b.WriteByte('\\')
			b.WriteString(hex2(c))
		case strings.IndexByte(",+\"\\<>;", c) >= 0,
			(c == '#' || c == ' ') && i == 0,
			c == ' ' && i == len(v)-1:
			b.WriteByte('\\')
			b.WriteByte(c)
		default:
			b.WriteByte(c)
		}
	}
}

// utf8Value is the value as UTF-8: BMPString and UniversalString are
// big-endian UCS-2 and UCS-4.
func utf8Value(a Attr) []byte {
	switch a.Tag {
	case asn1.TagBMPString:
		var out []byte
		for i := 0; i+1 < len(a.Value); i += 2 {
			out = append(out, string(rune(int(a.Value[i])<<8|int(a.Value[i+1])))...)
		}
		return out
	case 28:
		var out []byte
		for i := 0; i+3 < len(a.Value); i += 4 {
			r := rune(int(a.Value[i])<<24 | int(a.Value[i+1])<<16 | int(a.Value[i+2])<<8 | int(a.Value[i+3]))
			out = append(out, string(r)...)
		}
		return out
	}
	return a.Value
}

func hex2(c byte) string {
	s := strconv.FormatUint(uint64(c), 16)
	if len(s) == 1 {
		s = "0" + s
	}
	return strings.ToUpper(s)
}
