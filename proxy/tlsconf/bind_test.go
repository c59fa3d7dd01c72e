package tlsconf

import (
	"crypto"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/rsa"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/pem"
	"math/big"
	"net"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"hakeep/proxy"
	"hakeep/proxy/certstore"
)

// testPKI makes a CA and leaf certificates into a directory.
type testPKI struct {
	t      *testing.T
	dir    string
	ca     *x509.Certificate
	caKey  crypto.Signer
	serial int64
}

func newTestPKI(t *testing.T) *testPKI {
	t.Helper()
	p := &testPKI{t: t, dir: t.TempDir(), serial: 1}
	key, _ := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	tmpl := &x509.Certificate{SerialNumber: big.NewInt(1), Subject: pkix.Name{CommonName: "Test CA", Organization: []string{"hakeep"}},
		NotBefore: time.Now().Add(-time.Hour), NotAfter: time.Now().Add(24 * time.Hour), IsCA: true,
		BasicConstraintsValid: true, KeyUsage: x509.KeyUsageCertSign | x509.KeyUsageCRLSign}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, key.Public(), key)
	if err != nil {
		t.Fatal(err)
	}
	p.ca, _ = x509.ParseCertificate(der)
	p.caKey = key
	p.write("ca.crt", pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der}))
	return p
}

func (p *testPKI) write(name string, data []byte) string {
	f := filepath.Join(p.dir, name)
	if err := os.WriteFile(f, data, 0o600); err != nil {
		p.t.Fatal(err)
	}
	return f
}

// leaf writes a PEM with a certificate for names (the first is the CN)
// and its key; ecdsaKey picks P-256 over RSA-2048.
func (p *testPKI) leaf(file string, ecdsaKey bool, names ...string) *x509.Certificate {
	p.t.Helper()
	var key crypto.Signer
	if ecdsaKey {
		key, _ = ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	} else {
		key, _ = rsa.GenerateKey(rand.Reader, 2048)
	}
	p.serial++
	tmpl := &x509.Certificate{SerialNumber: big.NewInt(p.serial), Subject: pkix.Name{CommonName: names[0]}, DNSNames: names,
		NotBefore: time.Now().Add(-time.Hour), NotAfter: time.Now().Add(24 * time.Hour),
		KeyUsage: x509.KeyUsageDigitalSignature, ExtKeyUsage: []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth, x509.ExtKeyUsageClientAuth}}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, p.ca, key.Public(), p.caKey)
	if err != nil {
		p.t.Fatal(err)
	}
	kd, _ := x509.MarshalPKCS8PrivateKey(key)
	p.write(file, append(pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der}),
		pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Bytes: kd})...))
	c, _ := x509.ParseCertificate(der)
	return c
}

// handshake runs a client against b over loopback TCP, returning what
// the client saw and the server's state; the error is the client's, or
// the server's when the client finished first (TLS 1.3 client
// certificates are checked after the client's Finished).
func handshake(t *testing.T, b *Bind, cc *tls.Config) (*tls.ConnectionState, *State, error) {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	type res struct {
		st  *State
		err error
	}
	done := make(chan res, 1)
	go func() {
		c, err := ln.Accept()
		if err != nil {
			done <- res{nil, err}
			return
		}
		defer c.Close()
		srv, st := b.Server(c)
		srv.SetDeadline(time.Now().Add(5 * time.Second))
		err = srv.Handshake()
		if err == nil {
			b.Finish(st)
			srv.Write([]byte("x"))
		}
		done <- res{st, err}
	}()
	c, err := net.Dial("tcp", ln.Addr().String())
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	cli := tls.Client(c, cc)
	cli.SetDeadline(time.Now().Add(5 * time.Second))
	cerr := cli.Handshake()
	if cerr == nil {
		// the server's verdict (and TLS 1.3 tickets) come with data
		buf := make([]byte, 1)
		_, cerr = cli.Read(buf)
	}
	r := <-done
	if cerr != nil {
		return nil, r.st, cerr
	}
	if r.err != nil {
		return nil, r.st, r.err
	}
	cs := cli.ConnectionState()
	return &cs, r.st, nil
}

func newTestBind(t *testing.T, p *testPKI, ssl *proxy.BindSSL, g *proxy.Global) *Bind {
	t.Helper()
	store := certstore.New(certstore.Options{Path: func(n string) string {
		if filepath.IsAbs(n) {
			return n
		}
		return filepath.Join(p.dir, n)
	}})
	ssl.Enabled = true
	b, err := NewBind(BindParams{Bind: &proxy.Bind{Spec: "127.0.0.1:443", File: "t.cfg", Line: 1, SSL: ssl},
		Proxy: "fe", Global: g, Store: store})
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestBindSNISelection(t *testing.T) {
	p := newTestPKI(t)
	def := p.leaf("default.pem", false, "default.test")
	wwwRSA := p.leaf("www.pem", false, "www.example.com")
	wwwEC := p.leaf("wwwec.pem", true, "www.example.com")
	wild := p.leaf("wild.pem", false, "*.example.com")
	p.write("list.txt", []byte("wild.pem *.example.com !secure.example.com\n"))
	b := newTestBind(t, p, &proxy.BindSSL{CertSources: []proxy.CertSource{{Path: "default.pem"}, {Path: "www.pem"},
		{Path: "wwwec.pem"}, {List: true, Path: "list.txt"}}}, nil)
	cases := []struct {
		sni   string
		cfg   func(*tls.Config)
		want  *x509.Certificate
		title string
	}{
		{"www.example.com", nil, wwwEC, "ECDSA preferred when the client offers it"},
		{"WWW.Example.COM", nil, wwwEC, "names are case-insensitive"},
		{"www.example.com", func(c *tls.Config) {
			c.MaxVersion = tls.VersionTLS12
			c.CipherSuites = []uint16{tls.TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256}
		}, wwwRSA, "RSA for a client without ECDSA ciphers"},
		{"www.example.com", func(c *tls.Config) { c.MinVersion = tls.VersionTLS13 }, wwwEC, "a TLS 1.3 Go client still offers ECDSA ciphers"},
		{"api.example.com", nil, wild, "wildcard"},
		{"secure.example.com", nil, def, "negative filter excludes the wildcard"},
		{"a.b.example.com", nil, def, "wildcards cover one label"},
		{"", nil, def, "no SNI: default"},
		{"nomatch.test", nil, def, "no match: default"},
	}
	for _, c := range cases {
		cc := &tls.Config{ServerName: c.sni, InsecureSkipVerify: true}
		if c.cfg != nil {
			c.cfg(cc)
		}
		cs, _, err := handshake(t, b, cc)
		if err != nil {
			t.Errorf("%s: %v", c.title, err)
			continue
		}
		if !cs.PeerCertificates[0].Equal(c.want) {
			t.Errorf("%s: got %v, want %v", c.title, cs.PeerCertificates[0].DNSNames, c.want.DNSNames)
		}
	}
}

func TestBindStrictSNIAndALPN(t *testing.T) {
	p := newTestPKI(t)
	p.leaf("www.pem", false, "www.example.com")
	b := newTestBind(t, p, &proxy.BindSSL{Certs: []string{"www.pem"}, StrictSNI: true, ALPN: []string{"h2", "http/1.1"}}, nil)
	if _, _, err := handshake(t, b, &tls.Config{ServerName: "other.test", InsecureSkipVerify: true}); err == nil ||
		!strings.Contains(err.Error(), "unrecognized name") {
		t.Errorf("strict-sni: got %v, want an unrecognized_name alert", err)
	}
	cs, _, err := handshake(t, b, &tls.Config{ServerName: "www.example.com", InsecureSkipVerify: true, NextProtos: []string{"http/1.1", "h2"}})
	if err != nil || cs.NegotiatedProtocol != "h2" {
		t.Errorf("alpn: %v %v, want h2 (server order)", cs, err)
	}
	cs, _, err = handshake(t, b, &tls.Config{ServerName: "www.example.com", InsecureSkipVerify: true, NextProtos: []string{"spdy/3"}})
	if err != nil || cs.NegotiatedProtocol != "" {
		t.Errorf("alpn without overlap: %v, want a handshake without ALPN as 2.6", err)
	}
}

func TestBindCipherOrderAndVersions(t *testing.T) {
	p := newTestPKI(t)
	p.leaf("www.pem", false, "www.example.com")
	b := newTestBind(t, p, &proxy.BindSSL{Certs: []string{"www.pem"}, Ciphers: "ECDHE-RSA-AES256-GCM-SHA384:ECDHE-RSA-AES128-GCM-SHA256"}, nil)
	cs, _, err := handshake(t, b, &tls.Config{InsecureSkipVerify: true, MaxVersion: tls.VersionTLS12})
	if err != nil || cs.CipherSuite != tls.TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384 {
		t.Errorf("server preference: %v %v", cs, err)
	}
	if _, _, err := handshake(t, b, &tls.Config{InsecureSkipVerify: true, MaxVersion: tls.VersionTLS11}); err == nil {
		t.Error("TLS 1.1 must be refused by the default ssl-min-ver TLSv1.2")
	}
	if _, err := NewBind(BindParams{Bind: &proxy.Bind{SSL: &proxy.BindSSL{Certs: []string{"www.pem"}, Ciphers: "NOSUCH"}}, Store: b.p.Store}); err == nil ||
		!strings.Contains(err.Error(), "unable to set SSL cipher list to 'NOSUCH'") {
		t.Errorf("bad ciphers: %v", err)
	}
	if _, err := NewBind(BindParams{Bind: &proxy.Bind{SSL: &proxy.BindSSL{Certs: []string{"www.pem"}, Ciphersuites: "TLS_AES_256_GCM_SHA384"}}, Store: b.p.Store}); err == nil ||
		!strings.Contains(err.Error(), "cannot restrict TLS 1.3") {
		t.Errorf("narrow ciphersuites: %v", err)
	}
}

func TestBindClientCertificates(t *testing.T) {
	p := newTestPKI(t)
	p.leaf("www.pem", false, "www.example.com")
	p.leaf("client.pem", false, "client1")
	good, err := tls.LoadX509KeyPair(filepath.Join(p.dir, "client.pem"), filepath.Join(p.dir, "client.pem"))
	if err != nil {
		t.Fatal(err)
	}
	other := newTestPKI(t)
	other.leaf("bad.pem", false, "intruder")
	bad, _ := tls.LoadX509KeyPair(filepath.Join(other.dir, "bad.pem"), filepath.Join(other.dir, "bad.pem"))
	for _, mode := range []string{"optional", "required"} {
		b := newTestBind(t, p, &proxy.BindSSL{Certs: []string{"www.pem"}, Verify: mode, CAFile: filepath.Join(p.dir, "ca.crt")}, nil)
		_, st, err := handshake(t, b, &tls.Config{InsecureSkipVerify: true, Certificates: []tls.Certificate{good}})
		if err != nil || st.VerifyResult.Err != 0 || len(st.VerifyResult.Chain) != 2 {
			t.Errorf("%s, good certificate: %v %+v", mode, err, st.VerifyResult)
		}
		_, st, err = handshake(t, b, &tls.Config{InsecureSkipVerify: true, Certificates: []tls.Certificate{bad}, MaxVersion: tls.VersionTLS12})
		if err == nil || st.VerifyResult.CrtErr != ErrUnableToGetIssuerCertLocal {
			t.Errorf("%s, unknown issuer: %v %+v", mode, err, st.VerifyResult)
		}
		_, _, err = handshake(t, b, &tls.Config{InsecureSkipVerify: true, MaxVersion: tls.VersionTLS12})
		if (err == nil) != (mode == "optional") {
			t.Errorf("%s, no certificate: %v", mode, err)
		}
	}
	// a lone leaf of an unknown issuer: OpenSSL's internal_verify()
	// reports 21 (unable to verify the first certificate) once 20 is
	// ignored, so both must be to accept it
	b := newTestBind(t, p, &proxy.BindSSL{Certs: []string{"www.pem"}, Verify: "required", CAFile: filepath.Join(p.dir, "ca.crt"), CRTIgnoreErr: "20"}, nil)
	_, st, err := handshake(t, b, &tls.Config{InsecureSkipVerify: true, Certificates: []tls.Certificate{bad}, MaxVersion: tls.VersionTLS12})
	if err == nil || st.VerifyResult.CrtErr != ErrUnableToGetIssuerCertLocal || st.VerifyResult.Err != ErrUnableToVerifyLeafSignature {
		t.Errorf("crt-ignore-err 20: %v %+v", err, st.VerifyResult)
	}
	b = newTestBind(t, p, &proxy.BindSSL{Certs: []string{"www.pem"}, Verify: "required", CAFile: filepath.Join(p.dir, "ca.crt"), CRTIgnoreErr: "20,21"}, nil)
	_, st, err = handshake(t, b, &tls.Config{InsecureSkipVerify: true, Certificates: []tls.Certificate{bad}})
	if err != nil || st.VerifyResult.CrtErr != ErrUnableToGetIssuerCertLocal || st.VerifyResult.Err != ErrUnableToVerifyLeafSignature {
		t.Errorf("crt-ignore-err 20,21: %v %+v", err, st.VerifyResult)
	}
}

func TestBindResumption(t *testing.T) {
	p := newTestPKI(t)
	p.leaf("www.pem", false, "www.example.com")
	for _, noTickets := range []bool{false, true} {
		b := newTestBind(t, p, &proxy.BindSSL{Certs: []string{"www.pem"}, NoTLSTickets: noTickets}, nil)
		for _, v := range []uint16{tls.VersionTLS12, tls.VersionTLS13} {
			cache := tls.NewLRUClientSessionCache(4)
			cc := &tls.Config{InsecureSkipVerify: true, ServerName: "www.example.com", ClientSessionCache: cache, MaxVersion: v}
			cs, _, err := handshake(t, b, cc)
			if err != nil || cs.DidResume {
				t.Fatalf("first: %v", err)
			}
			cs, st2, err := handshake(t, b, cc)
			if noTickets && v == tls.VersionTLS12 {
				// 2.6 resumes by session ID, which Go's client
				// does not: no resumption, as with 2.6
				if err != nil || cs.DidResume {
					t.Errorf("no-tls-tickets TLS 1.2: %v %v", err, cs)
				}
				continue
			}
			if err != nil || !cs.DidResume {
				t.Errorf("no-tls-tickets=%v %x: not resumed (%v)", noTickets, v, err)
				continue
			}
			if len(st2.SessionID()) != 32 {
				t.Errorf("session id %x", st2.SessionID())
			}
		}
	}
}

func TestBindSuite13Order(t *testing.T) {
	p := newTestPKI(t)
	p.leaf("www.pem", false, "www.example.com")
	cases := []struct {
		ssl  *proxy.BindSSL
		want uint16
		what string
	}{
		{&proxy.BindSSL{Certs: []string{"www.pem"}}, tls.TLS_AES_256_GCM_SHA384, "OpenSSL's default order"},
		{&proxy.BindSSL{Certs: []string{"www.pem"}, Ciphersuites: "TLS_CHACHA20_POLY1305_SHA256:TLS_AES_128_GCM_SHA256:TLS_AES_256_GCM_SHA384"}, tls.TLS_CHACHA20_POLY1305_SHA256, "ciphersuites order"},
		// the client's key shares are not for P-384: a
		// HelloRetryRequest, whose ClientHello must repeat the
		// first's suites; crypto/tls's own order (0: any)
		{&proxy.BindSSL{Certs: []string{"www.pem"}, Curves: "P-384"}, 0, "after a HelloRetryRequest"},
	}
	for _, c := range cases {
		b := newTestBind(t, p, c.ssl, nil)
		cs, _, err := handshake(t, b, &tls.Config{InsecureSkipVerify: true})
		if err != nil || (c.want != 0 && cs.CipherSuite != c.want) {
			t.Errorf("%s: %v %s, want %s", c.what, err, tls.CipherSuiteName(cs.CipherSuite), tls.CipherSuiteName(c.want))
		}
	}
	if _, ok := helloKeyShares([]byte{22, 3, 1, 0, 1, 1}); ok {
		t.Error("a truncated ClientHello must not be read")
	}
}
