package check

import (
	"crypto/tls"
	"crypto/x509"
	"fmt"
	"os"

	"hakeep/proxy"
)

// tlsConfig is the client TLS configuration checks use when the engine
// gives none: the server line's "verify", "ca-file", "crt", "sni"-less
// settings (configuration.txt section 5.2). The TLS task may replace it
// through Options.TLSConfig to share the data path's settings.
func tlsConfig(srv *proxy.Server) (*tls.Config, error) {
	cfg := &tls.Config{InsecureSkipVerify: true}
	s := srv.SSL
	if s == nil {
		return cfg, nil
	}
	if s.Verify == "required" && s.CAFile != "" {
		pem, err := os.ReadFile(s.CAFile)
		if err != nil {
			return nil, fmt.Errorf("unable to load CA file '%s': %w", s.CAFile, err)
		}
		pool := x509.NewCertPool()
		pool.AppendCertsFromPEM(pem)
		cfg.RootCAs, cfg.InsecureSkipVerify = pool, false
		cfg.ServerName = s.VerifyHost
	}
	if s.Cert != "" {
		cert, err := tls.LoadX509KeyPair(s.Cert, s.Cert)
		if err != nil {
			return nil, fmt.Errorf("unable to load certificate '%s': %w", s.Cert, err)
		}
		cfg.Certificates = []tls.Certificate{cert}
	}
	if len(s.ALPN) > 0 {
		cfg.NextProtos = s.ALPN
	}
	return cfg, nil
}
