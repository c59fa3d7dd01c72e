package config

import (
	"fmt"
	"net/netip"
	"strconv"
	"strings"

	"hakeep/proxy"
)

// addrOpts are str2sa_range()'s PA_O_* options: what the caller accepts.
type addrOpts uint16

const (
	paResolve addrOpts = 1 << iota
	paPortOK
	paPortMand
	paPortRange
	paPortOfs
	paSocketFD
	paRawFD
	paStream
	paDgram
	paXprt
	paConnect
	paDefaultDgram
)

// addrResult is what str2sa_range() returns besides the address.
type addrResult struct {
	addr proxy.Address
	// fqdn is set when the name is kept for later resolution (servers).
	fqdn string
	// dgramXprt and dgramSock tell the protocol's transport and socket
	// types (for "cannot mix datagram and stream protocols").
	dgramSock, dgramXprt bool
	// hasProto is false when no protocol matched (fd@, or a name to
	// resolve later).
	hasProto bool
}

// addrPrefix is one "<prefix>@" form of configuration.txt section 11:
// the family it forces and the socket/transport it selects.
type addrPrefix struct {
	prefix string
	family proxy.Family
	// inet is 0 for either, 4 or 6.
	inet int
	// typ is 0 to keep the default, 's' stream, 'd' datagram, 'q' QUIC
	// (datagram socket carrying a stream transport).
	typ byte
}

// addressPrefix returns the prefix s starts with, among those
// str2sa_range() knows.
func addressPrefix(s string) (addrPrefix, bool) {
	at := strings.IndexByte(s, '@')
	if at < 0 {
		return addrPrefix{}, false
	}
	p := addrPrefix{prefix: s[:at+1]}
	switch p.prefix {
	case "unix@":
		p.family = proxy.FamilyUnix
	case "uxdg@":
		p.family, p.typ = proxy.FamilyUnix, 'd'
	case "uxst@":
		p.family, p.typ = proxy.FamilyUnix, 's'
	case "abns@":
		p.family = proxy.FamilyAbstract
	case "ip@":
		p.family = proxy.FamilyInet
	case "ipv4@":
		p.family, p.inet = proxy.FamilyInet, 4
	case "ipv6@":
		p.family, p.inet = proxy.FamilyInet, 6
	case "tcp4@":
		p.family, p.inet, p.typ = proxy.FamilyInet, 4, 's'
	case "udp4@":
		p.family, p.inet, p.typ = proxy.FamilyInet, 4, 'd'
	case "tcp6@":
		p.family, p.inet, p.typ = proxy.FamilyInet, 6, 's'
	case "udp6@":
		p.family, p.inet, p.typ = proxy.FamilyInet, 6, 'd'
	case "tcp@":
		p.family, p.typ = proxy.FamilyInet, 's'
	case "udp@":
		p.family, p.typ = proxy.FamilyInet, 'd'
	case "quic4@":
		p.family, p.inet, p.typ = proxy.FamilyInet, 4, 'q'
	case "quic6@":
		p.family, p.inet, p.typ = proxy.FamilyInet, 6, 'q'
	case "fd@":
		p.family = proxy.FamilyFD
	case "sockpair@":
		p.family = proxy.FamilySockpair
	default:
		return addrPrefix{}, false
	}
	return p, true
}

// maxUnixPath is sizeof(sun_path)-1.
const maxUnixPath = 107

// parseAddress is str2sa_range() (src/tools.c) for configuration.txt
// section 11's address formats. pfx is the unix-bind prefix for path
// sockets. The error text is 2.6's, including its trailing newline where
// 2.6 has one.
func (l *loader) parseAddress(str, pfx string, opts addrOpts, wantFQDN bool) (addrResult, string) {
	var r addrResult
	s := l.envExpand(str)
	if s == "" {
		return r, fmt.Sprintf("'%s' resolves to an empty address (environment variable missing?)\n", str)
	}
	// default socket type
	sockDgram := opts&(paStream|paDgram) == paDgram ||
		(opts&(paStream|paDgram) == paStream|paDgram && opts&paDefaultDgram != 0)
	xprtDgram := sockDgram
	if strings.HasPrefix(s, "stream+") {
		s, sockDgram, xprtDgram = s[7:], false, false
	} else if strings.HasPrefix(s, "dgram+") {
		s, sockDgram, xprtDgram = s[6:], true, true
	}
	family := proxy.FamilyInet
	inet := 0
	explicit := false
	if p, ok := addressPrefix(s); ok {
		s = s[len(p.prefix):]
		family, inet, explicit = p.family, p.inet, true
		switch p.typ {
		case 's':
			sockDgram, xprtDgram = false, false
		case 'd':
			sockDgram, xprtDgram = true, true
		case 'q':
			sockDgram, xprtDgram = true, false
		}
	}
	if !explicit && strings.HasPrefix(s, "/") {
		family = proxy.FamilyUnix
	}
	r.addr.Raw = str
	r.addr.Family = family
	r.addr.FD = -1

	switch family {
	case proxy.FamilySockpair, proxy.FamilyFD:
		fd, err := strconv.Atoi(s)
		if s == "" || err != nil || fd < 0 || strings.HasPrefix(s, "+") {
			return r, fmt.Sprintf("file descriptor '%s' is not a valid integer in '%s'\n", s, str)
		}
		if family == proxy.FamilyFD && opts&(paSocketFD|paRawFD) == 0 {
			return r, fmt.Sprintf("a file descriptor is not acceptable here in '%s'\n", str)
		}
		r.addr.FD = fd
	case proxy.FamilyUnix, proxy.FamilyAbstract:
		max := maxUnixPath
		if family == proxy.FamilyUnix {
			max -= len(pfx) + 1 + 5 + 1 + 3
		}
		if len(s) > max {
			return r, fmt.Sprintf("socket path '%s' too long (max %d)\n", str, max)
		}
		if family == proxy.FamilyUnix {
			s = pfx + s
		}
		r.addr.Path = s
	default:
		host, port := s, ""
		hasPort := false
		if i := strings.LastIndexAny(s, ":]"); i >= 0 && s[i] == ':' {
			if opts&paPortOK == 0 {
				return r, fmt.Sprintf("port specification not permitted here in '%s'", str)
			}
			host, port, hasPort = s[:i], s[i+1:], true
		} else if opts&paPortMand != 0 {
			return r, fmt.Sprintf("missing port specification in '%s'", str)
		}
		_ = hasPort
		if msg := parsePorts(&r.addr, port, str, opts); msg != "" {
			return r, msg
		}
		a, ok := parseIP(host, inet)
		if !ok {
			if (opts&paResolve == 0 && !wantFQDN) ||
				(opts&paResolve != 0 && !l.resolve(host, inet, &a)) {
				return r, fmt.Sprintf("invalid address: '%s' in '%s'\n", host, str)
			}
			if wantFQDN {
				r.fqdn = host
				r.addr.Host = host
			}
		}
		r.addr.Addr = a
	}

	// The transport type decides what the caller accepts (ctrl_type).
	if !xprtDgram && opts&paStream == 0 {
		return r, fmt.Sprintf("stream-type address not acceptable in '%s'\n", str)
	}
	if xprtDgram && opts&paDgram == 0 {
		return r, fmt.Sprintf("dgram-type address not acceptable in '%s'\n", str)
	}
	r.dgramSock, r.dgramXprt = sockDgram, xprtDgram
	r.addr.Datagram = sockDgram
	// protocol_lookup(): the build has TCP, UDP, unix stream and dgram
	// and socketpairs, but no QUIC (a datagram socket carrying a stream).
	r.hasProto = family != proxy.FamilyFD && (family != proxy.FamilyInet || r.addr.Addr.IsValid())
	if sockDgram && !xprtDgram {
		r.hasProto = false
	}
	if family == proxy.FamilySockpair && sockDgram {
		r.hasProto = false
	}
	if opts&paConnect != 0 && !r.hasProto && r.fqdn == "" && family != proxy.FamilyFD {
		kind, ptype := "stream", "stream"
		if xprtDgram {
			kind = "datagram"
		}
		if sockDgram {
			ptype = "datagram"
		}
		hint := ""
		if sockDgram && !xprtDgram {
			hint = "; QUIC is not compiled in if this is what you were looking for."
		}
		return r, fmt.Sprintf("unsupported %s protocol for %s family %d address '%s'%s", kind, ptype, familyNumber(r.addr), str, hint)
	}
	return r, ""
}

// needsProto reports the same "unsupported protocol" error for callers
// that ask str2sa_range() for a protocol (listeners).
func needsProtoErr(r addrResult, str string) string {
	if r.hasProto || r.addr.Family == proxy.FamilyFD {
		return ""
	}
	kind, ptype := "stream", "stream"
	if r.dgramXprt {
		kind = "datagram"
	}
	if r.dgramSock {
		ptype = "datagram"
	}
	hint := ""
	if r.dgramSock && !r.dgramXprt {
		hint = "; QUIC is not compiled in if this is what you were looking for."
	}
	return fmt.Sprintf("unsupported %s protocol for %s family %d address '%s'%s", kind, ptype, familyNumber(r.addr), str, hint)
}

// familyNumber is the AF_* number 2.6 prints.
func familyNumber(a proxy.Address) int {
	switch a.Family {
	case proxy.FamilyUnix, proxy.FamilyAbstract:
		return 1
	case proxy.FamilyFD:
		return 46 // AF_CUST_EXISTING_FD = AF_MAX+1 on Linux
	case proxy.FamilySockpair:
		return 47
	}
	if a.Addr.Is6() && !a.Addr.Is4In6() {
		return 10
	}
	if a.Addr.IsValid() {
		return 2
	}
	return 0
}

// parsePorts reads the port part after the last colon.
func parsePorts(a *proxy.Address, port, str string, opts addrOpts) string {
	mand := 0
	if opts&paPortMand != 0 {
		mand = 1
	}
	switch {
	case port != "" && port[0] >= '0' && port[0] <= '9':
		p1, p2 := port, port
		if i := strings.IndexByte(port, '-'); i >= 0 {
			if opts&paPortRange == 0 {
				return fmt.Sprintf("port range not permitted here in '%s'", str)
			}
			p1, p2 = port[:i], port[i+1:]
		}
		lo, hi := atoi(p1), atoi(p2)
		if lo < mand || lo > 65535 {
			return fmt.Sprintf("invalid port '%s'", p1)
		}
		if hi < mand || hi > 65535 {
			return fmt.Sprintf("invalid port '%s'", p2)
		}
		if lo > hi {
			return fmt.Sprintf("invalid port range '%d-%d'", lo, hi)
		}
		a.PortLow, a.PortHigh, a.Port = lo, hi, lo
	case port != "" && port[0] == '-':
		if opts&paPortOfs == 0 {
			return fmt.Sprintf("port offset not permitted here in '%s'", str)
		}
		a.PortLow = atoi(port[1:])
		a.Port = -a.PortLow
		a.PortOffset = true
	case port != "" && port[0] == '+':
		if opts&paPortOfs == 0 {
			return fmt.Sprintf("port offset not permitted here in '%s'", str)
		}
		a.PortHigh = atoi(port[1:])
		a.Port = a.PortHigh
		a.PortOffset = true
	case port != "":
		return fmt.Sprintf("invalid character '%c' in port number '%s' in '%s'\n", port[0], port, str)
	case opts&paPortMand != 0:
		return fmt.Sprintf("missing port specification in '%s'", str)
	default:
		a.PortOffset = true
	}
	return ""
}

// parseIP is str2ip2() without resolution: bracketed IPv6, "::", "" or
// "*" for any, then inet_pton() for IPv6 and IPv4, within the family the
// prefix forced (inet 4 or 6, 0 for any).
func parseIP(s string, inet int) (netip.Addr, bool) {
	if strings.HasPrefix(s, "[") {
		if len(s) < 4 || len(s) >= 48 || s[len(s)-1] != ']' {
			return netip.Addr{}, false
		}
		s = s[1 : len(s)-1]
	}
	if s == "::" {
		if inet == 4 {
			return netip.Addr{}, false
		}
		return netip.IPv6Unspecified(), true
	}
	if s == "" || s == "*" {
		if inet == 6 {
			return netip.IPv6Unspecified(), true
		}
		return netip.IPv4Unspecified(), true
	}
	if strings.ContainsAny(s, "%") {
		return netip.Addr{}, false
	}
	a, err := netip.ParseAddr(s)
	if err != nil {
		return netip.Addr{}, false
	}
	if a.Is4() && inet == 6 || !a.Is4() && inet == 4 {
		return netip.Addr{}, false
	}
	return a, true
}

// validHostname is resolv_hostname_validation(): labels of letters,
// digits, '-' and '_' of at most 63 characters, 255 in all.
func validHostname(s string) bool {
	if len(s) > 255 {
		return false
	}
	for _, label := range strings.Split(s, ".") {
		if len(label) > 63 {
			return false
		}
		for i := 0; i < len(label); i++ {
			c := label[i]
			if !(c == '-' || c == '_' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9') {
				return false
			}
		}
	}
	return true
}

// resolve looks a host name up as str2ip2(..., 1) does, through the
// Options' resolver.
func (l *loader) resolve(host string, inet int, out *netip.Addr) bool {
	if !validHostname(host) {
		return false
	}
	addrs, err := l.lookupHost(host)
	if err != nil {
		return false
	}
	for _, a := range addrs {
		if inet == 4 && !a.Is4() || inet == 6 && a.Is4() {
			continue
		}
		*out = a
		return true
	}
	return false
}

// envExpand is env_expand(): str2sa_range() replaces "$NAME" and "${NAME}"
// in addresses with the variable's value (empty when unset), even outside
// the double quotes the configuration reader requires elsewhere.
func (l *loader) envExpand(in string) string {
	if !strings.Contains(in, "$") {
		return in
	}
	var b strings.Builder
	for i := 0; i < len(in); {
		if in[i] != '$' {
			b.WriteByte(in[i])
			i++
			continue
		}
		beg := i + 1
		if beg < len(in) && in[beg] == '{' {
			beg++
		}
		end := beg
		for end < len(in) && (in[end] == '_' || in[end] >= '0' && in[end] <= '9' || in[end] >= 'a' && in[end] <= 'z' || in[end] >= 'A' && in[end] <= 'Z') {
			end++
		}
		next := end
		if end < len(in) && in[end] == '}' && beg > i+1 {
			next++
		}
		if v, ok := l.lookupEnv(in[beg:end]); ok {
			b.WriteString(v)
		}
		i = next
	}
	return b.String()
}
