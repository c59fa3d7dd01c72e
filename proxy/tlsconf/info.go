package tlsconf

import (
	"crypto/tls"
	"crypto/x509"
	"strings"
)

// Info is a TLS connection as the ssl_* fetches read it (the methods of
// proxy/sample's TLSConn): the client side's State, or a server
// connection through ServerInfo.
type Info interface {
	ConnState() *tls.ConnectionState
	CipherName() string
	CipherBits() (use, alg int)
	Verify() (result, caErr, caDepth, crtErr int, asked bool)
	SessionID() []byte
	ClientSuites() []uint16
	LocalCert() *x509.Certificate
}

// ConnState is the handshake's outcome, kept once it completed.
func (st *State) ConnState() *tls.ConnectionState {
	st.mu.Lock()
	defer st.mu.Unlock()
	if st.cs == nil {
		cs := st.Conn.ConnectionState()
		if !cs.HandshakeComplete {
			return &cs
		}
		st.cs = &cs
	}
	return st.cs
}

// CipherName is OpenSSL's name of the suite negotiated
// (SSL_CIPHER_get_name(), "ECDHE-RSA-AES128-GCM-SHA256",
// "TLS_AES_256_GCM_SHA384").
func (st *State) CipherName() string { return opensslName(st.ConnState().CipherSuite) }

// CipherBits are the suite's symmetric key bits: used and of the
// algorithm (SSL_CIPHER_get_bits()).
func (st *State) CipherBits() (use, alg int) { return suiteBits(st.ConnState().CipherSuite) }

// Verify is the client certificate check (ssl_c_verify, ssl_c_ca_err,
// ssl_c_ca_err_depth, ssl_c_err); asked tells a certificate was
// requested.
func (st *State) Verify() (result, caErr, caDepth, crtErr int, asked bool) {
	st.mu.Lock()
	defer st.mu.Unlock()
	v := st.VerifyResult
	return v.Err, v.CAErr, v.CAErrDepth, v.CrtErr, st.Asked
}

// SessionID is ssl_fc_session_id.
func (st *State) SessionID() []byte { return st.sessionID() }

// ClientSuites are the suites the client offered, when captured
// (tune.ssl.capture-buffer-size).
func (st *State) ClientSuites() []uint16 { return st.ClientCiphers }

// LocalCert is the certificate served (ssl_f_*).
func (st *State) LocalCert() *x509.Certificate { return st.local }

// ServerInfo is a server connection's TLS side for the ssl_bc_*
// fetches.
type ServerInfo struct {
	Conn *tls.Conn
	cs   *tls.ConnectionState
}

func (s *ServerInfo) ConnState() *tls.ConnectionState {
	if s.cs == nil {
		cs := s.Conn.ConnectionState()
		s.cs = &cs
	}
	return s.cs
}
func (s *ServerInfo) CipherName() string                 { return opensslName(s.ConnState().CipherSuite) }
func (s *ServerInfo) CipherBits() (int, int)             { return suiteBits(s.ConnState().CipherSuite) }
func (s *ServerInfo) Verify() (int, int, int, int, bool) { return 0, 0, 0, 0, false }
func (s *ServerInfo) SessionID() []byte                  { return nil }
func (s *ServerInfo) ClientSuites() []uint16             { return nil }
func (s *ServerInfo) LocalCert() *x509.Certificate       { return nil }

// opensslName is OpenSSL's name of a suite.
func opensslName(id uint16) string {
	switch id {
	case tls.TLS_AES_128_GCM_SHA256, tls.TLS_AES_256_GCM_SHA384, tls.TLS_CHACHA20_POLY1305_SHA256:
		return tls.CipherSuiteName(id)
	}
	for _, c := range opensslCiphers() {
		if c.id == id {
			return c.name
		}
	}
	return tls.CipherSuiteName(id)
}

// suiteBits are a suite's key bits, as OpenSSL counts them.
func suiteBits(id uint16) (int, int) {
	name := tls.CipherSuiteName(id)
	switch {
	case strings.Contains(name, "AES_128"):
		return 128, 128
	case strings.Contains(name, "AES_256"), strings.Contains(name, "CHACHA20"):
		return 256, 256
	case strings.Contains(name, "3DES"):
		return 112, 168
	case strings.Contains(name, "RC4"):
		return 128, 128
	}
	return 0, 0
}
