package tlsconf

import (
	"bytes"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"fmt"
	"strings"
	"sync"
	"time"

	"hakeep/proxy"
	"hakeep/proxy/certstore"
)

// ClientParams are what a server's TLS side is built from.
type ClientParams struct {
	Server *proxy.Server
	Proxy  *proxy.Proxy
	Global *proxy.Global
	Store  *certstore.Store
	// Warn and Notice are as in BindParams.
	Warn, Notice func(string)

	path func(string) string
}

// Client is the TLS side of a server (configuration.txt section 5.2,
// "ssl", "verify", "ca-file", "crt", "sni", "alpn", "ssl-reuse",
// "ciphers", "ssl-min-ver"...): the configuration connections to it
// start from, its client certificate (from the store, so "set ssl cert"
// changes it), and the session kept for resumption.
type Client struct {
	srv  *proxy.Server
	base *tls.Config
	// verify is "verify required" (the default, see
	// ssl-server-verify); name is "verifyhost".
	verify bool
	name   string
	roots  *x509.CertPool
	crls   []*x509.RevocationList
	cert   *certstore.Entry
	// sessions is nil with "no-ssl-reuse".
	sessions tls.ClientSessionCache

	once     sync.Once
	compiled any
}

// NewClient prepares a server's TLS configuration; errors are 2.6's.
func NewClient(p ClientParams) (*Client, error) {
	s := p.Server
	ssl := s.SSL
	g := &proxy.GlobalSSL{}
	if p.Global != nil {
		g = &p.Global.SSL
	}
	where := fmt.Sprintf("[%s:%d] : 'server %s/%s' : ", s.File, s.Line, p.Proxy.Name, s.Name)
	warn := func(m string) {
		if p.Warn != nil {
			p.Warn(m)
		}
	}
	c := &Client{srv: s}
	ciphers := ssl.Ciphers
	if ciphers == "" {
		ciphers = g.DefaultServerCiphers
	}
	explicit := ciphers != ""
	if !explicit {
		ciphers = DefaultCiphers
	}
	cl, err := ParseCiphers(ciphers)
	if err != nil {
		return nil, fmt.Errorf("%sunable to set SSL cipher list to '%s'.", where, ciphers)
	}
	if len(cl.Unsupported) > 0 && explicit && p.Notice != nil {
		p.Notice(fmt.Sprintf("%sciphers %s are not implemented by crypto/tls and are not offered.", where, quoteList(cl.Unsupported)))
	}
	f := versionFilter{server: true, srvCtx: where, srvProxy: "backend '" + p.Proxy.Name + "'", srvName: s.Name}
	f.add(ssl.NoVersions, ssl.ForceVersion, ssl.MinVer, ssl.MaxVer)
	f.addDefaults(g.DefaultServerOptions)
	vers, err := f.resolve("backend '"+p.Proxy.Name+"'", "server '"+s.Name+"'", warn)
	if err != nil {
		return nil, fmt.Errorf("%s%v", where, err)
	}
	if cl.SecLevel >= 1 && vers.Min < tls.VersionTLS12 && vers.Max >= tls.VersionTLS12 {
		// no TLS 1.0 or 1.1 from OpenSSL 3.0's security level 1 on
		vers.Min = tls.VersionTLS12
	}
	if cs := ssl.Ciphersuites; cs != "" || g.DefaultServerCiphersuites != "" {
		if cs == "" {
			cs = g.DefaultServerCiphersuites
		}
		if _, err := checkCiphersuites(cs); err != nil {
			if strings.HasPrefix(err.Error(), "no TLS 1.3") {
				return nil, fmt.Errorf("%sunable to set TLS 1.3 cipher suites to '%s'.", where, cs)
			}
			if vers.Max >= tls.VersionTLS13 {
				return nil, fmt.Errorf("%s%v.", where, err)
			}
		}
	}
	c.base = &tls.Config{
		MinVersion:             vers.Min,
		MaxVersion:             vers.Max,
		CipherSuites:           cl.Suites,
		CurvePreferences:       defaultCurves(),
		NextProtos:             ssl.ALPN,
		SessionTicketsDisabled: ssl.NoTLSTickets || hasWord(g.DefaultServerOptions, "no-tls-tickets"),
		// the chain and the name are checked in verifyServer
		InsecureSkipVerify: true,
	}
	verify := ssl.Verify
	if verify == "" {
		verify = g.ServerVerify
	}
	c.verify = verify != "none"
	c.name = ssl.VerifyHost
	if c.verify {
		if ssl.CAFile == "" {
			return nil, fmt.Errorf("%sverify is enabled by default but no CA file specified.", where)
		}
		certs, crls, err := loadCAs(pathOf(p.path, ssl.CAFile))
		if err != nil {
			return nil, fmt.Errorf("%sunable to load CA file '%s': %v.", where, ssl.CAFile, err)
		}
		c.roots = x509.NewCertPool()
		for _, ca := range certs {
			c.roots.AddCert(ca)
		}
		c.crls = crls
		if ssl.CRLFile != "" {
			_, crls, err := loadCAs(pathOf(p.path, ssl.CRLFile))
			if err != nil {
				return nil, fmt.Errorf("%sunable to configure CRL file '%s': %v.", where, ssl.CRLFile, err)
			}
			c.crls = append(c.crls, crls...)
		}
	}
	if ssl.Cert != "" {
		es, err := p.Store.Cert(ssl.Cert)
		if err != nil {
			return nil, fmt.Errorf("%s%v", where, strings.TrimSuffix(err.Error(), "\n"))
		}
		c.cert = es[0]
		p.Store.Use(c.cert)
		c.base.GetClientCertificate = c.clientCertificate
	}
	if !ssl.NoSSLReuse {
		c.sessions = tls.NewLRUClientSessionCache(64)
	}
	return c, nil
}

func hasWord(list []string, w string) bool {
	for _, x := range list {
		if x == w {
			return true
		}
	}
	return false
}

func pathOf(f func(string) string, n string) string {
	if f == nil {
		return n
	}
	return f(n)
}

// clientCertificate serves the server line's "crt" as the store holds
// it now.
func (c *Client) clientCertificate(*tls.CertificateRequestInfo) (*tls.Certificate, error) {
	if d := c.cert.Data(); d != nil && d.TLS() != nil {
		return d.TLS(), nil
	}
	return &tls.Certificate{}, nil
}

// Config is the configuration of one connection: sni is the "sni"
// expression's value for it ("" sends none); alpn overrides the
// protocols when not nil (check-alpn). The session cache makes
// connections resume the last session ("ssl-reuse").
func (c *Client) Config(sni string, alpn []string) *tls.Config {
	cfg := c.base.Clone()
	cfg.ServerName = sni
	if alpn != nil {
		cfg.NextProtos = alpn
	}
	cfg.ClientSessionCache = c.sessions
	if c.verify {
		cfg.VerifyConnection = func(cs tls.ConnectionState) error {
			// the name sent (a health check may set its own,
			// "check-sni"), else verifyhost
			name := cs.ServerName
			if name == "" {
				name = c.name
			}
			return c.verifyServer(cs, name)
		}
	}
	return cfg
}

// verifyServer is ssl_sock_srv_verifycbk(): the chain up to a ca-file
// certificate (purpose "ssl server"), the CRLs, then the name: the SNI
// sent, else "verifyhost", matched against the DNS names, or the common
// names when there are none; no name to check skips the check.
func (c *Client) verifyServer(cs tls.ConnectionState, name string) error {
	if len(cs.PeerCertificates) == 0 {
		return errors.New("tls: server sent no certificate")
	}
	if cs.DidResume {
		return nil
	}
	inter := x509.NewCertPool()
	for _, ic := range cs.PeerCertificates[1:] {
		inter.AddCert(ic)
	}
	leaf := cs.PeerCertificates[0]
	chains, err := leaf.Verify(x509.VerifyOptions{Roots: c.roots, Intermediates: inter,
		KeyUsages: []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth}, CurrentTime: time.Now()})
	if err != nil {
		return err
	}
	if len(c.crls) > 0 {
		ch := chains[0]
		for i := 0; i+1 < len(ch); i++ {
			for _, l := range c.crls {
				if !bytes.Equal(l.RawIssuer, ch[i+1].RawSubject) {
					continue
				}
				for _, e := range l.RevokedCertificateEntries {
					if e.SerialNumber.Cmp(ch[i].SerialNumber) == 0 {
						return errors.New("tls: server certificate revoked")
					}
				}
			}
		}
	}
	if name == "" || hostMatches(leaf, name) {
		return nil
	}
	return fmt.Errorf("tls: server certificate does not match '%s'", name)
}

// hostMatches is ssl_sock_srv_hostcheck() over the certificate's names:
// a '*' stands for one whole label, the first one, and never for a
// public suffix alone.
func hostMatches(c *x509.Certificate, host string) bool {
	names := c.DNSNames
	if len(names) == 0 {
		names = commonNames(c)
	}
	host = strings.ToLower(strings.TrimSuffix(host, "."))
	for _, n := range names {
		n = strings.ToLower(n)
		if n == host {
			return true
		}
		if strings.HasPrefix(n, "*.") {
			dot := strings.IndexByte(host, '.')
			if dot > 0 && host[dot:] == n[1:] && strings.Count(n, ".") >= 2 {
				return true
			}
		}
	}
	return false
}

// CheckConfig is the configuration of the server's TLS health checks
// ("check-ssl"; proxy/check sets "check-sni" and "check-alpn").
func (c *Client) CheckConfig() *tls.Config { return c.Config("", nil) }

// Compiled returns what build made of the server's settings (the
// engine's compiled "sni" expression), calling it once.
func (c *Client) Compiled(build func() any) any {
	c.once.Do(func() { c.compiled = build() })
	return c.compiled
}

// ServerName is the "sni" expression as written, "" without one.
func (c *Client) ServerName() string { return c.srv.SSL.SNI }
