package acl

import (
	"context"
	"net"
	"net/netip"
)

// Env is what ACL parsing shares across one configuration load: the ACL
// keyword table, the pattern and map files already read (HAProxy keeps
// one reference per file name, so a file used as a one-column ACL file
// cannot later be used as a map and the other way round), the -u ids
// taken, and the resolver for host names in ip patterns.
type Env struct {
	keywords map[string]keyword
	files    map[string]*patFile
	ids      map[int64]bool
	// reg holds the pattern references the runtime API edits (refs.go).
	reg *refRegistry
	// Resolve turns host names in ACL ip patterns into addresses (2.6
	// resolves them at startup unless -n is given). Nil disables
	// resolution: only addresses and inet_aton forms are accepted.
	Resolve Resolver
}

// NewEnv returns an environment that resolves names with the system
// resolver, IPv4 only, as gethostbyname() does.
func NewEnv() *Env {
	e := &Env{
		keywords: map[string]keyword{},
		files:    map[string]*patFile{},
		ids:      map[int64]bool{},
		Resolve:  systemResolve,
	}
	for _, k := range keywords() {
		e.keywords[k.name] = k
	}
	return e
}

func systemResolve(host string) ([]netip.Addr, error) {
	ips, err := net.DefaultResolver.LookupNetIP(context.Background(), "ip4", host)
	if err != nil {
		return nil, err
	}
	return ips, nil
}
