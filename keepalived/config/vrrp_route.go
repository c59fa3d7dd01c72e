package config

import (
	"math"
	"net/netip"
	"strings"
)

// vroute is a route while it is read (ip_route_t).
type vroute struct {
	m          Route
	oif        *netif
	trackGroup *vtrackGroup
	nexthops   int
}

// routeDst is parse_route(): an address with a prefix, or default/any/all.
func (p *pass) routeDst(s string) (netip.Prefix, int, bool) {
	switch s {
	case "default", "any", "all":
		return netip.Prefix{}, 0, true
	case "default6":
		p.logf("'default6' is deprecated - please replace with 'inet6 default'")
		return netip.Prefix{}, 6, true
	}
	a, ok := p.parseIPAddress(s, true)
	if !ok {
		return netip.Prefix{}, 0, false
	}
	return netip.PrefixFrom(a.Addr, a.Bits), family(a.Addr), true
}

// getU32 is get_u32(): an unsigned number in [0, max], errmsg otherwise.
func (p *pass) getU32(s string, max uint64, errmsg string) bool {
	if _, ok := p.readUnsigned(s, 0, max, false); ok {
		return true
	}
	p.report(ClassGeneral, errmsg, s)
	return false
}

// realms is get_realms(): REALM or FROM/TO.
func (p *pass) realms(s string) bool {
	if i := strings.IndexByte(s, '/'); i >= 0 {
		_, ok1 := p.rtLookup(rtRealms, s[:i])
		_, ok2 := p.rtLookup(rtRealms, s[i+1:])
		return ok1 && ok2
	}
	_, ok := p.rtLookup(rtRealms, s)
	return ok
}

// rtt is get_time_rtt(): a time with optional s/ms units, within
// iproute2's limits (a value out of them is logged and clamped).
func (p *pass) rtt(s string, mult uint64) bool {
	s = strings.TrimLeft(s, cWhite)
	raw := true
	shift := 0
	num := s
	if i := strings.IndexAny(s, "sS"); i >= 0 {
		switch strings.ToLower(s[i:]) {
		case "s", "sec", "secs":
		default:
			return false
		}
		raw = false
		shift = 3
		if i > 0 && (s[i-1] == 'm' || s[i-1] == 'M') {
			shift = 0
			i--
		}
		if i == 0 {
			return false
		}
		num = s[:i]
	}
	if strings.ContainsAny(num, "eE") {
		p.logf("rtt value exponential form %s no longer supported", s)
		return false
	}
	const rttMinMs, rttMaxMs = 200, 120000
	v, ok := p.readDecimal(num, 0, rttMaxMs*mult, shift, false)
	if !ok {
		return false
	}
	if !raw {
		v *= mult
	}
	switch {
	case v > rttMaxMs*mult:
		p.logf("rtt value %s exceeds maximum %ds, resetting", s, rttMaxMs/1000)
	case v < rttMinMs*mult:
		p.logf("rtt value %s below minimum %dms, resetting", s, rttMinMs)
	}
	return true
}

// addRoute reads one line of virtual_routes or static_routes (alloc_route
// in vrrp_iproute.c).
func (v *vrrpReader) addRoute(p *pass, list []*vroute, w *line, static bool) []*vroute {
	r := &vroute{m: Route{Words: append([]string(nil), w.words...)}}
	fam := 0
	dest := ""
	haveDst := false
	setFam := func(f int) bool {
		if fam == 0 {
			fam = f
			return true
		}
		return fam == f
	}
	doNexthop := false
	protoNotKA := false
	i := 0
	fail := func(format string, args ...any) []*vroute {
		p.report(ClassGeneral, format, args...)
		return list
	}
	for i < w.n() {
		str := w.words[i]
		if routeOptionsNotRun[str] {
			r.m.NotRun = append(r.m.NotRun, str)
		}
		switch str {
		case "inet6", "inet":
			f := 4
			if str == "inet6" {
				f = 6
			}
			if !setFam(f) {
				other := "IPv4"
				if f == 4 {
					other = "IPv6"
				}
				return fail("%s specified for %s route", str, other)
			}
			// 2.2.7 skips the word after inet/inet6 (alloc_route advances
			// once more): "inet6 fd00::/64 dev eth0" has no destination.
			i++
		case "src":
			i++
			a, ok := p.parseIPAddress(w.slot(i), false)
			if !ok {
				return fail("invalid route src address %s", w.slot(i))
			}
			r.m.Src = a.Addr
			if !setFam(family(a.Addr)) {
				return fail("Cannot mix IPv4 and IPv6 addresses for route")
			}
		case "as":
			i++
			if w.slot(i) == "to" {
				i++
			}
			p.report(ClassGeneral, "\"as to\" for MPLS only - ignoring")
		case "via", "gw":
			if str == "gw" {
				p.report(ClassGeneral, "\"gw\" for routes is deprecated. Please use \"via\"")
			}
			i++
			s := w.slot(i)
			f := fam
			switch s {
			case "inet":
				f = 4
				i++
				s = w.slot(i)
			case "inet6":
				f = 6
				i++
				s = w.slot(i)
			}
			if f != 0 && !setFam(f) {
				return fail("Cannot mix IPv4 and IPv6 addresses for route")
			}
			a, ok := p.parseIPAddress(s, false)
			if !ok {
				return fail("invalid route via address %s", w.slot(i))
			}
			r.m.Via = a.Addr
			if !setFam(family(a.Addr)) {
				return fail("Cannot mix IPv4 and IPv6 addresses for route")
			}
		case "from":
			i++
			_, f, ok := p.routeDst(w.slot(i))
			if !ok {
				return fail("invalid route from address %s", w.slot(i))
			}
			if f != 6 {
				return fail("route from address only supported with IPv6 (%s)", w.slot(i))
			}
			if !setFam(f) {
				return fail("Cannot mix IPv4 and IPv6 addresses for route")
			}
		case "tos", "dsfield":
			i++
			if _, ok := p.rtLookup(rtDSField, w.slot(i)); !ok {
				return fail("TOS value %s is invalid", w.slot(i))
			}
		case "table":
			i++
			t, ok := p.rtLookup(rtTables, w.slot(i))
			if !ok {
				return fail("Routing table %s not found for route", w.slot(i))
			}
			r.m.Table, r.m.TableID = w.slot(i), t
		case "protocol":
			i++
			if _, ok := p.rtLookup(rtProtos, w.slot(i)); !ok {
				return fail("Protocol %s not found or invalid for route", w.slot(i))
			}
			proto, _ := p.rtLookup(rtProtos, w.slot(i))
			protoNotKA = proto != rtprotKeepalived
			r.m.Protocol = proto
		case "scope":
			i++
			sc, ok := p.rtLookup(rtScopes, w.slot(i))
			if !ok {
				return fail("Scope %s not found or invalid for route", w.slot(i))
			}
			r.m.Scope = sc
		case "metric", "priority", "preference":
			i++
			if !p.getU32(w.slot(i), math.MaxUint32, "Invalid metric %s specified for route") {
				return list
			}
			m, _ := p.readUnsigned(w.slot(i), 0, math.MaxUint32, false)
			r.m.Metric = uint32(m)
		case "dev", "oif":
			i++
			s := w.slot(i)
			ifp := p.ifByName(s, ifCreateIfDynamic)
			if ifp == nil {
				return fail("WARNING - interface %s for VROUTE nexthop doesn't exist", s)
			}
			r.oif = ifp
			r.m.Device = s
		case "onlink", "add", "prepend", "append":
			r.m.OnLink = r.m.OnLink || str == "onlink"
		case "encap":
			// Its errors do not refuse the route (alloc_route ignores
			// parse_encap's result).
			i = p.routeEncap(w, i)
		case "expires":
			i++
			if fam == 4 {
				return fail("expires is only valid for IPv6")
			}
			fam = 6
			if !p.getU32(w.slot(i), math.MaxUint32, "Invalid expires time %s specified for route") {
				return list
			}
		case "mtu", "advmss", "reordering", "cwnd", "ssthresh":
			i++
			if w.slot(i) == "lock" {
				i++
			}
			msg := map[string]string{"mtu": "Invalid MTU %s specified for route", "advmss": "Invalid advmss %s specified for route",
				"reordering": "Invalid reordering value %s specified for route", "cwnd": "Invalid cwnd value %s specified for route",
				"ssthresh": "Invalid ssthresh value %s specified for route"}[str]
			if !p.getU32(w.slot(i), math.MaxUint32, msg) {
				return list
			}
		case "hoplimit":
			i++
			if !p.getU32(w.slot(i), 255, "Invalid hoplimit %s specified for route") {
				return list
			}
		case "rtt", "rttvar", "rto_min":
			i++
			if w.slot(i) == "lock" {
				i++
			}
			mult := map[string]uint64{"rtt": 8, "rttvar": 4, "rto_min": 1}[str]
			if !p.rtt(w.slot(i), mult) {
				if str == "rto_min" {
					return fail("Invalid rto_min value %s specified for route", w.slot(i))
				}
				return fail("Invalid %s %s for route", str, w.slot(i))
			}
		case "window", "initcwnd", "initrwnd":
			i++
			msg := map[string]string{"window": "Invalid window value %s specified for route", "initcwnd": "Invalid initcwnd value %s specified for route",
				"initrwnd": "Invalid initrwnd value %s specified for route"}[str]
			if !p.getU32(w.slot(i), math.MaxUint32, msg) {
				return list
			}
		case "realms":
			i++
			if !p.realms(w.slot(i)) {
				return fail("Invalid realms %s for route", w.slot(i))
			}
			if fam == 6 {
				return fail("realms are only valid for IPv4")
			}
			fam = 4
		case "features":
			i++
			if w.slot(i) != "ecn" {
				p.report(ClassGeneral, "feature %s not supported", w.slot(i))
			}
		case "quickack", "fastopen_no_cookie":
			i++
			if !p.getU32(w.slot(i), 1, "Invalid "+str+" value %s specified for route") {
				return list
			}
		case "congctl":
			i++
			if w.slot(i) == "lock" {
				i++
			}
			w.slot(i)
		case "pref":
			i++
			if fam == 4 {
				return fail("pref is only valid for IPv6")
			}
			fam = 6
			switch s := w.slot(i); s {
			case "low", "medium", "high":
			default:
				if !p.getU32(s, 255, "Invalid pref value %s specified for route") {
					return list
				}
			}
		case "ttl-propagate":
			i++
			if s := w.slot(i); s != "enabled" && s != "disabled" {
				p.report(ClassGeneral, "%s value %s not recognised", "ttl-propagate", s)
			}
		case "or":
			p.report(ClassGeneral, "\"or\" for routes is deprecated. Please use \"nexthop\"")
			if r.nexthops > 0 {
				p.report(ClassGeneral, "\"or\" route already specified - ignoring subsequent")
				i += 2
				continue
			}
			r.nexthops = 2
			i++
			if _, ok := p.parseIPAddress(w.slot(i), false); !ok {
				return fail("Invalid \"or\" address %s", w.slot(i))
			}
		case "nexthop":
			if r.nexthops > 0 {
				p.report(ClassGeneral, "Cannot specify nexthops with \"or\" route")
			} else {
				doNexthop = true
			}
		case "no_track":
			r.m.NoTrack = true
		case "vrf":
			i++
			ifp := p.ifByName(w.slot(i), ifNoCreate)
			if ifp == nil {
				return fail("VRF %s not found for route", w.slot(i))
			}
			return fail("Route specified VRF %s is not a VRF", w.slot(i))
		default:
			if static && str == "track_group" {
				i++
				if r.trackGroup != nil {
					p.report(ClassGeneral, "track_group %s is a duplicate", w.slot(i))
					return fail("Route has trailing nonsense - %s", w.slot(i))
				}
				if r.trackGroup = v.findTrackGroup(w.slot(i)); r.trackGroup == nil {
					p.report(ClassGeneral, "track_group %s not found", w.slot(i))
				} else {
					r.m.TrackGroup = w.slot(i)
				}
				break
			}
			if str == "to" {
				i++
			}
			if t, ok := rtType(str); ok {
				r.m.Type = t
				switch t {
				case 1, 6, 7, 8, 9: // unicast, blackhole, unreachable, prohibit, throw
				default:
					r.m.NotRun = append(r.m.NotRun, str)
				}
				i++
			}
			dest = w.slot(i)
			pfx, f, ok := p.routeDst(dest)
			if !ok {
				return fail("unknown route keyword %s", dest)
			}
			// keepalived compares even an unspecified family (default).
			if fam == 0 {
				fam = f
			} else if fam != f {
				return fail("Cannot mix IPv4 and IPv6 addresses for route (%s)", dest)
			}
			r.m.Dst, haveDst = pfx, true
		}
		if doNexthop {
			break
		}
		i++
	}
	if doNexthop {
		// keepalived keeps the route even when a nexthop is bad.
		p.nexthops(w, i, &fam)
	} else if i < w.n() {
		return fail("Route has trailing nonsense - %s", w.words[i])
	}
	if !haveDst {
		return fail("Route must have a destination")
	}
	if !r.m.NoTrack {
		if protoNotKA {
			p.report(ClassGeneral, "Route cannot be tracked if protocol is not RTPROT_KEEPALIVED(%d), resetting protocol", rtprotKeepalived)
		}
		if r.oif == nil {
			p.report(ClassGeneral, "Warning - cannot track route %s with no interface specified, not tracking", dest)
			r.m.NoTrack = true
		}
	}
	if r.trackGroup != nil && r.oif == nil {
		p.report(ClassGeneral, "Static route cannot have track group if no oif specified")
		r.trackGroup, r.m.TrackGroup = nil, ""
	}
	if fam == 0 {
		fam = 4
	}
	r.m.Family = fam
	if r.m.Type == 0 {
		r.m.Type = 1
	}
	if r.m.Protocol == 0 || !r.m.NoTrack {
		r.m.Protocol = rtprotKeepalived
	}
	p.noteNotRun(w, "route", r.m.NotRun)
	return append(list, r)
}

// rtprotKeepalived is the routing protocol id keepalived marks its routes
// and rules with (RTPROT_KEEPALIVED, Linux 5.8).
const rtprotKeepalived = 18

// nexthops reads "nexthop via ADDR dev IF weight N ..." groups
// (parse_nexthops); false when keepalived gives up on the rest.
func (p *pass) nexthops(w *line, i int, fam *int) bool {
	for i < w.n() && w.words[i] == "nexthop" {
		i++
	hop:
		for i < w.n() {
			switch w.words[i] {
			case "via":
				i++
				s := w.slot(i)
				f := 0
				switch s {
				case "inet":
					f = 4
					i++
					s = w.slot(i)
				case "inet6":
					f = 6
					i++
					s = w.slot(i)
				}
				if f != 0 {
					if *fam == 0 {
						*fam = f
					} else if *fam != f {
						p.report(ClassGeneral, "IPv4/6 mismatch for nexthop")
						return false
					}
				}
				a, ok := p.parseIPAddress(s, false)
				if !ok {
					p.report(ClassGeneral, "invalid nexthop address %s", s)
					return false
				}
				if *fam != 0 && family(a.Addr) != *fam {
					p.report(ClassGeneral, "Address family mismatch for next hop")
					return false
				}
				if *fam == 0 {
					*fam = family(a.Addr)
				}
			case "dev":
				i++
				s := w.slot(i)
				if p.ifByName(s, ifCreateIfDynamic) == nil {
					p.report(ClassGeneral, "WARNING - interface %s for VROUTE nexthop doesn't exist", s)
					return false
				}
			case "weight":
				i++
				n, ok := p.readUnsigned(w.slot(i), 0, 256, false)
				if !ok {
					p.report(ClassGeneral, "Invalid weight %s specified for route", w.slot(i))
					return false
				}
				if n == 0 {
					p.report(ClassGeneral, "Invalid weight 0 specified for route")
					return false
				}
			case "onlink":
			case "encap":
				if i = p.routeEncap(w, i); i < 0 {
					return false
				}
			case "realms":
				i++
				if !p.realms(w.slot(i)) {
					p.report(ClassGeneral, "Invalid realms %s for route", w.slot(i))
					return false
				}
				if *fam == 0 {
					*fam = 4
				} else if *fam != 4 {
					p.report(ClassGeneral, "realms are only supported for IPv4")
					return false
				}
			case "as":
				i++
				if w.slot(i) == "to" {
					i++
				}
				p.report(ClassGeneral, "'as [to]' (nat) not supported")
				return false
			default:
				break hop
			}
			i++
		}
	}
	if i < w.n() {
		p.report(ClassGeneral, "Route has trailing nonsense after nexthops - %s", w.words[i])
		return false
	}
	return true
}
