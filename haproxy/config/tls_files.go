package config

import (
	"bytes"
	"crypto/tls"
	"encoding/pem"
	"fmt"
	"os"
	"strings"
)

// loadCertFile stands for ssl_sock_load_files_into_ckch(): a PEM file
// holding a certificate, and its private key either in the same file or
// in "<file>.key" (ssl-load-extra-files' "key", on by default); the key
// must match the certificate. It returns 2.6's message, or "".
func (l *loader) loadCertFile(p string) string {
	data, err := os.ReadFile(l.path(p))
	if err != nil {
		return fmt.Sprintf("cannot open the file '%s'.\n", p)
	}
	certPEM, keyPEM := splitPEM(data)
	if len(certPEM) == 0 {
		return fmt.Sprintf("unable to load certificate from file '%s'.\n", p)
	}
	if len(keyPEM) == 0 {
		if !l.extraKeyFiles() {
			return fmt.Sprintf("No Private Key found in '%s'.\n", p)
		}
		base := p
		if l.cfg.Global.SSL.LoadExtraDelExt && strings.HasSuffix(base, ".crt") {
			// "ssl-load-extra-del-ext": foo.crt's key is foo.key
			base = strings.TrimSuffix(base, ".crt")
		}
		kp := base + ".key"
		if kd, err := os.ReadFile(l.path(kp)); err == nil {
			_, keyPEM = splitPEM(kd)
			if len(keyPEM) == 0 {
				return fmt.Sprintf(" '%s' is present but cannot be read or parsed'.\n", kp)
			}
		}
		if len(keyPEM) == 0 {
			return fmt.Sprintf("No Private Key found in '%s'.\n", kp)
		}
	}
	if _, err := tls.X509KeyPair(certPEM, keyPEM); err != nil {
		return fmt.Sprintf("inconsistencies between private key and certificate loaded '%s'.\n", p)
	}
	return ""
}

// extraKeyFiles tells whether ssl-load-extra-files lets the key come from
// "<file>.key".
func (l *loader) extraKeyFiles() bool {
	v := l.cfg.Global.SSL.LoadExtraFiles
	return v == "" || v == "all" || bytes.Contains([]byte(v), []byte("key"))
}

// splitPEM returns the certificate blocks and the private key block of a
// PEM file, each re-encoded.
func splitPEM(data []byte) (certs, key []byte) {
	for {
		var b *pem.Block
		b, data = pem.Decode(data)
		if b == nil {
			return certs, key
		}
		switch b.Type {
		case "CERTIFICATE", "TRUSTED CERTIFICATE":
			certs = append(certs, pem.EncodeToMemory(b)...)
		case "PRIVATE KEY", "RSA PRIVATE KEY", "EC PRIVATE KEY", "ENCRYPTED PRIVATE KEY":
			if key == nil {
				key = pem.EncodeToMemory(b)
			}
		}
	}
}
