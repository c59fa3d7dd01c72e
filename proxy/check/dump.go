package check

// DumpState are a server's check-driven fields of "show servers state"
// (dump_servers_state() in src/server.c, management.txt section 9.3):
// the numbers 2.6 writes, its enums and flag words as they are.
type DumpState struct {
	// OpState is srv_op_state (enum srv_state), AdminState
	// srv_admin_state (SRV_ADMF_* flags).
	OpState, AdminState int
	UWeight, IWeight    int
	// LastChange is the last state change, in unix seconds.
	LastChange int64
	// CheckStatus is HCHK_STATUS_*, CheckResult CHK_RES_*, CheckHealth
	// the health counter.
	CheckStatus, CheckResult, CheckHealth int
	// CheckState and AgentState are the CHK_ST_* flags of the health
	// check (low 4 bits) and the agent (low 5 bits).
	CheckState, AgentState int
}

// DumpState returns the server's "show servers state" fields.
func (s *Server) DumpState() DumpState {
	s.w.mu.Lock()
	defer s.w.mu.Unlock()
	c := s.check
	return DumpState{OpState: int(s.curState), AdminState: int(s.curAdmin), UWeight: s.uweight, IWeight: s.iweight,
		LastChange: s.lastChange, CheckStatus: int(c.status), CheckResult: int(c.res), CheckHealth: c.health,
		CheckState: c.stateFlags() & 0x0f, AgentState: s.agent.stateFlags() & 0x1f}
}

// stateFlags is check->state: CHK_ST_INPROGRESS (0x01), CONFIGURED
// (0x02), ENABLED (0x04), PAUSED (0x08) and AGENT (0x10, set on a
// configured agent).
func (c *Check) stateFlags() int {
	f := 0
	if c.inProgress {
		f |= 0x01
	}
	if c.configured {
		f |= 0x02
	}
	if c.enabled {
		f |= 0x04
	}
	if c.paused {
		f |= 0x08
	}
	if c.agent && c.configured {
		f |= 0x10
	}
	return f
}
