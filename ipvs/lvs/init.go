package lvs

// initServices is init_services(): every virtual server into IPVS with
// its real servers that are not known to be failing.
func (c *core) initServices() {
	for _, vs := range c.vss {
		c.initServiceVS(vs)
	}
}

// initServiceVS is init_service_vs().
func (c *core) initServiceVS(vs *vsState) {
	if !vs.alive || vs.cfg.Group != nil {
		c.ipvsCmd(opAdd, vs, nil)
		vs.alive = true
	}
	c.initServiceRS(vs)
	if vs.reloaded && vs.cfg.Group != nil {
		c.syncServiceVSG(vs)
	}
	// The quorum may have changed with the configuration, and an alpha
	// virtual server may need its sorry server.
	c.updateQuorumState(vs, true)
	if s := vs.sorry; s != nil && s.inhibit && !s.set {
		if vs.sorryIsRS {
			s.set = true
		} else {
			// An inhibited sorry server waits in IPVS with weight 0.
			s.numFailed = 1
			c.ipvsCmd(opAddDest, vs, s)
			s.numFailed = 0
		}
	}
}

// initServiceRS is init_service_rs(). In alpha mode real servers are
// left out (or in with weight 0 under inhibit_on_failure) until their
// checkers succeed.
func (c *core) initServiceRS(vs *vsState) {
	for _, rs := range vs.rs {
		if rs.reloaded {
			if rs.effWeight != rs.pEffWeight {
				w := rs.effWeight
				rs.effWeight = rs.pEffWeight
				c.updateSvrWeight(w, vs, rs, false)
			}
			// A failed server is not put back at once on a reload.
			continue
		}
		if (rs.numFailed == 0 && !rs.alive) || (rs.inhibit && !rs.set) {
			c.ipvsCmd(opAddDest, vs, rs)
			if rs.numFailed == 0 {
				rs.alive = true
				if c.cfg.RSInitNotifies {
					c.doRSNotifies(vs, rs, false)
				}
			}
		}
	}
}
