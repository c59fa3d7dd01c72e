package proxy

// Balance is a backend's load-balancing algorithm ("balance", "hash-type",
// "hash-balance-factor"; configuration.txt section 4.2).
type Balance struct {
	// Algo is the algorithm; the zero value is round robin.
	Algo BalanceAlgo
	// Param is the algorithm's parameter: the URL parameter name
	// (url_param), header name (hdr), cookie name (rdp-cookie) or
	// sample expression (hash).
	Param string
	// CheckPost is url_param's "check_post"; UseDomainOnly is hdr's
	// "use_domain_only".
	CheckPost     bool
	UseDomainOnly bool
	// URIWhole, URIPathOnly, URILen and URIDepth are uri's options.
	URIWhole    bool
	URIPathOnly bool
	URILen      int
	URIDepth    int
	// Draws is random's number of draws (2 by default).
	Draws int

	HashType HashType
	// HashFunction is "sdbm" (default), "djb2", "wt6" or "crc32".
	HashFunction string
	// Avalanche applies the avalanche modifier (default with
	// consistent hashing and no function given).
	Avalanche bool
	// HashBalanceFactor bounds consistent hashing's load (0: off).
	HashBalanceFactor int
}

// BalanceAlgo names a load-balancing algorithm.
type BalanceAlgo uint8

const (
	BalanceRoundRobin BalanceAlgo = iota
	BalanceStaticRR
	BalanceLeastConn
	BalanceFirst
	BalanceSource
	BalanceURI
	BalanceURLParam
	BalanceHdr
	BalanceRDPCookie
	BalanceRandom
	BalanceHash
)

func (a BalanceAlgo) String() string {
	names := [...]string{"roundrobin", "static-rr", "leastconn", "first",
		"source", "uri", "url_param", "hdr", "rdp-cookie", "random", "hash"}
	if int(a) < len(names) {
		return names[a]
	}
	return "unknown"
}

// HashType is "hash-type": map-based (default) or consistent.
type HashType uint8

const (
	HashMapBased HashType = iota
	HashConsistent
)
