package sample

import "strings"

// Point is a set of places where a sample may be fetched: HAProxy's
// SMP_VAL_* check points (include/haproxy/sample-t.h). A fetch is usable in
// a rule only if its Val shares a bit with the rule's Point set.
type Point uint32

// The check points, in HAProxy's order (the columns of `haproxy -dKsmp`).
const (
	FeConAcc  Point = 1 << iota // frontend tcp-request connection rule
	FeSesAcc                    // frontend tcp-request session rule
	FeReqCnt                    // frontend tcp-request content rule
	FeHrqHdr                    // frontend http-request header rule
	FeHrqBdy                    // frontend http-request body rule
	FeSetBck                    // frontend use-backend rule
	BeReqCnt                    // backend tcp-request content rule
	BeHrqHdr                    // backend http-request header rule
	BeHrqBdy                    // backend http-request body rule
	BeSetSrv                    // backend use-server, balance or stick-match rule
	BeSrvCon                    // server source selection
	BeResCnt                    // backend tcp-response content rule
	BeHrsHdr                    // backend http-response header rule
	BeHrsBdy                    // backend http-response body rule
	BeStoRul                    // backend stick-store rule
	FeResCnt                    // frontend tcp-response content rule
	FeHrsHdr                    // frontend http-response header rule
	FeHrsBdy                    // frontend http-response body rule
	FeLogEnd                    // logs
	BeChkRul                    // backend tcp-check rule
	CfgParser                   // configuration parser
	CliParser                   // CLI parser
	numPoints = iota
)

// pointNames returns HAProxy's names of the check points.
func pointNames() [numPoints]string {
	return [numPoints]string{
		"frontend tcp-request connection rule",
		"frontend tcp-request session rule",
		"frontend tcp-request content rule",
		"frontend http-request header rule",
		"frontend http-request body rule",
		"frontend use-backend rule",
		"backend tcp-request content rule",
		"backend http-request header rule",
		"backend http-request body rule",
		"backend use-server, balance or stick-match rule",
		"server source selection",
		"backend tcp-response content rule",
		"backend http-response header rule",
		"backend http-response body rule",
		"backend stick-store rule",
		"frontend tcp-response content rule",
		"frontend http-response header rule",
		"frontend http-response body rule",
		"logs",
		"backend tcp-check rule",
		"configuration parser",
		"CLI parser",
	}
}

// Name is HAProxy's name of a single check point (fetch_ckp_names[]), used
// in "will never match because it only involves keywords that are
// incompatible with '...'" warnings. For a set, the lowest point is named.
func (p Point) Name() string {
	for i := 0; i < numPoints; i++ {
		if p&(1<<i) != 0 {
			return pointNames()[i]
		}
	}
	return ""
}

// valPattern builds a Point set from a `haproxy -dKsmp` column string
// ("YY..Y..."), the exact form in which the reference build reports where
// each fetch is valid.
func valPattern(s string) Point {
	var p Point
	for i := 0; i < len(s) && i < numPoints; i++ {
		if s[i] == 'Y' {
			p |= 1 << i
		}
	}
	return p
}

// Use is a set of information sources a fetch reads (SMP_USE_*); it only
// serves HAProxy's messages ("extracts information from '...'").
type Use uint32

// The sources in HAProxy's order (SMP_SRC_*).
const (
	UseConst Use = 1 << iota
	UseIntrn
	UseListn
	UseFtend
	UseL4Cli
	UseL5Cli
	UseTrack
	UseL6Req
	UseHRqHV
	UseHRqHP
	UseHRqBo
	UseBkend
	UseServr
	UseL4Srv
	UseL5Srv
	UseL6Res
	UseHRsHV
	UseHRsHP
	UseHRsBo
	UseRqFin
	UseRsFin
	UseTxFin
	UseSsFin
	numUses = iota
)

// useNames returns HAProxy's names of the sources.
func useNames() [numUses]string {
	return [numUses]string{
		"constant value",
		"internal state",
		"listener",
		"frontend",
		"client address",
		"client-side connection",
		"track counters",
		"request buffer",
		"HTTP request headers",
		"HTTP request",
		"HTTP request body",
		"backend",
		"server",
		"server address",
		"server-side connection",
		"response buffer",
		"HTTP response headers",
		"HTTP response",
		"HTTP response body",
		"request buffer statistics",
		"response buffer statistics",
		"transaction statistics",
		"session statistics",
	}
}

// Names is HAProxy's sample_src_names(): the comma-joined source names.
func (u Use) Names() string {
	var b strings.Builder
	names := useNames()
	for i := 0; i < numUses; i++ {
		if u&(1<<i) == 0 {
			continue
		}
		if b.Len() > 0 {
			b.WriteByte(',')
		}
		b.WriteString(names[i])
	}
	return b.String()
}
