package config

import (
	"math"
	"net/netip"
)

// vaddr is an address while it is read (ip_address_t).
type vaddr struct {
	m          IPAddress
	ifp        *netif
	trackGroup *vtrackGroup
	// scope is the scope's number (0 is global).
	scope uint32
}

func (a *vaddr) family() int { return family(a.m.Addr.Addr()) }

// addAddress reads one address line of virtual_ipaddress,
// virtual_ipaddress_excluded or static_ipaddress (alloc_ipaddress in
// vrrp_ipaddress.c) and appends it to list when keepalived keeps it.
func (v *vrrpReader) addAddress(p *pass, list []*vaddr, w *line, static bool) []*vaddr {
	first := w.slot(0)
	a, ok := p.parseIPAddress(first, true)
	if !ok {
		return list
	}
	n := &vaddr{m: IPAddress{Addr: netip.PrefixFrom(a.Addr, a.Bits)}}
	v6 := a.Addr.Is6()
	brdLen := 0
	haveBroadcast := false
	havePeer := false
	preferredSet := false
	missing := ""
loop:
	for i := 1; i < w.n(); i++ {
		str := w.words[i]
		avail := w.n() >= i+2
		switch {
		case str == "dev":
			if !avail {
				missing = str
				break loop
			}
			if n.ifp != nil {
				p.report(ClassGeneral, "Cannot specify ipaddress device more than once for %s", first)
				return list
			}
			i++
			ifp := p.ifByName(w.words[i], ifCreateIfDynamic)
			if ifp == nil {
				p.report(ClassGeneral, "WARNING - interface %s for ip address %s doesn't exist", w.words[i], first)
				return list
			}
			n.ifp = ifp
			n.m.Device = ifp.Name
		case str == "scope":
			if !avail {
				missing = str
				break loop
			}
			i++
			if sc, ok := p.rtLookup(rtScopes, w.words[i]); !ok {
				p.report(ClassGeneral, "Invalid scope '%s' specified for %s - ignoring", w.words[i], first)
			} else {
				n.m.Scope, n.scope = w.words[i], sc
			}
		case str == "broadcast" || str == "brd":
			if !avail {
				missing = str
				break loop
			}
			if v6 {
				p.report(ClassGeneral, "VRRP is trying to assign a broadcast %s to the IPv6 address %s !!?? WTF... skipping VIP...", str, first)
				return list
			}
			haveBroadcast = true
			i++
			switch b := w.words[i]; b {
			case "-":
				brdLen = -2
			case "+":
				brdLen = -1
			default:
				if ba, ok := ptonAddr(b); !ok || !ba.Is4() {
					p.report(ClassGeneral, "VRRP is trying to assign invalid broadcast %s. skipping VIP...", b)
					return list
				}
			}
			n.m.Broadcast = w.words[i]
		case str == "label":
			if !avail {
				missing = str
				break loop
			}
			i++
			if len(w.words[i]) >= ifNameSize {
				p.report(ClassGeneral, "Address label %s is longer than maximum length %d - removing address", w.words[i], ifNameSize-1)
				return list
			}
			n.m.Label = w.words[i]
		case str == "peer":
			if !avail {
				missing = str
				break loop
			}
			i++
			if havePeer {
				p.report(ClassGeneral, "Peer %s - another peer has already been specified", w.words[i])
				continue
			}
			peer, ok := p.parseIPAddress(w.words[i], false)
			switch {
			case !ok:
				p.report(ClassGeneral, "Invalid peer address %s", w.words[i])
			case peer.Addr.Is6() != v6:
				p.report(ClassGeneral, "Peer address %s does not match address family", w.words[i])
			default:
				full := 32
				if v6 {
					full = 128
				}
				if n.m.Addr.Bits() != full {
					p.report(ClassGeneral, "Cannot specify address prefix when specifying peer address - ignoring")
				}
				havePeer = true
				n.m.Addr = netip.PrefixFrom(n.m.Addr.Addr(), peer.Bits)
				n.m.Peer = netip.PrefixFrom(peer.Addr, peer.Bits)
			}
		case str == "home":
			n.m.Home = true
		case str == "-nodad":
			n.m.NoDAD = true
		case str == "mngtmpaddr":
			n.m.MngTmpAddr = true
		case str == "noprefixroute":
			n.m.NoPrefixRoute = true
		case str == "autojoin":
			n.m.AutoJoin = true
		case str == "no_track":
			n.m.NoTrack = true
		case str == "preferred_lft":
			if !avail {
				missing = str
				break loop
			}
			i++
			if w.words[i] == "forever" {
				f := uint32(math.MaxUint32)
				n.m.PreferredLft, preferredSet = &f, true
			} else if lft, ok := p.readUnsigned(w.words[i], 0, math.MaxUint32, true); ok {
				f := uint32(lft)
				n.m.PreferredLft, preferredSet = &f, true
			} else {
				p.report(ClassGeneral, "preferred_lft %s is invalid", w.words[i])
			}
		case static && str == "track_group":
			if !avail {
				missing = str
				break loop
			}
			i++
			if n.trackGroup != nil {
				p.report(ClassGeneral, "track_group %s is a duplicate", w.words[i])
				break loop
			}
			if n.trackGroup = v.findTrackGroup(w.words[i]); n.trackGroup == nil {
				p.report(ClassGeneral, "track_group %s not found", w.words[i])
			} else {
				n.m.TrackGroup = w.words[i]
			}
		case !static && str == "use_vmac":
			n.m.UseVMAC = true
		default:
			p.report(ClassGeneral, "Unknown configuration entry '%s' for ip address - ignoring", str)
		}
	}
	if missing != "" {
		p.report(ClassGeneral, "No %s parameter specified for %s", missing, first)
		return list
	}
	switch {
	case haveBroadcast && havePeer:
		p.report(ClassGeneral, "Cannot specify broadcast and peer addresses - ignoring broadcast address")
		n.m.Broadcast = ""
	case brdLen < 0 && n.m.Addr.Bits() > 30:
		p.report(ClassGeneral, "Address prefix length %d too long for broadcast", n.m.Addr.Bits())
	}
	if static && n.ifp == nil {
		if n.ifp = p.defaultIf(); n.ifp == nil {
			p.report(ClassFatal, "Static address %s requires either an interface or default interface must exist", first)
			return list
		}
		n.m.Device = n.ifp.Name
	}
	if v6 {
		// Only a scope other than global (0) counts.
		if n.scope != 0 {
			p.report(ClassGeneral, "Cannot specify scope for IPv6 addresses (%s) - ignoring scope", first)
			n.m.Scope = ""
		}
		if n.m.Label != "" {
			p.report(ClassGeneral, "Cannot specify label for IPv6 addresses (%s) - ignoring label", first)
			n.m.Label = ""
		}
		if !preferredSet {
			f := uint32(math.MaxUint32)
			if n.m.Addr.Bits() == 128 {
				f = 0
			}
			n.m.PreferredLft = &f
		}
	}
	if n.trackGroup != nil && n.ifp == nil {
		p.report(ClassGeneral, "Static route cannot have track_group if interface not specified")
		n.trackGroup, n.m.TrackGroup = nil, ""
	}
	return append(list, n)
}
