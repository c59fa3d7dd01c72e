package config

// netif is an interface as keepalived's interface queue holds it: one
// object per name, so that comparing pointers compares interfaces. A
// placeholder for an interface that does not exist yet has Index 0.
type netif struct {
	Interface
}

// ifLookup says what to do when an interface does not exist
// (if_lookup_t in vrrp_if.h).
type ifLookup int

const (
	ifNoCreate ifLookup = iota
	// ifCreateIfDynamic creates a placeholder with dynamic_interfaces,
	// otherwise notes that the configuration names a missing interface.
	ifCreateIfDynamic
	ifCreateAlways
)

// ifByName is if_get_by_ifname().
func (p *pass) ifByName(name string, mode ifLookup) *netif {
	if p.ifs == nil {
		p.ifs = map[string]*netif{}
	}
	if ifp, ok := p.ifs[name]; ok {
		return ifp
	}
	if hi, ok := p.host.Interface(name); ok {
		ifp := &netif{Interface: hi}
		p.ifs[name] = ifp
		return ifp
	}
	if mode == ifNoCreate || (mode == ifCreateIfDynamic && !p.cfg.Global.DynamicInterfaces) {
		if mode == ifCreateIfDynamic {
			p.nonExistentIf = true
		}
		return nil
	}
	ifp := &netif{Interface: Interface{Name: name}}
	p.ifs[name] = ifp
	if mode == ifCreateIfDynamic {
		p.logf("Configuration specifies interface %s which doesn't currently exist - will use if created", name)
	}
	return ifp
}

// defaultIf is the interface static addresses use when they name none:
// default_interface, or eth0 (get_default_if).
func (p *pass) defaultIf() *netif {
	name := p.cfg.Global.DefaultInterface
	if name == "" {
		name = "eth0"
	}
	if p.defaultIfp == nil {
		p.defaultIfp = p.ifByName(name, ifCreateIfDynamic)
	}
	return p.defaultIfp
}
