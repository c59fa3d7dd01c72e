// Command tlsweb serves the files of a directory over HTTPS with a
// self-signed certificate it makes at start: the SSL_GET back end of
// e2e/lvs's checker scenario, inside the VM (busybox's httpd has no TLS).
//
//	tlsweb -addr 10.56.0.4:443 -dir /www/4
package main

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"flag"
	"log"
	"math/big"
	"net/http"
	"os"
	"path"
	"path/filepath"
	"time"
)

func main() {
	addr := flag.String("addr", "", "address to listen on, host:port")
	dir := flag.String("dir", ".", "directory whose files are served")
	flag.Parse()
	cert, err := selfSigned()
	if err != nil {
		log.Fatal(err)
	}
	srv := &http.Server{
		Addr:      *addr,
		TLSConfig: &tls.Config{Certificates: []tls.Certificate{cert}},
		// The file itself, never a redirect (http.FileServer sends
		// /index.html to /).
		Handler: http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			b, err := os.ReadFile(filepath.Join(*dir, filepath.FromSlash(path.Clean("/"+r.URL.Path))))
			if err != nil {
				http.NotFound(w, r)
				return
			}
			w.Write(b)
		}),
	}
	log.Fatal(srv.ListenAndServeTLS("", ""))
}

func selfSigned() (tls.Certificate, error) {
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		return tls.Certificate{}, err
	}
	tmpl := &x509.Certificate{SerialNumber: big.NewInt(1), Subject: pkix.Name{CommonName: "tlsweb.test"},
		NotBefore: time.Now().Add(-time.Hour), NotAfter: time.Now().Add(24 * time.Hour)}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		return tls.Certificate{}, err
	}
	return tls.Certificate{Certificate: [][]byte{der}, PrivateKey: key}, nil
}
