package rules

import (
	"strings"
	"testing"

	"hakeep/proxy/acl"
	"hakeep/proxy/sample"
)

// FuzzParse checks that no rule line makes the parsers panic, in every
// kind of section.
func FuzzParse(f *testing.F) {
	for _, s := range []string{
		"http-request set-var(txn.x) req.hdr(host),lower if { path_beg /a } || !TRUE",
		"http-request return status 200 content-type text/plain lf-string %[src] hdr x y",
		"http-request redirect location /x code 301 if { ssl_fc }",
		"tcp-request content track-sc0 src table be if { req.len gt 0 }",
		"tcp-request inspect-delay 5s", "tcp-response content close",
		"stick on src,lower table t if TRUE", "use_backend %[req.hdr(host)]",
		"http-request sc-inc-gpc(1,2)", "http-request do-resolve(txn.ip,r1,ipv4) hdr(host)",
		"http-request deny deny_status 418", "monitor fail if { nbsrv(be) lt 1 }",
	} {
		f.Add(s, uint8(0))
	}
	reg := sample.NewRegistry()
	caps := []sample.Cap{sample.CapFE, sample.CapBE, sample.CapFE | sample.CapBE, sample.CapFE | sample.CapBE | sample.CapDef}
	f.Fuzz(func(t *testing.T, line string, which uint8) {
		words := strings.Fields(line)
		if len(words) == 0 || !Handles(words[0]) {
			return
		}
		env := acl.NewEnv()
		env.Resolve = nil
		sc := &sample.Context{Registry: reg, Proxy: "p", Cap: caps[int(which)%len(caps)], Refs: &sample.Refs{},
			ReadFile: func(string) ([]byte, error) { return nil, nil }, Maps: env}
		c := &Context{Context: &acl.Context{Context: sc, Env: env, ACLs: acl.NewSet()}, HTTP: which&4 != 0, State: NewState()}
		r, err := Parse(words, c)
		if err == nil && r != nil && r.Set != UseBackend {
			r.Check(nothing{}, c)
		}
	})
}

type nothing struct{}

func (nothing) TableType(string) (string, bool)   { return "", false }
func (nothing) Captures(string, bool) int         { return 0 }
func (nothing) HasBackend(string) bool            { return false }
func (nothing) HasServer(string, string) bool     { return false }
func (nothing) HasHTTPErrors(string) bool         { return false }
func (nothing) HasCache(string) bool              { return false }
func (nothing) HasResolvers(string) bool          { return false }
func (nothing) HasSPOEEngine(string, string) bool { return false }
func (nothing) HasOTFilter(string, string) bool   { return false }
