package vrrp

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"syscall"

	"hakeep/vrrp/kernel"
)

// RouteNet is the optional part of Net that installs virtual_routes and
// virtual_rules (keepalived.conf(5)).
type RouteNet interface {
	AddRoute(r kernel.Route) error
	DelRoute(r kernel.Route) error
	AddRule(r kernel.Rule) error
	DelRule(r kernel.Rule) error
}

// addRoutes installs the instance's routes, then its rules, as a new
// master does after setting its addresses (vrrp.c vrrp_state_become_master:
// "setting Virtual Routes", "setting Virtual Rules").
func (in *instance) addRoutes() { in.installRoutes(in.cfg.Routes, in.cfg.Rules) }

// removeRoutes removes the rules, then the routes, as keepalived does
// when an instance leaves MASTER or starts (vrrp_restore_interface).
func (in *instance) removeRoutes() { in.uninstallRoutes(in.cfg.Routes, in.cfg.Rules) }

func (in *instance) installRoutes(routes []kernel.Route, rules []kernel.Rule) {
	rn, ok := in.net.(RouteNet)
	if !ok {
		return
	}
	if len(routes) > 0 {
		in.detailf("setting Virtual Routes")
		for _, r := range routes {
			if err := rn.AddRoute(r); err != nil {
				in.log.Warn(netlinkError(err, "RTM_NEWROUTE(24)"))
			}
		}
	}
	if len(rules) > 0 {
		in.detailf("setting Virtual Rules")
		for _, r := range rules {
			if err := rn.AddRule(r); err != nil {
				in.log.Warn(netlinkError(err, "RTM_NEWRULE(32)"))
			}
		}
	}
}

func (in *instance) uninstallRoutes(routes []kernel.Route, rules []kernel.Rule) {
	rn, ok := in.net.(RouteNet)
	if !ok {
		return
	}
	if len(rules) > 0 {
		in.detailf("removing Virtual Rules")
		for _, r := range rules {
			if err := rn.DelRule(r); err != nil {
				in.log.Warn(netlinkError(err, "RTM_DELRULE(33)"))
			}
		}
	}
	if len(routes) > 0 {
		in.detailf("removing Virtual Routes")
		for _, r := range routes {
			if err := rn.DelRoute(r); err != nil {
				in.log.Warn(netlinkError(err, "RTM_DELROUTE(25)"))
			}
		}
	}
}

// reloadRoutes applies a reload to a master's routes and rules: those no
// longer configured go, new ones come; unchanged ones stay in place.
func (in *instance) reloadRoutes(old InstanceConfig) {
	in.uninstallRoutes(missing(old.Routes, in.cfg.Routes), missing(old.Rules, in.cfg.Rules))
	in.installRoutes(missing(in.cfg.Routes, old.Routes), missing(in.cfg.Rules, old.Rules))
}

// missing lists the entries of a not in b.
func missing[T comparable](a, b []T) []T {
	var out []T
	for _, x := range a {
		if !slices.Contains(b, x) {
			out = append(out, x)
		}
	}
	return out
}

// netlinkError words a refused request as keepalived's netlink layer
// logs it ("Netlink: error: Invalid argument(22), type=RTM_NEWROUTE(24),
// seq=..., pid=0"; hakeep has no sequence number to show).
func netlinkError(err error, typ string) string {
	var en syscall.Errno
	if !errors.As(err, &en) {
		return "Netlink: error: " + err.Error() + ", type=" + typ
	}
	msg := en.Error()
	if msg != "" {
		msg = strings.ToUpper(msg[:1]) + msg[1:]
	}
	return fmt.Sprintf("Netlink: error: %s(%d), type=%s", msg, int(en), typ)
}
