package config

import (
	"fmt"
	"math"
	"strings"
)

// vrule is a routing rule while it is read (ip_rule_t).
type vrule struct {
	m          Rule
	iif, oif   *netif
	trackGroup *vtrackGroup
}

// Rule actions (FR_ACT_* in linux/fib_rules.h).
const (
	ruleActNone = iota
	ruleActTable
	ruleActGoto
	ruleActNop
	ruleActOther
)

// addRule reads one line of virtual_rules or static_rules (alloc_rule in
// vrrp_iprule.c).
func (v *vrrpReader) addRule(p *pass, list []*vrule, w *line, static bool) []*vrule {
	r := &vrule{m: Rule{Words: append([]string(nil), w.words...)}}
	fam := 0
	action := ruleActNone
	tableOption := false
	var priority, gotoTarget uint64
	havePriority := false
	protoNotKA := false
	fail := func(format string, args ...any) []*vrule {
		p.report(ClassGeneral, format, args...)
		return list
	}
	addr := func(what string, s string) bool {
		pfx, f, ok := p.routeDst(s)
		if !ok {
			p.report(ClassGeneral, "Invalid rule %s address %s", what, s)
			return false
		}
		if fam == 0 {
			fam = f
		} else if f != fam {
			p.report(ClassGeneral, "rule specification has mixed IPv4 and IPv6")
			return false
		}
		if what == "from" {
			r.m.From = pfx
		} else {
			r.m.To = pfx
		}
		return true
	}
loop:
	for i := 0; i < w.n(); i++ {
		str := w.words[i]
		if ruleOptionsNotRun[str] {
			r.m.NotRun = append(r.m.NotRun, str)
		}
		switch str {
		case "inet6", "inet":
			f := 4
			if str == "inet6" {
				f = 6
			}
			if fam == 0 {
				fam = f
			} else if fam != f {
				other := "IPv4"
				if f == 4 {
					other = "IPv6"
				}
				return fail("%s specified for %s rule", str, other)
			}
			// 2.2.7 skips the word after inet/inet6 (alloc_rule advances
			// once more): "inet6 from fd00::/64 ..." has "fd00::/64" as
			// an unknown option.
			i++
		case "from", "to":
			i++
			if !addr(str, w.slot(i)) {
				return list
			}
		case "table", "lookup":
			i++
			t, ok := p.rtLookup(rtTables, w.slot(i))
			if !ok {
				return fail("Routing table %s not found for rule", w.slot(i))
			}
			if t == 0 {
				return fail("Table 0 is not valid")
			}
			r.m.TableID = t
			if action != ruleActNone {
				return fail("Cannot specify more than one of table/nop/goto/blackhole/prohibit/unreachable for rule")
			}
			action = ruleActTable
		case "not":
			r.m.Not = true
		case "preference", "order", "priority":
			i++
			n, ok := p.readUnsignedBase0(w.slot(i), 0, math.MaxUint32)
			if !ok {
				return fail("Invalid rule preference %s specified", str)
			}
			priority, havePriority = n, true
		case "tos", "dsfield":
			i++
			if _, ok := p.rtLookup(rtDSField, w.slot(i)); !ok {
				return fail("TOS value %s is invalid", w.slot(i))
			}
		case "fwmark":
			i++
			s := strings.TrimLeft(w.slot(i), cWhite)
			if !validFwmark(s) {
				return fail("Invalid rule fwmark %s specified", s)
			}
			r.m.HasFwmark = true
			r.m.Fwmark, r.m.FwMask = fwmarkValue(s)
		case "realms":
			i++
			if !p.realms(w.slot(i)) {
				return fail("invalid realms %s for rule", w.slot(i))
			}
			tableOption = true
			if fam == 0 {
				fam = 4
			} else if fam != 4 {
				return fail("realms is only valid for IPv4")
			}
		case "suppress_prefixlength", "sup_pl":
			i++
			if _, ok := p.readUnsigned(w.slot(i), 0, math.MaxInt32, false); !ok {
				return fail("Invalid suppress_prefixlength %s specified", str)
			}
			tableOption = true
		case "suppress_ifgroup", "sup_group":
			i++
			if _, ok := p.rtLookup(rtGroups, w.slot(i)); !ok {
				return fail("suppress_group %s is invalid", w.slot(i))
			}
			tableOption = true
		case "dev", "iif", "oif":
			i++
			ifp := p.ifByName(w.slot(i), ifCreateIfDynamic)
			if ifp == nil {
				return fail("WARNING - interface %s for rule doesn't exist", w.slot(i))
			}
			if str == "oif" {
				r.oif, r.m.OIF = ifp, w.slot(i)
			} else {
				r.iif, r.m.IIF = ifp, w.slot(i)
			}
		case "tunnel-id":
			i++
			if _, ok := p.readUnsigned64(w.slot(i), 0, math.MaxUint64, false); !ok {
				return fail("Invalid tunnel-id %s specified", str)
			}
		case "uidrange":
			i++
			var a, b uint32
			if n, _ := fmt.Sscanf(w.slot(i), "%d-%d", &a, &b); n != 2 {
				return fail("Invalid uidrange %s specified", str)
			}
		case "l3mdev":
			if action != ruleActNone {
				return fail("Cannot specify l3mdev with other action")
			}
			action = ruleActTable
		case "protocol":
			i++
			n, ok := p.readUnsigned(w.slot(i), 0, 255, false)
			if !ok {
				p.report(ClassGeneral, "Invalid protocol %s", w.slot(i))
			} else {
				protoNotKA = n != rtprotKeepalived
				r.m.Protocol = uint32(n)
			}
		case "ipproto":
			i++
			if !ipProtoName(w.slot(i)) {
				p.report(ClassGeneral, "Invalid ipproto %s", w.slot(i))
			}
		case "sport", "dport":
			i++
			// keepalived 2.2.7 sets the end of a single port, then
			// refuses it all the same: only "START-END" passes.
			if scanfPortRange(w.slot(i)) != 2 {
				p.report(ClassGeneral, "invalid %s range %s", str, w.slot(i))
			}
		case "no_track":
			r.m.NoTrack = true
		default:
			if static && str == "track_group" {
				i++
				if r.trackGroup != nil {
					p.report(ClassGeneral, "track_group %s is a duplicate", w.slot(i))
					break loop
				}
				if r.trackGroup = v.findTrackGroup(w.slot(i)); r.trackGroup == nil {
					p.report(ClassGeneral, "track_group %s not found", w.slot(i))
				} else {
					r.m.TrackGroup = w.slot(i)
				}
				continue
			}
			if str == "type" {
				i++
				str = w.slot(i)
			}
			act := ruleActNone
			switch str {
			case "goto":
				i++
				n, ok := p.readUnsigned(w.slot(i), 0, math.MaxUint32, false)
				if !ok {
					return fail("Invalid target %s specified", str)
				}
				gotoTarget, act = n, ruleActGoto
			case "nop":
				act = ruleActNop
			default:
				t, ok := rtType(str)
				if !ok {
					return fail("Unknown rule option %s", str)
				}
				switch t {
				case 6, 7, 8: // blackhole, unreachable, prohibit
					act = ruleActOther
					// FR_ACT_BLACKHOLE, FR_ACT_UNREACHABLE, FR_ACT_PROHIBIT
					r.m.Action = t
				default:
					return fail("Invalid rule action %s", str)
				}
			}
			if action != ruleActNone {
				return fail("Cannot specify more than one of table/nop/goto/blackhole/prohibit/unreachable/l3mdev for rule")
			}
			action = act
		}
	}
	if action == ruleActGoto {
		if !havePriority {
			return fail("Invalid rule - goto target %d specified without preference", gotoTarget)
		}
		if priority >= gotoTarget {
			return fail("Invalid rule - preference %d >= goto target %d", priority, gotoTarget)
		}
	}
	if action == ruleActNone {
		return fail("No action specified for rule - ignoring")
	}
	if action != ruleActTable && tableOption {
		return fail("suppressor/realm specified for non table action - skipping")
	}
	if !r.m.NoTrack && protoNotKA {
		p.report(ClassGeneral, "Rule cannot be tracked if protocol is not RTPROT_KEEPALIVED(%d), resetting protocol", rtprotKeepalived)
	}
	if r.trackGroup != nil && r.iif == nil {
		p.report(ClassGeneral, "Static rule cannot have track_group if dev/iif not specified")
		r.trackGroup, r.m.TrackGroup = nil, ""
	}
	if fam == 0 {
		fam = 4
	}
	r.m.Family = fam
	if !havePriority {
		next := &v.nextRulePriority4
		if fam == 6 {
			next = &v.nextRulePriority6
		}
		priority = uint64(*next)
		*next--
		p.report(ClassGeneral, "Rule has no preference specified - setting to %d. This is probably not what you want.", priority)
	}
	pr := uint32(priority)
	r.m.Priority = &pr
	if action == ruleActTable {
		r.m.Action = 1 // FR_ACT_TO_TBL
	}
	if r.m.Protocol == 0 || (!r.m.NoTrack && protoNotKA) {
		r.m.Protocol = rtprotKeepalived
	}
	p.noteNotRun(w, "rule", r.m.NotRun)
	return append(list, r)
}

// strtoulBase0 parses a number like strtoul(s, &end, 0).
func strtoulBase0(s string) (uint64, int) {
	v, end, _ := ctoulBase(s, 0)
	return v, end
}

func digitOf(c byte) (uint64, bool) {
	switch {
	case c >= '0' && c <= '9':
		return uint64(c - '0'), true
	case c >= 'a' && c <= 'f':
		return uint64(c-'a') + 10, true
	case c >= 'A' && c <= 'F':
		return uint64(c-'A') + 10, true
	}
	return 0, false
}

// validFwmark checks MARK[/MASK] as alloc_rule reads it.
func validFwmark(s string) bool {
	if strings.HasPrefix(s, "-") {
		return false
	}
	v, end := strtoulBase0(s)
	if v > math.MaxUint32 {
		return false
	}
	rest := s[end:]
	if strings.HasPrefix(rest, "/") {
		m := rest[1:]
		if m == "" || isCSpace(m[0]) || m[0] == '-' {
			return false
		}
		mv, mend := strtoulBase0(m)
		if mv > math.MaxUint32 {
			return false
		}
		rest = m[mend:]
	}
	return rest == ""
}

// ipProtoName accepts what inet_proto_a2n() does: a protocol number or a
// name iproute2 knows.
func ipProtoName(s string) bool {
	if v, end := strtoulBase0(s); end == len(s) && s != "" {
		return v <= 255
	}
	switch s {
	case "ip", "icmp", "igmp", "ipip", "tcp", "egp", "pup", "udp", "idp", "tp", "dccp", "ipv6", "rsvp",
		"gre", "esp", "ah", "icmpv6", "mtp", "beetph", "encap", "pim", "comp", "sctp", "udplite", "mpls", "raw":
		return true
	}
	return false
}

// scanfPortRange is how many numbers sscanf(s, "%hu-%hu") converts: each
// is strtoul's (blanks, a sign, digits; any value, cut to 16 bits) and a
// '-' must follow the first.
func scanfPortRange(s string) int {
	n := 0
	for {
		_, end, _ := ctoul(s)
		if end == 0 {
			return n
		}
		n++
		if n == 2 || end >= len(s) || s[end] != '-' {
			return n
		}
		s = s[end+1:]
	}
}

// fwmarkValue reads a fwmark validFwmark accepted: MARK[/MASK], each in
// strtoul base 0 (mask 0 when not given).
func fwmarkValue(s string) (mark, mask uint32) {
	v, end := strtoulBase0(s)
	if rest := s[end:]; strings.HasPrefix(rest, "/") {
		m, _ := strtoulBase0(rest[1:])
		return uint32(v), uint32(m)
	}
	return uint32(v), 0
}
