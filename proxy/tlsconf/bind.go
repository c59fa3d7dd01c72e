package tlsconf

import (
	"crypto/tls"
	"crypto/x509"
	"errors"
	"fmt"
	"net"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"hakeep/proxy"
	"hakeep/proxy/certstore"
)

// BindParams are what a bind line's TLS side is built from.
type BindParams struct {
	Bind *proxy.Bind
	// Proxy is the frontend's name, for messages.
	Proxy  string
	Global *proxy.Global
	Store  *certstore.Store
	// ServeALPN tells whether the engine serves a protocol negotiated
	// by ALPN (an "h2" it cannot speak is not offered); nil serves every
	// protocol.
	ServeALPN func(proto string) bool
	// Warn receives 2.6's warnings, Notice hakeep's notes on what
	// crypto/tls does differently; nil drops them.
	Warn, Notice func(string)
	// Now is the clock; nil means time.Now.
	Now func() time.Time

	path func(string) string
}

// Bind is the TLS side of one "bind ... ssl" line: its certificates
// indexed by name as 2.6's SNI trees index them, the settings of each,
// and the sessions to resume. It rebuilds its index when the store
// changes (a committed certificate, a crt-list edit), so the next
// handshake sees the change.
type Bind struct {
	p   BindParams
	lc  *lineConf
	rep reporter

	sources []source
	// sets are the settings by crt-list entry settings (nil: the
	// line's own).
	sets     map[*certstore.SSLConf]*settings
	verifies map[string]*verifyCache
	sessions *sessions
	gen      *generator

	mu  sync.Mutex
	idx atomic.Pointer[sniIndex]
	// seq orders the instances as 2.6's trees do: load order, and a
	// replaced certificate's instance goes after the others.
	seq     map[any]instSeq
	nextSeq int
	defKey  any

	template *tls.Config
	// capture keeps the client's cipher suites
	// (tune.ssl.capture-buffer-size).
	capture bool
}

// source is a "crt" argument's certificates, or a crt-list (or a
// directory).
type source struct {
	list   *certstore.CrtList
	direct []*directRef
}

// directRef names one certificate given by "crt" (a bundle gives
// several).
type directRef struct{ entry *certstore.Entry }

type instSeq struct {
	data *certstore.Data
	seq  int
}

// NewBind loads the bind line's certificates and settings. Errors are
// 2.6's messages for the same configuration, or hakeep's when
// crypto/tls cannot do what is asked.
func NewBind(p BindParams) (*Bind, error) {
	if p.Now == nil {
		p.Now = time.Now
	}
	b := p.Bind
	ssl := b.SSL
	if ssl == nil {
		ssl = &proxy.BindSSL{}
	}
	g := &proxy.GlobalSSL{}
	tune := &tuneSSL{cacheSize: defaultCacheSize}
	if p.Global != nil {
		g = &p.Global.SSL
		tune.lifetime = p.Global.Tune.SSL.Lifetime
		if p.Global.Tune.SSL.CacheSizeSet {
			tune.cacheSize = p.Global.Tune.SSL.CacheSize
		}
	}
	capture := p.Global != nil && p.Global.Tune.SSL.CaptureBufferSize > 0
	bd := &Bind{p: p, lc: newLineConf(ssl, g), sets: map[*certstore.SSLConf]*settings{},
		verifies: map[string]*verifyCache{}, seq: map[any]instSeq{}, capture: capture}
	bd.lc.path = p.path
	bd.rep = reporter{px: p.Proxy, what: fmt.Sprintf("bind '%s' at [%s:%d]", b.Spec, b.File, b.Line), warn: p.Warn, notice: p.Notice}
	if ssl.Allow0RTT {
		bd.rep.noticef("Proxy '%s': 'allow-0rtt' of %s: crypto/tls servers do not accept TLS 1.3 early data; clients send their requests after the handshake.", p.Proxy, bd.rep.what)
	}
	if len(ssl.NPN) > 0 {
		bd.rep.noticef("Proxy '%s': 'npn' of %s: crypto/tls has no NPN; clients negotiate with ALPN.", p.Proxy, bd.rep.what)
	}
	srcs := ssl.CertSources
	if len(srcs) == 0 {
		for _, c := range ssl.Certs {
			srcs = append(srcs, proxy.CertSource{Path: c})
		}
		for _, l := range ssl.CertList {
			srcs = append(srcs, proxy.CertSource{List: true, Path: l})
		}
	}
	if len(srcs) == 0 {
		return nil, fmt.Errorf("Proxy '%s': no SSL certificate specified for %s (use 'crt').", p.Proxy, bd.rep.what)
	}
	for _, src := range srcs {
		if !src.List {
			if st, err := osStat(p.Store, src.Path); err == nil && st.IsDir() {
				src.List = true
			}
		}
		if src.List {
			l, err := p.Store.List(src.Path)
			if err != nil {
				return nil, err
			}
			bd.sources = append(bd.sources, source{list: l})
			continue
		}
		es, err := p.Store.Cert(src.Path)
		if err != nil {
			return nil, err
		}
		s := source{}
		for _, e := range es {
			s.direct = append(s.direct, &directRef{entry: e})
		}
		bd.sources = append(bd.sources, s)
	}
	line, err := bd.lc.build(nil, &bd.rep, bd.verifies)
	if err != nil {
		return nil, err
	}
	bd.sets[nil] = line
	if bd.sessions, err = newSessions(bd.lc, tune, p.Now); err != nil {
		return nil, err
	}
	if ssl.GenerateCerts {
		if bd.gen, err = newGenerator(ssl, p.Global, &bd.rep); err != nil {
			return nil, err
		}
	}
	idx, err := bd.rebuild(p.Store.Gen())
	if err != nil {
		return nil, err
	}
	if idx.def == nil {
		return nil, fmt.Errorf("Proxy '%s': no SSL certificate specified for %s (use 'crt').", p.Proxy, bd.rep.what)
	}
	bd.idx.Store(idx)
	// what the listener serves counts as used (Status: Used)
	for _, s := range bd.sources {
		if s.list != nil {
			s.list.Serve()
		}
		for _, d := range s.direct {
			p.Store.Use(d.entry)
		}
	}
	bd.template = &tls.Config{GetConfigForClient: bd.configForClient}
	return bd, nil
}

// Server starts a TLS server connection over c: the handshake happens
// on first use (or HandshakeContext), its findings go to the returned
// State.
func (b *Bind) Server(c net.Conn) (*tls.Conn, *State) {
	st := &State{}
	tc := tls.Server(&serverConn{Conn: c, st: st}, b.template)
	st.Conn = tc
	return tc, st
}

// index is the SNI index in force, rebuilt first when the store changed.
func (b *Bind) index() *sniIndex {
	idx := b.idx.Load()
	gen := b.p.Store.Gen()
	if idx.gen == gen {
		return idx
	}
	b.mu.Lock()
	defer b.mu.Unlock()
	if idx = b.idx.Load(); idx.gen == gen {
		return idx
	}
	if n, err := b.rebuild(gen); err == nil && n.def != nil {
		b.idx.Store(n)
		return n
	} else if err != nil {
		b.rep.warnf("Proxy '%s': %v", b.p.Proxy, err)
	}
	// keep serving what was there: record the generation seen
	n := *idx
	n.gen = gen
	b.idx.Store(&n)
	return &n
}

// settingsFor returns the settings of a crt-list entry's conf.
func (b *Bind) settingsFor(c *certstore.SSLConf) (*settings, error) {
	if s, ok := b.sets[c]; ok {
		return s, nil
	}
	s, err := b.lc.build(c, &b.rep, b.verifies)
	if err != nil {
		return nil, err
	}
	b.sets[c] = s
	return s, nil
}

// rebuild makes the SNI index of the store's current content (b.mu is
// held, or the Bind is being built).
func (b *Bind) rebuild(gen uint64) (*sniIndex, error) {
	idx := &sniIndex{gen: gen, exact: map[string][]*instance{}, wild: map[string][]*instance{}}
	var insts []*instance
	add := func(key any, e *certstore.Entry, conf *certstore.SSLConf, filters []string) error {
		d := e.Data()
		if d == nil || d.TLS() == nil {
			return nil
		}
		set, err := b.settingsFor(conf)
		if err != nil {
			return err
		}
		sq, ok := b.seq[key]
		if !ok || sq.data != d {
			b.nextSeq++
			sq = instSeq{data: d, seq: b.nextSeq}
			b.seq[key] = sq
		}
		in := newInstance(key, e, d, set, filters, sq.seq)
		in.base = b.baseConfig(in)
		insts = append(insts, in)
		return nil
	}
	for _, s := range b.sources {
		if s.list != nil {
			for _, le := range s.list.Entries() {
				if err := add(le, le.Entry, le.Conf, le.Filters); err != nil {
					return nil, err
				}
			}
			continue
		}
		for _, d := range s.direct {
			if err := add(d, d.entry, nil, nil); err != nil {
				return nil, err
			}
		}
	}
	if len(insts) == 0 {
		return idx, nil
	}
	if b.defKey == nil {
		b.defKey = insts[0].key
	}
	for _, in := range insts {
		if in.key == b.defKey {
			idx.def = in
		}
	}
	if idx.def == nil {
		idx.def = insts[0]
	}
	idx.insert(insts)
	return idx, nil
}

// baseConfig is a certificate's configuration, which every handshake
// served with it copies.
func (b *Bind) baseConfig(in *instance) *tls.Config {
	s := in.set
	cfg := &tls.Config{
		Certificates:     []tls.Certificate{*in.data.TLS()},
		MinVersion:       s.vers.Min,
		MaxVersion:       s.vers.Max,
		CipherSuites:     s.suites,
		CurvePreferences: s.curves,
		Time:             b.p.Now,
	}
	if v := s.verify; v != nil {
		cfg.ClientAuth = tls.RequestClientCert
		if v.mode == "required" {
			cfg.ClientAuth = tls.RequireAnyClientCert
		}
		if len(v.caCerts) > 0 {
			cfg.ClientCAs = caNamePool(v)
		}
	}
	b.sessions.prepare(cfg)
	return cfg
}

// configForClient is 2.6's ssl_sock_switchctx_cbk(): the certificate
// for the client's SNI (exact names, then wildcards; ECDSA or RSA by
// what the client supports), a generated one, or the default one unless
// "strict-sni"; then the handshake's settings.
func (b *Bind) configForClient(hello *tls.ClientHelloInfo) (*tls.Config, error) {
	sc, ok := hello.Conn.(*serverConn)
	if !ok {
		return nil, errors.New("tls: connection not made by Bind.Server")
	}
	st := sc.st
	st.SNI = hello.ServerName
	if b.capture {
		st.ClientCiphers = append([]uint16(nil), hello.CipherSuites...)
	}
	idx := b.index()
	var in *instance
	if hello.ServerName == "" {
		if b.gen != nil {
			in = b.generated(idx, dstHost(sc.Conn), st)
		}
		if in == nil && !b.lc.strictSNI {
			in = idx.def
		}
	} else {
		name := strings.ToLower(hello.ServerName)
		hasRSA, hasECDSA := sigKinds(hello)
		in = idx.lookup(name, hasRSA, hasECDSA)
		if in == nil && b.gen != nil {
			in = b.generated(idx, name, st)
		}
		if in == nil && !b.lc.strictSNI {
			in = idx.def
		}
	}
	if in == nil {
		sc.sendAlert(alertUnrecognizedName)
		return nil, fmt.Errorf("tls: no certificate for server name '%s' (strict-sni)", hello.ServerName)
	}
	st.CertPath, st.local = in.entry.Path(), in.data.Cert
	cfg := b.handshakeConfig(in, hello, st)
	if negotiatedVersion(hello.SupportedVersions, in.set.vers) == tls.VersionTLS13 {
		steerSuite13(in.set, hello, sc.hello)
	}
	sc.done, sc.hello = true, nil
	return cfg, nil
}

// handshakeConfig copies the certificate's configuration for one
// handshake: the TLS 1.2 suite chosen as OpenSSL chooses it (the
// server's order, or the client's with "prefer-client-ciphers"), the
// ALPN protocol as 2.6 selects it (none rather than a failed
// handshake when nothing matches), the client certificate check and the
// session callbacks, which record into st.
func (b *Bind) handshakeConfig(in *instance, hello *tls.ClientHelloInfo, st *State) *tls.Config {
	s := in.set
	cfg := in.base.Clone()
	if v := negotiatedVersion(hello.SupportedVersions, s.vers); v != 0 && v <= tls.VersionTLS12 {
		if suite := chooseSuite(s, in.data.KeyType(), hello, v); suite != 0 {
			cfg.CipherSuites = []uint16{suite}
		}
		if b.sessions.stateful {
			// 2.6 resumes these by session ID, which crypto/tls
			// does not implement: no ticket either
			cfg.SessionTicketsDisabled = true
		}
	}
	cfg.NextProtos = nil
	if p := selectALPN(s.alpn, hello.SupportedProtos, b.p.ServeALPN); p != "" {
		cfg.NextProtos = []string{p}
	}
	if v := s.verify; v != nil {
		st.Asked = true
		cfg.VerifyPeerCertificate = func(raw [][]byte, _ [][]*x509.Certificate) error {
			return st.checkPeer(v, raw)
		}
	}
	b.sessions.apply(cfg, st)
	return cfg
}

// Finish completes st once the handshake succeeded: a resumed session's
// client certificate is checked again, as OpenSSL keeps the verify
// result in the session.
func (b *Bind) Finish(st *State) {
	cs := st.Conn.ConnectionState()
	if cs.DidResume && len(cs.PeerCertificates) > 0 && st.VerifyResult.Chain == nil {
		in := b.index().find(st.CertPath)
		if in != nil && in.set.verify != nil {
			st.Asked = true
			st.VerifyResult = in.set.verify.verify(cs.PeerCertificates)
			st.VerifyResult.Failed = false
		}
	}
	if st.sessID == nil {
		st.sessionID()
	}
}

// StrictSNI tells whether the line refuses clients without a matching
// name.
func (b *Bind) StrictSNI() bool { return b.lc.strictSNI }
