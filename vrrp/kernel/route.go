package kernel

import "net/netip"

// RTProtKeepalived marks the routes and rules keepalived installs
// (RTPROT_KEEPALIVED; "proto keepalived" in ip-route(8) output).
const RTProtKeepalived = 18

// Route is one virtual_routes entry as rtnetlink takes it
// (keepalived.conf(5) virtual_routes; vrrp_iproute.c netlink_route).
type Route struct {
	Family   int          // 4 or 6
	Type     int          // RTN_UNICAST, RTN_BLACKHOLE, ...
	Dst      netip.Prefix // invalid: default
	Src      netip.Addr
	Gateway  netip.Addr
	Dev      string
	Table    int // 0: main
	Metric   int
	Protocol int
	Scope    uint8
	OnLink   bool
	MTU      int
}

// Rule is one virtual_rules entry (vrrp_iprule.c netlink_rule).
type Rule struct {
	Family   int
	Priority int
	Src, Dst netip.Prefix
	Invert   bool
	Table    int
	Action   int // FR_ACT_TO_TBL, FR_ACT_BLACKHOLE, ...
	Mark     uint32
	Mask     uint32 // 0: no fwmark
	HasMark  bool
	IIF, OIF string
	Protocol int
}
