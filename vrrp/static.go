package vrrp

import "hakeep/vrrp/kernel"

// StaticConfig is static_ipaddress, static_routes and static_rules:
// set when the VRRP side starts, whatever the instances' states, and
// removed when it stops (keepalived.conf(5); 2.2.7 does both, as
// "ip addr", "ip route" and "ip rule" show around a start and a SIGTERM).
type StaticConfig struct {
	Addresses []VIP
	Routes    []kernel.Route
	Rules     []kernel.Rule
}

// setStatic adds (or removes) the static addresses, then routes, then
// rules (removal in the other order).
func (e *Engine) setStatic(s StaticConfig, add bool) {
	rn, _ := e.deps.Net.(RouteNet)
	if !add && rn != nil {
		for _, r := range s.Rules {
			if err := rn.DelRule(r); err != nil {
				e.log.Warn(netlinkError(err, "RTM_DELRULE(33)"))
			}
		}
		for _, r := range s.Routes {
			if err := rn.DelRoute(r); err != nil {
				e.log.Warn(netlinkError(err, "RTM_DELROUTE(25)"))
			}
		}
	}
	for _, v := range s.Addresses {
		if add {
			if err := e.deps.Net.AddAddr(v); err != nil {
				e.log.Warn(netlinkError(err, "RTM_NEWADDR(20)"))
			}
		} else if err := e.deps.Net.DelAddr(v); err != nil {
			e.log.Warn(netlinkError(err, "RTM_DELADDR(21)"))
		}
	}
	if add && rn != nil {
		for _, r := range s.Routes {
			if err := rn.AddRoute(r); err != nil {
				e.log.Warn(netlinkError(err, "RTM_NEWROUTE(24)"))
			}
		}
		for _, r := range s.Rules {
			if err := rn.AddRule(r); err != nil {
				e.log.Warn(netlinkError(err, "RTM_NEWRULE(32)"))
			}
		}
	}
}

// reloadStatic removes what the new configuration no longer has and
// adds what it has anew; what stays is left in place.
func (e *Engine) reloadStatic(old, next StaticConfig) {
	e.setStatic(StaticConfig{Addresses: vipDiff(old.Addresses, next.Addresses), Routes: missing(old.Routes, next.Routes),
		Rules: missing(old.Rules, next.Rules)}, false)
	e.setStatic(StaticConfig{Addresses: vipDiff(next.Addresses, old.Addresses), Routes: missing(next.Routes, old.Routes),
		Rules: missing(next.Rules, old.Rules)}, true)
}
