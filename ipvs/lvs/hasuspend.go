package lvs

import "net/netip"

// addrChanged is update_checker_activity(): the checkers of an ha_suspend
// virtual server run only while its address is on a local interface
// (keepalived.conf(5) ha_suspend), which for a VRRP virtual address means
// while the instance is MASTER. Addresses are counted, so that one on two
// interfaces suspends the checkers only once both are gone. Group virtual
// servers never match (addr_matches() leaves them out).
func (c *core) addrChanged(a netip.Addr, added bool) {
	a = a.Unmap()
	for _, vs := range c.vss {
		cfg := vs.cfg
		if !cfg.HASuspend || cfg.Group != nil || cfg.FWMark != 0 || cfg.Addr.Addr().Unmap() != a {
			continue
		}
		if added {
			vs.haSuspendCount++
		} else {
			vs.haSuspendCount--
		}
		for _, ck := range c.checkers {
			if ck.vs != vs || ck.cfg.Type == FileCheck {
				continue
			}
			if added != ck.enabled && (added || vs.haSuspendCount == 0) {
				what := "Suspend"
				if !ck.enabled {
					what = "Activat"
				}
				c.logf("%sing healthchecker for service %s for VS %s", what, chk(ck), vs.cfg)
				ck.enabled = added
			}
		}
	}
}

// usesHASuspend says whether local addresses matter (using_ha_suspend).
func (c *core) usesHASuspend() bool {
	for _, vs := range c.vss {
		if vs.cfg.HASuspend {
			return true
		}
	}
	return false
}
