package tlsconf

import (
	"crypto/tls"
	"crypto/x509"
	"fmt"
	"strings"

	"hakeep/proxy"
	"hakeep/proxy/certstore"
)

// settings are what a certificate of a bind line is served with
// (ssl_sock_prepare_ctx()): the bind line's TLS settings, overridden by
// its crt-list entry's.
type settings struct {
	vers         Versions
	suites       []uint16
	suites13     []uint16
	preferClient bool
	curves       []tls.CurveID
	alpn         []string
	verify       *verifier
	earlyData    bool
}

// lineConf is a bind line's own settings with the global defaults
// applied (ssl-default-bind-*), before any crt-list entry.
type lineConf struct {
	ssl          *proxy.BindSSL
	ciphers      string
	ciphersuites string
	curves       string
	filter       versionFilter
	noTickets    bool
	strictSNI    bool
	preferClient bool
	// path resolves file names (default-path); nil keeps them.
	path func(string) string
}

func newLineConf(b *proxy.BindSSL, g *proxy.GlobalSSL) *lineConf {
	lc := &lineConf{ssl: b, ciphers: b.Ciphers, ciphersuites: b.Ciphersuites, curves: b.Curves,
		noTickets: b.NoTLSTickets, strictSNI: b.StrictSNI, preferClient: b.PreferClientCiph}
	if lc.ciphers == "" {
		lc.ciphers = g.DefaultBindCiphers
	}
	if lc.ciphersuites == "" {
		lc.ciphersuites = g.DefaultBindCiphersuites
	}
	if lc.curves == "" {
		lc.curves = g.DefaultBindCurves
	}
	lc.filter.add(b.NoVersions, b.ForceVersion, b.MinVer, b.MaxVer)
	lc.filter.addDefaults(g.DefaultBindOptions)
	for _, o := range g.DefaultBindOptions {
		switch o {
		case "no-tls-tickets":
			lc.noTickets = true
		case "strict-sni":
			lc.strictSNI = true
		case "prefer-client-ciphers":
			lc.preferClient = true
		}
	}
	return lc
}

// reporter words the messages of one bind line as 2.6 does: warn
// receives 2.6's warnings, notice hakeep's own notes on what crypto/tls
// does differently.
type reporter struct {
	px, what string
	warn     func(string)
	notice   func(string)
}

func (r *reporter) warnf(format string, args ...any) {
	if r.warn != nil {
		r.warn(fmt.Sprintf(format, args...))
	}
}

func (r *reporter) noticef(format string, args ...any) {
	if r.notice != nil {
		r.notice(fmt.Sprintf(format, args...))
	}
}

// build resolves the settings for entry conf e (nil: the line's own).
func (lc *lineConf) build(e *certstore.SSLConf, r *reporter, cache map[string]*verifyCache) (*settings, error) {
	s := &settings{preferClient: lc.preferClient}
	pick := func(entry, line string) string {
		if e != nil && entry != "" {
			return entry
		}
		return line
	}
	var ev certstore.SSLConf
	if e != nil {
		ev = *e
	}
	ciphers := pick(ev.Ciphers, lc.ciphers)
	explicit := ciphers != ""
	if !explicit {
		ciphers = DefaultCiphers
	}
	cl, err := ParseCiphers(ciphers)
	if err != nil {
		return nil, fmt.Errorf("Proxy '%s': unable to set SSL cipher list to '%s' for %s.", r.px, ciphers, r.what)
	}
	s.suites = cl.Suites
	if len(cl.Unsupported) > 0 && explicit {
		r.noticef("Proxy '%s': ciphers %s of %s are not implemented by crypto/tls (finite-field DHE, CCM, ARIA, Camellia, CBC with SHA-384): clients offering only those are refused.", r.px, quoteList(cl.Unsupported), r.what)
	}
	if s.curves == nil {
		s.curves = defaultCurves()
	}
	if s.vers, err = lc.versions(ev, r); err != nil {
		return nil, err
	}
	if cl.SecLevel >= 1 && s.vers.Min < tls.VersionTLS12 && s.vers.Max >= tls.VersionTLS12 {
		// OpenSSL 3.0 refuses TLS 1.0 and 1.1 handshakes from
		// security level 1 on ("@SECLEVEL=0" allows them)
		s.vers.Min = tls.VersionTLS12
	}
	s.suites13 = defaultSuites13()
	if cs := pick(ev.Ciphersuites, lc.ciphersuites); cs != "" {
		if ids := parseSuites13(cs); len(ids) > 0 {
			s.suites13 = ids
		}
		unsup, err := checkCiphersuites(cs)
		switch {
		case err != nil && strings.HasPrefix(err.Error(), "no TLS 1.3"):
			return nil, fmt.Errorf("Proxy '%s': unable to set TLS 1.3 cipher suites to '%s' for %s.", r.px, cs, r.what)
		case err != nil && s.vers.Max >= tls.VersionTLS13:
			// crypto/tls would negotiate suites the line leaves
			// out: refused rather than silently widened
			return nil, fmt.Errorf("Proxy '%s': %v, for %s.", r.px, err, r.what)
		}
		if len(unsup) > 0 {
			r.noticef("Proxy '%s': TLS 1.3 cipher suites %s of %s are not implemented by crypto/tls.", r.px, quoteList(unsup), r.what)
		}
	}
	curves := lc.curves
	if e != nil && ev.Curves != "" {
		curves = ev.Curves
	}
	if curves != "" {
		ids, unsup, err := parseCurves(curves)
		if err != nil {
			return nil, fmt.Errorf("Proxy '%s': unable to set SSL curves list to '%s' for %s.", r.px, curves, r.what)
		}
		s.curves = ids
		if len(unsup) > 0 {
			r.noticef("Proxy '%s': curves %s of %s are not implemented by crypto/tls.", r.px, quoteList(unsup), r.what)
		}
	} else if ecdhe := pick(ev.ECDHE, lc.ssl.ECDHE); ecdhe != "" {
		ids, _, err := parseCurves(ecdhe)
		if err != nil || strings.Contains(ecdhe, ":") {
			return nil, fmt.Errorf("Proxy '%s': unable to set elliptic named curve to '%s' for %s.", r.px, ecdhe, r.what)
		}
		s.curves = ids
	}
	s.alpn = lc.ssl.ALPN
	if e != nil && ev.ALPN != nil {
		s.alpn = ev.ALPN
	}
	s.earlyData = lc.ssl.Allow0RTT || ev.EarlyData
	verify := pick(ev.Verify, lc.ssl.Verify)
	if verify == "optional" || verify == "required" {
		caFile := pick(ev.CAFile, lc.ssl.CAFile)
		caVerify := pick(ev.CAVerifyFile, lc.ssl.CAVerifyFile)
		if caFile == "" && caVerify == "" {
			return nil, fmt.Errorf("Proxy '%s': verify is enabled but no CA file specified for %s.", r.px, r.what)
		}
		v := &verifier{mode: verify, ignCA: parseIgnore(lc.ssl.CAIgnoreErr), ignCrt: parseIgnore(lc.ssl.CRTIgnoreErr)}
		noCANames := lc.ssl.NoCANames || ev.NoCANames
		for _, f := range []string{caFile, caVerify} {
			if f == "" {
				continue
			}
			vc, err := loadCached(cache, pathOf(lc.path, f))
			if err != nil {
				return nil, fmt.Errorf("Proxy '%s': unable to load CA file '%s' for %s: %v.", r.px, f, r.what, err)
			}
			v.store = append(v.store, vc.certs...)
			v.crls = append(v.crls, vc.crls...)
			if f == caFile && !noCANames {
				v.caCerts = append(v.caCerts, vc.certs...)
			}
		}
		if crl := pick(ev.CRLFile, lc.ssl.CRLFile); crl != "" {
			vc, err := loadCached(cache, pathOf(lc.path, crl))
			if err != nil {
				return nil, fmt.Errorf("Proxy '%s': unable to configure CRL file '%s' for %s: %v.", r.px, crl, r.what, err)
			}
			v.crls = append(v.crls, vc.crls...)
		}
		s.verify = v
	}
	return s, nil
}

// versions resolves the protocol range, an entry's bounds first.
func (lc *lineConf) versions(ev certstore.SSLConf, r *reporter) (Versions, error) {
	f := versionFilter{}
	f.add(nil, "", ev.MinVer, ev.MaxVer)
	f.no = lc.filter.no
	if f.min == 0 {
		f.min = lc.filter.min
	}
	if f.max == 0 {
		f.max = lc.filter.max
	}
	return f.resolve("Proxy '"+r.px+"'", r.what, r.warn)
}

// verifyCache shares CA and CRL files between the settings of a store.
type verifyCache struct {
	certs []*x509.Certificate
	crls  []*x509.RevocationList
}

func loadCached(cache map[string]*verifyCache, path string) (*verifyCache, error) {
	if vc, ok := cache[path]; ok {
		return vc, nil
	}
	certs, crls, err := loadCAs(path)
	if err != nil {
		return nil, err
	}
	vc := &verifyCache{certs: certs, crls: crls}
	cache[path] = vc
	return vc, nil
}

func quoteList(names []string) string {
	q := make([]string, len(names))
	for i, n := range names {
		q[i] = "'" + n + "'"
	}
	return strings.Join(q, ", ")
}
