package config

import "math"

// The encapsulations of a route (vrrp_iproute.c parse_encap and its
// helpers), read word by word as keepalived reads them: their errors are
// reported but never refuse the route, and where the reading stops
// decides which word the route's own loop reads next.

// routeEncap is parse_encap(): i is at "encap"; it returns the index the
// route's loop continues from (that loop then steps past it).
func (p *pass) routeEncap(w *line, i int) int {
	i++
	if w.n() <= i {
		p.report(ClassGeneral, "Missing encap type")
		return i
	}
	typ := w.slot(i)
	i++
	switch typ {
	case "ip":
		i = p.encapIP(w, i, false)
	case "ip6":
		i = p.encapIP(w, i, true)
	case "mpls":
		i = p.encapMPLS(w, i)
	case "ila":
		i = p.encapILA(w, i)
	default:
		p.report(ClassGeneral, "Unknown encap type - %s", typ)
		return i
	}
	return i - 1
}

// encapMPLS is parse_encap_mpls(): one MPLS label stack.
func (p *pass) encapMPLS(w *line, i int) int {
	if i >= w.n() {
		p.report(ClassGeneral, "missing address for MPLS encapsulation")
		return i
	}
	s := w.slot(i)
	i++
	if !mplsAddress(s) {
		p.report(ClassGeneral, "invalid mpls address %s for encapsulation", s)
	}
	return i
}

// encapILA is parse_encap_ila(): a 64-bit locator.
func (p *pass) encapILA(w *line, i int) int {
	if i >= w.n() {
		p.report(ClassGeneral, "missing locator for ILA encapsulation")
		return i
	}
	s := w.slot(i)
	i++
	if !addr64(s) {
		p.report(ClassGeneral, "invalid locator %s for ila encapsulation", s)
	}
	return i
}

// encapIP is parse_encap_ip() and parse_encap_ip6(): pairs of an option
// and its value, up to a word that is no option of theirs.
func (p *pass) encapIP(w *line, i int, v6 bool) int {
	name, other := "ip", "IPv6"
	if v6 {
		name, other = "ip6", "IPv4"
	}
	haveDst, haveID := false, false
	for i+1 < w.n() {
		key, val := w.words[i], w.words[i+1]
		switch {
		case key == "id":
			msg := "encap id %s value is invalid"
			if v6 {
				msg = "id %s value invalid for IPv6 encapsulation"
			}
			if _, ok := p.readUnsigned64(val, 0, math.MaxUint64, false); !ok {
				p.report(ClassGeneral, msg, val)
				return i
			}
			haveID = true
		case key == "dst" || key == "src":
			// parse_ipaddress(NULL, str, false), then the family.
			a, ok := p.parseIPAddress(val, false)
			if !ok {
				p.report(ClassGeneral, "Invalid encap %s %s %s", name, key, val)
				return i
			}
			if a.Addr.Is6() != v6 {
				p.report(ClassGeneral, "%s address %s not valid for %s encapsulation", other, val, name)
				return i
			}
			if key == "dst" {
				haveDst = true
			}
		case key == "tos" && !v6:
			if _, ok := p.rtLookup(rtDSField, val); !ok {
				p.report(ClassGeneral, "dsfield %s not valid for ip encapsulation", val)
				return i
			}
		case key == "tc" && v6:
			if _, ok := p.rtLookup(rtDSField, val); !ok {
				// keepalived prints the option's name, not its value.
				p.report(ClassGeneral, "tc value %s is invalid for ip6 encapsulation", key)
				return i
			}
		case key == "ttl" && !v6:
			if !p.getU32(val, math.MaxUint8, "ttl %s is not valid for ip encapsulation") {
				return i
			}
		case key == "hoplimit" && v6:
			if !p.getU32(val, math.MaxUint8, "Invalid hoplimit %s specified for ip6 encapsulation") {
				return i
			}
		case key == "flags":
			if !p.getU32(val, math.MaxUint16, "flags %s is not valid for "+name+" encapsulation") {
				return i
			}
		default:
			goto done
		}
		i += 2
	}
done:
	if !haveDst && !haveID {
		p.report(ClassGeneral, "address or id missing for %s encapsulation", name)
	}
	return i
}

// mplsAddress is parse_mpls_address(): up to 16 labels of 20 bits
// separated by '/', each read by strtoul(s, 0).
func mplsAddress(s string) bool {
	s = trimCSpace(s)
	const maxLabels = 16
	for n := 0; n < maxLabels; n++ {
		if s != "" && (s[0] == '-' || isCSpace(s[0])) {
			return false
		}
		v, end, overflow := ctoulBase(s, 0)
		if end == 0 || overflow || v > math.MaxUint32 || v&^0xfffff != 0 {
			return false
		}
		if end == len(s) {
			return true
		}
		if s[end] != '/' {
			return false
		}
		s = s[end+1:]
	}
	return false
}

// addr64 is get_addr64(): four groups of up to four hex digits joined by
// ':'.
func addr64(s string) bool {
	s = trimCSpace(s)
	for i := 0; i < 4; i++ {
		if s == "" || !isHexDigit(s[0]) {
			return false
		}
		v, end, overflow := ctoulBase(s, 16)
		if overflow || v > 0xffff || end == 0 {
			return false
		}
		if end == len(s) {
			return i == 3
		}
		if i == 3 || s[end] != ':' {
			return false
		}
		s = s[end+1:]
	}
	return true
}

// trimCSpace drops leading C white space (strspn(s, WHITE_SPACE)).
func trimCSpace(s string) string {
	for s != "" && isCSpace(s[0]) {
		s = s[1:]
	}
	return s
}
