package tlse2e

import (
	"bytes"
	"crypto/tls"
	"crypto/x509/pkix"
	"encoding/base64"
	"strings"
	"time"
)

// fixture makes the certificates, crt-lists, CRL and OCSP response the
// configuration names, and the back ends it routes to; it returns the
// configuration (with {{port:<frontend>}} placeholders) and the
// frontends' names.
func fixture(p *pki, backends map[string]string) (string, []string) {
	p.leaf("default", leafOpts{subject: pkix.Name{CommonName: "default.test"}, dns: []string{"default.test"}})
	p.leaf("www-rsa", leafOpts{subject: pkix.Name{CommonName: "www.example.test"}, dns: []string{"www.example.test"}})
	p.leaf("www-ecdsa", leafOpts{ecdsa: true, subject: pkix.Name{CommonName: "www.example.test"}, dns: []string{"www.example.test"}})
	p.leaf("wild-rsa", leafOpts{subject: pkix.Name{CommonName: "*.wild.test"}, dns: []string{"*.wild.test"}})
	p.leaf("wild-ecdsa", leafOpts{ecdsa: true, subject: pkix.Name{CommonName: "*.wild.test"}, dns: []string{"*.wild.test"}})
	p.leaf("secret", leafOpts{subject: pkix.Name{CommonName: "secret.wild.test"}, dns: []string{"secret.wild.test"}})
	p.leaf("multi", leafOpts{subject: pkix.Name{CommonName: "multi.test"}, dns: []string{"multi.test", "alt.multi.test"}})
	p.leaf("exact-rsa", leafOpts{subject: pkix.Name{CommonName: "exact.wild.test"}, dns: []string{"exact.wild.test"}})
	ocsp := p.leaf("ocsp", leafOpts{ecdsa: true, subject: pkix.Name{CommonName: "ocsp.test"}, dns: []string{"ocsp.test"}})
	p.ocsp("ocsp", ocsp)
	p.write("ocsp.pem.issuer", certPEM(p.cas["ca"].cert.Raw))
	p.leaf("backend-a", leafOpts{ecdsa: true, subject: pkix.Name{CommonName: "a.route.test"}, dns: []string{"a.route.test"}})
	p.leaf("backend-b", leafOpts{ecdsa: true, subject: pkix.Name{CommonName: "b.route.test"}, dns: []string{"b.route.test"}})
	p.leaf("backend-c", leafOpts{ecdsa: true, subject: pkix.Name{CommonName: "c.route.test"}, dns: []string{"c.route.test"}})
	p.leaf("upstream", leafOpts{ecdsa: true, subject: pkix.Name{CommonName: "upstream.test"}, dns: []string{"upstream.test"}})
	p.leaf("client-good", leafOpts{client: true, issuer: "clientca",
		subject: pkix.Name{Country: []string{"FR"}, Organization: []string{"Client Org"}, OrganizationalUnit: []string{"Unit A", "Unit B"}, CommonName: "client one"}})
	revoked := p.leaf("client-revoked", leafOpts{client: true, issuer: "clientca", subject: pkix.Name{CommonName: "client revoked"}})
	p.leaf("client-rogue", leafOpts{client: true, issuer: "rogue", subject: pkix.Name{CommonName: "rogue client"}})
	p.leaf("client-expired", leafOpts{client: true, issuer: "clientca", subject: pkix.Name{CommonName: "client expired"}, notAfter: time.Now().Add(-time.Hour)})
	p.crl("clientca.crl", "clientca", revoked)
	p.write("list.txt", []byte(strings.Join([]string{
		"wild-rsa.pem *.wild.test !secret.wild.test",
		"wild-ecdsa.pem *.wild.test",
		"secret.pem",
		"multi.pem [alpn http/1.1] multi.test alt.multi.test",
		"exact-rsa.pem",
		"",
	}, "\n")))
	backends["echo"] = httpEcho(p.t)
	backends["tcpecho"] = tcpEcho(p.t)
	backends["tcpwild"] = tcpNamed(p.t, "wild")
	backends["route-a"] = tlsRaw(p.t, p, "backend-a")
	backends["route-b"] = tlsRaw(p.t, p, "backend-b")
	backends["route-c"] = tlsRaw(p.t, p, "backend-c")
	backends["upstream"] = tlsHTTPServer(p.t, p, "upstream")
	backends["mtls"] = tlsMTLSServer(p.t, p, "upstream", "clientca")
	// tls-ticket-keys: three 48-byte keys, base64, one a line
	// (section 5.1)
	p.write("tickets.keys", []byte(strings.Join([]string{
		base64.StdEncoding.EncodeToString(bytes.Repeat([]byte{1}, 48)),
		base64.StdEncoding.EncodeToString(bytes.Repeat([]byte{2}, 48)),
		base64.StdEncoding.EncodeToString(bytes.Repeat([]byte{3}, 48)),
		""}, "\n")))

	show := `http-request return status 200 content-type text/plain lf-string "sni=%[ssl_fc_sni] proto=%[ssl_fc_protocol] cipher=%[ssl_fc_cipher] alpn=%[ssl_fc_alpn] resumed=%[ssl_fc_is_resumed] hassni=%[ssl_fc_has_sni] sid=%[ssl_fc_session_id,hex,length] bits=%[ssl_fc_use_keysize]/%[ssl_fc_alg_keysize] f=%[ssl_f_s_dn]"`
	showClient := `http-request return status 200 content-type text/plain lf-string "used=%[ssl_c_used] hascrt=%[ssl_fc_has_crt] verify=%[ssl_c_verify] err=%[ssl_c_err] caerr=%[ssl_c_ca_err]/%[ssl_c_ca_err_depth] dn=%[ssl_c_s_dn] idn=%[ssl_c_i_dn] cn=%[ssl_c_s_dn(CN)] ou2=%[ssl_c_s_dn(OU,2)] oulast=%[ssl_c_s_dn(OU,-1)] serial=%[ssl_c_serial,hex] sha1=%[ssl_c_sha1,hex] nb=%[ssl_c_notbefore] na=%[ssl_c_notafter] ver=%[ssl_c_version] sig=%[ssl_c_sig_alg] key=%[ssl_c_key_alg]"`
	fe := func(name, bind string, lines ...string) string {
		return "frontend " + name + "\n  bind 127.0.0.1:{{port:" + name + "}} " + bind + "\n  " + strings.Join(lines, "\n  ") + "\n"
	}
	cfg := `global
  stats socket {{sock}} level admin
  crt-base {{dir}}
  ca-base {{dir}}
  # Debian's TLS 1.3 suites, in its order
  ssl-default-bind-ciphersuites TLS_AES_128_GCM_SHA256:TLS_AES_256_GCM_SHA384:TLS_CHACHA20_POLY1305_SHA256

defaults
  mode http
  timeout client 5s
  timeout server 5s
  timeout connect 2s

` + fe("sni", "ssl crt default.pem crt www-rsa.pem crt www-ecdsa.pem crt-list list.txt alpn h2,http/1.1", show) +
		fe("strict", "ssl crt www-rsa.pem crt-list list.txt strict-sni", show) +
		fe("tls12", "ssl crt www-rsa.pem ssl-max-ver TLSv1.2 ciphers ECDHE-RSA-AES256-GCM-SHA384:ECDHE-RSA-AES128-GCM-SHA256:ECDHE-RSA-CHACHA20-POLY1305:AES128-SHA", show) +
		fe("prefclient", "ssl crt www-rsa.pem ssl-max-ver TLSv1.2 prefer-client-ciphers ciphers ECDHE-RSA-AES256-GCM-SHA384:ECDHE-RSA-AES128-GCM-SHA256:ECDHE-RSA-CHACHA20-POLY1305", show) +
		fe("debian", "ssl crt www-rsa.pem crt www-ecdsa.pem ciphers ECDHE-ECDSA-AES128-GCM-SHA256:ECDHE-RSA-AES128-GCM-SHA256:ECDHE-ECDSA-AES256-GCM-SHA384:ECDHE-RSA-AES256-GCM-SHA384:ECDHE-ECDSA-CHACHA20-POLY1305:ECDHE-RSA-CHACHA20-POLY1305:DHE-RSA-AES128-GCM-SHA256:DHE-RSA-AES256-GCM-SHA384 no-tls-tickets", show) +
		fe("tls13", "ssl crt www-ecdsa.pem ssl-min-ver TLSv1.3", show) +
		fe("oldmin", "ssl crt www-rsa.pem ssl-min-ver TLSv1.0", show) +
		fe("curves", "ssl crt www-ecdsa.pem curves P-384:P-521", show) +
		fe("alpn", "ssl crt www-rsa.pem alpn h2,http/1.1", show) +
		fe("noalpn", "ssl crt www-rsa.pem", show) +
		fe("notickets", "ssl crt www-rsa.pem no-tls-tickets", show) +
		fe("ocsp", "ssl crt ocsp.pem", show) +
		fe("gen", "ssl crt www-rsa.pem generate-certificates ca-sign-file ca.pem", show) +
		fe("mtlsopt", "ssl crt www-rsa.pem verify optional ca-file clientca.crt", showClient) +
		fe("mtlsreq", "ssl crt www-rsa.pem verify required ca-file clientca.crt",
			"http-request set-header X-SSL-Client-DN %[ssl_c_s_dn]",
			"http-request set-header X-SSL-Client-CN %[ssl_c_s_dn(cn)]",
			"http-request set-header X-SSL-Issuer %[ssl_c_i_dn]",
			"http-request set-header X-SSL-Client-Verify %[ssl_c_verify]",
			"http-request set-header X-SSL-Client-Serial %[ssl_c_serial,hex]",
			"http-request set-header X-SSL-Client-NotAfter %[ssl_c_notafter]",
			"default_backend echo") +
		fe("mtlsign", "ssl crt www-rsa.pem verify required ca-file clientca.crt ca-ignore-err all crt-ignore-err all", showClient) +
		fe("mtlscrl", "ssl crt www-rsa.pem verify required ca-file clientca.crt crl-file clientca.crl", showClient) +
		fe("offload", "ssl crt www-rsa.pem", "mode tcp", "default_backend tcpecho") +
		fe("route", "", "mode tcp", "tcp-request inspect-delay 5s",
			"tcp-request content accept if { req.ssl_hello_type 1 }",
			"use_backend route_a if { req.ssl_sni -i a.route.test }",
			"use_backend route_b if { req.ssl_sni -m end .b.route.test } || { req.ssl_sni b.route.test }",
			"default_backend route_c") +
		fe("offsni", "ssl crt www-rsa.pem crt wild-ecdsa.pem", "mode tcp",
			"tcp-request content reject if !{ ssl_fc_has_sni }",
			"use_backend tcpwild if { ssl_fc_sni -m end .wild.test }",
			"default_backend tcpecho") +
		fe("routealpn", "", "mode tcp", "tcp-request inspect-delay 5s",
			"tcp-request content accept if { req.ssl_hello_type 1 }",
			"use_backend route_a if { req.ssl_alpn h2 }",
			"use_backend route_b if { req.ssl_ver 3.3 } !{ req.ssl_sni -m found }",
			"default_backend route_c") +
		fe("upssl", "", "default_backend upstream") +
		fe("upbad", "", "default_backend upstream_badname") +
		fe("upnone", "", "default_backend upstream_noverify") +
		fe("upreuse", "", "default_backend upstream_reuse") +
		fe("upreuse12", "", "default_backend upstream_reuse12") +
		fe("upnoreuse", "", "default_backend upstream_noreuse") +
		fe("upsnihdr", "", "default_backend upstream_snihdr") +
		fe("upcrt", "", "default_backend upstream_crt") +
		fe("upnocrt", "", "default_backend upstream_nocrt") +
		fe("tickets1", "ssl crt www-rsa.pem tls-ticket-keys tickets.keys", show) +
		fe("tickets2", "ssl crt www-rsa.pem tls-ticket-keys tickets.keys", show) +
		fe("notls13", "ssl crt www-rsa.pem no-tlsv13", show) +
		fe("force12", "ssl crt www-rsa.pem force-tlsv12", show) +
		fe("ecdhe", "ssl crt www-rsa.pem ecdhe secp384r1", show) +
		fe("redir", "", "http-request redirect scheme https unless { ssl_fc }", show) +
		fe("redirs", "ssl crt www-rsa.pem", "http-request redirect scheme https unless { ssl_fc }", show) +
		fe("checks", "", `http-request return status 200 content-type text/plain lf-string "tls=%[nbsrv(chk_tls)] tlsbad=%[nbsrv(chk_tlsbad)] clear=%[nbsrv(chk_clear)]"`) +
		`
backend echo
  server s ` + backends["echo"] + `
backend tcpecho
  mode tcp
  server s ` + backends["tcpecho"] + `
backend tcpwild
  mode tcp
  server s ` + backends["tcpwild"] + `
backend route_a
  mode tcp
  server s ` + backends["route-a"] + `
backend route_b
  mode tcp
  server s ` + backends["route-b"] + `
backend route_c
  mode tcp
  server s ` + backends["route-c"] + `
backend upstream
  server s ` + backends["upstream"] + ` ssl verify required ca-file ca.crt sni str(upstream.test) alpn http/1.1
backend upstream_badname
  server s ` + backends["upstream"] + ` ssl verify required ca-file ca.crt sni str(other.test)
backend upstream_noverify
  server s ` + backends["upstream"] + ` ssl verify none
# section 5.2 "ssl-reuse": a new server connection resumes the last
# session (one connection per request here)
backend upstream_reuse
  option http-server-close
  server s ` + backends["upstream"] + ` ssl verify none
backend upstream_reuse12
  option http-server-close
  server s ` + backends["upstream"] + ` ssl verify none ssl-max-ver TLSv1.2
backend upstream_noreuse
  option http-server-close
  server s ` + backends["upstream"] + ` ssl verify none no-ssl-reuse
backend upstream_snihdr
  server s ` + backends["upstream"] + ` ssl verify none sni req.hdr(host)
backend upstream_crt
  server s ` + backends["mtls"] + ` ssl verify required ca-file ca.crt sni str(upstream.test) crt client-good.pem
backend upstream_nocrt
  server s ` + backends["mtls"] + ` ssl verify required ca-file ca.crt sni str(upstream.test)
# section 5.2 "check-ssl": the health checks over TLS (an HTTP check
# answered 200 by the TLS server), their verification, and the same check
# in clear (refused by the TLS server)
backend chk_tls
  option httpchk GET /
  server s ` + backends["upstream"] + ` check check-ssl verify none inter 200 fall 1 rise 1
backend chk_tlsbad
  option httpchk GET /
  server s ` + backends["upstream"] + ` check check-ssl verify required ca-file clientca.crt inter 200 fall 1 rise 1
backend chk_clear
  option httpchk GET /
  server s ` + backends["upstream"] + ` check inter 200 fall 1 rise 1
`
	return cfg, []string{"sni", "strict", "tls12", "prefclient", "debian", "tls13", "oldmin", "curves", "alpn", "noalpn",
		"notickets", "ocsp", "gen", "mtlsopt", "mtlsreq", "mtlsign", "mtlscrl", "offload", "route", "upssl", "upbad",
		"offsni", "routealpn", "upnone", "upreuse", "upreuse12", "upnoreuse", "upsnihdr", "upcrt", "upnocrt", "tickets1", "tickets2", "notls13", "force12", "ecdhe", "redir", "redirs", "checks"}
}

// tlsCase is one connection made to both proxies.
type tlsCase struct {
	name string
	fe   string
	go_  *goClient
	ossl *osslClient
	// alert compares the refusal's alert too (else only that it was
	// refused).
	alert bool
	// plain connects without TLS (frontends without "ssl"), sending
	// req as HTTP.
	plain string
	// repeat sends the plain request that many times, on new
	// connections, the last one observed.
	repeat int
	// certOnly compares the outcome and the certificate only.
	certOnly bool
	// known names a difference from 2.6 listed in
	// docs/COMPAT-haproxy-differences.md: both proxies must then only
	// answer with a 5xx.
	known string
	// warmFe is the frontend of the warm-up handshakes (go_.handshakes
	// > 1) when not fe: a session resumed across bind lines.
	warmFe string
}

const (
	v10 = tls.VersionTLS10
	v11 = tls.VersionTLS11
	v12 = tls.VersionTLS12
	v13 = tls.VersionTLS13
)

func cases() []tlsCase {
	g := func(c goClient) *goClient { return &c }
	o := func(sni string, args ...string) *osslClient { return &osslClient{sni: sni, args: args} }
	return []tlsCase{
		// certificate selection (section 5.1 "crt", "crt-list")
		{name: "no SNI gets the first certificate", fe: "sni", go_: g(goClient{req: "/"})},
		{name: "exact name, client offers ECDSA", fe: "sni", go_: g(goClient{sni: "www.example.test", req: "/"})},
		{name: "exact name, TLS 1.2 RSA-only suites", fe: "sni", go_: g(goClient{sni: "www.example.test", max: v12, suites: []uint16{tls.TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256}, req: "/"})},
		{name: "exact name, TLS 1.2 ECDSA suites", fe: "sni", go_: g(goClient{sni: "www.example.test", max: v12, suites: []uint16{tls.TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384}, req: "/"})},
		{name: "names are case-insensitive", fe: "sni", go_: g(goClient{sni: "WWW.Example.TEST", req: "/"})},
		{name: "TLS 1.3-only offer (no ECDSA cipher): RSA", fe: "sni", ossl: o("www.example.test", "-tls1_3")},
		{name: "TLS 1.3 without RSA PKCS#1 signatures", fe: "sni", ossl: o("www.example.test", "-tls1_3", "-sigalgs", "ecdsa_secp256r1_sha256:rsa_pss_rsae_sha256")},
		{name: "TLS 1.2 with ECDSA signatures only", fe: "sni", ossl: o("www.example.test", "-tls1_2", "-sigalgs", "ECDSA+SHA256")},
		{name: "TLS 1.2 RSA signatures only", fe: "sni", ossl: o("www.example.test", "-tls1_2", "-sigalgs", "RSA+SHA256:RSA-PSS+SHA256")},
		{name: "wildcard, ECDSA first", fe: "sni", go_: g(goClient{sni: "api.wild.test", req: "/"})},
		{name: "wildcard, RSA client", fe: "sni", go_: g(goClient{sni: "api.wild.test", max: v12, suites: []uint16{tls.TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256}, req: "/"})},
		{name: "negative filter skips the RSA wildcard only", fe: "sni", go_: g(goClient{sni: "secret.wild.test", max: v12, suites: []uint16{tls.TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256}, req: "/"})},
		{name: "exact name beats wildcard for its key type", fe: "sni", go_: g(goClient{sni: "secret.wild.test", req: "/"})},
		{name: "exact RSA name, ECDSA wildcard", fe: "sni", go_: g(goClient{sni: "exact.wild.test", req: "/"})},
		{name: "wildcards cover one label", fe: "sni", go_: g(goClient{sni: "a.b.wild.test", req: "/"})},
		{name: "crt-list filters instead of names", fe: "sni", go_: g(goClient{sni: "alt.multi.test", req: "/"})},
		{name: "crt-list entry ALPN", fe: "sni", go_: g(goClient{sni: "multi.test", alpn: []string{"h2", "http/1.1"}})},
		{name: "unknown name gets the default", fe: "sni", go_: g(goClient{sni: "nowhere.test", req: "/"})},
		{name: "ssl_fc fetches over HTTP", fe: "sni", go_: g(goClient{sni: "www.example.test", alpn: []string{"http/1.1"}, req: "/fetches"})},
		{name: "request then close_notify", fe: "sni", go_: g(goClient{sni: "www.example.test", max: v12, req: "/", closeWrite: true})},
		{name: "request then close_notify, TLS 1.3", fe: "sni", go_: g(goClient{sni: "www.example.test", req: "/", closeWrite: true})},
		{name: "request then close_notify, to a server", fe: "mtlsreq", go_: g(goClient{cert: "client-good", req: "/", closeWrite: true})},
		// strict-sni
		{name: "strict-sni: known name", fe: "strict", go_: g(goClient{sni: "www.example.test", req: "/"})},
		{name: "strict-sni: crt-list name", fe: "strict", go_: g(goClient{sni: "x.wild.test", req: "/"})},
		{name: "strict-sni: unknown name refused", fe: "strict", go_: g(goClient{sni: "nowhere.test"}), alert: true},
		{name: "strict-sni: no SNI refused", fe: "strict", go_: g(goClient{}), alert: true},
		{name: "strict-sni: refused (openssl)", fe: "strict", ossl: o("nowhere.test"), alert: true},
		// protocols and ciphers
		{name: "TLS 1.2 server order", fe: "tls12", go_: g(goClient{req: "/"})},
		{name: "TLS 1.2 client's choice among ours", fe: "tls12", go_: g(goClient{suites: []uint16{tls.TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256, tls.TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256}, req: "/"})},
		{name: "TLS 1.2 no shared cipher", fe: "tls12", go_: g(goClient{suites: []uint16{tls.TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA}})},
		{name: "TLS 1.2 RSA key exchange", fe: "tls12", go_: g(goClient{suites: []uint16{tls.TLS_RSA_WITH_AES_128_CBC_SHA}, req: "/"})},
		{name: "ssl-max-ver TLSv1.2 refuses TLS 1.3 only", fe: "tls12", go_: g(goClient{min: v13})},
		{name: "openssl cipher order, server preference", fe: "tls12", ossl: o("", "-cipher", "ECDHE-RSA-CHACHA20-POLY1305:ECDHE-RSA-AES128-GCM-SHA256")},
		{name: "prefer-client-ciphers", fe: "prefclient", ossl: o("", "-cipher", "ECDHE-RSA-CHACHA20-POLY1305:ECDHE-RSA-AES128-GCM-SHA256")},
		{name: "prefer-client-ciphers, Go order", fe: "prefclient", go_: g(goClient{max: v12, req: "/"})},
		{name: "Debian ciphers, TLS 1.2 Go client", fe: "debian", go_: g(goClient{max: v12, req: "/"})},
		{name: "Debian ciphers, TLS 1.3", fe: "debian", go_: g(goClient{req: "/"})},
		{name: "Debian ciphers, DHE-only client refused", fe: "debian", ossl: o("", "-tls1_2", "-cipher", "DHE-RSA-AES128-GCM-SHA256")},
		{name: "TLS 1.3 single suite", fe: "debian", ossl: o("", "-tls1_3", "-ciphersuites", "TLS_CHACHA20_POLY1305_SHA256")},
		{name: "ssl-min-ver TLSv1.3 refuses TLS 1.2", fe: "tls13", go_: g(goClient{max: v12})},
		{name: "ssl-min-ver TLSv1.3", fe: "tls13", go_: g(goClient{req: "/"})},
		{name: "default minimum refuses TLS 1.1", fe: "noalpn", go_: g(goClient{max: v11})},
		{name: "ssl-min-ver TLSv1.0, TLS 1.0 at OpenSSL's security level", fe: "oldmin", go_: g(goClient{max: v10})},
		{name: "ssl-min-ver TLSv1.0, TLS 1.2", fe: "oldmin", go_: g(goClient{max: v12, req: "/"})},
		{name: "curves: P-384 chosen", fe: "curves", go_: g(goClient{req: "/"})},
		{name: "curves: no shared curve", fe: "curves", go_: g(goClient{curves: []tls.CurveID{tls.X25519}})},
		{name: "curves: openssl P-521 only", fe: "curves", ossl: o("", "-groups", "P-521")},
		// ALPN
		{name: "ALPN server order", fe: "alpn", go_: g(goClient{alpn: []string{"http/1.1", "h2"}})},
		{name: "ALPN http/1.1", fe: "alpn", go_: g(goClient{alpn: []string{"http/1.1"}, req: "/"})},
		{name: "ALPN no overlap: no protocol, no failure", fe: "alpn", go_: g(goClient{alpn: []string{"spdy/3"}, req: "/"})},
		{name: "no alpn configured", fe: "noalpn", go_: g(goClient{alpn: []string{"h2", "http/1.1"}, req: "/"})},
		{name: "ALPN via openssl", fe: "alpn", ossl: o("", "-alpn", "h2")},
		// sessions
		{name: "resumption with tickets, TLS 1.2", fe: "noalpn", go_: g(goClient{max: v12, handshakes: 2, req: "/"})},
		{name: "resumption with tickets, TLS 1.3", fe: "noalpn", go_: g(goClient{handshakes: 2, req: "/"})},
		{name: "no-tls-tickets, TLS 1.3 resumes statefully", fe: "notickets", go_: g(goClient{handshakes: 2, req: "/"})},
		{name: "no-tls-tickets, TLS 1.2 (session IDs only)", fe: "notickets", go_: g(goClient{max: v12, handshakes: 2, req: "/"})},
		// OCSP stapling
		{name: "OCSP staple", fe: "ocsp", go_: g(goClient{sni: "ocsp.test", req: "/"})},
		{name: "OCSP staple, openssl -status", fe: "ocsp", ossl: o("ocsp.test", "-status")},
		{name: "no OCSP file, no staple", fe: "noalpn", ossl: o("", "-status")},
		// generated certificates
		// 2.6.12 serves the forged certificate with OpenSSL's defaults
		// (not the line's TLS 1.3 suites) and then closes the
		// connection without an answer; hakeep answers
		{name: "generate-certificates for an unknown name", fe: "gen", go_: g(goClient{sni: "gen.example.test", req: "/"}), certOnly: true},
		{name: "generate-certificates keeps known names", fe: "gen", go_: g(goClient{sni: "www.example.test", req: "/"})},
		// client certificates
		{name: "verify optional, good certificate", fe: "mtlsopt", go_: g(goClient{cert: "client-good", req: "/"})},
		{name: "verify optional, no certificate", fe: "mtlsopt", go_: g(goClient{req: "/"})},
		{name: "verify optional, unknown CA refused", fe: "mtlsopt", go_: g(goClient{cert: "client-rogue", req: "/"})},
		{name: "verify optional, expired refused", fe: "mtlsopt", go_: g(goClient{cert: "client-expired", max: v12, req: "/"})},
		{name: "verify required, good certificate forwarded", fe: "mtlsreq", go_: g(goClient{cert: "client-good", req: "/"})},
		{name: "verify required, no certificate refused", fe: "mtlsreq", go_: g(goClient{max: v12, req: "/"})},
		{name: "verify required, no certificate, TLS 1.3", fe: "mtlsreq", go_: g(goClient{req: "/"})},
		{name: "verify required, unknown CA refused", fe: "mtlsreq", go_: g(goClient{cert: "client-rogue", max: v12, req: "/"})},
		{name: "ca-ignore-err/crt-ignore-err all: unknown CA", fe: "mtlsign", go_: g(goClient{cert: "client-rogue", req: "/"})},
		{name: "crt-ignore-err all: expired", fe: "mtlsign", go_: g(goClient{cert: "client-expired", req: "/"})},
		{name: "crl-file: good certificate", fe: "mtlscrl", go_: g(goClient{cert: "client-good", req: "/"})},
		{name: "crl-file: revoked refused", fe: "mtlscrl", go_: g(goClient{cert: "client-revoked", max: v12, req: "/"})},
		{name: "client certificate resumed", fe: "mtlsopt", go_: g(goClient{cert: "client-good", handshakes: 2, max: v12, req: "/"})},
		// mode tcp
		{name: "TLS offload in mode tcp", fe: "offload", go_: g(goClient{send: "hello over tls"})},
		{name: "SNI routing without termination: a", fe: "route", go_: g(goClient{sni: "a.route.test", send: "hi"})},
		{name: "SNI routing without termination: b", fe: "route", go_: g(goClient{sni: "x.b.route.test", send: "hi"})},
		{name: "SNI routing without termination: default", fe: "route", go_: g(goClient{sni: "z.route.test", send: "hi"})},
		{name: "SNI routing, no SNI", fe: "route", go_: g(goClient{send: "hi"})},
		{name: "offload in mode tcp, routed on ssl_fc_sni", fe: "offsni", go_: g(goClient{sni: "x.wild.test", send: "hi"})},
		{name: "offload in mode tcp, default backend", fe: "offsni", go_: g(goClient{sni: "www.example.test", send: "hi"})},
		{name: "offload in mode tcp, no SNI rejected", fe: "offsni", go_: g(goClient{send: "hi"})},
		{name: "routing on req.ssl_alpn", fe: "routealpn", go_: g(goClient{sni: "x.test", alpn: []string{"h2"}, send: "hi"})},
		{name: "routing on req.ssl_ver without SNI", fe: "routealpn", go_: g(goClient{send: "hi"})},
		{name: "routing: neither", fe: "routealpn", go_: g(goClient{sni: "x.test", alpn: []string{"http/1.1"}, send: "hi"})},
		// TLS to servers
		{name: "server ssl with sni and verify", fe: "upssl", plain: "/"},
		{name: "server ssl, name mismatch refused", fe: "upbad", plain: "/"},
		{name: "server ssl verify none", fe: "upnone", plain: "/"},
		{name: "server sni from a request header", fe: "upsnihdr", plain: "/"},
		{name: "ssl-reuse: the next server connection resumes, TLS 1.3", fe: "upreuse", plain: "/", repeat: 3},
		{name: "ssl-reuse: the next server connection resumes, TLS 1.2", fe: "upreuse12", plain: "/", repeat: 3},
		{name: "no-ssl-reuse: full handshakes", fe: "upnoreuse", plain: "/", repeat: 3},
		{name: "server crt: client certificate to the server", fe: "upcrt", plain: "/"},
		{name: "server without crt refused by the server", fe: "upnocrt", plain: "/",
			known: "a TLS 1.3 server's refusal of the client certificate is read as the response (502); 2.6 retries it as a connection failure (503) when the alert comes before the request went, as here"},
		{name: "check-ssl: checks over TLS, verified and in clear", fe: "checks", plain: "/"},
		// tls-ticket-keys: the same keys on two bind lines
		{name: "tls-ticket-keys: resumed on another bind line, TLS 1.2", fe: "tickets2", warmFe: "tickets1", go_: g(goClient{sni: "www.example.test", max: v12, handshakes: 2, req: "/"})},
		{name: "tls-ticket-keys: resumed on another bind line, TLS 1.3", fe: "tickets2", warmFe: "tickets1", go_: g(goClient{sni: "www.example.test", handshakes: 2, req: "/"})},
		{name: "tls-ticket-keys: other keys do not resume", fe: "noalpn", warmFe: "tickets1", go_: g(goClient{sni: "www.example.test", max: v12, handshakes: 2, req: "/"})},
		{name: "tls-ticket-keys: other keys do not resume, TLS 1.3", fe: "noalpn", warmFe: "tickets1", go_: g(goClient{sni: "www.example.test", handshakes: 2, req: "/"})},
		{name: "tls-ticket-keys: same bind line", fe: "tickets1", go_: g(goClient{sni: "www.example.test", handshakes: 2, req: "/"})},
		// protocol options
		{name: "no-tlsv13", fe: "notls13", go_: g(goClient{req: "/"})},
		{name: "no-tlsv13 refuses TLS 1.3 only", fe: "notls13", go_: g(goClient{min: v13})},
		{name: "force-tlsv12", fe: "force12", go_: g(goClient{req: "/"})},
		{name: "force-tlsv12 refuses TLS 1.3 only", fe: "force12", go_: g(goClient{min: v13})},
		{name: "ecdhe secp384r1, TLS 1.2", fe: "ecdhe", go_: g(goClient{max: v12, req: "/"})},
		{name: "ecdhe secp384r1, TLS 1.3", fe: "ecdhe", go_: g(goClient{req: "/"})},
		// redirect scheme https (section 4.2 "redirect")
		{name: "redirect scheme https in clear", fe: "redir", plain: "/path?q=1"},
		{name: "no redirect over TLS", fe: "redirs", go_: g(goClient{req: "/path"})},
	}
}
