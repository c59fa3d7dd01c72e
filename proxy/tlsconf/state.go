package tlsconf

import (
	"crypto/tls"
	"crypto/x509"
	"net"
	"sync"
)

// State is what the TLS layer knows of one connection beyond
// crypto/tls's ConnectionState: what the sample fetches read (ssl_fc_*,
// ssl_c_*) and the logs show. It is filled during the handshake.
type State struct {
	// Conn is the TLS connection.
	Conn *tls.Conn
	// SNI is the server name the client sent, as sent.
	SNI string
	// VerifyResult is the client certificate check; Asked tells a
	// certificate was requested.
	VerifyResult VerifyResult
	Asked        bool
	// ClientCiphers are the cipher suites the client offered, in its
	// order (ssl_fc_cipherlist_*), when tune.ssl.capture-buffer-size
	// asks for them.
	ClientCiphers []uint16
	// sessID is the session identifier (ssl_fc_session_id): the
	// same across resumptions.
	sessID []byte
	// Generated is set when the certificate was generated for the
	// SNI ("generate-certificates").
	Generated bool
	// CertPath is the store entry of the certificate served.
	CertPath string

	mu    sync.Mutex
	cs    *tls.ConnectionState
	local *x509.Certificate
}

// serverConn is the socket under a TLS server connection: it carries
// the connection's State to the handshake callbacks, and can answer an
// alert of its own before crypto/tls would answer another.
type serverConn struct {
	net.Conn
	st *State
	// mute drops what crypto/tls writes after an alert of ours.
	mute bool
	// hello keeps the bytes read until the ClientHello is handled
	// (helloKeyShares reads its key shares); done stops it.
	hello []byte
	done  bool
}

func (c *serverConn) Read(p []byte) (int, error) {
	n, err := c.Conn.Read(p)
	if !c.done && len(c.hello) < maxHelloCapture {
		c.hello = append(c.hello, p[:min(n, maxHelloCapture-len(c.hello))]...)
	}
	return n, err
}

// maxHelloCapture bounds what serverConn keeps: one TLS record and its
// header.
const maxHelloCapture = 5 + 1<<14

func (c *serverConn) Write(p []byte) (int, error) {
	if c.mute {
		return len(p), nil
	}
	return c.Conn.Write(p)
}

// sendAlert writes a fatal alert record in clear (before the keys are
// set), then mutes the connection: crypto/tls answers internal_error to
// a refused ClientHello, HAProxy answers unrecognized_name.
func (c *serverConn) sendAlert(desc byte) {
	c.Conn.Write([]byte{21, 3, 3, 0, 2, 2, desc})
	c.mute = true
}

// alertUnrecognizedName is RFC 6066's unrecognized_name (112).
const alertUnrecognizedName = 112

// StateOf is the State of a connection Bind.Server made, nil for any
// other connection.
func StateOf(c net.Conn) *State {
	tc := tlsOf(c)
	if tc == nil {
		return nil
	}
	if sc, ok := tc.NetConn().(*serverConn); ok {
		return sc.st
	}
	return nil
}
