package tlse2e

import (
	"bufio"
	"crypto/tls"
	"crypto/x509"
	"fmt"
	"io"
	"log"
	"net"
	"net/http"
	"sort"
	"strings"
	"testing"
)

// httpEcho answers every request with the X-SSL-* headers it carries,
// one a line, in name order.
func httpEcho(t *testing.T) string {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	srv := &http.Server{Handler: http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		var lines []string
		for k, v := range r.Header {
			if strings.HasPrefix(k, "X-Ssl") {
				lines = append(lines, k+": "+strings.Join(v, ","))
			}
		}
		sort.Strings(lines)
		fmt.Fprint(w, strings.Join(lines, "\n")+"\n")
	})}
	go srv.Serve(l)
	t.Cleanup(func() { srv.Close() })
	return l.Addr().String()
}

// tcpEcho sends back each line it reads.
func tcpEcho(t *testing.T) string {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { l.Close() })
	go func() {
		for {
			c, err := l.Accept()
			if err != nil {
				return
			}
			go func() {
				defer c.Close()
				io.Copy(c, c)
			}()
		}
	}()
	return l.Addr().String()
}

// tlsHTTPServer is an HTTPS server presenting cert, answering with the
// SNI it received and the protocol: a TLS server behind the proxy.
func tlsHTTPServer(t *testing.T, p *pki, cert string) string {
	c, err := tls.X509KeyPair(p.pems[cert], p.pems[cert])
	if err != nil {
		t.Fatal(err)
	}
	l, err := tls.Listen("tcp", "127.0.0.1:0", &tls.Config{Certificates: []tls.Certificate{c}, NextProtos: []string{"http/1.1"}})
	if err != nil {
		t.Fatal(err)
	}
	srv := &http.Server{Handler: http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprintf(w, "backend=%s sni=%s alpn=%s proto=%s cipher=%s resumed=%v\n", cert, r.TLS.ServerName, r.TLS.NegotiatedProtocol,
			tls.VersionName(r.TLS.Version), tls.CipherSuiteName(r.TLS.CipherSuite), r.TLS.DidResume)
	}), ErrorLog: discardLog()}
	go srv.Serve(l)
	t.Cleanup(func() { srv.Close() })
	return l.Addr().String()
}

// tlsRaw is a TLS server presenting cert that answers one line with its
// name: a TLS service the proxy routes by SNI without terminating.
func tlsRaw(t *testing.T, p *pki, cert string) string {
	c, err := tls.X509KeyPair(p.pems[cert], p.pems[cert])
	if err != nil {
		t.Fatal(err)
	}
	l, err := tls.Listen("tcp", "127.0.0.1:0", &tls.Config{Certificates: []tls.Certificate{c}})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { l.Close() })
	go func() {
		for {
			conn, err := l.Accept()
			if err != nil {
				return
			}
			go func() {
				defer conn.Close()
				r := bufio.NewReader(conn)
				if _, err := r.ReadString('\n'); err == nil {
					fmt.Fprintf(conn, "service %s\n", cert)
				}
			}()
		}
	}()
	return l.Addr().String()
}

// tlsMTLSServer is an HTTPS server presenting cert that requires a
// client certificate issued by the CA ca, answering with its subject's
// common name: a server the proxy's "crt" must satisfy.
func tlsMTLSServer(t *testing.T, p *pki, cert, ca string) string {
	c, err := tls.X509KeyPair(p.pems[cert], p.pems[cert])
	if err != nil {
		t.Fatal(err)
	}
	pool := x509.NewCertPool()
	pool.AddCert(p.cas[ca].cert)
	l, err := tls.Listen("tcp", "127.0.0.1:0", &tls.Config{Certificates: []tls.Certificate{c}, ClientAuth: tls.RequireAndVerifyClientCert, ClientCAs: pool})
	if err != nil {
		t.Fatal(err)
	}
	srv := &http.Server{Handler: http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprintf(w, "client=%s\n", r.TLS.PeerCertificates[0].Subject.CommonName)
	}), ErrorLog: discardLog()}
	go srv.Serve(l)
	t.Cleanup(func() { srv.Close() })
	return l.Addr().String()
}

// discardLog silences a server's handshake errors: health checks and
// refused cases make them on purpose.
func discardLog() *log.Logger { return log.New(io.Discard, "", 0) }

// tlsStrictServer is tlsHTTPServer refusing handshakes whose SNI is not
// name: a server that only "sni"/"check-sni" reach.
func tlsStrictServer(t *testing.T, p *pki, cert, name string) string {
	c, err := tls.X509KeyPair(p.pems[cert], p.pems[cert])
	if err != nil {
		t.Fatal(err)
	}
	l, err := tls.Listen("tcp", "127.0.0.1:0", &tls.Config{GetCertificate: func(h *tls.ClientHelloInfo) (*tls.Certificate, error) {
		if h.ServerName != name {
			return nil, fmt.Errorf("unknown name %q", h.ServerName)
		}
		return &c, nil
	}})
	if err != nil {
		t.Fatal(err)
	}
	srv := &http.Server{Handler: http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprintf(w, "strict sni=%s\n", r.TLS.ServerName)
	}), ErrorLog: discardLog()}
	go srv.Serve(l)
	t.Cleanup(func() { srv.Close() })
	return l.Addr().String()
}

// tcpNamed answers each line it reads with its name and the line.
func tcpNamed(t *testing.T, name string) string {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { l.Close() })
	go func() {
		for {
			c, err := l.Accept()
			if err != nil {
				return
			}
			go func() {
				defer c.Close()
				r := bufio.NewReader(c)
				for {
					line, err := r.ReadString('\n')
					if err != nil {
						return
					}
					fmt.Fprintf(c, "%s: %s", name, line)
				}
			}()
		}
	}()
	return l.Addr().String()
}
