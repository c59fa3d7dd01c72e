package balance

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
)

// SetBalance applies the arguments of a "balance" line (the words after
// the keyword), leaving the hash-type settings alone, as
// backend_parse_balance does (src/backend.c); the messages are HAProxy's.
// No arguments means roundrobin.
func (s *Spec) SetBalance(args []string) error {
	*s = Spec{Consistent: s.Consistent, Func: s.Func, Avalanche: s.Avalanche, BalanceFactor: s.BalanceFactor}
	if len(args) == 0 || args[0] == "" {
		return nil
	}
	name, rest := args[0], args[1:]
	switch {
	case name == "roundrobin":
		s.Algorithm = RoundRobin
	case name == "static-rr":
		s.Algorithm = StaticRR
	case name == "first":
		s.Algorithm = First
	case name == "leastconn":
		s.Algorithm = LeastConn
	case strings.HasPrefix(name, "random"):
		s.Algorithm = Random
		s.Draws = 2
		if strings.HasPrefix(name[6:], "(") && !strings.HasPrefix(name[7:], ")") {
			// strtol(beg, &end, 0): the longest numeric prefix.
			body := name[7:]
			j := len(body)
			for ; j > 0; j-- {
				if _, err := strconv.ParseInt(body[:j], 0, 32); err == nil {
					break
				}
			}
			n, _ := strconv.ParseInt(body[:j], 0, 32)
			switch {
			case j == len(body):
				return errors.New("random : missing closing parenthesis.")
			case body[j] != ')':
				return fmt.Errorf("random : unexpected character '%c' after argument.", body[j])
			case n < 1:
				return errors.New("random : number of draws must be at least 1.")
			}
			s.Draws = int(n)
		}
	case name == "source":
		s.Algorithm = Source
	case name == "uri":
		s.Algorithm = URI
		for i := 0; i < len(rest); i++ {
			switch rest[i] {
			case "len", "depth":
				n := 0
				if i+1 < len(rest) {
					n = atoi(rest[i+1])
				}
				if n <= 0 {
					got := ""
					if i+1 < len(rest) {
						got = rest[i+1]
					}
					return fmt.Errorf("%s : '%s' expects a positive integer (got '%s').", name, rest[i], got)
				}
				if rest[i] == "len" {
					s.URILen = n
				} else {
					s.URIDepth = n
				}
				i++
			case "whole":
				s.URIWhole = true
			case "path-only":
				s.URIPathOnly = true
			default:
				return fmt.Errorf("%s only accepts parameters 'len', 'depth', 'path-only', and 'whole' (got '%s').", name, rest[i])
			}
		}
	case name == "url_param":
		if len(rest) == 0 || rest[0] == "" {
			return fmt.Errorf("%s requires an URL parameter name.", name)
		}
		s.Algorithm = URLParam
		s.Name = rest[0]
		if len(rest) > 1 && rest[1] != "" {
			if rest[1] != "check_post" {
				return fmt.Errorf("%s only accepts 'check_post' modifier (got '%s').", name, rest[1])
			}
			s.CheckPost = true
		}
	case name == "hash":
		if len(rest) == 0 || rest[0] == "" {
			return fmt.Errorf("%s requires a sample expression.", name)
		}
		if len(rest) > 1 && rest[1] != "" {
			return fmt.Errorf("%s takes no other argument (got '%s').", name, rest[1])
		}
		s.Algorithm = Hash
		s.Expr = rest[0]
	case strings.HasPrefix(name, "hdr("):
		end := strings.IndexByte(name[4:], ')')
		if end <= 0 {
			return errors.New("hdr requires an http header field name.")
		}
		s.Algorithm = Header
		s.Name = name[4 : 4+end]
		if len(rest) > 0 && rest[0] != "" {
			if rest[0] != "use_domain_only" {
				return fmt.Errorf("%s only accepts 'use_domain_only' modifier (got '%s').", name, rest[0])
			}
			s.DomainOnly = true
		}
	case strings.HasPrefix(name, "rdp-cookie"):
		s.Algorithm = RDPCookie
		switch arg := name[len("rdp-cookie"):]; {
		case arg == "":
			s.Name = "mstshash"
		case arg[0] == '(':
			end := strings.IndexByte(arg[1:], ')')
			if end <= 0 {
				return errors.New("rdp-cookie : missing cookie name.")
			}
			s.Name = arg[1 : 1+end]
		default:
			return errors.New("rdp-cookie : missing cookie name.")
		}
	default:
		return errors.New("only supports 'roundrobin', 'static-rr', 'leastconn', 'source', 'uri', 'url_param', 'hdr(name)' and 'rdp-cookie(name)' options.")
	}
	return nil
}

// SetHashType applies the arguments of a "hash-type" line:
// map-based|consistent [sdbm|djb2|wt6|crc32 [avalanche]]
// (src/cfgparse-listen.c). Consistent hashing with no function named
// defaults to sdbm with avalanche.
func (s *Spec) SetHashType(args []string) error {
	s.Consistent, s.Func, s.Avalanche = false, SDBM, false
	arg := func(i int) string {
		if i < len(args) {
			return args[i]
		}
		return ""
	}
	switch arg(0) {
	case "consistent":
		s.Consistent = true
	case "map-based":
	case "avalanche":
		return errors.New("experimental feature 'hash-type avalanche' is not supported anymore, please use 'hash-type map-based sdbm avalanche' instead.")
	default:
		return errors.New("'hash-type' only supports 'consistent' and 'map-based'.")
	}
	if arg(1) == "" {
		s.Avalanche = s.Consistent
		return nil
	}
	switch arg(1) {
	case "sdbm":
		s.Func = SDBM
	case "djb2":
		s.Func = DJB2
	case "wt6":
		s.Func = WT6
	case "crc32":
		s.Func = CRC32
	default:
		return errors.New("'hash-type' only supports 'sdbm', 'djb2', 'crc32', or 'wt6' hash functions.")
	}
	switch arg(2) {
	case "avalanche":
		s.Avalanche = true
	case "":
	default:
		return errors.New("'hash-type' only supports 'avalanche' as a modifier for hash functions.")
	}
	return nil
}

// atoi is C's atoi: leading digits, 0 when there are none.
func atoi(s string) int {
	n, i := 0, 0
	for i < len(s) && (s[i] == ' ' || s[i] == '\t') {
		i++
	}
	neg := false
	if i < len(s) && (s[i] == '-' || s[i] == '+') {
		neg = s[i] == '-'
		i++
	}
	for ; i < len(s) && s[i] >= '0' && s[i] <= '9'; i++ {
		n = n*10 + int(s[i]-'0')
		if n > 1<<31 {
			break
		}
	}
	if neg {
		return -n
	}
	return n
}
