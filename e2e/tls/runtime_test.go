package tlse2e

import (
	"crypto/x509/pkix"
	"fmt"
	"strings"
	"testing"

	"hakeep/e2e/harness"
)

// runtimeStep is one Runtime API command (management.txt section 9.3,
// "set ssl cert" and its neighbours) or one handshake observing the
// certificate served, run in order against each proxy.
type runtimeStep struct {
	cmd, payload string
	// sni, when hello is set, makes a handshake instead of a command;
	// want is the certificate it must get from both.
	hello     bool
	sni, want string
}

// TestE2ETLSRuntimeCert replaces, adds and removes certificates through
// the Runtime API of HAProxy 2.6 and of hakeep: the same commands must
// get the same answers, and the next handshake must serve what was
// committed, without a reload.
func TestE2ETLSRuntimeCert(t *testing.T) {
	real := harness.NeedCmd(t, "haproxy")
	bin := harness.Binaries(t) + "/haproxy"
	p := newPKI(t)
	p.leaf("www-rsa", leafOpts{subject: pkix.Name{CommonName: "www.example.test"}, dns: []string{"www.example.test"}})
	p.leaf("wild-rsa", leafOpts{subject: pkix.Name{CommonName: "*.wild.test"}, dns: []string{"*.wild.test"}})
	p.leaf("www-new", leafOpts{ecdsa: true, subject: pkix.Name{Organization: []string{"new org"}, CommonName: "www.example.test"}, dns: []string{"www.example.test"}})
	p.leaf("added", leafOpts{subject: pkix.Name{CommonName: "added.test"}, dns: []string{"added.test"}})
	p.leaf("wild-new", leafOpts{ecdsa: true, subject: pkix.Name{CommonName: "*.wild.test"}, dns: []string{"*.wild.test"}})
	p.write("list.txt", []byte("wild-rsa.pem *.wild.test\n"))
	cfg := `global
  stats socket {{sock}} level admin
  crt-base {{dir}}

defaults
  mode http
  timeout client 5s
  timeout server 5s
  timeout connect 2s

frontend fe
  bind 127.0.0.1:{{port:fe}} ssl crt www-rsa.pem crt-list {{dir}}/list.txt
  http-request return status 200 content-type text/plain string ok
`
	www, wild, list := p.path("www-rsa.pem"), p.path("wild-rsa.pem"), p.path("list.txt")
	added := p.path("added.pem")
	hello := func(sni, want string) runtimeStep { return runtimeStep{hello: true, sni: sni, want: want} }
	cmd := func(c string) runtimeStep { return runtimeStep{cmd: c} }
	steps := []runtimeStep{
		cmd("show ssl cert"),
		cmd("show ssl cert " + www),
		cmd("show ssl cert " + p.path("nothere.pem")),
		cmd("show ssl crt-list"),
		cmd("show ssl crt-list " + list),
		cmd("show ssl crt-list -n " + list),
		hello("www.example.test", "www-rsa"),
		// replace the certificate: nothing changes before the commit
		{cmd: "set ssl cert " + www, payload: string(p.pems["www-new"])},
		cmd("show ssl cert"),
		cmd("show ssl cert *" + www),
		hello("www.example.test", "www-rsa"),
		cmd("commit ssl cert " + www),
		hello("www.example.test", "www-new"),
		hello("", "www-new"),
		cmd("show ssl cert " + www),
		// an abandoned transaction
		{cmd: "set ssl cert " + wild, payload: string(p.pems["wild-new"])},
		cmd("abort ssl cert " + wild),
		cmd("abort ssl cert " + wild),
		hello("a.wild.test", "wild-rsa"),
		// a certificate of a crt-list replaced
		{cmd: "set ssl cert " + wild, payload: string(p.pems["wild-new"])},
		cmd("commit ssl cert " + wild),
		hello("a.wild.test", "wild-new"),
		// refusals
		{cmd: "set ssl cert " + p.path("nothere.pem"), payload: string(p.pems["added"])},
		cmd("commit ssl cert " + www),
		{cmd: "set ssl cert " + www, payload: "garbage\n"},
		cmd("set ssl cert " + www),
		cmd("commit ssl cert"),
		cmd("abort ssl cert"),
		cmd("new ssl cert"),
		cmd("del ssl cert"),
		cmd("show ssl crt-list -n"),
		cmd("add ssl crt-list " + list),
		cmd("del ssl crt-list " + list),
		cmd("show ssl crt-list " + p.path("nothere.txt")),
		cmd("add ssl crt-list " + p.path("nothere.txt") + " " + www),
		// a new certificate added to the crt-list
		cmd("new ssl cert " + added),
		cmd("new ssl cert " + added),
		cmd("show ssl cert " + added),
		{cmd: "set ssl cert " + added, payload: string(p.pems["added"])},
		cmd("commit ssl cert " + added),
		hello("added.test", "www-new"),
		cmd("add ssl crt-list " + list + " " + added),
		cmd("show ssl crt-list " + list),
		hello("added.test", "added"),
		cmd("del ssl cert " + added),
		cmd("del ssl crt-list " + list + " " + added),
		hello("added.test", "www-new"),
		cmd("del ssl cert " + added),
		cmd("show ssl cert"),
	}
	theirs := startProxy(t, "haproxy", real, p.dir, cfg, []string{"fe"})
	ours := startProxy(t, "hakeep", bin, p.dir, cfg, []string{"fe"})
	run := func(px *proxy, s runtimeStep) string {
		if s.hello {
			return goClient{sni: s.sni}.run(p, px.addr("fe")).Cert
		}
		return px.cli(t, s.cmd, s.payload)
	}
	passed, failed := 0, 0
	for i, s := range steps {
		a, b := run(theirs, s), run(ours, s)
		what := s.cmd
		if s.hello {
			what = fmt.Sprintf("handshake sni=%q", s.sni)
		}
		what = strings.ReplaceAll(what, p.dir+"/", "")
		if s.hello && b != s.want {
			t.Errorf("step %d, %s: hakeep served %q, want %q", i, what, b, s.want)
		}
		if a == b {
			passed++
			if testing.Verbose() {
				t.Logf("ok %d %s:\n%s", i, what, a)
			}
			continue
		}
		failed++
		t.Errorf("step %d, %s:\n  haproxy 2.6: %q\n  hakeep:      %q", i, what, a, b)
	}
	fmt.Printf("%d passed, %d failed\n", passed, failed)
}
