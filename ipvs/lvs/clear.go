package lvs

// clear.go is keepalived's removal of what it configured, on shutdown
// (clear_services()) and when a reload drops servers.

// clearServices is clear_services(): on shutdown, every virtual server
// and real server is removed, or IPVS is flushed (lvs_flush_on_stop).
func (c *core) clearServices() {
	if len(c.vss) == 0 {
		return
	}
	if c.cfg.FlushOnStop == FlushFull {
		c.tab.flush()
		for _, vs := range c.vss {
			c.updateVSNotifies(vs, true)
		}
		return
	}
	for _, vs := range c.vss {
		c.clearServiceVS(vs, true)
	}
}

// clearServiceVS is clear_service_vs().
func (c *core) clearServiceVS(vs *vsState, stopping bool) {
	if c.cfg.FlushOnStop == FlushNone {
		if s := vs.sorry; s != nil && s.set {
			if vs.sorryIsRS {
				s.set = false
			} else {
				inhibit := s.inhibit
				s.inhibit = false
				c.ipvsCmd(opDelDest, vs, s)
				s.inhibit = inhibit
			}
			s.alive = false
		}
		c.clearServiceRSList(vs, stopping)
	} else {
		c.updateVSNotifies(vs, stopping)
		if c.cfg.FlushOnStop == FlushVS && vs.cfg.Group != nil {
			// clear_vsg_rs_counts(): the kernel drops the destinations
			// with their services.
			for i, e := range vs.cfg.Group.Entries {
				c.vsge[vsgeKey{vs.cfg.Group.Name, i, entryKind(vs, e)}] -= len(vs.rs)
			}
		}
		if s := vs.sorry; s != nil && s.set {
			s.alive = false
		}
	}
	c.ipvsCmd(opDel, vs, nil)
	vs.alive = false
}

// clearServiceRSList is clear_service_rs_list().
func (c *core) clearServiceRSList(vs *vsState, stopping bool) {
	for _, rs := range vs.rs {
		c.clearServiceRS(vs, rs, stopping)
	}
	c.updateVSNotifies(vs, stopping)
}

// clearServiceRS is clear_service_rs(): a real server out of IPVS, even
// under inhibit_on_failure; its down notifications are sent unless
// shutting down without omega.
func (c *core) clearServiceRS(vs *vsState, rs *rsState, stopping bool) {
	if rs.set || stopping {
		verb := "Removing"
		if stopping {
			verb = "Shutting down"
		}
		inh := ""
		if rs.inhibit && !rs.alive {
			inh = "(inhibited) "
		}
		c.logf("%s %sservice %s from VS %s", verb, inh, rsString(rs.cfg, vs.cfg), vs.cfg)
	}
	if !rs.set {
		return
	}
	inhibit := rs.inhibit
	rs.inhibit = false
	c.ipvsCmd(opDelDest, vs, rs)
	rs.inhibit = inhibit
	if !rs.alive {
		return
	}
	rs.alive = false
	if !vs.cfg.Omega && stopping {
		return
	}
	c.doRSNotifies(vs, rs, stopping)
	if rs.cfg.SMTPAlert {
		msg := "=> Removing <="
		if stopping {
			msg = "=> Shutting down <="
		}
		c.notify.Alert(Alert{Kind: AlertRSShut, VS: vs.cfg.String(), RS: rsString(rs.cfg, vs.cfg), Message: msg})
	}
}
