package sample

import (
	"crypto/sha1"
	"crypto/tls"
	"crypto/x509"
	"encoding/hex"
	"strings"
	"time"

	"hakeep/proxy/x509dn"
)

// TLSConn is a connection's TLS side as the ssl_* fetches read it
// (configuration.txt section 7.3.4); proxy/tlsconf implements it for
// client and server connections.
type TLSConn interface {
	// ConnState is crypto/tls's view of the connection.
	ConnState() *tls.ConnectionState
	// CipherName is OpenSSL's name of the suite, CipherBits its key
	// bits (used, and of the algorithm).
	CipherName() string
	CipherBits() (use, alg int)
	// Verify is the client certificate check: SSL_get_verify_result,
	// the first CA error and its depth, the first leaf error, and
	// whether a certificate was requested.
	Verify() (result, caErr, caDepth, crtErr int, asked bool)
	SessionID() []byte
	// ClientSuites are the suites the client offered, nil when not
	// captured (tune.ssl.capture-buffer-size).
	ClientSuites() []uint16
	// LocalCert is the certificate this side presented.
	LocalCert() *x509.Certificate
}

// tlsFetchEval implements the TLS fetches of ssl_sample.c; nil for the
// others. On a clear connection ssl_fc, ssl_fc_has_sni, ssl_c_used and
// the like are false and the rest find nothing.
func tlsFetchEval(name string) FetchFunc {
	switch name {
	case "ssl_fc", "ssl_bc":
		return func(c *Ctx, a []Arg, out *Sample) bool {
			out.setInt(Bool, b2i(tlsSide(c, name) != nil))
			return true
		}
	case "ssl_fc_has_sni":
		return func(c *Ctx, a []Arg, out *Sample) bool {
			t := c.TLS
			out.setInt(Bool, b2i(t != nil && t.ConnState().ServerName != ""))
			return true
		}
	case "ssl_fc_sni":
		return tlsStr(false, func(t TLSConn) string { return t.ConnState().ServerName })
	case "ssl_fc_protocol", "ssl_bc_protocol":
		return tlsStr(name[4] == 'b', func(t TLSConn) string { return protocolName(t.ConnState().Version) })
	case "ssl_fc_cipher", "ssl_bc_cipher":
		return tlsStr(name[4] == 'b', func(t TLSConn) string { return t.CipherName() })
	case "ssl_fc_alpn", "ssl_bc_alpn":
		return tlsStr(name[4] == 'b', func(t TLSConn) string { return t.ConnState().NegotiatedProtocol })
	case "ssl_fc_is_resumed", "ssl_bc_is_resumed":
		return tlsBool(name[4] == 'b', func(t TLSConn) bool { return t.ConnState().DidResume })
	case "ssl_fc_use_keysize", "ssl_bc_use_keysize":
		return tlsInt(name[4] == 'b', func(t TLSConn) int64 { u, _ := t.CipherBits(); return int64(u) })
	case "ssl_fc_alg_keysize", "ssl_bc_alg_keysize":
		return tlsInt(name[4] == 'b', func(t TLSConn) int64 { _, g := t.CipherBits(); return int64(g) })
	case "ssl_fc_session_id":
		return func(c *Ctx, a []Arg, out *Sample) bool {
			// no value for a session without ID (a refused TLS 1.2
			// ticket), as SSL_SESSION_get_id()'s empty answer in 2.6
			if c.TLS == nil || len(c.TLS.SessionID()) == 0 {
				return false
			}
			out.Type, out.Str, out.Const = Bin, c.TLS.SessionID(), true
			return true
		}
	case "ssl_fc_has_crt":
		return func(c *Ctx, a []Arg, out *Sample) bool {
			if c.TLS == nil {
				return false
			}
			// a resumed session's certificate comes from the
			// session, not from this connection
			cs := c.TLS.ConnState()
			out.setInt(Bool, b2i(len(cs.PeerCertificates) > 0 && !cs.DidResume))
			return true
		}
	case "ssl_c_used":
		return func(c *Ctx, a []Arg, out *Sample) bool {
			out.setInt(Bool, b2i(c.TLS != nil && len(c.TLS.ConnState().PeerCertificates) > 0))
			return true
		}
	case "ssl_c_verify", "ssl_c_err", "ssl_c_ca_err", "ssl_c_ca_err_depth":
		which := map[string]int{"ssl_c_verify": 0, "ssl_c_ca_err": 1, "ssl_c_ca_err_depth": 2, "ssl_c_err": 3}[name]
		return func(c *Ctx, a []Arg, out *Sample) bool {
			if c.TLS == nil {
				return false
			}
			var v [4]int
			v[0], v[1], v[2], v[3], _ = c.TLS.Verify()
			out.setInt(SInt, int64(v[which]))
			return true
		}
	case "ssl_fc_cipherlist_bin", "ssl_fc_cipherlist_hex", "ssl_fc_cipherlist_str", "ssl_fc_cipherlist_xxh":
		return fetchCipherList(name[len("ssl_fc_cipherlist_"):])
	}
	if strings.HasPrefix(name, "ssl_c_") || strings.HasPrefix(name, "ssl_f_") {
		return certFetch(name[6:], name[4] == 'f')
	}
	return nil
}

// tlsSide is the client connection's TLS side, or the server's for an
// ssl_b* fetch.
func tlsSide(c *Ctx, name string) TLSConn {
	if strings.HasPrefix(name, "ssl_b") {
		return c.ServerTLS
	}
	return c.TLS
}

func tlsStr(server bool, f func(TLSConn) string) FetchFunc {
	return func(c *Ctx, a []Arg, out *Sample) bool {
		t := c.TLS
		if server {
			t = c.ServerTLS
		}
		if t == nil {
			return false
		}
		s := f(t)
		if s == "" {
			return false
		}
		out.setStr(constBytes(s), true)
		return true
	}
}

func tlsBool(server bool, f func(TLSConn) bool) FetchFunc {
	return func(c *Ctx, a []Arg, out *Sample) bool {
		t := c.TLS
		if server {
			t = c.ServerTLS
		}
		if t == nil {
			return false
		}
		out.setInt(Bool, b2i(f(t)))
		return true
	}
}

func tlsInt(server bool, f func(TLSConn) int64) FetchFunc {
	return func(c *Ctx, a []Arg, out *Sample) bool {
		t := c.TLS
		if server {
			t = c.ServerTLS
		}
		if t == nil {
			return false
		}
		out.setInt(SInt, f(t))
		return true
	}
}

// protocolName is SSL_get_version().
func protocolName(v uint16) string {
	switch v {
	case tls.VersionTLS10:
		return "TLSv1"
	case tls.VersionTLS11:
		return "TLSv1.1"
	case tls.VersionTLS12:
		return "TLSv1.2"
	case tls.VersionTLS13:
		return "TLSv1.3"
	}
	return ""
}

// certFetch implements ssl_c_<what> (the client's certificate) and
// ssl_f_<what> (the certificate this side presented).
func certFetch(what string, local bool) FetchFunc {
	return func(c *Ctx, a []Arg, out *Sample) bool {
		t := c.TLS
		if t == nil {
			return false
		}
		var crt *x509.Certificate
		var chain []*x509.Certificate
		if local {
			crt = t.LocalCert()
		} else if pc := t.ConnState().PeerCertificates; len(pc) > 0 {
			crt, chain = pc[0], pc[1:]
		}
		if crt == nil {
			return false
		}
		switch what {
		case "s_dn", "i_dn":
			raw := crt.RawSubject
			if what == "i_dn" {
				raw = crt.RawIssuer
			}
			n, err := x509dn.Parse(raw)
			if err != nil {
				return false
			}
			return dnSample(c, n, a, out)
		case "serial":
			return binSample(c, out, crt.SerialNumber.Bytes())
		case "sha1":
			sum := sha1.Sum(crt.Raw)
			return binSample(c, out, sum[:])
		case "der":
			out.Type, out.Str, out.Const = Bin, crt.Raw, true
			return true
		case "chain_der":
			b := c.Trash()
			for _, ch := range chain {
				b = append(b, ch.Raw...)
			}
			out.Type, out.Str, out.Const = Bin, b, false
			return true
		case "notbefore", "notafter":
			tm := crt.NotBefore
			if what == "notafter" {
				tm = crt.NotAfter
			}
			s, ok := asn1Time(tm)
			if !ok {
				return false
			}
			out.setStr(append(c.Trash(), s...), false)
			return true
		case "version":
			out.setInt(SInt, int64(crt.Version))
			return true
		case "sig_alg":
			out.setStr(constBytes(sigAlgName(crt.SignatureAlgorithm)), true)
			return true
		case "key_alg":
			out.setStr(constBytes(keyAlgName(crt.PublicKeyAlgorithm)), true)
			return true
		}
		return false
	}
}

// dnSample is the DN fetches' arguments: an entry and its occurrence
// (ssl_sock_get_dn_entry()), else a format ("rfc2253"), else the one-line
// form.
func dnSample(c *Ctx, n x509dn.Name, a []Arg, out *Sample) bool {
	if len(a) > 0 && a[0].Type == ArgStr && a[0].Str != "" {
		pos := 1
		if len(a) > 1 && a[1].Type == ArgSInt {
			pos = int(a[1].Int)
		}
		v, ok := n.Entry(a[0].Str, pos)
		if !ok {
			return false
		}
		out.setStr(append(c.Trash(), v...), false)
		return true
	}
	var s string
	if len(a) > 2 && a[2].Type == ArgStr && a[2].Str != "" {
		if a[2].Str != "rfc2253" {
			return false
		}
		s = n.RFC2253()
	} else {
		s = n.Oneline()
	}
	if s == "" {
		return false
	}
	out.setStr(append(c.Trash(), s...), false)
	return true
}

func binSample(c *Ctx, out *Sample, b []byte) bool {
	out.Type, out.Str, out.Const = Bin, append(c.Trash(), b...), false
	return true
}

// asn1Time is ssl_sock_get_time(): the date as its ASN.1 text,
// "YYMMDDhhmmssZ"; dates OpenSSL would not print that way find nothing.
func asn1Time(t time.Time) (string, bool) {
	t = t.UTC()
	if t.Year() < 2000 || t.Year() > 2099 {
		return "", false
	}
	return t.Format("060102150405Z"), true
}

// sigAlgName is OBJ_nid2sn() of a certificate's signature algorithm.
func sigAlgName(a x509.SignatureAlgorithm) string {
	switch a {
	case x509.SHA1WithRSA:
		return "RSA-SHA1"
	case x509.SHA256WithRSA:
		return "RSA-SHA256"
	case x509.SHA384WithRSA:
		return "RSA-SHA384"
	case x509.SHA512WithRSA:
		return "RSA-SHA512"
	case x509.SHA256WithRSAPSS, x509.SHA384WithRSAPSS, x509.SHA512WithRSAPSS:
		return "RSASSA-PSS"
	case x509.ECDSAWithSHA1:
		return "ecdsa-with-SHA1"
	case x509.ECDSAWithSHA256:
		return "ecdsa-with-SHA256"
	case x509.ECDSAWithSHA384:
		return "ecdsa-with-SHA384"
	case x509.ECDSAWithSHA512:
		return "ecdsa-with-SHA512"
	case x509.PureEd25519:
		return "ED25519"
	}
	return "UNDEF"
}

// keyAlgName is OBJ_nid2sn() of a certificate's key algorithm.
func keyAlgName(a x509.PublicKeyAlgorithm) string {
	switch a {
	case x509.RSA:
		return "rsaEncryption"
	case x509.ECDSA:
		return "id-ecPublicKey"
	case x509.Ed25519:
		return "ED25519"
	case x509.DSA:
		return "dsaEncryption"
	}
	return "UNDEF"
}

// fetchCipherList is ssl_fc_cipherlist_*: the suites the client offered,
// as captured (tune.ssl.capture-buffer-size): two bytes each (bin), in
// hex, OpenSSL's names joined by ':' (str), or their XXH64 (xxh).
func fetchCipherList(kind string) FetchFunc {
	return func(c *Ctx, a []Arg, out *Sample) bool {
		if c.TLS == nil {
			return false
		}
		suites := c.TLS.ClientSuites()
		if suites == nil {
			return false
		}
		bin := c.Trash()
		for _, s := range suites {
			bin = append(bin, byte(s>>8), byte(s))
		}
		switch kind {
		case "bin":
			out.Type, out.Str, out.Const = Bin, bin, false
		case "hex":
			out.setStr(append(c.Trash(), strings.ToUpper(hex.EncodeToString(bin))...), false)
		case "xxh":
			out.setInt(SInt, int64(xxh64(bin, 0)))
		case "str":
			b := c.Trash()
			for i, s := range suites {
				if i > 0 {
					b = append(b, ':')
				}
				n := tls.CipherSuiteName(s)
				b = append(b, n...)
			}
			out.setStr(b, false)
		}
		return true
	}
}
