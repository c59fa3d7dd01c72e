package acl

import "hakeep/proxy/sample"

// Method is a pattern matching method (PAT_MATCH_* in HAProxy 2.6,
// configuration.txt §7.1.x "Matching ..."), plus the few methods ACL
// keywords carry of their own.
type Method uint8

const (
	MatchFound Method = iota // -m found: the sample exists
	MatchBool                // -m bool: the sample is non-zero
	MatchInt                 // -m int: integer or range
	MatchIP                  // -m ip: address or network
	MatchBin                 // -m bin: bytes given in hex
	MatchLen                 // -m len: length or range of lengths
	MatchStr                 // -m str: exact string
	MatchSub                 // -m sub: substring
	MatchReg                 // -m reg: regular expression
	MatchRegm                // regm: regex with references (maps only)
	MatchBeg                 // -m beg: prefix
	MatchEnd                 // -m end: suffix
	MatchDir                 // -m dir: slash-delimited word
	MatchDom                 // -m dom: dot-delimited word
	MatchMeth                // the "method" keyword: HTTP methods
	MatchVer                 // req.ssl_ver: dotted versions as integers
	MatchAuth                // http_auth_group: group names
	numMethods
)

func methodNames() [numMethods]string {
	return [numMethods]string{
		"found", "bool", "int", "ip", "bin", "len", "str", "sub", "reg", "regm",
		"beg", "end", "dir", "dom", "str", "int", "str",
	}
}

// String is the method's name after -m.
func (m Method) String() string { return methodNames()[m] }

// methodByName is pat_find_match_name: the names -m accepts.
func methodByName(name string) (Method, bool) {
	for m := MatchFound; m <= MatchDom; m++ {
		if methodNames()[m] == name {
			return m, true
		}
	}
	return 0, false
}

// expectType is the sample type a method compares (pat_match_types): the
// fetch's output must cast to it.
func (m Method) expectType() sample.Type {
	switch m {
	case MatchFound, MatchBool, MatchInt, MatchVer:
		return sample.SInt
	case MatchIP:
		return sample.Addr
	case MatchBin:
		return sample.Bin
	case MatchMeth:
		return sample.Meth
	}
	return sample.Str
}

// defaultMethod is the method an ACL uses for a fetch of type t when
// neither the keyword nor -m gives one; ok is false for types that need -m.
func defaultMethod(t sample.Type) (Method, bool) {
	switch t {
	case sample.Bool:
		return MatchBool, true
	case sample.SInt:
		return MatchInt, true
	case sample.Addr, sample.IPv4, sample.IPv6:
		return MatchIP, true
	case sample.Str:
		return MatchStr, true
	case sample.Bin:
		return MatchBin, true
	}
	return 0, false
}
