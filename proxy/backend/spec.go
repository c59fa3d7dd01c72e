package backend

import (
	"fmt"

	"hakeep/proxy"
	"hakeep/proxy/balance"
)

// balanceSpec translates "balance" and "hash-type" into proxy/balance's
// terms.
func balanceSpec(p *proxy.Proxy) (balance.Spec, error) {
	c := p.Balance
	s := balance.Spec{
		URILen:        c.URILen,
		URIDepth:      c.URIDepth,
		URIWhole:      c.URIWhole,
		URIPathOnly:   c.URIPathOnly,
		CheckPost:     c.CheckPost,
		DomainOnly:    c.UseDomainOnly,
		Draws:         c.Draws,
		Consistent:    c.HashType == proxy.HashConsistent,
		Avalanche:     c.Avalanche,
		BalanceFactor: c.HashBalanceFactor,
	}
	switch c.Algo {
	case proxy.BalanceRoundRobin:
		s.Algorithm = balance.RoundRobin
	case proxy.BalanceStaticRR:
		s.Algorithm = balance.StaticRR
	case proxy.BalanceLeastConn:
		s.Algorithm = balance.LeastConn
	case proxy.BalanceFirst:
		s.Algorithm = balance.First
	case proxy.BalanceSource:
		s.Algorithm = balance.Source
	case proxy.BalanceURI:
		s.Algorithm = balance.URI
	case proxy.BalanceURLParam:
		s.Algorithm, s.Name = balance.URLParam, c.Param
	case proxy.BalanceHdr:
		s.Algorithm, s.Name = balance.Header, c.Param
	case proxy.BalanceRDPCookie:
		s.Algorithm, s.Name = balance.RDPCookie, c.Param
	case proxy.BalanceRandom:
		s.Algorithm = balance.Random
	case proxy.BalanceHash:
		s.Algorithm, s.Expr = balance.Hash, c.Param
	}
	switch c.HashFunction {
	case "", "sdbm":
		s.Func = balance.SDBM
	case "djb2":
		s.Func = balance.DJB2
	case "wt6":
		s.Func = balance.WT6
	case "crc32":
		s.Func = balance.CRC32
	default:
		return s, fmt.Errorf("backend '%s': unknown hash function '%s'", p.Name, c.HashFunction)
	}
	return s, nil
}
