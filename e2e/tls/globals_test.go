package tlse2e

import (
	"bytes"
	"crypto/x509/pkix"
	"encoding/pem"
	"os"
	"path/filepath"
)

// globalsFixture is a configuration with the ssl-default-bind-* and
// ssl-default-server-* globals (section 3.1) set, bind lines that
// override them (TLS 1.3 suites in OpenSSL's default order), a
// certificate directory ("crt" on a directory, with a certificate whose
// key is in its ".key" side file), servers' TLS seen through the
// ssl_bc_* fetches, and check-sni.
func globalsFixture(p *pki) (string, []string) {
	p.leaf("www-rsa", leafOpts{subject: pkix.Name{CommonName: "www.example.test"}, dns: []string{"www.example.test"}})
	p.leaf("www-ecdsa", leafOpts{ecdsa: true, subject: pkix.Name{CommonName: "www.example.test"}, dns: []string{"www.example.test"}})
	p.leaf("split", leafOpts{subject: pkix.Name{CommonName: "split.test"}, dns: []string{"split.test"}})
	p.leaf("upstream", leafOpts{ecdsa: true, subject: pkix.Name{CommonName: "upstream.test"}, dns: []string{"upstream.test"}})
	dir := filepath.Join(p.dir, "certs")
	if err := os.Mkdir(dir, 0o700); err != nil {
		p.t.Fatal(err)
	}
	for _, l := range []string{"www-rsa", "www-ecdsa"} {
		p.write("certs/"+l+".pem", p.pems[l])
	}
	// the certificate alone, its key beside it (ssl-load-extra-files)
	var certPart, keyPart []byte
	for rest := p.pems["split"]; ; {
		var b *pem.Block
		if b, rest = pem.Decode(rest); b == nil {
			break
		}
		if b.Type == "CERTIFICATE" {
			certPart = append(certPart, pem.EncodeToMemory(b)...)
		} else {
			keyPart = append(keyPart, pem.EncodeToMemory(b)...)
		}
	}
	if len(certPart) == 0 || len(keyPart) == 0 || bytes.Equal(certPart, keyPart) {
		p.t.Fatal("split certificate")
	}
	p.write("certs/split.pem", certPart)
	p.write("certs/split.pem.key", keyPart)
	upstream := tlsHTTPServer(p.t, p, "upstream")
	strict := tlsStrictServer(p.t, p, "upstream", "strict.test")
	show := `http-request return status 200 content-type text/plain lf-string "sni=%[ssl_fc_sni] proto=%[ssl_fc_protocol] cipher=%[ssl_fc_cipher] f=%[ssl_f_s_dn]"`
	fe := func(name, bind string, lines ...string) string {
		s := "frontend " + name + "\n  bind 127.0.0.1:{{port:" + name + "}} " + bind + "\n"
		for _, l := range lines {
			s += "  " + l + "\n"
		}
		return s
	}
	cfg := `global
  crt-base {{dir}}
  ca-base {{dir}}
  ssl-default-bind-options ssl-min-ver TLSv1.2 no-tlsv13
  ssl-default-bind-ciphers ECDHE-ECDSA-AES256-GCM-SHA384:ECDHE-RSA-AES128-GCM-SHA256
  ssl-default-server-options no-tlsv13
  ssl-default-server-ciphers ECDHE-RSA-CHACHA20-POLY1305:ECDHE-ECDSA-CHACHA20-POLY1305

defaults
  mode http
  timeout client 5s
  timeout server 5s
  timeout connect 2s

` + fe("dir", "ssl crt certs", show) +
		fe("ciphers", "ssl crt www-rsa.pem ciphers ECDHE-RSA-AES256-GCM-SHA384", show) +
		fe("max13", "ssl crt www-rsa.pem ssl-max-ver TLSv1.3", show) +
		fe("up", "", "default_backend upstream",
			`http-response set-header X-BC "%[ssl_bc] %[ssl_bc_protocol] %[ssl_bc_cipher] alpn=%[ssl_bc_alpn] %[ssl_bc_use_keysize]/%[ssl_bc_alg_keysize] resumed=%[ssl_bc_is_resumed]"`) +
		fe("up13", "", "default_backend upstream13") +
		fe("strict", "", "default_backend strict") +
		fe("strictbad", "", "default_backend be_strict_bad") +
		fe("checks", "", `http-request return status 200 content-type text/plain lf-string "sni=%[nbsrv(chk_sni)] nosni=%[nbsrv(chk_nosni)] other=%[nbsrv(chk_other)]"`) +
		`
backend upstream
  server s ` + upstream + ` ssl verify required ca-file ca.crt verifyhost upstream.test alpn http/1.1
backend upstream13
  server s ` + upstream + ` ssl verify none ssl-max-ver TLSv1.3 ssl-min-ver TLSv1.3
# a frontend and a backend of the same name: two proxies
backend strict
  server s ` + strict + ` ssl verify none sni str(strict.test)
backend be_strict_bad
  server s ` + strict + ` ssl verify none sni req.hdr(host)
# section 5.2 "check-sni": checks do not use "sni"
backend chk_sni
  option httpchk GET /
  server s ` + strict + ` check check-ssl check-sni strict.test verify none inter 200 fall 1 rise 1
backend chk_nosni
  option httpchk GET /
  server s ` + strict + ` sni str(strict.test) check check-ssl verify none inter 200 fall 1 rise 1
backend chk_other
  option httpchk GET /
  server s ` + strict + ` check check-ssl check-sni other.test verify none inter 200 fall 1 rise 1
`
	return cfg, []string{"dir", "ciphers", "max13", "up", "up13", "strict", "strictbad", "checks"}
}

func globalsCases() []tlsCase {
	g := func(c goClient) *goClient { return &c }
	o := func(sni string, args ...string) *osslClient { return &osslClient{sni: sni, args: args} }
	return []tlsCase{
		// a certificate directory under the global defaults
		{name: "crt directory: ECDSA by default, global ciphers, no TLS 1.3", fe: "dir", go_: g(goClient{sni: "www.example.test", req: "/"})},
		{name: "crt directory: RSA client", fe: "dir", go_: g(goClient{sni: "www.example.test", suites: []uint16{0xc02f}, req: "/"})},
		{name: "crt directory: key in a .key file", fe: "dir", go_: g(goClient{sni: "split.test", req: "/"})},
		{name: "crt directory: default certificate", fe: "dir", go_: g(goClient{req: "/"})},
		{name: "crt directory: default certificate, RSA client", fe: "dir", go_: g(goClient{suites: []uint16{0xc02f}, req: "/"})},
		{name: "global no-tlsv13 refuses TLS 1.3 only", fe: "dir", go_: g(goClient{min: v13})},
		{name: "global ciphers refuse others", fe: "dir", ossl: o("www.example.test", "-tls1_2", "-cipher", "ECDHE-RSA-AES256-GCM-SHA384")},
		// bind lines overriding them
		{name: "ciphers on the line", fe: "ciphers", go_: g(goClient{req: "/"})},
		{name: "ciphers on the line, global ones refused", fe: "ciphers", go_: g(goClient{suites: []uint16{0xc02f}})},
		{name: "ssl-max-ver TLSv1.3 on the line", fe: "max13", go_: g(goClient{req: "/"})},
		{name: "ssl-max-ver TLSv1.3 on the line, TLS 1.3 only", fe: "max13", go_: g(goClient{min: v13, req: "/"})},
		// servers
		{name: "server: global server options and ciphers, ssl_bc fetches", fe: "up", plain: "/"},
		{name: "ssl_bc fetches on a resumed server session", fe: "up", plain: "/", repeat: 2},
		{name: "server: ssl-min-ver TLSv1.3 on the line", fe: "up13", plain: "/"},
		{name: "server sni reaches a strict server", fe: "strict", plain: "/"},
		{name: "server sni from Host refused by a strict server", fe: "strictbad", plain: "/"},
		{name: "check-sni", fe: "checks", plain: "/"},
	}
}
