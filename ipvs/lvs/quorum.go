package lvs

// quorum.go is ipwrapper.c's quorum handling (keepalived.conf(5)
// quorum, hysteresis, sorry_server, quorum_up, quorum_down).

// setQuorumStates is set_quorum_states(): at start, a virtual server has
// its quorum when its live weight reaches quorum + hysteresis.
func (c *core) setQuorumStates() {
	for _, vs := range c.vss {
		vs.quorumUp = vs.weighLive() >= vs.cfg.Quorum+vs.cfg.Hysteresis
	}
}

// updateQuorumState is update_quorum_state(): the quorum is gained at
// quorum+hysteresis and lost below quorum-hysteresis; the sorry server
// replaces the live servers while it is lost.
func (c *core) updateQuorumState(vs *vsState, init bool) {
	sum := vs.weighLive()
	q, h := vs.cfg.Quorum, vs.cfg.Hysteresis
	threshold := q + h
	if vs.quorumUp {
		threshold = q - h
	}
	if !vs.quorumUp && sum >= threshold {
		vs.quorumUp = true
		c.logf("Gained quorum %d+%d=%d <= %d for VS %s", q, h, threshold, sum, vs.cfg)
		if s := vs.sorry; s != nil && s.alive {
			verb := "Removing"
			if s.inhibit {
				verb = "Disabling"
			}
			c.logf("%s sorry server %s from VS %s", verb, rsString(s.cfg, vs.cfg), vs.cfg)
			c.ipvsCmd(opDelDest, vs, s)
			s.alive = false
			c.performQuorumState(vs, true)
		}
		c.doVSNotifies(vs, init, threshold, sum, false)
		return
	}
	if (vs.quorumUp && (sum == 0 || sum < threshold)) ||
		(init && !vs.quorumUp && vs.sorry != nil && !vs.sorry.alive) {
		vs.quorumUp = false
		what := "Lost quorum"
		if init {
			what = "Starting with quorum down"
		}
		c.logf("%s %d-%d=%d > %d for VS %s", what, q, h, threshold, sum, vs.cfg)
		if s := vs.sorry; s != nil && !s.alive {
			verb := "Adding"
			if s.inhibit {
				verb = "Enabling"
			}
			c.logf("%s sorry server %s to VS %s", verb, rsString(s.cfg, vs.cfg), vs.cfg)
			c.performQuorumState(vs, false)
			c.ipvsCmd(opAddDest, vs, s)
			s.alive = true
		}
		c.doVSNotifies(vs, init, threshold, sum, false)
	}
}

// performQuorumState is perform_quorum_state(): the live real servers go
// into (add) or out of the pool.
func (c *core) performQuorumState(vs *vsState, add bool) {
	what := "Removing alive servers from"
	if add {
		what = "Adding alive servers to"
	}
	c.logf("%s the pool for VS %s", what, vs.cfg)
	for _, rs := range vs.rs {
		if !rs.alive {
			continue
		}
		o := opDelDest
		if add {
			rs.alive = false
			o = opAddDest
		}
		c.ipvsCmd(o, vs, rs)
		rs.alive = true
	}
}

// updateVSNotifies is update_vs_notifies(): the quorum lost as real
// servers are removed, without bringing in the sorry server.
func (c *core) updateVSNotifies(vs *vsState, stopping bool) {
	threshold := vs.cfg.Quorum - vs.cfg.Hysteresis
	sum := vs.weighLive()
	if stopping || (vs.quorumUp && (sum == 0 || sum < threshold)) {
		vs.quorumUp = false
		c.doVSNotifies(vs, false, threshold, sum, stopping)
	}
}
