package config

import (
	"fmt"
	"strings"

	"hakeep/proxy"
)

// pxBalance is "balance <algorithm> [<arguments>]" (backend_parse_balance()
// in src/backend.c).
func pxBalance(pp *proxyParser, s *pxState, ln *line) errCode {
	var ec errCode
	if pp.warnIfNotCap(s, ln, proxy.CapBackend, ln.arg(0), "") {
		ec |= errWarn
	}
	if msg := parseBalance(ln, &s.p.Balance); msg != "" {
		pp.l.alert(ln, "%s %s", ln.arg(0), msg)
		return ec | errFatalAlert
	}
	return ec
}

func parseBalance(ln *line, b *proxy.Balance) string {
	a := ln.arg(1)
	arg := func(i int) string { return ln.arg(1 + i) }
	switch {
	case a == "" || a == "roundrobin":
		b.Algo = proxy.BalanceRoundRobin
	case a == "static-rr":
		b.Algo = proxy.BalanceStaticRR
	case a == "first":
		b.Algo = proxy.BalanceFirst
	case a == "leastconn":
		b.Algo = proxy.BalanceLeastConn
	case strings.HasPrefix(a, "random"):
		b.Algo, b.Draws = proxy.BalanceRandom, 2
		rest := a[6:]
		if strings.HasPrefix(rest, "(") && !strings.HasPrefix(rest, "()") {
			num, tail := cStrtol(rest[1:])
			if tail != ")" {
				if tail == "" {
					return "random : missing closing parenthesis."
				}
				return fmt.Sprintf("random : unexpected character '%c' after argument.", tail[0])
			}
			if num < 1 {
				return "random : number of draws must be at least 1."
			}
			b.Draws = int(num)
		}
	case a == "source":
		b.Algo = proxy.BalanceSource
	case a == "uri":
		b.Algo = proxy.BalanceURI
		b.URIWhole, b.URIPathOnly, b.URILen, b.URIDepth = false, false, 0, 0
		for i := 1; arg(i) != ""; {
			switch arg(i) {
			case "len", "depth":
				v := atoi(arg(i + 1))
				if arg(i+1) == "" || v <= 0 {
					return fmt.Sprintf("%s : '%s' expects a positive integer (got '%s').", a, arg(i), arg(i+1))
				}
				if arg(i) == "len" {
					b.URILen = v
				} else {
					b.URIDepth = v
				}
				i += 2
			case "whole":
				b.URIWhole = true
				i++
			case "path-only":
				b.URIPathOnly = true
				i++
			default:
				return fmt.Sprintf("%s only accepts parameters 'len', 'depth', 'path-only', and 'whole' (got '%s').", a, arg(i))
			}
		}
	case a == "url_param":
		if arg(1) == "" {
			return fmt.Sprintf("%s requires an URL parameter name.", a)
		}
		b.Algo, b.Param = proxy.BalanceURLParam, arg(1)
		if arg(2) != "" {
			if arg(2) != "check_post" {
				return fmt.Sprintf("%s only accepts 'check_post' modifier (got '%s').", a, arg(2))
			}
			b.CheckPost = true
		}
	case a == "hash":
		if arg(1) == "" {
			return fmt.Sprintf("%s requires a sample expression.", a)
		}
		b.Algo, b.Param = proxy.BalanceHash, arg(1)
		if arg(2) != "" {
			return fmt.Sprintf("%s takes no other argument (got '%s').", a, arg(2))
		}
	case strings.HasPrefix(a, "hdr("):
		end := strings.IndexByte(a[4:], ')')
		if end <= 0 {
			return "hdr requires an http header field name."
		}
		b.Algo, b.Param, b.UseDomainOnly = proxy.BalanceHdr, a[4:4+end], false
		if arg(1) != "" {
			if arg(1) != "use_domain_only" {
				return fmt.Sprintf("%s only accepts 'use_domain_only' modifier (got '%s').", a, arg(1))
			}
			b.UseDomainOnly = true
		}
	case strings.HasPrefix(a, "rdp-cookie"):
		b.Algo = proxy.BalanceRDPCookie
		rest := a[10:]
		switch {
		case strings.HasPrefix(rest, "("):
			end := strings.IndexByte(rest[1:], ')')
			if end <= 0 {
				return "rdp-cookie : missing cookie name."
			}
			b.Param = rest[1 : 1+end]
		case rest == "":
			b.Param = "mstshash"
		default:
			return "rdp-cookie : missing cookie name."
		}
	default:
		return "only supports 'roundrobin', 'static-rr', 'leastconn', 'source', 'uri', 'url_param', 'hdr(name)' and 'rdp-cookie(name)' options."
	}
	return ""
}

// cStrtol is strtol(s, &end, 0): optional sign, then hexadecimal after
// "0x", octal after "0", decimal otherwise. It returns what follows.
func cStrtol(s string) (int64, string) {
	i := 0
	neg := false
	if i < len(s) && (s[i] == '+' || s[i] == '-') {
		neg = s[i] == '-'
		i++
	}
	base := int64(10)
	if i+2 < len(s)+1 && strings.HasPrefix(s[i:], "0x") || strings.HasPrefix(s[i:], "0X") {
		if i+2 < len(s) && hexVal(s[i+2]) >= 0 {
			base, i = 16, i+2
		}
	} else if i < len(s) && s[i] == '0' {
		base = 8
	}
	start := i
	var v int64
	for i < len(s) {
		d := hexVal(s[i])
		if d < 0 || int64(d) >= base {
			break
		}
		v = v*base + int64(d)
		i++
	}
	if i == start {
		return 0, s
	}
	if neg {
		v = -v
	}
	return v, s[i:]
}

func hexVal(c byte) int {
	switch {
	case c >= '0' && c <= '9':
		return int(c - '0')
	case c >= 'a' && c <= 'f':
		return int(c-'a') + 10
	case c >= 'A' && c <= 'F':
		return int(c-'A') + 10
	}
	return -1
}

// pxHashType is "hash-type map-based|consistent [<function> [avalanche]]".
func pxHashType(pp *proxyParser, s *pxState, ln *line) errCode {
	l := pp.l
	var ec errCode
	b := &s.p.Balance
	b.HashType, b.HashFunction, b.Avalanche = proxy.HashMapBased, "", false
	if pp.warnIfNotCap(s, ln, proxy.CapBackend, ln.arg(0), "") {
		ec |= errWarn
	}
	switch ln.arg(1) {
	case "consistent":
		b.HashType = proxy.HashConsistent
	case "map-based":
	case "avalanche":
		l.alert(ln, "experimental feature '%s %s' is not supported anymore, please use '%s map-based sdbm avalanche' instead.", ln.arg(0), ln.arg(1), ln.arg(0))
		return ec | errFatalAlert
	default:
		l.alert(ln, "'%s' only supports 'consistent' and 'map-based'.", ln.arg(0))
		return ec | errFatalAlert
	}
	if ln.arg(2) == "" {
		b.HashFunction = "sdbm"
		b.Avalanche = b.HashType == proxy.HashConsistent
		return ec
	}
	switch ln.arg(2) {
	case "sdbm", "djb2", "wt6", "crc32":
		b.HashFunction = ln.arg(2)
	default:
		l.alert(ln, "'%s' only supports 'sdbm', 'djb2', 'crc32', or 'wt6' hash functions.", ln.arg(0))
		return ec | errFatalAlert
	}
	switch ln.arg(3) {
	case "avalanche":
		b.Avalanche = true
	case "":
	default:
		l.alert(ln, "'%s' only supports 'avalanche' as a modifier for hash functions.", ln.arg(0))
		return ec | errFatalAlert
	}
	return ec
}

// pxSource is a backend's "source <addr>[:<port>] [usesrc ...] [interface
// <name>]".
func pxSource(pp *proxyParser, s *pxState, ln *line) errCode {
	l := pp.l
	var ec errCode
	if pp.warnIfNotCap(s, ln, proxy.CapBackend, ln.arg(0), "") {
		ec |= errWarn
	}
	if ln.arg(1) == "" {
		l.alert(ln, "'%s' expects <addr>[:<port>], and optionally '%s' <addr>, and '%s' <name>.", "source", "usesrc", "interface")
		return ec | errFatalAlert
	}
	src, code, msg := l.parseSource(ln, 1)
	if msg != "" {
		l.alert(ln, "%s", msg)
		return ec | code
	}
	s.p.Source = src
	return ec
}

// parseSource reads "<addr> [usesrc <x>] [interface <name>]" from word i;
// the message is complete (it names the words at fault).
func (l *loader) parseSource(ln *line, i int) (*proxy.Source, errCode, string) {
	r, msg := l.parseAddress(ln.arg(i), "", paResolve|paPortOK|paStream|paConnect, false)
	if msg != "" {
		return nil, errFatalAlert, fmt.Sprintf("'%s %s' : %s", ln.arg(i-1), ln.arg(i), strings.TrimRight(msg, "\n"))
	}
	src := &proxy.Source{Addr: r.addr}
	src.Addr.PortOffset = false
	for cur := i + 1; ln.arg(cur) != ""; cur += 2 {
		switch ln.arg(cur) {
		case "usesrc":
			v := ln.arg(cur + 1)
			if v == "" {
				return nil, errFatalAlert, fmt.Sprintf("'%s' expects <addr>[:<port>], 'client', or 'clientip' as argument.", "usesrc")
			}
			src.UseSrc = v
			switch {
			case v == "client", v == "clientip":
			case strings.HasPrefix(v, "hdr_ip("):
				name := strings.TrimLeft(v[7:], " \t")
				end := strings.IndexAny(name, " \t,)")
				if end < 0 {
					end = len(name)
				}
				rest := strings.TrimLeft(name[end:], " \t")
				if strings.HasPrefix(rest, ",") {
					occ := atoi(rest[1:])
					if occ < -10 {
						return nil, errFatalAlert, fmt.Sprintf("usesrc hdr_ip(name,num) does not support negative occurrences values smaller than %d.", 10)
					}
				}
			default:
				ra, msg := l.parseAddress(v, "", paResolve|paPortOK|paStream|paConnect, false)
				if msg != "" {
					return nil, errFatalAlert, fmt.Sprintf("'%s %s' : %s", ln.arg(cur), v, strings.TrimRight(msg, "\n"))
				}
				a := ra.addr
				src.UseSrcAddr = &a
			}
		case "interface":
			if ln.arg(cur+1) == "" {
				return nil, errFatalAlert, fmt.Sprintf("'%s' : missing interface name.", ln.arg(0))
			}
			src.Interface = ln.arg(cur + 1)
		default:
			return nil, errFatalAlert, fmt.Sprintf("'%s' only supports optional keywords '%s' and '%s'.", ln.arg(0), "interface", "usesrc")
		}
	}
	return src, 0, ""
}
