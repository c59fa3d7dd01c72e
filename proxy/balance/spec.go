package balance

// Algorithm is a "balance" algorithm (configuration.txt section 4.2,
// "balance").
type Algorithm uint8

const (
	RoundRobin Algorithm = iota // roundrobin (the default)
	StaticRR                    // static-rr
	LeastConn                   // leastconn
	First                       // first
	Source                      // source
	URI                         // uri
	URLParam                    // url_param
	Header                      // hdr(<name>)
	RDPCookie                   // rdp-cookie[(<name>)]
	Hash                        // hash <expr>
	Random                      // random[(<draws>)]
)

func (a Algorithm) String() string {
	switch a {
	case RoundRobin:
		return "roundrobin"
	case StaticRR:
		return "static-rr"
	case LeastConn:
		return "leastconn"
	case First:
		return "first"
	case Source:
		return "source"
	case URI:
		return "uri"
	case URLParam:
		return "url_param"
	case Header:
		return "hdr"
	case RDPCookie:
		return "rdp-cookie"
	case Hash:
		return "hash"
	case Random:
		return "random"
	}
	return "unknown"
}

// hashed reports whether the algorithm maps a key onto the servers, and so
// obeys "hash-type".
func (a Algorithm) hashed() bool { return a >= Source && a <= Hash }

// dynamic reports whether weights may change at run time (BE_LB_PROP_DYN):
// everything but static-rr and map-based hashing.
func (s *Spec) dynamic() bool {
	switch {
	case s.Algorithm == StaticRR:
		return false
	case s.Algorithm.hashed():
		return s.Consistent
	}
	return true
}

// Spec is a backend's load-balancing settings: "balance", "hash-type" and
// "hash-balance-factor". The zero Spec is roundrobin.
type Spec struct {
	Algorithm Algorithm

	// uri: "len", "depth", "whole", "path-only".
	URILen, URIDepth int
	URIWhole         bool
	URIPathOnly      bool

	// Name is the url_param parameter, the hdr() header or the
	// rdp-cookie() cookie name.
	Name string
	// CheckPost is url_param's "check_post". HAProxy 2.6 accepts it and
	// looks into POST bodies whether it is set or not (src/backend.c,
	// assign_server); it is kept for reporting only.
	CheckPost bool
	// DomainOnly is hdr()'s "use_domain_only".
	DomainOnly bool
	// Expr is "hash <expr>" as written: the data plane evaluates it and
	// passes the resulting bytes in Request.Key.
	Expr string
	// Draws is random's number of draws (2 by default).
	Draws int

	// Consistent selects "hash-type consistent" over map-based.
	Consistent bool
	// Func is the hash function; Avalanche applies full_hash() to its
	// result. "hash-type consistent" with no function means sdbm with
	// avalanche; no hash-type at all means map-based sdbm.
	Func      HashFunc
	Avalanche bool
	// BalanceFactor is "hash-balance-factor": 0 (off) or more than 100.
	BalanceFactor int
}

// lookup names how servers are looked up (BE_LB_LKUP_*).
type lookup uint8

const (
	lkupRRTree lookup = iota // fwrr
	lkupMap                  // lb_map: static-rr and map-based hashing
	lkupLCTree               // fwlc
	lkupFSTree               // fas
	lkupCHTree               // lb_chash: consistent hashing and random
)

func (s *Spec) lookup() lookup {
	switch s.Algorithm {
	case RoundRobin:
		return lkupRRTree
	case StaticRR:
		return lkupMap
	case LeastConn:
		return lkupLCTree
	case First:
		return lkupFSTree
	case Random:
		return lkupCHTree
	}
	if s.Consistent {
		return lkupCHTree
	}
	return lkupMap
}
