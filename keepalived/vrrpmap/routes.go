package vrrpmap

import (
	"strings"

	"hakeep/keepalived/config"
	"hakeep/vrrp/kernel"
)

// routes maps virtual_routes; one using an option the engine does not
// install is skipped (keepalived/config has noted it).
func (m *mapper) routes(name string, rs []*config.Route) []kernel.Route {
	var out []kernel.Route
	for _, r := range rs {
		if len(r.NotRun) > 0 {
			m.skip(name, routesKeyword(name, "routes")+" entry '"+strings.Join(r.Words, " ")+"' ("+strings.Join(r.NotRun, ", ")+")")
			continue
		}
		out = append(out, kernel.Route{Family: r.Family, Type: int(r.Type), Dst: r.Dst, Src: r.Src, Gateway: r.Via,
			Dev: r.Device, Table: int(r.TableID), Metric: int(r.Metric), Protocol: int(r.Protocol),
			Scope: uint8(r.Scope), OnLink: r.OnLink})
	}
	return out
}

// rules maps virtual_rules like routes.
func (m *mapper) rules(name string, rs []*config.Rule) []kernel.Rule {
	var out []kernel.Rule
	for _, r := range rs {
		if len(r.NotRun) > 0 {
			m.skip(name, routesKeyword(name, "rules")+" entry '"+strings.Join(r.Words, " ")+"' ("+strings.Join(r.NotRun, ", ")+")")
			continue
		}
		kr := kernel.Rule{Family: r.Family, Priority: -1, Src: r.From, Dst: r.To, Invert: r.Not, Table: int(r.TableID),
			Action: int(r.Action), HasMark: r.HasFwmark, Mark: r.Fwmark, Mask: r.FwMask, IIF: r.IIF, OIF: r.OIF,
			Protocol: int(r.Protocol)}
		if r.Priority != nil {
			kr.Priority = int(*r.Priority)
		}
		out = append(out, kr)
	}
	return out
}

// routesKeyword names the block a route or rule came from: an
// instance's virtual_routes / virtual_rules, or the static ones.
func routesKeyword(instance, what string) string {
	if instance == "" {
		return "static_" + what
	}
	return "virtual_" + what
}
