package tlsconf

import (
	"container/list"
	"crypto"
	"crypto/rand"
	"crypto/sha1"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/asn1"
	"encoding/pem"
	"errors"
	"fmt"
	"math/big"
	"net"
	"os"
	"sync"
	"sync/atomic"
	"time"

	"hakeep/proxy"
	"hakeep/proxy/certstore"
)

// generator forges certificates for names no certificate matches
// (configuration.txt section 5.1, "generate-certificates"): signed by
// the "ca-sign-file" CA, with the default certificate's key, kept in an
// LRU cache of tune.ssl.ssl-ctx-cache-size entries.
type generator struct {
	ca     *x509.Certificate
	caKey  crypto.Signer
	max    int
	serial atomic.Int64

	mu    sync.Mutex
	ll    *list.List
	items map[string]*list.Element
}

// defaultCtxCacheSize is tune.ssl.ssl-ctx-cache-size's default.
const defaultCtxCacheSize = 1000

func newGenerator(ssl *proxy.BindSSL, g *proxy.Global, r *reporter) (*generator, error) {
	// "at [file:line]" only, as 2.6 words these
	where := r.what
	if j := indexAt(r.what); j >= 0 {
		where = r.what[j:]
	}
	if ssl.CASignFile == "" {
		return nil, fmt.Errorf("Proxy '%s': cannot enable certificate generation, no CA certificate File configured %s.", r.px, where)
	}
	data, err := os.ReadFile(ssl.CASignFile)
	if err != nil {
		return nil, fmt.Errorf("Proxy '%s': Failed to read CA certificate file '%s' %s.", r.px, ssl.CASignFile, where)
	}
	gen := &generator{max: defaultCtxCacheSize, ll: list.New(), items: map[string]*list.Element{}}
	if g != nil && g.Tune.SSL.SSLCtxCacheSize > 0 {
		gen.max = g.Tune.SSL.SSLCtxCacheSize
	}
	gen.serial.Store(time.Now().Unix())
	for {
		var b *pem.Block
		b, data = pem.Decode(data)
		if b == nil {
			break
		}
		switch b.Type {
		case "CERTIFICATE":
			if gen.ca == nil {
				gen.ca, err = x509.ParseCertificate(b.Bytes)
			}
		case "PRIVATE KEY", "RSA PRIVATE KEY", "EC PRIVATE KEY":
			der := b.Bytes
			//lint:ignore SA1019 legacy PEM encryption is what ca-sign-pass decrypts
			if x509.IsEncryptedPEMBlock(b) {
				//lint:ignore SA1019 see above
				der, err = x509.DecryptPEMBlock(b, []byte(ssl.CASignPass))
				if err != nil {
					return nil, fmt.Errorf("Proxy '%s': Failed to read CA private key file '%s' %s.", r.px, ssl.CASignFile, where)
				}
			}
			gen.caKey, err = parseSigner(b.Type, der)
		case "ENCRYPTED PRIVATE KEY":
			return nil, fmt.Errorf("Proxy '%s': CA private key of '%s' %s is PKCS#8-encrypted, which hakeep cannot decrypt: use a traditional PEM encryption or none.", r.px, ssl.CASignFile, where)
		}
		if err != nil {
			return nil, fmt.Errorf("Proxy '%s': Failed to read CA certificate file '%s' %s.", r.px, ssl.CASignFile, where)
		}
	}
	if gen.ca == nil {
		return nil, fmt.Errorf("Proxy '%s': Failed to read CA certificate file '%s' %s.", r.px, ssl.CASignFile, where)
	}
	if gen.caKey == nil {
		return nil, fmt.Errorf("Proxy '%s': Failed to read CA private key file '%s' %s.", r.px, ssl.CASignFile, where)
	}
	return gen, nil
}

func indexAt(s string) int {
	for i := 0; i+4 <= len(s); i++ {
		if s[i:i+4] == "at [" {
			return i
		}
	}
	return -1
}

func parseSigner(typ string, der []byte) (crypto.Signer, error) {
	var k any
	var err error
	switch typ {
	case "RSA PRIVATE KEY":
		k, err = x509.ParsePKCS1PrivateKey(der)
	case "EC PRIVATE KEY":
		k, err = x509.ParseECPrivateKey(der)
	default:
		k, err = x509.ParsePKCS8PrivateKey(der)
	}
	if err != nil {
		return nil, err
	}
	s, ok := k.(crypto.Signer)
	if !ok {
		return nil, errors.New("not a signing key")
	}
	return s, nil
}

// generated returns the instance forged for name (cached), served with
// the default certificate's settings; nil when forging fails (the
// default certificate is used then).
func (b *Bind) generated(idx *sniIndex, name string, st *State) *instance {
	g := b.gen
	def := idx.def
	if def == nil || name == "" {
		return nil
	}
	g.mu.Lock()
	if e, ok := g.items[name]; ok {
		g.ll.MoveToFront(e)
		in := e.Value.(*instance)
		g.mu.Unlock()
		st.Generated = true
		return in
	}
	g.mu.Unlock()
	d, err := g.forge(name, def.data)
	if err != nil {
		b.rep.warnf("Proxy '%s': cannot generate a certificate for '%s': %v", b.p.Proxy, name, err)
		return nil
	}
	in := &instance{key: name, entry: def.entry, data: d, kind: d.KeyType(), set: def.set}
	in.base = b.baseConfig(in)
	g.mu.Lock()
	g.items[name] = g.ll.PushFront(in)
	for g.ll.Len() > g.max {
		e := g.ll.Back()
		g.ll.Remove(e)
		delete(g.items, e.Value.(*instance).key.(string))
	}
	g.mu.Unlock()
	st.Generated = true
	return in
}

// forge is ssl_sock_do_create_cert(): the CA's subject with the name as
// a last CN, the CA as issuer, valid from a day ago for a year, the
// default certificate's key, v3 extensions as 2.6 adds them (and the
// name as a DNS subjectAltName, which clients need), signed with
// SHA-256 by the CA.
func (g *generator) forge(name string, def *certstore.Data) (*certstore.Data, error) {
	var rdns pkix.RDNSequence
	if _, err := asn1.Unmarshal(g.ca.RawSubject, &rdns); err != nil {
		return nil, err
	}
	rdns = append(rdns, pkix.RelativeDistinguishedNameSET{{Type: asn1.ObjectIdentifier{2, 5, 4, 3}, Value: name}})
	subject, err := asn1.Marshal(rdns)
	if err != nil {
		return nil, err
	}
	pub := def.Key.Public()
	pubDER, err := x509.MarshalPKIXPublicKey(pub)
	if err != nil {
		return nil, err
	}
	ski := sha1.Sum(pubDER)
	now := time.Now()
	tmpl := &x509.Certificate{
		SerialNumber:          big.NewInt(g.serial.Add(1)),
		RawSubject:            subject,
		NotBefore:             now.Add(-24 * time.Hour),
		NotAfter:              now.Add(365 * 24 * time.Hour),
		BasicConstraintsValid: true,
		IsCA:                  false,
		SubjectKeyId:          ski[:],
		AuthorityKeyId:        g.ca.SubjectKeyId,
		KeyUsage:              x509.KeyUsageDigitalSignature | x509.KeyUsageContentCommitment | x509.KeyUsageKeyEncipherment,
	}
	if ip := net.ParseIP(name); ip != nil {
		tmpl.IPAddresses = []net.IP{ip}
	} else {
		tmpl.DNSNames = []string{name}
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, g.ca, pub, g.caKey)
	if err != nil {
		return nil, err
	}
	c, err := x509.ParseCertificate(der)
	if err != nil {
		return nil, err
	}
	return certstore.Generated(c, def.Key, &tls.Certificate{Certificate: [][]byte{der}, PrivateKey: def.Key, Leaf: c}), nil
}

// dstHost is the address the client connected to, the name of the
// certificate forged for a client that sent no SNI.
func dstHost(c net.Conn) string {
	if a, ok := c.LocalAddr().(*net.TCPAddr); ok {
		return a.IP.String()
	}
	return ""
}
