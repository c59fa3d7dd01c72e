package lvs

import (
	"fmt"
	"net/netip"

	"hakeep/ipvs"
)

// trio is inet_sockaddrtotrio(): "[addr]:proto:port", the way keepalived
// names real servers and address services in its log.
func trio(a netip.AddrPort, p ipvs.Protocol) string {
	proto := "?"
	switch p {
	case ipvs.TCP:
		proto = "tcp"
	case ipvs.UDP:
		proto = "udp"
	case ipvs.SCTP:
		proto = "sctp"
	case 0:
		proto = "none"
	}
	return fmt.Sprintf("[%s]:%s:%d", a.Addr().Unmap(), proto, a.Port())
}

// String is FMT_VS(): "[10.0.0.1]:tcp:80", "FWM 5" or "[group]:0".
func (vs *VirtualServer) String() string {
	switch {
	case vs.Group != nil:
		return fmt.Sprintf("[%s]:%d", vs.Group.Name, vs.GroupIndex)
	case vs.FWMark != 0:
		return fmt.Sprintf("FWM %d", vs.FWMark)
	}
	return trio(vs.Addr, vs.Protocol)
}

// rsString is FMT_RS(): the real server with its virtual server's
// protocol. Checkers are named by their real server (FMT_CHK), whatever
// address they connect to.
func rsString(rs *RealServer, vs *VirtualServer) string {
	return trio(rs.Addr, vs.Protocol)
}

// entryString is the group entry as keepalived logs it when a reload
// adds or removes it: "[10.0.0.1]:tcp:80", "[10.0.0.1]:tcp:80-10.0.0.5"
// (inet_sockaddrtotrio of the first address, then the last).
func entryString(e GroupEntry, p ipvs.Protocol) string {
	if e.FWMark != 0 {
		return fmt.Sprintf("FWM %d", e.FWMark)
	}
	s := trio(netip.AddrPortFrom(e.From, e.Port), p)
	if e.To != e.From {
		s += "-" + e.To.Unmap().String()
	}
	return s
}
