package sample

import (
	"fmt"
	"net/netip"
	"strconv"
	"strings"
)

// ArgError is make_arg_list's failure: HAProxy's message and the position
// (0-based) of the argument it concerns.
type ArgError struct {
	Msg string
	Pos int
}

// ArgList is the outcome of ParseArgs.
type ArgList struct {
	// Args has one slot per declared type; Present marks those given.
	Args []Arg
	// N is how many arguments were given.
	N int
	// End is the offset of the first byte after the list (after ')').
	End int
	// Allocated is false when HAProxy would not have built an argument
	// array (no declared argument, or no list and none mandatory); fetch
	// validators only run when it is true.
	Allocated bool
}

// ReadInt64 exposes read_int64 to the packages parsing other HAProxy
// integers the same way (map values, set-var ranges).
func ReadInt64(s string) (int64, int) { return readInt64(s) }

// ParseArgs parses the argument list that starts at in, just after a
// keyword's name, as HAProxy 2.6's make_arg_list does (see parseArgs).
func ParseArgs(in string, spec ArgSpec) (ArgList, *ArgError) {
	a, n, end, err := parseArgs(in, spec)
	empty := len(in) == 0 || in[0] != '('
	return ArgList{Args: a, N: n, End: end, Allocated: len(spec.Types) > 0 && !(empty && spec.Min == 0)}, err
}

// parseArgs is HAProxy 2.6's make_arg_list (src/arg.c) for an argument list
// that starts at in (just after the keyword's name). It returns the parsed
// arguments (one slot per declared type, Present set for those given), the
// number given, and the offset of the first byte after the list.
//
// The list is parenthesised and comma-separated. Inside an argument, single
// and double quotes group characters (commas and parentheses included) and
// disappear; outside single quotes a backslash escapes \, space, " and ',
// and \r \n \t are control characters (configuration.txt §2.2, second level
// of quoting). An absent list counts as one empty argument when the first
// one is mandatory, which lets names default to the current proxy.
func parseArgs(in string, spec ArgSpec) ([]Arg, int, int, *ArgError) {
	nbarg := len(spec.Types)
	i := 0
	empty := len(in) == 0 || in[0] != '('
	if !empty {
		i = 1
	}
	out := make([]Arg, nbarg)
	pos := 0
	typeAt := func(p int) ArgType {
		if p < nbarg {
			return spec.Types[p]
		}
		return ArgStop
	}

	if nbarg > 0 && !(empty && spec.Min == 0) {
		var word strings.Builder
		for pos < nbarg {
			word.Reset()
			squote, dquote := false, false
			for !empty && i < len(in) {
				c := in[i]
				switch {
				case c == '"' && !squote:
					dquote = !dquote
					i++
					continue
				case c == '\'' && !dquote:
					squote = !squote
					i++
					continue
				case c == '\\' && !squote:
					if i+1 >= len(in) {
						return nil, 0, i, &ArgError{
							Msg: fmt.Sprintf("failed to parse '%s' after '%s' as type '%s' at position %d",
								in[i:], word.String(), typeAt(pos), pos+1),
							Pos: pos,
						}
					}
					switch in[i+1] {
					case '\\', ' ', '"', '\'':
						i++
						word.WriteByte(in[i])
					case 'r':
						i++
						word.WriteByte('\r')
					case 'n':
						i++
						word.WriteByte('\n')
					case 't':
						i++
						word.WriteByte('\t')
					default:
						word.WriteByte('\\') // a lone backslash stays
					}
					i++
					continue
				case !squote && !dquote && (c == ',' || c == ')'):
				default:
					word.WriteByte(c)
					i++
					continue
				}
				break // unquoted ',' or ')': end of this argument
			}

			// An empty optional argument of a type that cannot be empty
			// ends the list where it stands (2.6's empty_err path).
			if word.Len() == 0 && pos >= spec.Min && !spec.Types[pos].emptyOK() {
				break
			}
			a, err := convertArg(word.String(), spec.Types[pos], pos)
			if err != nil {
				return nil, 0, i, err
			}
			out[pos] = a
			pos++
			if empty || i >= len(in) || in[i] == ')' || pos >= nbarg {
				break
			}
			i++ // skip the comma
		}
	}

	if pos < spec.Min {
		return nil, 0, i, &ArgError{
			Msg: fmt.Sprintf("missing arguments (got %d/%d), type '%s' expected", pos, spec.Min, typeAt(pos)),
			Pos: pos,
		}
	}
	if !empty {
		if i < len(in) && in[i] == ')' {
			i++
		} else {
			msg := "expected ')'"
			if i < len(in) {
				msg = fmt.Sprintf("expected ')' before '%s'", in[i:])
			}
			// 2.6 counts the empty part before a missing ')' as an
			// argument, and takes it back for the report.
			if pos > 1 {
				pos--
			}
			return nil, 0, i, &ArgError{Msg: msg, Pos: pos}
		}
	}
	return out, pos, i, nil
}

// convertArg turns one unquoted argument into its typed value.
func convertArg(w string, t ArgType, pos int) (Arg, *ArgError) {
	a := Arg{Type: t, Present: true, Bits: -1}
	parseErr := func() *ArgError {
		return &ArgError{Msg: fmt.Sprintf("failed to parse '%s' as type '%s' at position %d", w, t, pos+1), Pos: pos}
	}
	if w == "" {
		switch t {
		case ArgSInt, ArgIPv4, ArgMsk4, ArgIPv6, ArgMsk6, ArgTime, ArgSize, ArgPBufFNum:
			return a, &ArgError{Msg: fmt.Sprintf("expected type '%s' at position %d, but got nothing", t, pos+1), Pos: pos}
		}
	}
	switch t {
	case ArgSInt:
		v, rest := readInt64(w)
		if rest != len(w) {
			return a, parseErr()
		}
		a.Int = v
	case ArgStr:
		a.Str = w
	case ArgFE, ArgBE, ArgTab, ArgSrv, ArgUsr, ArgReg:
		a.Str = w
		a.Unresolved = true
	case ArgIPv4:
		ip, ok := parseIPv4(w)
		if !ok {
			return a, parseErr()
		}
		a.Addr = ip
	case ArgMsk4:
		ip, bits, ok := parseMask4(w)
		if !ok {
			return a, parseErr()
		}
		a.Type, a.Addr, a.Bits = ArgIPv4, ip, bits
	case ArgIPv6:
		ip, ok := parseIPv6(w)
		if !ok {
			return a, parseErr()
		}
		a.Addr = ip
	case ArgMsk6:
		ip, bits, ok := parseMask6(w)
		if !ok {
			return a, parseErr()
		}
		a.Type, a.Addr, a.Bits = ArgIPv6, ip, bits
	case ArgTime:
		ms, ok := ParseTime(w)
		if !ok {
			return a, parseErr()
		}
		a.Type, a.Int = ArgSInt, int64(ms)
	case ArgSize:
		v, ok := parseSize(w)
		if !ok {
			return a, parseErr()
		}
		a.Type, a.Int = ArgSInt, int64(v)
	case ArgPBufFNum:
		f, ok := parseDottedUints(w)
		if !ok {
			return a, parseErr()
		}
		a.Fields = f
	default:
		return a, &ArgError{Msg: fmt.Sprintf("parsing for type '%s' was not implemented, please report this bug", t), Pos: pos}
	}
	return a, nil
}

// readInt64 is HAProxy's read_int64: an optional sign then decimal
// digits, wrapping on overflow like the C code. It returns the value and
// how many bytes were consumed.
func readInt64(s string) (int64, int) {
	i := 0
	neg := false
	if i < len(s) && (s[i] == '-' || s[i] == '+') {
		neg = s[i] == '-'
		i++
	}
	var v uint64
	for i < len(s) && s[i] >= '0' && s[i] <= '9' {
		v = v*10 + uint64(s[i]-'0')
		i++
	}
	if neg {
		return -int64(v), i
	}
	return int64(v), i
}

// parseIPv4 accepts what inet_pton(AF_INET) accepts: four decimal octets.
func parseIPv4(s string) (netip.Addr, bool) {
	ip, err := netip.ParseAddr(s)
	if err != nil || !ip.Is4() {
		return netip.Addr{}, false
	}
	return ip, true
}

// parseIPv6 accepts what inet_pton(AF_INET6) accepts (no zone).
func parseIPv6(s string) (netip.Addr, bool) {
	if !strings.Contains(s, ":") || strings.Contains(s, "%") {
		return netip.Addr{}, false
	}
	ip, err := netip.ParseAddr(s)
	if err != nil {
		return netip.Addr{}, false
	}
	return ip, true
}

// parseMask4 is str2mask: a dotted mask or a prefix length up to 32.
func parseMask4(s string) (netip.Addr, int, bool) {
	if strings.Contains(s, ".") {
		ip, ok := parseIPv4(s)
		return ip, maskBits(ip), ok
	}
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil || n < 0 || n > 32 {
		return netip.Addr{}, 0, false
	}
	p := netip.PrefixFrom(netip.IPv4Unspecified(), int(n))
	return prefixMask(p), int(n), true
}

// parseMask6 is str2mask6: an IPv6 mask or a prefix length up to 128.
func parseMask6(s string) (netip.Addr, int, bool) {
	if strings.Contains(s, ":") {
		ip, ok := parseIPv6(s)
		return ip, maskBits(ip), ok
	}
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil || n < 0 || n > 128 {
		return netip.Addr{}, 0, false
	}
	p := netip.PrefixFrom(netip.IPv6Unspecified(), int(n))
	return prefixMask(p), int(n), true
}

// prefixMask returns the netmask of a prefix length as an address.
func prefixMask(p netip.Prefix) netip.Addr {
	b := p.Addr().AsSlice()
	for i := 0; i < p.Bits(); i++ {
		b[i/8] |= 0x80 >> (i % 8)
	}
	a, _ := netip.AddrFromSlice(b)
	return a
}

// maskBits returns the prefix length of a contiguous mask, or -1.
func maskBits(ip netip.Addr) int {
	if !ip.IsValid() {
		return -1
	}
	b := ip.AsSlice()
	n := 0
	seenZero := false
	for _, x := range b {
		for bit := 7; bit >= 0; bit-- {
			if x&(1<<bit) != 0 {
				if seenZero {
					return -1
				}
				n++
			} else {
				seenZero = true
			}
		}
	}
	return n
}

// parseDottedUints is parse_dotted_uints: "1.2.3", no empty component.
func parseDottedUints(s string) ([]uint32, bool) {
	var out []uint32
	for _, p := range strings.Split(s, ".") {
		if p == "" {
			return nil, false
		}
		v, err := strconv.ParseUint(p, 10, 32)
		if err != nil {
			return nil, false
		}
		out = append(out, uint32(v))
	}
	return out, true
}

// parseSize is parse_size_err: digits with an optional k, m or g suffix.
func parseSize(s string) (uint32, bool) {
	i := 0
	var v uint64
	for i < len(s) && s[i] >= '0' && s[i] <= '9' {
		v = v*10 + uint64(s[i]-'0')
		if v > 1<<32-1 {
			return 0, false
		}
		i++
	}
	if i == 0 {
		return 0, false
	}
	if i < len(s) {
		switch s[i] {
		case 'k', 'K':
			v <<= 10
		case 'm', 'M':
			v <<= 20
		case 'g', 'G':
			v <<= 30
		default:
			return 0, false
		}
		i++
		if i != len(s) || v > 1<<32-1 {
			return 0, false
		}
	}
	return uint32(v), true
}
