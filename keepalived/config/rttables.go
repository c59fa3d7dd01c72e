package config

import (
	"strconv"
	"strings"
)

// rtNames is one of iproute2's name tables (/etc/iproute2/rt_*), with
// the names keepalived knows when the file lacks them (lib/rttables.c).
type rtNames struct {
	file     string
	defaults map[string]uint32
	max      uint32
}

// rtKind names a table.
type rtKind int

const (
	rtTables rtKind = iota
	rtScopes
	rtProtos
	rtDSField
	rtRealms
	rtGroups
)

func (k rtKind) names() rtNames {
	switch k {
	case rtTables:
		return rtNames{file: "rt_tables", defaults: map[string]uint32{"default": 253, "main": 254, "local": 255}, max: 0xffffffff}
	case rtScopes:
		return rtNames{file: "rt_scopes", defaults: map[string]uint32{"global": 0, "nowhere": 255, "host": 254, "link": 253, "site": 200}, max: 255}
	case rtProtos:
		return rtNames{file: "rt_protos", max: 255, defaults: map[string]uint32{"none": 0, "redirect": 1, "kernel": 2,
			"boot": 3, "static": 4, "gated": 8, "ra": 9, "mrt": 10, "zebra": 11, "bird": 12, "babel": 42,
			"dnrouted": 13, "xorp": 14, "ntk": 15, "dhcp": 16}}
	case rtDSField:
		return rtNames{file: "rt_dsfield", max: 255}
	case rtRealms:
		return rtNames{file: "rt_realms", max: 255}
	}
	return rtNames{file: "group", max: 0x7fffffff}
}

// rtType is find_rttables_rtntype(): a route type's name or number.
func rtType(s string) (uint8, bool) {
	types := map[string]uint8{"local": 2, "nat": 10, "broadcast": 3, "brd": 3, "anycast": 4, "multicast": 5,
		"prohibit": 8, "unreachable": 7, "blackhole": 6, "xresolve": 11, "unicast": 1, "throw": 9}
	if v, ok := types[s]; ok {
		return v, true
	}
	// strtoul(s, 0): an empty string reads as 0.
	v, end, overflow := ctoulBase(s, 0)
	if end < len(s) || overflow || v > 255 || strings.HasPrefix(s, "-") {
		return 0, false
	}
	return uint8(v), true
}

// rtLookup is find_entry(): a number, or a name from the file or the
// defaults.
func (p *pass) rtLookup(k rtKind, name string) (uint32, bool) {
	t := k.names()
	// strtoul(name, 0) read whole, then cut to 32 bits before the range
	// check: "4294967296" is table 0, an overflow is 4294967295.
	if v, end, _ := ctoulBase(name, 0); end > 0 && end == len(name) {
		return uint32(v), uint32(v) <= t.max
	}
	if b, err := p.host.ReadFile("/etc/iproute2/" + t.file); err == nil {
		for _, ln := range strings.Split(string(b), "\n") {
			if i := strings.IndexAny(ln, "#!"); i >= 0 {
				ln = ln[:i]
			}
			f := strings.Fields(ln)
			if len(f) != 2 || f[1] != name {
				continue
			}
			if v, err := strconv.ParseUint(f[0], 0, 64); err == nil && v <= uint64(t.max) {
				return uint32(v), true
			}
		}
	}
	v, ok := t.defaults[name]
	return v, ok
}
