package config

import (
	"math"
	"net/netip"
	"strings"
)

// ptonAddr is inet_pton() with the family keepalived picks: IPv6 when the
// text has a ':', IPv4 otherwise.
func ptonAddr(s string) (netip.Addr, bool) {
	a, err := netip.ParseAddr(s)
	if err != nil || a.Zone() != "" {
		return netip.Addr{}, false
	}
	if strings.Contains(s, ":") != a.Is6() {
		return netip.Addr{}, false
	}
	return a, true
}

// sockaddr is inet_stosockaddr(): an address, optionally followed by a
// range ("-N") or a mask ("/N") that are ignored here, and a port given
// apart ("" for none). A bad port is reported by the number reader.
func (p *pass) sockaddr(ip, port string) (netip.AddrPort, bool) {
	var n uint64
	if port != "" {
		var ok bool
		if n, ok = p.readUnsigned(port, 1, 65535, true); !ok {
			return netip.AddrPort{}, false
		}
	}
	if i := strings.IndexAny(ip, "-"); i >= 0 {
		ip = ip[:i]
	} else if i := strings.IndexByte(ip, '/'); i >= 0 {
		ip = ip[:i]
	}
	a, ok := ptonAddr(ip)
	if !ok {
		return netip.AddrPort{}, false
	}
	return netip.AddrPortFrom(a, uint16(n)), true
}

// validIPAddress is check_valid_ipaddress(): an address with an optional
// /prefix, checked without messages.
func validIPAddress(s string, allowMask bool) bool {
	if !strings.ContainsAny(s, ":.") {
		return false
	}
	v6 := strings.Contains(s, ":")
	if i := strings.IndexByte(s, '/'); allowMask && i >= 0 {
		if i+1 >= len(s) {
			return false
		}
		n, end, _ := ctoul(s[i+1:])
		max := uint64(32)
		if v6 {
			max = 128
		}
		if end < len(s[i+1:]) || n > max {
			return false
		}
		s = s[:i]
	}
	_, ok := ptonAddr(s)
	return ok
}

// ipPrefix is an address with its prefix length, as keepalived's
// parse_ipaddress() reads "ADDR[/LEN]".
type ipPrefix struct {
	Addr netip.Addr
	Bits int
}

// prefix is the address as a netip.Prefix, zero for nil.
func (a *ipPrefix) prefix() netip.Prefix {
	if a == nil {
		return netip.Prefix{}
	}
	return netip.PrefixFrom(a.Addr, a.Bits)
}

func (a ipPrefix) String() string {
	return netip.PrefixFrom(a.Addr, a.Bits).String()
}

// parseIPAddress is parse_ipaddress(): a bad prefix length is reported and
// replaced by the full length, a bad address is reported and refused.
func (p *pass) parseIPAddress(s string, allowMask bool) (ipPrefix, bool) {
	v6 := strings.Contains(s, ":")
	full := 32
	if v6 {
		full = 128
	}
	out := ipPrefix{Bits: full}
	text := s
	if i := strings.IndexByte(s, '/'); allowMask && i >= 0 {
		n, ok := p.readUnsigned(s[i+1:], 0, uint64(full), true)
		if !ok {
			p.report(ClassGeneral, "Invalid address prefix len %s for address %s - using %d", s[i+1:], s, full)
		} else {
			out.Bits = int(n)
		}
		text = s[:i]
	}
	a, ok := ptonAddr(text)
	if !ok || a.Is6() != v6 {
		p.report(ClassGeneral, "VRRP parsed invalid IP %s. skipping IP...", s)
		return ipPrefix{}, false
	}
	out.Addr = a
	return out, true
}

// inetAton is glibc's inet_aton(), which getaddrinfo(AI_NUMERICHOST) uses
// for IPv4: one to four parts, each decimal, octal (0) or hex (0x), the
// last filling the remaining bytes ("33" is 0.0.0.33, "10.1" 10.0.0.1),
// nothing after (glibc's inet_aton_exact).
func inetAton(s string) (netip.Addr, bool) {
	parts := strings.Split(s, ".")
	if len(parts) > 4 {
		return netip.Addr{}, false
	}
	vals := make([]uint64, len(parts))
	for i, part := range parts {
		if part == "" || part[0] < '0' || part[0] > '9' {
			return netip.Addr{}, false
		}
		v, end, overflow := ctoulBase(part, 0)
		if end != len(part) || overflow || v > math.MaxUint32 {
			return netip.Addr{}, false
		}
		vals[i] = v
	}
	var n uint64
	for i, v := range vals[:len(vals)-1] {
		if v > 0xff {
			return netip.Addr{}, false
		}
		n |= v << (24 - 8*i)
	}
	last := vals[len(vals)-1]
	if last > math.MaxUint32>>(8*(len(vals)-1)) {
		return netip.Addr{}, false
	}
	n |= last
	return netip.AddrFrom4([4]byte{byte(n >> 24), byte(n >> 16), byte(n >> 8), byte(n)}), true
}

// isNumericHost says whether getaddrinfo() reads host as an address
// without a lookup: inet_aton's IPv4 forms or an IPv6 address.
func isNumericHost(host string) bool {
	if _, ok := inetAton(host); ok {
		return true
	}
	a, err := netip.ParseAddr(host)
	return err == nil && a.Is6()
}
