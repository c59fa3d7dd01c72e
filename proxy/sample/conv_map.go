package sample

// MapLookup is a loaded map as the map_* converters use it; acl.Map
// implements it (configuration.txt §7.3.1 "map").
type MapLookup interface {
	// LookupSample matches in (already cast to the map's key type) and
	// sets out to the value of the matching entry.
	LookupSample(in *Sample, out *Sample) bool
}

// convMap is sample_conv_map: the value of the first matching key, else
// the default, else failure.
func convMap(out Type) ConvFunc {
	return func(c *Ctx, a []Arg, s *Sample) bool {
		m, ok := a[0].Map.(MapLookup)
		if ok && m.LookupSample(s, s) {
			return true
		}
		if !a[1].Present {
			return false
		}
		switch out {
		case SInt:
			s.setInt(SInt, a[1].Int)
		case Addr:
			if ip, ok := buf2ip(constBytes(a[1].Str)); ok {
				s.Type, s.Addr, s.Str, s.Const = IPv4, ip, nil, false
			} else if ip, ok := buf2ip6(constBytes(a[1].Str)); ok {
				s.Type, s.Addr, s.Str, s.Const = IPv6, ip, nil, false
			} else {
				return false
			}
		default:
			s.setStr(constBytes(a[1].Str), true)
		}
		return true
	}
}
