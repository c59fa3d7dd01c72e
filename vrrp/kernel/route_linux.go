package kernel

import (
	"errors"
	"fmt"
	"net"
	"net/netip"

	"github.com/vishvananda/netlink"
	"golang.org/x/sys/unix"
)

func ipnet(p netip.Prefix) *net.IPNet {
	return &net.IPNet{IP: p.Addr().AsSlice(), Mask: net.CIDRMask(p.Bits(), p.Addr().BitLen())}
}

func family(f int) int {
	if f == 6 {
		return unix.AF_INET6
	}
	return unix.AF_INET
}

func (a *Addrs) route(r Route) (*netlink.Route, error) {
	n := &netlink.Route{Family: family(r.Family), Type: r.Type, Table: r.Table, Priority: r.Metric,
		Protocol: netlink.RouteProtocol(r.Protocol), Scope: netlink.Scope(r.Scope), MTU: r.MTU}
	if r.Dst.IsValid() {
		n.Dst = ipnet(r.Dst)
	} else if r.Family == 6 {
		n.Dst = &net.IPNet{IP: net.IPv6zero, Mask: net.CIDRMask(0, 128)}
	} else {
		n.Dst = &net.IPNet{IP: net.IPv4zero, Mask: net.CIDRMask(0, 32)}
	}
	if r.Src.IsValid() {
		n.Src = r.Src.AsSlice()
	}
	if r.Gateway.IsValid() {
		n.Gw = r.Gateway.AsSlice()
	}
	if r.OnLink {
		n.Flags |= int(netlink.FLAG_ONLINK)
	}
	if r.Dev != "" {
		l, err := a.h.LinkByName(r.Dev)
		if err != nil {
			return nil, fmt.Errorf("route %s: device %q: %w", r.Dst, r.Dev, err)
		}
		n.LinkIndex = l.Attrs().Index
	}
	return n, nil
}

// AddRoute installs the route; one already there is not an error.
func (a *Addrs) AddRoute(r Route) error {
	n, err := a.route(r)
	if err != nil {
		return err
	}
	if err := a.h.RouteAdd(n); err != nil && !errors.Is(err, unix.EEXIST) {
		return fmt.Errorf("adding route %s: %w", r.Dst, err)
	}
	return nil
}

// DelRoute removes the route; one already gone is not an error.
func (a *Addrs) DelRoute(r Route) error {
	n, err := a.route(r)
	if err != nil {
		return err
	}
	if err := a.h.RouteDel(n); err != nil && !errors.Is(err, unix.ESRCH) && !errors.Is(err, unix.ENOENT) {
		return fmt.Errorf("removing route %s: %w", r.Dst, err)
	}
	return nil
}

func (a *Addrs) rule(r Rule) *netlink.Rule {
	n := netlink.NewRule()
	n.Family = family(r.Family)
	n.Priority = r.Priority
	n.Table = r.Table
	n.Invert = r.Invert
	n.Protocol = uint8(r.Protocol)
	if r.Src.IsValid() {
		n.Src = ipnet(r.Src)
	}
	if r.Dst.IsValid() {
		n.Dst = ipnet(r.Dst)
	}
	if r.HasMark {
		n.Mark = r.Mark
		if r.Mask != 0 {
			m := r.Mask
			n.Mask = &m
		}
	}
	n.IifName, n.OifName = r.IIF, r.OIF
	if r.Action != unix.FR_ACT_TO_TBL {
		n.Type = uint8(r.Action)
	}
	return n
}

// AddRule installs the rule; one already there is not an error.
func (a *Addrs) AddRule(r Rule) error {
	if err := a.h.RuleAdd(a.rule(r)); err != nil && !errors.Is(err, unix.EEXIST) {
		return fmt.Errorf("adding rule %d: %w", r.Priority, err)
	}
	return nil
}

// DelRule removes the rule; one already gone is not an error.
func (a *Addrs) DelRule(r Rule) error {
	if err := a.h.RuleDel(a.rule(r)); err != nil && !errors.Is(err, unix.ENOENT) && !errors.Is(err, unix.ESRCH) {
		return fmt.Errorf("removing rule %d: %w", r.Priority, err)
	}
	return nil
}
