package engine

import (
	"hakeep/proxy/check"
	"hakeep/proxy/stats"
)

// checkStats puts a server's check-driven fields into its "show stat"
// line (stats_fill_sv_stats()): the status text, state, administrative
// flags and user weight of the checks' state machine, the chkfail,
// chkdown, downtime and hanafail counters, and the check_* and agent_*
// columns. The check's rise, fall and health are already those of the
// end of the tracking chain.
func checkStats(sv *stats.Server, cs check.ServerStats) {
	sv.Status = cs.Status
	sv.State = stats.SrvState(cs.State)
	sv.UWeight = cs.Weight
	sv.LastChange = cs.LastChg
	sv.Admin &^= stats.AdminMaint | stats.AdminDrain
	if cs.Maint {
		sv.Admin |= stats.AdminMaint
	}
	if cs.Drain {
		sv.Admin |= stats.AdminDrain
	}
	sv.Check = statsCheck(cs.Check)
	if cs.Counters {
		// the health check is enabled, maybe paused by maintenance
		sv.Check.Enabled, sv.Check.Paused = true, !cs.Check.Shown
		sv.FailedChecks, sv.DownTrans, sv.DownTime = cs.ChkFail, cs.ChkDown, cs.DownTime
	}
	sv.Agent = statsCheck(cs.Agent)
	sv.Observe, sv.FailedHana = cs.HasHanaFail, cs.HanaFail
	sv.Ref = nil
}

func statsCheck(c check.CheckStats) stats.Check {
	if !c.Shown {
		return stats.Check{}
	}
	return stats.Check{Enabled: true, Status: c.Status, Desc: c.Desc, Last: c.Last,
		Code: c.Code, HasCode: c.HasCode, Duration: c.Duration, HasDuration: c.HasDuration,
		Rise: c.Rise, Fall: c.Fall, Health: c.Health}
}
