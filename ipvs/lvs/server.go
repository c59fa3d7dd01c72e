package lvs

// server.go is ipwrapper.c's handling of a real server's state as its
// checkers report it.

// performSvrState is perform_svr_state(): a real server goes up or down.
// While the sorry server stands in for a lost quorum, the pool is left
// alone. It returns false when IPVS refused the change.
func (c *core) performSvrState(alive bool, vs *vsState, rs *rsState) bool {
	if rs.alive == alive {
		return true
	}
	verb, prep := "Remov", "from"
	switch {
	case alive && rs.inhibit:
		verb, prep = "Enabl", "of"
	case alive:
		verb, prep = "Add", "to"
	case rs.inhibit:
		verb, prep = "Disabl", "of"
	}
	c.logf("%sing service %s %s VS %s", verb, rsString(rs.cfg, vs.cfg), prep, vs.cfg)
	if vs.quorumUp || vs.sorry == nil || !vs.sorry.alive {
		o := opDelDest
		if alive {
			o = opAddDest
		}
		if !c.ipvsCmd(o, vs, rs) {
			return false
		}
	}
	rs.alive = alive
	c.doRSNotifies(vs, rs, false)
	c.updateQuorumState(vs, false)
	return true
}

// setCheckerState is set_checker_state(): a checker's own state, counted
// in its real server's failed checkers.
func setCheckerState(ck *checker, up bool) {
	if ck.isUp == up {
		return
	}
	ck.isUp = up
	if !up {
		ck.rs.numFailed++
	} else if ck.rs.numFailed > 0 {
		ck.rs.numFailed--
	}
}

// updateSvrCheckerState is update_svr_checker_state(): a checker's
// verdict. A real server is up when all its checkers are.
func (c *core) updateSvrCheckerState(alive bool, ck *checker) {
	if ck.isUp == alive {
		if !ck.hasRun {
			if ck.cfg.Alpha || !alive {
				c.doRSNotifies(ck.vs, ck.rs, false)
			}
			ck.hasRun = true
		}
		return
	}
	ck.hasRun = true
	if alive {
		if ck.rs.numFailed <= 1 && !c.performSvrState(true, ck.vs, ck.rs) {
			return
		}
	} else if ck.rs.numFailed == 0 && !c.performSvrState(false, ck.vs, ck.rs) {
		return
	}
	setCheckerState(ck, alive)
}

// updateSvrWeight is update_svr_wgt(): a new effective weight, given to
// IPVS when the server is in the pool.
func (c *core) updateSvrWeight(weight int64, vs *vsState, rs *rsState, updateQuorum bool) {
	newW, oldW := realWeight(weight), realWeight(rs.effWeight)
	rs.effWeight = weight
	if newW == oldW {
		return
	}
	in := ""
	if !rs.alive {
		in = "in"
	}
	c.logf("Changing weight from %d to %d for %sactive service %s of VS %s", oldW, newW, in, rsString(rs.cfg, vs.cfg), vs.cfg)
	if rs.set && rs.alive && (vs.quorumUp || vs.sorry == nil || !vs.sorry.alive) {
		c.ipvsCmd(opEditDest, vs, rs)
	}
	if updateQuorum {
		c.updateQuorumState(vs, false)
	}
}
