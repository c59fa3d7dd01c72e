package acl

import (
	"hakeep/proxy/sample"
)

// Request-time evaluation of ACLs and conditions (acl_exec_cond in
// src/acl.c): every expression of an ACL is fetched (each value of a
// multi-valued fetch in turn), cast to its matching method's type and
// matched; a single match makes the ACL pass.

// Exec evaluates the ACL. A sample that is missing but may still come
// (more data expected, c.Final unset) makes it Miss.
func (a *ACL) Exec(c *sample.Ctx) Result {
	res := Fail
	for _, x := range a.Exprs {
		res |= x.exec(c)
		if res == Pass {
			break
		}
	}
	return res
}

// exec evaluates one expression, walking every value.
func (x *Expr) exec(c *sample.Ctx) Result {
	smp := c.TempSample()
	defer c.FreeSample()
	res := Fail
	for {
		if !x.Sample.EvalIter(c, smp) {
			if smp.MayChange && !c.Final {
				res |= Miss
			}
			return res
		}
		if x.match(c, smp) {
			return Pass
		}
		if !smp.NotLast {
			break
		}
	}
	if smp.MayChange && !c.Final {
		res |= Miss
	}
	return res
}

// match is pattern_exec_match: "-m found" matches any sample, the
// others cast it to their type first.
func (x *Expr) match(c *sample.Ctx, smp *sample.Sample) bool {
	if x.Method == MatchFound {
		return true
	}
	if !sample.CanCast(smp.Type, x.Type) || !c.Cast(smp, x.Type) {
		return false
	}
	if x.Method == MatchAuth {
		return x.matchAuth(c, smp.Str)
	}
	for _, p := range x.Sets {
		if p.matchSample(smp) {
			return true
		}
	}
	return false
}

// matchSample dispatches on the sample's (cast) type.
func (p *Patterns) matchSample(smp *sample.Sample) bool {
	_, ok := p.matchSampleIdx(smp)
	return ok
}

// matchSampleIdx returns the index of the pattern that matches.
func (p *Patterns) matchSampleIdx(smp *sample.Sample) (int, bool) {
	switch smp.Type {
	case sample.SInt, sample.Bool:
		return p.MatchInt(smp.Int)
	case sample.IPv4, sample.IPv6:
		return p.MatchIP(smp.Addr)
	case sample.Meth:
		return p.MatchMethod(smp.Str)
	}
	return p.MatchString(smp.Str)
}

// matchAuth is pat_match_auth: the user (from http_auth_group) belongs
// to one of the pattern groups of the fetch's userlist.
func (x *Expr) matchAuth(c *sample.Ctx, user []byte) bool {
	if c.Env == nil || len(x.Sample.Args) == 0 {
		return false
	}
	ul := c.Env.Userlist(x.Sample.Args[0].Str)
	if ul == nil {
		return false
	}
	for _, p := range x.Sets {
		p = p.current()
		if p.set == nil {
			continue
		}
		for _, g := range p.set.keys {
			if ul.InGroup(user, unsafeBytes(g)) {
				return true
			}
		}
	}
	return false
}

// Exec evaluates the condition (acl_exec_cond), without its policy.
func (cd *Cond) Exec(c *sample.Ctx) Result {
	res := Fail
	for _, suite := range cd.Suites {
		sres := Pass
		for _, t := range suite {
			r := t.ACL.Exec(c)
			if t.Neg {
				r = r.Neg()
			}
			sres &= r
			if sres == Fail {
				break
			}
		}
		res |= sres
		if res == Pass {
			break
		}
	}
	return res
}

// Test evaluates the condition with its policy: whether the rule it
// guards applies. A nil condition always applies.
func (cd *Cond) Test(c *sample.Ctx) bool {
	if cd == nil {
		return true
	}
	return cd.Passes(cd.Exec(c))
}

// LookupSample implements sample.MapLookup: the value of the entry
// whose key matches in, typed as the map's output.
func (m *Map) LookupSample(in, out *sample.Sample) bool {
	m = m.current()
	i, ok := m.Patterns.matchSampleIdx(in)
	if !ok || i < 0 || i >= len(m.Values) {
		return false
	}
	v := &m.Values[i]
	switch m.Out {
	case sample.SInt:
		out.Type, out.Int, out.Str, out.Const = sample.SInt, v.Int, nil, false
	case sample.Addr:
		if v.Addr.Is4() {
			out.Type = sample.IPv4
		} else {
			out.Type = sample.IPv6
		}
		out.Addr, out.Str, out.Const = v.Addr, nil, false
	default:
		out.Type, out.Str, out.Const = sample.Str, unsafeBytes(v.Str), true
	}
	return true
}
