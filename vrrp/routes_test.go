package vrrp

import (
	"context"
	"net/netip"
	"sync"
	"testing"

	"hakeep/vrrp/fsm"
	"hakeep/vrrp/kernel"
)

// routeNet is a fakeNet that also keeps virtual routes and rules.
type routeNet struct {
	*fakeNet
	mu     sync.Mutex
	routes map[netip.Prefix]bool
	rules  map[int]bool
}

func (n *routeNet) AddRoute(r kernel.Route) error {
	n.set(func() { n.routes[r.Dst] = true })
	return nil
}
func (n *routeNet) DelRoute(r kernel.Route) error {
	n.set(func() { delete(n.routes, r.Dst) })
	return nil
}
func (n *routeNet) AddRule(r kernel.Rule) error {
	n.set(func() { n.rules[r.Priority] = true })
	return nil
}
func (n *routeNet) DelRule(r kernel.Rule) error {
	n.set(func() { delete(n.rules, r.Priority) })
	return nil
}

func (n *routeNet) set(f func()) {
	n.mu.Lock()
	f()
	n.mu.Unlock()
}

func (n *routeNet) has() (route, rule bool) {
	return n.hasRoute("10.9.0.0/16"), n.hasRule(300)
}

func (n *routeNet) hasRoute(p string) bool {
	n.mu.Lock()
	defer n.mu.Unlock()
	return n.routes[netip.MustParsePrefix(p)]
}

func (n *routeNet) hasRule(prio int) bool {
	n.mu.Lock()
	defer n.mu.Unlock()
	return n.rules[prio]
}

// TestEngineRoutesFollowMaster: virtual_routes and virtual_rules are
// installed by a new master and removed when it goes back to BACKUP
// (keepalived.conf(5) virtual_routes).
func TestEngineRoutesFollowMaster(t *testing.T) {
	h := &hub{}
	na := &routeNet{fakeNet: newFakeNet(h, "10.0.0.1"), routes: map[netip.Prefix]bool{}, rules: map[int]bool{}}
	cfg := instanceCfg(100, 3)
	cfg.Routes = []kernel.Route{{Family: 4, Type: 1, Dst: netip.MustParsePrefix("10.9.0.0/16"), Protocol: kernel.RTProtKeepalived}}
	cfg.Rules = []kernel.Rule{{Family: 4, Priority: 300, Table: 100, Action: 1, Protocol: kernel.RTProtKeepalived}}
	a := NewEngine(Config{Instances: []InstanceConfig{cfg}}, Deps{Net: na})
	start(t, a)
	eventually(t, "a MASTER with its routes", func() bool {
		route, rule := na.has()
		return state(a) == fsm.Master && route && rule
	})
	b := NewEngine(Config{Instances: []InstanceConfig{instanceCfg(200, 3)}}, Deps{Net: newFakeNet(h, "10.0.0.2")})
	start(t, b)
	eventually(t, "a BACKUP without its routes", func() bool {
		route, rule := na.has()
		return state(a) == fsm.Backup && !route && !rule
	})
}

// TestEngineReloadRoutes: a reload of a master keeps its unchanged routes
// and rules, removes those no longer configured and adds the new ones.
func TestEngineReloadRoutes(t *testing.T) {
	h := &hub{}
	na := &routeNet{fakeNet: newFakeNet(h, "10.0.0.1"), routes: map[netip.Prefix]bool{}, rules: map[int]bool{}}
	route := func(p string) kernel.Route {
		return kernel.Route{Family: 4, Type: 1, Dst: netip.MustParsePrefix(p), Protocol: kernel.RTProtKeepalived}
	}
	rule := func(prio int) kernel.Rule {
		return kernel.Rule{Family: 4, Priority: prio, Table: 100, Action: 1, Protocol: kernel.RTProtKeepalived}
	}
	cfg := instanceCfg(255, 3)
	cfg.InitialMaster = true
	cfg.Routes = []kernel.Route{route("10.9.0.0/16"), route("10.8.0.0/16")}
	cfg.Rules = []kernel.Rule{rule(300), rule(301)}
	a := NewEngine(Config{Instances: []InstanceConfig{cfg}}, Deps{Net: na})
	start(t, a)
	eventually(t, "MASTER with its routes", func() bool {
		return state(a) == fsm.Master && na.hasRoute("10.8.0.0/16") && na.hasRule(301)
	})
	next := cfg
	next.Routes = []kernel.Route{route("10.9.0.0/16"), route("10.7.0.0/16")}
	next.Rules = []kernel.Rule{rule(300), rule(302)}
	if err := a.Reload(context.Background(), Config{Instances: []InstanceConfig{next}}); err != nil {
		t.Fatal(err)
	}
	eventually(t, "the routes and rules of the new configuration", func() bool {
		return na.hasRoute("10.9.0.0/16") && na.hasRoute("10.7.0.0/16") && !na.hasRoute("10.8.0.0/16") &&
			na.hasRule(300) && na.hasRule(302) && !na.hasRule(301)
	})
	if state(a) != fsm.Master {
		t.Fatal("the reload moved the master")
	}
}

// TestEngineStatic: static addresses, routes and rules are set when the
// engine starts, whatever the instances' states (here a backup hearing a
// higher priority master), and removed when it stops.
func TestEngineStatic(t *testing.T) {
	h := &hub{}
	na := &routeNet{fakeNet: newFakeNet(h, "10.0.0.1"), routes: map[netip.Prefix]bool{}, rules: map[int]bool{}}
	b := NewEngine(Config{Instances: []InstanceConfig{instanceCfg(200, 3)}}, Deps{Net: newFakeNet(h, "10.0.0.2")})
	start(t, b)
	eventually(t, "b MASTER", func() bool { return state(b) == fsm.Master })
	st := StaticConfig{Addresses: []VIP{{Prefix: netip.MustParsePrefix("10.0.0.150/24"), Dev: "eth0"}},
		Routes: []kernel.Route{{Family: 4, Type: 1, Dst: netip.MustParsePrefix("10.9.0.0/16"), Protocol: kernel.RTProtKeepalived}},
		Rules:  []kernel.Rule{{Family: 4, Priority: 300, Table: 100, Action: 1, Protocol: kernel.RTProtKeepalived}}}
	a := NewEngine(Config{Instances: []InstanceConfig{instanceCfg(100, 3)}, Static: st}, Deps{Net: na})
	stop, done := start(t, a)
	eventually(t, "the static address, route and rule on a backup", func() bool {
		route, rule := na.has()
		return state(a) == fsm.Backup && route && rule && na.hasVIP("10.0.0.150/24")
	})
	stop()
	if err := <-done; err != nil {
		t.Fatal(err)
	}
	done <- nil
	if route, rule := na.has(); route || rule || na.hasVIP("10.0.0.150/24") {
		t.Fatal("static address, route or rule left after stop")
	}
}
