package tlsconf

import (
	"crypto/tls"
	"crypto/x509"
	"os"
	"sort"
	"strings"

	"hakeep/proxy/certstore"
)

// instance is one certificate served by a bind line (2.6's ckch_inst):
// its content when the index was built, its settings and its names.
type instance struct {
	key   any
	entry *certstore.Entry
	data  *certstore.Data
	kind  certstore.KeyType
	set   *settings
	seq   int
	// exact and wild are the names it answers (wild ones as
	// ".example.com"); negs the names its crt-list line excludes.
	exact, wild []string
	negs        map[string]bool
	base        *tls.Config
}

// newInstance is ckch_inst_new_load_store()'s naming: the crt-list
// filters when there are some ("!*" adds nothing, "!name" excludes a
// name from the line's wildcards), else the certificate's DNS names and
// common names; names are lower case.
func newInstance(key any, e *certstore.Entry, d *certstore.Data, set *settings, filters []string, seq int) *instance {
	in := &instance{key: key, entry: e, data: d, kind: d.KeyType(), set: set, seq: seq}
	add := func(name string) {
		neg, wild := false, false
		if strings.HasPrefix(name, "!") {
			neg, name = true, name[1:]
		}
		if strings.HasPrefix(name, "*") {
			wild, name = true, name[1:]
		}
		if neg && wild || name == "" {
			return
		}
		name = strings.ToLower(name)
		switch {
		case neg:
			if in.negs == nil {
				in.negs = map[string]bool{}
			}
			in.negs[name] = true
		case wild:
			in.wild = append(in.wild, name)
		default:
			in.exact = append(in.exact, name)
		}
	}
	if len(filters) > 0 {
		for i := len(filters) - 1; i >= 0; i-- {
			add(filters[i])
		}
		return in
	}
	for _, n := range d.Cert.DNSNames {
		add(n)
	}
	for _, n := range commonNames(d.Cert) {
		add(n)
	}
	return in
}

// commonNames are every CN of the subject, in order.
func commonNames(c *x509.Certificate) []string {
	var out []string
	for _, a := range c.Subject.Names {
		if a.Type.String() == "2.5.4.3" {
			if s, ok := a.Value.(string); ok {
				out = append(out, s)
			}
		}
	}
	return out
}

// sniIndex is a bind line's SNI trees: the instances by exact and
// wildcard name, in the order 2.6 finds duplicates, and the default.
type sniIndex struct {
	gen   uint64
	exact map[string][]*instance
	wild  map[string][]*instance
	def   *instance
	all   []*instance
}

// insert is ssl_sock_load_cert_sni() for every instance: by sequence,
// a name once per instance.
func (x *sniIndex) insert(insts []*instance) {
	sorted := append([]*instance(nil), insts...)
	sort.SliceStable(sorted, func(i, j int) bool { return sorted[i].seq < sorted[j].seq })
	x.all = sorted
	put := func(m map[string][]*instance, name string, in *instance) {
		for _, o := range m[name] {
			if o == in {
				return
			}
		}
		m[name] = append(m[name], in)
	}
	for _, in := range sorted {
		for _, n := range in.exact {
			put(x.exact, n, in)
		}
		for _, n := range in.wild {
			put(x.wild, n, in)
		}
	}
}

// lookup is the selection of ssl_sock_switchctx_cbk(): the first
// instance of each key type among the exact names, then the wildcards
// (".example.com" for "www.example.com") whose line does not exclude the
// name; then ECDSA if the client can use it, RSA if it can, another
// type, or whichever exists.
func (x *sniIndex) lookup(name string, hasRSA, hasECDSA bool) *instance {
	var ec, rsa, anon *instance
	consider := func(in *instance) {
		switch in.kind {
		case certstore.KeyECDSA:
			if ec == nil {
				ec = in
			}
		case certstore.KeyRSA:
			if rsa == nil {
				rsa = in
			}
		default:
			if anon == nil {
				anon = in
			}
		}
	}
	for _, in := range x.exact[name] {
		consider(in)
	}
	if dot := strings.IndexByte(name, '.'); dot >= 0 {
		for _, in := range x.wild[name[dot:]] {
			if !in.negs[name] {
				consider(in)
			}
		}
	}
	switch {
	case hasECDSA && ec != nil:
		return ec
	case hasRSA && rsa != nil:
		return rsa
	case anon != nil:
		return anon
	case ec != nil:
		return ec
	}
	return rsa
}

// find is the first instance serving the store entry path.
func (x *sniIndex) find(path string) *instance {
	for _, in := range x.all {
		if in.entry.Path() == path {
			return in
		}
	}
	return nil
}

// caNamePool holds the ca-file certificates whose names the
// CertificateRequest lists.
func caNamePool(v *verifier) *x509.CertPool {
	p := x509.NewCertPool()
	for _, c := range v.caCerts {
		p.AddCert(c)
	}
	return p
}

// osStat stats a configured name as the store opens it.
func osStat(s *certstore.Store, name string) (os.FileInfo, error) {
	if f := s.Options().Path; f != nil {
		name = f(name)
	}
	return os.Stat(name)
}
